package ob2jws

import (
	"bytes"
	"crypto"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"
	"time"
	"unicode/utf8"

	"github.com/lestrrat-go/jwx/v2/jwa"

	"badged/credentials/keys"
	"badged/credentials/ob2"
	"badged/credentials/proof"
)

// MaxTokenSize bounds a signed badge accepted for verification. The payload
// may be as large as ob2.MaxDocumentBytes (data: URI images), which base64url
// encodes to 4/3 of that.
const MaxTokenSize = ob2.MaxDocumentBytes/3*4 + MaxHeaderSize + 1024

// MaxHeaderSize bounds the decoded JOSE header.
const MaxHeaderSize = 4 << 10

// b64 is the strict base64url of RFC 7515: no padding, no stray bits.
var b64 = base64.RawURLEncoding.Strict()

// Token is a parsed signed badge whose signature has not been checked.
type Token struct {
	// Algorithm is the header's alg.
	Algorithm string
	// Payload is the decoded JWS payload, the Assertion JSON.
	Payload []byte
	// Assertion is the parsed payload.
	Assertion *ob2.Assertion

	unsupported  []string // header members that change what is signed
	signingInput []byte
	signature    []byte
}

// Parse decodes a compact JWS (surrounding whitespace allowed) whose
// payload is an Open Badges 2.0 Assertion, without verifying it. It fails
// with proof.ErrMalformed otherwise.
func Parse(token []byte) (*Token, error) {
	token = bytes.TrimSpace(token)
	if len(token) > MaxTokenSize {
		return nil, fmt.Errorf("parse signed badge: %d bytes exceeds %d: %w", len(token), MaxTokenSize, proof.ErrMalformed)
	}
	h, rest, ok := bytes.Cut(token, []byte{'.'})
	p, s, ok2 := bytes.Cut(rest, []byte{'.'})
	if !ok || !ok2 || bytes.IndexByte(s, '.') >= 0 {
		return nil, fmt.Errorf("parse signed badge: not a compact JWS of three parts: %w", proof.ErrMalformed)
	}
	if b64.DecodedLen(len(h)) > MaxHeaderSize {
		return nil, fmt.Errorf("parse signed badge: header exceeds %d bytes: %w", MaxHeaderSize, proof.ErrMalformed)
	}
	var t Token
	var err error
	header, err := b64.DecodeString(string(h))
	if err != nil {
		return nil, fmt.Errorf("parse signed badge: header is not base64url: %w", proof.ErrMalformed)
	}
	if t.Payload, err = b64.DecodeString(string(p)); err != nil {
		return nil, fmt.Errorf("parse signed badge: payload is not base64url: %w", proof.ErrMalformed)
	}
	if t.signature, err = b64.DecodeString(string(s)); err != nil {
		return nil, fmt.Errorf("parse signed badge: signature is not base64url: %w", proof.ErrMalformed)
	}
	t.signingInput = token[:len(h)+1+len(p)]

	var members map[string]json.RawMessage
	if err := json.Unmarshal(header, &members); err != nil || members == nil {
		return nil, fmt.Errorf("parse signed badge: header is not a JSON object: %w", proof.ErrMalformed)
	}
	if alg, ok := members["alg"]; ok {
		if err := json.Unmarshal(alg, &t.Algorithm); err != nil {
			return nil, fmt.Errorf("parse signed badge: alg is not a string: %w", proof.ErrMalformed)
		}
	}
	// RFC 7515 §4.1.11: an unknown crit extension must be refused; b64
	// (RFC 7797) would mean the payload is not what it seems.
	for _, name := range []string{"crit", "b64"} {
		if _, ok := members[name]; ok {
			t.unsupported = append(t.unsupported, name)
		}
	}

	if !utf8.Valid(t.Payload) {
		return nil, fmt.Errorf("parse signed badge: payload is not UTF-8: %w", proof.ErrMalformed)
	}
	if t.Assertion, err = ob2.ParseAssertion(t.Payload); err != nil {
		return nil, fmt.Errorf("parse signed badge: payload: %w", err)
	}
	return &t, nil
}

// Signer makes signed badges with one issuer RSA key.
type Signer struct {
	jws     *keys.JWSSigner
	creator string
}

// header is the JOSE header of every signed badge, as in the specification's
// example.
var header = []byte(b64.EncodeToString([]byte(`{"alg":"RS256"}`)))

// NewSigner returns a Signer for an RSA key (2048 bits or more) published as
// the CryptographicKey at creator.
func NewSigner(key crypto.Signer, creator string) (*Signer, error) {
	jwsSigner, err := keys.NewJWSSigner(key)
	if err != nil {
		return nil, fmt.Errorf("new signed-badge signer: %w", err)
	}
	if alg := jwsSigner.Algorithm(); alg != jwa.RS256 {
		return nil, fmt.Errorf("new signed-badge signer: a %s key; Open Badges 2.0 signed badges use RS256 (RSA): %w", alg, proof.ErrUnsupported)
	}
	if creator == "" {
		return nil, fmt.Errorf("new signed-badge signer: no CryptographicKey URL")
	}
	return &Signer{jws: jwsSigner, creator: creator}, nil
}

