package eddsardfc2022

import (
	"bytes"
	"context"
	"crypto"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"badged/credentials/jsonld"
	"badged/credentials/multikey"
	"badged/credentials/proof"
)

const fixtureIssuer = "https://badges.example.edu/issuers/faculty-of-science"

// fixtureKey is a fixed key, so that signed fixtures are byte-stable.
func fixtureKey() (ed25519.PrivateKey, string) {
	priv := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{7}, ed25519.SeedSize))
	return priv, fixtureIssuer + "#" + multikey.EncodePublicKey(priv.Public().(ed25519.PublicKey))
}

func fixtureOptions() SignOptions {
	priv, vm := fixtureKey()
	return SignOptions{VerificationMethod: vm, PrivateKey: priv, Created: time.Date(2026, 9, 1, 9, 0, 0, 0, time.UTC)}
}

// signFixture signs testdata/achievement-credential.json.
func signFixture(t testing.TB, suite *Suite) []byte {
	t.Helper()
	signed, err := suite.Sign(context.Background(), readFile(t, "achievement-credential.json"), fixtureOptions())
	require.NoError(t, err)
	return signed
}

func TestSignThenVerify(t *testing.T) {
	t.Parallel()
	suite := NewSuite(loader)
	unsigned := readFile(t, "achievement-credential.json")
	signed := signFixture(t, suite)

	// The credential's bytes are kept; the proof is appended as an array.
	require.True(t, bytes.HasPrefix(signed, bytes.TrimRight(unsigned, "}\n")))
	var doc struct{ Proof []map[string]any }
	require.NoError(t, json.Unmarshal(signed, &doc))
	require.Len(t, doc.Proof, 1)
	p := doc.Proof[0]
	require.Equal(t, ProofType, p["type"])
	require.Equal(t, Cryptosuite, p["cryptosuite"])
	require.Equal(t, "2026-09-01T09:00:00Z", p["created"])
	require.Equal(t, AssertionMethod, p["proofPurpose"])
	require.Equal(t, fixtureOptions().VerificationMethod, p["verificationMethod"])

	res, err := suite.Verify(context.Background(), signed, nil)
	require.NoError(t, err)
	require.True(t, res.Valid(), res.Failures())

	again := signFixture(t, suite) // Ed25519 is deterministic
	require.Equal(t, string(signed), string(again))
}

func TestSignDefaults(t *testing.T) {
	t.Parallel()
	suite := NewSuite(loader)
	suite.now = func() time.Time { return time.Date(2027, 3, 4, 5, 6, 7, 890, time.FixedZone("CET", 3600)) }
	opts := fixtureOptions()
	opts.Created = time.Time{}
	signed, err := suite.Sign(context.Background(), readFile(t, "achievement-credential.json"), opts)
	require.NoError(t, err)
	var doc struct{ Proof []map[string]any }
	require.NoError(t, json.Unmarshal(signed, &doc))
	require.Equal(t, "2027-03-04T04:06:07Z", doc.Proof[0]["created"])
	require.Equal(t, AssertionMethod, doc.Proof[0]["proofPurpose"])
}

