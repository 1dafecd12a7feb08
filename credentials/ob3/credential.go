package ob3

import (
	"encoding/json"
	"fmt"
	"strconv"

	"badged/credentials/internal/jsonobj"
)

// Type names of Open Badges 3.0 classes.
const (
	TypeVerifiableCredential  = "VerifiableCredential"
	TypeOpenBadgeCredential   = "OpenBadgeCredential"
	TypeAchievementCredential = "AchievementCredential" // alias of OpenBadgeCredential since context 3.0.3
	TypeEndorsementCredential = "EndorsementCredential"
	TypeAchievementSubject    = "AchievementSubject"
	TypeEndorsementSubject    = "EndorsementSubject"
	TypeAchievement           = "Achievement"
	TypeProfile               = "Profile"
	TypeImage                 = "Image"
	TypeAddress               = "Address"
	TypeGeoCoordinates        = "GeoCoordinates"
	TypeIdentifierEntry       = "IdentifierEntry"
	TypeIdentityObject        = "IdentityObject"
	TypeAlignment             = "Alignment"
	TypeEvidence              = "Evidence"
	TypeRelated               = "Related"
	TypeResult                = "Result"
	TypeResultDescription     = "ResultDescription"
	TypeRubricCriterionLevel  = "RubricCriterionLevel"
)

// Types of the credential envelope's entries.
const (
	// TypeJSONSchemaValidator is the credentialSchema type of 1EdTech's JSON
	// Schema validation (VCCS 1.0); it needs ContextOBExtensions.
	TypeJSONSchemaValidator = "1EdTechJsonSchemaValidator2019"
	// TypeRevocationList is the credentialStatus type of the 1EdTech
	// Revocation List (VCRL 1.0); it needs ContextOBExtensions.
	TypeRevocationList = "1EdTechRevocationList"
	// TypeCredentialRefresh is the refreshService type of 1EdTech's
	// credential refresh (VCCR 1.0); it needs ContextOBExtensions.
	TypeCredentialRefresh = "1EdTechCredentialRefresh"
	// TypeBitstringStatusListEntry is the credentialStatus type of the W3C
	// Bitstring Status List, defined by the VCDM 2.0 context.
	TypeBitstringStatusListEntry = "BitstringStatusListEntry"
	// TypeDataIntegrityProof is the proof type of Data Integrity proofs.
	TypeDataIntegrityProof = "DataIntegrityProof"
)

// URLs of the official JSON Schemas, for credentialSchema entries.
const (
	SchemaAchievementCredential = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
	SchemaEndorsementCredential = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_endorsementcredential_schema.json"
)

// AchievementCredential is an Open Badges 3.0 credential: an issuer's
// assertion that the subject earned an achievement (specification
// §AchievementCredential; standards brief §2.2).
type AchievementCredential struct {
	Context     Context    `json:"@context,omitempty"`
	ID          string     `json:"id,omitempty"`
	Type        Types      `json:"type,omitempty"`
	Name        string     `json:"name,omitempty"`
	Description string     `json:"description,omitempty"`
	Image       *Image     `json:"image,omitempty"`
	Issuer      ProfileRef `json:"issuer,omitempty"`
	// AwardedDate is when the achievement was first awarded; it stays when
	// validFrom moves on re-issue.
	AwardedDate DateTime `json:"awardedDate,omitempty"`
	ValidFrom   DateTime `json:"validFrom,omitempty"`
	ValidUntil  DateTime `json:"validUntil,omitempty"`
	// IssuanceDate and ExpirationDate are the VCDM 1.1 dates of legacy
	// credentials: read them, never write them in a new credential.
	IssuanceDate      DateTime                    `json:"issuanceDate,omitempty"`
	ExpirationDate    DateTime                    `json:"expirationDate,omitempty"`
	CredentialSubject AchievementSubject          `json:"credentialSubject,omitempty"`
	Evidence          List[Evidence]              `json:"evidence,omitempty"`
	Endorsement       List[EndorsementCredential] `json:"endorsement,omitempty"`
	// EndorsementJwt holds VC-JWT endorsements. Context 3.0.3 as the
	// specification publishes it does not define the term, so a Data
	// Integrity proof would not cover it; prefer Endorsement.
	EndorsementJwt   List[string]           `json:"endorsementJwt,omitempty"`
	CredentialSchema List[CredentialSchema] `json:"credentialSchema,omitempty"`
	CredentialStatus *CredentialStatus      `json:"credentialStatus,omitempty"`
	RefreshService   *RefreshService        `json:"refreshService,omitempty"`
	TermsOfUse       List[TermsOfUse]       `json:"termsOfUse,omitempty"`
	Proof            List[Proof]            `json:"proof,omitempty"`
	// Extra holds the members this type does not model.
	Extra map[string]json.RawMessage `json:"-" jsonobj:"extra"`
}

// OpenBadgeCredential is the name the specification's examples use for an
// AchievementCredential.
type OpenBadgeCredential = AchievementCredential

