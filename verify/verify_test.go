package verify_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"badged/credentials/bake"
	"badged/credentials/jsonld"
	"badged/credentials/keys"
	"badged/credentials/multikey"
	"badged/credentials/proof"
	"badged/credentials/proof/eddsardfc2022"
	"badged/internal/nonet"
	"badged/verify"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// Each example that verifies stops verifying once one of its values is
// changed, whether it is JSON, a JWS, or baked into an image.
func TestExamplesTampered(t *testing.T) {
	t.Parallel()
	type tamper struct {
		name   string
		change func(t testing.TB, badge []byte) []byte
	}
	jsonChange := func(value any, path ...string) tamper {
		return tamper{"set " + strings.Join(path, "."), func(t testing.TB, b []byte) []byte { return replaceJSON(t, b, value, path...) }}
	}
	payloadChange := func(old, replacement string) tamper {
		return tamper{"payload " + old, func(t testing.TB, b []byte) []byte { return tamperJWTPayload(t, b, old, replacement) }}
	}
	signatureChange := tamper{"signature", flipSignature}
	tests := []struct {
		file    string
		baked   bake.Version
		tampers []tamper
		fails   string // the check that must fail
	}{
		{file: "ob2/validator-simple.jwt", tampers: []tamper{payloadChange("deadsea", "deadsee"), signatureChange}, fails: proof.CheckSignature},
		{file: "ob2/validator-basic-assertion.json", tampers: []tamper{jsonChange("2017-01-01T00:00:00Z", "issuedOn"),
			jsonChange("https://example.org/other-work.html", "evidence")}, fails: verify.CheckHosted},
		{file: "ob3/validator-simple.json", tampers: []tamper{jsonChange("Example University", "issuer", "name"),
			jsonChange("did:example:someone-else", "credentialSubject", "id")}, fails: proof.CheckSignature},
		{file: "ob3/validator-complete.json", tampers: []tamper{jsonChange("2031-01-01T00:00:00Z", "validUntil")}, fails: proof.CheckSignature},
		{file: "ob3/validator-bitstring-credential-status-revoked.json", tampers: []tamper{jsonChange("24", "credentialStatus", "statusListIndex")},
			fails: proof.CheckSignature},
		{file: "ob3/validator-simple-jwt.extracted-from-svg.jws", tampers: []tamper{payloadChange("Teamwork Badge", "Leadership Badge"), signatureChange},
			fails: proof.CheckSignature},
		{file: "ob3/validator-simple-json.png", baked: bake.OB3, tampers: []tamper{jsonChange("Leadership", "credentialSubject", "achievement", "name")},
			fails: proof.CheckSignature},
		{file: "ob3/validator-simple-jwt.svg", baked: bake.OB3, tampers: []tamper{payloadChange("Teamwork Badge", "Leadership Badge")},
			fails: proof.CheckSignature},
		{file: "ob2/validator-simple-badge.png", baked: bake.OB2, tampers: []tamper{jsonChange("2017-01-01T00:00:00Z", "issuedOn")},
			fails: verify.CheckHosted},
	}
	for _, tt := range tests {
		for _, tm := range tt.tampers {
			t.Run(tt.file+" "+tm.name, func(t *testing.T) {
				t.Parallel()
				input := readTestdata(t, tt.file)
				hosted := input
				if tt.baked != 0 {
					badge, err := bake.Extract(input, tt.baked)
					require.NoError(t, err)
					hosted = badge
					input, err = bake.Bake(input, tt.baked, tm.change(t, badge))
					require.NoError(t, err)
				} else {
					input = tm.change(t, input)
				}
				v := newVerifier(t, documents(t, map[string][]byte{hostedAssertionURL: hosted}))
				res := mustVerify(t, v, input)
				require.Equal(t, verify.StatusInvalid, res.Status, checksText(res.Checks))
				require.False(t, res.Valid)
				require.True(t, failed(res, tt.fails), checksText(res.Checks))
			})
		}
	}
}

