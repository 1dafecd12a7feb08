package verify

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"

	"badged/credentials/ob3"
	"badged/credentials/proof"
	"badged/credentials/proof/vcjwt"
	"badged/credentials/status"
)

// credentialStatus checks an OB 3.0 credential's credentialStatus
// (implementation brief §2.7 and §4 step 4): a 1EdTech Revocation List, or
// a W3C Bitstring Status List whose list credential must itself verify,
// be issued by the credential's issuer and be within its validity period.
// A status document that cannot be fetched or trusted fails the check: the
// badge may be revoked, so it is not called valid. It sets o.revoked when
// the issuer revoked (or suspended) the credential, and o.unsupported for a
// status method this verifier does not know.
func (r *run) credentialStatus(ctx context.Context, cred *ob3.AchievementCredential, o *outcome) (proof.Check, error) {
	cs := cred.CredentialStatus
	c := proof.Check{Name: proof.CheckRevocation}
	switch cs.Type {
	case ob3.TypeRevocationList:
		return r.revocationList(ctx, cred, cs.ID, o)
	case ob3.TypeBitstringStatusListEntry:
		return r.bitstringStatus(ctx, cred, cs, o)
	}
	o.unsupported = true
	c.Message = fmt.Sprintf("unsupported status method %q: whether the credential is revoked is unknown", cs.Type)
	return c, nil
}

// revocationList checks a 1EdTech Revocation List: an unsigned JSON
// document at the URL the (signed) credential names.
func (r *run) revocationList(ctx context.Context, cred *ob3.AchievementCredential, listURL string, o *outcome) (proof.Check, error) {
	c := proof.Check{Name: proof.CheckRevocation}
	doc, err := r.docs.get(ctx, listURL)
	if isContextErr(err) {
		return c, err
	}
	if err != nil {
		c.Message = unknownStatus("the issuer's revocation list could not be fetched", err)
		return c, nil
	}
	list, err := status.ParseRevocationList(doc)
	if err != nil {
		c.Message = unknownStatus("the issuer's revocation list at "+listURL+" does not parse", err)
		return c, nil
	}
	if entry, ok := list.Lookup(cred.ID); ok {
		c.Message = "revoked by the issuer"
		if entry.RevocationReason != "" {
			c.Message += ": " + entry.RevocationReason
		}
		o.revoked = true
		return c, nil
	}
	c.Passed, c.Message = true, "not on the issuer's revocation list "+listURL
	return c, nil
}

// bitstringStatus checks a BitstringStatusListEntry.
func (r *run) bitstringStatus(ctx context.Context, cred *ob3.AchievementCredential, cs *ob3.CredentialStatus, o *outcome) (proof.Check, error) {
	c := proof.Check{Name: proof.CheckRevocation}
	listURL := cs.StatusListCredential
	doc, err := r.docs.get(ctx, listURL)
	if isContextErr(err) {
		return c, err
	}
	if err != nil {
		c.Message = unknownStatus("the status list could not be fetched", err)
		return c, nil
	}
	list, problem, err := r.trustedStatusList(ctx, doc, cred.Issuer.ID())
	if err != nil {
		return c, err
	}
	if problem != "" {
		c.Message = unknownStatus("the status list at "+listURL+" cannot be trusted", errors.New(problem))
		return c, nil
	}
	set, err := status.CheckBitstring(*cs, list)
	switch {
	case errors.Is(err, proof.ErrUnsupported):
		o.unsupported = true
		c.Message = unknownStatus("the status entry is not one this verifier checks", err)
		return c, nil
	case err != nil:
		c.Message = unknownStatus("the status entry does not fit the status list at "+listURL, err)
		return c, nil
	}
	where := fmt.Sprintf("status list %s, index %s", listURL, cs.StatusListIndex)
	switch {
	case set && cs.StatusPurpose == string(status.PurposeSuspension):
		c.Message = "suspended by the issuer (" + where + ")"
		o.revoked = true
	case set:
		c.Message = "revoked by the issuer (" + where + ")"
		o.revoked = true
	default:
		c.Passed, c.Message = true, "not "+cs.StatusPurpose+" ("+where+")"
	}
	return c, nil
}

// trustedStatusList parses a BitstringStatusListCredential and verifies it
// as a credential in its own right: its proof (Data Integrity or VC-JWT,
// with the same key rules as any credential), its issuer (the credential's)
// and its validity period. problem says why it cannot be trusted; the
// error is non-nil only when verification could not run.
func (r *run) trustedStatusList(ctx context.Context, doc []byte, issuer string) (list *status.ListCredential, problem string, err error) {
	var res proof.Result
	var keyNotes notes
	doc = bytes.TrimSpace(doc)
	if len(doc) > 0 && doc[0] == '{' {
		if list, err = status.ParseListCredential(doc); err != nil {
			return nil, err.Error(), nil
		}
		if list.Issuer.ID() != issuer {
			return nil, fmt.Sprintf("it is issued by %q, not by the credential's issuer %q", list.Issuer.ID(), issuer), nil
		}
		if res, err = r.v.suite.Verify(ctx, doc, r.ob3Keys(issuer, &keyNotes)); err != nil {
			return nil, "", fmt.Errorf("verify status list: %w", err)
		}
		cred := &ob3.AchievementCredential{ValidFrom: list.ValidFrom, ValidUntil: list.ValidUntil}
		res.Checks = append(res.Checks, r.dateChecks(cred)...)
	} else {
		t, err := vcjwt.Parse(doc)
		if err != nil {
			return nil, "it is neither a JSON credential nor a VC-JWT: " + err.Error(), nil
		}
		if list, err = status.ParseListCredential(t.Credential); err != nil {
			return nil, err.Error(), nil
		}
		if list.Issuer.ID() != issuer {
			return nil, fmt.Sprintf("it is issued by %q, not by the credential's issuer %q", list.Issuer.ID(), issuer), nil
		}
		if res, err = r.v.jwt.VerifyToken(ctx, t, r.ob3Keys(issuer, &keyNotes)); err != nil {
			return nil, "", fmt.Errorf("verify status list: %w", err)
		}
	}
	if !res.Valid() {
		keyNotes.annotate(res.Checks)
		return nil, "its own proof or dates do not verify: " + oneLine(res.Failures()), nil
	}
	return list, "", nil
}

// unknownStatus says that the status is unknown, and why.
func unknownStatus(what string, err error) string {
	return what + ", so whether the credential is revoked is unknown: " + err.Error()
}

// oneLine joins proof.Result.Failures' lines.
func oneLine(s string) string { return strings.ReplaceAll(strings.TrimSpace(s), "\n", "; ") }