// MarshalJSON writes the credential in the serialization the specification
// and its JSON Schema require.
func (c AchievementCredential) MarshalJSON() ([]byte, error) { return jsonobj.Marshal(c) }

// UnmarshalJSON reads a credential in any form JSON-LD allows.
func (c *AchievementCredential) UnmarshalJSON(b []byte) error { return jsonobj.Unmarshal(b, c) }

// EndorsementCredential is a third party's claim about a credential, an
// achievement or a profile (specification §EndorsementCredential). Name is
// required.
type EndorsementCredential struct {
	Context           Context                `json:"@context,omitempty"`
	ID                string                 `json:"id,omitempty"`
	Type              Types                  `json:"type,omitempty"`
	Name              string                 `json:"name,omitempty"`
	Description       string                 `json:"description,omitempty"`
	Issuer            ProfileRef             `json:"issuer,omitempty"`
	AwardedDate       DateTime               `json:"awardedDate,omitempty"`
	ValidFrom         DateTime               `json:"validFrom,omitempty"`
	ValidUntil        DateTime               `json:"validUntil,omitempty"`
	IssuanceDate      DateTime               `json:"issuanceDate,omitempty"`
	ExpirationDate    DateTime               `json:"expirationDate,omitempty"`
	CredentialSubject EndorsementSubject     `json:"credentialSubject,omitempty"`
	CredentialSchema  List[CredentialSchema] `json:"credentialSchema,omitempty"`
	CredentialStatus  *CredentialStatus      `json:"credentialStatus,omitempty"`
	RefreshService    *RefreshService        `json:"refreshService,omitempty"`
	TermsOfUse        List[TermsOfUse]       `json:"termsOfUse,omitempty"`
	Proof             List[Proof]            `json:"proof,omitempty"`
	// Extra holds the members this type does not model.
	Extra map[string]json.RawMessage `json:"-" jsonobj:"extra"`
}

// MarshalJSON writes the endorsement in the required serialization.
func (c EndorsementCredential) MarshalJSON() ([]byte, error) { return jsonobj.Marshal(c) }

// UnmarshalJSON reads an endorsement credential.
func (c *EndorsementCredential) UnmarshalJSON(b []byte) error { return jsonobj.Unmarshal(b, c) }

// EndorsementSubject names what is endorsed (ID) and carries the comment.
type EndorsementSubject struct {
	ID                 string `json:"id,omitempty"`
	Type               Types  `json:"type,omitempty"`
	EndorsementComment string `json:"endorsementComment,omitempty"`
	// Extra holds the members this type does not model.
	Extra map[string]json.RawMessage `json:"-" jsonobj:"extra"`
}

// MarshalJSON writes the subject.
func (s EndorsementSubject) MarshalJSON() ([]byte, error) { return jsonobj.Marshal(s) }

// UnmarshalJSON reads the subject.
func (s *EndorsementSubject) UnmarshalJSON(b []byte) error { return jsonobj.Unmarshal(b, s) }

// Proof is an embedded proof (a Data Integrity proof, in this library).
type Proof struct {
	Type               TypeName `json:"type,omitempty"`
	ID                 string   `json:"id,omitempty"`
	Created            DateTime `json:"created,omitempty"`
	Expires            DateTime `json:"expires,omitempty"`
	VerificationMethod string   `json:"verificationMethod,omitempty"`
	Cryptosuite        string   `json:"cryptosuite,omitempty"`
	ProofPurpose       string   `json:"proofPurpose,omitempty"`
	Challenge          string   `json:"challenge,omitempty"`
	Domain             string   `json:"domain,omitempty"`
	Nonce              string   `json:"nonce,omitempty"`
	ProofValue         string   `json:"proofValue,omitempty"`
	// Extra holds the members this type does not model.
	Extra map[string]json.RawMessage `json:"-" jsonobj:"extra"`
}

// MarshalJSON writes the proof.
func (p Proof) MarshalJSON() ([]byte, error) { return jsonobj.Marshal(p) }

// UnmarshalJSON reads a proof.
func (p *Proof) UnmarshalJSON(b []byte) error { return jsonobj.Unmarshal(b, p) }

// CredentialSchema names a schema the credential conforms to.
type CredentialSchema struct {
	ID   string   `json:"id,omitempty"`
	Type TypeName `json:"type,omitempty"`
	// Extra holds the members this type does not model.
	Extra map[string]json.RawMessage `json:"-" jsonobj:"extra"`
}

// AchievementCredentialSchema is the credentialSchema entry naming the
// official achievement credential schema (its type needs ContextOBExtensions).
func AchievementCredentialSchema() CredentialSchema {
	return CredentialSchema{ID: SchemaAchievementCredential, Type: TypeJSONSchemaValidator}
}

// MarshalJSON writes the entry.
func (s CredentialSchema) MarshalJSON() ([]byte, error) { return jsonobj.Marshal(s) }

