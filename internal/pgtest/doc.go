// Package pgtest gives tests a real PostgreSQL database of their own.
//
// The storage, API and end-to-end suites run on both SQLite and PostgreSQL,
// as subtests named "sqlite" and "postgres". SQLite needs nothing;
// PostgreSQL needs a server, found in this order:
//
//  1. the admin URL in BADGED_TEST_POSTGRES_URL, which `make test` always sets
//     (scripts/ensure-postgres.sh finds a server or starts a throwaway one);
//  2. a server on 127.0.0.1:5432 that trusts the user postgres or root
//     (skipped when BADGED_TEST_PG_SKIP_LOCAL=1);
//  3. otherwise the test fails: a missing PostgreSQL is never a reason to
//     skip, or half the suite would pass by not running.
//
// Each call to [NewDatabase] creates a database with a random name on that
// server and drops it when the test ends, so tests may run in parallel and
// never see each other's rows. Creating one costs about 150 ms on a server
// that syncs to disk: share one database among the subtests of a suite where
// they do not interfere.
package pgtest