// Key provenance: a Data Integrity key named "<issuer>#z6Mk…" is the
// issuer's only if the issuer publishes it, unless the operator chooses the
// 1EdTech validator's rule of trusting whatever key the credential names.
func TestKeyProvenance(t *testing.T) {
	t.Parallel()
	simple := readTestdata(t, "ob3/validator-simple.json")
	forged := forgeInIssuersName(t, simple)
	valMode := verify.WithKeys(verify.KeyChain{keys.NewSet(), multikey.Resolver{}})
	tests := []struct {
		name  string
		badge []byte
		docs  verify.Pinned
		opts  []verify.Option
		want  want
	}{
		{name: "ok/key in the issuer's published profile", badge: simple, docs: documents(t, nil),
			want: want{status: verify.StatusValid}},
		{name: "error/issuer profile unavailable", badge: simple, docs: verify.Pinned{},
			want: want{status: verify.StatusInvalid, failed: []string{proof.CheckKey, proof.CheckSignature}, note: "the issuer's profile is unavailable"}},
		{name: "error/forged with a key the issuer does not publish", badge: forged, docs: documents(t, nil),
			want: want{status: verify.StatusInvalid, failed: []string{proof.CheckKey, proof.CheckSignature}, note: "not among the keys the issuer publishes"}},
		{name: "ok/1EdTech validator rule, no documents", badge: simple, docs: verify.Pinned{}, opts: []verify.Option{valMode},
			want: want{status: verify.StatusValid}},
		// This is why the rule is not the default: anyone can sign in the
		// issuer's name.
		{name: "ok/1EdTech validator rule accepts a forgery", badge: forged, docs: verify.Pinned{}, opts: []verify.Option{valMode},
			want: want{status: verify.StatusValid}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			requireResult(t, mustVerify(t, newVerifier(t, tt.docs, tt.opts...), tt.badge), tt.want)
		})
	}
}

// forgeInIssuersName re-signs a credential with a fresh key, naming it
// "<issuer>#<the key>" as the 1EdTech validator's examples do.
func forgeInIssuersName(t testing.TB, signed []byte) []byte {
	t.Helper()
	var doc map[string]any
	require.NoError(t, json.Unmarshal(signed, &doc))
	delete(doc, "proof")
	doc["name"] = "A badge its issuer never issued"
	unsigned, err := json.Marshal(doc)
	require.NoError(t, err)
	pub, priv, err := ed25519.GenerateKey(nil)
	require.NoError(t, err)
	issuer, ok := doc["issuer"].(string)
	if !ok {
		issuer = doc["issuer"].(map[string]any)["id"].(string)
	}
	forged, err := eddsardfc2022.NewSuite(jsonld.NewLoader()).Sign(context.Background(), unsigned, eddsardfc2022.SignOptions{
		VerificationMethod: issuer + "#" + multikey.EncodePublicKey(pub), PrivateKey: priv,
	})
	require.NoError(t, err)
	return forged
}

