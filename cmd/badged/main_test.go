package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"badged/internal/pgtest"
)

// env is a fake environment for run.
func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func databases(t *testing.T) map[string]string {
	return map[string]string{
		"sqlite":   filepath.Join(t.TempDir(), "data", "badged.db"),
		"postgres": pgtest.NewDatabase(t),
	}
}

func TestCommands(t *testing.T) {
	t.Parallel()
	for name, dsn := range databases(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			vars := env(map[string]string{"BADGED_DATABASE_URL": dsn, "BADGED_LOG_LEVEL": "warn"})
			var out, errOut bytes.Buffer
			require.NoError(t, run(ctx, []string{"migrate"}, vars, &out, &errOut), errOut.String())
			require.Regexp(t, `0001 init\s+applied`, out.String())
			require.NotContains(t, out.String(), "pending")

			out.Reset()
			require.NoError(t, run(ctx, []string{"user", "add", "-email", "Ada@Uni.Example", "-name", "Ada", "-role", "admin", "-role", "provost"}, vars, &out, &errOut), errOut.String())
			require.Contains(t, out.String(), "<ada@uni.example> created")
			err := run(ctx, []string{"user", "add", "-email", "ada@uni.example", "-name", "Ada again"}, vars, &out, &errOut)
			require.ErrorContains(t, err, "already exists")
			err = run(ctx, []string{"user", "add", "-email", "x@uni.example", "-name", "X", "-role", "smc_chair"}, vars, &out, &errOut)
			require.ErrorContains(t, err, "committee membership")

			out.Reset()
			errOut.Reset()
			require.NoError(t, run(ctx, []string{"token", "create", "-email", "ada@uni.example", "-name", "laptop"}, vars, &out, &errOut), errOut.String())
			require.Regexp(t, `^bdg_[0-9a-f-]+_[A-Za-z0-9_-]{43}\n$`, out.String())
			require.Contains(t, errOut.String(), "shown once")

			out.Reset()
			require.NoError(t, run(ctx, []string{"audit", "verify"}, vars, &out, &errOut))
			require.Regexp(t, `audit chain OK: 2 events`, out.String())

			out.Reset()
			require.NoError(t, run(ctx, []string{"version"}, vars, &out, &errOut))
			require.Equal(t, "badged dev\n", out.String())
			require.ErrorIs(t, run(ctx, []string{"frobnicate"}, vars, &out, &errOut), errUsage)
			require.ErrorIs(t, run(ctx, nil, vars, &out, &errOut), errUsage)
		})
	}
}

// TestAuditVerifyDetectsEditedRow edits one stored audit event behind the
// service's back; `badged audit verify` must name it.
func TestAuditVerifyDetectsEditedRow(t *testing.T) {
	t.Parallel()
	for name, dsn := range databases(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			vars := env(map[string]string{"BADGED_DATABASE_URL": dsn, "BADGED_LOG_LEVEL": "warn"})
			var out, errOut bytes.Buffer
			for i := range 4 {
				email := fmt.Sprintf("user%d@uni.example", i)
				require.NoError(t, run(ctx, []string{"user", "add", "-email", email, "-name", "User"}, vars, &out, &errOut), errOut.String())
			}
			out.Reset()
			require.NoError(t, run(ctx, []string{"audit", "verify"}, vars, &out, &errOut))
			require.Contains(t, out.String(), "audit chain OK: 4 events")

			// A person with database access rewrites who created user 1.
			const edit = `UPDATE audit_events SET comment = 'nothing to see' WHERE seq = 3`
			if name == "postgres" {
				conn, err := pgx.Connect(ctx, dsn)
				require.NoError(t, err)
				defer conn.Close(ctx)
				_, err = conn.Exec(ctx, edit)
				require.ErrorContains(t, err, "append-only", "the database refuses edits")
				// The table's owner can still switch the guard off; the chain catches that too.
				_, err = conn.Exec(ctx, `ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only`)
				require.NoError(t, err)
				_, err = conn.Exec(ctx, edit)
				require.NoError(t, err)
			} else {
				require.ErrorContains(t, sqliteExec(dsn, edit), "append-only", "the database refuses edits")
				require.NoError(t, sqliteExec(dsn, `DROP TRIGGER audit_events_no_update`))
				require.NoError(t, sqliteExec(dsn, edit))
			}
			out.Reset()
			err := run(ctx, []string{"audit", "verify"}, vars, &out, &errOut)
			require.ErrorIs(t, err, errAuditBroken)
			require.Contains(t, out.String(), "BROKEN after 2 good events")
			require.Contains(t, out.String(), "broken at event 3")
			require.Contains(t, out.String(), "edited")
		})
	}
}

// TestServe starts the service as `make run` does, on a fresh SQLite file:
// it prints the URL and a first admin token, answers with that token, and
// shuts down when asked.
func TestServe(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	ln.Close()
	vars := env(map[string]string{
		"BADGED_ADDR":            addr,
		"BADGED_DATABASE_URL":    filepath.Join(dir, "data", "badged.db"),
		"BADGED_MASTER_KEY_FILE": filepath.Join(dir, "data", "master.key"),
		"BADGED_LOG_LEVEL":       "warn",
	})
	ctx, cancel := context.WithCancel(context.Background())
	out := &syncBuffer{}
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"serve"}, vars, out, io.Discard) }()

	base := "http://" + addr
	require.Eventually(t, func() bool {
		resp, err := http.Get(base + "/healthz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	}, 10*time.Second, 20*time.Millisecond)
	token := regexp.MustCompile(`bdg_[0-9a-f-]+_[A-Za-z0-9_-]{43}`).FindString(out.String())
	require.NotEmpty(t, token, "first start prints an admin token:\n%s", out.String())
	require.Contains(t, out.String(), "listening on "+base)

	resp, err := http.Get(base + "/readyz")
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)

	req, _ := http.NewRequest(http.MethodGet, base+"/api/v1/me", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err = http.DefaultClient.Do(req)
	require.NoError(t, err)
	var me map[string]any
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&me))
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Contains(t, fmt.Sprint(me), "admin@localhost")

	info, err := os.Stat(filepath.Join(dir, "data", "master.key"))
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o600), info.Mode().Perm())

	cancel()
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not shut down")
	}
	// A second start finds the admin and prints no new token.
	ctx2, cancel2 := context.WithCancel(context.Background())
	out2 := &syncBuffer{}
	go func() { done <- run(ctx2, []string{"serve"}, vars, out2, io.Discard) }()
	require.Eventually(t, func() bool { return strings.Contains(out2.String(), "listening") }, 10*time.Second, 20*time.Millisecond)
	cancel2()
	require.NoError(t, <-done)
	require.NotContains(t, out2.String(), "bdg_")
}

func TestMasterKeyFileMustBePrivate(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "master.key")
	require.NoError(t, os.WriteFile(path, []byte("secret\n"), 0o644))
	_, err := ensureMasterKey(path)
	require.ErrorContains(t, err, "readable by others")
}

func TestRedactedDatabase(t *testing.T) {
	t.Parallel()
	require.Equal(t, "postgres://app:***@db:5432/badged", redactedDatabase("postgres://app:s3cret@db:5432/badged"))
	require.Equal(t, "data/badged.db", redactedDatabase("data/badged.db"))
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }
