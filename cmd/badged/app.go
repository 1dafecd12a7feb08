package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"badged/issuer"
	"badged/issuer/workday"
	"badged/storage"
)

// app is the service's parts, opened from a Config.
type app struct {
	cfg Config
	log *slog.Logger
	db  *storage.DB
	svc *issuer.Service
}

// parse parses a command's flags; extra registers the command's own flags.
func parse(name string, args []string, getenv func(string) string, stderr io.Writer, extra func(*flag.FlagSet)) (Config, error) {
	var cfg Config
	fs := flag.NewFlagSet("badged "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg.bind(fs, getenv)
	if extra != nil {
		extra(fs)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return cfg, errUsage
		}
		return cfg, errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "badged %s: unexpected argument %q\n", name, fs.Arg(0))
		return cfg, errUsage
	}
	return cfg, cfg.validate()
}

func newLogger(cfg Config, w io.Writer) (*slog.Logger, error) {
	var level slog.Level
	if err := level.UnmarshalText([]byte(cfg.LogLevel)); err != nil {
		return nil, fmt.Errorf("log level %q: use debug, info, warn or error", cfg.LogLevel)
	}
	opts := &slog.HandlerOptions{Level: level}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return slog.New(slog.NewTextHandler(w, opts)), nil
}

// open opens the database and builds the service. migrate applies pending
// migrations first.
func open(ctx context.Context, cfg Config, log *slog.Logger, migrate bool) (*app, error) {
	cal, err := calendar(cfg)
	if err != nil {
		return nil, err
	}
	db, err := storage.Open(ctx, cfg.DatabaseURL, storage.WithLogger(log))
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", redactedDatabase(cfg.DatabaseURL), err)
	}
	if migrate {
		if err := db.Migrate(ctx); err != nil {
			db.Close()
			return nil, fmt.Errorf("migrate database: %w", err)
		}
	}
	svc, err := issuer.NewService(issuer.Config{
		Store: db, Calendar: cal, Logger: log,
		EarlyCall: cfg.EarlyCall, DBCDecision: issuer.DBCDecision(cfg.DBCDecision),
	})
	if err != nil {
		db.Close()
		return nil, err
	}
	return &app{cfg: cfg, log: log, db: db, svc: svc}, nil
}

func (a *app) Close() error { return a.db.Close() }

// calendar builds the working-day calendar: the configured holiday file, or
// the region's default holidays for the years around now.
func calendar(cfg Config) (*workday.Calendar, error) {
	loc, err := time.LoadLocation(cfg.TimeZone)
	if err != nil {
		return nil, fmt.Errorf("time zone %q: %w", cfg.TimeZone, err)
	}
	var hs []workday.Holiday
	if cfg.HolidaysFile != "" {
		f, err := os.Open(cfg.HolidaysFile)
		if err != nil {
			return nil, fmt.Errorf("holidays: %w", err)
		}
		defer f.Close()
		if hs, err = workday.ParseHolidays(f); err != nil {
			return nil, fmt.Errorf("holidays %s: %w", cfg.HolidaysFile, err)
		}
	} else {
		y := time.Now().Year()
		if hs, err = workday.DefaultHolidays(workday.Region(cfg.HolidayRegion), max(y-1, workday.MinDefaultYear), y+5); err != nil {
			return nil, fmt.Errorf("default holidays: %w", err)
		}
	}
	return workday.New(loc, hs)
}

// ensureMasterKey creates the master key file on first start and refuses a
// key file that others may read. Signing keys are encrypted with this key.
func ensureMasterKey(path string) (created bool, err error) {
	info, err := os.Stat(path)
	switch {
	case err == nil:
		if info.Mode().Perm()&0o077 != 0 {
			return false, fmt.Errorf("master key file %s is readable by others (mode %v): chmod 600 it", path, info.Mode().Perm())
		}
		return false, nil
	case !errors.Is(err, fs.ErrNotExist):
		return false, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return false, err
	}
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return false, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return false, err
	}
	if _, err := fmt.Fprintln(f, base64.StdEncoding.EncodeToString(key)); err != nil {
		f.Close()
		return false, err
	}
	return true, f.Close()
}

