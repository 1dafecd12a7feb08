package ob3

import (
	_ "embed"
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// ExtensionContext is the JSON-LD context of this library's extension
// (badged-v1.jsonld): the terms Open Badges 3.0 lacks for the credit status
// of a micro-credential and for the EU micro-credential elements. The
// service serves it at ExtensionContextURL and registers it with the
// JSON-LD loader, so that Data Integrity proofs sign these terms; an
// undefined term would be dropped from the signed data, or refused.
//
// Its terms are @protected and their IRIs are in ExtensionVocabulary.
// Enumerated values (creditStatus, participationForm, ...) are "@type":
// "@vocab" terms whose values are defined in property-scoped contexts, so
// "CreditBearing" is signed as the IRI ExtensionVocabulary+"CreditBearing".
//
//go:embed badged-v1.jsonld
var ExtensionContext []byte

// ExtensionVocabulary is the namespace of the extension's terms. It does
// not depend on where a deployment serves the context, so the same term
// means the same thing in credentials from every deployment; it must never
// change once credentials are issued (a new vocabulary needs a new context
// version).
const ExtensionVocabulary = "https://w3id.org/badged/v1#"

// ExtensionContextPath is where, under the service's public base URL, the
// extension context is served.
const ExtensionContextPath = "/contexts/badged/v1.jsonld"

// ExtensionContextURL returns the URL of the extension context for a
// service whose public base URL is publicBase, e.g.
// "https://issuer.example.edu" gives
// "https://issuer.example.edu/contexts/badged/v1.jsonld".
func ExtensionContextURL(publicBase string) string {
	return strings.TrimRight(publicBase, "/") + ExtensionContextPath
}

// isExtensionContextURL reports whether url is the extension context of
// some deployment.
func isExtensionContextURL(url string) bool {
	return strings.HasPrefix(url, "https://") && strings.HasSuffix(url, ExtensionContextPath)
}

// AchievementExtension holds the extension's terms for an achievement. A
// credential that sets any of them must name ExtensionContextURL in its
// @context (Validate checks this).
//
// Credit status is the university's own need: neither Open Badges version
// can say whether a micro-credential bears credit.
//
// The EU micro-credential elements (Council Recommendation 2022/C 243/02,
// Annex I) map onto Open Badges 3.0 like this; only the ones marked "ext"
// are extension terms:
//
//	identification of the learner   credentialSubject.id / identifier
//	title                            achievement.name
//	country or region of the issuer  issuer.address.addressCountryCode / addressRegion
//	awarding body                    issuer (and achievement.creator if it differs)
//	date of issuing                  validFrom (awardedDate for the first award)
//	learning outcomes                achievement.alignment (targetType ceasn:Competency or CFItem)
//	notional workload                ext ECTSCredits and NotionalWorkload; creditsAvailable for local credits
//	level (EQF, QF-EHEA)             achievement.alignment (EQFAlignment)
//	type of assessment               ext AssessmentType
//	form of participation            ext ParticipationForm
//	type of quality assurance        ext QualityAssurance
//	prerequisites (optional)         ext Prerequisite
//	supervision and identity
//	  verification (optional)        ext AssessmentSupervision
//	grade (optional)                 credentialSubject.result with achievement.resultDescription
//	integration / stackability
//	  (optional)                     ext Stackability; the target by StackAlignment
//	further information (optional)   criteria.id, achievement.id (a published page), related
type AchievementExtension struct {
	// CreditStatus is whether the achievement bears academic credit.
	CreditStatus CreditStatus `json:"creditStatus,omitempty"`
	// RecognisedAsRequisite is set when the achievement is recognised as a
	// prerequisite or corequisite of credit-bearing study.
	RecognisedAsRequisite *bool `json:"recognisedAsRequisite,omitempty"`
	// ECTSCredits is the notional workload in ECTS credits.
	ECTSCredits *float64 `json:"ectsCredits,omitempty"`
	// NotionalWorkload is the notional workload as an ISO 8601 duration,
	// e.g. "PT50H" (WorkloadHours).
	NotionalWorkload string `json:"notionalWorkload,omitempty"`
	// AssessmentType describes how learners are assessed (e.g. "graded
	// portfolio and oral examination").
	AssessmentType string `json:"assessmentType,omitempty"`
	// AssessmentSupervision is how the assessment was supervised and
	// whether the learner's identity was verified.
	AssessmentSupervision AssessmentSupervision `json:"assessmentSupervision,omitempty"`
	// ParticipationForm is online, onsite or blended.
	ParticipationForm ParticipationForm `json:"participationForm,omitempty"`
	// QualityAssurance describes the quality assurance behind the
	// achievement (e.g. the approval by the Senate Micro-credential
	// Committee).
	QualityAssurance string `json:"qualityAssurance,omitempty"`
	// Prerequisite lists what a learner needs before enrolling.
	Prerequisite List[string] `json:"prerequisite,omitempty"`
	// Stackability is whether the achievement stands alone or stacks
	// towards another credential.
	Stackability Stackability `json:"stackability,omitempty"`
}

// IsZero reports whether no extension term is set.
func (e AchievementExtension) IsZero() bool {
	return e.CreditStatus == "" && e.RecognisedAsRequisite == nil && e.ECTSCredits == nil &&
		e.NotionalWorkload == "" && e.AssessmentType == "" && e.AssessmentSupervision == "" &&
		e.ParticipationForm == "" && e.QualityAssurance == "" && len(e.Prerequisite) == 0 && e.Stackability == ""
}

// CreditStatus is the credit-bearing status of an achievement.
type CreditStatus string

// Credit statuses, as the university's micro-credential policy names them.
const (
	NonCreditBearing        CreditStatus = "NonCreditBearing"
	CreditBearing           CreditStatus = "CreditBearing"
	EmbeddedInCreditBearing CreditStatus = "EmbeddedInCreditBearing" // embedded within credit-bearing courses or programs
)

// Valid reports whether s is one of the defined statuses.
func (s CreditStatus) Valid() bool {
	return slices.Contains([]CreditStatus{NonCreditBearing, CreditBearing, EmbeddedInCreditBearing}, s)
}

// ParticipationForm is the form of participation in the learning activity.
type ParticipationForm string

// Forms of participation (EU micro-credential element).
const (
	ParticipationOnline  ParticipationForm = "Online"
	ParticipationOnsite  ParticipationForm = "Onsite"
	ParticipationBlended ParticipationForm = "Blended"
)

// Valid reports whether f is one of the defined forms.
func (f ParticipationForm) Valid() bool {
	return slices.Contains([]ParticipationForm{ParticipationOnline, ParticipationOnsite, ParticipationBlended}, f)
}

// AssessmentSupervision is how an assessment was supervised and whether the
// learner's identity was verified (EU micro-credential element).
type AssessmentSupervision string

// Supervision and identity verification during assessment.
const (
	UnsupervisedNoIdentityVerification   AssessmentSupervision = "UnsupervisedNoIdentityVerification"
	SupervisedNoIdentityVerification     AssessmentSupervision = "SupervisedNoIdentityVerification"
	SupervisedOnlineIdentityVerification AssessmentSupervision = "SupervisedOnlineIdentityVerification"
	SupervisedOnsiteIdentityVerification AssessmentSupervision = "SupervisedOnsiteIdentityVerification"
)

// Valid reports whether s is one of the defined values.
func (s AssessmentSupervision) Valid() bool {
	return slices.Contains([]AssessmentSupervision{
		UnsupervisedNoIdentityVerification, SupervisedNoIdentityVerification,
		SupervisedOnlineIdentityVerification, SupervisedOnsiteIdentityVerification,
	}, s)
}

// Stackability is whether an achievement stands alone or is integrated
// into, and stacks towards, another credential (EU micro-credential
// element "integration/stackability options").
type Stackability string

// Stackability options.
const (
	Standalone Stackability = "Standalone"
	Stackable  Stackability = "Stackable"
)

// Valid reports whether s is one of the defined options.
func (s Stackability) Valid() bool { return s == Standalone || s == Stackable }

// WorkloadHours returns a notional workload of whole hours as an ISO 8601
// duration, e.g. 50 gives "PT50H".
func WorkloadHours(hours int) string { return fmt.Sprintf("PT%dH", hours) }

// durationPattern is the lexical form of xsd:duration (ISO 8601 durations
// without weeks), requiring at least one component.
var durationPattern = regexp.MustCompile(`^-?P(?:\d+Y)?(?:\d+M)?(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?$`)

func validDuration(s string) bool {
	return durationPattern.MatchString(s) && !strings.HasSuffix(s, "P") && !strings.HasSuffix(s, "T")
}

// validate checks the extension's values.
func (e AchievementExtension) validate() []error {
	var errs []error
	if e.CreditStatus != "" && !e.CreditStatus.Valid() {
		errs = append(errs, fmt.Errorf("creditStatus: %q is not a defined status", e.CreditStatus))
	}
	if e.ParticipationForm != "" && !e.ParticipationForm.Valid() {
		errs = append(errs, fmt.Errorf("participationForm: %q is not Online, Onsite or Blended", e.ParticipationForm))
	}
	if e.AssessmentSupervision != "" && !e.AssessmentSupervision.Valid() {
		errs = append(errs, fmt.Errorf("assessmentSupervision: %q is not a defined value", e.AssessmentSupervision))
	}
	if e.Stackability != "" && !e.Stackability.Valid() {
		errs = append(errs, fmt.Errorf("stackability: %q is not Standalone or Stackable", e.Stackability))
	}
	if e.NotionalWorkload != "" && !validDuration(e.NotionalWorkload) {
		errs = append(errs, fmt.Errorf("notionalWorkload: %q is not an ISO 8601 duration", e.NotionalWorkload))
	}
	if e.ECTSCredits != nil && *e.ECTSCredits < 0 {
		errs = append(errs, fmt.Errorf("ectsCredits: %v is negative", *e.ECTSCredits))
	}
	return errs
}
