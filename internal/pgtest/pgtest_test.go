package pgtest

import (
	"context"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"
)

// unreachable is a loopback port nothing listens on: connecting is refused
// at once instead of timing out.
const unreachable = "postgres://postgres@127.0.0.1:1/postgres?sslmode=disable&connect_timeout=2"

func connect(t *testing.T, rawURL string) *pgx.Conn {
	t.Helper()
	conn, err := pgx.Connect(t.Context(), rawURL)
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close(context.Background()) })
	return conn
}

func databaseExists(t *testing.T, name string) bool {
	t.Helper()
	var exists bool
	err := connect(t, ServerURL(t)).QueryRow(t.Context(),
		"SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists)
	require.NoError(t, err)
	return exists
}

func nameOf(t *testing.T, dbURL string) string {
	t.Helper()
	u, err := url.Parse(dbURL)
	require.NoError(t, err)
	return strings.TrimPrefix(u.Path, "/")
}

func TestNewDatabase(t *testing.T) {
	t.Parallel()

	var dbURL string
	t.Run("usable", func(t *testing.T) {
		dbURL = NewDatabase(t)
		conn := connect(t, dbURL)

		var current string
		require.NoError(t, conn.QueryRow(t.Context(), "SELECT current_database()").Scan(&current))
		require.Equal(t, nameOf(t, dbURL), current)
		require.True(t, strings.HasPrefix(current, DatabasePrefix), current)

		_, err := conn.Exec(t.Context(), "CREATE TABLE badge (id int PRIMARY KEY, name text NOT NULL)")
		require.NoError(t, err)
		_, err = conn.Exec(t.Context(), "INSERT INTO badge VALUES (1, 'Chemistry lab safety')")
		require.NoError(t, err)
		var name string
		require.NoError(t, conn.QueryRow(t.Context(), "SELECT name FROM badge WHERE id = 1").Scan(&name))
		require.Equal(t, "Chemistry lab safety", name)
	})
	require.NotEmpty(t, dbURL)
	require.False(t, databaseExists(t, nameOf(t, dbURL)), "database left behind after the test ended")
}

func TestNewDatabaseDropsWithOpenConnections(t *testing.T) {
	t.Parallel()

	var dbURL string
	var leaked *pgx.Conn
	t.Run("forgets to close", func(t *testing.T) {
		dbURL = NewDatabase(t)
		var err error
		leaked, err = pgx.Connect(t.Context(), dbURL)
		require.NoError(t, err)
	})
	defer func() { _ = leaked.Close(context.Background()) }()

	require.False(t, databaseExists(t, nameOf(t, dbURL)), "database left behind by an open connection")
	require.Error(t, leaked.Ping(t.Context()), "the connection to the dropped database still works")
}

func TestNewDatabaseParallel(t *testing.T) {
	t.Parallel()

	const n = 6
	var mu sync.Mutex
	seen := map[string]bool{}
	t.Run("group", func(t *testing.T) {
		for i := range n {
			t.Run("db", func(t *testing.T) {
				t.Parallel()
				dbURL := NewDatabase(t)
				_, err := connect(t, dbURL).Exec(t.Context(), "CREATE TABLE t (i int)")
				require.NoError(t, err, "database %d", i)
				mu.Lock()
				defer mu.Unlock()
				require.False(t, seen[dbURL], "two tests got %s", dbURL)
				seen[dbURL] = true
			})
		}
	})
	require.Len(t, seen, n)
	for dbURL := range seen {
		require.False(t, databaseExists(t, nameOf(t, dbURL)))
	}
}

func TestFindServer(t *testing.T) {
	t.Parallel()
	reachable := ServerURL(t)

	tests := []struct {
		name       string
		env        map[string]string
		candidates []string
		want       string
		wantErr    []string
	}{
		{
			name: "ok/env url wins over local servers",
			env:  map[string]string{EnvURL: reachable},
			// The candidate would fail: the env URL must be used alone.
			candidates: []string{unreachable},
			want:       reachable,
		},
		{
			name:       "ok/first local server that answers",
			candidates: []string{unreachable, reachable},
			want:       reachable,
		},
		{
			name:       "error/env url unreachable",
			env:        map[string]string{EnvURL: unreachable},
			candidates: []string{reachable},
			wantErr:    []string{EnvURL, "127.0.0.1:1", "make test"},
		},
		{
			name:    "error/env url not a postgres url",
			env:     map[string]string{EnvURL: "host=127.0.0.1 user=postgres"},
			wantErr: []string{EnvURL, "not a postgres:// URL"},
		},
		{
			name:       "error/password not shown",
			env:        map[string]string{EnvURL: "postgres://u:s3cret@127.0.0.1:1/postgres?connect_timeout=2"},
			candidates: []string{reachable},
			wantErr:    []string{"u:xxxxx@127.0.0.1:1"},
		},
		{
			name:       "error/no local server",
			candidates: []string{unreachable},
			wantErr:    []string{EnvURL + " is not set", "127.0.0.1:1", "make test"},
		},
		{
			name:       "error/local servers ruled out",
			env:        map[string]string{EnvSkipLocal: "1"},
			candidates: []string{reachable},
			wantErr:    []string{EnvSkipLocal + "=1", "make test"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := findServer(t.Context(), func(k string) string { return tt.env[k] }, tt.candidates)
			if tt.wantErr != nil {
				require.Error(t, err)
				for _, want := range tt.wantErr {
					require.Contains(t, err.Error(), want)
				}
				require.NotContains(t, err.Error(), "s3cret")
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.want, got)
		})
	}
}

func TestDatabaseURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		admin   string
		want    string
		wantErr string
	}{
		{
			name:  "ok/replaces the database",
			admin: "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable",
			want:  "postgres://postgres@127.0.0.1:5432/badged_test_00?sslmode=disable",
		},
		{
			name:  "ok/keeps password and options",
			admin: "postgresql://ci:p%40ss@db.test:6543/admin?sslmode=require&application_name=ci",
			want:  "postgresql://ci:p%40ss@db.test:6543/badged_test_00?sslmode=require&application_name=ci",
		},
		{
			name:  "ok/no database in the admin url",
			admin: "postgres://postgres@127.0.0.1:5432",
			want:  "postgres://postgres@127.0.0.1:5432/badged_test_00",
		},
		{
			name:    "error/keyword form",
			admin:   "host=127.0.0.1 dbname=postgres",
			wantErr: "not a postgres:// URL",
		},
		{
			name:    "error/other scheme",
			admin:   "mysql://root@127.0.0.1:3306/test",
			wantErr: "not a postgres:// URL",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := databaseURL(tt.admin, "badged_test_00")
			if tt.wantErr != "" {
				require.ErrorContains(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.want, got)
		})
	}
}
