package ob2

import (
	"errors"
	"fmt"
	"strings"
)

// Validate checks the assertion's required properties (specification
// §Assertion) and returns every problem found, joined. An embedded badge
// class, and its embedded issuer, are validated too. A revoked assertion
// needs only its id.
func (a Assertion) Validate() error {
	var errs []error
	if a.ID == "" {
		errs = append(errs, errors.New("id is required"))
	}
	if a.Revoked != nil && *a.Revoked {
		return wrap("assertion", errs)
	}
	errs = append(errs, requireType(a.Type, TypeAssertion))
	if a.Recipient == nil {
		errs = append(errs, errors.New("recipient is required"))
	} else {
		if a.Recipient.Type == "" {
			errs = append(errs, errors.New("recipient: type is required"))
		}
		if a.Recipient.Identity == "" {
			errs = append(errs, errors.New("recipient: identity is required"))
		}
		if a.Recipient.Hashed && !IsIdentityHash(a.Recipient.Identity) {
			errs = append(errs, errors.New("recipient: identity is not a sha256$ or md5$ hex IdentityHash"))
		}
	}
	if a.Badge.IsZero() {
		errs = append(errs, errors.New("badge is required"))
	} else if a.Badge.Object != nil {
		errs = append(errs, wrap("badge", []error{a.Badge.Object.Validate()}))
	}
	switch {
	case a.Verification == nil:
		errs = append(errs, errors.New("verification is required"))
	case !a.Verification.IsHosted() && !a.Verification.IsSigned():
		errs = append(errs, fmt.Errorf("verification: type %q is neither HostedBadge nor SignedBadge", a.Verification.Type))
	}
	errs = append(errs, requireDateTime("issuedOn", a.IssuedOn, true), requireDateTime("expires", a.Expires, false))
	return wrap("assertion", errs)
}

// Validate checks the badge class's required properties (specification
// §BadgeClass): id, type, name, description, image, criteria, issuer, and
// alignments with a target name and URL.
func (c BadgeClass) Validate() error {
	errs := []error{requireType(c.Type, TypeBadgeClass)}
	errs = append(errs, required(
		present{"id", c.ID != ""}, present{"name", c.Name != ""}, present{"description", c.Description != ""},
		present{"image", !c.Image.IsZero()}, present{"criteria", !c.Criteria.IsZero()}, present{"issuer", !c.Issuer.IsZero()}))
	for i, al := range c.Alignment {
		if al.TargetName == "" || al.TargetURL == "" {
			errs = append(errs, fmt.Errorf("alignment[%d]: targetName and targetUrl are required", i))
		}
	}
	if c.Issuer.Object != nil {
		errs = append(errs, wrap("issuer", []error{c.Issuer.Object.ValidateIssuer()}))
	}
	return wrap("badge class", errs)
}

// ValidateIssuer checks what an issuer's profile requires: id, type
// (Issuer or Profile), name, url and email.
func (p Profile) ValidateIssuer() error {
	var errs []error
	if !p.Type.Has(TypeIssuer) && !p.Type.Has(TypeProfile) {
		errs = append(errs, fmt.Errorf("type %q has neither Issuer nor Profile", p.Type))
	}
	errs = append(errs, required(
		present{"id", p.ID != ""}, present{"name", p.Name != ""}, present{"url", p.URL != ""}, present{"email", p.Email != ""}))
	return wrap("issuer profile", errs)
}

// Validate checks the endorsement's required properties (specification
// §Endorsement): id, type, claim with the endorsed id, issuer, issuedOn and
// verification.
func (e Endorsement) Validate() error {
	errs := []error{requireType(e.Type, TypeEndorsement), requireDateTime("issuedOn", e.IssuedOn, true)}
	if e.ID == "" {
		errs = append(errs, errors.New("id is required"))
	}
	if e.Claim == nil || e.Claim.ID == "" {
		errs = append(errs, errors.New("claim with the endorsed id is required"))
	}
	if e.Issuer.IsZero() {
		errs = append(errs, errors.New("issuer is required"))
	}
	if e.Verification == nil {
		errs = append(errs, errors.New("verification is required"))
	}
	return wrap("endorsement", errs)
}

// present says whether a required property has a value.
type present struct {
	name string
	ok   bool
}

// required reports each absent property, in order.
func required(ps ...present) error {
	var errs []error
	for _, p := range ps {
		if !p.ok {
			errs = append(errs, fmt.Errorf("%s is required", p.name))
		}
	}
	return errors.Join(errs...)
}

func requireType(ts Types, want string) error {
	if !ts.Has(want) {
		return fmt.Errorf("type must include %q", want)
	}
	return nil
}

func requireDateTime(name string, d DateTime, required bool) error {
	if d == "" {
		if required {
			return fmt.Errorf("%s is required", name)
		}
		return nil
	}
	if _, err := d.Time(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// IsIdentityHash reports whether s has the form of an IdentityHash: the
// algorithm sha256 or md5, "$", and a digest of the right length in hex.
func IsIdentityHash(s string) bool {
	alg, digest, ok := strings.Cut(s, "$")
	if !ok {
		return false
	}
	n := map[string]int{HashSHA256: 64, HashMD5: 32}[strings.ToLower(alg)]
	if n == 0 || len(digest) != n {
		return false
	}
	return strings.Trim(digest, "0123456789abcdefABCDEF") == ""
}

// wrap joins errs (ignoring nils) under a prefix, or returns nil.
func wrap(prefix string, errs []error) error {
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("%s: %w", prefix, err)
	}
	return nil
}