// The documents a verdict depends on: hosted copies, revocation lists.
func TestPublishedDocuments(t *testing.T) {
	t.Parallel()
	basic := readTestdata(t, "ob2/validator-basic-assertion.json")
	complete := readTestdata(t, "ob3/validator-complete.json")
	const evilURL = "https://evil.example/beths-robotics-badge.json"
	elsewhere := replaceJSON(t, basic, evilURL, "id")
	gone := verify.DocumentSourceFunc(func(ctx context.Context, u string) ([]byte, error) {
		if u == hostedAssertionURL {
			return nil, fmt.Errorf("%w: 410", verify.ErrDocumentGone)
		}
		return documents(t, nil).Document(ctx, u)
	})
	tests := []struct {
		name  string
		badge []byte
		docs  verify.DocumentSource
		want  want
	}{
		{name: "revoked/hosted assertion answers 410 Gone", badge: basic, docs: gone,
			want: want{status: verify.StatusRevoked, failed: []string{proof.CheckRevocation}, note: "410 Gone"}},
		{name: "error/hosted copy unavailable", badge: basic, docs: documents(t, nil),
			want: want{status: verify.StatusInvalid, failed: []string{verify.CheckHosted}, note: "could not be fetched"}},
		{name: "error/hosted copy differs", badge: basic, docs: documents(t, map[string][]byte{hostedAssertionURL: readTestdata(t, "ob2/validator-basic-assertion-expired.json")}),
			want: want{status: verify.StatusInvalid, failed: []string{verify.CheckHosted, proof.CheckExpiry}, note: "members expires"}},
		{name: "error/hosted outside the issuer's origin", badge: elsewhere, docs: documents(t, map[string][]byte{evilURL: elsewhere}),
			want: want{status: verify.StatusInvalid, failed: []string{verify.CheckIssuer}, note: "outside what the issuer"}},
		{name: "error/badge class unavailable", badge: basic,
			docs: documents(t, map[string][]byte{hostedAssertionURL: basic, "https://example.org/robotics-badge.json": nil}),
			want: want{status: verify.StatusInvalid, failed: []string{verify.CheckIssuer}, note: "badge class is unavailable"}},
		{name: "revoked/1EdTech revocation list", badge: complete,
			docs: documents(t, map[string][]byte{completeListURL: readTestdata(t, "status/1edtech-credentials-3732-revocations-revoked.json")}),
			want: want{status: verify.StatusRevoked, failed: []string{proof.CheckRevocation}, note: "Academic misconduct"}},
		{name: "error/1EdTech revocation list unavailable", badge: complete, docs: documents(t, map[string][]byte{completeListURL: nil}),
			want: want{status: verify.StatusInvalid, failed: []string{proof.CheckRevocation}, note: "whether the credential is revoked is unknown"}},
		{name: "error/bitstring status list unavailable", badge: readTestdata(t, "ob3/validator-bitstring-credential-status-revoked.json"),
			docs: documents(t, map[string][]byte{bitstringListURL: nil}),
			want: want{status: verify.StatusInvalid, failed: []string{proof.CheckRevocation}, note: "could not be fetched"}},
		{name: "error/bitstring status list signed by a key its issuer does not publish",
			badge: readTestdata(t, "ob3/validator-bitstring-credential-status-revoked.json"),
			docs:  documents(t, map[string][]byte{bitstringListURL: forgeInIssuersName(t, readTestdata(t, "ob3/validator-bitstring-status-list-credential.json"))}),
			want:  want{status: verify.StatusInvalid, failed: []string{proof.CheckRevocation}, note: "cannot be trusted"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			requireResult(t, mustVerify(t, newVerifier(t, tt.docs), tt.badge), tt.want)
		})
	}
}

func TestMalformedInput(t *testing.T) {
	t.Parallel()
	plainSVGBytes := []byte(plainSVG)
	jws := func(payload string) []byte {
		enc := func(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }
		return []byte(enc(`{"alg":"RS256"}`) + "." + enc(payload) + "." + enc("sig"))
	}
	tests := []struct {
		name  string
		input []byte
		note  string
	}{
		{name: "error/empty", input: nil, note: "empty input"},
		{name: "error/whitespace", input: []byte(" \n\t"), note: "empty input"},
		{name: "error/text", input: []byte("hello, employer"), note: "neither JSON"},
		{name: "error/invalid JSON", input: []byte(`{"@context": `), note: "invalid JSON"},
		{name: "error/JSON of something else", input: []byte(`{"name": "a CV"}`), note: "not an Open Badges"},
		{name: "error/JSON array", input: []byte(`[{"type": "Assertion"}]`), note: "neither JSON"},
		{name: "error/too large", input: bytes.Repeat([]byte(" "), verify.MaxInputSize+1), note: "more than"},
		{name: "error/PNG without a badge", input: plainPNG(t), note: "carries no Open Badges"},
		{name: "error/SVG without a badge", input: plainSVGBytes, note: "carries no Open Badges"},
		{name: "error/truncated PNG", input: plainPNG(t)[:20]},
		{name: "error/HTML", input: []byte("<html><body>badge</body></html>")},
		{name: "error/JWS with a text payload", input: jws("not json"), note: "not a JSON object"},
		{name: "error/JWS of something else", input: jws(`{"sub": "1234"}`), note: "not an Open Badges"},
		{name: "error/JWS with bad base64", input: []byte("a.b!c.d"), note: "base64url"},
	}
	v := newVerifier(t, documents(t, nil))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			res, err := v.Verify(context.Background(), tt.input)
			require.ErrorIs(t, err, verify.ErrMalformed)
			require.ErrorIs(t, err, proof.ErrMalformed)
			require.Nil(t, res)
			if tt.note != "" {
				require.ErrorContains(t, err, tt.note)
			}
		})
	}
}

