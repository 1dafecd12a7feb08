package vcjwt

import (
	"bytes"
	"crypto"
	"encoding/json"
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/lestrrat-go/jwx/v2/jwa"
	"github.com/lestrrat-go/jwx/v2/jwk"

	"badged/credentials/keys"
	"badged/credentials/proof"
)

// MaxCredentialSize bounds the credential JSON Sign accepts, so that the
// token it makes stays within MaxTokenSize.
const MaxCredentialSize = MaxTokenSize/4*3 - MaxHeaderSize - 1024

// Signer makes VC-JWTs with one issuer key. It is safe for concurrent use.
type Signer struct {
	jws    *keys.JWSSigner
	header []byte // BASE64URL(UTF8(JOSE header)), the same for every token
}

// SignerOption configures a Signer.
type SignerOption func(*signerConfig)

type signerConfig struct{ kid string }

// WithKeyID names the key in the header with kid, a URI that dereferences
// to the public JWK (e.g. an entry of the issuer's /.well-known/jwks.json),
// instead of embedding the public key as jwk.
func WithKeyID(kid string) SignerOption {
	return func(c *signerConfig) { c.kid = kid }
}

// NewSigner returns a Signer for an Ed25519 (EdDSA), P-256 (ES256) or RSA
// (RS256) key. By default the header carries the public key as jwk.
func NewSigner(key crypto.Signer, opts ...SignerOption) (*Signer, error) {
	var cfg signerConfig
	for _, opt := range opts {
		opt(&cfg)
	}
	jwsSigner, err := keys.NewJWSSigner(key)
	if err != nil {
		return nil, fmt.Errorf("new VC-JWT signer: %w", err)
	}
	alg := jwsSigner.Algorithm()
	header := struct {
		Alg string          `json:"alg"`
		Typ string          `json:"typ"`
		Kid string          `json:"kid,omitempty"`
		JWK json.RawMessage `json:"jwk,omitempty"`
	}{Alg: alg.String(), Typ: "JWT", Kid: cfg.kid}
	if cfg.kid == "" {
		if header.JWK, err = headerJWK(key); err != nil {
			return nil, fmt.Errorf("new VC-JWT signer: %w", err)
		}
	}
	raw, err := json.Marshal(header)
	if err != nil {
		return nil, fmt.Errorf("new VC-JWT signer: %w", err)
	}
	return &Signer{jws: jwsSigner, header: []byte(b64.EncodeToString(raw))}, nil
}

// headerJWK is the bare public JWK (kty and key members only) for a header.
func headerJWK(key crypto.Signer) (json.RawMessage, error) {
	k, err := keys.PublicJWK(key)
	if err != nil {
		return nil, err
	}
	for _, name := range []string{jwk.KeyIDKey, jwk.AlgorithmKey} {
		if err := k.Remove(name); err != nil {
			return nil, err
		}
	}
	return json.Marshal(k)
}

// Algorithm is the JWS algorithm the Signer's key signs with.
func (s *Signer) Algorithm() jwa.SignatureAlgorithm { return s.jws.Algorithm() }

// Sign returns the compact VC-JWT of a credential: the credential JSON with
// iss, jti, nbf, sub and (if it has validUntil) exp added at the top level.
//
// The credential must be a VCDM 2.0 JSON object with id, issuer (a URI or an
// object with an id), validFrom, and a single credentialSubject with an id:
// OB 3.0 makes sub required. validFrom and validUntil must be whole seconds,
// since NumericDate claims must equal them. The credential must not already
// carry registered JWT claims or a vc claim.
func (s *Signer) Sign(cred []byte) ([]byte, error) {
	body, tail, err := payloadParts(cred)
	if err != nil {
		return nil, fmt.Errorf("sign VC-JWT: %w", err)
	}
	// The payload is body followed by tail. base64url of a concatenation is
	// the concatenation of the encodings when the first part is a multiple
	// of three bytes long, so body is encoded in place, without a copy.
	split := len(body) / 3 * 3
	rest := append(body[split:len(body):len(body)], tail...)
	size := len(s.header) + 1 + b64.EncodedLen(split) + b64.EncodedLen(len(rest)) + 1 + b64.EncodedLen(s.jws.SignatureSize())
	buf := make([]byte, 0, size)
	buf = append(buf, s.header...)
	buf = append(buf, '.')
	buf = b64.AppendEncode(buf, body[:split])
	buf = b64.AppendEncode(buf, rest)
	sig, err := s.jws.Sign(buf)
	if err != nil {
		return nil, fmt.Errorf("sign VC-JWT: %w", err)
	}
	buf = append(buf, '.')
	return b64.AppendEncode(buf, sig), nil
}

