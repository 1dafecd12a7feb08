// Package apitest runs the HTTP API over a real issuer.Service for tests:
// an httptest server, users with roles and their tokens, JSON requests, and
// a check of every response against the OpenAPI document the server serves.
//
// It takes the store as an argument, so the same tests run on SQLite and
// PostgreSQL, and api never imports storage:
//
//	db, _ := storage.Open(ctx, filepath.Join(t.TempDir(), "t.db"))
//	_ = db.Migrate(ctx)
//	env := apitest.New(t, db)
//	proponent := env.NewUser(t, issuer.RoleProponent)
//	var v api.Version
//	env.Call(t, http.MethodPost, "/api/v1/versions/"+id+"/submit", proponent.Token, nil, http.StatusOK, &v)
//
// Every method takes the calling test's t, so subtests may share one Env.
package apitest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
	_ "time/tzdata" // the institution's zone must load where the system has no zoneinfo

	"badged/api"
	"badged/issuer"
	"badged/issuer/workday"
)

// Zone is the institution's time zone in tests.
const Zone = "America/Toronto"

// Start is the default start of the test clock: a Monday, 10:00 in Toronto.
var Start = time.Date(2026, time.September, 14, 14, 0, 0, 0, time.UTC)

// Env is a running API server over a real service.
type Env struct {
	Service *issuer.Service
	API     *api.Server
	Server  *httptest.Server
	Clock   *Clock
	// Admin is a user with the admin role, created by New.
	Admin User
	// Department is a department created by New, for departmental roles.
	Department string

	logs    *lockedBuffer
	checker *checker
	seq     int // makes names, emails and codes unique
	mu      sync.Mutex
}

// Option adjusts the service an Env runs.
type Option func(*issuer.Config)

// WithServiceConfig lets a test change the service's configuration (the
// early call, the DBC decision rule, the review window).
func WithServiceConfig(f func(*issuer.Config)) Option { return Option(f) }

// New starts a server over store, which must be migrated and empty, and
// creates an admin user and a department. The server stops when the test ends.
func New(t testing.TB, store issuer.Store, opts ...Option) *Env {
	t.Helper()
	loc, err := time.LoadLocation(Zone)
	if err != nil {
		t.Fatalf("apitest: load %s: %v", Zone, err)
	}
	cal, err := workday.New(loc, nil)
	if err != nil {
		t.Fatalf("apitest: calendar: %v", err)
	}
	logs := &lockedBuffer{}
	log := slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	clock := NewClock(Start)
	cfg := issuer.Config{Store: store, Calendar: cal, Clock: clock.Now, Logger: log}
	for _, o := range opts {
		o(&cfg)
	}
	svc, err := issuer.NewService(cfg)
	if err != nil {
		t.Fatalf("apitest: service: %v", err)
	}
	srv, err := api.New(api.Config{Service: svc, Logger: log, PublicURL: "http://badged.test", Version: "test"})
	if err != nil {
		t.Fatalf("apitest: api: %v", err)
	}
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	e := &Env{Service: svc, API: srv, Server: hs, Clock: clock, logs: logs}
	e.checker = newChecker(t, e.get(t, "/api/v1/openapi.json"))
	e.Admin = e.NewUser(t, issuer.RoleAdmin)
	e.Department = e.NewDepartment(t)
	return e
}

// get fetches a public document.
func (e *Env) get(t testing.TB, path string) []byte {
	t.Helper()
	res, err := e.Server.Client().Get(e.Server.URL + path)
	if err != nil {
		t.Fatalf("apitest: GET %s: %v", path, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("apitest: GET %s: status %d, %v", path, res.StatusCode, err)
	}
	return b
}

// Succeeded returns the ids of the routes that have answered a request of
// this Env with their success status, so a test can require that it
// exercised every route.
func (e *Env) Succeeded() map[string]bool { return e.checker.succeeded() }

// Logs returns what the service and the server logged so far, one JSON
// object per line.
func (e *Env) Logs() string { return e.logs.String() }

func (e *Env) next() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.seq++
	return e.seq
}

// User is a user created for a test, with an API token.
type User struct {
	ID    string
	Email string
	Name  string
	Token string
	// Memberships are the committee memberships that give its committee roles.
	Memberships []string
}

