package ob3_test

import (
	"encoding/json"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"

	"badged/credentials/ob3"
	"badged/credentials/schema"
)

// relativeIRI finds an IRI without a scheme in N-Quads: a type or term the
// contexts did not define, which JSON-LD would not sign meaningfully.
var relativeIRI = regexp.MustCompile(`<[^:>]*>`)

// requireSignable requires that doc canonicalizes (jsonld.Canonicalize
// refuses undefined terms and relative IRIs) and, as a second check
// independent of that package, that the N-Quads hold no relative IRI: all
// of it is signed.
func requireSignable(t *testing.T, doc []byte) string {
	t.Helper()
	nq := canonicalNQuads(t, doc)
	require.Empty(t, relativeIRI.FindAllString(nq, -1), "relative IRIs in\n%s", nq)
	return nq
}

// TestBuiltCredentialsConform is the contract of what the issuer signs:
// every credential this library builds passes the official JSON Schema and
// Validate, survives a parse round trip, and is signed in full.
func TestBuiltCredentialsConform(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		credential ob3.AchievementCredential
	}{
		{name: "ok/credit-bearing micro-credential with every EU element", credential: microCredential()},
		{name: "ok/digital badge", credential: digitalBadge()},
		{name: "ok/only required properties", credential: minimalCredential()},
		{name: "ok/stacked component with 1EdTech status and refresh", credential: stackedComponent()},
		{name: "ok/stacked credential listing its components", credential: stackedParent()},
		{name: "ok/micro-credential with an embedded endorsement", credential: endorsedMicroCredential()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := tt.credential
			require.NoError(t, c.Validate())
			require.NoError(t, schema.ValidateValue(schema.AchievementCredential, c))
			out := roundTrip(t, &c, ob3.ParseCredential)
			requireSignable(t, out)
		})
	}
}

func TestBuiltEndorsementConforms(t *testing.T) {
	t.Parallel()
	e := endorsement()
	require.NoError(t, e.Validate())
	require.NoError(t, schema.ValidateValue(schema.EndorsementCredential, e))
	out := roundTrip(t, &e, ob3.ParseEndorsementCredential)
	requireSignable(t, out)
}

func TestBuiltPartsConform(t *testing.T) {
	t.Parallel()
	c := microCredential()
	tests := []struct {
		name string
		def  schema.Def
		v    any
	}{
		{name: "ok/achievement", def: schema.Achievement, v: c.CredentialSubject.Achievement},
		{name: "ok/issuer profile", def: schema.Profile, v: university},
		{name: "ok/subject", def: "AchievementSubject", v: c.CredentialSubject},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			require.NoError(t, schema.ValidateValue(tt.def, tt.v))
		})
	}
}

func TestMarshalSerialization(t *testing.T) {
	t.Parallel()
	out, err := json.Marshal(microCredential())
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(out, &m))
	subject := m["credentialSubject"].(map[string]any)
	achievement := subject["achievement"].(map[string]any)

	require.IsType(t, []any{}, m["type"], "type is an array")
	require.IsType(t, []any{}, m["proof"], "proof is an array")
	require.IsType(t, []any{}, m["credentialSchema"])
	require.IsType(t, []any{}, achievement["type"])
	require.IsType(t, []any{}, achievement["tag"])
	require.Equal(t, "Image", achievement["image"].(map[string]any)["type"], "Image type is a single string")
	require.Equal(t, "IdentityObject", subject["identifier"].([]any)[0].(map[string]any)["type"])
	require.Equal(t, false, m["issuer"].(map[string]any)["address"] == nil)
	require.Equal(t, "94567", m["credentialStatus"].(map[string]any)["statusListIndex"], "the index is a base-10 string")
	require.Equal(t, "CreditBearing", achievement["creditStatus"])
	require.Equal(t, true, achievement["recognisedAsRequisite"])
	require.Equal(t, 6.0, achievement["ectsCredits"])
	require.Equal(t, "PT150H", achievement["notionalWorkload"])
	require.NotContains(t, m, "endorsement", "empty arrays are left out")
	require.NotContains(t, subject, "id", "empty values are left out")

	hashed := microCredential().CredentialSubject.Identifier[0]
	hashed.Hashed = false
	out, err = json.Marshal(hashed)
	require.NoError(t, err)
	require.Contains(t, string(out), `"hashed":false`, "hashed is required, so false is written")
}

// TestRemarshalNormalizesCompactedForms: the 1EdTech sample with a single
// proof object fails the schema; parsed and written by this package it
// passes, and still means the same (its proof is unaffected).
func TestRemarshalNormalizesCompactedForms(t *testing.T) {
	t.Parallel()
	in := readTestdata(t, "validator-bitstring-credential-status-revoked.json")
	var se *schema.Error
	require.ErrorAs(t, schema.Validate(schema.AchievementCredential, in), &se)
	require.Equal(t, "/proof", se.Violations[0].Pointer)

	c, err := ob3.ParseCredential(in)
	require.NoError(t, err)
	out, err := json.Marshal(c)
	require.NoError(t, err)
	require.NoError(t, schema.Validate(schema.AchievementCredential, out))
	require.Equal(t, canonicalNQuads(t, in), canonicalNQuads(t, out))
}
