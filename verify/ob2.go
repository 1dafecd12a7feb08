package verify

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"reflect"
	"slices"
	"sort"
	"strings"
	"time"

	"badged/credentials/ob2"
	"badged/credentials/proof"
	"badged/credentials/proof/ob2jws"
	"badged/credentials/status"
)

// ob2Signed verifies an OB 2.0 signed badge (OB 2.0 "Steps to verify a
// JWS-signed badge Assertion"): the badge class and the issuer's hosted
// profile are fetched, the key is trusted only if the profile links it,
// then the JWS, the expiry and the issuer's revocation list are checked.
func (r *run) ob2Signed(ctx context.Context, tok *ob2jws.Token) (*Result, error) {
	a := tok.Assertion
	res := &Result{Format: FormatOB2Signed}
	var keyNotes notes
	badge, profile, err := r.ob2Issuer(ctx, a, &keyNotes)
	if err != nil {
		return nil, err
	}
	resolver, err := r.ob2Keys(ctx, a, profile, &keyNotes)
	if err != nil {
		return nil, err
	}
	pr, err := r.v.ob2.VerifyToken(ctx, tok, resolver)
	if err != nil {
		return nil, fmt.Errorf("verify OB 2.0 signed badge: %w", err)
	}
	res.Checks = pr.Checks
	keyNotes.annotate(res.Checks)

	o := outcome{expired: ob2Expired(a, r.v.now())}
	ok := proofPassed(res.Checks)
	switch {
	case a.Revoked != nil && *a.Revoked:
		o.revoked = ok // ob2jws has failed the revocation check
	case ok && profile != nil && profile.RevocationList != "":
		c, revoked, err := r.ob2RevocationList(ctx, profile.RevocationList, a)
		if err != nil {
			return nil, err
		}
		res.Checks = append(res.Checks, c)
		o.revoked = revoked
	case ok:
		res.Checks = append(res.Checks, proof.Check{Name: proof.CheckRevocation, Passed: true,
			Message: "the issuer publishes no revocation list"})
	}
	res.Summary = ob2Summary(a, badge, profile)
	return o.finish(res), nil
}

// ob2Issuer finds the badge class (embedded, or fetched from its id) and
// the issuer's hosted profile. Either may be nil; the reasons go to n.
func (r *run) ob2Issuer(ctx context.Context, a *ob2.Assertion, n *notes) (*ob2.BadgeClass, *ob2.Profile, error) {
	badge := a.Badge.Object
	if badge == nil {
		id := a.Badge.IRI
		if id == "" {
			n.add("the assertion names no badge class")
			return nil, nil, nil
		}
		doc, err := r.docs.get(ctx, id)
		if isContextErr(err) {
			return nil, nil, err
		}
		if err != nil {
			n.add("the badge class is unavailable: %v", err)
			return nil, nil, nil
		}
		if badge, err = ob2.ParseBadgeClass(doc); err != nil {
			n.add("the document at %s is not a badge class: %v", id, err)
			return nil, nil, nil
		}
		if badge.ID != id {
			n.add("the badge class at %s has id %q", id, badge.ID)
			return nil, nil, nil
		}
	}
	// The issuer's keys and scope come from its hosted profile, even when
	// the badge class embeds a copy (OB 2.0 §"Signed Badges").
	issuerID := badge.Issuer.ID()
	if issuerID == "" {
		n.add("the badge class names no issuer")
		return badge, nil, nil
	}
	doc, err := r.docs.get(ctx, issuerID)
	if isContextErr(err) {
		return nil, nil, err
	}
	if err != nil {
		n.add("the issuer profile is unavailable: %v", err)
		return badge, nil, nil
	}
	profile, err := ob2.ParseProfile(doc)
	if err != nil {
		n.add("the document at %s is not an issuer profile: %v", issuerID, err)
		return badge, nil, nil
	}
	if profile.ID != issuerID {
		n.add("the issuer profile at %s has id %q", issuerID, profile.ID)
		return badge, nil, nil
	}
	return badge, profile, nil
}

