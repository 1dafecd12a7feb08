package storage

import (
	"cmp"
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
)

// migrationFiles holds the schema, one directory per dialect. Files are
// named NNNN_name.sql; both directories hold the same versions.
//
//go:embed migrations/postgres/*.sql migrations/sqlite/*.sql
var migrationFiles embed.FS

// ErrSchemaNewer is returned by Migrate when the database records a
// migration this binary does not know: a newer binary migrated it, and
// running older code against it could corrupt data.
var ErrSchemaNewer = errors.New("the database schema is newer than this binary")

// migrationLockClass is the first key of the PostgreSQL advisory lock that
// serializes migrations run by several processes at once (replicas starting
// together). The second key is the schema's name, so migrations of
// different schemas in one database do not wait for each other.
const migrationLockClass int32 = 0x62616467 // "badg"

// Migration is one schema version and whether the database has it.
type Migration struct {
	Version int
	Name    string
	// AppliedAt is when the migration was applied; nil while it is pending.
	AppliedAt *time.Time
	// Unknown marks a version the database records but this binary does
	// not have (see ErrSchemaNewer).
	Unknown bool
}

// Applied reports whether the database has the migration.
func (m Migration) Applied() bool { return m.AppliedAt != nil }

// migration is one embedded SQL file.
type migration struct {
	version int
	name    string
	sql     string
}

// schemaMigration is a row of schema_migrations.
type schemaMigration struct {
	Version   int64  `gorm:"column:version;primaryKey;autoIncrement:false"`
	Name      string `gorm:"column:name"`
	AppliedAt dbTime `gorm:"column:applied_at;autoCreateTime:false"`
}

func (schemaMigration) TableName() string { return "schema_migrations" }

// migrations returns the dialect's migrations in version order.
func migrations(d Dialect) ([]migration, error) {
	dir := path.Join("migrations", string(d))
	entries, err := fs.ReadDir(migrationFiles, dir)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", dir, err)
	}
	var ms []migration
	for _, e := range entries {
		m, err := parseMigrationName(e.Name())
		if err != nil {
			return nil, fmt.Errorf("%s: %w", dir, err)
		}
		b, err := fs.ReadFile(migrationFiles, path.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		m.sql = string(b)
		ms = append(ms, m)
	}
	slices.SortFunc(ms, func(a, b migration) int { return cmp.Compare(a.version, b.version) })
	for i := 1; i < len(ms); i++ {
		if ms[i].version == ms[i-1].version {
			return nil, fmt.Errorf("%s: two migrations numbered %d", dir, ms[i].version)
		}
	}
	return ms, nil
}

// parseMigrationName reads "0002_default_outline_fields.sql".
func parseMigrationName(file string) (migration, error) {
	base, ok := strings.CutSuffix(file, ".sql")
	num, name, ok2 := strings.Cut(base, "_")
	if !ok || !ok2 || name == "" {
		return migration{}, fmt.Errorf("migration %q is not named NNNN_name.sql", file)
	}
	v, err := strconv.Atoi(num)
	if err != nil || v <= 0 {
		return migration{}, fmt.Errorf("migration %q does not start with a positive number", file)
	}
	return migration{version: v, name: name}, nil
}

// Migrate applies every pending migration in version order, each in its
// own transaction. It refuses, with ErrSchemaNewer, a database that records
// a migration this binary does not know.
func (d *DB) Migrate(ctx context.Context) error {
	return d.migrateTo(ctx, math.MaxInt)
}

// migrateTo applies the pending migrations numbered up to target.
func (d *DB) migrateTo(ctx context.Context, target int) error {
	if d.inTx {
		return errors.New("store: migrate: called inside a transaction")
	}
	ms, err := migrations(d.dialect)
	if err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	if err := d.createMigrationTable(ctx); err != nil {
		return err
	}
	applied, err := d.appliedMigrations(ctx)
	if err != nil {
		return err
	}
	if err := checkKnown(ms, applied); err != nil {
		return err
	}
	for _, m := range ms {
		if m.version > target {
			break
		}
		if _, ok := applied[m.version]; ok {
			continue
		}
		if err := d.apply(ctx, m); err != nil {
			return err
		}
		d.log.InfoContext(ctx, "applied migration", "version", m.version, "name", m.name, "dialect", string(d.dialect))
	}
	return nil
}