func TestOpenBadges1IsUnsupported(t *testing.T) {
	t.Parallel()
	ob1 := []byte(`{"uid": "abc", "recipient": "sha256$00", "badge": "https://example.org/badge.json",
		"verify": {"type": "hosted", "url": "https://example.org/a.json"}, "issuedOn": 1359217910}`)
	res := mustVerify(t, newVerifier(t, verify.Pinned{}), ob1)
	requireResult(t, res, want{status: verify.StatusUnsupported, format: verify.FormatOB1, failed: []string{proof.CheckFormat}, note: "1.x"})
}

func TestUnsignedOB3CredentialIsInvalid(t *testing.T) {
	t.Parallel()
	res := mustVerify(t, newVerifier(t, verify.Pinned{}), readTestdata(t, "issued/credential.json"))
	requireResult(t, res, want{status: verify.StatusInvalid, format: verify.FormatOB3Unsigned, failed: []string{proof.CheckSignature}, note: "no proof"})
	require.Equal(t, "Data Analysis with Python", res.Summary.Achievement.Name)
}

func TestCanceledContext(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	slow := verify.DocumentSourceFunc(func(ctx context.Context, _ string) ([]byte, error) { return nil, ctx.Err() })
	for _, file := range []string{"ob3/validator-simple.json", "ob2/validator-simple.jwt", "ob2/validator-basic-assertion.json"} {
		_, err := newVerifier(t, slow).Verify(ctx, readTestdata(t, file))
		require.ErrorIs(t, err, context.Canceled, file)
	}
}

