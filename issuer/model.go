package issuer

import (
	"time"

	"badged/issuer/approval"
)

// User is a person known to the service.
type User struct {
	ID        string
	Email     string
	Name      string
	Roles     []RoleGrant
	Disabled  bool
	CreatedAt time.Time
}

// Token is an API token. Only a hash of its secret is stored; the secret is
// shown once, when the token is created.
type Token struct {
	ID         string
	UserID     string
	Name       string
	SecretHash []byte // SHA-256 of the secret
	CreatedAt  time.Time
	ExpiresAt  time.Time
	RevokedAt  *time.Time
	LastUsedAt *time.Time
}

// Faculty is a Faculty of the university. The SMC has one member from each.
type Faculty struct {
	ID        string
	Code      string
	Name      string
	CreatedAt time.Time
}

// Department belongs to a Faculty; it offers credentials and has a chair.
type Department struct {
	ID        string
	FacultyID string
	Code      string
	Name      string
	CreatedAt time.Time
}

// Committee identifies one of the two approving committees.
type Committee string

const (
	SMC Committee = "smc" // Senate Micro-credential Committee
	DBC Committee = "dbc" // Digital Badge Committee
)

// Valid reports whether c is a known committee.
func (c Committee) Valid() bool { return c == SMC || c == DBC }

// Seat is the constituency a committee member represents.
type Seat string

const (
	SeatFaculty        Seat = "faculty"        // SMC: one per Faculty; DBC: one faculty representative
	SeatProvostOffice  Seat = "provost_office" // both
	SeatCPS            Seat = "cps"            // SMC: Continuing & Professional Studies
	SeatDecanal        Seat = "decanal"        // both
	SeatAdministrative Seat = "administrative" // DBC: non-academic administrative representative
)

// Membership is one dated seat on a committee. Until is exclusive; nil means
// open-ended. Chair marks the elected chair for the same period.
type Membership struct {
	ID        string
	Committee Committee
	UserID    string
	Seat      Seat
	FacultyID string // for SeatFaculty on the SMC
	From      time.Time
	Until     *time.Time
	Chair     bool
	CreatedAt time.Time
}

// ActiveAt reports whether the membership is in force at t.
func (m Membership) ActiveAt(t time.Time) bool {
	return !t.Before(m.From) && (m.Until == nil || t.Before(*m.Until))
}

// Credential is an offering the university represents with badges: a
// micro-credential or a digital badge. Its content lives in versions; each
// version passes approval on its own.
type Credential struct {
	ID           string
	Kind         approval.Kind
	Title        string
	DepartmentID string // the offering department
	ProponentID  string
	CreatedAt    time.Time
}

// Outline is the content of the Outline form for one version: field key to
// value (strings, numbers, booleans, lists, objects as JSON gives them).
type Outline map[string]any

