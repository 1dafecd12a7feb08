package verify

import (
	"time"

	"badged/credentials/ob2"
	"badged/credentials/ob3"
)

// Summary is what a badge certifies, in the terms an employer reads: who
// issued it, for what, to whom, when, and with which competencies and
// credits. It is read from the badge alone (and, for OB 2.0, its badge
// class and issuer profile); a recipient's hashed identity stays hashed.
type Summary struct {
	// ID is the assertion's or credential's id.
	ID string `json:"id,omitempty"`
	// Name is the credential's own display name (OB 3.0), which may differ
	// from the achievement's.
	Name string `json:"name,omitempty"`
	// Types are the document's types, e.g. VerifiableCredential and
	// OpenBadgeCredential.
	Types       []string     `json:"types,omitempty"`
	Issuer      Party        `json:"issuer,omitzero"`
	Achievement *Achievement `json:"achievement,omitempty"`
	Recipient   *Recipient   `json:"recipient,omitempty"`
	// CreditsEarned is the credit the recipient earned (OB 3.0
	// credentialSubject.creditsEarned).
	CreditsEarned *float64 `json:"credits_earned,omitempty"`
	// IssuedOn is when the badge was awarded: OB 2.0 issuedOn, OB 3.0
	// awardedDate, validFrom or (VC 1.1) issuanceDate.
	IssuedOn time.Time `json:"issued_on,omitzero"`
	// ValidFrom is when the credential becomes valid (OB 3.0).
	ValidFrom time.Time `json:"valid_from,omitzero"`
	// ValidUntil is when it expires: OB 2.0 expires, OB 3.0 validUntil or
	// (VC 1.1) expirationDate.
	ValidUntil time.Time  `json:"valid_until,omitzero"`
	Evidence   []Evidence `json:"evidence,omitempty"`
	// RevocationReason is the issuer's reason, when it revoked the badge
	// and gave one.
	RevocationReason string `json:"revocation_reason,omitempty"`
}

// Party is an issuer.
type Party struct {
	ID    string `json:"id,omitempty"`
	Name  string `json:"name,omitempty"`
	URL   string `json:"url,omitempty"`
	Email string `json:"email,omitempty"`
}

// Achievement is what was earned: the OB 3.0 Achievement or the OB 2.0
// BadgeClass.
type Achievement struct {
	ID          string `json:"id,omitempty"`
	Name        string `json:"name,omitempty"`
	Description string `json:"description,omitempty"`
	// Type is the OB 3.0 achievementType (MicroCredential, Badge, ...).
	Type              string `json:"type,omitempty"`
	CriteriaURL       string `json:"criteria_url,omitempty"`
	CriteriaNarrative string `json:"criteria_narrative,omitempty"`
	Image             string `json:"image,omitempty"`
	// HumanCode is the achievement's code, e.g. a course code.
	HumanCode    string      `json:"human_code,omitempty"`
	FieldOfStudy string      `json:"field_of_study,omitempty"`
	Tags         []string    `json:"tags,omitempty"`
	Alignments   []Alignment `json:"alignments,omitempty"`
	// CreditsAvailable is OB 3.0 creditsAvailable, in the issuer's own
	// credit system.
	CreditsAvailable *float64 `json:"credits_available,omitempty"`
	// CreditStatus is the credit-bearing status of this service's
	// extension (CreditBearing, NonCreditBearing, EmbeddedInCreditBearing).
	CreditStatus string `json:"credit_status,omitempty"`
	// ECTSCredits is the extension's notional workload in ECTS credits.
	ECTSCredits *float64 `json:"ects_credits,omitempty"`
}

// Alignment is a competency, learning outcome, level or stacked credential
// the achievement is aligned with.
type Alignment struct {
	Name        string `json:"name,omitempty"`
	URL         string `json:"url,omitempty"`
	Framework   string `json:"framework,omitempty"`
	Code        string `json:"code,omitempty"`
	Description string `json:"description,omitempty"`
	// Type is the OB 3.0 targetType, e.g. ceasn:Competency.
	Type string `json:"type,omitempty"`
}

// Recipient is whom the badge was awarded to.
type Recipient struct {
	// ID is the OB 3.0 credentialSubject.id (a DID or URI).
	ID         string     `json:"id,omitempty"`
	Identities []Identity `json:"identities,omitempty"`
}

// Identity is one way the badge names its recipient. A hashed identity is
// shown as its IdentityHash ("sha256$…"): it can be checked against an
// address the reader already knows, never reversed.
type Identity struct {
	// Type is email, url, telephone (OB 2.0) or an OB 3.0 identityType
	// such as emailAddress.
	Type   string `json:"type,omitempty"`
	Hashed bool   `json:"hashed"`
	// Value is the identity in plain text, or its IdentityHash when hashed.
	Value string `json:"value,omitempty"`
}

// Evidence is a piece of work shown for the badge.
type Evidence struct {
	URL         string `json:"url,omitempty"`
	Name        string `json:"name,omitempty"`
	Description string `json:"description,omitempty"`
	Narrative   string `json:"narrative,omitempty"`
}

