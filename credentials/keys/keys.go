package keys

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"fmt"

	"github.com/lestrrat-go/jwx/v2/jwa"
	"github.com/lestrrat-go/jwx/v2/jwk"

	"badged/credentials/proof"
)

// Type names a kind of key this package generates and accepts.
type Type string

// The key types an issuer may hold.
const (
	Ed25519 Type = "Ed25519"
	P256    Type = "P-256"
	RSA2048 Type = "RSA-2048"
)

// MinRSABits is the smallest RSA modulus accepted anywhere in the library,
// for signing and for verification: shorter keys are forgeable in practice.
const MinRSABits = 2048

// MaxRSABits bounds the RSA modulus accepted from untrusted input, so a
// hostile key cannot make verification arbitrarily slow.
const MaxRSABits = 8192

// ErrUnsupportedKey is returned for keys of a type, curve or size the library
// refuses. It wraps proof.ErrUnsupported.
var ErrUnsupportedKey = fmt.Errorf("%w key", proof.ErrUnsupported)

// Generate creates a new private key of type t from crypto/rand.
func Generate(t Type) (crypto.Signer, error) {
	switch t {
	case Ed25519:
		_, priv, err := ed25519.GenerateKey(rand.Reader)
		if err != nil {
			return nil, fmt.Errorf("generate Ed25519 key: %w", err)
		}
		return priv, nil
	case P256:
		priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			return nil, fmt.Errorf("generate P-256 key: %w", err)
		}
		return priv, nil
	case RSA2048:
		priv, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			return nil, fmt.Errorf("generate RSA-2048 key: %w", err)
		}
		return priv, nil
	default:
		return nil, fmt.Errorf("generate key of type %q: %w", t, ErrUnsupportedKey)
	}
}

// PublicKey returns the public half of a key: a crypto.Signer, a stdlib
// public key, or a jwk.Key (public or private). The result is always one of
// *rsa.PublicKey, *ecdsa.PublicKey (P-256) or ed25519.PublicKey, checked
// against the library's limits.
func PublicKey(k any) (crypto.PublicKey, error) {
	var pub crypto.PublicKey
	switch k := k.(type) {
	case nil:
		return nil, fmt.Errorf("public key of nil: %w", ErrUnsupportedKey)
	case jwk.Key:
		raw, err := jwk.PublicRawKeyOf(k)
		if err != nil {
			return nil, fmt.Errorf("public key of JWK: %w: %w", ErrUnsupportedKey, err)
		}
		pub = raw
	case crypto.Signer:
		pub = k.Public()
	default:
		pub = k
	}
	switch p := pub.(type) {
	case *ed25519.PublicKey: // some libraries hand out a pointer
		if p == nil {
			return nil, fmt.Errorf("public key of nil: %w", ErrUnsupportedKey)
		}
		pub = *p
	case ecdsa.PublicKey:
		pub = &p
	case rsa.PublicKey:
		pub = &p
	}
	if err := checkPublic(pub); err != nil {
		return nil, err
	}
	return pub, nil
}

// checkPublic enforces the types, curves and sizes the library accepts.
func checkPublic(pub crypto.PublicKey) error {
	switch p := pub.(type) {
	case ed25519.PublicKey:
		if len(p) != ed25519.PublicKeySize {
			return fmt.Errorf("Ed25519 public key of %d bytes: %w", len(p), ErrUnsupportedKey)
		}
	case *ecdsa.PublicKey:
		if p == nil || p.Curve != elliptic.P256() {
			return fmt.Errorf("ECDSA key not on P-256: %w", ErrUnsupportedKey)
		}
		// A key read from a JWK is only a pair of numbers until checked:
		// ECDH() refuses coordinates out of range or off the curve (which
		// would also make jwx panic when it encodes the key).
		if p.X == nil || p.Y == nil {
			return fmt.Errorf("empty ECDSA key: %w", ErrUnsupportedKey)
		}
		if _, err := p.ECDH(); err != nil {
			return fmt.Errorf("ECDSA key is not a point of P-256: %w", ErrUnsupportedKey)
		}
	case *rsa.PublicKey:
		if p == nil || p.N == nil || p.N.Sign() <= 0 || p.N.Bit(0) == 0 {
			return fmt.Errorf("RSA key with an invalid modulus: %w", ErrUnsupportedKey)
		}
		if bits := p.N.BitLen(); bits < MinRSABits || bits > MaxRSABits {
			return fmt.Errorf("RSA key of %d bits (want %d to %d): %w", bits, MinRSABits, MaxRSABits, ErrUnsupportedKey)
		}
		if p.E < 3 || p.E%2 == 0 {
			return fmt.Errorf("RSA key with exponent %d: %w", p.E, ErrUnsupportedKey)
		}
	default:
		return fmt.Errorf("key of type %T: %w", pub, ErrUnsupportedKey)
	}
	return nil
}

// TypeOf names the type of a public or private key.
func TypeOf(k any) (Type, error) {
	pub, err := PublicKey(k)
	if err != nil {
		return "", err
	}
	switch pub.(type) {
	case ed25519.PublicKey:
		return Ed25519, nil
	case *ecdsa.PublicKey:
		return P256, nil
	default:
		return RSA2048, nil // any accepted RSA size; RSA2048 names the family
	}
}

// Algorithm is the JWS algorithm a key signs with: EdDSA for Ed25519, ES256
// for P-256 and RS256 for RSA. Each key has exactly one, which is what keeps
// a verifier from being talked into another (algorithm confusion).
func Algorithm(k any) (jwa.SignatureAlgorithm, error) {
	t, err := TypeOf(k)
	if err != nil {
		return "", err
	}
	switch t {
	case Ed25519:
		return jwa.EdDSA, nil
	case P256:
		return jwa.ES256, nil
	default:
		return jwa.RS256, nil
	}
}

// Equal reports whether two keys have the same public half.
func Equal(a, b any) bool {
	pa, err := PublicKey(a)
	if err != nil {
		return false
	}
	pb, err := PublicKey(b)
	if err != nil {
		return false
	}
	eq, ok := pa.(interface{ Equal(crypto.PublicKey) bool })
	return ok && eq.Equal(pb)
}

// errNotFound wraps proof.ErrKeyNotFound with the verification method asked for.
func errNotFound(vm string) error {
	return fmt.Errorf("resolve %q: %w", vm, proof.ErrKeyNotFound)
}
