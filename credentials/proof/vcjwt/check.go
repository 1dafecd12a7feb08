package vcjwt

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"badged/credentials/proof"
)

// legacyCredential reads the credential of a VC 1.1 token from its vc claim.
func (t *Token) legacyCredential() (credential, error) {
	members, err := objectMembers(t.Credential)
	if err != nil {
		return credential{}, fmt.Errorf("vc claim: %w", err)
	}
	return readCredential(fromMap(members), true)
}

// checkClaimsAndDates records the claims, not_before and expiry checks.
//
// For a VCDM 2.0 token (OB 3.0 §8.2.4.1): iss must equal issuer.id, jti the
// id, nbf validFrom, and exp validUntil when the credential has one. sub must
// equal credentialSubject.id when present; it may be absent, as in the
// 1EdTech validator's own sample, but then nothing binds the token to a
// subject beyond the signed credential itself.
//
// For a legacy VC 1.1 token the claims may stand in for the vc properties
// (VC-JWT 1.1 §6.3.1), so only values present on both sides are compared;
// iss and nbf are still required.
func (v *Verifier) checkClaimsAndDates(res *proof.Result, t *Token, c credential) {
	var problems, notes []string
	problem := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }

	compare := func(claim string, value json.RawMessage, name string, required bool) {
		raw, ok := t.claims[claim]
		switch {
		case !ok && required:
			problem("no %s claim", claim)
		case !ok:
		case !isString(raw):
			problem("%s is not a string", claim)
		case value == nil && (required || !t.Legacy):
			problem("%s is %q but the credential has no %s", claim, str(raw), name)
		case value != nil && str(raw) != str(value):
			problem("%s is %q but %s is %q", claim, str(raw), name, str(value))
		}
	}
	compare("iss", c.issuerID, "issuer id", true)
	compare("jti", c.id, "id", !t.Legacy)
	compare("sub", c.subjectID, "credentialSubject.id", false)
	if _, ok := t.claims["sub"]; !ok {
		notes = append(notes, "no sub claim")
	}

	fromName, untilName := "validFrom", "validUntil"
	if t.Legacy {
		fromName, untilName = "issuanceDate", "expirationDate"
	}
	validFrom, fromErr := optionalDate(c.validFrom)
	validUntil, untilErr := optionalDate(c.validUntil)
	if fromErr != nil {
		problem("%s: %v", fromName, fromErr)
	}
	if untilErr != nil {
		problem("%s: %v", untilName, untilErr)
	}
	if validFrom == nil && !t.Legacy && fromErr == nil {
		problem("the credential has no validFrom")
	}
	nbf := v.dateClaim(t, "nbf", validFrom, fromName, true, problem)
	exp := v.dateClaim(t, "exp", validUntil, untilName, validUntil != nil && !t.Legacy, problem)

	if len(problems) > 0 {
		res.Fail(proof.CheckClaims, strings.Join(problems, "; "))
	} else {
		res.Checks = append(res.Checks, proof.Check{Name: proof.CheckClaims, Passed: true, Message: strings.Join(notes, "; ")})
	}

	now := v.now()
	notBefore := firstTime(nbf, validFrom)
	switch {
	case notBefore == nil:
		res.Fail(proof.CheckNotBefore, "no usable nbf or "+fromName)
	case now.Add(v.leeway).Before(*notBefore):
		res.Fail(proof.CheckNotBefore, "not valid before "+notBefore.UTC().Format(time.RFC3339))
	default:
		res.Pass(proof.CheckNotBefore)
	}
	expiresAt := firstTime(exp, validUntil)
	switch {
	case expiresAt == nil:
		res.Checks = append(res.Checks, proof.Check{Name: proof.CheckExpiry, Passed: true, Message: "no expiry"})
	case !now.Add(-v.leeway).Before(*expiresAt):
		res.Fail(proof.CheckExpiry, "expired at "+expiresAt.UTC().Format(time.RFC3339))
	default:
		res.Pass(proof.CheckExpiry)
	}
}

// dateClaim reads a NumericDate claim and compares it with the credential
// date it stands for.
func (v *Verifier) dateClaim(t *Token, claim string, date *time.Time, dateName string, required bool, problem func(string, ...any)) *time.Time {
	raw, ok := t.claims[claim]
	if !ok {
		if required {
			problem("no %s claim", claim)
		}
		return nil
	}
	at, err := numericDate(raw)
	if err != nil {
		problem("%s: %v", claim, err)
		return nil
	}
	if date != nil && !sameSecond(at, *date) {
		problem("%s is %s but %s is %s", claim, at.Format(time.RFC3339), dateName, date.UTC().Format(time.RFC3339Nano))
	}
	return &at
}

func optionalDate(raw json.RawMessage) (*time.Time, error) {
	if raw == nil {
		return nil, nil
	}
	t, err := dateTime(raw)
	if err != nil {
		return nil, err
	}
	return &t, nil
}

func firstTime(ts ...*time.Time) *time.Time {
	for _, t := range ts {
		if t != nil {
			return t
		}
	}
	return nil
}
