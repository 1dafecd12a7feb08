package ob2

import (
	"encoding/json"

	"badged/credentials/internal/jsonobj"
)

// Type names of Open Badges 2.0 objects.
const (
	TypeAssertion          = "Assertion"
	TypeBadgeClass         = "BadgeClass"
	TypeIssuer             = "Issuer"
	TypeProfile            = "Profile"
	TypeEndorsement        = "Endorsement"
	TypeCryptographicKey   = "CryptographicKey"
	TypeRevocationList     = "RevocationList"
	TypeCriteria           = "Criteria"
	TypeEvidence           = "Evidence"
	TypeImage              = "Image"
	TypeAlignmentObject    = "AlignmentObject"
	TypeVerificationObject = "VerificationObject"
)

// aliases maps names that mean the same as a member this package models:
// the JSON-LD keywords the context aliases as "id" and "type", and the
// context's own alias "verify".
var aliases = map[string]string{"@id": "id", "@type": "type", "verify": "verification"}

// unmarshalObject decodes an Open Badges 2.0 object into dst, reading an
// alias as the member it stands for unless both are present.
func unmarshalObject(b []byte, dst any) error {
	m, err := jsonobj.Members(b)
	if err != nil || m == nil {
		return err
	}
	for alias, name := range aliases {
		if v, ok := m[alias]; ok {
			if _, both := m[name]; !both {
				m[name] = v
				delete(m, alias)
			}
		}
	}
	return jsonobj.Decode(m, dst)
}

// Assertion awards a BadgeClass to one recipient (specification §Assertion).
// A revoked hosted assertion may carry only ID, Revoked and RevocationReason.
type Assertion struct {
	Context          Context                `json:"@context,omitempty"`
	Type             Types                  `json:"type,omitempty"`
	ID               string                 `json:"id,omitempty"`
	Recipient        *IdentityObject        `json:"recipient,omitempty"`
	Badge            Ref[BadgeClass]        `json:"badge,omitempty"`
	Verification     *VerificationObject    `json:"verification,omitempty"`
	IssuedOn         DateTime               `json:"issuedOn,omitempty"`
	Image            Ref[Image]             `json:"image,omitempty"`
	Evidence         List[Ref[Evidence]]    `json:"evidence,omitempty"`
	Narrative        string                 `json:"narrative,omitempty"`
	Expires          DateTime               `json:"expires,omitempty"`
	Revoked          *bool                  `json:"revoked,omitempty"`
	RevocationReason string                 `json:"revocationReason,omitempty"`
	Endorsement      List[Ref[Endorsement]] `json:"endorsement,omitempty"`
	// UID is the deprecated Open Badges 1.x identifier. Read it from old
	// badges (revocation lists may name it); do not set it in new ones.
	UID string `json:"uid,omitempty"`
	// Extra holds the members this type does not model (extensions).
	Extra map[string]json.RawMessage `json:"-" jsonobj:"extra"`
}

// MarshalJSON writes the assertion's members in specification order.
func (a Assertion) MarshalJSON() ([]byte, error) { return jsonobj.Marshal(a) }

// UnmarshalJSON reads an assertion in any form the specification allows.
func (a *Assertion) UnmarshalJSON(b []byte) error { return unmarshalObject(b, a) }

// BadgeClass describes an achievement (specification §BadgeClass).
type BadgeClass struct {
	Context     Context                `json:"@context,omitempty"`
	Type        Types                  `json:"type,omitempty"`
	ID          string                 `json:"id,omitempty"`
	Name        string                 `json:"name,omitempty"`
	Description string                 `json:"description,omitempty"`
	Image       Ref[Image]             `json:"image,omitempty"`
	Criteria    Ref[Criteria]          `json:"criteria,omitempty"`
	Issuer      Ref[Profile]           `json:"issuer,omitempty"`
	Alignment   List[AlignmentObject]  `json:"alignment,omitempty"`
	Tags        List[string]           `json:"tags,omitempty"`
	Version     Version                `json:"version,omitempty"`
	Related     List[string]           `json:"related,omitempty"`
	Endorsement List[Ref[Endorsement]] `json:"endorsement,omitempty"`
	// Extra holds the members this type does not model (extensions).
	Extra map[string]json.RawMessage `json:"-" jsonobj:"extra"`
}

