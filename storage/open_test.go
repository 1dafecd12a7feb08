package storage

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"badged/issuer"
)

func TestSQLiteDSN(t *testing.T) {
	t.Parallel()
	const pragmas = "_pragma=busy_timeout%285000%29&_pragma=journal_mode%28WAL%29&_pragma=foreign_keys%281%29&_txlock=immediate"
	tests := []struct {
		name, dsn    string
		driver, path string
		wantErr      bool
	}{
		{name: "ok/relative path", dsn: "data/badged.db", driver: "data/badged.db?" + pragmas, path: "data/badged.db"},
		{name: "ok/absolute path", dsn: "/var/lib/badged/badged.db", driver: "/var/lib/badged/badged.db?" + pragmas, path: "/var/lib/badged/badged.db"},
		{name: "ok/sqlite prefix", dsn: "sqlite:badged.db", driver: "badged.db?" + pragmas, path: "badged.db"},
		{name: "ok/sqlite url", dsn: "sqlite:///srv/badged.db", driver: "/srv/badged.db?" + pragmas, path: "/srv/badged.db"},
		{name: "ok/caller's options last", dsn: "badged.db?_pragma=synchronous(NORMAL)", driver: "badged.db?" + pragmas + "&_pragma=synchronous(NORMAL)", path: "badged.db"},
		{name: "ok/file uri", dsn: "file:badged.db?cache=shared", driver: "file:badged.db?" + pragmas + "&cache=shared", path: "badged.db"},
		{name: "ok/file uri absolute", dsn: "file:///srv/my%20data/badged.db", driver: "file:///srv/my%20data/badged.db?" + pragmas, path: "/srv/my data/badged.db"},
		{name: "ok/memory", dsn: ":memory:", driver: ":memory:?" + pragmas, path: ""},
		{name: "ok/memory uri", dsn: "file:test?mode=memory", driver: "file:test?" + pragmas + "&mode=memory", path: ""},
		{name: "error/empty", dsn: "", wantErr: true},
		{name: "error/empty after prefix", dsn: "sqlite:", wantErr: true},
		{name: "error/bad options", dsn: "badged.db?%zz", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			driver, path, err := sqliteDSN(tt.dsn)
			if tt.wantErr {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.driver, driver)
			require.Equal(t, tt.path, path)
		})
	}
}

func TestOpenSQLite(t *testing.T) {
	t.Parallel()

	t.Run("ok/creates the directory and sets the pragmas", func(t *testing.T) {
		t.Parallel()
		path := filepath.Join(t.TempDir(), "nested", "dir", "badged.db")
		db := open(t, "sqlite:"+path)
		require.Equal(t, SQLite, db.Dialect())
		_, err := os.Stat(path)
		require.NoError(t, err)

		pragma := func(name string) string {
			var v string
			require.NoError(t, db.db(t.Context()).Raw("PRAGMA "+name).Scan(&v).Error)
			return v
		}
		require.Equal(t, "wal", pragma("journal_mode"))
		require.Equal(t, "1", pragma("foreign_keys"))
		require.Equal(t, "5000", pragma("busy_timeout"))

		sqlDB, err := db.gdb.DB()
		require.NoError(t, err)
		require.Equal(t, 1, sqlDB.Stats().MaxOpenConnections)
	})

	t.Run("ok/a transaction holds the write lock from its start", func(t *testing.T) {
		t.Parallel()
		// Two processes on one file, such as the server and a CLI command.
		path := filepath.Join(t.TempDir(), "badged.db")
		server := openMigrated(t, path)
		cli := open(t, path+"?_pragma=busy_timeout(100)")
		err := server.InTx(t.Context(), func(tx issuer.Store) error {
			if _, err := tx.ListFaculties(t.Context(), issuer.Page{}); err != nil {
				return err
			}
			fac := issuer.Faculty{Code: "LAW", Name: "Law"}
			require.ErrorContains(t, cli.CreateFaculty(t.Context(), &fac), "SQLITE_BUSY",
				"a transaction that has only read still excludes other writers, so it cannot fail later when it writes")
			return nil
		})
		require.NoError(t, err)
		fac := issuer.Faculty{Code: "LAW", Name: "Law"}
		require.NoError(t, cli.CreateFaculty(t.Context(), &fac), "the lock is released at commit")
	})

	t.Run("ok/in memory", func(t *testing.T) {
		t.Parallel()
		db := openMigrated(t, ":memory:")
		status, err := db.MigrationStatus(t.Context())
		require.NoError(t, err)
		require.Empty(t, pending(status), "the single connection keeps the database alive")
	})

	t.Run("error/directory cannot be created", func(t *testing.T) {
		t.Parallel()
		file := filepath.Join(t.TempDir(), "file")
		require.NoError(t, os.WriteFile(file, nil, 0o600))
		_, err := Open(t.Context(), filepath.Join(file, "badged.db"))
		require.ErrorContains(t, err, "create directory")
	})
}

// testOptions checks Open's options on a fresh database from newDSN.
func testOptions(t *testing.T, newDSN func(t *testing.T) string) {
	clock := time.Date(2026, 7, 1, 8, 0, 0, 999, time.FixedZone("UTC+2", 2*60*60))
	db := openMigrated(t, newDSN(t), WithMaxOpenConns(3), WithClock(func() time.Time { return clock }))
	require.NoError(t, db.Ping(t.Context()))

	sqlDB, err := db.gdb.DB()
	require.NoError(t, err)
	want := map[Dialect]int{SQLite: 1, Postgres: 3}[db.Dialect()]
	require.Equal(t, want, sqlDB.Stats().MaxOpenConnections, "SQLite has one writer, so one connection")

	u := issuer.User{Email: "clock@example.edu", Name: "Clock"}
	require.NoError(t, db.CreateUser(t.Context(), &u))
	require.NotEmpty(t, u.ID, "an empty ID is assigned")
	got, err := db.GetUser(t.Context(), u.ID)
	require.NoError(t, err)
	require.Equal(t, clock.UTC().Truncate(time.Microsecond), got.CreatedAt, "a zero time comes from the clock")
}

func TestOpenPostgresUnreachable(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	for _, scheme := range []string{"postgres", "postgresql"} {
		_, err := Open(ctx, scheme+"://postgres:s3cret@127.0.0.1:1/badged?sslmode=disable&connect_timeout=2")
		require.Error(t, err)
		require.Contains(t, err.Error(), "postgres")
		require.NotContains(t, err.Error(), "s3cret", "the password is not in the error")
	}
}
