package vcjwt

import (
	"context"
	"crypto"
	"fmt"
	"strings"
	"time"

	"github.com/lestrrat-go/jwx/v2/jwa"

	"badged/credentials/keys"
	"badged/credentials/proof"
)

// algorithms are the JWS algorithms a VC-JWT may use: RS256 (required by
// OB 3.0), ES256 and EdDSA. Everything else, "none" and HMAC above all, is
// refused.
var algorithms = [...]jwa.SignatureAlgorithm{jwa.RS256, jwa.ES256, jwa.EdDSA}

// Verifier checks VC-JWTs. The zero value is not usable; call NewVerifier.
type Verifier struct {
	now    func() time.Time
	leeway time.Duration
}

// VerifierOption configures a Verifier.
type VerifierOption func(*Verifier)

// WithClock sets the clock the time checks use (default time.Now).
func WithClock(now func() time.Time) VerifierOption {
	return func(v *Verifier) { v.now = now }
}

// WithLeeway tolerates clock skew of d in the not_before and expiry checks
// (default none).
func WithLeeway(d time.Duration) VerifierOption {
	return func(v *Verifier) { v.leeway = d }
}

// NewVerifier returns a Verifier.
func NewVerifier(opts ...VerifierOption) *Verifier {
	v := &Verifier{now: time.Now}
	for _, opt := range opts {
		opt(v)
	}
	return v
}

// Verify parses and verifies a compact VC-JWT. The resolver supplies the
// issuer's keys (see the package comment for how keys are bound to the
// issuer). Every check that ran is in the Result; the error is non-nil only
// if verification could not run.
func (v *Verifier) Verify(ctx context.Context, token []byte, resolver proof.KeyResolver) (proof.Result, error) {
	t, err := Parse(token)
	if err != nil {
		var res proof.Result
		res.Fail(proof.CheckFormat, err.Error())
		return res, fmt.Errorf("verify VC-JWT: %w", err)
	}
	return v.VerifyToken(ctx, t, resolver)
}

// VerifyToken verifies a token Parse returned.
func (v *Verifier) VerifyToken(ctx context.Context, t *Token, resolver proof.KeyResolver) (proof.Result, error) {
	var res proof.Result
	var cred credential
	var credErr error
	if t.Legacy {
		cred, credErr = t.legacyCredential()
	} else {
		cred, credErr = readCredential(fromMap(t.claims), false)
	}

	formatOK := checkFormat(&res, t, credErr)
	alg, algOK := checkAlgorithm(&res, t.Header.Algorithm)
	key, err := checkKey(ctx, &res, t.Header, str(cred.issuerID), resolver, alg, algOK)
	if err != nil {
		return res, fmt.Errorf("verify VC-JWT: %w", err)
	}
	switch {
	case !formatOK:
		res.Fail(proof.CheckSignature, "not checked: the token's form is refused")
	case !algOK:
		res.Fail(proof.CheckSignature, "not checked: the algorithm is refused")
	case key == nil:
		res.Fail(proof.CheckSignature, "not checked: no usable key of the issuer")
	default:
		res.Record(proof.CheckSignature, keys.VerifyJWS(alg, key, t.signingInput, t.signature))
	}
	if credErr == nil {
		v.checkClaimsAndDates(&res, t, cred)
	} else {
		res.Fail(proof.CheckClaims, "not checked: "+credErr.Error())
	}
	return res, nil
}

func checkFormat(res *proof.Result, t *Token, credErr error) bool {
	var problems []string
	if len(t.Header.Disallowed) > 0 {
		problems = append(problems, fmt.Sprintf("JOSE header members %s are not allowed by OB 3.0", strings.Join(t.Header.Disallowed, ", ")))
	}
	if t.Header.Type != "" && t.Header.Type != "JWT" {
		problems = append(problems, fmt.Sprintf("typ %q, OB 3.0 requires \"JWT\"", t.Header.Type))
	}
	if credErr != nil {
		problems = append(problems, "credential: "+credErr.Error())
	}
	if len(problems) > 0 {
		res.Fail(proof.CheckFormat, strings.Join(problems, "; "))
		return false
	}
	c := proof.Check{Name: proof.CheckFormat, Passed: true}
	if t.Legacy {
		c.Message = "legacy VC 1.1 JWT: the credential is in a vc claim"
	}
	res.Checks = append(res.Checks, c)
	return true
}

func checkAlgorithm(res *proof.Result, alg string) (jwa.SignatureAlgorithm, bool) {
	for _, a := range algorithms {
		if alg == a.String() {
			res.Pass(proof.CheckAlgorithm)
			return a, true
		}
	}
	switch {
	case alg == "":
		res.Fail(proof.CheckAlgorithm, "no alg in the header")
	case strings.EqualFold(alg, "none"):
		res.Fail(proof.CheckAlgorithm, "alg \"none\" (an unsigned token) is refused")
	case strings.HasPrefix(alg, "HS"):
		res.Fail(proof.CheckAlgorithm, fmt.Sprintf("alg %q is symmetric; only public-key signatures prove the issuer", alg))
	default:
		res.Fail(proof.CheckAlgorithm, fmt.Sprintf("alg %q is not one of RS256, ES256, EdDSA", alg))
	}
	return "", false
}

// checkKey finds the verification key and makes sure it is the issuer's and
// fits the algorithm. It records the key check and returns the key, or nil
// when the check failed. It returns an error only when the resolver failed
// for another reason than not knowing the key.
func checkKey(ctx context.Context, res *proof.Result, h Header, issuer string, resolver proof.KeyResolver, alg jwa.SignatureAlgorithm, algOK bool) (crypto.PublicKey, error) {
	key, reason, err := resolveIssuerKey(ctx, h, issuer, resolver)
	if err != nil {
		res.Fail(proof.CheckKey, err.Error())
		return nil, err
	}
	if reason != "" {
		res.Fail(proof.CheckKey, reason)
		return nil, nil
	}
	keyAlg, err := keys.Algorithm(key)
	if err != nil {
		res.Fail(proof.CheckKey, err.Error())
		return nil, nil
	}
	if algOK && keyAlg != alg {
		res.Fail(proof.CheckKey, fmt.Sprintf("the issuer's key signs with %s, the header says %s", keyAlg, alg))
		return nil, nil
	}
	res.Pass(proof.CheckKey)
	if !algOK {
		return nil, nil
	}
	return key, nil
}
