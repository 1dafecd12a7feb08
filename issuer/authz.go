package issuer

import (
	"slices"

	"badged/issuer/approval"
)

// Action is something a caller asks the service to do. Every API route names
// exactly one Action, and Permitted is the one place that says which roles
// may attempt it. The service then adds the relational checks that no role
// table can express (the proposal's own proponent, its assigned reviewers,
// the department a chair chairs).
type Action string

// Actions of the service.
const (
	ActReadSelf Action = "read_self" // who am I, my tokens

	ActManageUsers   Action = "manage_users" // create users, grant roles, tokens for others
	ActReadUsers     Action = "read_users"
	ActManageTokens  Action = "manage_own_tokens"
	ActManageInst    Action = "manage_institution"
	ActReadInst      Action = "read_institution"
	ActManageMembers Action = "manage_committees"
	ActReadMembers   Action = "read_committees"
	ActReadForm      Action = "read_form"
	ActManageForm    Action = "manage_form"

	ActCreateCredential Action = "create_credential"
	ActReadCredentials  Action = "read_credentials"
	ActEditVersion      Action = "edit_version" // edit an outline, revise, submit, resubmit, withdraw
	ActReadAudit        Action = "read_audit"
	ActVerifyAudit      Action = "verify_audit"
	ActReadOverdue      Action = "read_overdue"
	ActMayIssue         Action = "may_issue"

	// Workflow actions; the approval table says which role fires each.
	ActReturnIncomplete Action = "return_incomplete"
	ActAssignReviewers  Action = "assign_reviewers"
	ActRecordReview     Action = "record_review"
	ActRespondConsult   Action = "respond_consultation"
	ActCloseConsult     Action = "close_consultation"
	ActCallQuestion     Action = "call_question"
	ActVote             Action = "vote"
	ActCallFinalVote    Action = "call_final_vote"
	ActOpenAppeal       Action = "open_appeal"
	ActChairSign        Action = "chair_sign"
	ActProvostSign      Action = "provost_sign"
	ActProvostDecline   Action = "provost_decline"
	ActSSCCDecide       Action = "sscc_decide"
	ActSenateDecide     Action = "senate_decide"
	ActDBCDecide        Action = "dbc_decide"
	ActReportToSSCC     Action = "report_to_sscc"
	ActReadReports      Action = "read_reports"
	ActSSCCQuery        Action = "sscc_query"
	ActProvostExplain   Action = "provost_explain"
	ActRecordOffering   Action = "record_offering"
	ActAnnualReview     Action = "annual_review"
	ActProposeDiscont   Action = "propose_discontinuance"
	ActDecideDiscont    Action = "decide_discontinuance"
)

// staff is every role that works on approvals (everyone but learners).
var staff = []Role{RoleAdmin, RoleProponent, RoleDepartmentChair, RoleProvost, RoleSSCCSecretary, RoleSenateSecretary, RoleDelegate, RoleSMCChair, RoleSMCMember, RoleDBCChair, RoleDBCMember}

// permissions is the authorization table.
var permissions = map[Action][]Role{
	ActReadSelf:      AllRoles,
	ActManageTokens:  AllRoles,
	ActManageUsers:   {RoleAdmin},
	ActReadUsers:     {RoleAdmin, RoleSMCChair, RoleDBCChair},
	ActManageInst:    {RoleAdmin},
	ActReadInst:      staff,
	ActManageMembers: {RoleAdmin},
	ActReadMembers:   staff,
	ActReadForm:      staff,
	ActManageForm:    {RoleAdmin, RoleSMCChair, RoleDBCChair},

	ActCreateCredential: {RoleProponent},
	ActReadCredentials:  staff,
	ActEditVersion:      {RoleProponent},
	ActReadAudit:        staff,
	ActVerifyAudit:      {RoleAdmin},
	ActReadOverdue:      {RoleAdmin, RoleSMCChair, RoleDBCChair, RoleProvost},
	ActMayIssue:         {RoleAdmin, RoleDelegate, RoleDepartmentChair, RoleProvost},

	ActReturnIncomplete: {RoleSMCChair},
	ActAssignReviewers:  {RoleSMCChair},
	ActRecordReview:     {RoleSMCMember, RoleSMCChair},
	ActRespondConsult:   {RoleDepartmentChair},
	ActCloseConsult:     {RoleSMCChair},
	ActCallQuestion:     {RoleSMCChair},
	ActVote:             {RoleSMCMember, RoleSMCChair, RoleDBCMember, RoleDBCChair},
	ActCallFinalVote:    {RoleSMCChair},
	ActOpenAppeal:       {RoleSMCChair},
	ActChairSign:        {RoleSMCChair},
	ActProvostSign:      {RoleProvost},
	ActProvostDecline:   {RoleProvost},
	ActSSCCDecide:       {RoleSSCCSecretary},
	ActSenateDecide:     {RoleSenateSecretary},
	ActDBCDecide:        {RoleDBCChair},
	ActReportToSSCC:     {RoleProvost},
	ActReadReports:      {RoleAdmin, RoleProvost, RoleSSCCSecretary, RoleSenateSecretary, RoleDBCChair, RoleDBCMember},
	ActSSCCQuery:        {RoleSSCCSecretary},
	ActProvostExplain:   {RoleProvost},
	ActRecordOffering:   {RoleAdmin, RoleDepartmentChair},
	ActAnnualReview:     {RoleAdmin, RoleDepartmentChair},
	ActProposeDiscont:   {RoleAdmin},
	ActDecideDiscont:    {RoleProvost, RoleSMCChair},
}

// PermittedRoles returns the roles that may attempt a, for documentation and tests.
func PermittedRoles(a Action) []Role { return slices.Clone(permissions[a]) }

// Actions returns every action in the table.
func Actions() []Action {
	out := make([]Action, 0, len(permissions))
	for a := range permissions {
		out = append(out, a)
	}
	slices.Sort(out)
	return out
}

// Permitted reports whether p holds a role that may attempt a.
func Permitted(p Principal, a Action) bool {
	return p.HasAny(permissions[a]...)
}

// authorize returns EForbidden unless p may attempt a.
func authorize(p Principal, a Action) error {
	if !Permitted(p, a) {
		return Errorf(EForbidden, "your roles do not allow %s", a)
	}
	return nil
}

// actorRole maps an approval-table actor to the role a person needs for it.
func actorRole(a approval.Actor) (Role, bool) {
	switch a {
	case approval.ActorProponent:
		return RoleProponent, true
	case approval.ActorSMCChair:
		return RoleSMCChair, true
	case approval.ActorReviewer, approval.ActorSMCMember:
		return RoleSMCMember, true
	case approval.ActorDepartmentChair:
		return RoleDepartmentChair, true
	case approval.ActorProvost:
		return RoleProvost, true
	case approval.ActorSSCCSecretary:
		return RoleSSCCSecretary, true
	case approval.ActorSenateSecretary:
		return RoleSenateSecretary, true
	case approval.ActorDBCChair:
		return RoleDBCChair, true
	case approval.ActorDBCMember:
		return RoleDBCMember, true
	case approval.ActorAdmin:
		return RoleAdmin, true
	case approval.ActorSystem:
		return roleSystem, true
	}
	return "", false
}
