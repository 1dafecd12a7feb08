package ob3

import (
	"errors"
	"fmt"
	"slices"

	"badged/credentials/ob2"
)

// ErrInvalid is wrapped by every error of the Validate methods.
var ErrInvalid = errors.New("invalid Open Badges 3.0 document")

// problems collects what is wrong with a document, with the path to each.
type problems []error

func (p *problems) add(path, format string, args ...any) {
	*p = append(*p, fmt.Errorf("%s: %s", path, fmt.Sprintf(format, args...)))
}

func (p *problems) require(path string, present bool) {
	if !present {
		*p = append(*p, fmt.Errorf("%s is required", path))
	}
}

func (p problems) err(what string) error {
	if len(p) == 0 {
		return nil
	}
	return fmt.Errorf("%w: %s: %w", ErrInvalid, what, errors.Join(p...))
}

// Validate checks the rules of the specification that the JSON Schema
// (credentials/schema) does not express, or that this library adds for
// what it issues, and returns every problem found:
//
//   - the contexts: VCDM 2.0 then an Open Badges 3.0 context; extensions.json
//     when 1EdTech status, refresh or schema types are used; the extension
//     context when extension terms are used (an undefined term is not
//     signed);
//   - the types, id, issuer id, and validFrom, validUntil and awardedDate as
//     date-times with a time zone, validUntil after validFrom;
//   - a subject with an id or an identifier, valid identity objects, and the
//     achievement with its required properties and enumerated values;
//   - results that point at result descriptions of the achievement, with a
//     status where the description's resultType is Status;
//   - a bitstring status entry with purpose, index and list;
//   - every embedded endorsement.
func (c AchievementCredential) Validate() error {
	var p problems
	checkEnvelope(&p, envelope{
		context: c.Context, id: c.ID, types: c.Type, issuer: c.Issuer,
		validFrom: c.ValidFrom, validUntil: c.ValidUntil, awardedDate: c.AwardedDate,
		status: c.CredentialStatus, refresh: c.RefreshService, schemas: c.CredentialSchema, proofs: c.Proof,
	})
	if !c.Type.Has(TypeOpenBadgeCredential) && !c.Type.Has(TypeAchievementCredential) {
		p.add("type", "must include %s or %s", TypeOpenBadgeCredential, TypeAchievementCredential)
	}
	if c.Image != nil {
		checkImage(&p, "image", *c.Image)
	}
	s := c.CredentialSubject
	if !s.Type.Has(TypeAchievementSubject) {
		p.add("credentialSubject.type", "must include %s", TypeAchievementSubject)
	}
	if s.ID == "" && len(s.Identifier) == 0 {
		p.add("credentialSubject", "needs an id or at least one identifier")
	}
	for i, id := range s.Identifier {
		checkIdentityObject(&p, fmt.Sprintf("credentialSubject.identifier[%d]", i), id)
	}
	if s.Image != nil {
		checkImage(&p, "credentialSubject.image", *s.Image)
	}
	if s.Source != nil {
		checkProfile(&p, "credentialSubject.source", *s.Source)
	}
	if s.Achievement == nil {
		p.require("credentialSubject.achievement", false)
	} else {
		checkAchievement(&p, "credentialSubject.achievement", *s.Achievement)
		checkResults(&p, s.Result, *s.Achievement)
		if !s.Achievement.Extension.IsZero() && !slices.ContainsFunc(c.Context, func(e ContextEntry) bool { return isExtensionContextURL(e.URL) }) {
			p.add("@context", "must include the extension context (ExtensionContextURL) when extension terms are used")
		}
	}
	for i, e := range c.Evidence {
		if !e.Type.Has(TypeEvidence) {
			p.add(fmt.Sprintf("evidence[%d].type", i), "must include %s", TypeEvidence)
		}
	}
	for i, e := range c.Endorsement {
		if err := e.Validate(); err != nil {
			p.add(fmt.Sprintf("endorsement[%d]", i), "%v", err)
		}
	}
	return p.err("achievement credential " + c.ID)
}

