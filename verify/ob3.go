package verify

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"badged/credentials/ob3"
	"badged/credentials/proof"
	"badged/credentials/proof/eddsardfc2022"
	"badged/credentials/proof/vcjwt"
	"badged/credentials/schema"
)

// ob3JSON verifies an OB 3.0 credential given as JSON, which must carry an
// embedded proof (OB 3.0 §8.3; implementation brief §4): the proof, the
// dates, the status, and the schema the credential names.
func (r *run) ob3JSON(ctx context.Context, doc []byte) (*Result, error) {
	cred, err := ob3.ParseCredential(doc)
	if err != nil {
		return nil, err
	}
	if len(cred.Proof) == 0 {
		res := &Result{Format: FormatOB3Unsigned, Summary: ob3Summary(cred, nil)}
		res.Checks = []proof.Check{
			{Name: proof.CheckFormat, Passed: true},
			{Name: proof.CheckSignature, Message: "the credential carries no proof: an Open Badges 3.0 credential " +
				"is signed with an embedded Data Integrity proof or sent as a VC-JWT"},
		}
		return outcome{}.finish(res), nil
	}

	res := &Result{Format: FormatOB3DataIntegrity}
	o := outcome{unsupported: !hasSupportedProof(cred) || r.unknownContext(cred.Context) != ""}
	var keyNotes notes
	pr, err := r.v.suite.Verify(ctx, doc, r.ob3Keys(cred.Issuer.ID(), &keyNotes))
	if err != nil {
		return nil, fmt.Errorf("verify Data Integrity proof: %w", err)
	}
	res.Checks = pr.Checks
	keyNotes.annotate(res.Checks)
	res.Checks = append(res.Checks, r.dateChecks(cred)...)
	o.expired = expiredAt(credentialUntil(cred), r.v.now())
	return r.finishOB3(ctx, res, o, cred, doc)
}

// ob3JWT verifies an OB 3.0 VC-JWT (OB 3.0 §8.2; implementation brief
// §3.1). The legacy VC 1.1 form is checked but called unsupported.
func (r *run) ob3JWT(ctx context.Context, t *vcjwt.Token) (*Result, error) {
	res := &Result{Format: FormatOB3JWT}
	cred, credErr := ob3.ParseCredential(t.Credential)
	issuer := ""
	if credErr == nil {
		issuer = cred.Issuer.ID()
	}
	var keyNotes notes
	pr, err := r.v.jwt.VerifyToken(ctx, t, r.ob3Keys(issuer, &keyNotes))
	if err != nil {
		return nil, fmt.Errorf("verify VC-JWT: %w", err)
	}
	res.Checks = pr.Checks
	keyNotes.annotate(res.Checks)
	o := outcome{unsupported: t.Legacy}
	if credErr != nil {
		if !failed(res.Checks, proof.CheckFormat) {
			res.Checks = append(res.Checks, proof.Check{Name: proof.CheckFormat, Message: "credential: " + credErr.Error()})
		}
		return o.finish(res), nil
	}
	o.expired = expiredAt(jwtUntil(t, cred), r.v.now())
	return r.finishOB3(ctx, res, o, cred, t.Credential)
}

// finishOB3 adds what both OB 3.0 proof formats share once the proof and
// dates are checked: the status (only for a credential whose proof
// verified), the schema check and the summary.
func (r *run) finishOB3(ctx context.Context, res *Result, o outcome, cred *ob3.AchievementCredential, doc []byte) (*Result, error) {
	proved := proofPassed(res.Checks)
	switch {
	case !proved || o.unsupported:
	case cred.CredentialStatus == nil:
		res.Checks = append(res.Checks, proof.Check{Name: proof.CheckRevocation, Passed: true,
			Message: "the credential names no credentialStatus: its issuer cannot revoke it"})
	default:
		c, err := r.credentialStatus(ctx, cred, &o)
		if err != nil {
			return nil, err
		}
		res.Checks = append(res.Checks, c)
	}
	if c, ok := schemaCheck(cred, doc); ok {
		res.Checks = append(res.Checks, c)
	}
	var profile *ob3.Profile
	if proved && cred.Issuer.Profile == nil {
		profile = r.publishedProfile(ctx, cred.Issuer.ID())
	}
	res.Summary = ob3Summary(cred, profile)
	return o.finish(res), nil
}

// hasSupportedProof reports whether the credential has an eddsa-rdfc-2022
// Data Integrity proof, the one embedded proof this verifier checks.
func hasSupportedProof(c *ob3.AchievementCredential) bool {
	for _, p := range c.Proof {
		if p.Type == eddsardfc2022.ProofType && p.Cryptosuite == eddsardfc2022.Cryptosuite {
			return true
		}
	}
	return false
}

// unknownContext returns the first context URL the loader does not serve:
// the credential cannot be checked offline, which is not its fault.
func (r *run) unknownContext(c ob3.Context) string {
	for _, e := range c {
		if e.URL == "" {
			continue
		}
		if _, err := r.v.loader.LoadDocument(e.URL); err != nil {
			return e.URL
		}
	}
	return ""
}

