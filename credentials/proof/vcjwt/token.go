package vcjwt

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"
	"unicode/utf8"

	"badged/credentials/proof"
)

// MaxTokenSize bounds a VC-JWT accepted for verification (compact form).
// OB 3.0 credentials with embedded images as data URIs can be large, but a
// megabyte is far beyond any real badge.
const MaxTokenSize = 1 << 20

// MaxHeaderSize bounds the decoded JOSE header; an RSA-8192 jwk needs ~1.5 KB.
const MaxHeaderSize = 16 << 10

// headerMembers are the only JOSE header members OB 3.0 allows ("Additional
// JOSE Headers are NOT allowed"). Anything else (crit, b64, jku, x5u, ...)
// could change what the signature means, so it is refused.
var headerMembers = []string{"alg", "typ", "kid", "jwk"}

// b64 is the strict base64url of RFC 7515: no padding, no stray bits.
var b64 = base64.RawURLEncoding.Strict()

// Header is a VC-JWT's JOSE header.
type Header struct {
	Algorithm string          // alg
	Type      string          // typ; empty when absent
	KeyID     string          // kid; empty when absent
	JWK       json.RawMessage // jwk; nil when absent
	// Disallowed names the members OB 3.0 does not allow, sorted.
	Disallowed []string
}

// Token is a parsed VC-JWT whose signature has not been checked.
type Token struct {
	Header Header
	// Payload is the decoded JWT payload, a JSON object.
	Payload []byte
	// Credential is the credential JSON: the payload itself or, for the
	// legacy VC 1.1 form, the value of its vc claim.
	Credential []byte
	// Legacy reports the VC 1.1 form (a vc claim).
	Legacy bool

	signingInput []byte
	signature    []byte
	claims       map[string]json.RawMessage // the payload's top-level members
}

// Parse decodes a compact VC-JWT (surrounding whitespace allowed) without
// verifying it. It fails with proof.ErrMalformed unless the token is three
// strict base64url parts whose header and payload are JSON objects.
func Parse(token []byte) (*Token, error) {
	token = bytes.TrimSpace(token)
	if len(token) > MaxTokenSize {
		return nil, fmt.Errorf("parse VC-JWT: %d bytes exceeds %d: %w", len(token), MaxTokenSize, proof.ErrMalformed)
	}
	h, rest, ok := bytes.Cut(token, []byte{'.'})
	p, s, ok2 := bytes.Cut(rest, []byte{'.'})
	if !ok || !ok2 || bytes.IndexByte(s, '.') >= 0 {
		return nil, fmt.Errorf("parse VC-JWT: not a compact JWS of three parts: %w", proof.ErrMalformed)
	}
	if b64.DecodedLen(len(h)) > MaxHeaderSize {
		return nil, fmt.Errorf("parse VC-JWT: header exceeds %d bytes: %w", MaxHeaderSize, proof.ErrMalformed)
	}
	header, err := b64.DecodeString(string(h))
	if err != nil {
		return nil, fmt.Errorf("parse VC-JWT: header is not base64url: %w", proof.ErrMalformed)
	}
	payload, err := b64.DecodeString(string(p))
	if err != nil {
		return nil, fmt.Errorf("parse VC-JWT: payload is not base64url: %w", proof.ErrMalformed)
	}
	sig, err := b64.DecodeString(string(s))
	if err != nil {
		return nil, fmt.Errorf("parse VC-JWT: signature is not base64url: %w", proof.ErrMalformed)
	}
	t := &Token{Payload: payload, signingInput: token[:len(h)+1+len(p)], signature: sig}
	if t.Header, err = parseHeader(header); err != nil {
		return nil, fmt.Errorf("parse VC-JWT: %w", err)
	}
	if !utf8.Valid(payload) {
		return nil, fmt.Errorf("parse VC-JWT: payload is not UTF-8: %w", proof.ErrMalformed)
	}
	if t.claims, err = objectMembers(payload); err != nil {
		return nil, fmt.Errorf("parse VC-JWT: payload: %w: %w", err, proof.ErrMalformed)
	}
	t.Credential = payload
	if vc, ok := t.claims["vc"]; ok {
		if _, hasContext := t.claims["@context"]; !hasContext {
			if !isObject(vc) {
				return nil, fmt.Errorf("parse VC-JWT: vc claim is not an object: %w", proof.ErrMalformed)
			}
			t.Legacy = true
			t.Credential = vc
		}
	}
	return t, nil
}

func parseHeader(data []byte) (Header, error) {
	var members map[string]json.RawMessage
	if err := json.Unmarshal(data, &members); err != nil || members == nil {
		return Header{}, fmt.Errorf("header is not a JSON object: %w", proof.ErrMalformed)
	}
	var h Header
	for name, raw := range members {
		var err error
		switch name {
		case "alg":
			err = json.Unmarshal(raw, &h.Algorithm)
		case "typ":
			err = json.Unmarshal(raw, &h.Type)
		case "kid":
			err = json.Unmarshal(raw, &h.KeyID)
		case "jwk":
			if !isObject(raw) {
				err = fmt.Errorf("not an object")
			}
			h.JWK = raw
		default:
			h.Disallowed = append(h.Disallowed, name)
		}
		if err != nil {
			return Header{}, fmt.Errorf("header member %q: %w", name, proof.ErrMalformed)
		}
	}
	slices.Sort(h.Disallowed)
	return h, nil
}

func isObject(raw json.RawMessage) bool {
	raw = bytes.TrimSpace(raw)
	return len(raw) > 0 && raw[0] == '{'
}
