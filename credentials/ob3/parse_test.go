package ob3_test

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"badged/credentials/ob3"
	"badged/credentials/proof"
)

// TestExamplesRoundTrip parses every Open Badges 3.0 example and requires
// that marshalling it back gives the same JSON-LD meaning (the same
// canonical N-Quads, so its proof still verifies) and, for the examples
// already in the specification's serialization, the same JSON.
func TestExamplesRoundTrip(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		file        string
		sameJSON    bool
		endorsement bool
	}{
		{name: "ok/simple", file: "validator-simple.json", sameJSON: true},
		{name: "ok/simple did:web with a single proof object", file: "validator-simple-did-web-method.json"},
		{name: "ok/complete", file: "validator-complete.json", sameJSON: true},
		{name: "ok/endorsement", file: "validator-endorsement-valid.json", sameJSON: true, endorsement: true},
		{name: "ok/bitstring status with numeric index and single proof", file: "validator-bitstring-credential-status-revoked.json"},
		{name: "ok/legacy VC 1.1 with compacted types", file: "validator-credential-status-revoked.json"},
		{name: "ok/legacy eddsa-2022", file: "validator-simple-eddsa-2022.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			in := readTestdata(t, tt.file)
			var out []byte
			if tt.endorsement {
				c, err := ob3.ParseEndorsementCredential(in)
				require.NoError(t, err)
				out = roundTrip(t, c, ob3.ParseEndorsementCredential)
			} else {
				c, err := ob3.ParseCredential(in)
				require.NoError(t, err)
				out = roundTrip(t, c, ob3.ParseCredential)
			}
			if tt.sameJSON {
				require.JSONEq(t, string(in), string(out))
			}
			require.Equal(t, canonicalNQuads(t, in), canonicalNQuads(t, out))
		})
	}
}

func TestParseCompleteExample(t *testing.T) {
	t.Parallel()
	c, err := ob3.ParseCredential(readTestdata(t, "validator-complete.json"))
	require.NoError(t, err)
	// The example's embedded endorsements use 1EdTechRevocationList without
	// extensions.json in their own @context: embedded, the outer context
	// defines the term, but their proofs are over the endorsements alone,
	// where it is a relative IRI. Validate reports exactly that.
	err = c.Validate()
	require.ErrorIs(t, err, ob3.ErrInvalid)
	for _, line := range strings.Split(err.Error(), "\n") {
		require.Contains(t, line, "must include https://purl.imsglobal.org/spec/ob/v3p0/extensions.json")
	}
	require.Len(t, strings.Split(err.Error(), "\n"), 5, "two endorsements of the creator, one of the achievement, two of the issuer")

	require.Equal(t, "https://1edtech.edu/issuers/565049", c.Issuer.ID())
	require.Equal(t, "US", c.Issuer.Profile.Address.AddressCountryCode)
	require.Equal(t, ob3.TypeName("GeoCoordinates"), c.Issuer.Profile.Address.Geo.Type)
	a := c.CredentialSubject.Achievement
	require.Equal(t, ob3.AchievementTypeDegree, a.AchievementType)
	require.Equal(t, 36.0, *a.CreditsAvailable)
	require.Equal(t, 42.0, *c.CredentialSubject.CreditsEarned)
	require.Equal(t, ob3.OrderedList{"D", "C", "B", "A"}, a.ResultDescription[0].AllowedValue)
	require.Len(t, a.Creator.Endorsement, 2)
	require.Equal(t, ob3.TypeRevocationList, string(c.CredentialStatus.Type))
	require.Equal(t, ob3.TypeCredentialRefresh, string(c.RefreshService.Type))
	require.True(t, c.CredentialSubject.Matches(ob3.IdentifierEmailAddress, "Student@1EdTech.edu"),
		"a plain email identifier matches regardless of case")
	require.False(t, c.CredentialSubject.Matches(ob3.IdentifierEmailAddress, "nobody@1edtech.edu"))
	require.True(t, c.CredentialSubject.Matches("", "did:example:ebfeb1f712ebc6f1c276e12ec21"))
	require.Len(t, c.Proof, 1)
	require.Equal(t, "eddsa-rdfc-2022", c.Proof[0].Cryptosuite)
}

func TestParseCompactedForms(t *testing.T) {
	t.Parallel()
	c, err := ob3.ParseCredential(readTestdata(t, "validator-bitstring-credential-status-revoked.json"))
	require.NoError(t, err)
	require.Len(t, c.Proof, 1, "a single proof object reads as a list of one")
	n, err := c.CredentialStatus.StatusListIndex.Int()
	require.NoError(t, err)
	require.Equal(t, 23, n)
	out, err := json.Marshal(c.CredentialStatus)
	require.NoError(t, err)
	require.Contains(t, string(out), `"statusListIndex":23`, "a numeric index is written back as a number")

	legacy, err := ob3.ParseCredential(readTestdata(t, "validator-credential-status-revoked.json"))
	require.NoError(t, err)
	require.Equal(t, ob3.Types{"AchievementSubject"}, legacy.CredentialSubject.Type)
	require.Equal(t, ob3.Types{"Achievement"}, legacy.CredentialSubject.Achievement.Type)
	require.Equal(t, ob3.DateTime("2023-05-23T01:10:41Z"), legacy.IssuanceDate)
	require.ErrorContains(t, legacy.Validate(), "only VCDM 2.0 credentials are issued")

	jws := strings.Split(string(readTestdata(t, "validator-simple-jwt.extracted-from-svg.jws")), ".")
	payload, err := base64.RawURLEncoding.DecodeString(jws[1])
	require.NoError(t, err)
	fromJWT, err := ob3.ParseCredential(payload)
	require.NoError(t, err)
	require.Contains(t, fromJWT.Extra, "nbf", "JWT claims in a VC-JWT payload are kept as unknown members")
	require.NoError(t, fromJWT.Validate())
}

