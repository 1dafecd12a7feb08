package keys

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"fmt"

	"github.com/lestrrat-go/jwx/v2/jwa"
	"github.com/lestrrat-go/jwx/v2/jws"

	"badged/credentials/proof"
)

// SignatureSize is the length in bytes of a JWS signature by a key of this
// type; verifiers use it to refuse truncated or padded signatures early.
func SignatureSize(pub crypto.PublicKey) int {
	switch p := pub.(type) {
	case ed25519.PublicKey:
		return ed25519.SignatureSize
	case *ecdsa.PublicKey:
		return 64
	default:
		if k, ok := p.(interface{ Size() int }); ok {
			return k.Size()
		}
		return 0
	}
}

// JWSSigner makes raw JWS signatures (RFC 7515 §5.1) with one key, whose
// type, size and algorithm are checked once, when it is made: Ed25519 over
// the signing input, ECDSA P-256 over SHA-256 as R‖S (RFC 7518 §3.4), or
// RSASSA-PKCS1 v1.5 over SHA-256. It is safe for concurrent use if the key
// is (stdlib keys are).
//
// It calls the standard library directly rather than jws.Sign: the proof
// formats build their header and payload bytes themselves, and re-marshalling
// headers on every call was most of the cost of signing small credentials
// with ES256 or EdDSA. VerifyJWS checks these signatures with jwx, and the
// tests cross-check both ways.
type JWSSigner struct {
	key  crypto.Signer
	alg  jwa.SignatureAlgorithm
	size int
}

// NewJWSSigner returns a JWSSigner for an Ed25519, P-256 or RSA (2048 to
// 8192 bits) key.
func NewJWSSigner(key crypto.Signer) (*JWSSigner, error) {
	if key == nil {
		return nil, fmt.Errorf("JWS signer: no key: %w", ErrUnsupportedKey)
	}
	pub, err := PublicKey(key)
	if err != nil {
		return nil, fmt.Errorf("JWS signer: %w", err)
	}
	alg, err := Algorithm(pub)
	if err != nil {
		return nil, fmt.Errorf("JWS signer: %w", err)
	}
	return &JWSSigner{key: key, alg: alg, size: SignatureSize(pub)}, nil
}

// Algorithm is the JWS alg of the signatures.
func (s *JWSSigner) Algorithm() jwa.SignatureAlgorithm { return s.alg }

// SignatureSize is the length of the signatures in bytes.
func (s *JWSSigner) SignatureSize() int { return s.size }

// Sign returns the JWS signature of a signing input (the ASCII
// BASE64URL(header) '.' BASE64URL(payload)).
func (s *JWSSigner) Sign(signingInput []byte) ([]byte, error) {
	var sig []byte
	var err error
	switch s.alg {
	case jwa.EdDSA:
		if priv, ok := s.key.(ed25519.PrivateKey); ok {
			sig = ed25519.Sign(priv, signingInput)
		} else {
			sig, err = s.key.Sign(rand.Reader, signingInput, crypto.Hash(0))
		}
	case jwa.ES256:
		digest := sha256.Sum256(signingInput)
		if priv, ok := s.key.(*ecdsa.PrivateKey); ok {
			sig, err = signP256(priv, digest[:])
		} else {
			var der []byte
			if der, err = s.key.Sign(rand.Reader, digest[:], crypto.SHA256); err == nil {
				sig, err = p256SignatureFromDER(der)
			}
		}
	default: // RS256
		digest := sha256.Sum256(signingInput)
		sig, err = s.key.Sign(rand.Reader, digest[:], crypto.SHA256)
	}
	if err != nil {
		return nil, fmt.Errorf("sign JWS %s: %w", s.alg, err)
	}
	if len(sig) != s.size {
		return nil, fmt.Errorf("sign JWS %s: the key made a %d-byte signature, want %d", s.alg, len(sig), s.size)
	}
	return sig, nil
}

// SignJWS signs one signing input with key; see JWSSigner. It returns the
// algorithm and the signature.
func SignJWS(key crypto.Signer, signingInput []byte) (jwa.SignatureAlgorithm, []byte, error) {
	s, err := NewJWSSigner(key)
	if err != nil {
		return "", nil, err
	}
	sig, err := s.Sign(signingInput)
	return s.alg, sig, err
}

// signP256 uses SignASN1: ecdsa.Sign would make the same DER signature and
// parse it into big.Ints, which costs more than reading the DER here.
func signP256(priv *ecdsa.PrivateKey, digest []byte) ([]byte, error) {
	der, err := ecdsa.SignASN1(rand.Reader, priv, digest)
	if err != nil {
		return nil, err
	}
	return p256SignatureFromDER(der)
}

// VerifyJWS checks a raw JWS signature over a signing input with jwx. The
// algorithm must be the one the key allows (see Algorithm): an RSA key never
// verifies an HS256 or ES256 signature, whatever a message's header says.
// A signature that does not verify fails with proof.ErrInvalidProof.
func VerifyJWS(alg jwa.SignatureAlgorithm, key any, signingInput, signature []byte) error {
	pub, err := PublicKey(key)
	if err != nil {
		return fmt.Errorf("verify JWS: %w", err)
	}
	want, err := Algorithm(pub)
	if err != nil {
		return fmt.Errorf("verify JWS: %w", err)
	}
	if alg != want {
		return fmt.Errorf("verify JWS: algorithm %q with a %s key: %w", alg, want, proof.ErrUnsupported)
	}
	if len(signature) != SignatureSize(pub) {
		return fmt.Errorf("verify JWS: %d-byte signature, want %d: %w", len(signature), SignatureSize(pub), proof.ErrInvalidProof)
	}
	verifier, err := jws.NewVerifier(alg)
	if err != nil {
		return fmt.Errorf("verify JWS: %w", err)
	}
	if err := verifier.Verify(signingInput, signature, pub); err != nil {
		return fmt.Errorf("verify JWS %s: %w: %w", alg, proof.ErrInvalidProof, err)
	}
	return nil
}