func TestSignRefuses(t *testing.T) {
	t.Parallel()
	suite := NewSuite(loader)
	credential := readFile(t, "achievement-credential.json")
	other := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{9}, ed25519.SeedSize))
	withField := func(field, value string) []byte {
		return bytes.Replace(credential, []byte(`"name": "Data Analysis with Python",`),
			[]byte(`"name": "Data Analysis with Python", "`+field+`": `+value+`,`), 1)
	}

	tests := map[string]struct {
		doc     []byte
		edit    func(o *SignOptions)
		wantErr error
		want    string
	}{
		"error/undefined property": {doc: withField("creditBearing", "true"),
			wantErr: jsonld.ErrUndefinedTerm, want: `property "creditBearing"`},
		"error/endorsementJwt (validator-only 3.0.3 term)": {doc: withField("endorsementJwt", `["a.b.c"]`),
			wantErr: jsonld.ErrUndefinedTerm, want: `property "endorsementJwt"`},
		"error/unknown context": {
			doc:     bytes.Replace(credential, []byte(`"https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"`), []byte(`"https://badges.example.edu/ctx.jsonld"`), 1),
			wantErr: jsonld.ErrUnknownContext, want: "https://badges.example.edu/ctx.jsonld"},
		"error/already signed":         {doc: withField("proof", `{"type":"DataIntegrityProof"}`), wantErr: proof.ErrMalformed, want: "already has a proof"},
		"error/not an object":          {doc: []byte(`["x"]`), wantErr: proof.ErrMalformed, want: "JSON object"},
		"error/no @context":            {doc: []byte(`{"name":"x"}`), wantErr: proof.ErrMalformed, want: "@context"},
		"error/not JSON":               {doc: []byte(`{"@context":`), wantErr: proof.ErrMalformed, want: "not JSON"},
		"error/short key":              {edit: func(o *SignOptions) { o.PrivateKey = o.PrivateKey[:32] }, want: "private key is 32 bytes"},
		"error/no verification method": {edit: func(o *SignOptions) { o.VerificationMethod = "" }, want: "no verification method"},
		"error/verification method of another key": {
			edit: func(o *SignOptions) { o.PrivateKey = other }, want: "names another key"},
		"error/corrupt key in verification method": {
			edit: func(o *SignOptions) { o.VerificationMethod = fixtureIssuer + "#z6Mk0" }, wantErr: proof.ErrMalformed},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			opts := fixtureOptions()
			if tc.edit != nil {
				tc.edit(&opts)
			}
			doc := tc.doc
			if doc == nil {
				doc = credential
			}
			signed, err := suite.Sign(context.Background(), doc, opts)
			require.Nil(t, signed)
			require.Error(t, err)
			if tc.wantErr != nil {
				require.ErrorIs(t, err, tc.wantErr)
			}
			require.ErrorContains(t, err, tc.want)
		})
	}
}

// TestControlCharactersRoundTrip signs a name holding control characters:
// the canonical form escapes them as RDFC-1.0 says, and the proof verifies.
func TestControlCharactersRoundTrip(t *testing.T) {
	t.Parallel()
	suite := NewSuite(loader)
	credential := bytes.Replace(readFile(t, "achievement-credential.json"),
		[]byte(`"name": "Data Analysis with Python",`), []byte(`"name": "Data\u0007Analysis\u001fwith\tPython",`), 1)
	doc, err := decodeObject(credential)
	require.NoError(t, err)
	nq, err := suite.Transform(context.Background(), doc)
	require.NoError(t, err)
	require.Contains(t, string(nq), `<https://schema.org/name> "Data\u0007Analysis\u001Fwith\tPython" .`+"\n")

	signed, err := suite.Sign(context.Background(), credential, fixtureOptions())
	require.NoError(t, err)
	res, err := suite.Verify(context.Background(), signed, nil)
	require.NoError(t, err)
	require.True(t, res.Valid(), res.Failures())
}