// checkKnown fails if the database records a migration ms does not have.
func checkKnown(ms []migration, applied map[int]schemaMigration) error {
	known := map[int]bool{}
	last := 0
	for _, m := range ms {
		known[m.version] = true
		last = max(last, m.version)
	}
	var unknown []int
	for v := range applied {
		if !known[v] {
			unknown = append(unknown, v)
		}
	}
	if len(unknown) == 0 {
		return nil
	}
	slices.Sort(unknown)
	v := unknown[len(unknown)-1]
	return fmt.Errorf("store: migrate: %w: the database has migration %d (%s), this binary knows migrations up to %d; run a newer badged",
		ErrSchemaNewer, v, applied[v].Name, last)
}

// createMigrationTable creates schema_migrations if it does not exist.
func (d *DB) createMigrationTable(ctx context.Context) error {
	ddl := `CREATE TABLE IF NOT EXISTS schema_migrations (
    version     bigint PRIMARY KEY,
    name        text NOT NULL,
    applied_at  timestamptz NOT NULL
)`
	if d.dialect == SQLite {
		ddl = `CREATE TABLE IF NOT EXISTS schema_migrations (
    version     INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    applied_at  TEXT NOT NULL
) STRICT`
	}
	err := d.db(ctx).Transaction(func(tx *gorm.DB) error {
		if err := d.lockMigrations(tx); err != nil {
			return err
		}
		_, err := tx.Statement.ConnPool.ExecContext(ctx, ddl)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: migrate: create schema_migrations: %w", err)
	}
	return nil
}

// lockMigrations makes concurrent migrators on PostgreSQL take turns until
// the transaction ends. SQLite's write transaction already excludes others.
func (d *DB) lockMigrations(tx *gorm.DB) error {
	if d.dialect != Postgres {
		return nil
	}
	return tx.Exec("SELECT pg_advisory_xact_lock(?, hashtext(current_schema()))", migrationLockClass).Error
}

// appliedMigrations reads schema_migrations; an absent table means none.
func (d *DB) appliedMigrations(ctx context.Context) (map[int]schemaMigration, error) {
	g := d.db(ctx)
	if !g.Migrator().HasTable(schemaMigration{}.TableName()) {
		return map[int]schemaMigration{}, nil
	}
	var rows []schemaMigration
	if err := g.Order("version").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("store: read schema_migrations: %w", err)
	}
	applied := make(map[int]schemaMigration, len(rows))
	for _, r := range rows {
		applied[int(r.Version)] = r
	}
	return applied, nil
}

// apply runs one migration and records it, in one transaction. Under the
// lock it checks again whether another process applied it meanwhile.
func (d *DB) apply(ctx context.Context, m migration) error {
	err := d.db(ctx).Transaction(func(tx *gorm.DB) error {
		if err := d.lockMigrations(tx); err != nil {
			return err
		}
		var n int64
		if err := tx.Model(&schemaMigration{}).Where("version = ?", m.version).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return nil
		}
		if _, err := tx.Statement.ConnPool.ExecContext(ctx, m.sql); err != nil {
			return err
		}
		return tx.Create(&schemaMigration{Version: int64(m.version), Name: m.name, AppliedAt: at(d.now())}).Error
	})
	if err != nil {
		return fmt.Errorf("store: migrate: apply %04d_%s: %w", m.version, m.name, err)
	}
	return nil
}

// MigrationStatus lists every migration this binary knows, applied or
// pending, and any the database records that it does not know, by version.
func (d *DB) MigrationStatus(ctx context.Context) ([]Migration, error) {
	ms, err := migrations(d.dialect)
	if err != nil {
		return nil, fmt.Errorf("store: migration status: %w", err)
	}
	applied, err := d.appliedMigrations(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]Migration, 0, len(ms))
	for _, m := range ms {
		st := Migration{Version: m.version, Name: m.name}
		if a, ok := applied[m.version]; ok {
			st.AppliedAt = a.AppliedAt.ptr()
			delete(applied, m.version)
		}
		out = append(out, st)
	}
	for v, a := range applied {
		out = append(out, Migration{Version: v, Name: a.Name, AppliedAt: a.AppliedAt.ptr(), Unknown: true})
	}
	slices.SortFunc(out, func(a, b Migration) int { return cmp.Compare(a.Version, b.Version) })
	return out, nil
}
