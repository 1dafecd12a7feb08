package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Environment variables read by [ServerURL].
const (
	// EnvURL holds the admin URL of the server to test against, as
	// postgres://user[:password]@host:port/database?options. The user must
	// be allowed to create and drop databases.
	EnvURL = "BADGED_TEST_POSTGRES_URL"
	// EnvSkipLocal, set to 1, stops the search at EnvURL instead of trying
	// 127.0.0.1:5432, to rehearse a machine with no server there.
	EnvSkipLocal = "BADGED_TEST_PG_SKIP_LOCAL"
)

// DatabasePrefix starts the name of every database [NewDatabase] creates,
// so a leftover from a killed run is easy to recognise.
const DatabasePrefix = "badged_test_"

// connectTimeout bounds each attempt to reach a server, so a firewalled
// address fails the test in seconds rather than hanging it.
const connectTimeout = 5 * time.Second

// localCandidates are the trust-authenticated servers a developer machine or
// CI is likely to run; sslmode=disable because loopback needs no TLS and the
// handshake would only slow every connection down.
var localCandidates = []string{
	"postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable",
	"postgres://root@127.0.0.1:5432/postgres?sslmode=disable",
}

// server caches the search for a server: every test in the process uses the
// same one, and a missing server is reported once per test, not searched for
// again.
var server struct {
	once sync.Once
	url  string
	err  error
}

// ServerURL returns the admin URL of the PostgreSQL server to test against,
// or fails the test with instructions when there is none. It never skips.
func ServerURL(tb testing.TB) string {
	tb.Helper()
	server.once.Do(func() {
		server.url, server.err = findServer(context.Background(), os.Getenv, localCandidates)
	})
	if server.err != nil {
		tb.Fatalf("pgtest: %v", server.err)
	}
	return server.url
}

// findServer returns the first server that answers, from getenv(EnvURL) or
// else from candidates.
func findServer(ctx context.Context, getenv func(string) string, candidates []string) (string, error) {
	const howTo = "run the tests with `make test`, which finds or starts a throwaway PostgreSQL and sets " + EnvURL +
		", or set " + EnvURL + "=postgres://USER@HOST:PORT/postgres?sslmode=disable to a server where USER may create databases"
	if raw := getenv(EnvURL); raw != "" {
		if _, err := parseServerURL(raw); err != nil {
			return "", fmt.Errorf("%s: %w", EnvURL, err)
		}
		if err := ping(ctx, raw); err != nil {
			return "", fmt.Errorf("no PostgreSQL answers at %s=%s: %w; %s", EnvURL, redact(raw), err, howTo)
		}
		return raw, nil
	}
	if getenv(EnvSkipLocal) == "1" {
		return "", fmt.Errorf("no PostgreSQL to test against: %s is not set and %s=1 rules out 127.0.0.1:5432; %s",
			EnvURL, EnvSkipLocal, howTo)
	}
	var tried []string
	for _, candidate := range candidates {
		err := ping(ctx, candidate)
		if err == nil {
			return candidate, nil
		}
		tried = append(tried, fmt.Sprintf("%s: %v", redact(candidate), err))
	}
	return "", fmt.Errorf("no PostgreSQL to test against: %s is not set and no local server trusts us (%s); %s",
		EnvURL, strings.Join(tried, "; "), howTo)
}

// ping connects to rawURL and runs a query, so a server that accepts the
// connection but not the user is not mistaken for a usable one.
func ping(ctx context.Context, rawURL string) error {
	ctx, cancel := context.WithTimeout(ctx, connectTimeout)
	defer cancel()
	conn, err := pgx.Connect(ctx, rawURL)
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	return conn.Ping(ctx)
}