func TestVerifyReports(t *testing.T) {
	t.Parallel()
	suite := NewSuite(loader)
	signed := signFixture(t, suite)
	var base map[string]any
	require.NoError(t, json.Unmarshal(signed, &base))
	proofOf := func(doc map[string]any) map[string]any { return doc["proof"].([]any)[0].(map[string]any) }

	tests := map[string]struct {
		edit  func(doc map[string]any)
		check string // the check that fails
		want  string
	}{
		"ok/proof as an object": {edit: func(doc map[string]any) { doc["proof"] = proofOf(doc) }},
		"ok/a failing proof before a valid one": {edit: func(doc map[string]any) {
			bad := map[string]any{}
			for k, v := range proofOf(doc) {
				bad[k] = v
			}
			bad["created"] = "2026-09-01T09:00:01Z"
			doc["proof"] = []any{bad, proofOf(doc)}
		}},
		"ok/a legacy proof beside": {edit: func(doc map[string]any) {
			doc["proof"] = []any{map[string]any{"type": "Ed25519Signature2020", "proofValue": "z1"}, proofOf(doc)}
		}},
		"error/undefined property added": {edit: func(doc map[string]any) { doc["creditBearing"] = true },
			check: proof.CheckContext, want: `property "creditBearing"`},
		"error/undefined property in the proof": {edit: func(doc map[string]any) { proofOf(doc)["note"] = "x" },
			check: proof.CheckContext, want: `property "note"`},
		"error/proof @context differs": {edit: func(doc map[string]any) { proofOf(doc)["@context"] = "https://www.w3.org/ns/credentials/v2" },
			check: proof.CheckContext, want: "@context differs"},
		"error/proof purpose": {edit: func(doc map[string]any) { proofOf(doc)["proofPurpose"] = "authentication" },
			check: proof.CheckAlgorithm, want: "needs assertionMethod"},
		"error/created not a dateTimeStamp": {edit: func(doc map[string]any) { proofOf(doc)["created"] = "2026-09-01 09:00" },
			check: proof.CheckAlgorithm, want: "not a date and time"},
		"error/proof expired": {edit: func(doc map[string]any) { proofOf(doc)["expires"] = "2020-01-01T00:00:00Z" },
			check: proof.CheckAlgorithm, want: "expired"},
		"error/proof chain": {edit: func(doc map[string]any) { proofOf(doc)["previousProof"] = "urn:uuid:1" },
			check: proof.CheckAlgorithm, want: "previousProof"},
		"error/eddsa-2022": {edit: func(doc map[string]any) { proofOf(doc)["cryptosuite"] = "eddsa-2022" },
			check: proof.CheckAlgorithm, want: "unsupported: cryptosuite eddsa-2022"},
		"error/other cryptosuite": {edit: func(doc map[string]any) { proofOf(doc)["cryptosuite"] = "ecdsa-rdfc-2019" },
			check: proof.CheckAlgorithm, want: "unsupported: cryptosuite ecdsa-rdfc-2019"},
		"error/key of another controller": {edit: func(doc map[string]any) {
			proofOf(doc)["verificationMethod"] = "https://evil.example/issuers/1#" + multikey.EncodePublicKey(make([]byte, 32))
		}, check: proof.CheckKey, want: "not by the issuer " + fixtureIssuer},
		"error/any did:key": {edit: func(doc map[string]any) {
			_, vm := fixtureKey()
			_, mb, _ := strings.Cut(vm, "#")
			proofOf(doc)["verificationMethod"] = "did:key:" + mb
		}, check: proof.CheckKey, want: "not by the issuer"},
		"error/issuer changed": {edit: func(doc map[string]any) {
			doc["issuer"].(map[string]any)["id"] = "https://evil.example/issuers/1"
		}, check: proof.CheckKey, want: "not by the issuer https://evil.example/issuers/1"},
		"error/no issuer": {edit: func(doc map[string]any) { delete(doc, "issuer") },
			check: proof.CheckKey, want: "no issuer id"},
		"error/key not in the identifier": {edit: func(doc map[string]any) { proofOf(doc)["verificationMethod"] = fixtureIssuer + "#key-1" },
			check: proof.CheckKey, want: "not fetched"},
		"error/issuer key, wrong key": {edit: func(doc map[string]any) {
			proofOf(doc)["verificationMethod"] = fixtureIssuer + "#" + multikey.EncodePublicKey(make([]byte, 32))
		}, check: proof.CheckSignature, want: "does not match"},
		"error/proofValue not base58": {edit: func(doc map[string]any) { proofOf(doc)["proofValue"] = "z0OIl" },
			check: proof.CheckSignature, want: "proofValue"},
		"error/proofValue too short": {edit: func(doc map[string]any) { proofOf(doc)["proofValue"] = multikey.EncodeMultibase(make([]byte, 63)) },
			check: proof.CheckSignature, want: "63 bytes"},
		"error/no verification method": {edit: func(doc map[string]any) { delete(proofOf(doc), "verificationMethod") },
			check: proof.CheckFormat, want: "no verificationMethod"},
		"error/proofValue a number": {edit: func(doc map[string]any) { proofOf(doc)["proofValue"] = 5 },
			check: proof.CheckFormat, want: "no proofValue"},
		"error/no proof": {edit: func(doc map[string]any) { delete(doc, "proof") },
			check: proof.CheckFormat, want: "no proof"},
		"error/proof a string": {edit: func(doc map[string]any) { doc["proof"] = "z123" },
			check: proof.CheckFormat, want: "not an object or an array"},
		"error/too many proofs": {edit: func(doc map[string]any) {
			doc["proof"] = []any{1, 2, 3, 4, 5, 6, 7, 8, 9}
		}, check: proof.CheckFormat, want: "more than 8"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			b, err := json.Marshal(base)
			require.NoError(t, err)
			var doc map[string]any
			require.NoError(t, json.Unmarshal(b, &doc))
			tc.edit(doc)
			b, err = json.Marshal(doc)
			require.NoError(t, err)
			res, err := suite.Verify(context.Background(), b, nil)
			require.NoError(t, err)
			if tc.check == "" {
				require.True(t, res.Valid(), res.Failures())
				return
			}
			require.False(t, res.Valid())
			c, ok := res.Check(tc.check)
			require.True(t, ok, "%s did not run: %+v", tc.check, res.Checks)
			require.False(t, c.Passed, "%+v", res.Checks)
			require.Contains(t, c.Message, tc.want)
		})
	}
}

