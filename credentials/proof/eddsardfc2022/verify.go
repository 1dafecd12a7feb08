package eddsardfc2022

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"maps"
	"reflect"
	"time"

	"badged/credentials/multikey"
	"badged/credentials/proof"
)

// MaxProofs is the most proofs Verify looks at in one credential.
const MaxProofs = 8

// Verify verifies the eddsa-rdfc-2022 proof of a signed credential. proof
// may be an object or an array; when several eddsa-rdfc-2022 proofs are
// present, the credential verifies if any one does (OB 3.0 §8), and the
// result reports the first that passes, or else the first.
//
// keys resolves the verification method; nil means multikey.Resolver, which
// resolves <issuer>#z6Mk… and did:key offline. Every check that ran is in the
// Result; the error is non-nil only when verification could not run: the
// input is not a JSON credential (the format check fails too), the context
// was canceled, or keys failed for a reason other than not knowing the key.
func (s *Suite) Verify(ctx context.Context, signed []byte, keys proof.KeyResolver) (proof.Result, error) {
	var res proof.Result
	if err := ctx.Err(); err != nil {
		return res, err
	}
	if keys == nil {
		keys = multikey.Resolver{}
	}
	doc, err := decodeObject(signed)
	if err != nil {
		res.Fail(proof.CheckFormat, err.Error())
		return res, fmt.Errorf("verify %s: %w", Cryptosuite, err)
	}
	proofs, err := proofObjects(doc["proof"])
	if err != nil {
		res.Fail(proof.CheckFormat, err.Error())
		return res, nil
	}

	unsecured := maps.Clone(doc)
	delete(unsecured, "proof")
	canonicalDocument, docErr := s.Transform(ctx, unsecured)
	if err := ctx.Err(); err != nil {
		return proof.Result{}, err
	}

	// Only eddsa-rdfc-2022 proofs are candidates; if there is none, the
	// first proof says what was found instead.
	var candidates []map[string]any
	for _, p := range proofs {
		if p["type"] == ProofType && p["cryptosuite"] == Cryptosuite {
			candidates = append(candidates, p)
		}
	}
	if len(candidates) == 0 {
		res.Pass(proof.CheckFormat)
		res.Record(proof.CheckContext, docErr)
		res.Fail(proof.CheckAlgorithm, unsupported(proofs[0]))
		res.Fail(proof.CheckSignature, "not checked: no "+Cryptosuite+" proof")
		return res, nil
	}
	var first proof.Result
	for i, p := range candidates {
		r, err := s.verifyProof(ctx, doc, p, canonicalDocument, docErr, keys)
		if err != nil {
			return r, fmt.Errorf("verify %s: %w", Cryptosuite, err)
		}
		if r.Valid() {
			return r, nil
		}
		if i == 0 {
			first = r
		}
	}
	return first, nil
}

// verifyProof runs the checks of one eddsa-rdfc-2022 proof.
func (s *Suite) verifyProof(ctx context.Context, doc, p map[string]any, canonicalDocument []byte, docErr error,
	keys proof.KeyResolver) (proof.Result, error) {
	var res proof.Result

	// format: the proof's members have the types Data Integrity gives them.
	vm, vmOK := p["verificationMethod"].(string)
	proofValue, pvOK := p[proofValueProperty].(string)
	switch {
	case !vmOK || vm == "":
		res.Fail(proof.CheckFormat, "the proof has no verificationMethod string")
	case !pvOK:
		res.Fail(proof.CheckFormat, "the proof has no proofValue string")
	default:
		res.Pass(proof.CheckFormat)
	}

	// context: both canonicalizations succeed, so every term is defined.
	var canonicalConfig []byte
	algErr := s.checkProofOptions(p)
	configErr := docErr
	if configErr == nil && algErr == nil {
		if pc, ok := p["@context"]; ok && !reflect.DeepEqual(pc, doc["@context"]) {
			configErr = fmt.Errorf("%w: the proof's @context differs from the credential's", proof.ErrUnsupported)
		} else {
			canonicalConfig, configErr = s.ProofConfig(ctx, p, doc["@context"])
		}
	}
	if err := ctx.Err(); err != nil {
		return res, err
	}
	res.Record(proof.CheckContext, configErr)
	res.Record(proof.CheckAlgorithm, algErr)

	// key: resolved, an Ed25519 key, and controlled by the issuer.
	pub, err := checkKey(ctx, &res, doc, vm, keys)
	if err != nil {
		return res, err
	}

	// signature
	sig, sigErr := multikey.DecodeMultibase(proofValue)
	switch {
	case res.Failures() != "":
		res.Fail(proof.CheckSignature, "not checked: "+firstFailure(res))
	case sigErr != nil:
		res.Fail(proof.CheckSignature, "proofValue: "+sigErr.Error())
	case len(sig) != ed25519.SignatureSize:
		res.Fail(proof.CheckSignature, fmt.Sprintf("proofValue holds %d bytes, not an Ed25519 signature", len(sig)))
	case !ed25519.Verify(pub, Hash(canonicalConfig, canonicalDocument), sig):
		res.Fail(proof.CheckSignature, "the signature does not match the credential and proof options: "+
			"they were changed after signing, or signed with another key")
	default:
		res.Pass(proof.CheckSignature)
	}
	return res, nil
}