// NewDatabase creates an empty database on the server from [ServerURL] and
// returns its URL, in a form both pgx and gorm.io/driver/postgres accept.
// The database is dropped when the test and its subtests end, even if
// connections to it are still open. It is safe to call from parallel tests.
func NewDatabase(tb testing.TB) string {
	tb.Helper()
	admin := ServerURL(tb)
	name, err := randomName()
	if err != nil {
		tb.Fatalf("pgtest: name a database: %v", err)
	}
	dbURL, err := databaseURL(admin, name)
	if err != nil {
		tb.Fatalf("pgtest: %v", err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := createDatabase(ctx, admin, name); err != nil {
		tb.Fatalf("pgtest: %v", err)
	}
	tb.Cleanup(func() {
		// Not tb.Context(): it is already cancelled when cleanups run.
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if err := dropDatabase(ctx, admin, name); err != nil {
			tb.Errorf("pgtest: %v", err)
		}
	})
	return dbURL
}

// randomName returns DatabasePrefix and 64 random bits in hex: unique across
// parallel tests, processes and developers sharing one server.
func randomName() (string, error) {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	return DatabasePrefix + hex.EncodeToString(b[:]), nil
}

// createDatabase creates name on the server at admin. CREATE DATABASE fails
// with object_in_use while another session is connected to the template, so
// it is tried again for a few seconds.
func createDatabase(ctx context.Context, admin, name string) error {
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		return fmt.Errorf("create database %s: connect to %s: %w", name, redact(admin), err)
	}
	defer conn.Close(context.Background())

	const objectInUse = "55006"
	stmt := "CREATE DATABASE " + pgx.Identifier{name}.Sanitize()
	for delay := 50 * time.Millisecond; ; delay *= 2 {
		_, err = conn.Exec(ctx, stmt)
		var pgErr *pgconn.PgError
		if err == nil || !errors.As(err, &pgErr) || pgErr.Code != objectInUse || delay > 2*time.Second {
			break
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("create database %s: %w", name, ctx.Err())
		case <-time.After(delay):
		}
	}
	if err != nil {
		return fmt.Errorf("create database %s: %w", name, err)
	}
	return nil
}

// dropDatabase drops name, disconnecting whoever is still connected to it:
// a test that forgot to close its pool must not leak a database.
func dropDatabase(ctx context.Context, admin, name string) error {
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		return fmt.Errorf("drop database %s: connect to %s: %w", name, redact(admin), err)
	}
	defer conn.Close(context.Background())

	var versionNum string
	if err := conn.QueryRow(ctx, "SHOW server_version_num").Scan(&versionNum); err != nil {
		return fmt.Errorf("drop database %s: read server version: %w", name, err)
	}
	version, err := strconv.Atoi(versionNum)
	if err != nil {
		return fmt.Errorf("drop database %s: server_version_num %q: %w", name, versionNum, err)
	}

	stmt := "DROP DATABASE IF EXISTS " + pgx.Identifier{name}.Sanitize()
	if version >= 130000 {
		stmt += " WITH (FORCE)"
	} else {
		// Before PostgreSQL 13 there is no FORCE; end the sessions by hand.
		if _, err := conn.Exec(ctx,
			"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
			name); err != nil {
			return fmt.Errorf("drop database %s: disconnect its sessions: %w", name, err)
		}
	}
	if _, err := conn.Exec(ctx, stmt); err != nil {
		return fmt.Errorf("drop database %s: %w", name, err)
	}
	return nil
}

// parseServerURL accepts only the URL form of a connection string: the
// database name has to be swapped, which the key=value form makes awkward.
func parseServerURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", redact(raw), err)
	}
	if u.Scheme != "postgres" && u.Scheme != "postgresql" {
		return nil, fmt.Errorf("%s is not a postgres:// URL", redact(raw))
	}
	return u, nil
}

// databaseURL returns admin with its database replaced by name; the user,
// password, host and options stay as they are.
func databaseURL(admin, name string) (string, error) {
	u, err := parseServerURL(admin)
	if err != nil {
		return "", err
	}
	u.Path = "/" + name
	u.RawPath = ""
	return u.String(), nil
}

// redact hides the password in a URL meant for a test log.
func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparsable URL)"
	}
	return u.Redacted()
}
