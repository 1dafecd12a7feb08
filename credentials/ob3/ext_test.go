package ob3_test

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/piprate/json-gold/ld"
	"github.com/stretchr/testify/require"

	"badged/credentials/ob3"
)

// extensionTerms returns the terms the extension context defines.
func extensionTerms(t *testing.T) map[string]any {
	t.Helper()
	var doc struct {
		Context map[string]any `json:"@context"`
	}
	require.NoError(t, json.Unmarshal(ob3.ExtensionContext, &doc))
	terms := map[string]any{}
	for k, v := range doc.Context {
		if !strings.HasPrefix(k, "@") {
			terms[k] = v
		}
	}
	return terms
}

func TestExtensionContextMatchesGoType(t *testing.T) {
	t.Parallel()
	var names []string
	typ := reflect.TypeFor[ob3.AchievementExtension]()
	for i := range typ.NumField() {
		name, _, _ := strings.Cut(typ.Field(i).Tag.Get("json"), ",")
		names = append(names, name)
	}
	var terms []string
	for k := range extensionTerms(t) {
		terms = append(terms, k)
	}
	slices.Sort(names)
	slices.Sort(terms)
	require.Equal(t, terms, names, "every Go field has a term and every term a field")
}

// TestExtensionTermsAreSigned expands a credential that uses every
// extension term, in safe mode with every context available, and requires
// each term to yield a statement with the expected value: none is dropped
// from what a Data Integrity proof signs.
func TestExtensionTermsAreSigned(t *testing.T) {
	t.Parallel()
	doc, err := json.Marshal(microCredential())
	require.NoError(t, err)
	var m any
	require.NoError(t, json.Unmarshal(doc, &m))
	ds, err := ld.NewJsonLdProcessor().ToRDF(m, ldOptions())
	require.NoError(t, err)

	const v = ob3.ExtensionVocabulary
	want := map[string]string{
		"creditStatus":          v + "CreditBearing",
		"recognisedAsRequisite": "true^^http://www.w3.org/2001/XMLSchema#boolean",
		"ectsCredits":           "6^^http://www.w3.org/2001/XMLSchema#float", // an integral number keeps its integer form
		"notionalWorkload":      "PT150H^^http://www.w3.org/2001/XMLSchema#duration",
		"assessmentType":        "Graded capstone project and online quizzes^^http://www.w3.org/2001/XMLSchema#string",
		"assessmentSupervision": v + "SupervisedOnlineIdentityVerification",
		"participationForm":     v + "Blended",
		"qualityAssurance":      "Approved by the Senate Micro-credential Committee and Senate^^http://www.w3.org/2001/XMLSchema#string",
		"prerequisite":          "Introductory statistics^^http://www.w3.org/2001/XMLSchema#string",
		"stackability":          v + "Standalone",
	}
	require.Len(t, want, len(extensionTerms(t)), "the test covers every term")
	got := map[string]string{}
	for _, q := range ds.(*ld.RDFDataset).GetQuads("@default") {
		pred := q.Predicate.GetValue()
		if !strings.HasPrefix(pred, v) {
			continue
		}
		switch o := q.Object.(type) {
		case ld.IRI:
			got[strings.TrimPrefix(pred, v)] = o.Value
		case ld.Literal:
			got[strings.TrimPrefix(pred, v)] = o.Value + "^^" + o.Datatype
		}
	}
	require.Equal(t, want, got)
}

func TestExtensionNeedsItsContext(t *testing.T) {
	t.Parallel()
	c := microCredential()
	c.Context = ob3.NewContext(ob3.ContextOBExtensions) // without the extension context
	require.ErrorContains(t, c.Validate(), "must include the extension context")
	doc, err := json.Marshal(c)
	require.NoError(t, err)
	var m any
	require.NoError(t, json.Unmarshal(doc, &m))
	_, err = ld.NewJsonLdProcessor().Expand(m, ldOptions())
	require.Error(t, err, "safe mode refuses the undefined terms instead of dropping them")
}

func TestExtensionTermsAreProtected(t *testing.T) {
	t.Parallel()
	c := microCredential()
	c.Context = append(c.Context, ob3.ContextEntry{Inline: json.RawMessage(`{"creditStatus":"https://attacker.example/credit"}`)})
	doc, err := json.Marshal(c)
	require.NoError(t, err)
	var m any
	require.NoError(t, json.Unmarshal(doc, &m))
	_, err = ld.NewJsonLdProcessor().Expand(m, ldOptions())
	require.ErrorContains(t, err, "protected term redefinition")
}

func TestExtensionValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		mutate  func(e *ob3.AchievementExtension)
		wantErr string
	}{
		{name: "ok", mutate: func(*ob3.AchievementExtension) {}},
		{name: "ok/days and hours", mutate: func(e *ob3.AchievementExtension) { e.NotionalWorkload = "P2DT4H" }},
		{name: "error/unknown credit status", mutate: func(e *ob3.AchievementExtension) { e.CreditStatus = "credit-bearing" }, wantErr: "creditStatus"},
		{name: "error/unknown participation form", mutate: func(e *ob3.AchievementExtension) { e.ParticipationForm = "Hybrid" }, wantErr: "participationForm"},
		{name: "error/unknown supervision", mutate: func(e *ob3.AchievementExtension) { e.AssessmentSupervision = "Proctored" }, wantErr: "assessmentSupervision"},
		{name: "error/unknown stackability", mutate: func(e *ob3.AchievementExtension) { e.Stackability = "Stacked" }, wantErr: "stackability"},
		{name: "error/workload in plain hours", mutate: func(e *ob3.AchievementExtension) { e.NotionalWorkload = "150" }, wantErr: "notionalWorkload"},
		{name: "error/empty duration", mutate: func(e *ob3.AchievementExtension) { e.NotionalWorkload = "PT" }, wantErr: "notionalWorkload"},
		{name: "error/negative ECTS", mutate: func(e *ob3.AchievementExtension) { e.ECTSCredits = ptr(-1.0) }, wantErr: "ectsCredits"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := microCredential()
			tt.mutate(&c.CredentialSubject.Achievement.Extension)
			err := c.Validate()
			if tt.wantErr == "" {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, ob3.ErrInvalid)
			require.ErrorContains(t, err, tt.wantErr)
		})
	}
}

func TestExtensionContextURL(t *testing.T) {
	t.Parallel()
	require.Equal(t, "https://issuer.example.edu/contexts/badged/v1.jsonld", ob3.ExtensionContextURL("https://issuer.example.edu"))
	require.Equal(t, "https://issuer.example.edu/badges/contexts/badged/v1.jsonld", ob3.ExtensionContextURL("https://issuer.example.edu/badges/"))
}
