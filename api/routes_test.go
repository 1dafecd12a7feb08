package api_test

import (
	"encoding/json"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"badged/api"
	"badged/api/apitest"
	"badged/credentials/ob3"
	"badged/issuer"
	"badged/issuer/approval"
)

// TestEveryRouteSucceeds drives every route to a success over HTTP: two
// micro-credentials through every branch of procedure B.1 (incompleteness,
// the duplication consultation answered and timed out, a split vote, the
// meeting, an appeal, a declined signature, the credit path through SSCC and
// Senate, discontinuance), a digital badge through procedure B.2 and SSCC's
// query, and the administration around them. apitest checks each response
// against the OpenAPI document; the test then requires that every route of
// the table answered with its success status at least once.
func TestEveryRouteSucceeds(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, newDSN func(*testing.T) string) {
		env := newEnv(t, newDSN, apitest.WithServiceConfig(func(c *issuer.Config) { c.EarlyCall = true }))
		const v1 = api.Prefix
		admin := env.Admin.Token
		get := func(path, token string, out any) {
			env.Call(t, http.MethodGet, v1+path, token, nil, http.StatusOK, out)
		}
		act := func(versionID, action, token string, body any, want approval.State) api.Version {
			t.Helper()
			var v api.Version
			env.Call(t, http.MethodPost, v1+"/versions/"+versionID+"/"+action, token, body, http.StatusOK, &v)
			require.Equal(t, want, v.State, "after %s", action)
			return v
		}

		// The service and the caller.
		env.Call(t, http.MethodGet, "/healthz", "", nil, http.StatusOK, nil)
		env.Call(t, http.MethodGet, "/readyz", "", nil, http.StatusOK, nil)
		env.Call(t, http.MethodGet, v1+"/openapi.json", "", nil, http.StatusOK, nil)
		env.Call(t, http.MethodGet, ob3.ExtensionContextPath, "", nil, http.StatusOK, nil)

		proponent := env.NewUser(t, issuer.RoleProponent)
		var me api.Me
		get("/me", proponent.Token, &me)
		require.Equal(t, proponent.ID, me.User.ID)
		require.Equal(t, []api.RoleGrant{{Role: issuer.RoleProponent}}, me.Roles)

		// Tokens: create, list, revoke; a revoked token no longer works.
		var tok api.NewToken
		env.Call(t, http.MethodPost, v1+"/tokens", proponent.Token, api.CreateTokenRequest{Name: "laptop", TTLSeconds: 3600}, http.StatusCreated, &tok)
		require.Equal(t, proponent.ID, tok.Token.UserID)
		require.Equal(t, tok.Token.CreatedAt.Add(time.Hour), tok.Token.ExpiresAt)
		get("/me", tok.Secret, nil)
		var tokens api.List[api.Token]
		get("/tokens", proponent.Token, &tokens)
		require.Len(t, tokens.Items, 2)
		env.Call(t, http.MethodDelete, v1+"/tokens/"+tok.Token.ID, proponent.Token, nil, http.StatusNoContent, nil)
		env.CallError(t, http.MethodGet, v1+"/me", tok.Secret, nil, http.StatusUnauthorized)
		get("/tokens?user_id="+proponent.ID, admin, &tokens)
		require.NotNil(t, tokens.Items[1].RevokedAt)

		// Users.
		var u api.User
		env.Call(t, http.MethodPost, v1+"/users", admin, api.CreateUserRequest{Email: "ada@badged.test", Name: "Ada"}, http.StatusCreated, &u)
		get("/users/"+u.ID, admin, &u)
		require.Equal(t, "Ada", u.Name)
		var users api.List[api.User]
		get("/users?limit=200", admin, &users)
		require.Contains(t, userIDs(users.Items), u.ID)
		env.Call(t, http.MethodPut, v1+"/users/"+u.ID+"/roles", admin,
			api.SetRolesRequest{Roles: []api.RoleGrant{{Role: issuer.RoleDelegate, DepartmentID: env.Department}}}, http.StatusOK, &u)
		require.Equal(t, []api.RoleGrant{{Role: issuer.RoleDelegate, DepartmentID: env.Department}}, u.Roles)
		var delegate api.NewToken // an admin creates a token for another user
		env.Call(t, http.MethodPost, v1+"/tokens", admin, api.CreateTokenRequest{Name: "issuing", UserID: u.ID}, http.StatusCreated, &delegate)
		require.Equal(t, u.ID, delegate.Token.UserID)

		// The institution.
		var fac api.Faculty
		env.Call(t, http.MethodPost, v1+"/faculties", admin, api.CreateFacultyRequest{Code: "SCI", Name: "Science"}, http.StatusCreated, &fac)
		var dep api.Department
		env.Call(t, http.MethodPost, v1+"/departments", admin, api.CreateDepartmentRequest{FacultyID: fac.ID, Code: "BIO", Name: "Biology"}, http.StatusCreated, &dep)
		var facs api.List[api.Faculty]
		get("/faculties", proponent.Token, &facs)
		require.NotEmpty(t, facs.Items)
		var deps api.List[api.Department]
		get("/departments", proponent.Token, &deps)
		require.NotEmpty(t, deps.Items)

		// People of the workflow.
		smcChair := env.NewUser(t, issuer.RoleSMCChair)
		r1, r2, r3 := env.NewUser(t, issuer.RoleSMCMember), env.NewUser(t, issuer.RoleSMCMember), env.NewUser(t, issuer.RoleSMCMember)
		deptChair := env.NewUser(t, issuer.RoleDepartmentChair)
		consulted := env.NewUserFor(t, dep.ID, issuer.RoleDepartmentChair)
		provost := env.NewUser(t, issuer.RoleProvost)
		sscc := env.NewUser(t, issuer.RoleSSCCSecretary)
		senate := env.NewUser(t, issuer.RoleSenateSecretary)
		dbcChair := env.NewUser(t, issuer.RoleDBCChair)
		d1, d2 := env.NewUser(t, issuer.RoleDBCMember), env.NewUser(t, issuer.RoleDBCMember)

		// Committees: a fifth SMC member, added over HTTP, for the Science Faculty.
		m5 := env.NewUser(t, issuer.RoleLearner)
		var m5seat api.Membership
		env.Call(t, http.MethodPost, v1+"/committees/smc/members", admin,
			api.AddMemberRequest{UserID: m5.ID, Seat: issuer.SeatFaculty, FacultyID: fac.ID}, http.StatusCreated, &m5seat)
		var comp api.Composition
		get("/committees/smc", r1.Token, &comp)
		require.Len(t, comp.Members, 5)
		require.NotNil(t, comp.Chair)
		require.Equal(t, smcChair.ID, comp.Chair.UserID)
		require.False(t, comp.Complete, "no Provost's office, CPS or decanal seat")

		// The Outline forms.
		mcForm := api.SetOutlineFormRequest{Fields: []api.OutlineFieldInput{
			{Key: "summary", Label: "Summary", Type: issuer.FieldLongText, Required: true},
			{Key: "credit_request", Label: "Credit", Type: issuer.FieldChoice, Options: []string{"non_credit_bearing", "credit_bearing", "embedded"}},
			{Key: "credits", Label: "Credits", Type: issuer.FieldNumber},
		}}
		env.Call(t, http.MethodPut, v1+"/forms/micro_credential", smcChair.Token, mcForm, http.StatusOK, nil)
		env.Call(t, http.MethodPut, v1+"/forms/digital_badge", dbcChair.Token,
			api.SetOutlineFormRequest{Fields: []api.OutlineFieldInput{{Key: "summary", Label: "Summary", Type: issuer.FieldText, Required: true}}},
			http.StatusOK, nil)
		var form api.OutlineForm
		get("/forms/micro_credential", proponent.Token, &form)
		require.Len(t, form.Fields, 3)
		require.Equal(t, 2, form.Fields[2].Position)

		// Credential A: every detour of procedure B.1, ending withdrawn.
		var a api.CreatedCredential
		env.Call(t, http.MethodPost, v1+"/credentials", proponent.Token, api.CreateCredentialRequest{Kind: approval.MicroCredential,
			Title: "Field ecology", DepartmentID: env.Department}, http.StatusCreated, &a)
		require.Equal(t, approval.Draft, a.Version.State)
		va := a.Version.ID
		var edited api.Version
		env.Call(t, http.MethodPut, v1+"/versions/"+va+"/outline", proponent.Token,
			map[string]any{"rev": a.Version.Rev, "outline": map[string]any{"summary": "Sampling in the field"}}, http.StatusOK, &edited)
		require.Equal(t, "Sampling in the field", edited.Outline["summary"])
		act(va, "submit", proponent.Token, nil, approval.Submitted)
		act(va, "return-incomplete", smcChair.Token, api.FeedbackRequest{Feedback: "name the assessment"}, approval.Incomplete)
		act(va, "resubmit", proponent.Token, api.CommentRequest{Comment: "assessment named"}, approval.Submitted)
		assigned := act(va, "assign-reviewers", smcChair.Token, api.AssignReviewersRequest{ReviewerIDs: []string{r1.ID, r2.ID, r3.ID}}, approval.InReview)
		requireLocal(t, env, assigned.ReviewDueAt, assigned.ReviewDueAtLocal)
		yes, no := true, false
		act(va, "reviews", r1.Token, api.RecordReviewRequest{Duplicates: &yes, DuplicateOf: "BIO 101", DuplicateDepartmentID: dep.ID,
			CompetencyBased: &yes, CreditBearing: &no}, approval.DuplicationConsult)
		act(va, "consultation/response", consulted.Token, api.ConsultationResponseRequest{Response: "they differ"}, approval.InReview)
		consulting := act(va, "reviews", r2.Token, api.RecordReviewRequest{Duplicates: &yes, DuplicateDepartmentID: dep.ID,
			CompetencyBased: &yes, CreditBearing: &no}, approval.DuplicationConsult)
		requireLocal(t, env, consulting.ConsultDueAt, consulting.ConsultDueAtLocal)
		env.Clock.Set(consulting.ConsultDueAt.Add(time.Minute))
		act(va, "consultation/close", smcChair.Token, nil, approval.InReview)
		act(va, "reviews", r3.Token, api.RecordReviewRequest{Duplicates: &no, CompetencyBased: &yes, CreditBearing: &no}, approval.InReview)
		act(va, "call-question", smcChair.Token, nil, approval.Voting)
		act(va, "votes", r1.Token, api.DecisionRequest{Approve: &yes}, approval.Voting)
		act(va, "votes", r2.Token, api.DecisionRequest{Approve: &yes}, approval.Voting)
		act(va, "votes", r3.Token, api.DecisionRequest{Approve: &no, Comment: "overlaps BIO 101"}, approval.Meeting)
		act(va, "call-final-vote", smcChair.Token, api.FinalVoteRequest{MeetingNotes: "discussed the overlap"}, approval.FinalVoting)
		act(va, "votes", r1.Token, api.DecisionRequest{Approve: &yes}, approval.FinalVoting)
		act(va, "votes", r2.Token, api.DecisionRequest{Approve: &no}, approval.FinalVoting)
		act(va, "votes", r3.Token, api.DecisionRequest{Approve: &no}, approval.Returned)
		act(va, "appeal", smcChair.Token, api.AppealRequest{Grounds: "the department disagrees"}, approval.Appeal)
		act(va, "votes", smcChair.Token, api.DecisionRequest{Approve: &yes}, approval.Appeal)
		act(va, "votes", r1.Token, api.DecisionRequest{Approve: &yes}, approval.Appeal)
		act(va, "votes", m5.Token, api.DecisionRequest{Approve: &yes}, approval.ChairSignature)
		act(va, "chair-sign", smcChair.Token, nil, approval.ProvostSignature)
		act(va, "provost-decline", provost.Token, api.ReasonsRequest{Reasons: "budget"}, approval.Returned)
		act(va, "withdraw", proponent.Token, nil, approval.Withdrawn)
		var detail api.VersionDetail
		get("/versions/"+va, proponent.Token, &detail)
		require.Len(t, detail.Reviews, 3)
		require.Len(t, detail.Consultations, 2)
		require.Len(t, detail.Votes, 9)

		// Credential B: credit-bearing, through SSCC and Senate, then
		// discontinuance put and refused, offerings, annual review, revision.
		var b api.CreatedCredential
		env.Call(t, http.MethodPost, v1+"/credentials", proponent.Token, api.CreateCredentialRequest{Kind: approval.MicroCredential,
			Title: "Lab safety", DepartmentID: env.Department,
			Outline: map[string]any{"summary": "Safe lab work", "credit_request": "credit_bearing", "credits": 0.5}}, http.StatusCreated, &b)
		vb := b.Version.ID
		act(vb, "submit", proponent.Token, nil, approval.Submitted)
		act(vb, "assign-reviewers", smcChair.Token, api.AssignReviewersRequest{ReviewerIDs: []string{r1.ID, r2.ID, r3.ID}}, approval.InReview)
		for _, r := range []apitest.User{r1, r2, r3} {
			act(vb, "reviews", r.Token, api.RecordReviewRequest{Duplicates: &no, CompetencyBased: &yes, CreditBearing: &yes}, approval.InReview)
		}
		act(vb, "call-question", smcChair.Token, api.CommentRequest{Comment: "all reviews in"}, approval.Voting)
		act(vb, "votes", r1.Token, api.DecisionRequest{Approve: &yes}, approval.Voting)
		act(vb, "votes", r2.Token, api.DecisionRequest{Approve: &yes}, approval.Voting)
		act(vb, "votes", r3.Token, api.DecisionRequest{Approve: &yes}, approval.ChairSignature)
		act(vb, "chair-sign", smcChair.Token, nil, approval.ProvostSignature)
		interim := act(vb, "provost-sign", provost.Token, nil, approval.SSCCReview)
		require.True(t, interim.Issuable)
		require.True(t, interim.IssueInterim)
		require.Equal(t, approval.NonCreditBearing, interim.IssueCredit)
		act(vb, "sscc-decision", sscc.Token, api.SSCCDecisionRequest{Recommend: &yes}, approval.SenateReview)
		approved := act(vb, "senate-decision", senate.Token, api.DecisionRequest{Approve: &yes}, approval.Approved)
		require.Equal(t, approval.CreditBearing, approved.IssueCredit)
		var verdict api.IssueVerdict
		get("/credentials/"+b.Credential.ID+"/issuability", delegate.Secret, &verdict)
		require.Equal(t, api.IssueVerdict{Issuable: true, VersionID: vb, VersionNumber: 1, Credit: approval.CreditBearing,
			Credits: 0.5, Reason: verdict.Reason}, verdict)

		env.Clock.Advance(400 * 24 * time.Hour)
		env.Call(t, http.MethodPost, v1+"/credentials/"+b.Credential.ID+"/discontinuance", admin, nil, http.StatusOK, nil)
		var dv api.Version
		env.Call(t, http.MethodPost, v1+"/credentials/"+b.Credential.ID+"/discontinuance/decision", provost.Token,
			api.DiscontinuanceDecisionRequest{Discontinue: &yes}, http.StatusOK, &dv)
		require.Equal(t, approval.DiscontinueReview, dv.State)
		env.Call(t, http.MethodPost, v1+"/credentials/"+b.Credential.ID+"/discontinuance/decision", smcChair.Token,
			api.DiscontinuanceDecisionRequest{Discontinue: &no, Comment: "still offered"}, http.StatusOK, &dv)
		require.Equal(t, approval.Approved, dv.State)

		today := env.Clock.Now().UTC().Format(time.DateOnly)
		var off api.Offering
		env.Call(t, http.MethodPost, v1+"/credentials/"+b.Credential.ID+"/offerings", deptChair.Token,
			api.RecordOfferingRequest{OfferedOn: today, Note: "fall term"}, http.StatusCreated, &off)
		require.Equal(t, today, off.OfferedOn)
		var offs api.List[api.Offering]
		get("/credentials/"+b.Credential.ID+"/offerings", proponent.Token, &offs)
		require.Equal(t, []api.Offering{off}, offs.Items)
		year := env.Clock.Now().Year()
		env.Call(t, http.MethodPost, v1+"/credentials/"+b.Credential.ID+"/annual-reviews", deptChair.Token,
			api.RecordAnnualReviewRequest{Year: year, Outcome: "current"}, http.StatusCreated, nil)
		var ars api.List[api.AnnualReview]
		get("/credentials/"+b.Credential.ID+"/annual-reviews", proponent.Token, &ars)
		require.Len(t, ars.Items, 1)
		require.Equal(t, year, ars.Items[0].Year)
		var v2 api.Version
		env.Call(t, http.MethodPost, v1+"/credentials/"+b.Credential.ID+"/revisions", proponent.Token, nil, http.StatusCreated, &v2)
		require.Equal(t, 2, v2.Number)
		require.Equal(t, approval.Draft, v2.State)
		var cd api.CredentialDetail
		get("/credentials/"+b.Credential.ID, proponent.Token, &cd)
		require.Len(t, cd.Versions, 2)
		require.True(t, cd.Issue.Issuable)
		require.Equal(t, vb, cd.Issue.VersionID, "version 1 stays issuable until version 2 is approved")
		var creds api.List[api.Credential]
		get("/credentials", proponent.Token, &creds)
		require.Len(t, creds.Items, 2)

		var hist api.List[api.AuditEvent]
		get("/credentials/"+b.Credential.ID+"/history?limit=200", proponent.Token, &hist)
		require.Equal(t, "create", hist.Items[0].Action)
		require.Nil(t, hist.NextOffset)
		csv := env.Call(t, http.MethodGet, v1+"/credentials/"+b.Credential.ID+"/history.csv", proponent.Token, nil, http.StatusOK, nil)
		require.Contains(t, csv.Header.Get("Content-Disposition"), "history.csv")

		// Credential C: past its review window.
		var c api.CreatedCredential
		env.Call(t, http.MethodPost, v1+"/credentials", proponent.Token, api.CreateCredentialRequest{Kind: approval.MicroCredential,
			Title: "Slow review", DepartmentID: env.Department, Outline: map[string]any{"summary": "x"}}, http.StatusCreated, &c)
		act(c.Version.ID, "submit", proponent.Token, nil, approval.Submitted)
		act(c.Version.ID, "assign-reviewers", smcChair.Token, api.AssignReviewersRequest{ReviewerIDs: []string{r1.ID, r2.ID, r3.ID}}, approval.InReview)
		env.Clock.Advance(30 * 24 * time.Hour)
		var overdue api.List[api.Overdue]
		get("/overdue", provost.Token, &overdue)
		require.Len(t, overdue.Items, 1)
		require.Equal(t, c.Version.ID, overdue.Items[0].Version.ID)
		require.Equal(t, "review", overdue.Items[0].Deadline)
		require.True(t, overdue.Items[0].DueAt.Equal(overdue.Items[0].DueAtLocal))

		// Digital badge D: procedure B.2, the report to SSCC and SSCC's query.
		var d api.CreatedCredential
		env.Call(t, http.MethodPost, v1+"/credentials", proponent.Token, api.CreateCredentialRequest{Kind: approval.DigitalBadge,
			Title: "Orientation", DepartmentID: env.Department, Outline: map[string]any{"summary": "came to orientation"}}, http.StatusCreated, &d)
		vd := d.Version.ID
		act(vd, "submit", proponent.Token, nil, approval.DBCReview)
		act(vd, "votes", d1.Token, api.DecisionRequest{Approve: &yes}, approval.DBCReview)
		act(vd, "votes", d2.Token, api.DecisionRequest{Approve: &yes}, approval.Approved)
		var rep api.Report
		env.Call(t, http.MethodPost, v1+"/reports", provost.Token, api.ReportRequest{Meeting: "SSCC, October"}, http.StatusCreated, &rep)
		require.Equal(t, []string{vd}, rep.VersionIDs)
		var reps api.List[api.Report]
		get("/reports", sscc.Token, &reps)
		require.Len(t, reps.Items, 1)
		get("/reports/"+rep.ID, sscc.Token, &rep)
		act(vd, "sscc-query", sscc.Token, api.ConcernRequest{Concern: "duplicates a course"}, approval.SSCCQuery)
		act(vd, "provost-explanation", provost.Token, api.ExplanationRequest{Explanation: "it does not"}, approval.Explained)
		act(vd, "sscc-resolution", sscc.Token, api.SSCCResolutionRequest{ReferToSenate: &yes, Comment: "not convinced"}, approval.SenateReferral)
		act(vd, "senate-resolution", senate.Token, api.SenateResolutionRequest{Rescind: &no}, approval.Approved)

		// Committee changes, last, since they change who may act.
		var elected api.Membership
		env.Call(t, http.MethodPost, v1+"/committees/members/"+d1.Memberships[0]+"/elect-chair", admin, nil, http.StatusOK, &elected)
		require.True(t, elected.Chair)
		until := env.Clock.Now().Add(time.Hour)
		var ended api.Membership
		env.Call(t, http.MethodPost, v1+"/committees/members/"+m5seat.ID+"/end", admin, api.EndMemberRequest{Until: &until}, http.StatusOK, &ended)
		require.True(t, until.Equal(*ended.Until))

		var verification api.AuditVerification
		get("/audit/verify", admin, &verification)
		require.True(t, verification.Valid)
		require.Nil(t, verification.Break)
		require.Positive(t, verification.Events)

		// Where the DBC decides by its Chair.
		chairEnv := newEnv(t, newDSN, apitest.WithServiceConfig(func(c *issuer.Config) { c.DBCDecision = issuer.DBCChair }))
		chairProponent := chairEnv.NewUser(t, issuer.RoleProponent)
		chairOfDBC := chairEnv.NewUser(t, issuer.RoleDBCChair)
		chairEnv.Call(t, http.MethodPut, v1+"/forms/digital_badge", chairOfDBC.Token,
			api.SetOutlineFormRequest{Fields: []api.OutlineFieldInput{{Key: "summary", Label: "Summary", Type: issuer.FieldText}}}, http.StatusOK, nil)
		var e api.CreatedCredential
		chairEnv.Call(t, http.MethodPost, v1+"/credentials", chairProponent.Token, api.CreateCredentialRequest{Kind: approval.DigitalBadge,
			Title: "Volunteering", DepartmentID: chairEnv.Department}, http.StatusCreated, &e)
		chairEnv.Call(t, http.MethodPost, v1+"/versions/"+e.Version.ID+"/submit", chairProponent.Token, nil, http.StatusOK, nil)
		var decided api.Version
		chairEnv.Call(t, http.MethodPost, v1+"/versions/"+e.Version.ID+"/dbc-decision", chairOfDBC.Token,
			api.DecisionRequest{Approve: &yes}, http.StatusOK, &decided)
		require.Equal(t, approval.Approved, decided.State)

		succeeded := env.Succeeded()
		for id := range chairEnv.Succeeded() {
			succeeded[id] = true
		}
		for _, rt := range api.Routes() {
			require.True(t, succeeded[rt.ID], "route %s (%s %s) never succeeded", rt.ID, rt.Method, rt.Path)
		}
	})
}

func userIDs(us []api.User) []string {
	out := make([]string, len(us))
	for i, u := range us {
		out[i] = u.ID
	}
	return out
}

// requireLocal checks that a deadline's *_local twin is the same instant in
// the institution's zone.
func requireLocal(t *testing.T, env *apitest.Env, utc, local *time.Time) {
	t.Helper()
	require.NotNil(t, utc)
	require.NotNil(t, local)
	require.True(t, utc.Equal(*local))
	require.Equal(t, time.UTC, utc.Location())
	b, err := json.Marshal(local)
	require.NoError(t, err)
	_, offset := local.In(env.Service.Calendar().Location()).Zone()
	require.Equal(t, offset, offsetOf(t, string(b)), "local time %s is not in %s", b, apitest.Zone)
}

// offsetOf reads the UTC offset in seconds of a JSON RFC 3339 time.
func offsetOf(t *testing.T, jsonTime string) int {
	t.Helper()
	s, err := strconv.Unquote(jsonTime)
	require.NoError(t, err)
	p, err := time.Parse(time.RFC3339Nano, s)
	require.NoError(t, err)
	_, off := p.Zone()
	return off
}