// Version is one version of a credential's metadata and its approval.
type Version struct {
	ID           string
	CredentialID string
	Kind         approval.Kind
	Number       int
	State        approval.State
	// Rev increases by one on every change; updates compare and swap on it.
	Rev     int64
	Outline Outline
	// CreditRequested is what the proponent asks for; CreditGranted is set
	// when the credit path ends (Senate approval, or a refusal that leaves it
	// non credit-bearing).
	CreditRequested approval.CreditStatus
	Credits         float64
	CreditGranted   approval.CreditStatus
	// Round counts submissions to the committee; reviews and votes belong to one round.
	Round        int
	AppealUsed   bool
	ReviewDueAt  *time.Time // end of the 10-working-day review window
	ConsultDueAt *time.Time // end of the Department Chair's response window
	SubmittedAt  *time.Time
	ApprovedAt   *time.Time
	ReportedAt   *time.Time // digital badges: listed in a report to SSCC
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Issuability answers whether badges may be issued from this version now.
func (v Version) Issuability() approval.Issuability {
	return approval.IssuabilityOf(v.Kind, v.State, v.CreditRequested, v.CreditGranted)
}

// Review is one assigned reviewer's review of a version in one round.
// Answers are nil until given.
type Review struct {
	VersionID    string
	Round        int
	ReviewerID   string
	AssignedAt   time.Time
	AnsweredAt   *time.Time
	Duplicates   *bool  // Q1: does it duplicate an existing offering?
	DuplicateOf  string // what it duplicates
	DuplicateDep string // the department with the existing offering
	Competency   *bool  // Q2: is it competency-based?
	CreditBased  *bool  // Q3: credit-bearing or embedded within credit-bearing courses?
	Comment      string
}

// Answered reports whether all three questions have been answered.
func (r Review) Answered() bool {
	return r.AnsweredAt != nil && r.Duplicates != nil && r.Competency != nil && r.CreditBased != nil
}

// Ballot names one vote of a round.
type Ballot string

const (
	BallotReview Ballot = "review" // the question called at the end of the review
	BallotFinal  Ballot = "final"  // the final vote after the meeting
	BallotAppeal Ballot = "appeal" // the whole committee on an appeal
	BallotDBC    Ballot = "dbc"    // the Digital Badge Committee
)

// Vote is one member's vote on one ballot of one round.
type Vote struct {
	VersionID string
	Round     int
	Ballot    Ballot
	VoterID   string
	Approve   bool
	Comment   string
	CastAt    time.Time
}

// Consultation is the duplication branch: the Department Chair of the
// department with the existing offering is sent the proposal.
type Consultation struct {
	ID           string
	VersionID    string
	Round        int
	DepartmentID string
	DuplicateOf  string
	RequestedAt  time.Time
	DueAt        time.Time
	Response     string
	RespondedBy  string
	RespondedAt  *time.Time
	ClosedAt     *time.Time
}

// Offering records that a credential was offered on a date.
type Offering struct {
	ID           string
	CredentialID string
	OfferedOn    time.Time // a date, at 00:00 UTC
	Note         string
	RecordedBy   string
	CreatedAt    time.Time
}

// AnnualReview is the yearly review by the offering program area.
type AnnualReview struct {
	ID           string
	CredentialID string
	VersionID    string
	Year         int
	Outcome      string // e.g. "current", "needs_revision"
	Comment      string
	ReviewedBy   string
	ReviewedAt   time.Time
}

// Report is the Provost's report to SSCC of every digital badge approved
// since the previous report.
type Report struct {
	ID         string
	CreatedBy  string
	CreatedAt  time.Time
	Meeting    string // the SSCC meeting it is for, free text or a date
	VersionIDs []string
}

// OutlineField is one field of the Outline form. The SMC (its Chair) and the
// central office maintain the fields; the service validates outlines against them.
type OutlineField struct {
	Kind     approval.Kind
	Key      string
	Label    string
	Help     string
	Type     FieldType
	Required bool
	Options  []string // for FieldChoice
	Position int
}

// FieldType is the type of an Outline field's value.
type FieldType string

const (
	FieldText       FieldType = "text"       // a string
	FieldLongText   FieldType = "long_text"  // a string, many lines
	FieldNumber     FieldType = "number"     // a JSON number ≥ 0
	FieldBoolean    FieldType = "boolean"    // true or false
	FieldChoice     FieldType = "choice"     // one of Options
	FieldList       FieldType = "list"       // a list of non-empty strings
	FieldAlignments FieldType = "alignments" // a list of {targetName, targetUrl, targetFramework?, targetCode?}
	FieldDepartment FieldType = "department" // a department id
)

// Page is a request for one page of a list. Limit is capped by MaxPageSize.
type Page struct {
	Limit  int
	Offset int
}

// Page size limits, for every list.
const (
	DefaultPageSize = 50
	MaxPageSize     = 200
)

// Normalize applies the defaults and limits.
func (p Page) Normalize() Page {
	if p.Limit <= 0 {
		p.Limit = DefaultPageSize
	}
	if p.Limit > MaxPageSize {
		p.Limit = MaxPageSize
	}
	if p.Offset < 0 {
		p.Offset = 0
	}
	return p
}