// NewUser creates a user holding roles, with a token. Departmental roles
// (department_chair, delegate) are granted for Env.Department. Committee
// roles come from a membership: smc_member or dbc_member from a faculty
// seat (each member gets a Faculty of their own, so seats never clash);
// smc_chair or dbc_chair from a chair's membership, which also makes the
// user a member. A committee has one chair at a time.
func (e *Env) NewUser(t testing.TB, roles ...issuer.Role) User {
	t.Helper()
	return e.NewUserFor(t, e.Department, roles...)
}

// NewUserFor is NewUser with departmental roles granted for departmentID.
func (e *Env) NewUserFor(t testing.TB, departmentID string, roles ...issuer.Role) User {
	t.Helper()
	ctx := context.Background()
	n := e.next()
	var grants []issuer.RoleGrant
	committees := map[issuer.Committee]bool{} // committee → chair
	for _, r := range roles {
		switch {
		case r == issuer.RoleSMCMember, r == issuer.RoleSMCChair:
			committees[issuer.SMC] = committees[issuer.SMC] || r == issuer.RoleSMCChair
		case r == issuer.RoleDBCMember, r == issuer.RoleDBCChair:
			committees[issuer.DBC] = committees[issuer.DBC] || r == issuer.RoleDBCChair
		case r.Departmental():
			grants = append(grants, issuer.RoleGrant{Role: r, DepartmentID: departmentID})
		default:
			grants = append(grants, issuer.RoleGrant{Role: r})
		}
	}
	name := fmt.Sprintf("User %d %s", n, strings.Join(strs(roles), "+"))
	u, err := e.Service.CreateUserAsSystem(ctx, issuer.NewUser{Email: fmt.Sprintf("user%d@badged.test", n), Name: name, Roles: grants})
	if err != nil {
		t.Fatalf("apitest: create user: %v", err)
	}
	out := User{ID: u.ID, Email: u.Email, Name: u.Name}
	for c, chair := range committees {
		out.Memberships = append(out.Memberships, e.AddMember(t, c, u.ID, chair))
	}
	// The longest lifetime, so a test may move the clock a year ahead.
	tok, err := e.Service.CreateTokenAsSystem(ctx, u.ID, "test", issuer.MaxTokenTTL)
	if err != nil {
		t.Fatalf("apitest: create token: %v", err)
	}
	out.Token = tok.Secret
	return out
}

// AddMember seats a user on a committee from a minute ago, open-ended, and
// returns the membership id: on the SMC in the faculty seat of a new
// Faculty; on the DBC, which has one seat of each kind, in the first free one.
func (e *Env) AddMember(t testing.TB, c issuer.Committee, userID string, chair bool) string {
	t.Helper()
	ctx := context.Background()
	seats := []issuer.Seat{issuer.SeatFaculty}
	if c == issuer.DBC {
		seats = []issuer.Seat{issuer.SeatFaculty, issuer.SeatProvostOffice, issuer.SeatAdministrative, issuer.SeatDecanal}
	}
	var err error
	for _, seat := range seats {
		in := issuer.NewMembership{Committee: c, UserID: userID, Seat: seat, From: e.Clock.Now().Add(-time.Minute), Chair: chair}
		if c == issuer.SMC {
			in.FacultyID = e.NewFaculty(t)
		}
		var m *issuer.Membership
		if m, err = e.Service.AddMember(ctx, e.Principal(t, e.Admin), in); err == nil {
			return m.ID
		}
		if !issuer.IsCode(err, issuer.EConflict) {
			break
		}
	}
	t.Fatalf("apitest: add %s member: %v", c, err)
	return ""
}

// NewFaculty creates a Faculty and returns its id.
func (e *Env) NewFaculty(t testing.TB) string {
	t.Helper()
	n := e.next()
	f, err := e.Service.CreateFaculty(context.Background(), e.Principal(t, e.Admin), fmt.Sprintf("F%d", n), fmt.Sprintf("Faculty %d", n))
	if err != nil {
		t.Fatalf("apitest: create faculty: %v", err)
	}
	return f.ID
}

