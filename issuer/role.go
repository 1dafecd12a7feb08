package issuer

import "slices"

// Role is what a user may do. Most roles are granted to users; the committee
// roles (SMC and DBC chair and member) follow from dated committee
// memberships, so they change when the committee does.
type Role string

const (
	RoleAdmin           Role = "admin" // the central office (platform admin)
	RoleProponent       Role = "proponent"
	RoleDepartmentChair Role = "department_chair" // granted for one department
	RoleProvost         Role = "provost"
	RoleSSCCSecretary   Role = "sscc_secretary"   // records SSCC decisions
	RoleSenateSecretary Role = "senate_secretary" // records Senate decisions
	RoleDelegate        Role = "delegate"         // departmental issuing delegate, for one department
	RoleLearner         Role = "learner"

	// Derived from committee memberships, never granted directly.
	RoleSMCChair  Role = "smc_chair"
	RoleSMCMember Role = "smc_member"
	RoleDBCChair  Role = "dbc_chair"
	RoleDBCMember Role = "dbc_member"
)

// GrantableRoles are the roles an admin grants to users.
var GrantableRoles = []Role{RoleAdmin, RoleProponent, RoleDepartmentChair, RoleProvost, RoleSSCCSecretary, RoleSenateSecretary, RoleDelegate, RoleLearner}

// AllRoles are every role, granted and derived.
var AllRoles = append(slices.Clone(GrantableRoles), RoleSMCChair, RoleSMCMember, RoleDBCChair, RoleDBCMember)

// Grantable reports whether r may be granted directly.
func (r Role) Grantable() bool { return slices.Contains(GrantableRoles, r) }

// Departmental reports whether a grant of r names a department.
func (r Role) Departmental() bool { return r == RoleDepartmentChair || r == RoleDelegate }

// RoleGrant is one role granted to a user, for one department where the
// role is departmental.
type RoleGrant struct {
	Role         Role   `json:"role"`
	DepartmentID string `json:"department_id,omitempty"`
}

// Principal is the authenticated actor of a request: the user and every role
// they hold now, granted and derived.
type Principal struct {
	User  User
	Roles []RoleGrant
}

// Has reports whether the principal holds r (for any department).
func (p Principal) Has(r Role) bool {
	for _, g := range p.Roles {
		if g.Role == r {
			return true
		}
	}
	return false
}

// HasAny reports whether the principal holds any of rs.
func (p Principal) HasAny(rs ...Role) bool {
	for _, r := range rs {
		if p.Has(r) {
			return true
		}
	}
	return false
}

// HasFor reports whether the principal holds the departmental role r for department d.
func (p Principal) HasFor(r Role, d string) bool {
	for _, g := range p.Roles {
		if g.Role == r && g.DepartmentID == d {
			return true
		}
	}
	return false
}

// RoleNames returns the distinct role names held, for display and audit.
func (p Principal) RoleNames() []Role {
	var out []Role
	for _, g := range p.Roles {
		if !slices.Contains(out, g.Role) {
			out = append(out, g.Role)
		}
	}
	return out
}
