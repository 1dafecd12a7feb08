package api

import (
	"encoding/json"
	"time"

	"badged/issuer"
	"badged/issuer/approval"
	"badged/issuer/audit"
)

// Response DTOs. Each mirrors a domain type in snake_case JSON with times in
// UTC; deadlines also appear in the institution's time zone as *_local.
// Slices are never nil, so lists encode as [] rather than null. The OpenAPI
// schemas are generated from these types (schema.go): a doc tag describes a
// field, a format tag names a string format.

// RoleGrant is one role held, for one department where the role is departmental.
type RoleGrant struct {
	Role         issuer.Role `json:"role"`
	DepartmentID string      `json:"department_id,omitempty" doc:"the department, for department_chair and delegate"`
}

// User is a person known to the service.
type User struct {
	ID        string      `json:"id"`
	Email     string      `json:"email"`
	Name      string      `json:"name"`
	Roles     []RoleGrant `json:"roles" doc:"granted roles; committee roles follow from memberships and are not listed here"`
	Disabled  bool        `json:"disabled"`
	CreatedAt time.Time   `json:"created_at"`
}

// Me is the authenticated user with every role they hold now.
type Me struct {
	User  User        `json:"user"`
	Roles []RoleGrant `json:"roles" doc:"every role held now: granted ones and those that committee memberships give today"`
}

// Token describes an API token; its secret is never shown again.
type Token struct {
	ID         string     `json:"id"`
	UserID     string     `json:"user_id"`
	Name       string     `json:"name"`
	CreatedAt  time.Time  `json:"created_at"`
	ExpiresAt  time.Time  `json:"expires_at"`
	RevokedAt  *time.Time `json:"revoked_at"`
	LastUsedAt *time.Time `json:"last_used_at"`
}

// NewToken is a created token with its secret.
type NewToken struct {
	Token  Token  `json:"token"`
	Secret string `json:"secret" doc:"the bearer token to send as Authorization: Bearer <secret>; shown only in this response"`
}

// Faculty is a Faculty of the university.
type Faculty struct {
	ID        string    `json:"id"`
	Code      string    `json:"code"`
	Name      string    `json:"name"`
	CreatedAt time.Time `json:"created_at"`
}

// Department belongs to a Faculty.
type Department struct {
	ID        string    `json:"id"`
	FacultyID string    `json:"faculty_id"`
	Code      string    `json:"code"`
	Name      string    `json:"name"`
	CreatedAt time.Time `json:"created_at"`
}

// Membership is one dated seat on a committee.
type Membership struct {
	ID        string           `json:"id"`
	Committee issuer.Committee `json:"committee"`
	UserID    string           `json:"user_id"`
	Seat      issuer.Seat      `json:"seat"`
	FacultyID string           `json:"faculty_id,omitempty" doc:"the Faculty a faculty seat represents"`
	From      time.Time        `json:"from"`
	Until     *time.Time       `json:"until" doc:"exclusive; null while open-ended"`
	Chair     bool             `json:"chair"`
	CreatedAt time.Time        `json:"created_at"`
}

// Composition is a committee's membership at a moment, checked against the policy.
type Composition struct {
	Committee issuer.Committee `json:"committee"`
	At        time.Time        `json:"at"`
	Members   []Membership     `json:"members"`
	Chair     *Membership      `json:"chair"`
	Complete  bool             `json:"complete" doc:"whether every seat the policy requires is filled and a chair is elected"`
	Gaps      []string         `json:"gaps" doc:"what the policy requires that is missing, one line each"`
}

// OutlineField is one field of the Outline form.
type OutlineField struct {
	Key      string           `json:"key"`
	Label    string           `json:"label"`
	Help     string           `json:"help,omitempty"`
	Type     issuer.FieldType `json:"type"`
	Required bool             `json:"required"`
	Options  []string         `json:"options,omitempty" doc:"the choices of a choice field"`
	Position int              `json:"position"`
}

// OutlineForm is the Outline form of one kind of credential.
type OutlineForm struct {
	Kind   approval.Kind  `json:"kind"`
	Fields []OutlineField `json:"fields"`
}

