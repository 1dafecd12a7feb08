package keys

import (
	"bytes"
	"crypto"
	"encoding/base64"
	"encoding/json"
	"fmt"

	"github.com/lestrrat-go/jwx/v2/jwk"

	"badged/credentials/proof"
)

// MaxJWKSize bounds a single JWK read from untrusted input (a JOSE header,
// a fetched key). An RSA-8192 public JWK is about 1.5 KB.
const MaxJWKSize = 16 << 10

// ThumbprintURIPrefix starts a JWK thumbprint URI (RFC 9278) for SHA-256.
const ThumbprintURIPrefix = "urn:ietf:params:oauth:jwk-thumbprint:sha-256:"

// Thumbprint is the RFC 7638 SHA-256 JWK thumbprint of a key's public half,
// base64url without padding. It depends only on the key, so it is a stable
// kid: the same key always gets the same id, wherever it is published.
func Thumbprint(k any) (string, error) {
	key, err := bareJWK(k)
	if err != nil {
		return "", err
	}
	sum, err := key.Thumbprint(crypto.SHA256)
	if err != nil {
		return "", fmt.Errorf("JWK thumbprint: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(sum), nil
}

// ThumbprintURI is the RFC 9278 URI of a key's thumbprint,
// urn:ietf:params:oauth:jwk-thumbprint:sha-256:<thumbprint>.
func ThumbprintURI(k any) (string, error) {
	t, err := Thumbprint(k)
	if err != nil {
		return "", err
	}
	return ThumbprintURIPrefix + t, nil
}

// PublicJWK returns the public JWK of a key with `kid` set to its thumbprint
// and `alg` to the one algorithm it signs with. It never carries private
// members, whatever k is.
func PublicJWK(k any) (jwk.Key, error) {
	key, err := bareJWK(k)
	if err != nil {
		return nil, err
	}
	kid, err := Thumbprint(k)
	if err != nil {
		return nil, err
	}
	alg, err := Algorithm(k)
	if err != nil {
		return nil, err
	}
	if err := key.Set(jwk.KeyIDKey, kid); err != nil {
		return nil, fmt.Errorf("set JWK kid: %w", err)
	}
	if err := key.Set(jwk.AlgorithmKey, alg); err != nil {
		return nil, fmt.Errorf("set JWK alg: %w", err)
	}
	return key, nil
}

// bareJWK is the public JWK of k with no optional members.
func bareJWK(k any) (jwk.Key, error) {
	pub, err := PublicKey(k)
	if err != nil {
		return nil, err
	}
	key, err := jwk.FromRaw(pub)
	if err != nil {
		return nil, fmt.Errorf("JWK from %T: %w", pub, err)
	}
	return key, nil
}

// ParseJWK reads one public JWK (RSA, EC P-256 or OKP Ed25519). It refuses a
// JWK that carries private members, a symmetric ("oct") key, and anything
// larger than MaxJWKSize: a key read from a message must never be usable as
// an HMAC secret or leak a private part.
func ParseJWK(data []byte) (crypto.PublicKey, error) {
	if len(data) > MaxJWKSize {
		return nil, fmt.Errorf("parse JWK: %d bytes exceeds %d: %w", len(data), MaxJWKSize, proof.ErrMalformed)
	}
	var members map[string]json.RawMessage
	if err := json.Unmarshal(data, &members); err != nil || members == nil {
		return nil, fmt.Errorf("parse JWK: not a JSON object: %w", proof.ErrMalformed)
	}
	for _, private := range []string{"d", "p", "q", "dp", "dq", "qi", "oth", "k"} {
		if _, ok := members[private]; ok {
			return nil, fmt.Errorf("parse JWK: has private or symmetric member %q: %w", private, ErrUnsupportedKey)
		}
	}
	key, err := jwk.ParseKey(bytes.TrimSpace(data))
	if err != nil {
		return nil, fmt.Errorf("parse JWK: %w: %w", proof.ErrMalformed, err)
	}
	pub, err := PublicKey(key)
	if err != nil {
		return nil, fmt.Errorf("parse JWK: %w", err)
	}
	return pub, nil
}
