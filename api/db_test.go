package api_test

import (
	"context"
	"crypto/rand"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"badged/api/apitest"
	"badged/internal/pgtest"
	"badged/storage"
)

// forEachDB runs fn as the parallel subtests "sqlite" and "postgres".
// newDSN returns an empty database of that dialect on each call: a file in
// a temporary directory, or a schema of its own in one PostgreSQL database
// per subtest. A missing PostgreSQL server fails the test (see
// internal/pgtest): half the suite must not pass by not running.
func forEachDB(t *testing.T, fn func(t *testing.T, newDSN func(t *testing.T) string)) {
	t.Run("sqlite", func(t *testing.T) {
		t.Parallel()
		fn(t, func(t *testing.T) string { return filepath.Join(t.TempDir(), "badged.db") })
	})
	t.Run("postgres", func(t *testing.T) {
		t.Parallel()
		base := pgtest.NewDatabase(t)
		fn(t, func(t *testing.T) string { return newSchema(t, base) })
	})
}

// newEnv starts an API server over a fresh database from newDSN.
func newEnv(t *testing.T, newDSN func(t *testing.T) string, opts ...apitest.Option) *apitest.Env {
	t.Helper()
	return apitest.New(t, openStore(t, newDSN(t)), opts...)
}

// openStore opens and migrates dsn, and closes it when the test ends.
func openStore(t testing.TB, dsn string) *storage.DB {
	t.Helper()
	ctx := context.Background()
	db, err := storage.Open(ctx, dsn)
	require.NoError(t, err)
	t.Cleanup(func() { _ = db.Close() }) // a test may have closed it already
	require.NoError(t, db.Migrate(ctx))
	return db
}

// newSchema creates an empty schema in the database at base and returns a
// DSN whose search_path puts everything in it.
func newSchema(t *testing.T, base string) string {
	t.Helper()
	name := "s_" + strings.ToLower(rand.Text())
	conn, err := pgx.Connect(t.Context(), base)
	require.NoError(t, err)
	defer conn.Close(context.Background())
	_, err = conn.Exec(t.Context(), "CREATE SCHEMA "+pgx.Identifier{name}.Sanitize())
	require.NoError(t, err)
	u, err := url.Parse(base)
	require.NoError(t, err)
	q := u.Query()
	q.Set("search_path", name)
	q.Set("synchronous_commit", "off") // tests need no durability
	u.RawQuery = q.Encode()
	return u.String()
}
