package ob2

import (
	"encoding/json"
	"errors"
	"fmt"

	"badged/credentials/internal/jsonobj"
	"badged/credentials/proof"
)

// Input limits of the Parse functions. A hosted or baked Open Badges 2.0
// document is a few kilobytes; the limits leave room for data: URI images.
const (
	// MaxDocumentBytes is the largest document the Parse functions read,
	// but for revocation lists.
	MaxDocumentBytes = 2 << 20
	// MaxRevocationListBytes is the largest revocation list
	// ParseRevocationList reads: about 80,000 entries with reasons.
	MaxRevocationListBytes = 8 << 20
	// MaxDepth is the deepest nesting of objects and arrays they accept.
	MaxDepth = 32
)

// ParseAssertion parses an Assertion (hosted JSON or a JWS payload).
func ParseAssertion(b []byte) (*Assertion, error) {
	return parse[Assertion](b, "assertion", MaxDocumentBytes)
}

// ParseBadgeClass parses a BadgeClass.
func ParseBadgeClass(b []byte) (*BadgeClass, error) {
	return parse[BadgeClass](b, "badge class", MaxDocumentBytes)
}

// ParseProfile parses an issuer Profile.
func ParseProfile(b []byte) (*Profile, error) { return parse[Profile](b, "profile", MaxDocumentBytes) }

// ParseEndorsement parses an Endorsement.
func ParseEndorsement(b []byte) (*Endorsement, error) {
	return parse[Endorsement](b, "endorsement", MaxDocumentBytes)
}

// ParseCryptographicKey parses a CryptographicKey.
func ParseCryptographicKey(b []byte) (*CryptographicKey, error) {
	return parse[CryptographicKey](b, "cryptographic key", MaxDocumentBytes)
}

// ParseRevocationList parses a RevocationList.
func ParseRevocationList(b []byte) (*RevocationList, error) {
	return parse[RevocationList](b, "revocation list", MaxRevocationListBytes)
}

// parse decodes one document of type T. Errors wrap proof.ErrMalformed.
func parse[T any](b []byte, what string, maxBytes int) (*T, error) {
	if len(b) > maxBytes {
		return nil, fmt.Errorf("parse %s: %w: %d bytes, more than %d", what, proof.ErrMalformed, len(b), maxBytes)
	}
	if err := jsonobj.CheckDepth(b, MaxDepth); err != nil {
		return nil, fmt.Errorf("parse %s: %w: %w", what, proof.ErrMalformed, err)
	}
	if jsonobj.Kind(b) != "an object" {
		return nil, fmt.Errorf("parse %s: %w: want a JSON object, got %s", what, proof.ErrMalformed, jsonobj.Kind(b))
	}
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return nil, fmt.Errorf("parse %s: %w: invalid JSON at byte %d: %w", what, proof.ErrMalformed, se.Offset, err)
		}
		return nil, fmt.Errorf("parse %s: %w: %w", what, proof.ErrMalformed, err)
	}
	return &v, nil
}
