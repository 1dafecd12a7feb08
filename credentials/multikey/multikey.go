package multikey

import (
	"bytes"
	"context"
	"crypto"
	"crypto/ed25519"
	"fmt"
	"strings"

	"badged/credentials/proof"
)

// Multicodec varint prefixes (multiformats/multicodec table).
var (
	ed25519PubPrefix  = []byte{0xed, 0x01} // ed25519-pub, 0xed
	ed25519PrivPrefix = []byte{0x80, 0x26} // ed25519-priv, 0x1300
)

// DIDKeyPrefix starts every did:key identifier.
const DIDKeyPrefix = "did:key:"

// MaxVerificationMethodLength is the longest verification method identifier
// Resolver and Controller accept.
const MaxVerificationMethodLength = 2048

// EncodePublicKey returns pub as a Multikey publicKeyMultibase ("z6Mk…").
func EncodePublicKey(pub ed25519.PublicKey) string {
	return EncodeMultibase(append(bytes.Clone(ed25519PubPrefix), pub...))
}

// DecodePublicKey decodes a Multikey publicKeyMultibase. It must be
// base58btc and carry the ed25519-pub multicodec and a 32-byte key; any
// other key type is refused with proof.ErrUnsupported.
func DecodePublicKey(multibase string) (ed25519.PublicKey, error) {
	key, err := decodeKey(multibase, ed25519PubPrefix, ed25519.PublicKeySize)
	if err != nil {
		return nil, fmt.Errorf("decode Ed25519 Multikey: %w", err)
	}
	return ed25519.PublicKey(key), nil
}

// EncodeSecretKey returns priv as a Multikey secretKeyMultibase: the
// ed25519-priv multicodec over the 32-byte seed, as in the W3C test vectors.
// A secret key string must be kept as secret as the key.
func EncodeSecretKey(priv ed25519.PrivateKey) string {
	return EncodeMultibase(append(bytes.Clone(ed25519PrivPrefix), priv.Seed()...))
}

// DecodeSecretKey decodes a Multikey secretKeyMultibase into a private key.
// The key is the ed25519-priv multicodec over either the 32-byte seed (the
// W3C vectors) or the 64-byte seed ‖ public key (the OB 3.0 vector); in the
// second form the public key must be the seed's.
func DecodeSecretKey(multibase string) (ed25519.PrivateKey, error) {
	key, err := decodeKey(multibase, ed25519PrivPrefix, ed25519.SeedSize, ed25519.PrivateKeySize)
	if err != nil {
		return nil, fmt.Errorf("decode Ed25519 secret Multikey: %w", err)
	}
	priv := ed25519.NewKeyFromSeed(key[:ed25519.SeedSize])
	if len(key) == ed25519.PrivateKeySize && !bytes.Equal(priv, key) {
		return nil, fmt.Errorf("decode Ed25519 secret Multikey: %w: the public key is not the seed's", proof.ErrMalformed)
	}
	return priv, nil
}

func decodeKey(multibase string, prefix []byte, sizes ...int) ([]byte, error) {
	b, err := DecodeMultibase(multibase)
	if err != nil {
		return nil, err
	}
	if !bytes.HasPrefix(b, prefix) {
		if len(b) < 2 {
			return nil, fmt.Errorf("%w: %d bytes, too short for a multicodec", proof.ErrMalformed, len(b))
		}
		return nil, fmt.Errorf("%w: multicodec prefix %#x, want %#x", proof.ErrUnsupported, b[:2], prefix)
	}
	key := b[len(prefix):]
	for _, size := range sizes {
		if len(key) == size {
			return key, nil
		}
	}
	return nil, fmt.Errorf("%w: %d key bytes, want %v", proof.ErrMalformed, len(key), sizes)
}

// DIDKey returns the did:key identifier of pub: "did:key:z6Mk…".
func DIDKey(pub ed25519.PublicKey) string {
	return DIDKeyPrefix + EncodePublicKey(pub)
}

// DIDKeyVerificationMethod returns the verification method id of pub's
// did:key: "did:key:z6Mk…#z6Mk…" (did:key v0.7 §3.1.1).
func DIDKeyVerificationMethod(pub ed25519.PublicKey) string {
	mb := EncodePublicKey(pub)
	return DIDKeyPrefix + mb + "#" + mb
}

// Controller returns the identifier that controls a verification method:
// the part before "#", or the whole identifier when there is no fragment.
// For an Open Badges issuer it must equal the issuer's id.
func Controller(verificationMethod string) string {
	base, _, _ := strings.Cut(verificationMethod, "#")
	return base
}

// Resolver is an offline proof.KeyResolver for verification methods whose
// identifier holds an Ed25519 Multikey:
//
//   - did:key:z6Mk… and did:key:z6Mk…#z6Mk… (the fragment, if any, must be
//     the DID's own key);
//   - <controller>#z6Mk…, the form Open Badges 3.0 issuers and the 1EdTech
//     validator use, where the key is the fragment.
//
// Anything else (a did:web, a fragment such as #key-1) needs a document from
// the network and is reported as proof.ErrKeyNotFound. Resolver does not
// check who controls the key; the proof suite compares Controller with the
// issuer.
type Resolver struct{}

var _ proof.KeyResolver = Resolver{}

// ResolveKey implements proof.KeyResolver. It returns an ed25519.PublicKey.
func (Resolver) ResolveKey(ctx context.Context, verificationMethod string) (crypto.PublicKey, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if len(verificationMethod) > MaxVerificationMethodLength {
		return nil, fmt.Errorf("resolve verification method: %w: longer than %d characters",
			proof.ErrMalformed, MaxVerificationMethodLength)
	}
	base, fragment, hasFragment := strings.Cut(verificationMethod, "#")
	if did, ok := strings.CutPrefix(base, DIDKeyPrefix); ok {
		if hasFragment && fragment != did {
			return nil, fmt.Errorf("resolve %s: %w: the fragment of a did:key verification method must be its key",
				verificationMethod, proof.ErrMalformed)
		}
		return resolved(verificationMethod, did)
	}
	if !hasFragment || !strings.HasPrefix(fragment, "z") {
		return nil, fmt.Errorf("resolve %s: %w: no Multikey in the identifier, and keys are not fetched",
			verificationMethod, proof.ErrKeyNotFound)
	}
	return resolved(verificationMethod, fragment)
}

func resolved(verificationMethod, multibase string) (crypto.PublicKey, error) {
	pub, err := DecodePublicKey(multibase)
	if err != nil {
		return nil, fmt.Errorf("resolve %s: %w", verificationMethod, err)
	}
	return pub, nil
}
