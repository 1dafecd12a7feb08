package ob3

import (
	"encoding/json"

	"badged/credentials/internal/jsonobj"
	"badged/credentials/ob2"
)

// AchievementSubject is the recipient and what they earned (specification
// §AchievementSubject). It needs an ID or at least one Identifier.
type AchievementSubject struct {
	ID          string       `json:"id,omitempty"`
	Type        Types        `json:"type,omitempty"`
	Achievement *Achievement `json:"achievement,omitempty"`
	// Identifier identifies a recipient without an id, e.g. by a hashed
	// email address (NewHashedIdentity).
	Identifier        List[IdentityObject] `json:"identifier,omitempty"`
	ActivityStartDate DateTime             `json:"activityStartDate,omitempty"`
	ActivityEndDate   DateTime             `json:"activityEndDate,omitempty"`
	CreditsEarned     *float64             `json:"creditsEarned,omitempty"`
	// Image is the image of this award, e.g. the baked badge.
	Image         *Image       `json:"image,omitempty"`
	LicenseNumber string       `json:"licenseNumber,omitempty"`
	Narrative     string       `json:"narrative,omitempty"`
	Result        List[Result] `json:"result,omitempty"`
	Role          string       `json:"role,omitempty"`
	// Source is the organisation that assessed the achievement on the
	// issuer's behalf.
	Source *Profile `json:"source,omitempty"`
	Term   string   `json:"term,omitempty"`
	// Extra holds the members this type does not model.
	Extra map[string]json.RawMessage `json:"-" jsonobj:"extra"`
}

// MarshalJSON writes the subject.
func (s AchievementSubject) MarshalJSON() ([]byte, error) { return jsonobj.Marshal(s) }

// UnmarshalJSON reads the subject.
func (s *AchievementSubject) UnmarshalJSON(b []byte) error { return jsonobj.Unmarshal(b, s) }

// Matches reports whether the subject is the recipient known by
// identityType and identity: its id when identityType is empty, or one of
// its identifiers (specification §"Verify the Recipient"; standards brief
// §4 step 5).
func (s AchievementSubject) Matches(identityType IdentifierType, identity string) bool {
	if identityType == "" {
		return s.ID != "" && s.ID == identity
	}
	for _, id := range s.Identifier {
		if id.IdentityType == identityType && id.Matches(identity) {
			return true
		}
	}
	return false
}

// Result is a result the recipient got: a grade, a level, a status.
type Result struct {
	Type Types `json:"type,omitempty"`
	// ResultDescription is the id of a ResultDescription of the achievement.
	ResultDescription string `json:"resultDescription,omitempty"`
	// AchievedLevel is the id of a RubricCriterionLevel of that description.
	AchievedLevel string          `json:"achievedLevel,omitempty"`
	Status        ResultStatus    `json:"status,omitempty"`
	Value         string          `json:"value,omitempty"`
	Alignment     List[Alignment] `json:"alignment,omitempty"`
	// Extra holds the members this type does not model.
	Extra map[string]json.RawMessage `json:"-" jsonobj:"extra"`
}

// MarshalJSON writes the result.
func (r Result) MarshalJSON() ([]byte, error) { return jsonobj.Marshal(r) }

// UnmarshalJSON reads a result.
func (r *Result) UnmarshalJSON(b []byte) error { return jsonobj.Unmarshal(b, r) }

// IdentityObject identifies a recipient by an identifier in plain text or
// as an IdentityHash (specification §IdentityObject). Hashed is always
// written, since it is required.
type IdentityObject struct {
	Type         TypeName       `json:"type,omitempty"`
	IdentityHash string         `json:"identityHash,omitempty"`
	IdentityType IdentifierType `json:"identityType,omitempty"`
	Hashed       bool           `json:"hashed"`
	Salt         string         `json:"salt,omitempty"`
	// Extra holds the members this type does not model (the official
	// schema allows none).
	Extra map[string]json.RawMessage `json:"-" jsonobj:"extra"`
}

// MarshalJSON writes the identity object.
func (o IdentityObject) MarshalJSON() ([]byte, error) { return jsonobj.Marshal(o) }

// UnmarshalJSON reads an identity object.
func (o *IdentityObject) UnmarshalJSON(b []byte) error { return jsonobj.Unmarshal(b, o) }

// NewHashedIdentity returns an identity object that hides identity behind
// a salted SHA-256 IdentityHash (the rule is Open Badges 2.0's) with a
// fresh random salt. An email address is trimmed and lower-cased first.
func NewHashedIdentity(identityType IdentifierType, identity string) (IdentityObject, error) {
	salt, err := ob2.NewSalt()
	if err != nil {
		return IdentityObject{}, err
	}
	if identityType == IdentifierEmailAddress {
		identity = ob2.NormalizeEmail(identity)
	}
	return IdentityObject{
		Type:         TypeIdentityObject,
		IdentityHash: ob2.HashIdentity(identity, salt),
		IdentityType: identityType,
		Hashed:       true,
		Salt:         salt,
	}, nil
}

// Matches reports whether the object names identity: the IdentityHash of
// identity ‖ salt when hashed (sha256 or md5), the plain value otherwise.
// Email addresses compare without regard to case.
func (o IdentityObject) Matches(identity string) bool {
	return ob2.MatchIdentity(o.Hashed, o.IdentityHash, o.Salt, identity, o.IdentityType == IdentifierEmailAddress)
}