func (c BadgeClass) objectID() string { return c.ID }

// MarshalJSON writes the badge class's members in specification order.
func (c BadgeClass) MarshalJSON() ([]byte, error) { return jsonobj.Marshal(c) }

// UnmarshalJSON reads a badge class in any form the specification allows.
func (c *BadgeClass) UnmarshalJSON(b []byte) error { return unmarshalObject(b, c) }

// Profile describes an issuer or a recipient (specification §Profile). An
// issuer's profile has type "Issuer" or "Profile".
type Profile struct {
	Context        Context                     `json:"@context,omitempty"`
	Type           Types                       `json:"type,omitempty"`
	ID             string                      `json:"id,omitempty"`
	Name           string                      `json:"name,omitempty"`
	URL            string                      `json:"url,omitempty"`
	Telephone      string                      `json:"telephone,omitempty"`
	Description    string                      `json:"description,omitempty"`
	Image          Ref[Image]                  `json:"image,omitempty"`
	Email          string                      `json:"email,omitempty"`
	PublicKey      List[Ref[CryptographicKey]] `json:"publicKey,omitempty"`
	Verification   *VerificationObject         `json:"verification,omitempty"`
	RevocationList string                      `json:"revocationList,omitempty"`
	Related        List[string]                `json:"related,omitempty"`
	Endorsement    List[Ref[Endorsement]]      `json:"endorsement,omitempty"`
	// Extra holds the members this type does not model (extensions).
	Extra map[string]json.RawMessage `json:"-" jsonobj:"extra"`
}

func (p Profile) objectID() string { return p.ID }

// MarshalJSON writes the profile's members in specification order.
func (p Profile) MarshalJSON() ([]byte, error) { return jsonobj.Marshal(p) }

// UnmarshalJSON reads a profile in any form the specification allows.
func (p *Profile) UnmarshalJSON(b []byte) error { return unmarshalObject(b, p) }

// Criteria describes how a badge is earned: a page (ID), a Markdown
// narrative, or both.
type Criteria struct {
	Type      Types  `json:"type,omitempty"`
	ID        string `json:"id,omitempty"`
	Narrative string `json:"narrative,omitempty"`
	// Extra holds the members this type does not model (extensions).
	Extra map[string]json.RawMessage `json:"-" jsonobj:"extra"`
}

func (c Criteria) objectID() string { return c.ID }

// MarshalJSON writes the criteria's members.
func (c Criteria) MarshalJSON() ([]byte, error) { return jsonobj.Marshal(c) }

// UnmarshalJSON reads criteria.
func (c *Criteria) UnmarshalJSON(b []byte) error { return unmarshalObject(b, c) }

// Image is an image with metadata. ID is its URL or a data: URI.
type Image struct {
	Type    Types  `json:"type,omitempty"`
	ID      string `json:"id,omitempty"`
	Caption string `json:"caption,omitempty"`
	Author  string `json:"author,omitempty"`
	// Extra holds the members this type does not model (extensions).
	Extra map[string]json.RawMessage `json:"-" jsonobj:"extra"`
}

func (i Image) objectID() string { return i.ID }

// MarshalJSON writes the image's members.
func (i Image) MarshalJSON() ([]byte, error) { return jsonobj.Marshal(i) }

// UnmarshalJSON reads an image object.
func (i *Image) UnmarshalJSON(b []byte) error { return unmarshalObject(b, i) }

// Evidence describes work that shows the recipient met the criteria.
type Evidence struct {
	Type        Types  `json:"type,omitempty"`
	ID          string `json:"id,omitempty"`
	Narrative   string `json:"narrative,omitempty"`
	Name        string `json:"name,omitempty"`
	Description string `json:"description,omitempty"`
	Genre       string `json:"genre,omitempty"`
	Audience    string `json:"audience,omitempty"`
	// Extra holds the members this type does not model (extensions).
	Extra map[string]json.RawMessage `json:"-" jsonobj:"extra"`
}

