// Package storagetest is the contract every implementation of
// [issuer.Store] must meet, as one suite: [Run] exercises every method,
// its not-found and conflict errors, pagination, the compare-and-swap on
// versions, transactions, and the audit chain under concurrency.
//
// storage runs it on SQLite and PostgreSQL, so both databases are held to
// the same behaviour.
package storagetest

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"badged/issuer"
	"badged/issuer/approval"
)

// Run runs the suite. open must return a new, migrated store that no other
// test uses (the default Outline fields may be present; nothing else) and
// close it when the test ends. Groups of tests run in parallel, each on its
// own store.
func Run(t *testing.T, open func(t *testing.T) issuer.Store) {
	groups := []struct {
		name string
		run  func(t *testing.T, f *fixture)
	}{
		{"users", testUsers},
		{"tokens", testTokens},
		{"institution", testInstitution},
		{"memberships", testMemberships},
		{"credentials", testCredentials},
		{"versions", testVersions},
		{"version_filters", testVersionFilters},
		{"version_cas", testVersionCAS},
		{"reviews", testReviews},
		{"votes", testVotes},
		{"consultations", testConsultations},
		{"offerings", testOfferings},
		{"annual_reviews", testAnnualReviews},
		{"reports", testReports},
		{"outline_fields", testOutlineFields},
		{"audit", testAudit},
		{"transactions", testTransactions},
		{"concurrent_version_updates", testConcurrentVersionUpdates},
		{"concurrent_audit_appends", testConcurrentAuditAppends},
	}
	for _, g := range groups {
		t.Run(g.name, func(t *testing.T) {
			t.Parallel()
			g.run(t, newFixture(t, open(t)))
		})
	}
}

// zone is where the suite's times are made: the store must return them in UTC.
var zone = time.FixedZone("UTC-5", -5*60*60)

// fixture holds a store, a clock and the rows most tests need.
type fixture struct {
	st    issuer.Store
	ctx   context.Context
	ticks atomic.Int64
	ids   atomic.Int64

	faculty    issuer.Faculty
	department issuer.Department
	proponent  issuer.User
}

func newFixture(t *testing.T, st issuer.Store) *fixture {
	t.Helper()
	f := &fixture{st: st, ctx: t.Context()}
	f.faculty = issuer.Faculty{ID: f.id("faculty"), Code: "SCI", Name: "Faculty of Science", CreatedAt: f.tick()}
	require.NoError(t, st.CreateFaculty(f.ctx, &f.faculty))
	f.department = issuer.Department{ID: f.id("dept"), FacultyID: f.faculty.ID, Code: "CHEM", Name: "Chemistry", CreatedAt: f.tick()}
	require.NoError(t, st.CreateDepartment(f.ctx, &f.department))
	f.proponent = f.user(t, "proponent")
	return f
}

// tick returns the next instant of the suite's clock: strictly increasing,
// with nanoseconds the store must drop and a zone it must convert from.
func (f *fixture) tick() time.Time {
	n := f.ticks.Add(1)
	return time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC).
		Add(time.Duration(n)*time.Minute + 123456789*time.Nanosecond).In(zone)
}

// id returns a new identifier, readable in failure messages.
func (f *fixture) id(prefix string) string {
	return fmt.Sprintf("%s-%03d", prefix, f.ids.Add(1))
}

// user creates a user without roles.
func (f *fixture) user(t *testing.T, name string) issuer.User {
	t.Helper()
	u := issuer.User{ID: f.id("user"), Email: name + "@example.edu", Name: name, CreatedAt: f.tick()}
	require.NoError(t, f.st.CreateUser(f.ctx, &u))
	return u
}

// credential creates a credential of the fixture's department.
func (f *fixture) credential(t *testing.T, k approval.Kind) issuer.Credential {
	t.Helper()
	c := issuer.Credential{ID: f.id("cred"), Kind: k, Title: "Lab safety", DepartmentID: f.department.ID, ProponentID: f.proponent.ID, CreatedAt: f.tick()}
	require.NoError(t, f.st.CreateCredential(f.ctx, &c))
	return c
}

// version creates a version of c in state s.
func (f *fixture) version(t *testing.T, c issuer.Credential, number int, s approval.State) issuer.Version {
	t.Helper()
	now := f.tick()
	v := issuer.Version{
		ID: f.id("ver"), CredentialID: c.ID, Kind: c.Kind, Number: number, State: s,
		Outline:   issuer.Outline{"title": "Lab safety"},
		CreatedAt: now, UpdatedAt: now,
	}
	require.NoError(t, f.st.CreateVersion(f.ctx, &v))
	return v
}

// norm is a time as the store must return it.
func norm(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

// normPtr is norm for an optional time.
func normPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	n := norm(*t)
	return &n
}

func ptr[T any](v T) *T { return &v }

// requireCode asserts that err is an *issuer.Error with code, wrapping the
// matching sentinel where there is one.
func requireCode(t *testing.T, err error, code string) {
	t.Helper()
	require.Error(t, err)
	var e *issuer.Error
	require.True(t, errors.As(err, &e), "error %v (%T) is not an *issuer.Error", err, err)
	require.Equal(t, code, e.Code, "error: %v", err)
	switch code {
	case issuer.ENotFound:
		require.ErrorIs(t, err, issuer.ErrNotFound)
	case issuer.EConflict:
		require.ErrorIs(t, err, issuer.ErrConflict)
	}
}

// pages lists every page of size n with list and returns them in order.
func pages[T any](t *testing.T, n int, list func(issuer.Page) ([]T, error)) [][]T {
	t.Helper()
	var out [][]T
	for off := 0; ; off += n {
		page, err := list(issuer.Page{Limit: n, Offset: off})
		require.NoError(t, err)
		require.LessOrEqual(t, len(page), n, "a page holds more than its limit")
		if len(page) == 0 {
			return out
		}
		out = append(out, page)
		require.Less(t, off, 10_000, "pagination does not end")
	}
}