// withApp parses a command's flags, opens the service (migrating first when
// migrate is set), runs fn and closes the service.
func withApp(ctx context.Context, name string, args []string, getenv func(string) string, stderr io.Writer,
	flags func(*flag.FlagSet), migrate bool, fn func(*app) error) error {
	cfg, err := parse(name, args, getenv, stderr, flags)
	if err != nil {
		return err
	}
	log, err := newLogger(cfg, stderr)
	if err != nil {
		return err
	}
	a, err := open(ctx, cfg, log, migrate)
	if err != nil {
		return err
	}
	defer a.Close()
	return fn(a)
}

func cmdMigrate(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	return withApp(ctx, "migrate", args, getenv, stderr, nil, true, func(a *app) error {
		return printMigrations(ctx, a, stdout)
	})
}

func printMigrations(ctx context.Context, a *app, stdout io.Writer) error {
	ms, err := a.db.MigrationStatus(ctx)
	if err != nil {
		return err
	}
	for _, m := range ms {
		state := "pending"
		if m.Applied() {
			state = "applied " + m.AppliedAt.UTC().Format(time.RFC3339)
		}
		fmt.Fprintf(stdout, "%04d %-30s %s\n", m.Version, m.Name, state)
	}
	return nil
}

// roleFlags collects -role flags: "admin", "department_chair:<department id>".
type roleFlags []issuer.RoleGrant

func (r *roleFlags) String() string { return fmt.Sprint(*r) }
func (r *roleFlags) Set(s string) error {
	role, dep, _ := strings.Cut(s, ":")
	*r = append(*r, issuer.RoleGrant{Role: issuer.Role(role), DepartmentID: dep})
	return nil
}

func cmdUserAdd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var email, name string
	var roles roleFlags
	flags := func(fs *flag.FlagSet) {
		fs.StringVar(&email, "email", "", "email address (required)")
		fs.StringVar(&name, "name", "", "full name (required)")
		fs.Var(&roles, "role", "role to grant, repeatable: admin, proponent, provost, sscc_secretary, senate_secretary, learner, department_chair:<department id>, delegate:<department id>")
	}
	return withApp(ctx, "user add", args, getenv, stderr, flags, true, func(a *app) error {
		u, err := a.svc.CreateUserAsSystem(ctx, issuer.NewUser{Email: email, Name: name, Roles: roles})
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "user %s <%s> created\n", u.ID, u.Email)
		return nil
	})
}

func cmdTokenCreate(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var email, name string
	var ttl time.Duration
	flags := func(fs *flag.FlagSet) {
		fs.StringVar(&email, "email", "", "the user's email address (required)")
		fs.StringVar(&name, "name", "cli", "a name for the token")
		fs.DurationVar(&ttl, "ttl", 0, "lifetime (default 90 days)")
	}
	return withApp(ctx, "token create", args, getenv, stderr, flags, true, func(a *app) error {
		u, err := a.db.GetUserByEmail(ctx, strings.ToLower(strings.TrimSpace(email)))
		if err != nil {
			return fmt.Errorf("user %q: %w", email, err)
		}
		t, err := a.svc.CreateTokenAsSystem(ctx, u.ID, name, ttl)
		if err != nil {
			return err
		}
		fmt.Fprintf(stderr, "token %s for %s expires %s; it is shown once:\n", t.Token.ID, u.Email, t.Token.ExpiresAt.Format(time.RFC3339))
		fmt.Fprintln(stdout, t.Secret)
		return nil
	})
}

func cmdAuditVerify(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	return withApp(ctx, "audit verify", args, getenv, stderr, nil, false, func(a *app) error {
		rep, err := a.svc.VerifyAuditAsSystem(ctx)
		if err != nil {
			return err
		}
		if rep.Break != nil {
			fmt.Fprintf(stdout, "audit chain BROKEN after %d good events: %v\n", rep.Events, rep.Break)
			return errAuditBroken
		}
		fmt.Fprintf(stdout, "audit chain OK: %d events, head %s\n", rep.Events, rep.Head)
		return nil
	})
}

var errAuditBroken = errors.New("audit chain broken")
