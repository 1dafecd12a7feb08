package eddsardfc2022

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"time"

	"badged/credentials/jsonld"
	"badged/credentials/multikey"
	"badged/credentials/proof"
)

// Names this suite writes and accepts.
const (
	ProofType          = "DataIntegrityProof"
	Cryptosuite        = "eddsa-rdfc-2022"
	AssertionMethod    = "assertionMethod"
	proofValueProperty = "proofValue"
)

// HashSize is the length of the data that is signed: two SHA-256 digests.
const HashSize = 2 * sha256.Size

// Suite signs and verifies eddsa-rdfc-2022 proofs. It holds no mutable
// state, so one Suite serves any number of goroutines.
type Suite struct {
	loader *jsonld.Loader
	now    func() time.Time
}

// NewSuite returns a Suite that loads JSON-LD contexts only from loader.
func NewSuite(loader *jsonld.Loader) *Suite {
	return &Suite{loader: loader, now: time.Now}
}

// SignOptions are the proof options of a new proof.
type SignOptions struct {
	// VerificationMethod identifies the public key, for an Open Badges
	// issuer "<issuer id>#<publicKeyMultibase>". Verify accepts a proof only
	// if the part before "#" is the credential's issuer id.
	VerificationMethod string
	// PrivateKey signs. If VerificationMethod carries a Multikey (after "#",
	// or as a did:key), it must be this key's public key.
	PrivateKey ed25519.PrivateKey
	// Created is the proof's creation time; zero means now. It is written in
	// UTC with whole seconds.
	Created time.Time
	// ProofPurpose defaults to assertionMethod, which Open Badges requires.
	ProofPurpose string
}

// Sign adds an eddsa-rdfc-2022 proof to a credential and returns the signed
// credential: the input bytes unchanged, with a "proof" member holding an
// array of one proof appended (the OB 3.0 JSON Schema requires an array).
//
// The credential must be a JSON object with an @context and no proof. Any
// property, type or IRI that the contexts do not define is refused
// (jsonld.ErrUndefinedTerm), because it would not be signed.
func (s *Suite) Sign(ctx context.Context, unsigned []byte, opts SignOptions) ([]byte, error) {
	if err := opts.check(); err != nil {
		return nil, fmt.Errorf("sign %s: %w", Cryptosuite, err)
	}
	doc, err := decodeObject(unsigned)
	if err != nil {
		return nil, fmt.Errorf("sign %s: %w", Cryptosuite, err)
	}
	if _, ok := doc["proof"]; ok {
		return nil, fmt.Errorf("sign %s: %w: the credential already has a proof", Cryptosuite, proof.ErrMalformed)
	}

	created := opts.Created
	if created.IsZero() {
		created = s.now()
	}
	purpose := opts.ProofPurpose
	if purpose == "" {
		purpose = AssertionMethod
	}
	p := proofJSON{
		Type:               ProofType,
		Cryptosuite:        Cryptosuite,
		Created:            created.UTC().Format(time.RFC3339),
		VerificationMethod: opts.VerificationMethod,
		ProofPurpose:       purpose,
	}

	canonicalDocument, err := s.Transform(ctx, doc)
	if err != nil {
		return nil, fmt.Errorf("sign %s: %w", Cryptosuite, err)
	}
	canonicalConfig, err := s.ProofConfig(ctx, p.options(), doc["@context"])
	if err != nil {
		return nil, fmt.Errorf("sign %s: %w", Cryptosuite, err)
	}
	p.ProofValue = multikey.EncodeMultibase(ed25519.Sign(opts.PrivateKey, Hash(canonicalConfig, canonicalDocument)))
	return appendProof(unsigned, p)
}

func (o SignOptions) check() error {
	if len(o.PrivateKey) != ed25519.PrivateKeySize {
		return fmt.Errorf("private key is %d bytes, want an Ed25519 key of %d", len(o.PrivateKey), ed25519.PrivateKeySize)
	}
	if o.VerificationMethod == "" {
		return errors.New("no verification method")
	}
	if embedded, err := (multikey.Resolver{}).ResolveKey(context.Background(), o.VerificationMethod); err == nil {
		if !o.PrivateKey.Public().(ed25519.PublicKey).Equal(embedded) {
			return fmt.Errorf("verification method %s names another key than the private key's", o.VerificationMethod)
		}
	} else if !errors.Is(err, proof.ErrKeyNotFound) {
		return fmt.Errorf("verification method: %w", err)
	}
	return nil
}

