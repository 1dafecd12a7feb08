package verify

import (
	"context"
	"crypto"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"badged/credentials/keys"
	"badged/credentials/multikey"
	"badged/credentials/ob2"
	"badged/credentials/proof"
	"badged/credentials/proof/ob2jws"
)

// KeyChain is a KeyResolver that asks each of its resolvers in turn and
// answers with the first key found: a keys.Set of pinned keys and a
// multikey.Resolver, say. A resolver that does not know the key
// (proof.ErrKeyNotFound) passes the question on; any other error ends it.
type KeyChain []proof.KeyResolver

// ResolveKey implements proof.KeyResolver.
func (c KeyChain) ResolveKey(ctx context.Context, vm string) (crypto.PublicKey, error) {
	notFound := fmt.Errorf("%w: %s", proof.ErrKeyNotFound, vm)
	for _, r := range c {
		if r == nil {
			continue
		}
		key, err := r.ResolveKey(ctx, vm)
		if err == nil {
			return key, nil
		}
		if !errors.Is(err, proof.ErrKeyNotFound) {
			return nil, err
		}
		notFound = err // the last resolver's reason is the one reported
	}
	return nil, notFound
}

// didKeys resolves did:key verification methods only. A did:key is its own
// key, so it proves nothing more than that the holder of the key signed;
// the proof suites accept it only when it is the issuer's id.
type didKeys struct{}

func (didKeys) ResolveKey(ctx context.Context, vm string) (crypto.PublicKey, error) {
	if !strings.HasPrefix(vm, multikey.DIDKeyPrefix) {
		return nil, fmt.Errorf("%w: %s is not a did:key", proof.ErrKeyNotFound, vm)
	}
	return multikey.Resolver{}.ResolveKey(ctx, vm)
}

// notes collects why a key was not found, for the key check's message: the
// proof packages say only "no such key".
type notes []string

func (n *notes) add(format string, args ...any) {
	if note := fmt.Sprintf(format, args...); !slices.Contains(*n, note) {
		*n = append(*n, note)
	}
}

// annotate adds the notes to a failed key check.
func (n notes) annotate(checks []proof.Check) {
	if len(n) == 0 {
		return
	}
	for i := range checks {
		if checks[i].Name == proof.CheckKey && !checks[i].Passed {
			checks[i].Message += " (" + strings.Join(n, "; ") + ")"
		}
	}
}

// ob3Keys returns the resolver that verifies a credential of issuer: the
// operator's pinned keys, did:key, then the keys the issuer publishes.
func (r *run) ob3Keys(issuer string, n *notes) proof.KeyResolver {
	return KeyChain{r.v.keys, didKeys{}, &issuerKeys{r: r, issuer: issuer, notes: n}}
}

// issuerKeys resolves the keys an OB 3.0 issuer publishes (implementation
// brief §3.1 and §3.2): the verification methods its profile or DID
// document lists under assertionMethod, and its JWK Set at
// /.well-known/jwks.json. Each is fetched once, when first needed.
type issuerKeys struct {
	r      *run
	issuer string
	notes  *notes

	tried []bool // per source, in the order of sources()
	sets  []*keys.Set
}

// keySource is one document that publishes an issuer's keys.
type keySource struct {
	url  string
	read func(issuer string, doc []byte) (*keys.Set, error)
	what string
}

func (k *issuerKeys) sources() []keySource {
	var out []keySource
	if u := controllerURL(k.issuer); u != "" {
		out = append(out, keySource{url: u, read: controllerKeys, what: "profile"})
	}
	if u := jwksURL(k.issuer); u != "" {
		out = append(out, keySource{url: u, read: jwksKeys, what: "JWK Set"})
	}
	return out
}

func (k *issuerKeys) ResolveKey(ctx context.Context, vm string) (crypto.PublicKey, error) {
	srcs := k.sources()
	if k.tried == nil {
		k.tried = make([]bool, len(srcs))
	}
	for i, src := range srcs {
		if !k.tried[i] {
			k.tried[i] = true
			doc, err := k.r.docs.get(ctx, src.url)
			if isContextErr(err) {
				return nil, err
			}
			if err != nil {
				k.notes.add("the issuer's %s is unavailable: %v", src.what, err)
				continue
			}
			set, err := src.read(k.issuer, doc)
			if err != nil {
				k.notes.add("the issuer's %s at %s: %v", src.what, src.url, err)
				continue
			}
			k.sets = append(k.sets, set)
		}
		// Ask every set loaded so far before loading the next source.
		for _, set := range k.sets {
			if key, err := set.ResolveKey(ctx, vm); err == nil {
				return key, nil
			}
		}
	}
	if len(srcs) == 0 {
		k.notes.add("the issuer %q publishes no documents this verifier can fetch", k.issuer)
	}
	return nil, fmt.Errorf("%w: %s is not among the keys the issuer publishes", proof.ErrKeyNotFound, vm)
}

