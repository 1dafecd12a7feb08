package ob3

import (
	"encoding/json"
	"errors"
	"fmt"

	"badged/credentials/internal/jsonobj"
	"badged/credentials/proof"
)

// Input limits of the Parse functions.
const (
	// MaxDocumentBytes is the largest document the Parse functions read. A
	// credential is a few kilobytes; the limit leaves room for data: URI
	// images and embedded endorsements.
	MaxDocumentBytes = 2 << 20
	// MaxDepth is the deepest nesting of objects and arrays they accept.
	// The deepest legitimate path (credential, subject, achievement,
	// creator, endorsement, issuer, address, geo, with their arrays) is
	// about half of it.
	MaxDepth = 32
)

// ParseCredential parses an AchievementCredential (OpenBadgeCredential).
// It reads the JSON only; Validate checks the specification's rules, and
// credentials/schema the official JSON Schema.
func ParseCredential(b []byte) (*AchievementCredential, error) {
	return parse[AchievementCredential](b, "achievement credential")
}

// ParseEndorsementCredential parses an EndorsementCredential.
func ParseEndorsementCredential(b []byte) (*EndorsementCredential, error) {
	return parse[EndorsementCredential](b, "endorsement credential")
}

// ParseAchievement parses a published Achievement.
func ParseAchievement(b []byte) (*Achievement, error) { return parse[Achievement](b, "achievement") }

// ParseProfile parses a published Profile.
func ParseProfile(b []byte) (*Profile, error) { return parse[Profile](b, "profile") }

// parse decodes one document of type T. Errors wrap proof.ErrMalformed.
func parse[T any](b []byte, what string) (*T, error) {
	if len(b) > MaxDocumentBytes {
		return nil, fmt.Errorf("parse %s: %w: %d bytes, more than %d", what, proof.ErrMalformed, len(b), MaxDocumentBytes)
	}
	if err := jsonobj.CheckDepth(b, MaxDepth); err != nil {
		return nil, fmt.Errorf("parse %s: %w: %w", what, proof.ErrMalformed, err)
	}
	if k := jsonobj.Kind(b); k != "an object" {
		return nil, fmt.Errorf("parse %s: %w: want a JSON object, got %s", what, proof.ErrMalformed, k)
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
