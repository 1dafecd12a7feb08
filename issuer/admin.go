package issuer

import (
	"context"
	"fmt"
	"net/mail"
	"slices"
	"strings"
	"time"

	"badged/issuer/approval"
	"badged/issuer/audit"
)

// Input limits.
const (
	MaxNameLen    = 200
	MaxCommentLen = 10000
	MaxCodeLen    = 40
)

// NewUser is the input to CreateUser.
type NewUser struct {
	Email string
	Name  string
	Roles []RoleGrant
}

func normalizeEmail(e string) (string, error) {
	e = strings.TrimSpace(e)
	a, err := mail.ParseAddress(e)
	if err != nil || a.Address != e || len(e) > 254 {
		return "", Errorf(EInvalid, "%q is not a valid email address", e)
	}
	return strings.ToLower(e), nil
}

func checkName(what, s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > MaxNameLen {
		return "", Errorf(EInvalid, "%s must be 1 to %d characters", what, MaxNameLen)
	}
	return s, nil
}

func checkComment(s string, required bool, what string) (string, error) {
	s = strings.TrimSpace(s)
	if required && s == "" {
		return "", Errorf(EInvalid, "%s is required", what)
	}
	if len(s) > MaxCommentLen {
		return "", Errorf(EInvalid, "%s is longer than %d characters", what, MaxCommentLen)
	}
	return s, nil
}

func (s *Service) checkGrants(ctx context.Context, st Store, roles []RoleGrant) ([]RoleGrant, error) {
	var out []RoleGrant
	for _, g := range roles {
		if !g.Role.Grantable() {
			return nil, Errorf(EInvalid, "role %q cannot be granted (committee roles follow from committee membership)", g.Role)
		}
		if g.Role.Departmental() {
			if g.DepartmentID == "" {
				return nil, Errorf(EInvalid, "role %s needs a department_id", g.Role)
			}
			if _, err := st.GetDepartment(ctx, g.DepartmentID); err != nil {
				return nil, invalidRef(err, "department %s", g.DepartmentID)
			}
		} else if g.DepartmentID != "" {
			return nil, Errorf(EInvalid, "role %s is not departmental", g.Role)
		}
		if !slices.Contains(out, g) {
			out = append(out, g)
		}
	}
	return out, nil
}

// invalidRef turns a not-found reference in input into an invalid-input error.
func invalidRef(err error, format string, args ...any) error {
	if IsCode(err, ENotFound) {
		return Errorf(EInvalid, format+" does not exist", args...)
	}
	return err
}

// CreateUser adds a user (admins only).
func (s *Service) CreateUser(ctx context.Context, p Principal, in NewUser) (*User, error) {
	if err := authorize(p, ActManageUsers); err != nil {
		return nil, err
	}
	return s.createUser(ctx, p.User.ID, primaryRole(p, RoleAdmin), in)
}

// CreateUserAsSystem adds a user from the command line (badged user add).
func (s *Service) CreateUserAsSystem(ctx context.Context, in NewUser) (*User, error) {
	return s.createUser(ctx, "", "system", in)
}