// Sign returns the compact JWS of an Assertion. The assertion must have an
// id, type Assertion, and verification {"type": "SignedBadge", "creator":
// <the signer's key URL>}: the 1EdTech validator finds the key only through
// creator. The payload is the assertion JSON, compacted.
func (s *Signer) Sign(assertion []byte) ([]byte, error) {
	a, err := ob2.ParseAssertion(assertion)
	if err != nil {
		return nil, fmt.Errorf("sign badge: %w", err)
	}
	switch {
	case a.ID == "":
		return nil, fmt.Errorf("sign badge: the assertion has no id: %w", proof.ErrMalformed)
	case !a.Type.Has(ob2.TypeAssertion):
		return nil, fmt.Errorf("sign badge: type %v is not Assertion: %w", a.Type, proof.ErrMalformed)
	case a.Verification == nil || !a.Verification.IsSigned():
		return nil, fmt.Errorf("sign badge: verification is not SignedBadge: %w", proof.ErrMalformed)
	case a.Verification.Creator != s.creator:
		return nil, fmt.Errorf("sign badge: verification.creator is %q, the signer's key is %q: %w", a.Verification.Creator, s.creator, proof.ErrMalformed)
	}
	var payload bytes.Buffer
	if err := json.Compact(&payload, assertion); err != nil {
		return nil, fmt.Errorf("sign badge: %w", err)
	}
	buf := make([]byte, 0, len(header)+1+b64.EncodedLen(payload.Len())+1+b64.EncodedLen(s.jws.SignatureSize()))
	buf = append(buf, header...)
	buf = append(buf, '.')
	buf = b64.AppendEncode(buf, payload.Bytes())
	sig, err := s.jws.Sign(buf)
	if err != nil {
		return nil, fmt.Errorf("sign badge: %w", err)
	}
	buf = append(buf, '.')
	return b64.AppendEncode(buf, sig), nil
}

// NewCryptographicKey returns the CryptographicKey document to publish at
// id for an issuer profile (owner), with the key's SPKI PEM.
func NewCryptographicKey(id, owner string, key any) (*ob2.CryptographicKey, error) {
	pem, err := keys.MarshalPublicKeyPEM(key)
	if err != nil {
		return nil, fmt.Errorf("cryptographic key %q: %w", id, err)
	}
	return &ob2.CryptographicKey{
		Context:      ob2.V2Context(),
		Type:         ob2.Types{ob2.TypeCryptographicKey},
		ID:           id,
		Owner:        owner,
		PublicKeyPem: string(pem),
	}, nil
}

// NewKeySet returns an offline resolver over CryptographicKey documents,
// each under its id and for its owner. Give it only keys the issuer
// profile lists in publicKey.
func NewKeySet(docs ...*ob2.CryptographicKey) (*keys.Set, error) {
	set := keys.NewSet()
	for _, d := range docs {
		if d == nil || d.ID == "" {
			return nil, fmt.Errorf("key set: a CryptographicKey without id: %w", proof.ErrMalformed)
		}
		if !slices.Contains(d.Type, ob2.TypeCryptographicKey) {
			return nil, fmt.Errorf("key set: %q has type %v, not CryptographicKey: %w", d.ID, d.Type, proof.ErrMalformed)
		}
		pub, err := keys.ParsePublicKeyPEM([]byte(d.PublicKeyPem))
		if err != nil {
			return nil, fmt.Errorf("key set: %q: %w", d.ID, err)
		}
		if err := set.Add(d.Owner, d.ID, pub); err != nil {
			return nil, fmt.Errorf("key set: %w", err)
		}
	}
	return set, nil
}

// ExpiryCheck is the expiry check of an assertion at now: it fails once
// expires has passed, or if expires is not a date-time with a time zone. It
// needs no signature, so it applies to hosted assertions too.
func ExpiryCheck(a *ob2.Assertion, now time.Time) proof.Check {
	if a.Expires.IsZero() {
		return proof.Check{Name: proof.CheckExpiry, Passed: true, Message: "no expiry"}
	}
	at, err := a.Expires.Time()
	if err != nil {
		return proof.Check{Name: proof.CheckExpiry, Message: "expires: " + err.Error()}
	}
	if !now.Before(at) {
		return proof.Check{Name: proof.CheckExpiry, Message: "expired at " + at.UTC().Format(time.RFC3339)}
	}
	return proof.Check{Name: proof.CheckExpiry, Passed: true}
}