// UnmarshalJSON reads an entry object, or the schema's IRI.
func (s *CredentialSchema) UnmarshalJSON(b []byte) error {
	return unmarshalNode(b, s, func(iri string) { *s = CredentialSchema{ID: iri} })
}

// CredentialStatus says where to check whether the credential is revoked
// or suspended: a 1EdTechRevocationList ({id, type}) or a W3C
// BitstringStatusListEntry (with the status list fields). See
// credentials/status for both methods.
type CredentialStatus struct {
	ID                   string          `json:"id,omitempty"`
	Type                 TypeName        `json:"type,omitempty"`
	StatusPurpose        string          `json:"statusPurpose,omitempty"`
	StatusListIndex      StatusListIndex `json:"statusListIndex,omitempty"`
	StatusListCredential string          `json:"statusListCredential,omitempty"`
	StatusSize           *int            `json:"statusSize,omitempty"`
	// Extra holds the members this type does not model.
	Extra map[string]json.RawMessage `json:"-" jsonobj:"extra"`
}

// MarshalJSON writes the entry.
func (s CredentialStatus) MarshalJSON() ([]byte, error) { return jsonobj.Marshal(s) }

// UnmarshalJSON reads an entry object, or the status resource's IRI.
func (s *CredentialStatus) UnmarshalJSON(b []byte) error {
	return unmarshalNode(b, s, func(iri string) { *s = CredentialStatus{ID: iri} })
}

// StatusListIndex is a position in a bitstring status list. The W3C
// specification writes it as a base-10 string; some issuers write a JSON
// number. The context gives the term no datatype, so the two are different
// literals (a string, an integer) in the signed data: the form read is the
// form written, and NewStatusListIndex makes the string form.
type StatusListIndex struct {
	text     string
	isNumber bool
}

// NewStatusListIndex returns index i in the specification's string form.
func NewStatusListIndex(i int) StatusListIndex { return StatusListIndex{text: strconv.Itoa(i)} }

// Int returns the index, which must be a base-10 integer of at most 9
// digits (an index past the largest status list a reader accepts is
// refused by credentials/status anyway).
func (x StatusListIndex) Int() (int, error) {
	if x.text == "" || len(x.text) > 9 {
		return 0, fmt.Errorf("status list index %q is not a position", x.text)
	}
	n := 0
	for _, c := range x.text {
		if c < '0' || c > '9' {
			return 0, fmt.Errorf("status list index %q is not a base-10 integer", x.text)
		}
		n = n*10 + int(c-'0')
	}
	return n, nil
}

// String returns the index as written.
func (x StatusListIndex) String() string { return x.text }

// IsZero reports whether no index is set.
func (x StatusListIndex) IsZero() bool { return x.text == "" && !x.isNumber }

// MarshalJSON writes the index in the form it was read in.
func (x StatusListIndex) MarshalJSON() ([]byte, error) {
	if x.isNumber {
		return []byte(x.text), nil
	}
	return json.Marshal(x.text)
}

// UnmarshalJSON reads a string or a number, keeping its text.
func (x *StatusListIndex) UnmarshalJSON(b []byte) error {
	switch jsonobj.Kind(b) {
	case "null":
		*x = StatusListIndex{}
		return nil
	case "a string":
		*x = StatusListIndex{}
		return json.Unmarshal(b, &x.text)
	case "a number":
		var n json.Number
		if err := json.Unmarshal(b, &n); err != nil {
			return err
		}
		*x = StatusListIndex{text: n.String(), isNumber: true}
		return nil
	default:
		return fmt.Errorf("statusListIndex: want a string or a number, got %s", jsonobj.Kind(b))
	}
}

// RefreshService says where a newer copy of the credential can be fetched.
type RefreshService struct {
	ID   string   `json:"id,omitempty"`
	Type TypeName `json:"type,omitempty"`
	// Extra holds the members this type does not model.
	Extra map[string]json.RawMessage `json:"-" jsonobj:"extra"`
}

// MarshalJSON writes the entry.
func (s RefreshService) MarshalJSON() ([]byte, error) { return jsonobj.Marshal(s) }

// UnmarshalJSON reads an entry object, or the service's IRI.
func (s *RefreshService) UnmarshalJSON(b []byte) error {
	return unmarshalNode(b, s, func(iri string) { *s = RefreshService{ID: iri} })
}

// TermsOfUse states a policy under which the credential was issued.
type TermsOfUse struct {
	ID   string   `json:"id,omitempty"`
	Type TypeName `json:"type,omitempty"`
	// Extra holds the members this type does not model.
	Extra map[string]json.RawMessage `json:"-" jsonobj:"extra"`
}

// MarshalJSON writes the entry.
func (t TermsOfUse) MarshalJSON() ([]byte, error) { return jsonobj.Marshal(t) }

// UnmarshalJSON reads an entry object, or the policy's IRI.
func (t *TermsOfUse) UnmarshalJSON(b []byte) error {
	return unmarshalNode(b, t, func(iri string) { *t = TermsOfUse{ID: iri} })
}
