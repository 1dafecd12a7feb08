package storage

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/glebarez/sqlite"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"

	"badged/issuer"
)

var _ issuer.Store = (*DB)(nil)

// Dialect names the database behind a DB.
type Dialect string

const (
	Postgres Dialect = "postgres" // selected by a postgres:// or postgresql:// DSN
	SQLite   Dialect = "sqlite"   // any other DSN: a file
)

// DefaultMaxOpenConns is the PostgreSQL pool size unless WithMaxOpenConns
// says otherwise. SQLite always uses one connection.
const DefaultMaxOpenConns = 16

// sqliteBusyTimeout is how long a SQLite connection waits for another
// process (a CLI command next to the server) to release the write lock.
const sqliteBusyTimeout = 5 * time.Second

// auditScanBatch is how many events ScanAudit reads per query.
const auditScanBatch = 500

// DB is the store. The DB returned by Open uses the connection pool; inside
// InTx, fn receives a DB bound to the transaction, and every method of that
// DB runs in it.
type DB struct {
	gdb     *gorm.DB
	dialect Dialect
	now     func() time.Time
	log     *slog.Logger
	// inTx is set on a DB bound to a transaction.
	inTx bool
	// scanBatch is auditScanBatch; tests lower it to exercise batching.
	scanBatch int
}

// Option configures Open.
type Option func(*config)

type config struct {
	logger       *slog.Logger
	maxOpenConns int
	now          func() time.Time
}

// WithLogger sends the store's SQL trace to l at debug level. Statements are
// logged with placeholders, never with their values, which may be secrets.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) {
		if l != nil {
			c.logger = l
		}
	}
}

// WithMaxOpenConns bounds the PostgreSQL connection pool. It has no effect on
// SQLite, which always uses a single connection.
func WithMaxOpenConns(n int) Option {
	return func(c *config) {
		if n > 0 {
			c.maxOpenConns = n
		}
	}
}

// WithClock sets the clock used for timestamps the caller left zero
// (CreatedAt and the like).
func WithClock(now func() time.Time) Option {
	return func(c *config) {
		if now != nil {
			c.now = now
		}
	}
}

// Open connects to the database named by dsn. postgres:// and postgresql://
// URLs select PostgreSQL. Anything else is SQLite: a file path, a path after
// a "sqlite:" prefix, or a "file:" URI; the file's directory is created if
// missing. Query options on a SQLite DSN are the driver's and come after the
// store's own, so "badged.db?_pragma=synchronous(NORMAL)" trades the
// durability of the last commits before a power loss for speed. Open does
// not migrate: call Migrate.
func Open(ctx context.Context, dsn string, opts ...Option) (*DB, error) {
	cfg := config{
		logger:       slog.New(slog.DiscardHandler),
		maxOpenConns: DefaultMaxOpenConns,
		now:          time.Now,
	}
	for _, o := range opts {
		o(&cfg)
	}

	var (
		dialector gorm.Dialector
		dialect   Dialect
	)
	if isPostgres(dsn) {
		dialector, dialect = postgres.Open(dsn), Postgres
	} else {
		driverDSN, path, err := sqliteDSN(dsn)
		if err != nil {
			return nil, fmt.Errorf("open sqlite: %w", err)
		}
		if path != "" {
			if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
				return nil, fmt.Errorf("open sqlite: create directory: %w", err)
			}
		}
		dialector, dialect = sqlite.Open(driverDSN), SQLite
	}

	gdb, err := gorm.Open(dialector, &gorm.Config{
		Logger:         newGormLogger(cfg.logger),
		TranslateError: true,
		NowFunc:        func() time.Time { return cfg.now().UTC().Truncate(time.Microsecond) },
		// Every multi-statement operation opens its own transaction; single
		// statements are atomic without one.
		SkipDefaultTransaction: true,
		DisableAutomaticPing:   true,
	})
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", dialect, err)
	}
	sqlDB, err := gdb.DB()
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", dialect, err)
	}
	switch dialect {
	case SQLite:
		// One writer at a time: a second connection would only wait for the
		// lock or fail with SQLITE_BUSY. One connection kept open forever
		// also keeps a :memory: database alive.
		sqlDB.SetMaxOpenConns(1)
		sqlDB.SetMaxIdleConns(1)
		sqlDB.SetConnMaxLifetime(0)
		sqlDB.SetConnMaxIdleTime(0)
	case Postgres:
		sqlDB.SetMaxOpenConns(cfg.maxOpenConns)
		sqlDB.SetMaxIdleConns(cfg.maxOpenConns)
		sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	}

	d := &DB{gdb: gdb, dialect: dialect, now: cfg.now, log: cfg.logger, scanBatch: auditScanBatch}
	if err := d.Ping(ctx); err != nil {
		_ = sqlDB.Close()
		return nil, err
	}
	return d, nil
}