// Validate checks an endorsement credential: the envelope as for an
// achievement credential, a name, and a subject with the endorsed id.
func (c EndorsementCredential) Validate() error {
	var p problems
	checkEnvelope(&p, envelope{
		context: c.Context, id: c.ID, types: c.Type, issuer: c.Issuer,
		validFrom: c.ValidFrom, validUntil: c.ValidUntil, awardedDate: c.AwardedDate,
		status: c.CredentialStatus, refresh: c.RefreshService, schemas: c.CredentialSchema, proofs: c.Proof,
	})
	if !c.Type.Has(TypeEndorsementCredential) {
		p.add("type", "must include %s", TypeEndorsementCredential)
	}
	p.require("name", c.Name != "")
	p.require("credentialSubject.id", c.CredentialSubject.ID != "")
	if !c.CredentialSubject.Type.Has(TypeEndorsementSubject) {
		p.add("credentialSubject.type", "must include %s", TypeEndorsementSubject)
	}
	return p.err("endorsement credential " + c.ID)
}

// Validate checks an achievement on its own, as published at its id.
func (a Achievement) Validate() error {
	var p problems
	checkAchievement(&p, "achievement", a)
	return p.err("achievement " + a.ID)
}

// envelope is what achievement and endorsement credentials share.
type envelope struct {
	context                            Context
	id                                 string
	types                              Types
	issuer                             ProfileRef
	validFrom, validUntil, awardedDate DateTime
	status                             *CredentialStatus
	refresh                            *RefreshService
	schemas                            List[CredentialSchema]
	proofs                             List[Proof]
}

func checkEnvelope(p *problems, e envelope) {
	switch {
	case len(e.context) < 2:
		p.add("@context", "must list the VCDM 2.0 and Open Badges 3.0 contexts")
	case e.context[0].URL != ContextVCv2:
		p.add("@context[0]", "must be %s (only VCDM 2.0 credentials are issued)", ContextVCv2)
	case !obContextPattern.MatchString(e.context[1].URL):
		p.add("@context[1]", "must be an Open Badges 3.0 context such as %s", ContextOB)
	}
	needsOBExtensions := e.refresh != nil && e.refresh.Type == TypeCredentialRefresh ||
		e.status != nil && e.status.Type == TypeRevocationList ||
		slices.ContainsFunc(e.schemas, func(s CredentialSchema) bool { return s.Type == TypeJSONSchemaValidator })
	if needsOBExtensions && !e.context.HasURL(ContextOBExtensions) {
		p.add("@context", "must include %s for the 1EdTech status, refresh and schema types", ContextOBExtensions)
	}
	p.require("id", e.id != "")
	if !e.types.Has(TypeVerifiableCredential) {
		p.add("type", "must include %s", TypeVerifiableCredential)
	}
	if e.issuer.Profile != nil {
		checkProfile(p, "issuer", *e.issuer.Profile)
	} else {
		p.require("issuer", e.issuer.IRI != "")
	}
	p.require("validFrom", e.validFrom != "")
	checkDateTimeZ(p, "validFrom", e.validFrom)
	checkDateTimeZ(p, "validUntil", e.validUntil)
	checkDateTimeZ(p, "awardedDate", e.awardedDate)
	if e.validFrom != "" && e.validUntil != "" {
		from, err1 := e.validFrom.Time()
		until, err2 := e.validUntil.Time()
		if err1 == nil && err2 == nil && !until.After(from) {
			p.add("validUntil", "must be after validFrom")
		}
	}
	if e.status != nil {
		checkStatus(p, *e.status)
	}
	for i, pr := range e.proofs {
		p.require(fmt.Sprintf("proof[%d].type", i), pr.Type != "")
	}
}

func checkDateTimeZ(p *problems, path string, d DateTime) {
	if d == "" {
		return
	}
	if err := d.validZ(); err != nil {
		p.add(path, "%v", err)
	}
}

func checkStatus(p *problems, s CredentialStatus) {
	p.require("credentialStatus.id", s.ID != "")
	p.require("credentialStatus.type", s.Type != "")
	if s.Type != TypeBitstringStatusListEntry {
		return
	}
	p.require("credentialStatus.statusPurpose", s.StatusPurpose != "")
	p.require("credentialStatus.statusListCredential", s.StatusListCredential != "")
	if _, err := s.StatusListIndex.Int(); err != nil {
		p.add("credentialStatus.statusListIndex", "%v", err)
	}
}

