package storagetest

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"badged/issuer"
)

func testUsers(t *testing.T, f *fixture) {
	st, ctx := f.st, f.ctx

	t.Run("ok/create and get with roles", func(t *testing.T) {
		in := issuer.User{
			ID: f.id("user"), Email: "Ada.Lovelace@Example.edu", Name: "Ada Lovelace", CreatedAt: f.tick(),
			Roles: []issuer.RoleGrant{
				{Role: issuer.RoleProponent},
				{Role: issuer.RoleDepartmentChair, DepartmentID: f.department.ID},
				{Role: issuer.RoleAdmin},
			},
		}
		u := in
		require.NoError(t, st.CreateUser(ctx, &u))

		want := in
		want.CreatedAt = norm(in.CreatedAt)
		got, err := st.GetUser(ctx, in.ID)
		require.NoError(t, err)
		require.Equal(t, want, *got)

		byEmail, err := st.GetUserByEmail(ctx, "ada.lovelace@example.EDU")
		require.NoError(t, err, "emails are compared without case")
		require.Equal(t, want, *byEmail)
	})

	t.Run("ok/disabled user without roles", func(t *testing.T) {
		in := issuer.User{ID: f.id("user"), Email: "gone@example.edu", Name: "Gone", Disabled: true, CreatedAt: f.tick()}
		u := in
		require.NoError(t, st.CreateUser(ctx, &u))
		got, err := st.GetUser(ctx, in.ID)
		require.NoError(t, err)
		require.True(t, got.Disabled)
		require.Empty(t, got.Roles)
	})

	t.Run("error/not found", func(t *testing.T) {
		_, err := st.GetUser(ctx, "no-such-user")
		requireCode(t, err, issuer.ENotFound)
		require.Contains(t, err.Error(), "no-such-user")
		_, err = st.GetUserByEmail(ctx, "nobody@example.edu")
		requireCode(t, err, issuer.ENotFound)
	})

	t.Run("error/duplicate email", func(t *testing.T) {
		u := issuer.User{ID: f.id("user"), Email: "PROPONENT@example.edu", Name: "Imposter", CreatedAt: f.tick()}
		err := st.CreateUser(ctx, &u)
		requireCode(t, err, issuer.EConflict)
		require.Contains(t, err.Error(), "PROPONENT@example.edu")
		_, err = st.GetUser(ctx, u.ID)
		requireCode(t, err, issuer.ENotFound)
	})

	t.Run("ok/set roles replaces", func(t *testing.T) {
		u := f.user(t, "replaced")
		set := func(roles ...issuer.RoleGrant) []issuer.RoleGrant {
			t.Helper()
			require.NoError(t, st.SetRoles(ctx, u.ID, roles))
			got, err := st.GetUser(ctx, u.ID)
			require.NoError(t, err)
			return got.Roles
		}
		chair := issuer.RoleGrant{Role: issuer.RoleDepartmentChair, DepartmentID: f.department.ID}
		delegate := issuer.RoleGrant{Role: issuer.RoleDelegate, DepartmentID: f.department.ID}
		admin := issuer.RoleGrant{Role: issuer.RoleAdmin}

		require.Equal(t, []issuer.RoleGrant{chair, admin}, set(chair, admin))
		require.Equal(t, []issuer.RoleGrant{delegate}, set(delegate), "earlier grants are gone")
		require.Equal(t, []issuer.RoleGrant{admin, delegate}, set(admin, delegate, admin), "a repeated grant is kept once")
		require.Empty(t, set())
	})

	t.Run("error/set roles of unknown user", func(t *testing.T) {
		err := st.SetRoles(ctx, "no-such-user", []issuer.RoleGrant{{Role: issuer.RoleAdmin}})
		requireCode(t, err, issuer.ENotFound)
	})

	t.Run("error/set roles for unknown department", func(t *testing.T) {
		u := f.user(t, "misgranted")
		require.NoError(t, st.SetRoles(ctx, u.ID, []issuer.RoleGrant{{Role: issuer.RoleAdmin}}))
		err := st.SetRoles(ctx, u.ID, []issuer.RoleGrant{{Role: issuer.RoleDelegate, DepartmentID: "no-such-dept"}})
		requireCode(t, err, issuer.EInvalid)
		got, err := st.GetUser(ctx, u.ID)
		require.NoError(t, err)
		require.Equal(t, []issuer.RoleGrant{{Role: issuer.RoleAdmin}}, got.Roles, "a failed SetRoles changes nothing")
	})

	t.Run("ok/list pages", func(t *testing.T) {
		all, err := st.ListUsers(ctx, issuer.Page{Limit: issuer.MaxPageSize})
		require.NoError(t, err)
		require.GreaterOrEqual(t, len(all), 5)
		for i := 1; i < len(all); i++ {
			require.False(t, all[i].CreatedAt.Before(all[i-1].CreatedAt), "users are listed oldest first")
		}
		var joined []issuer.User
		for _, p := range pages(t, 2, func(p issuer.Page) ([]issuer.User, error) { return st.ListUsers(ctx, p) }) {
			joined = append(joined, p...)
		}
		require.Equal(t, all, joined, "pages of 2 join up to the whole list")

		byID := map[string]issuer.User{}
		for _, u := range all {
			byID[u.ID] = u
		}
		require.Equal(t, []issuer.RoleGrant(nil), byID[f.proponent.ID].Roles)

		page, err := st.ListUsers(ctx, issuer.Page{Limit: 1, Offset: len(all) - 1})
		require.NoError(t, err)
		require.Equal(t, all[len(all)-1:], page)
		page, err = st.ListUsers(ctx, issuer.Page{Limit: 1, Offset: len(all)})
		require.NoError(t, err)
		require.Empty(t, page)
	})
}