// Transform returns the canonical N-Quads of a credential without its proof
// (vc-di-eddsa §3.2.3): the data whose hash is signed second.
func (s *Suite) Transform(ctx context.Context, unsecured map[string]any) ([]byte, error) {
	if _, ok := unsecured["proof"]; ok {
		unsecured = maps.Clone(unsecured)
		delete(unsecured, "proof")
	}
	nq, err := jsonld.Canonicalize(ctx, unsecured, s.loader)
	if err != nil {
		return nil, fmt.Errorf("transform credential: %w", err)
	}
	return nq, nil
}

// ProofConfig returns the canonical N-Quads of a proof's options
// (vc-di-eddsa §3.2.5): the proof without proofValue, with the credential's
// @context. It refuses options whose type is not DataIntegrityProof, whose
// cryptosuite is not eddsa-rdfc-2022, or whose created is not an XML Schema
// dateTimeStamp.
func (s *Suite) ProofConfig(ctx context.Context, options map[string]any, documentContext any) ([]byte, error) {
	if options["type"] != ProofType || options["cryptosuite"] != Cryptosuite {
		return nil, fmt.Errorf("proof configuration: %w: type %v and cryptosuite %v, want %s and %s",
			proof.ErrUnsupported, options["type"], options["cryptosuite"], ProofType, Cryptosuite)
	}
	if created, ok := options["created"]; ok {
		if err := checkDateTime(created); err != nil {
			return nil, fmt.Errorf("proof configuration: created: %w", err)
		}
	}
	config := make(map[string]any, len(options)+1)
	for k, v := range options {
		if k != proofValueProperty {
			config[k] = v
		}
	}
	config["@context"] = documentContext
	nq, err := jsonld.Canonicalize(ctx, config, s.loader)
	if err != nil {
		return nil, fmt.Errorf("proof configuration: %w", err)
	}
	return nq, nil
}

// Hash returns the data an eddsa-rdfc-2022 proof signs (vc-di-eddsa §3.2.4):
// SHA-256 of the canonical proof configuration, then SHA-256 of the
// canonical document.
func Hash(canonicalProofConfig, canonicalDocument []byte) []byte {
	out := make([]byte, 0, HashSize)
	h := sha256.Sum256(canonicalProofConfig)
	out = append(out, h[:]...)
	h = sha256.Sum256(canonicalDocument)
	return append(out, h[:]...)
}

// checkDateTime accepts an XML Schema dateTimeStamp: an RFC 3339 date and
// time with a time zone, as Data Integrity requires of created and expires.
func checkDateTime(v any) error {
	s, ok := v.(string)
	if !ok {
		return fmt.Errorf("%w: %v is not a string", proof.ErrMalformed, v)
	}
	if _, err := time.Parse(time.RFC3339Nano, s); err != nil {
		return fmt.Errorf("%w: %q is not a date and time with a time zone", proof.ErrMalformed, s)
	}
	return nil
}

// proofJSON is a proof as Sign writes it, members in the customary order.
type proofJSON struct {
	Type               string `json:"type"`
	Cryptosuite        string `json:"cryptosuite"`
	Created            string `json:"created"`
	VerificationMethod string `json:"verificationMethod"`
	ProofPurpose       string `json:"proofPurpose"`
	ProofValue         string `json:"proofValue,omitempty"`
}

func (p proofJSON) options() map[string]any {
	return map[string]any{
		"type":               p.Type,
		"cryptosuite":        p.Cryptosuite,
		"created":            p.Created,
		"verificationMethod": p.VerificationMethod,
		"proofPurpose":       p.ProofPurpose,
	}
}

// appendProof returns doc, a JSON object known to have members, with
// `"proof":[p]` added as its last member. The credential's own bytes are
// kept as they are, so what was signed is what the issuer wrote.
func appendProof(doc []byte, p proofJSON) ([]byte, error) {
	end := len(bytes.TrimRight(doc, " \t\r\n"))
	if end == 0 || doc[end-1] != '}' {
		return nil, fmt.Errorf("sign %s: %w: not a JSON object", Cryptosuite, proof.ErrMalformed)
	}
	var buf bytes.Buffer
	buf.Grow(end + 400)
	buf.Write(doc[:end-1])
	buf.WriteString(`,"proof":[`)
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(p); err != nil {
		return nil, fmt.Errorf("sign %s: %w", Cryptosuite, err)
	}
	buf.Truncate(buf.Len() - 1) // Encode's newline
	buf.WriteString("]}")
	return buf.Bytes(), nil
}

// decodeObject decodes a credential, which must be a JSON object.
func decodeObject(doc []byte) (map[string]any, error) {
	v, err := jsonld.Decode(doc)
	if err != nil {
		return nil, err
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%w: a credential is a JSON object", proof.ErrMalformed)
	}
	if _, ok := obj["@context"]; !ok {
		return nil, fmt.Errorf("%w: the credential has no @context", proof.ErrMalformed)
	}
	return obj, nil
}
