package issuer

import (
	"context"
	"time"

	"badged/issuer/approval"
	"badged/issuer/audit"
)

// Store is the persistence the service needs. storage implements it on
// PostgreSQL and SQLite. Methods return *Error values with ENotFound (never
// nil, nil) or EConflict (a duplicate, or a compare-and-swap that lost);
// other failures are wrapped plainly and become EInternal.
type Store interface {
	// InTx runs fn with a Store bound to one transaction: every change fn
	// makes commits together or not at all. Inside fn, InTx runs fn in the
	// same transaction.
	InTx(ctx context.Context, fn func(tx Store) error) error
	// Ping checks that the database answers.
	Ping(ctx context.Context) error

	UserStore
	InstitutionStore
	CommitteeStore
	CredentialStore
	ReviewStore
	AuditStore
}

// UserStore keeps users, their role grants and API tokens.
type UserStore interface {
	CreateUser(ctx context.Context, u *User) error // EConflict on a duplicate email
	GetUser(ctx context.Context, id string) (*User, error)
	GetUserByEmail(ctx context.Context, email string) (*User, error)
	ListUsers(ctx context.Context, p Page) ([]User, error)
	// SetRoles replaces the user's granted roles.
	SetRoles(ctx context.Context, userID string, roles []RoleGrant) error

	CreateToken(ctx context.Context, t *Token) error
	GetToken(ctx context.Context, id string) (*Token, error)
	ListTokens(ctx context.Context, userID string, p Page) ([]Token, error)
	RevokeToken(ctx context.Context, id string, at time.Time) error
	TouchToken(ctx context.Context, id string, at time.Time) error
}

// InstitutionStore keeps Faculties and departments.
type InstitutionStore interface {
	CreateFaculty(ctx context.Context, f *Faculty) error // EConflict on a duplicate code
	GetFaculty(ctx context.Context, id string) (*Faculty, error)
	ListFaculties(ctx context.Context, p Page) ([]Faculty, error)
	CreateDepartment(ctx context.Context, d *Department) error // EConflict on a duplicate code
	GetDepartment(ctx context.Context, id string) (*Department, error)
	ListDepartments(ctx context.Context, p Page) ([]Department, error)
}

// CommitteeStore keeps dated committee memberships.
type CommitteeStore interface {
	CreateMembership(ctx context.Context, m *Membership) error
	GetMembership(ctx context.Context, id string) (*Membership, error)
	UpdateMembership(ctx context.Context, m *Membership) error
	// ListMemberships returns every membership of the committee, past and present, oldest first.
	ListMemberships(ctx context.Context, c Committee) ([]Membership, error)
	// ListUserMemberships returns every membership of the user.
	ListUserMemberships(ctx context.Context, userID string) ([]Membership, error)
}

// CredentialFilter selects credentials for ListCredentials. Zero fields do not filter.
type CredentialFilter struct {
	ProponentID string
}

// VersionFilter selects versions for ListVersions. Zero fields do not filter.
type VersionFilter struct {
	CredentialID string
	Kind         approval.Kind
	States       []approval.State
	// DueBefore selects versions whose review or consultation deadline is before it.
	DueBefore *time.Time
	// ApprovedAfter and Unreported select digital badges for the SSCC report.
	ApprovedAfter *time.Time
	Unreported    bool
}

// CredentialStore keeps credentials, their versions, offerings, annual
// reviews, reports and the Outline form.
type CredentialStore interface {
	CreateCredential(ctx context.Context, c *Credential) error
	GetCredential(ctx context.Context, id string) (*Credential, error)
	// ListCredentials returns the credentials f selects, oldest first.
	ListCredentials(ctx context.Context, f CredentialFilter, p Page) ([]Credential, error)

	CreateVersion(ctx context.Context, v *Version) error // EConflict on a duplicate (credential, number)
	GetVersion(ctx context.Context, id string) (*Version, error)
	// UpdateVersion writes every mutable field of v if the stored revision is
	// still v.Rev, and then sets v.Rev to the new revision. If another actor
	// changed the version first it returns EConflict and writes nothing.
	UpdateVersion(ctx context.Context, v *Version) error
	ListVersions(ctx context.Context, f VersionFilter, p Page) ([]Version, error)

	CreateOffering(ctx context.Context, o *Offering) error
	// ListOfferings returns a credential's offerings, earliest first.
	ListOfferings(ctx context.Context, credentialID string, p Page) ([]Offering, error)
	// LatestOffering returns a credential's latest offering, or ENotFound.
	LatestOffering(ctx context.Context, credentialID string) (*Offering, error)
	CreateAnnualReview(ctx context.Context, r *AnnualReview) error // EConflict on a second review of the same year
	ListAnnualReviews(ctx context.Context, credentialID string, p Page) ([]AnnualReview, error)

	CreateReport(ctx context.Context, r *Report) error
	GetReport(ctx context.Context, id string) (*Report, error)
	ListReports(ctx context.Context, p Page) ([]Report, error)

	// ListOutlineFields returns the form's fields for a kind, by Position.
	ListOutlineFields(ctx context.Context, k approval.Kind) ([]OutlineField, error)
	// ReplaceOutlineFields replaces the form's fields for a kind.
	ReplaceOutlineFields(ctx context.Context, k approval.Kind, fields []OutlineField) error
}

// ReviewStore keeps reviewer assignments, votes and duplication consultations.
type ReviewStore interface {
	CreateReview(ctx context.Context, r *Review) error // EConflict on a duplicate (version, round, reviewer)
	UpdateReview(ctx context.Context, r *Review) error
	ListReviews(ctx context.Context, versionID string, round int) ([]Review, error)

	CreateVote(ctx context.Context, v *Vote) error // EConflict on a duplicate (version, round, ballot, voter)
	ListVotes(ctx context.Context, versionID string, round int, b Ballot) ([]Vote, error)

	CreateConsultation(ctx context.Context, c *Consultation) error
	UpdateConsultation(ctx context.Context, c *Consultation) error
	ListConsultations(ctx context.Context, versionID string) ([]Consultation, error)
}

// AuditStore keeps the audit chain.
type AuditStore interface {
	// AppendAudit seals e after the chain's current head (audit.Seal) and
	// stores it. Appends are serialized: concurrent transactions never fork
	// the chain (the head row is locked until the transaction ends).
	AppendAudit(ctx context.Context, e *audit.Event) error
	// ListAudit returns a subject's events in chain order.
	ListAudit(ctx context.Context, subjectType, subjectID string) ([]audit.Event, error)
	// ScanAudit calls fn for every event with Seq > after, in chain order,
	// in batches, stopping at fn's first error.
	ScanAudit(ctx context.Context, after int64, fn func(audit.Event) error) error
}
