// Package issuertest builds a populated institution for tests of the
// workflow and of the API: a store on SQLite or PostgreSQL, a fixed and
// movable clock, and one user for every part the policy gives people.
package issuertest

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"badged/internal/pgtest"
	"badged/issuer"
	"badged/issuer/approval"
	"badged/issuer/workday"
	"badged/storage"
)

// Dialects are the databases every suite runs on.
var Dialects = []string{"sqlite", "postgres"}

// OpenStore opens a fresh, migrated store of the dialect for the test.
func OpenStore(t testing.TB, dialect string) *storage.DB {
	t.Helper()
	ctx := context.Background()
	var dsn string
	switch dialect {
	case "sqlite":
		dsn = filepath.Join(t.TempDir(), "badged.db")
	case "postgres":
		dsn = pgtest.NewDatabase(t)
	default:
		t.Fatalf("unknown dialect %q", dialect)
	}
	db, err := storage.Open(ctx, dsn)
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	require.NoError(t, db.Migrate(ctx))
	return db
}

// Clock is a settable clock, safe for concurrent use.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// Now returns the clock's time.
func (c *Clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }

// Set moves the clock to t.
func (c *Clock) Set(t time.Time) { c.mu.Lock(); c.now = t; c.mu.Unlock() }

// Advance moves the clock forward by d.
func (c *Clock) Advance(d time.Duration) { c.mu.Lock(); c.now = c.now.Add(d); c.mu.Unlock() }

// Vancouver is the institution's time zone in tests.
var Vancouver = func() *time.Location {
	loc, err := time.LoadLocation("America/Vancouver")
	if err != nil {
		panic(err)
	}
	return loc
}()

// Start is when every test world begins: Monday 2 November 2026, 09:00 in Vancouver.
var Start = time.Date(2026, 11, 2, 9, 0, 0, 0, Vancouver)

// World is an institution with its people.
type World struct {
	T     testing.TB
	Ctx   context.Context
	Store issuer.Store
	Svc   *issuer.Service
	Clock *Clock

	Faculties   []issuer.Faculty
	Departments []issuer.Department // Departments[i] belongs to Faculties[i%2]

	Admin, Proponent, OtherProponent   issuer.User
	SMCChair                           issuer.User
	SMC                                []issuer.User // members other than the chair: 4 (faculty 2, provost office, CPS, decanal)
	DBCChair                           issuer.User
	DBC                                []issuer.User // members other than the chair: 3
	Provost, SSCC, Senate              issuer.User
	DeptChair, OtherDeptChair, Learner issuer.User
	Delegate                           issuer.User
	tokens                             map[string]string
}

// Option adjusts the service configuration.
type Option func(*issuer.Config)

// New builds a world on store.
func New(t testing.TB, store issuer.Store, opts ...Option) *World {
	t.Helper()
	ctx := context.Background()
	clock := &Clock{now: Start}
	cal, err := workday.New(Vancouver, []workday.Holiday{
		{Date: workday.Date{Year: 2026, Month: time.November, Day: 11}, Name: "Remembrance Day (institutional)"},
		{Date: workday.Date{Year: 2026, Month: time.December, Day: 25}, Name: "Christmas Day"},
	})
	require.NoError(t, err)
	cfg := issuer.Config{Store: store, Calendar: cal, Clock: clock.Now, EarlyCall: true}
	for _, o := range opts {
		o(&cfg)
	}
	svc, err := issuer.NewService(cfg)
	require.NoError(t, err)
	w := &World{T: t, Ctx: ctx, Store: store, Svc: svc, Clock: clock}

	w.Admin = w.user("admin@uni.example", "Central Office", issuer.RoleGrant{Role: issuer.RoleAdmin})
	admin := w.P(w.Admin)
	for _, code := range []string{"SCI", "ART"} {
		f, err := svc.CreateFaculty(ctx, admin, code, "Faculty of "+code)
		require.NoError(t, err)
		w.Faculties = append(w.Faculties, *f)
	}
	for i, code := range []string{"CS", "HIST", "MATH"} {
		d, err := svc.CreateDepartment(ctx, admin, w.Faculties[i%2].ID, code, "Department of "+code)
		require.NoError(t, err)
		w.Departments = append(w.Departments, *d)
	}
	w.Proponent = w.user("proponent@uni.example", "Pat Proponent", issuer.RoleGrant{Role: issuer.RoleProponent})
	w.OtherProponent = w.user("other@uni.example", "Olive Other", issuer.RoleGrant{Role: issuer.RoleProponent})
	w.Provost = w.user("provost@uni.example", "Provost", issuer.RoleGrant{Role: issuer.RoleProvost})
	w.SSCC = w.user("sscc@uni.example", "SSCC Secretary", issuer.RoleGrant{Role: issuer.RoleSSCCSecretary})
	w.Senate = w.user("senate@uni.example", "Senate Secretary", issuer.RoleGrant{Role: issuer.RoleSenateSecretary})
	w.DeptChair = w.user("chair.cs@uni.example", "CS Chair", issuer.RoleGrant{Role: issuer.RoleDepartmentChair, DepartmentID: w.Departments[0].ID})
	w.OtherDeptChair = w.user("chair.hist@uni.example", "History Chair", issuer.RoleGrant{Role: issuer.RoleDepartmentChair, DepartmentID: w.Departments[1].ID})
	w.Learner = w.user("learner@uni.example", "Lee Learner", issuer.RoleGrant{Role: issuer.RoleLearner})
	w.Delegate = w.user("delegate@uni.example", "Dee Delegate", issuer.RoleGrant{Role: issuer.RoleDelegate, DepartmentID: w.Departments[0].ID})

	from := Start.Add(-30 * 24 * time.Hour)
	w.SMCChair = w.member(issuer.SMC, "smc.chair@uni.example", issuer.SeatFaculty, w.Faculties[0].ID, from, true)
	w.SMC = []issuer.User{
		w.member(issuer.SMC, "smc.art@uni.example", issuer.SeatFaculty, w.Faculties[1].ID, from, false),
		w.member(issuer.SMC, "smc.provost@uni.example", issuer.SeatProvostOffice, "", from, false),
		w.member(issuer.SMC, "smc.cps@uni.example", issuer.SeatCPS, "", from, false),
		w.member(issuer.SMC, "smc.decanal@uni.example", issuer.SeatDecanal, "", from, false),
	}
	w.DBCChair = w.member(issuer.DBC, "dbc.chair@uni.example", issuer.SeatFaculty, "", from, true)
	w.DBC = []issuer.User{
		w.member(issuer.DBC, "dbc.provost@uni.example", issuer.SeatProvostOffice, "", from, false),
		w.member(issuer.DBC, "dbc.admin@uni.example", issuer.SeatAdministrative, "", from, false),
		w.member(issuer.DBC, "dbc.decanal@uni.example", issuer.SeatDecanal, "", from, false),
	}
	return w
}

