package verify_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"badged/credentials/bake"
	"badged/credentials/proof"
	"badged/verify"
)

// example is one file of shared/openbadges/examples (copied to testdata/ob2
// and testdata/ob3) with the verdict its README gives it.
type example struct {
	name string
	file string
	// hosted is what the issuer hosts at hostedAssertionURL: a testdata
	// file, "extracted" for the badge baked into file itself, or "" for
	// nothing.
	hosted string
	want   want
}

var examples = []example{
	// OB 2.0: the validator's signed badge verifies with the key its
	// organization profile links; its hosted assertions verify against
	// their hosted copies, and the expired ones are expired.
	{name: "OB 2.0 validator signed badge", file: "ob2/validator-simple.jwt",
		want: want{status: verify.StatusValid, format: verify.FormatOB2Signed}},
	{name: "OB 2.0 validator hosted assertion", file: "ob2/validator-basic-assertion.json", hosted: "ob2/validator-basic-assertion.json",
		want: want{status: verify.StatusValid, format: verify.FormatOB2Hosted}},
	{name: "OB 2.0 validator expired hosted assertion", file: "ob2/validator-basic-assertion-expired.json", hosted: "ob2/validator-basic-assertion-expired.json",
		want: want{status: verify.StatusExpired, format: verify.FormatOB2Hosted, failed: []string{proof.CheckExpiry}, note: "expired at 2022-11-15T23:59:59Z"}},
	{name: "OB 2.0 spec hosted assertion (expired 2017)", file: "ob2/spec-assertion-hosted.json", hosted: "ob2/spec-assertion-hosted.json",
		want: want{status: verify.StatusExpired, format: verify.FormatOB2Hosted, failed: []string{proof.CheckExpiry}}},
	{name: "OB 2.0 validator baked PNG", file: "ob2/validator-simple-badge.png", hosted: "extracted",
		want: want{status: verify.StatusValid, format: verify.FormatOB2Hosted, container: verify.ContainerPNG}},
	{name: "OB 2.0 spec revoked hosted assertion", file: "ob2/spec-revoked-hosted-assertion.json", hosted: "ob2/spec-revoked-hosted-assertion.json",
		want: want{status: verify.StatusRevoked, format: verify.FormatOB2Hosted, failed: []string{proof.CheckRevocation}, note: "three stacked children"}},
	{name: "OB 2.0 spec signed assertion's JSON without its JWS", file: "ob2/spec-signed-assertion-payload.json",
		want: want{status: verify.StatusInvalid, format: verify.FormatOB2Signed, failed: []string{proof.CheckSignature}, note: "without its JWS"}},

	// OB 3.0 with the keys their issuers publish (testdata/issuers).
	{name: "OB 3.0 validator simple", file: "ob3/validator-simple.json",
		want: want{status: verify.StatusValid, format: verify.FormatOB3DataIntegrity}},
	{name: "OB 3.0 validator simple, did:web method", file: "ob3/validator-simple-did-web-method.json",
		want: want{status: verify.StatusValid, format: verify.FormatOB3DataIntegrity}},
	{name: "OB 3.0 validator complete (1EdTech revocation list, schema)", file: "ob3/validator-complete.json",
		want: want{status: verify.StatusValid, format: verify.FormatOB3DataIntegrity}},
	{name: "OB 3.0 validator endorsement credential", file: "ob3/validator-endorsement-valid.json",
		want: want{status: verify.StatusValid, format: verify.FormatOB3DataIntegrity}},
	{name: "OB 3.0 validator bitstring status list credential", file: "ob3/validator-bitstring-status-list-credential.json",
		want: want{status: verify.StatusValid, format: verify.FormatOB3DataIntegrity}},
	{name: "OB 3.0 validator credential revoked by bit 23", file: "ob3/validator-bitstring-credential-status-revoked.json",
		want: want{status: verify.StatusRevoked, format: verify.FormatOB3DataIntegrity, failed: []string{proof.CheckRevocation}, note: "index 23"}},
	{name: "OB 3.0 validator baked PNG with JSON", file: "ob3/validator-simple-json.png",
		want: want{status: verify.StatusValid, format: verify.FormatOB3DataIntegrity, container: verify.ContainerPNG}},
	{name: "OB 3.0 validator baked SVG with JSON", file: "ob3/validator-simple-json.svg",
		want: want{status: verify.StatusValid, format: verify.FormatOB3DataIntegrity, container: verify.ContainerSVG}},
	{name: "OB 3.0 validator VC-JWT", file: "ob3/validator-simple-jwt.extracted-from-svg.jws",
		want: want{status: verify.StatusValid, format: verify.FormatOB3JWT}},
	{name: "OB 3.0 validator baked SVG with a VC-JWT", file: "ob3/validator-simple-jwt.svg",
		want: want{status: verify.StatusValid, format: verify.FormatOB3JWT, container: verify.ContainerSVG}},

	// Legacy forms are said to be unsupported, never valid.
	{name: "OB 3.0 validator legacy VC 1.1 JWT", file: "ob3/validator-simple.jwt",
		want: want{status: verify.StatusUnsupported, format: verify.FormatOB3JWT, note: "legacy VC 1.1 JWT"}},
	{name: "OB 3.0 validator legacy eddsa-2022", file: "ob3/validator-simple-eddsa-2022.json",
		want: want{status: verify.StatusUnsupported, format: verify.FormatOB3DataIntegrity, note: "eddsa-2022"}},
	{name: "OB 3.0 validator legacy Ed25519Signature2020", file: "ob3/validator-credential-status-revoked.json",
		want: want{status: verify.StatusUnsupported, format: verify.FormatOB3DataIntegrity, note: "Ed25519Signature2020"}},
}

