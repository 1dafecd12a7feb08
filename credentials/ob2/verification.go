package ob2

import (
	"encoding/json"

	"badged/credentials/internal/jsonobj"
)

// Verification types. The specification's examples use the short aliases
// "hosted" and "signed"; both spellings mean the same.
const (
	VerificationHosted      = "HostedBadge"
	VerificationHostedAlias = "hosted"
	VerificationSigned      = "SignedBadge"
	VerificationSignedAlias = "signed"
)

// VerificationObject says how to verify an assertion (type HostedBadge or
// SignedBadge, with the signing key in Creator), or, in an issuer profile
// (type VerificationObject), which hosted assertion URLs the issuer
// vouches for (specification §VerificationObject).
type VerificationObject struct {
	Type                 Types        `json:"type,omitempty"`
	Creator              string       `json:"creator,omitempty"`
	VerificationProperty string       `json:"verificationProperty,omitempty"`
	StartsWith           List[string] `json:"startsWith,omitempty"`
	AllowedOrigins       List[string] `json:"allowedOrigins,omitempty"`
	// Extra holds the members this type does not model (extensions).
	Extra map[string]json.RawMessage `json:"-" jsonobj:"extra"`
}

// Hosted returns the verification object of a hosted assertion.
func Hosted() *VerificationObject {
	return &VerificationObject{Type: Types{VerificationHosted}}
}

// Signed returns the verification object of a signed assertion whose
// signature verifies with the CryptographicKey at keyURL. Always name the
// key: the 1EdTech validator looks the key up only through creator.
func Signed(keyURL string) *VerificationObject {
	return &VerificationObject{Type: Types{VerificationSigned}, Creator: keyURL}
}

// IsHosted reports whether the object names hosted verification.
func (v VerificationObject) IsHosted() bool {
	return v.Type.Has(VerificationHosted) || v.Type.Has(VerificationHostedAlias)
}

// IsSigned reports whether the object names signed verification.
func (v VerificationObject) IsSigned() bool {
	return v.Type.Has(VerificationSigned) || v.Type.Has(VerificationSignedAlias)
}

// MarshalJSON writes the verification object's members.
func (v VerificationObject) MarshalJSON() ([]byte, error) { return jsonobj.Marshal(v) }

// UnmarshalJSON reads a verification object.
func (v *VerificationObject) UnmarshalJSON(b []byte) error { return unmarshalObject(b, v) }