// controllerURL is where an issuer's profile or DID document is: the issuer
// id itself for an http(s) issuer, the did.json of a did:web.
func controllerURL(issuer string) string {
	if isHTTPURL(issuer) {
		return issuer
	}
	return didWebURL(issuer)
}

// didWebURL maps did:web:host[:path…] to its DID document (did:web method
// §3.2): https://host/path…/did.json, or https://host/.well-known/did.json.
func didWebURL(did string) string {
	rest, ok := strings.CutPrefix(did, "did:web:")
	if !ok || rest == "" || strings.ContainsAny(rest, "/?#") {
		return ""
	}
	parts := strings.Split(rest, ":")
	for i, p := range parts {
		unescaped, err := url.PathUnescape(p)
		if err != nil || unescaped == "" {
			return ""
		}
		parts[i] = unescaped
	}
	u := "https://" + parts[0] + "/.well-known/did.json"
	if len(parts) > 1 {
		u = "https://" + parts[0] + "/" + strings.Join(parts[1:], "/") + "/did.json"
	}
	if !isHTTPURL(u) {
		return ""
	}
	return u
}

// jwksURL is the JWK Set of an http(s) issuer: /.well-known/jwks.json at the
// issuer id's origin (OB 3.0 implementation guide, key provenance).
func jwksURL(issuer string) string {
	if !isHTTPURL(issuer) {
		return ""
	}
	u, err := url.Parse(issuer)
	if err != nil {
		return ""
	}
	return u.Scheme + "://" + u.Host + "/.well-known/jwks.json"
}

func jwksKeys(issuer string, doc []byte) (*keys.Set, error) {
	set := keys.NewSet()
	if err := set.AddJWKS(issuer, doc); err != nil {
		return nil, err
	}
	return set, nil
}

// verificationMethod is an entry of a controller document.
type verificationMethod struct {
	ID                 string          `json:"id"`
	Type               string          `json:"type"`
	Controller         string          `json:"controller"`
	PublicKeyMultibase string          `json:"publicKeyMultibase"`
	PublicKeyJWK       json.RawMessage `json:"publicKeyJwk"`
}

// controllerKeys reads the keys an issuer's profile or DID document
// authorises to sign its credentials: the verification methods its
// assertionMethod names (by id, or embedded), each a Multikey or a JWK,
// controlled by the issuer (W3C Controlled Identifiers §2.2 and §2.3.2).
func controllerKeys(issuer string, doc []byte) (*keys.Set, error) {
	var d struct {
		ID                 string            `json:"id"`
		VerificationMethod json.RawMessage   `json:"verificationMethod"`
		AssertionMethod    []json.RawMessage `json:"assertionMethod"`
	}
	if err := json.Unmarshal(doc, &d); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	if d.ID != issuer {
		return nil, fmt.Errorf("the document's id is %q, not the issuer's", d.ID)
	}
	var methods []verificationMethod
	if len(d.VerificationMethod) > 0 && d.VerificationMethod[0] == '{' {
		var one verificationMethod
		if err := json.Unmarshal(d.VerificationMethod, &one); err != nil {
			return nil, fmt.Errorf("verificationMethod: %w: %v", ErrMalformed, err)
		}
		methods = append(methods, one)
	} else if len(d.VerificationMethod) > 0 {
		if err := json.Unmarshal(d.VerificationMethod, &methods); err != nil {
			return nil, fmt.Errorf("verificationMethod: %w: %v", ErrMalformed, err)
		}
	}
	absolute := func(id string) string {
		if strings.HasPrefix(id, "#") {
			return issuer + id
		}
		return id
	}
	byID := map[string]verificationMethod{}
	for _, m := range methods {
		byID[absolute(m.ID)] = m
	}

	set := keys.NewSet()
	var problems []string
	for _, raw := range d.AssertionMethod {
		var m verificationMethod
		var ref string
		if json.Unmarshal(raw, &ref) == nil {
			found, ok := byID[absolute(ref)]
			if !ok {
				problems = append(problems, fmt.Sprintf("assertionMethod %s is not among its verification methods", ref))
				continue
			}
			m = found
		} else if err := json.Unmarshal(raw, &m); err != nil {
			problems = append(problems, "assertionMethod: "+err.Error())
			continue
		}
		if err := addMethod(set, issuer, absolute(m.ID), m); err != nil {
			problems = append(problems, err.Error())
		}
	}
	if len(set.Entries()) == 0 {
		if len(problems) == 0 {
			problems = append(problems, "it lists no key under assertionMethod")
		}
		return nil, errors.New(strings.Join(problems, "; "))
	}
	return set, nil
}

