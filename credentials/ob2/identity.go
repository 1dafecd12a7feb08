package ob2

import (
	"crypto/md5"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"strings"

	"badged/credentials/internal/jsonobj"
)

// Recipient identity types the 1EdTech validators accept without warning.
const (
	IdentityEmail     = "email"
	IdentityURL       = "url"
	IdentityTelephone = "telephone"
	IdentityID        = "id"
)

// Hash algorithm prefixes of an IdentityHash.
const (
	HashSHA256 = "sha256"
	HashMD5    = "md5" // read only: never written
)

// IdentityObject names the recipient of an assertion: their identity, in
// plain text or as an IdentityHash (specification §IdentityObject).
type IdentityObject struct {
	Type     string `json:"type,omitempty"`
	Identity string `json:"identity,omitempty"`
	Hashed   bool   `json:"hashed"`
	Salt     string `json:"salt,omitempty"`
	// Extra holds the members this type does not model (extensions).
	Extra map[string]json.RawMessage `json:"-" jsonobj:"extra"`
}

// MarshalJSON writes the identity object; hashed is always written, since
// the specification requires it.
func (o IdentityObject) MarshalJSON() ([]byte, error) { return jsonobj.Marshal(o) }

// UnmarshalJSON reads an identity object.
func (o *IdentityObject) UnmarshalJSON(b []byte) error { return unmarshalObject(b, o) }

// NewHashedRecipient returns an identity object that hides identity behind
// a salted SHA-256 IdentityHash with a fresh random salt. An email address
// is trimmed and lower-cased first, so that the learner's address matches
// however they later type it.
func NewHashedRecipient(identityType, identity string) (IdentityObject, error) {
	salt, err := NewSalt()
	if err != nil {
		return IdentityObject{}, err
	}
	if identityType == IdentityEmail {
		identity = NormalizeEmail(identity)
	}
	return IdentityObject{
		Type:     identityType,
		Identity: HashIdentity(identity, salt),
		Hashed:   true,
		Salt:     salt,
	}, nil
}

// Matches reports whether the object names identity. A hashed identity
// matches if HashIdentity(identity, salt) equals it (sha256 or md5, hex in
// either case). Email addresses compare without regard to case: an email
// identity also matches when hashed in lower case, and a plain one matches
// case-insensitively.
func (o IdentityObject) Matches(identity string) bool {
	return MatchIdentity(o.Hashed, o.Identity, o.Salt, identity, o.Type == IdentityEmail)
}

// NormalizeEmail trims and lower-cases an email address, the form this
// library hashes.
func NormalizeEmail(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// NewSalt returns a random salt: 16 bytes from crypto/rand, in hex.
func NewSalt() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("new salt: %w", err)
	}
	return hex.EncodeToString(b), nil
}

// HashIdentity returns the IdentityHash of identity with salt appended:
// "sha256$" and the lower-case hex SHA-256 of the UTF-8 bytes of
// identity ‖ salt. With an empty salt the identity is hashed alone.
func HashIdentity(identity, salt string) string {
	sum := sha256.Sum256([]byte(identity + salt))
	return HashSHA256 + "$" + hex.EncodeToString(sum[:])
}

// VerifyIdentityHash reports whether identityHash ("sha256$<hex>" or
// "md5$<hex>", hex in either case) is the hash of identity ‖ salt.
// An unknown algorithm or malformed hex never matches.
func VerifyIdentityHash(identityHash, identity, salt string) bool {
	alg, digest, ok := strings.Cut(identityHash, "$")
	if !ok {
		return false
	}
	var h hash.Hash
	switch strings.ToLower(alg) {
	case HashSHA256:
		h = sha256.New()
	case HashMD5:
		h = md5.New()
	default:
		return false
	}
	want, err := hex.DecodeString(digest)
	if err != nil || len(want) != h.Size() {
		return false
	}
	h.Write([]byte(identity + salt))
	return subtle.ConstantTimeCompare(h.Sum(nil), want) == 1
}

// MatchIdentity reports whether a recipient entry names identity, by the
// rule Open Badges 2.0 and 3.0 share: stored is the plain identity or, when
// hashed, its IdentityHash salted with salt. When email is true the
// comparison ignores case as IdentityObject.Matches does.
func MatchIdentity(hashed bool, stored, salt, identity string, email bool) bool {
	if !hashed {
		if email {
			return strings.EqualFold(strings.TrimSpace(stored), strings.TrimSpace(identity))
		}
		return stored == identity
	}
	if VerifyIdentityHash(stored, identity, salt) {
		return true
	}
	if email {
		if n := NormalizeEmail(identity); n != identity {
			return VerifyIdentityHash(stored, n, salt)
		}
	}
	return false
}