// ob2Hosted verifies an OB 2.0 hosted assertion (OB 2.0 §"Hosted
// Verification"): the copy the issuer hosts at the assertion's id is the
// truth. presented is the JSON the user gave (nil when only the URL was
// baked into an image).
func (r *run) ob2Hosted(ctx context.Context, presented []byte, id string) (*Result, error) {
	res := &Result{Format: FormatOB2Hosted}
	var a *ob2.Assertion
	if presented != nil {
		var err error
		if a, err = ob2.ParseAssertion(presented); err != nil {
			return nil, err
		}
		if a.Verification != nil && a.Verification.IsSigned() {
			return signedWithoutJWS(a), nil
		}
		id = a.ID
		res.Checks = append(res.Checks, hostedFormat(a))
	} else {
		res.Checks = append(res.Checks, proof.Check{Name: proof.CheckFormat, Passed: true,
			Message: "a hosted assertion baked by its URL"})
	}
	var o outcome
	summarise := func(a *ob2.Assertion, badge *ob2.BadgeClass, profile *ob2.Profile) (*Result, error) {
		if a != nil {
			res.Summary = ob2Summary(a, badge, profile)
		}
		return o.finish(res), nil
	}
	if !isHTTPURL(id) {
		res.Checks = append(res.Checks, proof.Check{Name: CheckHosted,
			Message: fmt.Sprintf("not checked: the id %q is not the http(s) URL the assertion is hosted at", id)})
		return summarise(a, nil, nil)
	}

	hostedDoc, err := r.docs.get(ctx, id)
	switch {
	case isContextErr(err):
		return nil, err
	case errors.Is(err, ErrDocumentGone):
		res.Checks = append(res.Checks,
			proof.Check{Name: CheckHosted, Passed: true, Message: "the issuer answers 410 Gone at " + id},
			proof.Check{Name: proof.CheckRevocation, Message: "revoked: the issuer no longer hosts the assertion (410 Gone)"})
		o.revoked = true
		return summarise(a, nil, nil)
	case err != nil:
		res.Checks = append(res.Checks, proof.Check{Name: CheckHosted,
			Message: "the issuer's hosted copy could not be fetched: " + err.Error()})
		return summarise(a, nil, nil)
	}
	hosted, err := ob2.ParseAssertion(hostedDoc)
	if err != nil {
		res.Checks = append(res.Checks, proof.Check{Name: CheckHosted,
			Message: fmt.Sprintf("the document hosted at %s is not an assertion: %v", id, err)})
		return summarise(a, nil, nil)
	}
	res.Checks = append(res.Checks, hostedCheck(presented, hostedDoc, hosted, id))

	if hosted.Revoked != nil && *hosted.Revoked {
		msg := "revoked: the issuer's hosted copy says so"
		if hosted.RevocationReason != "" {
			msg += ": " + hosted.RevocationReason
		}
		res.Checks = append(res.Checks, proof.Check{Name: proof.CheckRevocation, Message: msg})
		o.revoked = true
		return summarise(hosted, nil, nil)
	}

	var issuerNotes notes
	badge, profile, err := r.ob2Issuer(ctx, hosted, &issuerNotes)
	if err != nil {
		return nil, err
	}
	res.Checks = append(res.Checks, issuerCheck(hosted, badge, profile, issuerNotes))
	res.Checks = append(res.Checks, ob2jws.ExpiryCheck(hosted, r.v.now()))
	o.expired = ob2Expired(hosted, r.v.now())

	if proofPassed(res.Checks) {
		c := proof.Check{Name: proof.CheckRevocation, Passed: true, Message: "the issuer hosts the assertion and does not mark it revoked"}
		if profile != nil && profile.RevocationList != "" {
			var revoked bool
			if c, revoked, err = r.ob2RevocationList(ctx, profile.RevocationList, hosted); err != nil {
				return nil, err
			}
			o.revoked = revoked
		}
		res.Checks = append(res.Checks, c)
	}
	return summarise(hosted, badge, profile)
}

// hostedFormat checks that an assertion presented as JSON is a hosted one.
func hostedFormat(a *ob2.Assertion) proof.Check {
	revoked := a.Revoked != nil && *a.Revoked
	var problems []string
	if !a.Type.Has(ob2.TypeAssertion) && !revoked {
		problems = append(problems, fmt.Sprintf("type %v is not Assertion", []string(a.Type)))
	}
	if (a.Verification == nil || !a.Verification.IsHosted()) && !revoked {
		problems = append(problems, "verification type is not HostedBadge")
	}
	if len(problems) > 0 {
		return proof.Check{Name: proof.CheckFormat, Message: strings.Join(problems, "; ")}
	}
	return proof.Check{Name: proof.CheckFormat, Passed: true}
}

// signedWithoutJWS is the verdict on a signed assertion's JSON presented
// without its signature.
func signedWithoutJWS(a *ob2.Assertion) *Result {
	res := &Result{Format: FormatOB2Signed, Summary: ob2Summary(a, nil, nil)}
	res.Checks = []proof.Check{
		{Name: proof.CheckFormat, Passed: true},
		{Name: proof.CheckSignature, Message: "this is the JSON of a signed assertion without its JWS; a signed badge verifies only as the JWS the issuer made"},
	}
	return outcome{}.finish(res)
}