// notBadges are example files that are not badges: Verify refuses them as
// malformed input, naming what they are.
var notBadges = map[string]string{
	"ob2/spec-badgeclass.normalized.json":                         "BadgeClass",
	"ob2/spec-cryptographickey.json":                              "CryptographicKey",
	"ob2/spec-endorsement.json":                                   "Endorsement",
	"ob2/spec-issuer.json":                                        "Issuer",
	"ob2/spec-revocationlist.json":                                "RevocationList",
	"ob2/validator-assets-endorsement-1.json":                     "Endorsement",
	"ob2/validator-assets-key1.json":                              "CryptographicKey",
	"ob2/validator-assets-organization-with-revocation-list.json": "Issuer",
	"ob2/validator-assets-organization.json":                      "Issuer",
	"ob2/validator-assets-revocation-list.json":                   "RevocationList",
	"ob2/validator-assets-robotics-badge.json":                    "BadgeClass",
}

// examplePins returns the documents an example's verification needs.
func examplePins(t testing.TB, ex example) verify.Pinned {
	t.Helper()
	var hosted []byte
	switch ex.hosted {
	case "":
	case "extracted":
		var err error
		hosted, err = bake.Extract(readTestdata(t, ex.file), bake.OB2)
		require.NoError(t, err)
	default:
		hosted = readTestdata(t, ex.hosted)
	}
	return documents(t, map[string][]byte{hostedAssertionURL: hosted})
}

func TestExamples(t *testing.T) {
	t.Parallel()
	for _, ex := range examples {
		t.Run(ex.name, func(t *testing.T) {
			t.Parallel()
			v := newVerifier(t, examplePins(t, ex))
			res := mustVerify(t, v, readTestdata(t, ex.file))
			requireResult(t, res, ex.want)
			require.NotNil(t, res.Summary)
		})
	}
}

func TestNotBadges(t *testing.T) {
	t.Parallel()
	v := newVerifier(t, documents(t, nil))
	for file, what := range notBadges {
		t.Run(file, func(t *testing.T) {
			t.Parallel()
			res, err := v.Verify(context.Background(), readTestdata(t, file))
			require.ErrorIs(t, err, verify.ErrMalformed)
			require.ErrorContains(t, err, what)
			require.Nil(t, res)
		})
	}
}

// Every example file is verified or refused above, or stands for a
// published document: a new example cannot slip by unnoticed.
func TestEveryExampleIsClassified(t *testing.T) {
	t.Parallel()
	listed := map[string]bool{}
	for _, ex := range examples {
		listed[ex.file] = true
	}
	for f := range notBadges {
		listed[f] = true
	}
	for _, dir := range []string{"ob2", "ob3"} {
		entries, err := os.ReadDir(filepath.Join("testdata", dir))
		require.NoError(t, err)
		for _, e := range entries {
			name := dir + "/" + e.Name()
			require.True(t, listed[name], "%s is neither verified nor refused", name)
		}
	}
}