// payloadParts builds the JWT payload in two parts: body, the credential
// (compacted if it spans lines) up to but not including its closing brace,
// and tail, the claims and the brace. The claim values are copied from the
// credential's own JSON strings, so they cannot disagree with it.
func payloadParts(cred []byte) (body, tail []byte, err error) {
	if len(cred) > MaxCredentialSize {
		return nil, nil, fmt.Errorf("credential of %d bytes exceeds %d: %w", len(cred), MaxCredentialSize, proof.ErrMalformed)
	}
	if !utf8.Valid(cred) {
		return nil, nil, fmt.Errorf("credential is not UTF-8: %w", proof.ErrMalformed)
	}
	var buf [32]rawMember
	list, err := members(cred, buf[:])
	if err != nil {
		return nil, nil, fmt.Errorf("credential: %w: %w", err, proof.ErrMalformed)
	}
	get := fromList(list)
	for _, name := range registeredClaims {
		if get(name) != nil {
			return nil, nil, fmt.Errorf("credential already has a %q member: %w", name, proof.ErrMalformed)
		}
	}
	c, err := readCredential(get, false)
	if err != nil {
		return nil, nil, fmt.Errorf("credential: %w: %w", err, proof.ErrMalformed)
	}
	required := [...]struct {
		name string
		raw  json.RawMessage
	}{{"id", c.id}, {"issuer id", c.issuerID}, {"validFrom", c.validFrom}, {"credentialSubject.id (the sub claim OB 3.0 requires)", c.subjectID}}
	for _, r := range required {
		if str(r.raw) == "" {
			return nil, nil, fmt.Errorf("credential has no %s: %w", r.name, proof.ErrMalformed)
		}
	}
	nbf, err := wholeSeconds("validFrom", c.validFrom)
	if err != nil {
		return nil, nil, err
	}
	var exp int64
	if c.validUntil != nil {
		if exp, err = wholeSeconds("validUntil", c.validUntil); err != nil {
			return nil, nil, err
		}
	}

	body = bytes.TrimSpace(cred)
	if bytes.IndexByte(body, '\n') >= 0 || bytes.IndexByte(body, '\r') >= 0 || bytes.IndexByte(body, '\t') >= 0 {
		var compacted bytes.Buffer
		if err := json.Compact(&compacted, body); err != nil {
			return nil, nil, fmt.Errorf("compact credential: %w", err)
		}
		body = compacted.Bytes()
	}
	body = bytes.TrimRight(body[:len(body)-1], " ") // drop the closing brace
	tail = make([]byte, 0, len(c.issuerID)+len(c.id)+len(c.subjectID)+80)
	if body[len(body)-1] != '{' {
		tail = append(tail, ',')
	}
	tail = append(tail, `"iss":`...)
	tail = append(tail, c.issuerID...)
	tail = append(tail, `,"jti":`...)
	tail = append(tail, c.id...)
	tail = append(tail, `,"nbf":`...)
	tail = strconv.AppendInt(tail, nbf, 10)
	tail = append(tail, `,"sub":`...)
	tail = append(tail, c.subjectID...)
	if c.validUntil != nil {
		tail = append(tail, `,"exp":`...)
		tail = strconv.AppendInt(tail, exp, 10)
	}
	return body, append(tail, '}'), nil
}

func wholeSeconds(name string, raw json.RawMessage) (int64, error) {
	t, err := dateTime(raw)
	if err != nil {
		return 0, fmt.Errorf("credential %s: %w: %w", name, err, proof.ErrMalformed)
	}
	if t.Nanosecond() != 0 {
		return 0, fmt.Errorf("credential %s has fractional seconds; the NumericDate claim could not equal it: %w", name, proof.ErrMalformed)
	}
	return t.Unix(), nil
}