// A badge cannot make the verifier fetch without end.
func TestDocumentBudget(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var asked []string
	counting := verify.DocumentSourceFunc(func(ctx context.Context, u string) ([]byte, error) {
		mu.Lock()
		defer mu.Unlock()
		asked = append(asked, u)
		return documents(t, nil).Document(ctx, u)
	})
	v := newVerifier(t, counting)
	for _, ex := range examples {
		mu.Lock()
		asked = nil
		mu.Unlock()
		_ = mustVerify(t, v, readTestdata(t, ex.file))
		mu.Lock()
		require.LessOrEqual(t, len(asked), verify.MaxDocumentsPerBadge, ex.name)
		for _, u := range asked {
			require.True(t, strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://"), u)
			require.NotContains(t, u, "#", "fragments are not fetched")
		}
		mu.Unlock()
	}
}

// One Verifier serves many goroutines (run with -race).
func TestConcurrentUse(t *testing.T) {
	t.Parallel()
	docs := documents(t, map[string][]byte{hostedAssertionURL: readTestdata(t, "ob2/validator-basic-assertion.json")})
	v := newVerifier(t, docs)
	files := []string{"ob3/validator-simple.json", "ob3/validator-simple-jwt.svg", "ob2/validator-simple.jwt",
		"ob2/validator-basic-assertion.json", "ob3/validator-bitstring-credential-status-revoked.json"}
	var wg sync.WaitGroup
	for i := range 4 * len(files) {
		wg.Go(func() {
			res, err := v.Verify(context.Background(), readTestdata(t, files[i%len(files)]))
			if err != nil || (res.Status != verify.StatusValid && res.Status != verify.StatusRevoked) {
				t.Errorf("%s: %v %+v", files[i%len(files)], err, res)
			}
		})
	}
	wg.Wait()
}

// Verification never touches the network: every example and every
// credential issued in these tests verifies while http.DefaultTransport
// refuses every request (TestMain fails the package on any attempt).
func TestNoNetwork(t *testing.T) {
	t.Parallel()
	before := nonet.Attempts()

	for _, ex := range examples {
		requireResult(t, mustVerify(t, newVerifier(t, examplePins(t, ex)), readTestdata(t, ex.file)), ex.want)
	}
	is := newIssuer(t, ourIssuer)
	cred := readTestdata(t, "issued/credential.json")
	for _, badge := range [][]byte{is.signDI(t, cred), signJWT(t, is.rsa, cred)} {
		requireResult(t, mustVerify(t, is.verifier(t, is.docs), badge), want{status: verify.StatusValid})
	}
	// Without documents, verification fails rather than going to fetch them.
	res := mustVerify(t, verify.New(verify.WithClock(clock)), readTestdata(t, "ob3/validator-complete.json"))
	require.Equal(t, verify.StatusInvalid, res.Status)
	require.Equal(t, before, nonet.Attempts())
}

// The Result is what the API serves: its JSON form is pinned by golden
// files (go test ./verify -run TestResultJSON -update rewrites them).
func TestResultJSON(t *testing.T) {
	t.Parallel()
	for _, ex := range examples {
		switch ex.file {
		case "ob3/validator-complete.json", "ob2/validator-simple.jwt", "ob2/validator-basic-assertion-expired.json",
			"ob3/validator-bitstring-credential-status-revoked.json":
		default:
			continue
		}
		t.Run(ex.file, func(t *testing.T) {
			t.Parallel()
			res := mustVerify(t, newVerifier(t, examplePins(t, ex)), readTestdata(t, ex.file))
			got, err := json.MarshalIndent(res, "", "  ")
			require.NoError(t, err)
			got = append(got, '\n')
			name := strings.ReplaceAll(strings.TrimSuffix(ex.file, filepath.Ext(ex.file)), "/", "-")
			golden := filepath.Join("testdata", "golden", name+".result.json")
			if *update {
				require.NoError(t, os.MkdirAll(filepath.Dir(golden), 0o755))
				require.NoError(t, os.WriteFile(golden, got, 0o644))
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err)
			require.JSONEq(t, string(want), string(got))
		})
	}
}

// An OB 2.0 hosted assertion can be verified from its URL alone (as a
// legacy baked image carries it): the hosted copy is all there is.
func TestHostedAssertionByURL(t *testing.T) {
	t.Parallel()
	signedPayload := readTestdata(t, "ob2/spec-signed-assertion-payload.json")
	tests := []struct {
		name   string
		hosted []byte
		want   want
	}{
		{name: "ok", hosted: readTestdata(t, "ob2/validator-basic-assertion.json"),
			want: want{status: verify.StatusValid, format: verify.FormatOB2Hosted}},
		{name: "expired", hosted: readTestdata(t, "ob2/validator-basic-assertion-expired.json"),
			want: want{status: verify.StatusExpired, failed: []string{proof.CheckExpiry}}},
		{name: "error/hosted document is a signed assertion", hosted: replaceJSON(t, signedPayload, hostedAssertionURL, "id"),
			want: want{status: verify.StatusInvalid, failed: []string{verify.CheckHosted}, note: "not a hosted assertion"}},
		{name: "error/nothing hosted", hosted: nil,
			want: want{status: verify.StatusInvalid, failed: []string{verify.CheckHosted}, note: "could not be fetched"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			v := newVerifier(t, documents(t, map[string][]byte{hostedAssertionURL: tt.hosted}))
			requireResult(t, mustVerify(t, v, []byte(hostedAssertionURL+"\n")), tt.want)
		})
	}
}

// A credential whose contexts the verifier does not hold cannot be checked:
// the service's own credentials need its extension context in the loader.
func TestUnknownContextIsUnsupported(t *testing.T) {
	t.Parallel()
	is := newIssuer(t, ourIssuer)
	signed := is.signDI(t, readTestdata(t, "issued/credential.json"))
	res := mustVerify(t, newVerifier(t, is.docs), signed) // the default loader lacks the extension context
	requireResult(t, res, want{status: verify.StatusUnsupported, format: verify.FormatOB3DataIntegrity, note: "not available offline"})
	requireResult(t, mustVerify(t, is.verifier(t, is.docs), signed), want{status: verify.StatusValid})
}