// Credential is an offering the university represents with badges.
type Credential struct {
	ID           string        `json:"id"`
	Kind         approval.Kind `json:"kind"`
	Title        string        `json:"title"`
	DepartmentID string        `json:"department_id" doc:"the offering department"`
	ProponentID  string        `json:"proponent_id"`
	CreatedAt    time.Time     `json:"created_at"`
}

// CreatedCredential is a new credential with its first version, a draft.
type CreatedCredential struct {
	Credential Credential `json:"credential"`
	Version    Version    `json:"version"`
}

// CredentialDetail is a credential with its versions and whether it may be issued now.
type CredentialDetail struct {
	Credential
	Versions []Version    `json:"versions"`
	Issue    IssueVerdict `json:"issue"`
}

// IssueVerdict answers "may this credential be issued now, and with which
// credit status?" (issuer.IssueDecision).
type IssueVerdict struct {
	Issuable      bool                  `json:"issuable"`
	VersionID     string                `json:"version_id,omitempty" doc:"the version whose metadata badges carry"`
	VersionNumber int                   `json:"version_number,omitempty"`
	Credit        approval.CreditStatus `json:"credit,omitempty" doc:"the credit status badges carry now"`
	Credits       float64               `json:"credits,omitempty"`
	Interim       bool                  `json:"interim" doc:"a credit request waits for SSCC and Senate: issuable only as non credit-bearing meanwhile"`
	Reason        string                `json:"reason"`
}

// Version is one version of a credential and where its approval stands.
type Version struct {
	ID                string                `json:"id"`
	CredentialID      string                `json:"credential_id"`
	Kind              approval.Kind         `json:"kind"`
	Number            int                   `json:"number"`
	State             approval.State        `json:"state"`
	Rev               int64                 `json:"rev" doc:"the revision; send it back with an outline edit"`
	Outline           map[string]any        `json:"outline"`
	CreditRequested   approval.CreditStatus `json:"credit_requested,omitempty"`
	Credits           float64               `json:"credits"`
	CreditGranted     approval.CreditStatus `json:"credit_granted,omitempty" doc:"set when the credit path ends"`
	Round             int                   `json:"round" doc:"how many times it was submitted to the committee"`
	AppealUsed        bool                  `json:"appeal_used"`
	ReviewDueAt       *time.Time            `json:"review_due_at" doc:"end of the review window"`
	ReviewDueAtLocal  *time.Time            `json:"review_due_at_local" doc:"review_due_at in the institution's time zone"`
	ConsultDueAt      *time.Time            `json:"consult_due_at" doc:"end of the consulted Department Chair's response window"`
	ConsultDueAtLocal *time.Time            `json:"consult_due_at_local" doc:"consult_due_at in the institution's time zone"`
	SubmittedAt       *time.Time            `json:"submitted_at"`
	ApprovedAt        *time.Time            `json:"approved_at"`
	ReportedAt        *time.Time            `json:"reported_at" doc:"digital badges: when listed in the Provost's report to SSCC"`
	CreatedAt         time.Time             `json:"created_at"`
	UpdatedAt         time.Time             `json:"updated_at"`
	Issuable          bool                  `json:"issuable" doc:"whether badges may be issued from this version now"`
	IssueCredit       approval.CreditStatus `json:"issue_credit,omitempty" doc:"the credit status badges from this version carry now"`
	IssueInterim      bool                  `json:"issue_interim" doc:"a credit request is pending: issuable only as non credit-bearing"`
}

// VersionDetail is a version with its current round's reviews and votes and
// its duplication consultations.
type VersionDetail struct {
	Version
	Reviews       []Review       `json:"reviews"`
	Votes         []Vote         `json:"votes"`
	Consultations []Consultation `json:"consultations"`
}

