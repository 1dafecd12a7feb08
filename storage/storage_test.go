package storage

import (
	"context"
	"crypto/rand"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"badged/internal/pgtest"
	"badged/issuer"
	"badged/storage/storagetest"
)

func TestStore(t *testing.T) {
	t.Parallel()
	t.Run("sqlite", func(t *testing.T) {
		t.Parallel()
		storagetest.Run(t, func(t *testing.T) issuer.Store {
			return openMigrated(t, filepath.Join(t.TempDir(), "badged.db"))
		})
	})
	t.Run("postgres", func(t *testing.T) {
		t.Parallel()
		pool := newSchemaPool(t, pgtest.NewDatabase(t), 4)
		storagetest.Run(t, func(t *testing.T) issuer.Store { return pool.take(t) })
	})
}

// TestDB runs the tests of this implementation beyond the contract on both
// databases. They share one PostgreSQL database, each in schemas of its
// own: creating a database costs far more than a schema.
func TestDB(t *testing.T) {
	t.Parallel()
	forEachDialect(t, func(t *testing.T, newDSN func(t *testing.T) string) {
		tests := []struct {
			name string
			run  func(t *testing.T, newDSN func(t *testing.T) string)
		}{
			{"migrations", testMigrate},
			{"audit", testAuditLog},
			{"log", testLog},
			{"options", testOptions},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				t.Parallel()
				tt.run(t, newDSN)
			})
		}
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
func newSchema(t testing.TB, base string) string {
	t.Helper()
	dsn, err := createSchema(t.Context(), base)
	require.NoError(t, err)
	return dsn
}

func createSchema(ctx context.Context, base string) (string, error) {
	name := "s_" + strings.ToLower(rand.Text())
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		return "", err
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+pgx.Identifier{name}.Sanitize()); err != nil {
		return "", err
	}
	u, err := url.Parse(base)
	if err != nil {
		return "", err
	}
	q := u.Query()
	q.Set("search_path", name)
	// Tests need no durability: not waiting for the WAL flush at each
	// commit changes nothing about visibility or locking.
	q.Set("synchronous_commit", "off")
	u.RawQuery = q.Encode()
	return u.String(), nil
}

// schemaPool hands out migrated PostgreSQL schemas, migrating a few ahead
// in the background. Migrating is most of what a contract test costs on
// PostgreSQL, and migrations overlap well, while tests run at most
// GOMAXPROCS at a time.
type schemaPool struct {
	base   string
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
	ready  chan preparedSchema
}

type preparedSchema struct {
	db  *DB
	err error
}

// newSchemaPool starts migrating ahead schemas in the database at base.
func newSchemaPool(t *testing.T, base string, ahead int) *schemaPool {
	ctx, cancel := context.WithCancel(context.Background())
	p := &schemaPool{base: base, ctx: ctx, cancel: cancel, ready: make(chan preparedSchema, ahead)}
	for range ahead {
		p.prepare()
	}
	t.Cleanup(func() {
		p.cancel()
		p.wg.Wait()
		close(p.ready)
		for r := range p.ready {
			if r.db != nil {
				_ = r.db.Close()
			}
		}
	})
	return p
}

func (p *schemaPool) prepare() {
	p.wg.Go(func() {
		db, err := func() (*DB, error) {
			dsn, err := createSchema(p.ctx, p.base)
			if err != nil {
				return nil, err
			}
			db, err := Open(p.ctx, dsn)
			if err != nil {
				return nil, err
			}
			if err := db.Migrate(p.ctx); err != nil {
				_ = db.Close()
				return nil, err
			}
			return db, nil
		}()
		p.ready <- preparedSchema{db: db, err: err}
	})
}

// take returns a migrated store of its own, closed when the test ends, and
// starts migrating the next one. At most ahead schemas are ever waiting.
func (p *schemaPool) take(t *testing.T) *DB {
	t.Helper()
	r := <-p.ready
	p.prepare()
	require.NoError(t, r.err)
	t.Cleanup(func() { require.NoError(t, r.db.Close()) })
	return r.db
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