func TestParseIRIForms(t *testing.T) {
	t.Parallel()
	in := `{
		"@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
		"id": "urn:uuid:1", "type": ["VerifiableCredential", "OpenBadgeCredential"],
		"issuer": "https://issuer.example.edu/issuers/1",
		"validFrom": "2024-01-01T00:00:00Z",
		"image": "https://issuer.example.edu/i.png",
		"evidence": "https://evidence.example/1",
		"credentialSubject": {"id": "did:example:1", "type": "AchievementSubject",
			"achievement": {"id": "https://issuer.example.edu/a/1", "type": "Achievement", "name": "A", "description": "D",
				"criteria": "https://issuer.example.edu/a/1/criteria", "tag": "one"}}
	}`
	c, err := ob3.ParseCredential([]byte(in))
	require.NoError(t, err)
	require.Equal(t, "https://issuer.example.edu/issuers/1", c.Issuer.IRI)
	require.Nil(t, c.Issuer.Profile)
	require.Equal(t, &ob3.Image{ID: "https://issuer.example.edu/i.png"}, c.Image)
	require.Equal(t, ob3.List[ob3.Evidence]{{ID: "https://evidence.example/1"}}, c.Evidence)
	require.Equal(t, &ob3.Criteria{ID: "https://issuer.example.edu/a/1/criteria"}, c.CredentialSubject.Achievement.Criteria)
	require.Equal(t, ob3.List[string]{"one"}, c.CredentialSubject.Achievement.Tag)
	out := roundTrip(t, c, ob3.ParseCredential)
	require.Contains(t, string(out), `"issuer":"https://issuer.example.edu/issuers/1"`, "an issuer IRI stays an IRI")
	require.Contains(t, string(out), `"type":["AchievementSubject"]`, "a compacted type is written as an array")
	require.Equal(t, canonicalNQuads(t, []byte(in)), canonicalNQuads(t, out),
		"an IRI and an object with only that id state the same")
}

func TestParseKeepsUnknownMembers(t *testing.T) {
	t.Parallel()
	in := `{"@context":["https://www.w3.org/ns/credentials/v2","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",{"ex":"https://example.org/ns#"}],
		"id":"urn:uuid:2","type":["VerifiableCredential","OpenBadgeCredential"],
		"ex:note":{"@value":"kept","@language":"en"},"Name":"not the name",
		"credentialSubject":{"type":["AchievementSubject"],"ex:level":3,
			"achievement":{"id":"urn:a","type":["Achievement"],"ex:extra":[1,2]}}}`
	c, err := ob3.ParseCredential([]byte(in))
	require.NoError(t, err)
	require.Empty(t, c.Name, "member names are case-sensitive")
	require.JSONEq(t, `"not the name"`, string(c.Extra["Name"]))
	require.JSONEq(t, `{"@value":"kept","@language":"en"}`, string(c.Extra["ex:note"]))
	require.JSONEq(t, `3`, string(c.CredentialSubject.Extra["ex:level"]))
	require.JSONEq(t, `[1,2]`, string(c.CredentialSubject.Achievement.Extra["ex:extra"]))
	require.JSONEq(t, `{"ex":"https://example.org/ns#"}`, string(c.Context[2].Inline))
	out := roundTrip(t, c, ob3.ParseCredential)
	require.JSONEq(t, in, string(out))
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		in      string
		wantErr string
	}{
		{name: "error/not JSON", in: `{"id":`, wantErr: "invalid JSON"},
		{name: "error/not an object", in: `"urn:uuid:1"`, wantErr: "want a JSON object, got a string"},
		{name: "error/achievement as an IRI", in: `{"credentialSubject":{"achievement":"https://a"}}`, wantErr: "credentialSubject: achievement"},
		{name: "error/subject as an array", in: `{"credentialSubject":[{"id":"did:x"}]}`, wantErr: "credentialSubject"},
		{name: "error/image type with two names", in: `{"image":{"id":"https://i","type":["Image","Other"]}}`, wantErr: "want one name"},
		{name: "error/credits as a string", in: `{"credentialSubject":{"creditsEarned":"3"}}`, wantErr: "creditsEarned"},
		{name: "error/statusListIndex as an object", in: `{"credentialStatus":{"statusListIndex":{}}}`, wantErr: "statusListIndex"},
		{name: "error/hashed as a string", in: `{"credentialSubject":{"identifier":[{"hashed":"true"}]}}`, wantErr: "hashed"},
		{name: "error/too deep", in: `{"issuer":` + strings.Repeat(`{"parentOrg":`, 40) + `{}` + strings.Repeat(`}`, 40) + `}`, wantErr: "nested too deeply"},
		{name: "error/too large", in: `{"name":"` + strings.Repeat("x", ob3.MaxDocumentBytes) + `"}`, wantErr: "more than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := ob3.ParseCredential([]byte(tt.in))
			require.ErrorIs(t, err, proof.ErrMalformed)
			require.ErrorContains(t, err, tt.wantErr)
		})
	}
}
