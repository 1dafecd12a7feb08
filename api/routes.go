package api

import (
	"net/http"
	"slices"

	"github.com/gin-gonic/gin"

	"badged/credentials/ob3"
	"badged/issuer"
)

// Route is one endpoint of the API: everything the server, the
// authorization middleware and the OpenAPI document need to know about it.
type Route struct {
	ID     string // the OpenAPI operationId, unique
	Method string
	// Path is in gin's syntax (":id" for a parameter), from the server root.
	Path string
	// Action is what the route asks the service to do; the middleware
	// answers 403 unless issuer.Permitted(principal, Action). Empty for the
	// public routes, which need no token.
	Action  issuer.Action
	Tag     string // groups routes in the OpenAPI document
	Summary string
	// Status is the status of a successful response.
	Status int
	// Query documents the query parameters besides limit and offset.
	Query []Param
	// Request is the zero value of the request body's DTO, or nil.
	Request any
	// Response is the zero value of the response body's DTO (of one item
	// when List is set), or nil for no body.
	Response any
	// List marks a paginated list: ?limit=&offset=, answered as List[Response].
	List bool
	// CSV marks a text/csv download instead of JSON.
	CSV bool

	handle handler
}

// Param documents a query parameter.
type Param struct {
	Name        string
	Description string
	Format      string // a JSON Schema string format, e.g. "date-time"
}

// Public reports whether the route needs no token.
func (r Route) Public() bool { return r.Action == "" }

// handler serves a route: it returns the response body (nil for none) or an error.
type handler func(s *Server, c *gin.Context, p issuer.Principal) (any, error)

// Routes returns the route table, for documentation and tests.
func Routes() []Route { return slices.Clone(routes) }

// Prefix is the path prefix of the versioned API.
const Prefix = "/api/v1"

const (
	get, post, put, del = http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete
	ok, created, noBody = http.StatusOK, http.StatusCreated, http.StatusNoContent
)

