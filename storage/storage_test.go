package storage

import (
	"context"
	"crypto/rand"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"badged/internal/pgtest"
	"badged/issuer"
	"badged/storage/storagetest"
)

func TestStore(t *testing.T) {
	t.Parallel()
	forEachDialect(t, func(t *testing.T, newDSN func(t *testing.T) string) {
		storagetest.Run(t, func(t *testing.T) issuer.Store {
			return openMigrated(t, newDSN(t))
		})
	})
}

// forEachDialect runs fn as the parallel subtests "sqlite" and "postgres".
// newDSN returns an empty database of that dialect on each call: a file in
// a temporary directory, or a schema of its own in one PostgreSQL database
// per subtest (creating a PostgreSQL database takes half a second here, a
// schema a few milliseconds). A missing PostgreSQL server fails the test.
func forEachDialect(t *testing.T, fn func(t *testing.T, newDSN func(t *testing.T) string)) {
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
	// Tests need no durability: not waiting for the WAL flush at each
	// commit makes the suite several times faster and changes nothing
	// about visibility or locking.
	q.Set("synchronous_commit", "off")
	u.RawQuery = q.Encode()
	return u.String()
}

// open opens dsn and closes it when the test ends.
func open(t testing.TB, dsn string, opts ...Option) *DB {
	t.Helper()
	db, err := Open(context.Background(), dsn, opts...)
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, db.Close()) })
	return db
}

// openMigrated opens dsn and migrates it.
func openMigrated(t testing.TB, dsn string, opts ...Option) *DB {
	t.Helper()
	db := open(t, dsn, opts...)
	require.NoError(t, db.Migrate(context.Background()))
	return db
}