// dateChecks are the not_before and expiry checks of an embedded-proof
// credential (OB 3.0 verification, "Status"): validFrom and validUntil, or
// for VC 1.1 issuanceDate and expirationDate.
func (r *run) dateChecks(c *ob3.AchievementCredential) []proof.Check {
	now := r.v.now()
	from, fromName := c.ValidFrom, "validFrom"
	if from.IsZero() && !c.IssuanceDate.IsZero() {
		from, fromName = c.IssuanceDate, "issuanceDate"
	}
	notBefore := proof.Check{Name: proof.CheckNotBefore, Passed: true}
	if from.IsZero() {
		notBefore = proof.Check{Name: proof.CheckNotBefore, Message: "the credential has no validFrom"}
	} else if t, err := from.Time(); err != nil {
		notBefore = proof.Check{Name: proof.CheckNotBefore, Message: fromName + ": " + err.Error()}
	} else if now.Before(t) {
		notBefore = proof.Check{Name: proof.CheckNotBefore, Message: "not valid before " + t.UTC().Format(time.RFC3339)}
	}

	until, untilName := credentialUntil(c), "validUntil"
	if c.ValidUntil.IsZero() {
		untilName = "expirationDate"
	}
	expiry := proof.Check{Name: proof.CheckExpiry, Passed: true}
	if until.IsZero() {
		expiry.Message = "no expiry"
	} else if t, err := until.Time(); err != nil {
		expiry = proof.Check{Name: proof.CheckExpiry, Message: untilName + ": " + err.Error()}
	} else if !now.Before(t) {
		expiry = proof.Check{Name: proof.CheckExpiry, Message: "expired at " + t.UTC().Format(time.RFC3339)}
	}
	return []proof.Check{notBefore, expiry}
}

// credentialUntil is when a credential expires: validUntil, or for VC 1.1
// expirationDate.
func credentialUntil(c *ob3.AchievementCredential) ob3.DateTime {
	if !c.ValidUntil.IsZero() {
		return c.ValidUntil
	}
	return c.ExpirationDate
}

// jwtUntil is when a VC-JWT expires: its exp claim, which OB 3.0 makes the
// credential's validUntil, or else the credential's own date.
func jwtUntil(t *vcjwt.Token, c *ob3.AchievementCredential) ob3.DateTime {
	var claims map[string]json.RawMessage
	if json.Unmarshal(t.Payload, &claims) == nil {
		var exp json.Number
		if json.Unmarshal(claims["exp"], &exp) == nil {
			if secs, err := exp.Int64(); err == nil {
				return ob3.NewDateTime(time.Unix(secs, 0))
			}
		}
	}
	return credentialUntil(c)
}

// expiredAt reports whether a readable expiry date has passed.
func expiredAt(until ob3.DateTime, now time.Time) bool {
	if until.IsZero() {
		return false
	}
	t, err := until.Time()
	return err == nil && !now.Before(t)
}

// schemaCheck is OB 3.0 verification step 1, "Conformance": the
// credential validates against the JSON Schema it names with type
// 1EdTechJsonSchemaValidator2019, and an achievement credential's subject
// has an id or an identifier. The official achievement and endorsement
// credential schemas are embedded; another schema cannot be fetched and
// compiled offline, and the check says it was not validated. ok is false
// for credentials that are not Open Badges (a status list credential).
func schemaCheck(c *ob3.AchievementCredential, doc []byte) (check proof.Check, ok bool) {
	achievement := c.Type.Has(ob3.TypeOpenBadgeCredential) || c.Type.Has(ob3.TypeAchievementCredential)
	if !achievement && !c.Type.Has(ob3.TypeEndorsementCredential) {
		return proof.Check{}, false
	}
	var problems, notes []string
	if achievement && c.CredentialSubject.ID == "" && len(c.CredentialSubject.Identifier) == 0 {
		problems = append(problems, "credentialSubject has neither an id nor an identifier")
	}
	for _, s := range c.CredentialSchema {
		if s.Type != ob3.TypeJSONSchemaValidator {
			continue
		}
		var def schema.Def
		switch s.ID {
		case ob3.SchemaAchievementCredential:
			def = schema.AchievementCredential
		case ob3.SchemaEndorsementCredential:
			def = schema.EndorsementCredential
		default:
			notes = append(notes, fmt.Sprintf("schema %s is not available offline and was not validated", s.ID))
			continue
		}
		if err := schema.Validate(def, doc); err != nil {
			problems = append(problems, err.Error())
		} else {
			notes = append(notes, "validates against "+s.ID)
		}
	}
	if len(problems) > 0 {
		return proof.Check{Name: proof.CheckSchema, Message: strings.Join(problems, "; ")}, true
	}
	return proof.Check{Name: proof.CheckSchema, Passed: true, Message: strings.Join(notes, "; ")}, true
}

// publishedProfile fetches the profile of an issuer the credential names by
// IRI alone, for the summary; nil if it is unavailable.
func (r *run) publishedProfile(ctx context.Context, issuer string) *ob3.Profile {
	if !isHTTPURL(issuer) {
		return nil
	}
	doc, err := r.docs.get(ctx, issuer)
	if err != nil {
		return nil
	}
	p, err := ob3.ParseProfile(doc)
	if err != nil || p.ID != issuer {
		return nil
	}
	return p
}