// routes is the route table: the one place that says which endpoints exist
// and which action each needs.
var routes = []Route{
	// The service itself.
	{ID: "healthz", Method: get, Path: "/healthz", Tag: "service", Summary: "The process is up", Status: ok,
		Response: Health{}, handle: (*Server).healthz},
	{ID: "readyz", Method: get, Path: "/readyz", Tag: "service", Summary: "The database answers (503 otherwise)", Status: ok,
		Response: Health{}, handle: (*Server).readyz},
	{ID: "openapi", Method: get, Path: Prefix + "/openapi.json", Tag: "service", Summary: "This OpenAPI document", Status: ok,
		handle: (*Server).openAPI},
	{ID: "extensionContext", Method: get, Path: ob3.ExtensionContextPath, Tag: "service",
		Summary: "The JSON-LD context of the credit-status and EU micro-credential extension that issued credentials name", Status: ok,
		handle: (*Server).extensionContext},

	// The caller and API tokens.
	{ID: "getMe", Method: get, Path: Prefix + "/me", Action: issuer.ActReadSelf, Tag: "users",
		Summary: "Who the token belongs to, with every role held now", Status: ok, Response: Me{}, handle: (*Server).me},
	{ID: "createToken", Method: post, Path: Prefix + "/tokens", Action: issuer.ActManageTokens, Tag: "users",
		Summary: "Create an API token for yourself (admins: for anyone); its secret is shown once", Status: created,
		Request: CreateTokenRequest{}, Response: NewToken{}, handle: (*Server).createToken},
	{ID: "listTokens", Method: get, Path: Prefix + "/tokens", Action: issuer.ActManageTokens, Tag: "users",
		Summary: "List your API tokens (admins: anyone's, with ?user_id=)", Status: ok, List: true,
		Query: []Param{{Name: "user_id", Description: "whose tokens; default yours"}}, Response: Token{}, handle: (*Server).listTokens},
	{ID: "revokeToken", Method: del, Path: Prefix + "/tokens/:id", Action: issuer.ActManageTokens, Tag: "users",
		Summary: "Revoke an API token (its owner or an admin)", Status: noBody, handle: (*Server).revokeToken},

	// Users.
	{ID: "createUser", Method: post, Path: Prefix + "/users", Action: issuer.ActManageUsers, Tag: "users",
		Summary: "Add a user", Status: created, Request: CreateUserRequest{}, Response: User{}, handle: (*Server).createUser},
	{ID: "listUsers", Method: get, Path: Prefix + "/users", Action: issuer.ActReadUsers, Tag: "users",
		Summary: "List users", Status: ok, List: true, Response: User{}, handle: (*Server).listUsers},
	{ID: "getUser", Method: get, Path: Prefix + "/users/:id", Action: issuer.ActReadUsers, Tag: "users",
		Summary: "Get a user", Status: ok, Response: User{}, handle: (*Server).getUser},
	{ID: "setRoles", Method: put, Path: Prefix + "/users/:id/roles", Action: issuer.ActManageUsers, Tag: "users",
		Summary: "Replace a user's granted roles", Status: ok, Request: SetRolesRequest{}, Response: User{}, handle: (*Server).setRoles},

	// The institution.
	{ID: "createFaculty", Method: post, Path: Prefix + "/faculties", Action: issuer.ActManageInst, Tag: "institution",
		Summary: "Add a Faculty", Status: created, Request: CreateFacultyRequest{}, Response: Faculty{}, handle: (*Server).createFaculty},
	{ID: "listFaculties", Method: get, Path: Prefix + "/faculties", Action: issuer.ActReadInst, Tag: "institution",
		Summary: "List Faculties", Status: ok, List: true, Response: Faculty{}, handle: (*Server).listFaculties},
	{ID: "createDepartment", Method: post, Path: Prefix + "/departments", Action: issuer.ActManageInst, Tag: "institution",
		Summary: "Add a department to a Faculty", Status: created, Request: CreateDepartmentRequest{}, Response: Department{},
		handle: (*Server).createDepartment},
	{ID: "listDepartments", Method: get, Path: Prefix + "/departments", Action: issuer.ActReadInst, Tag: "institution",
		Summary: "List departments", Status: ok, List: true, Response: Department{}, handle: (*Server).listDepartments},

	// Committees.
	{ID: "addMember", Method: post, Path: Prefix + "/committees/:committee/members", Action: issuer.ActManageMembers, Tag: "committees",
		Summary: "Add a dated membership to the SMC or the DBC", Status: created, Request: AddMemberRequest{}, Response: Membership{},
		handle: (*Server).addMember},
	{ID: "endMember", Method: post, Path: Prefix + "/committees/members/:id/end", Action: issuer.ActManageMembers, Tag: "committees",
		Summary: "End a membership", Status: ok, Request: EndMemberRequest{}, Response: Membership{}, handle: (*Server).endMember},
	{ID: "electChair", Method: post, Path: Prefix + "/committees/members/:id/elect-chair", Action: issuer.ActManageMembers, Tag: "committees",
		Summary: "Record a member's election as chair; the previous chair stops chairing", Status: ok, Response: Membership{},
		handle: (*Server).electChair},
	{ID: "getComposition", Method: get, Path: Prefix + "/committees/:committee", Action: issuer.ActReadMembers, Tag: "committees",
		Summary: "A committee's members at a moment, and what the policy requires that is missing", Status: ok,
		Query:    []Param{{Name: "at", Description: "the moment; default now", Format: "date-time"}},
		Response: Composition{}, handle: (*Server).composition},

	// The Outline form.
	{ID: "getOutlineForm", Method: get, Path: Prefix + "/forms/:kind", Action: issuer.ActReadForm, Tag: "forms",
		Summary: "The Outline form of a kind of credential", Status: ok, Response: OutlineForm{}, handle: (*Server).outlineForm},
	{ID: "setOutlineForm", Method: put, Path: Prefix + "/forms/:kind", Action: issuer.ActManageForm, Tag: "forms",
		Summary: "Replace the Outline form (SMC Chair: micro-credentials; DBC Chair: digital badges; or the central office)",
		Status:  ok, Request: SetOutlineFormRequest{}, Response: OutlineForm{}, handle: (*Server).setOutlineForm},

	// Credentials.
	{ID: "createCredential", Method: post, Path: Prefix + "/credentials", Action: issuer.ActCreateCredential, Tag: "credentials",
		Summary: "Propose a credential: it and its first version, a draft", Status: created,
		Request: CreateCredentialRequest{}, Response: CreatedCredential{}, handle: (*Server).createCredential},
	{ID: "listCredentials", Method: get, Path: Prefix + "/credentials", Action: issuer.ActReadCredentials, Tag: "credentials",
		Summary: "List the credentials you may see", Status: ok, List: true, Response: Credential{}, handle: (*Server).listCredentials},
	{ID: "getCredential", Method: get, Path: Prefix + "/credentials/:id", Action: issuer.ActReadCredentials, Tag: "credentials",
		Summary: "A credential with its versions and whether it may be issued now", Status: ok, Response: CredentialDetail{},
		handle: (*Server).getCredential},
	{ID: "getIssuability", Method: get, Path: Prefix + "/credentials/:id/issuability", Action: issuer.ActMayIssue, Tag: "credentials",
		Summary: "May badges be issued for this credential now, from which version and with which credit status", Status: ok,
		Response: IssueVerdict{}, handle: (*Server).issuability},
	{ID: "reviseCredential", Method: post, Path: Prefix + "/credentials/:id/revisions", Action: issuer.ActEditVersion, Tag: "credentials",
		Summary: "Start a new version of an approved credential, as a draft", Status: created,
		Request: CommentRequest{}, Response: Version{}, handle: (*Server).revise},
	{ID: "recordOffering", Method: post, Path: Prefix + "/credentials/:id/offerings", Action: issuer.ActRecordOffering, Tag: "credentials",
		Summary: "Record an offering of the credential", Status: created,
		Request: RecordOfferingRequest{}, Response: Offering{}, handle: (*Server).recordOffering},
	{ID: "listOfferings", Method: get, Path: Prefix + "/credentials/:id/offerings", Action: issuer.ActReadCredentials, Tag: "credentials",
		Summary: "List the credential's offerings", Status: ok, List: true, Response: Offering{}, handle: (*Server).listOfferings},
	{ID: "recordAnnualReview", Method: post, Path: Prefix + "/credentials/:id/annual-reviews", Action: issuer.ActAnnualReview, Tag: "credentials",
		Summary: "Record the offering program area's annual review", Status: created,
		Request: RecordAnnualReviewRequest{}, Response: AnnualReview{}, handle: (*Server).recordAnnualReview},
	{ID: "listAnnualReviews", Method: get, Path: Prefix + "/credentials/:id/annual-reviews", Action: issuer.ActReadCredentials, Tag: "credentials",
		Summary: "List the credential's annual reviews", Status: ok, List: true, Response: AnnualReview{}, handle: (*Server).listAnnualReviews},
	{ID: "proposeDiscontinuance", Method: post, Path: Prefix + "/credentials/:id/discontinuance", Action: issuer.ActProposeDiscont, Tag: "credentials",
		Summary: "Put a micro-credential not offered for a year to the Provost for discontinuance", Status: ok,
		Request: CommentRequest{}, Response: Version{}, handle: (*Server).proposeDiscontinuance},
	{ID: "decideDiscontinuance", Method: post, Path: Prefix + "/credentials/:id/discontinuance/decision", Action: issuer.ActDecideDiscont, Tag: "credentials",
		Summary: "Decide a proposed discontinuance (the Provost, then the SMC Chair)", Status: ok,
		Request: DiscontinuanceDecisionRequest{}, Response: Version{}, handle: (*Server).decideDiscontinuance},
	{ID: "getHistory", Method: get, Path: Prefix + "/credentials/:id/history", Action: issuer.ActReadAudit, Tag: "credentials",
		Summary: "The audit events of the credential and its versions, in chain order", Status: ok, List: true,
		Response: AuditEvent{}, handle: (*Server).history},
	{ID: "exportHistoryCSV", Method: get, Path: Prefix + "/credentials/:id/history.csv", Action: issuer.ActReadAudit, Tag: "credentials",
		Summary: "The whole audit history of the credential as CSV", Status: ok, CSV: true, handle: (*Server).historyCSV},

	// Versions and the approval workflow.
	{ID: "getVersion", Method: get, Path: Prefix + "/versions/:id", Action: issuer.ActReadCredentials, Tag: "versions",
		Summary: "A version with its current round's reviews and votes and its consultations", Status: ok,
		Response: VersionDetail{}, handle: (*Server).getVersion},
	{ID: "updateOutline", Method: put, Path: Prefix + "/versions/:id/outline", Action: issuer.ActEditVersion, Tag: "versions",
		Summary: "Replace the outline of a draft, incomplete or returned version", Status: ok,
		Request: UpdateOutlineRequest{}, Response: Version{}, handle: (*Server).updateOutline},
	workflow("submit", "submit", issuer.ActEditVersion, "Submit a draft to its committee", CommentRequest{},
		withText[CommentRequest]((*issuer.Service).Submit)),
	workflow("resubmit", "resubmit", issuer.ActEditVersion, "Resubmit after feedback, a return or a declined signature", CommentRequest{},
		withText[CommentRequest]((*issuer.Service).Resubmit)),
	workflow("withdraw", "withdraw", issuer.ActEditVersion, "Withdraw a proposal that is not under decision", CommentRequest{},
		withText[CommentRequest]((*issuer.Service).Withdraw)),
	workflow("returnIncomplete", "return-incomplete", issuer.ActReturnIncomplete, "Return an incomplete proposal with feedback (SMC Chair)",
		FeedbackRequest{}, withText[FeedbackRequest]((*issuer.Service).ReturnIncomplete)),
	workflow("assignReviewers", "assign-reviewers", issuer.ActAssignReviewers, "Find it complete and assign three reviewers (SMC Chair)",
		AssignReviewersRequest{}, (*Server).assignReviewers),
	workflow("recordReview", "reviews", issuer.ActRecordReview, "Answer the three review questions (an assigned reviewer)",
		RecordReviewRequest{}, (*Server).recordReview),
	workflow("respondConsultation", "consultation/response", issuer.ActRespondConsult,
		"Respond to a duplication consultation (the consulted Department Chair)", ConsultationResponseRequest{},
		withText[ConsultationResponseRequest]((*issuer.Service).RespondConsultation)),
	workflow("closeConsultation", "consultation/close", issuer.ActCloseConsult,
		"Resume the review after the Department Chair's window passed without a response (SMC Chair)", CommentRequest{},
		withText[CommentRequest]((*issuer.Service).CloseConsultation)),
	workflow("callQuestion", "call-question", issuer.ActCallQuestion, "Call the question (SMC Chair)", CommentRequest{},
		withText[CommentRequest]((*issuer.Service).CallQuestion)),
	workflow("castVote", "votes", issuer.ActVote, "Vote on the ballot the version's state calls for", DecisionRequest{},
		withDecision[DecisionRequest]((*issuer.Service).CastVote)),
	workflow("callFinalVote", "call-final-vote", issuer.ActCallFinalVote, "End the electronic meeting and call the final vote (SMC Chair)",
		FinalVoteRequest{}, withText[FinalVoteRequest]((*issuer.Service).CallFinalVote)),
	workflow("openAppeal", "appeal", issuer.ActOpenAppeal, "Appeal the SMC decision to the entire committee (SMC Chair)",
		AppealRequest{}, withText[AppealRequest]((*issuer.Service).OpenAppeal)),
	workflow("chairSign", "chair-sign", issuer.ActChairSign, "Sign and send to the Provost (SMC Chair)", CommentRequest{},
		withText[CommentRequest]((*issuer.Service).ChairSign)),
	workflow("provostSign", "provost-sign", issuer.ActProvostSign, "Sign (the Provost); a credit request then goes to SSCC", CommentRequest{},
		withText[CommentRequest]((*issuer.Service).ProvostSign)),
	workflow("provostDecline", "provost-decline", issuer.ActProvostDecline, "Decline to sign, with reasons (the Provost)",
		ReasonsRequest{}, withText[ReasonsRequest]((*issuer.Service).ProvostDecline)),
	workflow("ssccDecision", "sscc-decision", issuer.ActSSCCDecide, "Record SSCC's review of a credit request",
		SSCCDecisionRequest{}, withDecision[SSCCDecisionRequest]((*issuer.Service).SSCCDecide)),
	workflow("senateDecision", "senate-decision", issuer.ActSenateDecide, "Record Senate's decision on a credit request",
		DecisionRequest{}, withDecision[DecisionRequest]((*issuer.Service).SenateDecide)),
	workflow("dbcDecision", "dbc-decision", issuer.ActDBCDecide, "Decide a digital badge where the DBC decides by its Chair",
		DecisionRequest{}, withDecision[DecisionRequest]((*issuer.Service).DBCDecide)),
	workflow("ssccQuery", "sscc-query", issuer.ActSSCCQuery, "Record SSCC's concern that a digital badge was created erroneously",
		ConcernRequest{}, withText[ConcernRequest]((*issuer.Service).SSCCQuery)),
	workflow("provostExplanation", "provost-explanation", issuer.ActProvostExplain, "Record the Provost's explanation to SSCC",
		ExplanationRequest{}, withText[ExplanationRequest]((*issuer.Service).ProvostExplain)),
	workflow("ssccResolution", "sscc-resolution", issuer.ActSSCCDecide, "Record whether SSCC is satisfied or refers the badge to Senate",
		SSCCResolutionRequest{}, withDecision[SSCCResolutionRequest]((*issuer.Service).SSCCResolve)),
	workflow("senateResolution", "senate-resolution", issuer.ActSenateDecide, "Record Senate's final decision on a referred badge",
		SenateResolutionRequest{}, withDecision[SenateResolutionRequest]((*issuer.Service).SenateResolve)),

	// Oversight.
	{ID: "listOverdue", Method: get, Path: Prefix + "/overdue", Action: issuer.ActReadOverdue, Tag: "oversight",
		Summary: "Versions past their review or Department Chair response deadline", Status: ok, List: true,
		Response: Overdue{}, handle: (*Server).listOverdue},
	{ID: "createReport", Method: post, Path: Prefix + "/reports", Action: issuer.ActReportToSSCC, Tag: "oversight",
		Summary: "Make the Provost's report to SSCC of digital badges approved since the last one", Status: created,
		Request: ReportRequest{}, Response: Report{}, handle: (*Server).reportToSSCC},
	{ID: "listReports", Method: get, Path: Prefix + "/reports", Action: issuer.ActReadReports, Tag: "oversight",
		Summary: "List the reports to SSCC", Status: ok, List: true, Response: Report{}, handle: (*Server).listReports},
	{ID: "getReport", Method: get, Path: Prefix + "/reports/:id", Action: issuer.ActReadReports, Tag: "oversight",
		Summary: "Get a report to SSCC", Status: ok, Response: Report{}, handle: (*Server).getReport},
	{ID: "verifyAudit", Method: get, Path: Prefix + "/audit/verify", Action: issuer.ActVerifyAudit, Tag: "oversight",
		Summary: "Verify the whole audit chain", Status: ok, Response: AuditVerification{}, handle: (*Server).verifyAudit},
}

// workflow declares a POST /versions/:id/<action> route that answers with the updated version.
func workflow(id, action string, act issuer.Action, summary string, req any, h handler) Route {
	return Route{ID: id, Method: post, Path: Prefix + "/versions/:id/" + action, Action: act, Tag: "versions",
		Summary: summary, Status: ok, Request: req, Response: Version{}, handle: h}
}
