package storage

import (
	"bytes"
	"log/slog"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"badged/issuer"
)

// syncBuffer is a bytes.Buffer safe for the logger's concurrent writes.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// testLog checks that the SQL trace never shows values.
func testLog(t *testing.T, newDSN func(t *testing.T) string) {
	var out syncBuffer
	logger := slog.New(slog.NewTextHandler(&out, &slog.HandlerOptions{Level: slog.LevelDebug}))
	db := openMigrated(t, newDSN(t), WithLogger(logger))
	ctx := t.Context()

	u := issuer.User{ID: "user-1", Email: "private.person@example.edu", Name: "Private Person"}
	require.NoError(t, db.CreateUser(ctx, &u))
	tok := issuer.Token{ID: "tok-1", UserID: u.ID, Name: "ci", SecretHash: []byte("SECRET-HASH-BYTES")}
	require.NoError(t, db.CreateToken(ctx, &tok))
	_, err := db.GetUserByEmail(ctx, "private.person@example.edu")
	require.NoError(t, err)
	dup := issuer.User{ID: "user-2", Email: "private.person@example.edu", Name: "Someone Else"}
	requireCode(t, db.CreateUser(ctx, &dup), issuer.EConflict)

	log := out.String()
	require.Contains(t, log, "INSERT INTO")
	require.Contains(t, log, "api_tokens")
	require.Contains(t, log, "failed=true")
	for _, secret := range []string{"private.person", "Private Person", "SECRET-HASH", "Someone Else"} {
		require.NotContains(t, log, secret)
	}
}

// requireCode asserts err's issuer code.
func requireCode(t *testing.T, err error, code string) {
	t.Helper()
	require.Error(t, err)
	require.Equal(t, code, issuer.ErrorCode(err), "error: %v", err)
}