func (w *World) user(email, name string, roles ...issuer.RoleGrant) issuer.User {
	w.T.Helper()
	u, err := w.Svc.CreateUserAsSystem(w.Ctx, issuer.NewUser{Email: email, Name: name, Roles: roles})
	require.NoError(w.T, err)
	return *u
}

func (w *World) member(c issuer.Committee, email string, seat issuer.Seat, faculty string, from time.Time, chair bool) issuer.User {
	w.T.Helper()
	u := w.user(email, email)
	_, err := w.Svc.AddMember(w.Ctx, w.P(w.Admin), issuer.NewMembership{Committee: c, UserID: u.ID, Seat: seat, FacultyID: faculty, From: from, Chair: chair})
	require.NoError(w.T, err)
	return u
}

// P returns the user as a principal now (with the committee roles in force).
func (w *World) P(u issuer.User) issuer.Principal {
	w.T.Helper()
	p, err := w.Svc.PrincipalFor(w.Ctx, u.ID)
	require.NoError(w.T, err)
	return p
}

// Token returns a bearer token for u (created once per user).
func (w *World) Token(u issuer.User) string {
	w.T.Helper()
	if w.tokens == nil {
		w.tokens = map[string]string{}
	}
	if tok, ok := w.tokens[u.ID]; ok {
		return tok
	}
	t, err := w.Svc.CreateTokenAsSystem(w.Ctx, u.ID, "test", 0)
	require.NoError(w.T, err)
	w.tokens[u.ID] = t.Secret
	return t.Secret
}

// SMCReviewers returns three SMC members (not the chair) to assign.
func (w *World) SMCReviewers() []string {
	return []string{w.SMC[0].ID, w.SMC[1].ID, w.SMC[2].ID}
}

// MicroOutline is a complete Outline for a micro-credential with the given credit request.
func (w *World) MicroOutline(credit approval.CreditStatus, credits float64) issuer.Outline {
	o := issuer.Outline{
		"title":               "Design Thinking",
		"description":         "Apply design thinking to real problems in teams.",
		"learning_outcomes":   []any{"Frame a problem from a user's point of view", "Prototype and test a solution"},
		"competencies":        []any{map[string]any{"targetName": "Design thinking", "targetUrl": "https://example.org/frameworks/design/1", "targetFramework": "Example Skills"}},
		"assessment":          "Portfolio of two prototypes, assessed with a rubric.",
		"hours_of_learning":   float64(24),
		"credit_request":      string(credit),
		"stacking":            "Stands alone; part of the Innovation stack.",
		"expiry_policy":       "Does not expire.",
		"target_audience":     "Working professionals",
		"offering_department": w.Departments[0].ID,
	}
	if credits > 0 {
		o["credits"] = credits
	}
	return o
}

// BadgeOutline is a complete Outline for a digital badge.
func (w *World) BadgeOutline() issuer.Outline {
	return issuer.Outline{
		"title":               "Academic Integrity Tutorial",
		"description":         "Completed the academic integrity tutorial.",
		"completion_criteria": "Complete all modules and the quiz.",
		"target_audience":     "All students",
		"offering_department": w.Departments[0].ID,
		"expiry_policy":       "Does not expire.",
	}
}