func (e Evidence) objectID() string { return e.ID }

// MarshalJSON writes the evidence's members.
func (e Evidence) MarshalJSON() ([]byte, error) { return jsonobj.Marshal(e) }

// UnmarshalJSON reads an evidence object.
func (e *Evidence) UnmarshalJSON(b []byte) error { return unmarshalObject(b, e) }

// AlignmentObject aligns a badge with a standard or competency framework.
// TargetName and TargetURL are required.
type AlignmentObject struct {
	Type              Types  `json:"type,omitempty"`
	TargetName        string `json:"targetName,omitempty"`
	TargetURL         string `json:"targetUrl,omitempty"`
	TargetDescription string `json:"targetDescription,omitempty"`
	TargetFramework   string `json:"targetFramework,omitempty"`
	TargetCode        string `json:"targetCode,omitempty"`
	// Extra holds the members this type does not model (extensions).
	Extra map[string]json.RawMessage `json:"-" jsonobj:"extra"`
}

// MarshalJSON writes the alignment's members.
func (a AlignmentObject) MarshalJSON() ([]byte, error) { return jsonobj.Marshal(a) }

// UnmarshalJSON reads an alignment.
func (a *AlignmentObject) UnmarshalJSON(b []byte) error { return unmarshalObject(b, a) }

// CryptographicKey is an issuer's public key for signed badges, hosted at
// its ID and listed in the issuer profile's publicKey.
type CryptographicKey struct {
	Context      Context `json:"@context,omitempty"`
	Type         Types   `json:"type,omitempty"`
	ID           string  `json:"id,omitempty"`
	Owner        string  `json:"owner,omitempty"`
	PublicKeyPem string  `json:"publicKeyPem,omitempty"`
	// Extra holds the members this type does not model (extensions).
	Extra map[string]json.RawMessage `json:"-" jsonobj:"extra"`
}

func (k CryptographicKey) objectID() string { return k.ID }

// MarshalJSON writes the key's members.
func (k CryptographicKey) MarshalJSON() ([]byte, error) { return jsonobj.Marshal(k) }

// UnmarshalJSON reads a key.
func (k *CryptographicKey) UnmarshalJSON(b []byte) error { return unmarshalObject(b, k) }

// Endorsement is a claim by a third party about a badge class, an issuer
// or an assertion (specification §Endorsement).
type Endorsement struct {
	Context          Context             `json:"@context,omitempty"`
	Type             Types               `json:"type,omitempty"`
	ID               string              `json:"id,omitempty"`
	Issuer           Ref[Profile]        `json:"issuer,omitempty"`
	IssuedOn         DateTime            `json:"issuedOn,omitempty"`
	Claim            *EndorsementClaim   `json:"claim,omitempty"`
	Verification     *VerificationObject `json:"verification,omitempty"`
	Revoked          *bool               `json:"revoked,omitempty"`
	RevocationReason string              `json:"revocationReason,omitempty"`
	// Extra holds the members this type does not model (extensions).
	Extra map[string]json.RawMessage `json:"-" jsonobj:"extra"`
}

func (e Endorsement) objectID() string { return e.ID }

// MarshalJSON writes the endorsement's members in specification order.
func (e Endorsement) MarshalJSON() ([]byte, error) { return jsonobj.Marshal(e) }

// UnmarshalJSON reads an endorsement.
func (e *Endorsement) UnmarshalJSON(b []byte) error { return unmarshalObject(b, e) }

// EndorsementClaim names the endorsed object (ID) and says what the
// endorser claims about it.
type EndorsementClaim struct {
	ID                 string `json:"id,omitempty"`
	EndorsementComment string `json:"endorsementComment,omitempty"`
	// Extra holds the members this type does not model (further claims).
	Extra map[string]json.RawMessage `json:"-" jsonobj:"extra"`
}

// MarshalJSON writes the claim's members.
func (c EndorsementClaim) MarshalJSON() ([]byte, error) { return jsonobj.Marshal(c) }

// UnmarshalJSON reads a claim.
func (c *EndorsementClaim) UnmarshalJSON(b []byte) error { return unmarshalObject(b, c) }