// Review is one assigned reviewer's answers; null until given.
type Review struct {
	Round                 int        `json:"round"`
	ReviewerID            string     `json:"reviewer_id"`
	AssignedAt            time.Time  `json:"assigned_at"`
	AnsweredAt            *time.Time `json:"answered_at"`
	Duplicates            *bool      `json:"duplicates" doc:"Q1: does it duplicate an existing offering?"`
	DuplicateOf           string     `json:"duplicate_of,omitempty"`
	DuplicateDepartmentID string     `json:"duplicate_department_id,omitempty"`
	CompetencyBased       *bool      `json:"competency_based" doc:"Q2: is it competency-based?"`
	CreditBearing         *bool      `json:"credit_bearing" doc:"Q3: is it credit-bearing or embedded in credit-bearing courses?"`
	Comment               string     `json:"comment,omitempty"`
}

// Vote is one member's vote on one ballot.
type Vote struct {
	Round   int           `json:"round"`
	Ballot  issuer.Ballot `json:"ballot"`
	VoterID string        `json:"voter_id"`
	Approve bool          `json:"approve"`
	Comment string        `json:"comment,omitempty"`
	CastAt  time.Time     `json:"cast_at"`
}

// Consultation is the duplication branch: the Department Chair of the
// existing offering is asked to respond.
type Consultation struct {
	ID           string     `json:"id"`
	Round        int        `json:"round"`
	DepartmentID string     `json:"department_id"`
	DuplicateOf  string     `json:"duplicate_of,omitempty"`
	RequestedAt  time.Time  `json:"requested_at"`
	DueAt        time.Time  `json:"due_at"`
	DueAtLocal   time.Time  `json:"due_at_local" doc:"due_at in the institution's time zone"`
	Response     string     `json:"response,omitempty"`
	RespondedBy  string     `json:"responded_by,omitempty"`
	RespondedAt  *time.Time `json:"responded_at"`
	ClosedAt     *time.Time `json:"closed_at"`
}

// Offering records that a credential was offered on a date.
type Offering struct {
	ID           string    `json:"id"`
	CredentialID string    `json:"credential_id"`
	OfferedOn    string    `json:"offered_on" format:"date"`
	Note         string    `json:"note,omitempty"`
	RecordedBy   string    `json:"recorded_by"`
	CreatedAt    time.Time `json:"created_at"`
}

// AnnualReview is the offering program area's yearly review.
type AnnualReview struct {
	ID           string    `json:"id"`
	CredentialID string    `json:"credential_id"`
	VersionID    string    `json:"version_id"`
	Year         int       `json:"year"`
	Outcome      string    `json:"outcome" enum:"current,needs_revision,recommend_discontinuance"`
	Comment      string    `json:"comment,omitempty"`
	ReviewedBy   string    `json:"reviewed_by"`
	ReviewedAt   time.Time `json:"reviewed_at"`
}

// Overdue is a version past one of its deadlines.
type Overdue struct {
	Version    Version   `json:"version"`
	Deadline   string    `json:"deadline" enum:"review,department_response"`
	DueAt      time.Time `json:"due_at"`
	DueAtLocal time.Time `json:"due_at_local" doc:"due_at in the institution's time zone"`
}

// Report is the Provost's report to SSCC of digital badges approved since the previous one.
type Report struct {
	ID         string    `json:"id"`
	CreatedBy  string    `json:"created_by"`
	CreatedAt  time.Time `json:"created_at"`
	Meeting    string    `json:"meeting" doc:"the SSCC meeting it is for"`
	VersionIDs []string  `json:"version_ids"`
}

// AuditEvent is one event of the tamper-evident audit chain.
type AuditEvent struct {
	Seq         int64           `json:"seq"`
	At          time.Time       `json:"at"`
	SubjectType string          `json:"subject_type"`
	SubjectID   string          `json:"subject_id"`
	Action      string          `json:"action"`
	ActorID     string          `json:"actor_id"`
	ActorRole   string          `json:"actor_role"`
	FromState   string          `json:"from_state"`
	ToState     string          `json:"to_state"`
	Comment     string          `json:"comment"`
	Data        json.RawMessage `json:"data" doc:"details of the action, or null"`
	PrevHash    string          `json:"prev_hash"`
	Hash        string          `json:"hash"`
}

