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

// SignJWS signs a JWS signing input (RFC 7515 §5.1: the ASCII
// BASE64URL(header) '.' BASE64URL(payload)) with the one algorithm the key
// allows, and returns that algorithm and the raw JWS signature: Ed25519 over
// the input, ECDSA P-256 over SHA-256 as R‖S (RFC 7518 §3.4), or RSASSA-PKCS1
// v1.5 over SHA-256.
//
// It calls the standard library directly rather than jws.Sign: building the
// bytes ourselves avoids re-marshalling headers on every call, which is most
// of the cost of signing small credentials with ES256 or EdDSA. VerifyJWS
// checks these signatures with jwx, and the tests cross-check both ways.
func SignJWS(key crypto.Signer, signingInput []byte) (jwa.SignatureAlgorithm, []byte, error) {
	alg, err := Algorithm(key)
	if err != nil {
		return "", nil, fmt.Errorf("sign JWS: %w", err)
	}
	var sig []byte
	switch alg {
	case jwa.EdDSA:
		if priv, ok := key.(ed25519.PrivateKey); ok {
			sig = ed25519.Sign(priv, signingInput)
		} else {
			sig, err = key.Sign(rand.Reader, signingInput, crypto.Hash(0))
		}
	case jwa.ES256:
		digest := sha256.Sum256(signingInput)
		if priv, ok := key.(*ecdsa.PrivateKey); ok {
			sig, err = signP256(priv, digest[:])
		} else {
			var der []byte
			if der, err = key.Sign(rand.Reader, digest[:], crypto.SHA256); err == nil {
				sig, err = p256SignatureFromDER(der)
			}
		}
	default: // RS256
		digest := sha256.Sum256(signingInput)
		sig, err = key.Sign(rand.Reader, digest[:], crypto.SHA256)
	}
	if err != nil {
		return "", nil, fmt.Errorf("sign JWS %s: %w", alg, err)
	}
	return alg, sig, nil
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