func addMethod(set *keys.Set, issuer, id string, m verificationMethod) error {
	if m.Controller != "" && m.Controller != issuer {
		return fmt.Errorf("verification method %s is controlled by %s", id, m.Controller)
	}
	var key crypto.PublicKey
	var err error
	switch {
	case m.PublicKeyMultibase != "":
		key, err = multikey.DecodePublicKey(m.PublicKeyMultibase)
	case len(m.PublicKeyJWK) > 0:
		key, err = keys.ParseJWK(m.PublicKeyJWK)
	default:
		err = errors.New("it has neither publicKeyMultibase nor publicKeyJwk")
	}
	if err != nil {
		return fmt.Errorf("verification method %s: %w", id, err)
	}
	return set.Add(issuer, id, key)
}

// ob2Keys returns the resolver for an OB 2.0 signed badge's key: it answers
// only for the key verification.creator names, and only if the issuer's
// hosted profile lists it in publicKey and the key document names the
// profile as its owner (OB 2.0 "Steps to verify a JWS-signed badge",
// step 4: never trust a key the profile does not link).
func (r *run) ob2Keys(ctx context.Context, a *ob2.Assertion, profile *ob2.Profile, n *notes) (proof.KeyResolver, error) {
	none := proof.KeyResolverFunc(func(_ context.Context, vm string) (crypto.PublicKey, error) {
		return nil, fmt.Errorf("%w: %s", proof.ErrKeyNotFound, vm)
	})
	if a.Verification == nil || a.Verification.Creator == "" {
		return none, nil // ob2jws reports the missing creator
	}
	creator := a.Verification.Creator
	if profile == nil {
		n.add("the issuer profile, which must list the key, is unavailable")
		return none, nil
	}
	var listed *ob2.CryptographicKey
	found := false
	for _, k := range profile.PublicKey {
		if k.ID() == creator {
			found, listed = true, k.Object
			break
		}
	}
	if !found {
		n.add("the issuer profile %s does not list %s in publicKey", profile.ID, creator)
		return none, nil
	}
	if r.v.keys != nil {
		key, err := r.v.keys.ResolveKey(ctx, creator)
		switch {
		case err == nil:
			return proof.KeyResolverFunc(func(_ context.Context, vm string) (crypto.PublicKey, error) {
				if vm != creator {
					return nil, fmt.Errorf("%w: %s", proof.ErrKeyNotFound, vm)
				}
				return key, nil
			}), nil
		case !errors.Is(err, proof.ErrKeyNotFound):
			return nil, fmt.Errorf("resolve %s: %w", creator, err)
		}
	}
	doc := listed
	if doc == nil || doc.PublicKeyPem == "" {
		raw, err := r.docs.get(ctx, creator)
		if isContextErr(err) {
			return nil, err
		}
		if err != nil {
			n.add("the key document is unavailable: %v", err)
			return none, nil
		}
		if doc, err = ob2.ParseCryptographicKey(raw); err != nil {
			n.add("the document at %s is not a CryptographicKey: %v", creator, err)
			return none, nil
		}
	}
	switch {
	case doc.ID != creator:
		n.add("the key document at %s has id %q", creator, doc.ID)
		return none, nil
	case doc.Owner != profile.ID:
		n.add("the key %s is owned by %q, not by the issuer %s", creator, doc.Owner, profile.ID)
		return none, nil
	}
	set, err := ob2jws.NewKeySet(doc)
	if err != nil {
		n.add("the key %s: %v", creator, err)
		return none, nil
	}
	return set, nil
}
