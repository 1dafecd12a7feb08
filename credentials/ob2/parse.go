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
	// MaxDocumentBytes is the largest document the Parse functions read.
	MaxDocumentBytes = 2 << 20
	// MaxDepth is the deepest nesting of objects and arrays they accept.
	MaxDepth = 32
)

// ParseAssertion parses an Assertion (hosted JSON or a JWS payload).
func ParseAssertion(b []byte) (*Assertion, error) { return parse[Assertion](b, "assertion") }

// ParseBadgeClass parses a BadgeClass.
func ParseBadgeClass(b []byte) (*BadgeClass, error) { return parse[BadgeClass](b, "badge class") }

// ParseProfile parses an issuer Profile.
func ParseProfile(b []byte) (*Profile, error) { return parse[Profile](b, "profile") }

// ParseEndorsement parses an Endorsement.
func ParseEndorsement(b []byte) (*Endorsement, error) { return parse[Endorsement](b, "endorsement") }

// ParseCryptographicKey parses a CryptographicKey.
func ParseCryptographicKey(b []byte) (*CryptographicKey, error) {
	return parse[CryptographicKey](b, "cryptographic key")
}

// ParseRevocationList parses a RevocationList.
func ParseRevocationList(b []byte) (*RevocationList, error) {
	return parse[RevocationList](b, "revocation list")
}

// parse decodes one document of type T. Errors wrap proof.ErrMalformed.
func parse[T any](b []byte, what string) (*T, error) {
	if len(b) > MaxDocumentBytes {
		return nil, fmt.Errorf("parse %s: %w: %d bytes, more than %d", what, proof.ErrMalformed, len(b), MaxDocumentBytes)
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