// hostedCheck compares the presented assertion with the hosted copy or,
// when only the URL was presented, checks that the hosted document is
// itself a hosted assertion.
func hostedCheck(presented, hostedDoc []byte, hosted *ob2.Assertion, id string) proof.Check {
	fail := func(format string, args ...any) proof.Check {
		return proof.Check{Name: CheckHosted, Message: fmt.Sprintf(format, args...)}
	}
	if hosted.ID != id {
		return fail("the assertion hosted at %s has id %q", id, hosted.ID)
	}
	if presented == nil {
		if c := hostedFormat(hosted); !c.Passed {
			return fail("the document hosted at %s is not a hosted assertion: %s", id, c.Message)
		}
	} else if diff := jsonDiff(presented, hostedDoc); diff != "" {
		return fail("the assertion differs from the copy the issuer hosts at %s (%s): only the hosted copy is the issuer's", id, diff)
	}
	return proof.Check{Name: CheckHosted, Passed: true}
}

// jsonDiff names the top-level members in which two JSON objects differ,
// or returns "" if they are equal as JSON (member order and spacing aside).
func jsonDiff(a, b []byte) string {
	decode := func(doc []byte) (map[string]any, bool) {
		dec := json.NewDecoder(bytes.NewReader(doc))
		dec.UseNumber()
		var m map[string]any
		return m, dec.Decode(&m) == nil && m != nil
	}
	ma, okA := decode(a)
	mb, okB := decode(b)
	if !okA || !okB {
		return "not comparable as JSON objects"
	}
	var differ []string
	for k, va := range ma {
		if vb, ok := mb[k]; !ok || !reflect.DeepEqual(va, vb) {
			differ = append(differ, k)
		}
	}
	for k := range mb {
		if _, ok := ma[k]; !ok {
			differ = append(differ, k)
		}
	}
	if len(differ) == 0 {
		return ""
	}
	sort.Strings(differ)
	return "members " + strings.Join(differ, ", ")
}

// issuerCheck checks that the hosted assertion's badge class and issuer
// were found and that the issuer vouches for the assertion's URL: by
// default the issuer profile's origin; the profile's verification object
// may allow other origins or URL prefixes (OB 2.0 §VerificationObject).
func issuerCheck(a *ob2.Assertion, badge *ob2.BadgeClass, profile *ob2.Profile, n notes) proof.Check {
	if badge == nil || profile == nil {
		return proof.Check{Name: CheckIssuer, Message: strings.Join(n, "; ")}
	}
	if !inIssuerScope(a.ID, profile) {
		return proof.Check{Name: CheckIssuer, Message: fmt.Sprintf(
			"the assertion's URL %s is outside what the issuer %s vouches for", a.ID, profile.ID)}
	}
	return proof.Check{Name: CheckIssuer, Passed: true}
}

func inIssuerScope(assertionURL string, p *ob2.Profile) bool {
	u, err := url.Parse(assertionURL)
	if err != nil {
		return false
	}
	if v := p.Verification; v != nil {
		if len(v.StartsWith) > 0 {
			return slices.ContainsFunc(v.StartsWith, func(prefix string) bool {
				return prefix != "" && strings.HasPrefix(assertionURL, prefix)
			})
		}
		if len(v.AllowedOrigins) > 0 {
			return slices.Contains(v.AllowedOrigins, u.Host)
		}
	}
	issuer, err := url.Parse(p.ID)
	return err == nil && issuer.Host != "" && strings.EqualFold(issuer.Host, u.Host)
}

// ob2RevocationList checks the issuer's revocation list (OB 2.0 signed
// badge verification, step 7). revoked is true when the list revokes the
// assertion; an unavailable list fails the check without revoking.
func (r *run) ob2RevocationList(ctx context.Context, listURL string, a *ob2.Assertion) (c proof.Check, revoked bool, err error) {
	c.Name = proof.CheckRevocation
	doc, err := r.docs.get(ctx, listURL)
	if isContextErr(err) {
		return c, false, err
	}
	if err != nil {
		c.Message = "the issuer's revocation list could not be fetched, so whether the badge is revoked is unknown: " + err.Error()
		return c, false, nil
	}
	list, err := ob2.ParseRevocationList(doc)
	if err != nil {
		c.Message = fmt.Sprintf("the issuer's revocation list at %s does not parse: %v", listURL, err)
		return c, false, nil
	}
	if entry, ok := status.CheckOB2(list, a); ok {
		c.Message = "revoked by the issuer"
		if entry.Reason != "" {
			c.Message += ": " + entry.Reason
		}
		return c, true, nil
	}
	c.Passed, c.Message = true, "not on the issuer's revocation list"
	return c, false, nil
}

// ob2Expired reports whether the assertion has a readable expiry date that
// has passed.
func ob2Expired(a *ob2.Assertion, now time.Time) bool {
	if a.Expires.IsZero() {
		return false
	}
	at, err := a.Expires.Time()
	return err == nil && !now.Before(at)
}

// ob1Result is the verdict on an Open Badges 1.x assertion.
func ob1Result() *Result {
	res := &Result{Format: FormatOB1, Checks: []proof.Check{{Name: proof.CheckFormat,
		Message: "an Open Badges 1.x assertion: this verifier supports Open Badges 2.0 and 3.0"}}}
	return outcome{unsupported: true}.finish(res)
}
