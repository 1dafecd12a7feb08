package ob2jws

import (
	"context"
	"crypto"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/lestrrat-go/jwx/v2/jwa"

	"badged/credentials/keys"
	"badged/credentials/ob2"
	"badged/credentials/proof"
)

// Revocations says whether the issuer revoked an assertion, by its id or
// legacy Open Badges 1.x uid.
type Revocations interface {
	Revoked(id, uid string) (reason string, revoked bool)
}

// RevocationList adapts an issuer's ob2.RevocationList to Revocations.
func RevocationList(l *ob2.RevocationList) Revocations { return revocationList{l} }

type revocationList struct{ l *ob2.RevocationList }

func (r revocationList) Revoked(id, uid string) (string, bool) {
	e, ok := r.l.Lookup(id, uid)
	return e.RevocationReason, ok
}

// RevokedIDs is a set of revoked assertion ids (or uids), each with its
// reason.
type RevokedIDs map[string]string

// Revoked implements Revocations.
func (r RevokedIDs) Revoked(id, uid string) (string, bool) {
	for _, k := range []string{id, uid} {
		if reason, ok := r[k]; ok && k != "" {
			return reason, true
		}
	}
	return "", false
}

// Verifier checks signed badges. Create it with NewVerifier.
type Verifier struct {
	now         func() time.Time
	revocations Revocations
}

// Option configures a Verifier.
type Option func(*Verifier)

// WithClock sets the clock of the expiry check (default time.Now).
func WithClock(now func() time.Time) Option { return func(v *Verifier) { v.now = now } }

// WithRevocations adds the revocation check against the issuer's
// revocation list (OB 2.0 verification step 7).
func WithRevocations(r Revocations) Option { return func(v *Verifier) { v.revocations = r } }

// NewVerifier returns a Verifier.
func NewVerifier(opts ...Option) *Verifier {
	v := &Verifier{now: time.Now}
	for _, opt := range opts {
		opt(v)
	}
	return v
}

// Verify parses and verifies a signed badge. Every check that ran is in the
// Result; the error is non-nil only if verification could not run (the
// input is not a JWS whose payload is an Assertion, or the resolver failed
// for another reason than an unknown key).
func (v *Verifier) Verify(ctx context.Context, token []byte, resolver proof.KeyResolver) (proof.Result, error) {
	t, err := Parse(token)
	if err != nil {
		var res proof.Result
		res.Fail(proof.CheckFormat, err.Error())
		return res, fmt.Errorf("verify signed badge: %w", err)
	}
	return v.VerifyToken(ctx, t, resolver)
}

// VerifyToken verifies a token Parse returned.
func (v *Verifier) VerifyToken(ctx context.Context, t *Token, resolver proof.KeyResolver) (proof.Result, error) {
	var res proof.Result
	a := t.Assertion

	var problems []string
	if len(t.unsupported) > 0 {
		problems = append(problems, "JOSE header members "+strings.Join(t.unsupported, ", ")+" are not supported")
	}
	if !a.Type.Has(ob2.TypeAssertion) {
		problems = append(problems, fmt.Sprintf("payload type %v is not Assertion", []string(a.Type)))
	}
	if a.Verification == nil || !a.Verification.IsSigned() {
		problems = append(problems, "verification type is not SignedBadge")
	}
	formatOK := len(problems) == 0
	if !formatOK {
		res.Fail(proof.CheckFormat, strings.Join(problems, "; "))
	} else {
		res.Pass(proof.CheckFormat)
	}

	algOK := t.Algorithm == jwa.RS256.String()
	switch {
	case algOK:
		res.Pass(proof.CheckAlgorithm)
	case strings.EqualFold(t.Algorithm, "none"):
		res.Fail(proof.CheckAlgorithm, "alg \"none\" (an unsigned badge) is refused")
	default:
		res.Fail(proof.CheckAlgorithm, fmt.Sprintf("alg %q: Open Badges 2.0 signed badges use RS256", t.Algorithm))
	}

	key, err := checkKey(ctx, &res, a, resolver)
	if err != nil {
		return res, fmt.Errorf("verify signed badge: %w", err)
	}
	switch {
	case !formatOK:
		res.Fail(proof.CheckSignature, "not checked: the badge's form is refused")
	case !algOK:
		res.Fail(proof.CheckSignature, "not checked: the algorithm is refused")
	case key == nil:
		res.Fail(proof.CheckSignature, "not checked: no usable key")
	default:
		res.Record(proof.CheckSignature, keys.VerifyJWS(jwa.RS256, key, t.signingInput, t.signature))
	}

	res.Checks = append(res.Checks, ExpiryCheck(a, v.now()))
	if a.Revoked != nil && *a.Revoked {
		res.Fail(proof.CheckRevocation, "the assertion says it is revoked")
	} else if v.revocations != nil {
		if reason, revoked := v.revocations.Revoked(a.ID, a.UID); revoked {
			msg := "revoked by the issuer"
			if reason != "" {
				msg += ": " + reason
			}
			res.Fail(proof.CheckRevocation, msg)
		} else {
			res.Pass(proof.CheckRevocation)
		}
	}
	return res, nil
}

// checkKey resolves the CryptographicKey named by verification.creator and
// records the key check. It returns nil when the check failed, and an error
// only when the resolver failed for another reason than an unknown key.
func checkKey(ctx context.Context, res *proof.Result, a *ob2.Assertion, resolver proof.KeyResolver) (crypto.PublicKey, error) {
	if a.Verification == nil || a.Verification.Creator == "" {
		// The specification then falls back to every key of the issuer
		// profile, which needs the profile: refuse rather than guess.
		res.Fail(proof.CheckKey, "verification.creator does not name the signing key")
		return nil, nil
	}
	if resolver == nil {
		res.Fail(proof.CheckKey, "no key resolver was given")
		return nil, nil
	}
	creator := a.Verification.Creator
	found, err := resolver.ResolveKey(ctx, creator)
	if errors.Is(err, proof.ErrKeyNotFound) {
		res.Fail(proof.CheckKey, fmt.Sprintf("creator %q: no such key", creator))
		return nil, nil
	}
	if err != nil {
		res.Fail(proof.CheckKey, err.Error())
		return nil, fmt.Errorf("resolve creator %q: %w", creator, err)
	}
	pub, err := keys.PublicKey(found)
	if err != nil {
		res.Fail(proof.CheckKey, fmt.Sprintf("creator %q: %v", creator, err))
		return nil, nil
	}
	if alg, _ := keys.Algorithm(pub); alg != jwa.RS256 {
		res.Fail(proof.CheckKey, fmt.Sprintf("creator %q is a %s key; Open Badges 2.0 signed badges use RSA", creator, alg))
		return nil, nil
	}
	res.Pass(proof.CheckKey)
	return pub, nil
}