func checkAchievement(p *problems, path string, a Achievement) {
	p.require(path+".id", a.ID != "")
	if !a.Type.Has(TypeAchievement) {
		p.add(path+".type", "must include %s", TypeAchievement)
	}
	p.require(path+".name", a.Name != "")
	p.require(path+".description", a.Description != "")
	if a.Criteria == nil || a.Criteria.ID == "" && a.Criteria.Narrative == "" {
		p.add(path+".criteria", "needs an id or a narrative")
	}
	if a.AchievementType != "" && !a.AchievementType.Valid() {
		p.add(path+".achievementType", "%q is neither a defined type nor an ext: value", a.AchievementType)
	}
	if a.Image != nil {
		checkImage(p, path+".image", *a.Image)
	}
	if a.Creator != nil {
		checkProfile(p, path+".creator", *a.Creator)
	}
	if a.CreditsAvailable != nil && *a.CreditsAvailable < 0 {
		p.add(path+".creditsAvailable", "%v is negative", *a.CreditsAvailable)
	}
	for i, al := range a.Alignment {
		checkAlignment(p, fmt.Sprintf("%s.alignment[%d]", path, i), al)
	}
	for i, d := range a.ResultDescription {
		dp := fmt.Sprintf("%s.resultDescription[%d]", path, i)
		p.require(dp+".id", d.ID != "")
		p.require(dp+".name", d.Name != "")
		if !d.ResultType.Valid() {
			p.add(dp+".resultType", "%q is neither a defined type nor an ext: value", d.ResultType)
		}
	}
	for i, e := range a.OtherIdentifier {
		ep := fmt.Sprintf("%s.otherIdentifier[%d]", path, i)
		p.require(ep+".identifier", e.Identifier != "")
		if !e.IdentifierType.Valid() {
			p.add(ep+".identifierType", "%q is neither a defined type nor an ext: value", e.IdentifierType)
		}
	}
	for _, err := range a.Extension.validate() {
		p.add(path, "%v", err)
	}
	for i, e := range a.Endorsement {
		if err := e.Validate(); err != nil {
			p.add(fmt.Sprintf("%s.endorsement[%d]", path, i), "%v", err)
		}
	}
}

// checkProfile checks an embedded profile: its id and type, its image, its
// parent organisation, and its endorsements.
func checkProfile(p *problems, path string, pr Profile) {
	p.require(path+".id", pr.ID != "")
	if !pr.Type.Has(TypeProfile) {
		p.add(path+".type", "must include %s", TypeProfile)
	}
	if pr.Image != nil {
		checkImage(p, path+".image", *pr.Image)
	}
	if pr.ParentOrg != nil {
		checkProfile(p, path+".parentOrg", *pr.ParentOrg)
	}
	for i, e := range pr.Endorsement {
		if err := e.Validate(); err != nil {
			p.add(fmt.Sprintf("%s.endorsement[%d]", path, i), "%v", err)
		}
	}
}

func checkAlignment(p *problems, path string, al Alignment) {
	p.require(path+".targetName", al.TargetName != "")
	p.require(path+".targetUrl", al.TargetURL != "")
	if al.TargetType != "" && !al.TargetType.Valid() {
		p.add(path+".targetType", "%q is neither a defined type nor an ext: value", al.TargetType)
	}
}

func checkImage(p *problems, path string, im Image) {
	p.require(path+".id", im.ID != "")
	if im.Type != TypeImage {
		p.add(path+".type", "must be %s", TypeImage)
	}
}

func checkIdentityObject(p *problems, path string, o IdentityObject) {
	if o.Type != TypeIdentityObject {
		p.add(path+".type", "must be %s", TypeIdentityObject)
	}
	p.require(path+".identityHash", o.IdentityHash != "")
	if !o.IdentityType.Valid() {
		p.add(path+".identityType", "%q is neither a defined type nor an ext: value", o.IdentityType)
	}
	if o.Hashed && !ob2.IsIdentityHash(o.IdentityHash) {
		p.add(path+".identityHash", "is not a sha256$ or md5$ hex IdentityHash")
	}
}

func checkResults(p *problems, results List[Result], a Achievement) {
	for i, r := range results {
		path := fmt.Sprintf("credentialSubject.result[%d]", i)
		if !r.Type.Has(TypeResult) {
			p.add(path+".type", "must include %s", TypeResult)
		}
		if r.Status != "" && !r.Status.Valid() {
			p.add(path+".status", "%q is not a result status", r.Status)
		}
		if r.ResultDescription == "" {
			continue
		}
		i := slices.IndexFunc(a.ResultDescription, func(d ResultDescription) bool { return d.ID == r.ResultDescription })
		if i < 0 {
			p.add(path+".resultDescription", "%q is not a result description of the achievement", r.ResultDescription)
			continue
		}
		if a.ResultDescription[i].ResultType == ResultStatusType && r.Status == "" {
			p.add(path+".status", "is required when the result description's resultType is Status")
		}
	}
}