func testTokens(t *testing.T, f *fixture) {
	st, ctx := f.st, f.ctx
	owner := f.user(t, "owner")

	newToken := func(t *testing.T, name string) issuer.Token {
		t.Helper()
		now := f.tick()
		tok := issuer.Token{
			ID: f.id("tok"), UserID: owner.ID, Name: name, SecretHash: []byte{0x00, 0xff, 0x10, 0x80, 0x7f},
			CreatedAt: now, ExpiresAt: now.Add(90 * 24 * time.Hour),
		}
		in := tok
		require.NoError(t, st.CreateToken(ctx, &tok))
		return in
	}

	t.Run("ok/create and get", func(t *testing.T) {
		in := newToken(t, "ci")
		got, err := st.GetToken(ctx, in.ID)
		require.NoError(t, err)
		want := in
		want.CreatedAt, want.ExpiresAt = norm(in.CreatedAt), norm(in.ExpiresAt)
		require.Equal(t, want, *got)
	})

	t.Run("error/not found", func(t *testing.T) {
		_, err := st.GetToken(ctx, "no-such-token")
		requireCode(t, err, issuer.ENotFound)
	})

	t.Run("error/unknown user", func(t *testing.T) {
		tok := issuer.Token{ID: f.id("tok"), UserID: "no-such-user", Name: "x", SecretHash: []byte{1}, CreatedAt: f.tick()}
		require.Error(t, st.CreateToken(ctx, &tok))
		_, err := st.GetToken(ctx, tok.ID)
		requireCode(t, err, issuer.ENotFound)
	})

	t.Run("ok/revoke keeps the first time", func(t *testing.T) {
		in := newToken(t, "laptop")
		first, second := f.tick(), f.tick()
		require.NoError(t, st.RevokeToken(ctx, in.ID, first))
		require.NoError(t, st.RevokeToken(ctx, in.ID, second))
		got, err := st.GetToken(ctx, in.ID)
		require.NoError(t, err)
		require.Equal(t, ptr(norm(first)), got.RevokedAt)
		require.Nil(t, got.LastUsedAt)
	})

	t.Run("ok/touch", func(t *testing.T) {
		in := newToken(t, "script")
		used := f.tick()
		require.NoError(t, st.TouchToken(ctx, in.ID, used))
		got, err := st.GetToken(ctx, in.ID)
		require.NoError(t, err)
		require.Equal(t, ptr(norm(used)), got.LastUsedAt)
		require.Nil(t, got.RevokedAt)
	})

	t.Run("error/revoke or touch unknown", func(t *testing.T) {
		requireCode(t, st.RevokeToken(ctx, "no-such-token", f.tick()), issuer.ENotFound)
		requireCode(t, st.TouchToken(ctx, "no-such-token", f.tick()), issuer.ENotFound)
	})

	t.Run("ok/list pages of one user", func(t *testing.T) {
		other := f.user(t, "other")
		foreign := issuer.Token{ID: f.id("tok"), UserID: other.ID, Name: "not yours", SecretHash: []byte{1}, CreatedAt: f.tick()}
		require.NoError(t, st.CreateToken(ctx, &foreign))

		all, err := st.ListTokens(ctx, owner.ID, issuer.Page{Limit: issuer.MaxPageSize})
		require.NoError(t, err)
		require.Len(t, all, 3)
		var names []string
		for _, tok := range all {
			require.Equal(t, owner.ID, tok.UserID)
			names = append(names, tok.Name)
		}
		require.Equal(t, []string{"ci", "laptop", "script"}, names, "oldest first")

		page, err := st.ListTokens(ctx, owner.ID, issuer.Page{Limit: 2, Offset: 1})
		require.NoError(t, err)
		require.Equal(t, all[1:3], page)

		none, err := st.ListTokens(ctx, "no-such-user", issuer.Page{})
		require.NoError(t, err)
		require.Empty(t, none)
	})
}