// NewDepartment creates a department in a new Faculty and returns its id.
func (e *Env) NewDepartment(t testing.TB) string {
	t.Helper()
	n := e.next()
	d, err := e.Service.CreateDepartment(context.Background(), e.Principal(t, e.Admin), e.NewFaculty(t), fmt.Sprintf("D%d", n), fmt.Sprintf("Department %d", n))
	if err != nil {
		t.Fatalf("apitest: create department: %v", err)
	}
	return d.ID
}

// Principal loads u as the service sees it now, to call the service directly.
func (e *Env) Principal(t testing.TB, u User) issuer.Principal {
	t.Helper()
	p, err := e.Service.PrincipalFor(context.Background(), u.ID)
	if err != nil {
		t.Fatalf("apitest: principal %s: %v", u.ID, err)
	}
	return p
}

// Response is an HTTP response with its body read.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// Decode decodes the JSON body into v, failing the test if it cannot.
func (r *Response) Decode(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("apitest: decode %d response %s: %v", r.Status, r.Body, err)
	}
}

// Error decodes the body as the API's error shape, failing the test if it is not one.
func (r *Response) Error(t testing.TB) api.ErrorBody {
	t.Helper()
	var e api.ErrorResponse
	dec := json.NewDecoder(bytes.NewReader(r.Body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&e); err != nil || e.Error.Code == "" || e.Error.Message == "" {
		t.Fatalf("apitest: status %d: not an error response: %s", r.Status, r.Body)
	}
	return e.Error
}

// Do sends a request and returns the response. body is nil (no body), a
// string or []byte (sent as is), an io.Reader (sent chunked, without a
// Content-Length) or any other value (sent as JSON). token
// "" sends no Authorization header. Every JSON response is checked against
// the schema the OpenAPI document gives for its route and status.
func (e *Env) Do(t testing.TB, method, path, token string, body any) *Response {
	t.Helper()
	return e.DoWith(t, method, path, token, body, nil)
}

// DoWith is Do with extra request headers.
func (e *Env) DoWith(t testing.TB, method, path, token string, body any, header http.Header) *Response {
	t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	case io.Reader:
		rd = b // sent with no Content-Length: chunked
	default:
		buf, err := json.Marshal(b)
		if err != nil {
			t.Fatalf("apitest: encode body: %v", err)
		}
		rd = bytes.NewReader(buf)
	}
	req, err := http.NewRequest(method, e.Server.URL+path, rd)
	if err != nil {
		t.Fatalf("apitest: %s %s: %v", method, path, err)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for k, vs := range header {
		req.Header[k] = vs
	}
	res, err := e.Server.Client().Do(req)
	if err != nil {
		t.Fatalf("apitest: %s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("apitest: %s %s: read body: %v", method, path, err)
	}
	r := &Response{Status: res.StatusCode, Header: res.Header, Body: b}
	e.checker.check(t, method, path, r)
	return r
}

// Call sends a request, requires status want and decodes the body into out
// (unless out is nil).
func (e *Env) Call(t testing.TB, method, path, token string, body any, want int, out any) *Response {
	t.Helper()
	r := e.Do(t, method, path, token, body)
	if r.Status != want {
		t.Fatalf("apitest: %s %s: status %d, want %d: %s", method, path, r.Status, want, r.Body)
	}
	if out != nil {
		r.Decode(t, out)
	}
	return r
}

// CallError sends a request, requires status want and returns the error body.
func (e *Env) CallError(t testing.TB, method, path, token string, body any, want int) api.ErrorBody {
	t.Helper()
	r := e.Do(t, method, path, token, body)
	if r.Status != want {
		t.Fatalf("apitest: %s %s: status %d, want %d: %s", method, path, r.Status, want, r.Body)
	}
	return r.Error(t)
}

// Clock is the service's clock, which a test sets and advances.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// NewClock returns a clock stopped at t.
func NewClock(t time.Time) *Clock { return &Clock{now: t} }

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Set stops the clock at t.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

// Advance moves the clock forward by d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func strs[S ~string](in []S) []string {
	out := make([]string, len(in))
	for i, s := range in {
		out[i] = string(s)
	}
	return out
}