// checkProofOptions checks what the algorithm check covers: the purpose,
// the dates, and no proof chain (type and cryptosuite are known to match).
func (s *Suite) checkProofOptions(p map[string]any) error {
	if purpose := p["proofPurpose"]; purpose != AssertionMethod {
		return fmt.Errorf("proofPurpose is %v, but an Open Badges credential needs %s", purpose, AssertionMethod)
	}
	if created, ok := p["created"]; ok {
		if err := checkDateTime(created); err != nil {
			return fmt.Errorf("created: %w", err)
		}
	}
	if expires, ok := p["expires"]; ok {
		if err := checkDateTime(expires); err != nil {
			return fmt.Errorf("expires: %w", err)
		}
		if t, _ := time.Parse(time.RFC3339Nano, expires.(string)); s.now().After(t) {
			return fmt.Errorf("the proof expired at %s", expires)
		}
	}
	if _, ok := p["previousProof"]; ok {
		return fmt.Errorf("%w: proof chains (previousProof)", proof.ErrUnsupported)
	}
	return nil
}

// checkKey records the key check and returns the key if it passed. The error
// is non-nil only if the resolver failed for a reason other than the key
// being unknown or unusable, in which case verification cannot conclude.
func checkKey(ctx context.Context, res *proof.Result, doc map[string]any, vm string, keys proof.KeyResolver) (ed25519.PublicKey, error) {
	if vm == "" {
		res.Fail(proof.CheckKey, "not checked: no verification method")
		return nil, nil
	}
	issuer := issuerID(doc)
	if issuer == "" {
		res.Fail(proof.CheckKey, "the credential has no issuer id to bind the key to")
		return nil, nil
	}
	if controller := multikey.Controller(vm); controller != issuer {
		res.Fail(proof.CheckKey, fmt.Sprintf("verification method %s is controlled by %s, not by the issuer %s",
			vm, controller, issuer))
		return nil, nil
	}
	key, err := keys.ResolveKey(ctx, vm)
	switch {
	case errors.Is(err, proof.ErrKeyNotFound), errors.Is(err, proof.ErrUnsupported), errors.Is(err, proof.ErrMalformed):
		res.Fail(proof.CheckKey, err.Error())
		return nil, nil
	case err != nil:
		return nil, fmt.Errorf("resolve %s: %w", vm, err)
	}
	pub, ok := key.(ed25519.PublicKey)
	if !ok || len(pub) != ed25519.PublicKeySize {
		res.Fail(proof.CheckKey, fmt.Sprintf("verification method %s is a %T, not an Ed25519 key", vm, key))
		return nil, nil
	}
	res.Pass(proof.CheckKey)
	return pub, nil
}

// issuerID returns the credential's issuer id: issuer is a URL string or an
// object with an id.
func issuerID(doc map[string]any) string {
	switch issuer := doc["issuer"].(type) {
	case string:
		return issuer
	case map[string]any:
		id, _ := issuer["id"].(string)
		return id
	}
	return ""
}

// proofObjects returns the proofs of a credential: proof is one object or
// an array of objects.
func proofObjects(v any) ([]map[string]any, error) {
	var items []any
	switch v := v.(type) {
	case nil:
		return nil, errors.New("the credential has no proof")
	case map[string]any:
		items = []any{v}
	case []any:
		items = v
	default:
		return nil, fmt.Errorf("proof is a %T, not an object or an array", v)
	}
	if len(items) == 0 {
		return nil, errors.New("the credential has no proof")
	}
	if len(items) > MaxProofs {
		return nil, fmt.Errorf("the credential has %d proofs, more than %d", len(items), MaxProofs)
	}
	proofs := make([]map[string]any, len(items))
	for i, item := range items {
		p, ok := item.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("proof %d is a %T, not an object", i, item)
		}
		proofs[i] = p
	}
	return proofs, nil
}

// unsupported says why a proof that is not eddsa-rdfc-2022 is refused.
func unsupported(p map[string]any) string {
	typ, suite := p["type"], p["cryptosuite"]
	switch {
	case typ == ProofType && suite == "eddsa-2022":
		return "unsupported: cryptosuite eddsa-2022 is the legacy draft of " + Cryptosuite +
			" (Data Integrity EdDSA 2022); only " + Cryptosuite + " is accepted"
	case typ == "Ed25519Signature2020":
		return "unsupported: Ed25519Signature2020 is a legacy proof type; only " +
			ProofType + " with cryptosuite " + Cryptosuite + " is accepted"
	case typ == ProofType:
		return fmt.Sprintf("unsupported: cryptosuite %v; only %s is accepted", suite, Cryptosuite)
	default:
		return fmt.Sprintf("unsupported: proof type %v; only %s with cryptosuite %s is accepted", typ, ProofType, Cryptosuite)
	}
}

func firstFailure(res proof.Result) string {
	for _, c := range res.Checks {
		if !c.Passed {
			return c.Name + " check failed"
		}
	}
	return ""
}