func testInstitution(t *testing.T, f *fixture) {
	st, ctx := f.st, f.ctx

	t.Run("ok/faculty", func(t *testing.T) {
		in := issuer.Faculty{ID: f.id("faculty"), Code: "ARTS", Name: "Faculty of Arts", CreatedAt: f.tick()}
		fac := in
		require.NoError(t, st.CreateFaculty(ctx, &fac))
		got, err := st.GetFaculty(ctx, in.ID)
		require.NoError(t, err)
		want := in
		want.CreatedAt = norm(in.CreatedAt)
		require.Equal(t, want, *got)
	})

	t.Run("error/faculty", func(t *testing.T) {
		_, err := st.GetFaculty(ctx, "no-such-faculty")
		requireCode(t, err, issuer.ENotFound)
		dup := issuer.Faculty{ID: f.id("faculty"), Code: "SCI", Name: "Science again", CreatedAt: f.tick()}
		err = st.CreateFaculty(ctx, &dup)
		requireCode(t, err, issuer.EConflict)
		require.Contains(t, err.Error(), "SCI")
	})

	t.Run("ok/department", func(t *testing.T) {
		in := issuer.Department{ID: f.id("dept"), FacultyID: f.faculty.ID, Code: "PHYS", Name: "Physics", CreatedAt: f.tick()}
		dep := in
		require.NoError(t, st.CreateDepartment(ctx, &dep))
		got, err := st.GetDepartment(ctx, in.ID)
		require.NoError(t, err)
		want := in
		want.CreatedAt = norm(in.CreatedAt)
		require.Equal(t, want, *got)
	})

	t.Run("error/department", func(t *testing.T) {
		_, err := st.GetDepartment(ctx, "no-such-dept")
		requireCode(t, err, issuer.ENotFound)
		dup := issuer.Department{ID: f.id("dept"), FacultyID: f.faculty.ID, Code: "CHEM", Name: "Chemistry again", CreatedAt: f.tick()}
		err = st.CreateDepartment(ctx, &dup)
		requireCode(t, err, issuer.EConflict)
		require.Contains(t, err.Error(), "CHEM")
		orphan := issuer.Department{ID: f.id("dept"), FacultyID: "no-such-faculty", Code: "ORPH", Name: "Orphan", CreatedAt: f.tick()}
		requireCode(t, st.CreateDepartment(ctx, &orphan), issuer.EInvalid)
	})

	t.Run("ok/list pages", func(t *testing.T) {
		for i := range 3 {
			fac := issuer.Faculty{ID: f.id("faculty"), Code: f.id("F"), Name: "Faculty", CreatedAt: f.tick()}
			require.NoError(t, st.CreateFaculty(ctx, &fac), i)
			dep := issuer.Department{ID: f.id("dept"), FacultyID: fac.ID, Code: f.id("D"), Name: "Dept", CreatedAt: f.tick()}
			require.NoError(t, st.CreateDepartment(ctx, &dep), i)
		}
		faculties := pages(t, 2, func(p issuer.Page) ([]issuer.Faculty, error) { return st.ListFaculties(ctx, p) })
		require.Len(t, faculties, 3, "5 faculties in pages of 2")
		require.Equal(t, f.faculty.ID, faculties[0][0].ID, "oldest first")
		require.Len(t, faculties[2], 1)

		departments := pages(t, 3, func(p issuer.Page) ([]issuer.Department, error) { return st.ListDepartments(ctx, p) })
		require.Len(t, departments, 2, "5 departments in pages of 3")
		require.Equal(t, f.department.ID, departments[0][0].ID, "oldest first")
		require.Len(t, departments[1], 2)
	})
}