// AuditVerification is the result of verifying the whole audit chain.
type AuditVerification struct {
	Valid  bool        `json:"valid"`
	Events int64       `json:"events" doc:"how many events verified"`
	Head   string      `json:"head" doc:"the hash of the last verified event"`
	Break  *AuditBreak `json:"break" doc:"where the chain fails to verify; null when valid"`
}

// AuditBreak says where the audit chain fails to verify.
type AuditBreak struct {
	Seq    int64  `json:"seq"`
	Reason string `json:"reason"`
}

// Health is the answer of /healthz and /readyz.
type Health struct {
	Status  string `json:"status" enum:"ok"`
	Version string `json:"version,omitempty"`
}

// Converters from the domain.

func utc(t time.Time) time.Time { return t.UTC() }

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

func (s *Server) localPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	l := t.In(s.loc)
	return &l
}

func mapSlice[D, T any](in []D, conv func(D) T) []T {
	out := make([]T, len(in))
	for i, d := range in {
		out[i] = conv(d)
	}
	return out
}

func toRoleGrant(g issuer.RoleGrant) RoleGrant {
	return RoleGrant{Role: g.Role, DepartmentID: g.DepartmentID}
}

func toUser(u issuer.User) User {
	return User{ID: u.ID, Email: u.Email, Name: u.Name, Roles: mapSlice(u.Roles, toRoleGrant), Disabled: u.Disabled, CreatedAt: utc(u.CreatedAt)}
}

func toToken(t issuer.Token) Token {
	return Token{ID: t.ID, UserID: t.UserID, Name: t.Name, CreatedAt: utc(t.CreatedAt), ExpiresAt: utc(t.ExpiresAt),
		RevokedAt: utcPtr(t.RevokedAt), LastUsedAt: utcPtr(t.LastUsedAt)}
}

func toFaculty(f issuer.Faculty) Faculty {
	return Faculty{ID: f.ID, Code: f.Code, Name: f.Name, CreatedAt: utc(f.CreatedAt)}
}

func toDepartment(d issuer.Department) Department {
	return Department{ID: d.ID, FacultyID: d.FacultyID, Code: d.Code, Name: d.Name, CreatedAt: utc(d.CreatedAt)}
}

func toMembership(m issuer.Membership) Membership {
	return Membership{ID: m.ID, Committee: m.Committee, UserID: m.UserID, Seat: m.Seat, FacultyID: m.FacultyID,
		From: utc(m.From), Until: utcPtr(m.Until), Chair: m.Chair, CreatedAt: utc(m.CreatedAt)}
}

func toComposition(c issuer.Composition) Composition {
	out := Composition{Committee: c.Committee, At: utc(c.At), Members: mapSlice(c.Members, toMembership),
		Complete: c.Complete, Gaps: append([]string{}, c.Gaps...)}
	if c.Chair != nil {
		chair := toMembership(*c.Chair)
		out.Chair = &chair
	}
	return out
}

func toOutlineField(f issuer.OutlineField) OutlineField {
	return OutlineField{Key: f.Key, Label: f.Label, Help: f.Help, Type: f.Type, Required: f.Required,
		Options: append([]string(nil), f.Options...), Position: f.Position}
}

func toCredential(c issuer.Credential) Credential {
	return Credential{ID: c.ID, Kind: c.Kind, Title: c.Title, DepartmentID: c.DepartmentID, ProponentID: c.ProponentID, CreatedAt: utc(c.CreatedAt)}
}

func toIssueVerdict(d issuer.IssueDecision) IssueVerdict {
	return IssueVerdict{Issuable: d.Issuable, VersionID: d.VersionID, VersionNumber: d.VersionNumber,
		Credit: d.Credit, Credits: d.Credits, Interim: d.Interim, Reason: d.Reason}
}