// ob2Summary summarises an OB 2.0 assertion with its badge class and
// issuer profile, either of which may be nil.
func ob2Summary(a *ob2.Assertion, badge *ob2.BadgeClass, issuer *ob2.Profile) *Summary {
	s := &Summary{
		ID:               a.ID,
		Types:            []string(a.Type),
		IssuedOn:         ob2Time(a.IssuedOn),
		ValidUntil:       ob2Time(a.Expires),
		RevocationReason: a.RevocationReason,
	}
	if badge == nil {
		badge = a.Badge.Object
	}
	if issuer == nil && badge != nil {
		issuer = badge.Issuer.Object
	}
	switch {
	case issuer != nil:
		s.Issuer = Party{ID: issuer.ID, Name: issuer.Name, URL: issuer.URL, Email: issuer.Email}
	case badge != nil:
		s.Issuer.ID = badge.Issuer.ID()
	}
	if badge != nil {
		s.Achievement = ob2Achievement(badge)
	}
	if r := a.Recipient; r != nil {
		id := Identity{Type: r.Type, Hashed: r.Hashed, Value: r.Identity}
		s.Recipient = &Recipient{Identities: []Identity{id}}
	}
	for _, e := range a.Evidence {
		ev := Evidence{URL: e.ID()}
		if o := e.Object; o != nil {
			ev.Name, ev.Description, ev.Narrative = o.Name, o.Description, o.Narrative
		}
		s.Evidence = append(s.Evidence, ev)
	}
	return s
}

func ob2Achievement(b *ob2.BadgeClass) *Achievement {
	a := &Achievement{
		ID:          b.ID,
		Name:        b.Name,
		Description: b.Description,
		CriteriaURL: b.Criteria.ID(),
		Image:       b.Image.ID(),
		Tags:        []string(b.Tags),
	}
	if c := b.Criteria.Object; c != nil {
		a.CriteriaNarrative = c.Narrative
	}
	for _, al := range b.Alignment {
		a.Alignments = append(a.Alignments, Alignment{
			Name: al.TargetName, URL: al.TargetURL, Framework: al.TargetFramework,
			Code: al.TargetCode, Description: al.TargetDescription,
		})
	}
	return a
}

// ob3Summary summarises an OB 3.0 credential. issuer is the published
// profile when the credential names its issuer by IRI alone, else nil.
func ob3Summary(c *ob3.AchievementCredential, issuer *ob3.Profile) *Summary {
	s := &Summary{
		ID:         c.ID,
		Name:       c.Name,
		Types:      []string(c.Type),
		ValidFrom:  ob3Time(c.ValidFrom),
		ValidUntil: ob3Time(c.ValidUntil),
		IssuedOn:   ob3Time(c.AwardedDate),
	}
	if s.ValidFrom.IsZero() {
		s.ValidFrom = ob3Time(c.IssuanceDate)
	}
	if s.ValidUntil.IsZero() {
		s.ValidUntil = ob3Time(c.ExpirationDate)
	}
	if s.IssuedOn.IsZero() {
		s.IssuedOn = s.ValidFrom
	}
	if c.Issuer.Profile != nil {
		issuer = c.Issuer.Profile
	}
	s.Issuer.ID = c.Issuer.ID()
	if issuer != nil {
		s.Issuer.Name, s.Issuer.URL, s.Issuer.Email = issuer.Name, issuer.URL, issuer.Email
	}

	subj := c.CredentialSubject
	s.CreditsEarned = subj.CreditsEarned
	if subj.ID != "" || len(subj.Identifier) > 0 {
		r := &Recipient{ID: subj.ID}
		for _, id := range subj.Identifier {
			r.Identities = append(r.Identities, Identity{Type: string(id.IdentityType), Hashed: id.Hashed, Value: id.IdentityHash})
		}
		s.Recipient = r
	}
	if a := subj.Achievement; a != nil {
		s.Achievement = ob3Achievement(a)
	}
	for _, e := range c.Evidence {
		s.Evidence = append(s.Evidence, Evidence{URL: e.ID, Name: e.Name, Description: e.Description, Narrative: e.Narrative})
	}
	return s
}

func ob3Achievement(a *ob3.Achievement) *Achievement {
	out := &Achievement{
		ID:               a.ID,
		Name:             a.Name,
		Description:      a.Description,
		Type:             string(a.AchievementType),
		HumanCode:        a.HumanCode,
		FieldOfStudy:     a.FieldOfStudy,
		Tags:             []string(a.Tag),
		CreditsAvailable: a.CreditsAvailable,
		CreditStatus:     string(a.Extension.CreditStatus),
		ECTSCredits:      a.Extension.ECTSCredits,
	}
	if c := a.Criteria; c != nil {
		out.CriteriaURL, out.CriteriaNarrative = c.ID, c.Narrative
	}
	if a.Image != nil {
		out.Image = a.Image.ID
	}
	for _, al := range a.Alignment {
		out.Alignments = append(out.Alignments, Alignment{
			Name: al.TargetName, URL: al.TargetURL, Framework: al.TargetFramework, Code: al.TargetCode,
			Description: al.TargetDescription, Type: string(al.TargetType),
		})
	}
	return out
}

// ob2Time and ob3Time read a date for display; a date that does not parse
// is left out (the checks report it where it matters).
func ob2Time(d ob2.DateTime) time.Time {
	t, err := d.Time()
	if err != nil {
		return time.Time{}
	}
	return t.UTC()
}

func ob3Time(d ob3.DateTime) time.Time {
	t, err := d.Time()
	if err != nil {
		return time.Time{}
	}
	return t.UTC()
}