// Dialect reports which database d uses.
func (d *DB) Dialect() Dialect { return d.dialect }

// Close closes the connection pool.
func (d *DB) Close() error {
	if d.inTx {
		return errors.New("store: close: called inside a transaction")
	}
	sqlDB, err := d.gdb.DB()
	if err != nil {
		return fmt.Errorf("store: close: %w", err)
	}
	if err := sqlDB.Close(); err != nil {
		return fmt.Errorf("store: close: %w", err)
	}
	return nil
}

// Ping checks that the database answers. Inside a transaction it asks
// through the transaction: on SQLite the pool's only connection is the
// transaction's.
func (d *DB) Ping(ctx context.Context) error {
	var one int
	if err := d.db(ctx).Raw("SELECT 1").Scan(&one).Error; err != nil {
		return fmt.Errorf("store: ping %s: %w", d.dialect, err)
	}
	return nil
}

// InTx runs fn in a transaction: everything fn does through tx commits when
// fn returns nil and rolls back when it returns an error (returned as is) or
// panics. Inside a transaction, InTx runs fn in the same transaction, behind
// a savepoint, so a failing inner fn undoes only its own changes and the
// outer transaction stays usable on both databases.
//
// A single failed statement inside a transaction is a different matter:
// PostgreSQL then refuses every further statement until rollback, so fn
// should return a store error rather than carry on. To try something that
// may fail and carry on, wrap it in a nested InTx.
func (d *DB) InTx(ctx context.Context, fn func(tx issuer.Store) error) error {
	return d.tx(ctx, func(tx *DB) error { return fn(tx) })
}

// tx runs fn in a transaction of its own, or behind a savepoint in d's
// transaction. Operations of several statements run in it, so each is
// atomic even inside a caller's transaction that goes on after it failed.
func (d *DB) tx(ctx context.Context, fn func(tx *DB) error) error {
	return d.db(ctx).Transaction(func(g *gorm.DB) error {
		return fn(d.bound(g))
	})
}

// bound returns a copy of d that runs everything on g's transaction.
func (d *DB) bound(g *gorm.DB) *DB {
	c := *d
	c.gdb = g
	c.inTx = true
	return &c
}

// db returns a fresh gorm session for one operation.
func (d *DB) db(ctx context.Context) *gorm.DB {
	return d.gdb.WithContext(ctx)
}

// isPostgres reports whether dsn is a PostgreSQL URL.
func isPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// sqliteDSN turns a SQLite DSN into the driver's form, with the pragmas the
// store relies on, and returns the file's path (empty for an in-memory
// database) so its directory can be created.
//
// The pragmas: WAL lets readers in other processes work during a write;
// busy_timeout makes a second process wait for the write lock instead of
// failing; foreign_keys turns on the REFERENCES clauses; _txlock=immediate
// takes the write lock when a transaction begins, so a transaction never
// fails halfway when it first writes.
func sqliteDSN(dsn string) (driverDSN, path string, err error) {
	rest, ok := strings.CutPrefix(dsn, "sqlite://")
	if !ok {
		rest = strings.TrimPrefix(dsn, "sqlite:")
	}
	if rest == "" {
		return "", "", errors.New("empty database path")
	}
	base, query, _ := strings.Cut(rest, "?")
	userParams, err := url.ParseQuery(query)
	if err != nil {
		return "", "", fmt.Errorf("parse options of %q: %w", rest, err)
	}

	path = base
	memory := base == ":memory:" || userParams.Get("mode") == "memory"
	if p, ok := strings.CutPrefix(base, "file:"); ok {
		// file:relative.db, file:/abs.db, file:///abs.db, file://localhost/abs.db
		if h, ok := strings.CutPrefix(p, "//"); ok {
			if i := strings.IndexByte(h, '/'); i >= 0 {
				p = h[i:]
			} else {
				p = ""
			}
		}
		if path, err = url.PathUnescape(p); err != nil {
			return "", "", fmt.Errorf("parse path of %q: %w", rest, err)
		}
		memory = memory || path == ":memory:" || path == ""
	}
	if memory {
		path = ""
	}

	params := []string{
		"_pragma=" + url.QueryEscape(fmt.Sprintf("busy_timeout(%d)", sqliteBusyTimeout.Milliseconds())),
		"_pragma=" + url.QueryEscape("journal_mode(WAL)"),
		"_pragma=" + url.QueryEscape("foreign_keys(1)"),
		"_txlock=immediate",
	}
	if query != "" {
		// The caller's options come last, so their pragmas win.
		params = append(params, query)
	}
	return base + "?" + strings.Join(params, "&"), path, nil
}

// stamp returns t as it will be stored, or the store's clock when t is zero.
func (d *DB) stamp(t time.Time) time.Time {
	if t.IsZero() {
		t = d.now()
	}
	return normTime(t)
}