func (s *Server) toVersion(v issuer.Version) Version {
	outline := map[string]any(v.Outline)
	if outline == nil {
		outline = map[string]any{}
	}
	iss := v.Issuability()
	return Version{
		ID: v.ID, CredentialID: v.CredentialID, Kind: v.Kind, Number: v.Number, State: v.State, Rev: v.Rev,
		Outline: outline, CreditRequested: v.CreditRequested, Credits: v.Credits, CreditGranted: v.CreditGranted,
		Round: v.Round, AppealUsed: v.AppealUsed,
		ReviewDueAt: utcPtr(v.ReviewDueAt), ReviewDueAtLocal: s.localPtr(v.ReviewDueAt),
		ConsultDueAt: utcPtr(v.ConsultDueAt), ConsultDueAtLocal: s.localPtr(v.ConsultDueAt),
		SubmittedAt: utcPtr(v.SubmittedAt), ApprovedAt: utcPtr(v.ApprovedAt), ReportedAt: utcPtr(v.ReportedAt),
		CreatedAt: utc(v.CreatedAt), UpdatedAt: utc(v.UpdatedAt),
		Issuable: iss.Issuable, IssueCredit: iss.Credit, IssueInterim: iss.Interim,
	}
}

// versionResult renders the version a workflow action returns.
func (s *Server) versionResult(v *issuer.Version, err error) (any, error) {
	if err != nil {
		return nil, err
	}
	return s.toVersion(*v), nil
}

func toReview(r issuer.Review) Review {
	return Review{Round: r.Round, ReviewerID: r.ReviewerID, AssignedAt: utc(r.AssignedAt), AnsweredAt: utcPtr(r.AnsweredAt),
		Duplicates: r.Duplicates, DuplicateOf: r.DuplicateOf, DuplicateDepartmentID: r.DuplicateDep,
		CompetencyBased: r.Competency, CreditBearing: r.CreditBased, Comment: r.Comment}
}

func toVote(v issuer.Vote) Vote {
	return Vote{Round: v.Round, Ballot: v.Ballot, VoterID: v.VoterID, Approve: v.Approve, Comment: v.Comment, CastAt: utc(v.CastAt)}
}

func (s *Server) toConsultation(c issuer.Consultation) Consultation {
	return Consultation{ID: c.ID, Round: c.Round, DepartmentID: c.DepartmentID, DuplicateOf: c.DuplicateOf,
		RequestedAt: utc(c.RequestedAt), DueAt: utc(c.DueAt), DueAtLocal: c.DueAt.In(s.loc),
		Response: c.Response, RespondedBy: c.RespondedBy, RespondedAt: utcPtr(c.RespondedAt), ClosedAt: utcPtr(c.ClosedAt)}
}

func toOffering(o issuer.Offering) Offering {
	return Offering{ID: o.ID, CredentialID: o.CredentialID, OfferedOn: o.OfferedOn.UTC().Format(time.DateOnly),
		Note: o.Note, RecordedBy: o.RecordedBy, CreatedAt: utc(o.CreatedAt)}
}

func toAnnualReview(r issuer.AnnualReview) AnnualReview {
	return AnnualReview{ID: r.ID, CredentialID: r.CredentialID, VersionID: r.VersionID, Year: r.Year, Outcome: r.Outcome,
		Comment: r.Comment, ReviewedBy: r.ReviewedBy, ReviewedAt: utc(r.ReviewedAt)}
}

func toReport(r issuer.Report) Report {
	return Report{ID: r.ID, CreatedBy: r.CreatedBy, CreatedAt: utc(r.CreatedAt), Meeting: r.Meeting,
		VersionIDs: append([]string{}, r.VersionIDs...)}
}

func toAuditEvent(e audit.Event) AuditEvent {
	data := e.Data
	if len(data) == 0 {
		data = json.RawMessage("null")
	}
	return AuditEvent{Seq: e.Seq, At: utc(e.At), SubjectType: e.SubjectType, SubjectID: e.SubjectID, Action: e.Action,
		ActorID: e.ActorID, ActorRole: e.ActorRole, FromState: e.FromState, ToState: e.ToState, Comment: e.Comment,
		Data: data, PrevHash: e.PrevHash, Hash: e.Hash}
}