func testMemberships(t *testing.T, f *fixture) {
	st, ctx := f.st, f.ctx
	member := f.user(t, "member")
	from := f.tick()

	in := issuer.Membership{
		ID: f.id("mem"), Committee: issuer.SMC, UserID: member.ID, Seat: issuer.SeatFaculty,
		FacultyID: f.faculty.ID, From: from, CreatedAt: f.tick(),
	}
	t.Run("ok/create and get", func(t *testing.T) {
		m := in
		require.NoError(t, st.CreateMembership(ctx, &m))
		got, err := st.GetMembership(ctx, in.ID)
		require.NoError(t, err)
		want := in
		want.From, want.CreatedAt = norm(in.From), norm(in.CreatedAt)
		require.Equal(t, want, *got)
	})

	t.Run("ok/update", func(t *testing.T) {
		until := f.tick()
		m := in
		m.Until, m.Chair, m.Seat = &until, true, issuer.SeatDecanal
		m.FacultyID = ""
		require.NoError(t, st.UpdateMembership(ctx, &m))
		got, err := st.GetMembership(ctx, in.ID)
		require.NoError(t, err)
		require.Equal(t, ptr(norm(until)), got.Until)
		require.True(t, got.Chair)
		require.Equal(t, issuer.SeatDecanal, got.Seat)
		require.Empty(t, got.FacultyID)
		require.Equal(t, norm(in.CreatedAt), got.CreatedAt)
	})

	t.Run("error/not found", func(t *testing.T) {
		_, err := st.GetMembership(ctx, "no-such-membership")
		requireCode(t, err, issuer.ENotFound)
		ghost := in
		ghost.ID = "no-such-membership"
		requireCode(t, st.UpdateMembership(ctx, &ghost), issuer.ENotFound)
	})

	t.Run("error/unknown user", func(t *testing.T) {
		m := issuer.Membership{ID: f.id("mem"), Committee: issuer.DBC, UserID: "no-such-user", Seat: issuer.SeatDecanal, From: f.tick(), CreatedAt: f.tick()}
		requireCode(t, st.CreateMembership(ctx, &m), issuer.EInvalid)
	})

	t.Run("ok/list by committee and by user", func(t *testing.T) {
		other := f.user(t, "dbc member")
		later := issuer.Membership{ID: f.id("mem"), Committee: issuer.SMC, UserID: other.ID, Seat: issuer.SeatCPS, From: from.Add(24 * time.Hour), CreatedAt: f.tick()}
		earlier := issuer.Membership{ID: f.id("mem"), Committee: issuer.SMC, UserID: other.ID, Seat: issuer.SeatProvostOffice, From: from.Add(-24 * time.Hour), CreatedAt: f.tick()}
		dbc := issuer.Membership{ID: f.id("mem"), Committee: issuer.DBC, UserID: member.ID, Seat: issuer.SeatAdministrative, From: from, CreatedAt: f.tick()}
		for _, m := range []issuer.Membership{later, earlier, dbc} {
			require.NoError(t, st.CreateMembership(ctx, &m))
		}

		smc, err := st.ListMemberships(ctx, issuer.SMC)
		require.NoError(t, err)
		require.Equal(t, []string{earlier.ID, in.ID, later.ID}, membershipIDs(smc), "oldest first, SMC only")

		dbcs, err := st.ListMemberships(ctx, issuer.DBC)
		require.NoError(t, err)
		require.Equal(t, []string{dbc.ID}, membershipIDs(dbcs))

		mine, err := st.ListUserMemberships(ctx, member.ID)
		require.NoError(t, err)
		require.ElementsMatch(t, []string{in.ID, dbc.ID}, membershipIDs(mine))

		none, err := st.ListUserMemberships(ctx, f.proponent.ID)
		require.NoError(t, err)
		require.Empty(t, none)
	})
}

func membershipIDs(ms []issuer.Membership) []string {
	ids := make([]string, len(ms))
	for i, m := range ms {
		ids[i] = m.ID
	}
	return ids
}
