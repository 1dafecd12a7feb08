package keys

import (
	"context"
	"crypto"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/lestrrat-go/jwx/v2/jwk"

	"badged/credentials/proof"
)

// MaxJWKSSize bounds a JWK Set read by AddJWKS.
const MaxJWKSSize = 256 << 10

// OwnerKeyID is the verification method under which a Set answers for "the
// key with this thumbprint, if it belongs to this owner": owner#thumbprint.
// Verifiers use it to ask whether a key found in a message (a VC-JWT header
// jwk) is one the issuer published.
func OwnerKeyID(owner, thumbprint string) string {
	return owner + "#" + thumbprint
}

// Set is an offline proof.KeyResolver over public keys known to belong to
// their owners (issuer profile ids), for instance an issuer's published JWK
// Set or the CryptographicKey documents its OB 2.0 profile links.
//
// ResolveKey answers for:
//   - a key's id, exactly as added (a kid URL, a CryptographicKey id);
//   - OwnerKeyID(owner, thumbprint), only if the key was added for that owner;
//   - the key's RFC 9278 thumbprint URI (which says nothing about its owner).
//
// A Set is safe for concurrent use.
type Set struct {
	mu      sync.RWMutex
	entries []Entry
	byID    map[string]int
	byOwned map[string]int // OwnerKeyID → index
	byThumb map[string]int // thumbprint → index
}

// Entry is one key of a Set.
type Entry struct {
	ID         string // the id verification methods name
	Owner      string // the issuer the key belongs to; may be empty
	Thumbprint string // RFC 7638, computed when added
	Key        crypto.PublicKey
}

var _ proof.KeyResolver = (*Set)(nil)

// NewSet returns an empty Set.
func NewSet() *Set {
	return &Set{byID: map[string]int{}, byOwned: map[string]int{}, byThumb: map[string]int{}}
}

// Add adds the public half of key under id for owner. An empty id stands for
// the key's thumbprint. Adding the same key under the same id and owner again
// is a no-op; reusing an id for another key or owner is an error.
func (s *Set) Add(owner, id string, key any) error {
	pub, err := PublicKey(key)
	if err != nil {
		return fmt.Errorf("add key %q: %w", id, err)
	}
	thumb, err := Thumbprint(pub)
	if err != nil {
		return fmt.Errorf("add key %q: %w", id, err)
	}
	if id == "" {
		id = thumb
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if i, ok := s.byID[id]; ok {
		if e := s.entries[i]; e.Owner == owner && e.Thumbprint == thumb {
			return nil
		}
		return fmt.Errorf("add key %q: the id is already used for another key or owner", id)
	}
	s.entries = append(s.entries, Entry{ID: id, Owner: owner, Thumbprint: thumb, Key: pub})
	i := len(s.entries) - 1
	s.byID[id] = i
	if owner != "" {
		s.byOwned[OwnerKeyID(owner, thumb)] = i
	}
	if _, ok := s.byThumb[thumb]; !ok {
		s.byThumb[thumb] = i
	}
	return nil
}

// AddJWKS adds every usable public key of a JWK Set (RFC 7517 §5) for owner,
// under its kid (or its thumbprint when it has none). Keys of types the
// library cannot verify with are skipped; a private key is an error, since
// publishing one means the key is compromised. A key whose `iss` member
// names another issuer is refused (OB 3.0 impl guide, key provenance).
func (s *Set) AddJWKS(owner string, data []byte) error {
	if len(data) > MaxJWKSSize {
		return fmt.Errorf("add JWKS: %d bytes exceeds %d: %w", len(data), MaxJWKSSize, proof.ErrMalformed)
	}
	var doc struct {
		Keys []json.RawMessage `json:"keys"`
	}
	if err := json.Unmarshal(data, &doc); err != nil || doc.Keys == nil {
		return fmt.Errorf("add JWKS: not a JWK Set: %w", proof.ErrMalformed)
	}
	for i, raw := range doc.Keys {
		var members struct {
			Kid string `json:"kid"`
			Iss string `json:"iss"`
		}
		if err := json.Unmarshal(raw, &members); err != nil {
			return fmt.Errorf("add JWKS: key %d: %w", i, proof.ErrMalformed)
		}
		pub, err := ParseJWK(raw)
		if errors.Is(err, ErrUnsupportedKey) && !hasPrivateMember(raw) {
			continue
		}
		if err != nil {
			return fmt.Errorf("add JWKS: key %d: %w", i, err)
		}
		if members.Iss != "" && members.Iss != owner {
			return fmt.Errorf("add JWKS: key %d belongs to %q, not %q", i, members.Iss, owner)
		}
		if err := s.Add(owner, members.Kid, pub); err != nil {
			return fmt.Errorf("add JWKS: %w", err)
		}
	}
	return nil
}

func hasPrivateMember(raw []byte) bool {
	var members map[string]json.RawMessage
	if json.Unmarshal(raw, &members) != nil {
		return false
	}
	_, d := members["d"]
	_, k := members["k"]
	return d || k
}

// ResolveKey implements proof.KeyResolver. It fails with proof.ErrKeyNotFound
// for a verification method it does not know.
func (s *Set) ResolveKey(ctx context.Context, vm string) (crypto.PublicKey, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if i, ok := s.byID[vm]; ok {
		return s.entries[i].Key, nil
	}
	if i, ok := s.byOwned[vm]; ok {
		return s.entries[i].Key, nil
	}
	if t, ok := strings.CutPrefix(vm, ThumbprintURIPrefix); ok {
		if i, ok := s.byThumb[t]; ok {
			return s.entries[i].Key, nil
		}
	}
	return nil, errNotFound(vm)
}

// Entries returns a copy of the Set's keys in the order they were added.
func (s *Set) Entries() []Entry {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return append([]Entry(nil), s.entries...)
}

// MarshalJWKS returns the JWK Set of owner's keys, to publish at
// /.well-known/jwks.json. Each key carries kid (its id), alg, and iss = owner,
// which multi-issuer verifiers check.
func (s *Set) MarshalJWKS(owner string) ([]byte, error) {
	set := jwk.NewSet()
	for _, e := range s.Entries() {
		if e.Owner != owner {
			continue
		}
		key, err := PublicJWK(e.Key)
		if err != nil {
			return nil, err
		}
		if err := key.Set(jwk.KeyIDKey, e.ID); err != nil {
			return nil, fmt.Errorf("marshal JWKS: %w", err)
		}
		if owner != "" {
			if err := key.Set("iss", owner); err != nil {
				return nil, fmt.Errorf("marshal JWKS: %w", err)
			}
		}
		if err := set.AddKey(key); err != nil {
			return nil, fmt.Errorf("marshal JWKS: %w", err)
		}
	}
	out, err := json.Marshal(set)
	if err != nil {
		return nil, fmt.Errorf("marshal JWKS: %w", err)
	}
	return out, nil
}