func TestVerifyResolvers(t *testing.T) {
	t.Parallel()
	suite := NewSuite(loader)
	signed := signFixture(t, suite)
	rsaKey, err := rsa.GenerateKey(rand.Reader, 1024)
	require.NoError(t, err)
	outage := errors.New("key store unavailable")

	tests := map[string]struct {
		resolve func(ctx context.Context, vm string) (crypto.PublicKey, error)
		wantErr error  // Verify cannot conclude
		want    string // the key check's message
	}{
		"ok/resolver returns the key": {resolve: func(ctx context.Context, vm string) (crypto.PublicKey, error) {
			return fixtureOptions().PrivateKey.Public(), nil
		}},
		"error/unknown key": {resolve: func(ctx context.Context, vm string) (crypto.PublicKey, error) {
			return nil, proof.ErrKeyNotFound
		}, want: "key not found"},
		"error/not an Ed25519 key": {resolve: func(ctx context.Context, vm string) (crypto.PublicKey, error) {
			return &rsaKey.PublicKey, nil
		}, want: "*rsa.PublicKey, not an Ed25519 key"},
		"error/resolver outage": {resolve: func(ctx context.Context, vm string) (crypto.PublicKey, error) {
			return nil, outage
		}, wantErr: outage},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			res, err := suite.Verify(context.Background(), signed, proof.KeyResolverFunc(tc.resolve))
			if tc.wantErr != nil {
				require.ErrorIs(t, err, tc.wantErr)
				return
			}
			require.NoError(t, err)
			if tc.want == "" {
				require.True(t, res.Valid(), res.Failures())
				return
			}
			c, _ := res.Check(proof.CheckKey)
			require.False(t, c.Passed)
			require.Contains(t, c.Message, tc.want)
		})
	}
}

func TestVerifyMalformedInput(t *testing.T) {
	t.Parallel()
	suite := NewSuite(loader)
	for name, doc := range map[string][]byte{
		"error/not JSON":     []byte(`{"proof":`),
		"error/not object":   []byte(`[]`),
		"error/no @context":  []byte(`{"proof":[]}`),
		"error/invalid UTF8": []byte("{\"@context\":\"\xff\"}"),
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			res, err := suite.Verify(context.Background(), doc, nil)
			require.ErrorIs(t, err, proof.ErrMalformed)
			require.False(t, res.Valid())
			c, ok := res.Check(proof.CheckFormat)
			require.True(t, ok)
			require.False(t, c.Passed)
		})
	}
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := suite.Verify(canceled, signFixture(t, suite), nil)
	require.ErrorIs(t, err, context.Canceled)
}