func (s *Service) createUser(ctx context.Context, actorID, actorRole string, in NewUser) (*User, error) {
	email, err := normalizeEmail(in.Email)
	if err != nil {
		return nil, err
	}
	name, err := checkName("name", in.Name)
	if err != nil {
		return nil, err
	}
	now := s.clock()
	u := &User{ID: NewID(), Email: email, Name: name, CreatedAt: now}
	err = s.store.InTx(ctx, func(tx Store) error {
		if u.Roles, err = s.checkGrants(ctx, tx, in.Roles); err != nil {
			return err
		}
		if err := tx.CreateUser(ctx, u); err != nil {
			return err
		}
		return record(ctx, tx, audit.Event{SubjectType: "user", SubjectID: u.ID, Action: "create_user",
			ActorID: actorID, ActorRole: actorRole, At: now,
			Data: audit.CanonicalJSON(map[string]any{"email": u.Email, "name": u.Name, "roles": u.Roles})})
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

// HasUsers reports whether any user exists (for the first start).
func (s *Service) HasUsers(ctx context.Context) (bool, error) {
	us, err := s.store.ListUsers(ctx, Page{Limit: 1})
	return len(us) > 0, err
}

// GetUser returns a user: oneself, or anyone for those who may read users.
func (s *Service) GetUser(ctx context.Context, p Principal, id string) (*User, error) {
	if id != p.User.ID && !Permitted(p, ActReadUsers) {
		return nil, Errorf(ENotFound, "user %s not found", id)
	}
	return s.store.GetUser(ctx, id)
}

// ListUsers lists users.
func (s *Service) ListUsers(ctx context.Context, p Principal, pg Page) ([]User, error) {
	if err := authorize(p, ActReadUsers); err != nil {
		return nil, err
	}
	return s.store.ListUsers(ctx, pg.Normalize())
}

// SetRoles replaces a user's granted roles (admins only).
func (s *Service) SetRoles(ctx context.Context, p Principal, userID string, roles []RoleGrant) (*User, error) {
	if err := authorize(p, ActManageUsers); err != nil {
		return nil, err
	}
	var u *User
	err := s.store.InTx(ctx, func(tx Store) error {
		var err error
		if u, err = tx.GetUser(ctx, userID); err != nil {
			return err
		}
		grants, err := s.checkGrants(ctx, tx, roles)
		if err != nil {
			return err
		}
		if err := tx.SetRoles(ctx, userID, grants); err != nil {
			return err
		}
		old := u.Roles
		u.Roles = grants
		return record(ctx, tx, audit.Event{SubjectType: "user", SubjectID: userID, Action: "set_roles",
			ActorID: p.User.ID, ActorRole: primaryRole(p, RoleAdmin), At: s.clock(),
			Data: audit.CanonicalJSON(map[string]any{"from": old, "to": grants})})
	})
	return u, err
}

// CreateFaculty adds a Faculty (the central office).
func (s *Service) CreateFaculty(ctx context.Context, p Principal, code, name string) (*Faculty, error) {
	if err := authorize(p, ActManageInst); err != nil {
		return nil, err
	}
	code, err := checkCode(code)
	if err != nil {
		return nil, err
	}
	if name, err = checkName("name", name); err != nil {
		return nil, err
	}
	f := &Faculty{ID: NewID(), Code: code, Name: name, CreatedAt: s.clock()}
	err = s.store.InTx(ctx, func(tx Store) error {
		if err := tx.CreateFaculty(ctx, f); err != nil {
			return err
		}
		return record(ctx, tx, audit.Event{SubjectType: "faculty", SubjectID: f.ID, Action: "create_faculty",
			ActorID: p.User.ID, ActorRole: string(RoleAdmin), At: f.CreatedAt,
			Data: audit.CanonicalJSON(map[string]any{"code": code, "name": name})})
	})
	return f, err
}

func checkCode(code string) (string, error) {
	code = strings.TrimSpace(code)
	if code == "" || len(code) > MaxCodeLen || strings.ContainsAny(code, " \t\n/") {
		return "", Errorf(EInvalid, "code must be 1 to %d characters without spaces or slashes", MaxCodeLen)
	}
	return code, nil
}

// ListFaculties lists Faculties.
func (s *Service) ListFaculties(ctx context.Context, p Principal, pg Page) ([]Faculty, error) {
	if err := authorize(p, ActReadInst); err != nil {
		return nil, err
	}
	return s.store.ListFaculties(ctx, pg.Normalize())
}

// CreateDepartment adds a department to a Faculty.
func (s *Service) CreateDepartment(ctx context.Context, p Principal, facultyID, code, name string) (*Department, error) {
	if err := authorize(p, ActManageInst); err != nil {
		return nil, err
	}
	code, err := checkCode(code)
	if err != nil {
		return nil, err
	}
	if name, err = checkName("name", name); err != nil {
		return nil, err
	}
	d := &Department{ID: NewID(), FacultyID: facultyID, Code: code, Name: name, CreatedAt: s.clock()}
	err = s.store.InTx(ctx, func(tx Store) error {
		if _, err := tx.GetFaculty(ctx, facultyID); err != nil {
			return invalidRef(err, "faculty %s", facultyID)
		}
		if err := tx.CreateDepartment(ctx, d); err != nil {
			return err
		}
		return record(ctx, tx, audit.Event{SubjectType: "department", SubjectID: d.ID, Action: "create_department",
			ActorID: p.User.ID, ActorRole: string(RoleAdmin), At: d.CreatedAt,
			Data: audit.CanonicalJSON(map[string]any{"faculty_id": facultyID, "code": code, "name": name})})
	})
	return d, err
}

// ListDepartments lists departments.
func (s *Service) ListDepartments(ctx context.Context, p Principal, pg Page) ([]Department, error) {
	if err := authorize(p, ActReadInst); err != nil {
		return nil, err
	}
	return s.store.ListDepartments(ctx, pg.Normalize())
}

// NewMembership is the input to AddMember.
type NewMembership struct {
	Committee Committee
	UserID    string
	Seat      Seat
	FacultyID string
	From      time.Time
	Until     *time.Time
	Chair     bool
}

var committeeSeats = map[Committee][]Seat{
	SMC: {SeatFaculty, SeatProvostOffice, SeatCPS, SeatDecanal},
	DBC: {SeatFaculty, SeatProvostOffice, SeatAdministrative, SeatDecanal},
}

// AddMember adds a dated membership. A seat that is already filled for an
// overlapping period (the same Faculty on the SMC, or the single seats) is
// refused, and so is a second chair for an overlapping period.
func (s *Service) AddMember(ctx context.Context, p Principal, in NewMembership) (*Membership, error) {
	if err := authorize(p, ActManageMembers); err != nil {
		return nil, err
	}
	if !in.Committee.Valid() {
		return nil, Errorf(EInvalid, "unknown committee %q (smc or dbc)", in.Committee)
	}
	if !slices.Contains(committeeSeats[in.Committee], in.Seat) {
		return nil, Errorf(EInvalid, "seat %q does not exist on the %s (seats: %v)", in.Seat, strings.ToUpper(string(in.Committee)), committeeSeats[in.Committee])
	}
	if in.Committee == SMC && in.Seat == SeatFaculty && in.FacultyID == "" {
		return nil, Errorf(EInvalid, "an SMC faculty seat names its faculty_id")
	}
	if in.From.IsZero() {
		in.From = s.clock()
	}
	if in.Until != nil && !in.Until.After(in.From) {
		return nil, Errorf(EInvalid, "a membership must end after it starts")
	}
	m := &Membership{ID: NewID(), Committee: in.Committee, UserID: in.UserID, Seat: in.Seat, FacultyID: in.FacultyID,
		From: in.From.UTC(), Until: in.Until, Chair: in.Chair, CreatedAt: s.clock()}
	err := s.store.InTx(ctx, func(tx Store) error {
		if _, err := tx.GetUser(ctx, in.UserID); err != nil {
			return invalidRef(err, "user %s", in.UserID)
		}
		if in.FacultyID != "" {
			if _, err := tx.GetFaculty(ctx, in.FacultyID); err != nil {
				return invalidRef(err, "faculty %s", in.FacultyID)
			}
		}
		all, err := tx.ListMemberships(ctx, in.Committee)
		if err != nil {
			return err
		}
		for _, o := range all {
			if !overlaps(o, *m) {
				continue
			}
			switch {
			case o.UserID == m.UserID:
				return Errorf(EConflict, "user %s already sits on the %s for that period", m.UserID, strings.ToUpper(string(m.Committee)))
			case sameSeat(o, *m):
				return Errorf(EConflict, "the %s seat%s is already filled for that period (membership %s)", m.Seat, facultySuffix(m.FacultyID), o.ID)
			case m.Chair && o.Chair:
				return Errorf(EConflict, "the committee already has a chair for that period (membership %s)", o.ID)
			}
		}
		if err := tx.CreateMembership(ctx, m); err != nil {
			return err
		}
		return record(ctx, tx, audit.Event{SubjectType: "committee", SubjectID: string(m.Committee), Action: "add_member",
			ActorID: p.User.ID, ActorRole: string(RoleAdmin), At: m.CreatedAt, Data: audit.CanonicalJSON(membershipData(*m))})
	})
	return m, err
}

// sameSeat reports whether two memberships hold the same seat: on the SMC
// there is one faculty seat per Faculty; every other seat, and the DBC's
// single faculty representative, is one seat.
func sameSeat(a, b Membership) bool {
	if a.Seat != b.Seat {
		return false
	}
	return a.Committee != SMC || a.Seat != SeatFaculty || a.FacultyID == b.FacultyID
}

func facultySuffix(f string) string {
	if f == "" {
		return ""
	}
	return " for faculty " + f
}

func membershipData(m Membership) map[string]any {
	return map[string]any{"membership_id": m.ID, "user_id": m.UserID, "seat": m.Seat, "faculty_id": m.FacultyID,
		"from": m.From, "until": m.Until, "chair": m.Chair}
}

func overlaps(a, b Membership) bool {
	aEndsAfterBStarts := a.Until == nil || a.Until.After(b.From)
	bEndsAfterAStarts := b.Until == nil || b.Until.After(a.From)
	return aEndsAfterBStarts && bEndsAfterAStarts
}

// EndMember ends a membership at until.
func (s *Service) EndMember(ctx context.Context, p Principal, membershipID string, until time.Time) (*Membership, error) {
	return s.changeMember(ctx, p, membershipID, "end_member", func(m *Membership) error {
		if !until.After(m.From) {
			return Errorf(EInvalid, "a membership must end after it starts")
		}
		u := until.UTC()
		m.Until = &u
		return nil
	})
}

// ElectChair records the committee's election of a current member as its
// Chair, from now on. Memberships are dated, so the election splits rows
// rather than rewriting them: the outgoing chair's row ends now and goes on
// as an ordinary membership, and the new chair's row ends now and goes on as
// the chair's. Compositions of the past stay as they were.
func (s *Service) ElectChair(ctx context.Context, p Principal, membershipID string) (*Membership, error) {
	if err := authorize(p, ActManageMembers); err != nil {
		return nil, err
	}
	var out *Membership
	err := s.store.InTx(ctx, func(tx Store) error {
		m, err := tx.GetMembership(ctx, membershipID)
		if err != nil {
			return err
		}
		now := s.clock()
		if !m.ActiveAt(now) {
			return Errorf(EInvalid, "membership %s is not current: a chair is elected from among the current members", m.ID)
		}
		if m.Chair {
			return Errorf(EConflict, "membership %s is already the chair", m.ID)
		}
		all, err := tx.ListMemberships(ctx, m.Committee)
		if err != nil {
			return err
		}
		var outgoing []string
		for i := range all {
			if o := &all[i]; o.Chair && o.ActiveAt(now) {
				if _, err := s.continueAs(ctx, tx, o, now, false); err != nil {
					return err
				}
				outgoing = append(outgoing, o.UserID)
			}
		}
		if out, err = s.continueAs(ctx, tx, m, now, true); err != nil {
			return err
		}
		return record(ctx, tx, audit.Event{SubjectType: "committee", SubjectID: string(m.Committee), Action: "elect_chair",
			ActorID: p.User.ID, ActorRole: string(RoleAdmin), At: now,
			Data: audit.CanonicalJSON(map[string]any{"chair": membershipData(*out), "previous_chairs": outgoing})})
	})
	return out, err
}

// continueAs ends m at t and continues it from t with chair set, so the
// change takes effect from t without altering m's past. A row that starts at
// t is changed in place.
func (s *Service) continueAs(ctx context.Context, tx Store, m *Membership, t time.Time, chair bool) (*Membership, error) {
	if !m.From.Before(t) {
		m.Chair = chair
		return m, tx.UpdateMembership(ctx, m)
	}
	next := &Membership{ID: NewID(), Committee: m.Committee, UserID: m.UserID, Seat: m.Seat, FacultyID: m.FacultyID,
		From: t, Until: m.Until, Chair: chair, CreatedAt: t}
	m.Until = &t
	if err := tx.UpdateMembership(ctx, m); err != nil {
		return nil, err
	}
	return next, tx.CreateMembership(ctx, next)
}

func (s *Service) changeMember(ctx context.Context, p Principal, id, action string, fn func(*Membership) error) (*Membership, error) {
	if err := authorize(p, ActManageMembers); err != nil {
		return nil, err
	}
	var m *Membership
	err := s.store.InTx(ctx, func(tx Store) error {
		var err error
		if m, err = tx.GetMembership(ctx, id); err != nil {
			return err
		}
		if err := fn(m); err != nil {
			return err
		}
		if err := tx.UpdateMembership(ctx, m); err != nil {
			return err
		}
		return record(ctx, tx, audit.Event{SubjectType: "committee", SubjectID: string(m.Committee), Action: action,
			ActorID: p.User.ID, ActorRole: string(RoleAdmin), At: s.clock(), Data: audit.CanonicalJSON(membershipData(*m))})
	})
	return m, err
}

// Composition is a committee's membership at a moment, checked against the policy.
type Composition struct {
	Committee Committee
	At        time.Time
	Members   []Membership
	Chair     *Membership
	Complete  bool
	// Gaps says, one line each, what the policy requires that is missing.
	Gaps []string
}

// Composition reports a committee's members at t and what the policy
// requires that is missing: the SMC needs one faculty member per Faculty,
// the Provost's office, CPS and a decanal representative; the DBC a faculty
// representative, the Provost's office, a non-academic administrative and a
// decanal representative; both need an elected chair.
func (s *Service) Composition(ctx context.Context, p Principal, c Committee, t time.Time) (*Composition, error) {
	if err := authorize(p, ActReadMembers); err != nil {
		return nil, err
	}
	return s.composition(ctx, s.store, c, t)
}

func (s *Service) composition(ctx context.Context, st Store, c Committee, t time.Time) (*Composition, error) {
	if !c.Valid() {
		return nil, Errorf(EInvalid, "unknown committee %q (smc or dbc)", c)
	}
	if t.IsZero() {
		t = s.clock()
	}
	all, err := st.ListMemberships(ctx, c)
	if err != nil {
		return nil, err
	}
	comp := &Composition{Committee: c, At: t}
	for i := range all {
		if all[i].ActiveAt(t) {
			comp.Members = append(comp.Members, all[i])
			if all[i].Chair {
				comp.Chair = &all[i]
			}
		}
	}
	has := func(seat Seat, faculty string) bool {
		return slices.ContainsFunc(comp.Members, func(m Membership) bool {
			return m.Seat == seat && (faculty == "" || m.FacultyID == faculty)
		})
	}
	if c == SMC {
		for off := 0; ; off += MaxPageSize {
			fs, err := st.ListFaculties(ctx, Page{Limit: MaxPageSize, Offset: off})
			if err != nil {
				return nil, err
			}
			for _, f := range fs {
				if !has(SeatFaculty, f.ID) {
					comp.Gaps = append(comp.Gaps, fmt.Sprintf("no faculty member from %s (%s)", f.Name, f.Code))
				}
			}
			if len(fs) < MaxPageSize {
				break
			}
		}
	} else if !has(SeatFaculty, "") {
		comp.Gaps = append(comp.Gaps, "no faculty representative")
	}
	labels := map[Seat]string{SeatProvostOffice: "representative of the Office of the Provost", SeatCPS: "representative of Continuing & Professional Studies",
		SeatDecanal: "decanal representative", SeatAdministrative: "non-academic administrative representative"}
	for _, seat := range committeeSeats[c] {
		if seat != SeatFaculty && !has(seat, "") {
			comp.Gaps = append(comp.Gaps, "no "+labels[seat])
		}
	}
	if comp.Chair == nil {
		comp.Gaps = append(comp.Gaps, "no elected chair")
	}
	comp.Complete = len(comp.Gaps) == 0
	return comp, nil
}

// memberIDs returns the ids of a committee's current members, recorded with
// decisions so the audit shows who was a member then.
func (s *Service) memberIDs(ctx context.Context, st Store, c Committee, t time.Time) ([]string, error) {
	comp, err := s.composition(ctx, st, c, t)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(comp.Members))
	for i, m := range comp.Members {
		ids[i] = m.UserID
	}
	return ids, nil
}

// OutlineForm returns the Outline form's fields for a kind.
func (s *Service) OutlineForm(ctx context.Context, p Principal, k approval.Kind) ([]OutlineField, error) {
	if err := authorize(p, ActReadForm); err != nil {
		return nil, err
	}
	if !k.Valid() {
		return nil, Errorf(EInvalid, "unknown kind %q", k)
	}
	return s.store.ListOutlineFields(ctx, k)
}

// SetOutlineForm replaces the Outline form's fields: the SMC Chair for
// micro-credentials, the DBC Chair for digital badges, or the central office.
func (s *Service) SetOutlineForm(ctx context.Context, p Principal, k approval.Kind, fields []OutlineField) ([]OutlineField, error) {
	if err := authorize(p, ActManageForm); err != nil {
		return nil, err
	}
	if !k.Valid() {
		return nil, Errorf(EInvalid, "unknown kind %q", k)
	}
	owner := RoleSMCChair
	if k == approval.DigitalBadge {
		owner = RoleDBCChair
	}
	if !p.HasAny(owner, RoleAdmin) {
		return nil, Errorf(EForbidden, "only the %s or the central office may change the %s form", owner, k)
	}
	if len(fields) == 0 || len(fields) > 100 {
		return nil, Errorf(EInvalid, "a form has 1 to 100 fields")
	}
	seen := map[string]bool{}
	for i := range fields {
		f := &fields[i]
		f.Kind, f.Position = k, i
		if f.Key == "" || len(f.Key) > 64 || strings.Trim(f.Key, "abcdefghijklmnopqrstuvwxyz0123456789_") != "" {
			return nil, Errorf(EInvalid, "field %d: key must be 1 to 64 lowercase letters, digits or underscores", i)
		}
		if seen[f.Key] {
			return nil, Errorf(EInvalid, "field %q appears twice", f.Key)
		}
		seen[f.Key] = true
		if _, err := checkName("field "+f.Key+" label", f.Label); err != nil {
			return nil, err
		}
		if !validFieldType(f.Type) {
			return nil, Errorf(EInvalid, "field %q: unknown type %q", f.Key, f.Type)
		}
		if f.Type == FieldChoice && len(f.Options) == 0 {
			return nil, Errorf(EInvalid, "field %q: a choice needs options", f.Key)
		}
	}
	err := s.store.InTx(ctx, func(tx Store) error {
		if err := tx.ReplaceOutlineFields(ctx, k, fields); err != nil {
			return err
		}
		return record(ctx, tx, audit.Event{SubjectType: "outline_form", SubjectID: string(k), Action: "set_outline_form",
			ActorID: p.User.ID, ActorRole: primaryRole(p, owner), At: s.clock(), Data: audit.CanonicalJSON(fields)})
	})
	return fields, err
}

func validFieldType(t FieldType) bool {
	switch t {
	case FieldText, FieldLongText, FieldNumber, FieldBoolean, FieldChoice, FieldList, FieldAlignments, FieldDepartment:
		return true
	}
	return false
}
