package credentials_test

import (
	"bytes"
	"context"
	"crypto"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"badged/credentials/bake"
	"badged/credentials/jsonld"
	"badged/credentials/keys"
	"badged/credentials/multikey"
	"badged/credentials/ob2"
	"badged/credentials/proof"
	"badged/credentials/proof/eddsardfc2022"
	"badged/credentials/proof/ob2jws"
	"badged/credentials/proof/vcjwt"
)

// The conformance table runs every signed example and test credential of
// shared/openbadges/examples (copied to testdata/ob2 and testdata/ob3), and
// credentials this library issues, through the verifier of its format,
// extracting first from baked images, and holds each to the verdict the
// examples' README gives it.

// format is how a document is verified.
type format string

const (
	ob2Signed format = "OB 2.0 signed badge (JWS)"
	ob2Hosted format = "OB 2.0 hosted assertion" // no signature: only its dates can be checked offline
	ob3JWT    format = "OB 3.0 VC-JWT"
	ob3DI     format = "OB 3.0 Data Integrity (eddsa-rdfc-2022)"
)

// suite verifies Data Integrity proofs; it is safe for concurrent use and
// worth sharing, since its loader caches parsed contexts.
var suite = sync.OnceValue(func() *eddsardfc2022.Suite { return eddsardfc2022.NewSuite(jsonld.NewLoader()) })

// verdict is what verification must conclude.
type verdict struct {
	valid  bool
	failed []string // the checks that must fail when not valid
	note   string   // text the first failed check's message must contain
}

var (
	valid   = verdict{valid: true}
	expired = verdict{failed: []string{proof.CheckExpiry}, note: "expired"}
	legacy  = verdict{failed: []string{proof.CheckAlgorithm, proof.CheckSignature}, note: "legacy"}
)

type example struct {
	name     string
	file     string       // under testdata/
	baked    bake.Version // nonzero: extract this badge from the image first
	format   format
	keys     func(t testing.TB) proof.KeyResolver
	want     verdict
	tampered bool // also check that every one-value change fails
}

// now is after every example was issued and before the issued test
// credential expires (2030).
var now = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return data
}

// validatorOB2Keys resolves the key of the 1EdTech validator's signed badge
// from its CryptographicKey document, as a verifier does after fetching it.
func validatorOB2Keys(t testing.TB) proof.KeyResolver {
	doc, err := ob2.ParseCryptographicKey(readTestdata(t, "ob2/validator-assets-key1.json"))
	require.NoError(t, err)
	set, err := ob2jws.NewKeySet(doc)
	require.NoError(t, err)
	return set
}

// validatorOB3Keys pins the key in the header of the 1EdTech validator's
// VC-JWT as its issuer's, as a published issuer profile or JWKS would.
func validatorOB3Keys(t testing.TB) proof.KeyResolver {
	tok, err := vcjwt.Parse(readTestdata(t, "ob3/validator-simple-jwt.extracted-from-svg.jws"))
	require.NoError(t, err)
	pub, err := keys.ParseJWK(tok.Header.JWK)
	require.NoError(t, err)
	set := keys.NewSet()
	require.NoError(t, set.Add("https://1edtech.edu/issuers/565049", "", pub))
	return set
}

func noKeys(testing.TB) proof.KeyResolver { return keys.NewSet() }

// multikeys resolves <issuer>#z6Mk… and did:key verification methods from
// the identifier itself, as the 1EdTech validator does.
func multikeys(testing.TB) proof.KeyResolver { return multikey.Resolver{} }

var examples = []example{
	{name: "OB 2.0 validator signed badge", file: "ob2/validator-simple.jwt", format: ob2Signed, keys: validatorOB2Keys, want: valid, tampered: true},
	{name: "OB 2.0 validator signed badge, unknown key", file: "ob2/validator-simple.jwt", format: ob2Signed, keys: noKeys,
		want: verdict{failed: []string{proof.CheckKey, proof.CheckSignature}, note: "no such key"}},
	{name: "OB 2.0 validator expired assertion", file: "ob2/validator-basic-assertion-expired.json", format: ob2Hosted, want: expired},
	{name: "OB 2.0 validator assertion", file: "ob2/validator-basic-assertion.json", format: ob2Hosted, want: valid},
	{name: "OB 2.0 spec hosted assertion (expired 2017)", file: "ob2/spec-assertion-hosted.json", format: ob2Hosted, want: expired},
	{name: "OB 2.0 validator baked PNG", file: "ob2/validator-simple-badge.png", baked: bake.OB2, format: ob2Hosted, want: valid},

	{name: "OB 3.0 validator VC-JWT", file: "ob3/validator-simple-jwt.extracted-from-svg.jws", format: ob3JWT, keys: validatorOB3Keys, want: valid, tampered: true},
	{name: "OB 3.0 validator VC-JWT, key not the issuer's", file: "ob3/validator-simple-jwt.extracted-from-svg.jws", format: ob3JWT, keys: noKeys,
		want: verdict{failed: []string{proof.CheckKey, proof.CheckSignature}, note: "not one the issuer"}},
	{name: "OB 3.0 validator baked SVG with a VC-JWT", file: "ob3/validator-simple-jwt.svg", baked: bake.OB3, format: ob3JWT, keys: validatorOB3Keys, want: valid, tampered: true},
	{name: "OB 3.0 validator legacy VC 1.1 JWT (no key)", file: "ob3/validator-simple.jwt", format: ob3JWT, keys: validatorOB3Keys,
		want: verdict{failed: []string{proof.CheckKey, proof.CheckSignature}, note: "names no key"}},

	{name: "OB 3.0 validator simple", file: "ob3/validator-simple.json", format: ob3DI, keys: multikeys, want: valid, tampered: true},
	{name: "OB 3.0 validator simple, did:web issuer", file: "ob3/validator-simple-did-web-method.json", format: ob3DI, keys: multikeys, want: valid},
	{name: "OB 3.0 validator complete", file: "ob3/validator-complete.json", format: ob3DI, keys: multikeys, want: valid},
	{name: "OB 3.0 validator endorsement", file: "ob3/validator-endorsement-valid.json", format: ob3DI, keys: multikeys, want: valid},
	{name: "OB 3.0 validator bitstring-revoked credential (signature)", file: "ob3/validator-bitstring-credential-status-revoked.json", format: ob3DI, keys: multikeys, want: valid},
	{name: "OB 3.0 validator bitstring status list", file: "ob3/validator-bitstring-status-list-credential.json", format: ob3DI, keys: multikeys, want: valid},
	{name: "OB 3.0 validator baked PNG with JSON", file: "ob3/validator-simple-json.png", baked: bake.OB3, format: ob3DI, keys: multikeys, want: valid, tampered: true},
	{name: "OB 3.0 validator baked SVG with JSON", file: "ob3/validator-simple-json.svg", baked: bake.OB3, format: ob3DI, keys: multikeys, want: valid},
	{name: "OB 3.0 validator legacy eddsa-2022", file: "ob3/validator-simple-eddsa-2022.json", format: ob3DI, keys: multikeys, want: legacy},
	{name: "OB 3.0 validator legacy Ed25519Signature2020", file: "ob3/validator-credential-status-revoked.json", format: ob3DI, keys: multikeys, want: legacy},
	{name: "OB 3.0 Data Integrity credential is not a VC-JWT", file: "ob3/validator-simple.json", format: ob3JWT, keys: multikeys,
		want: verdict{failed: []string{proof.CheckFormat}, note: "not a compact JWS"}},
	{name: "OB 3.0 VC-JWT is not a Data Integrity credential", file: "ob3/validator-simple-jwt.extracted-from-svg.jws", format: ob3DI, keys: multikeys,
		want: verdict{failed: []string{proof.CheckFormat}}},
}

func TestConformance(t *testing.T) {
	t.Parallel()
	for _, ex := range examples {
		t.Run(ex.name, func(t *testing.T) {
			t.Parallel()
			doc := readTestdata(t, ex.file)
			if ex.baked != 0 {
				var err error
				doc, err = bake.Extract(doc, ex.baked)
				require.NoError(t, err)
			}
			res, err := verify(t, ex, doc)
			if ex.want.failed == nil || !slices.Equal(ex.want.failed, []string{proof.CheckFormat}) {
				require.NoError(t, err)
			} else {
				require.ErrorIs(t, err, proof.ErrMalformed, "a document of another format cannot be verified at all")
			}
			requireVerdict(t, res, ex.want)
			if ex.tampered {
				requireTamperedFail(t, ex, doc)
			}
		})
	}
}

func verify(t testing.TB, ex example, doc []byte) (proof.Result, error) {
	ctx := context.Background()
	switch ex.format {
	case ob2Signed:
		return ob2jws.NewVerifier(ob2jws.WithClock(func() time.Time { return now })).Verify(ctx, doc, ex.keys(t))
	case ob3JWT:
		return vcjwt.NewVerifier(vcjwt.WithClock(func() time.Time { return now })).Verify(ctx, doc, ex.keys(t))
	case ob3DI:
		return suite().Verify(ctx, doc, ex.keys(t))
	case ob2Hosted:
		// A hosted assertion is verified by fetching it from its id; what
		// can be checked offline is that it parses and has not expired.
		a, err := ob2.ParseAssertion(doc)
		if err != nil {
			return proof.Result{}, err
		}
		var res proof.Result
		if a.Verification != nil && a.Verification.IsHosted() {
			res.Pass(proof.CheckFormat)
		} else {
			res.Fail(proof.CheckFormat, "not a hosted assertion")
		}
		res.Checks = append(res.Checks, ob2jws.ExpiryCheck(a, now))
		return res, nil
	}
	return proof.Result{}, fmt.Errorf("no verifier for %q", ex.format)
}

func requireVerdict(t testing.TB, res proof.Result, want verdict) {
	t.Helper()
	require.Equal(t, want.valid, res.Valid(), res.Failures())
	var failed []string
	for _, c := range res.Checks {
		if !c.Passed {
			failed = append(failed, c.Name)
		}
	}
	require.ElementsMatch(t, want.failed, failed, "%+v", res.Checks)
	if want.note != "" {
		require.Contains(t, res.Failures(), want.note)
	}
}

// requireTamperedFail changes each value of the signed header and payload
// in turn (re-encoding the JSON token by token, so nothing else moves), and
// flips bits of the signature: no such copy may verify.
func requireTamperedFail(t *testing.T, ex example, token []byte) {
	t.Helper()
	if ex.format == ob3DI {
		requireTamperedDocumentFails(t, ex, token)
		return
	}
	parts := strings.Split(strings.TrimSpace(string(token)), ".")
	require.Len(t, parts, 3)
	verifies := func(parts []string) bool {
		res, err := verify(t, ex, []byte(strings.Join(parts, ".")))
		return err == nil && res.Valid()
	}
	require.True(t, verifies(parts))
	count := 0
	for i := range 2 {
		raw, err := base64.RawURLEncoding.DecodeString(parts[i])
		require.NoError(t, err)
		identity, variants := jsonVariants(t, raw)
		require.Equal(t, string(raw), string(identity), "the rewriter must reproduce the signed bytes")
		for j, changed := range variants {
			tampered := slices.Clone(parts)
			tampered[i] = base64.RawURLEncoding.EncodeToString(changed)
			require.False(t, verifies(tampered), "part %d, value %d changed: %s", i, j, changed)
			count++
		}
	}
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	require.NoError(t, err)
	for _, at := range []int{0, len(sig) / 2, len(sig) - 1} {
		flipped := bytes.Clone(sig)
		flipped[at] ^= 0x01
		tampered := slices.Clone(parts)
		tampered[2] = base64.RawURLEncoding.EncodeToString(flipped)
		require.False(t, verifies(tampered), "signature byte %d flipped", at)
	}
	require.Greater(t, count, 10)
}

// requireTamperedDocumentFails changes each value of an embedded-proof
// credential in turn, the proof's included: no such copy may verify. The
// document is re-emitted compactly, which Data Integrity does not notice
// (it signs the canonical RDF, not the bytes), so the unchanged copy must
// still verify.
func requireTamperedDocumentFails(t *testing.T, ex example, doc []byte) {
	t.Helper()
	var compact bytes.Buffer
	require.NoError(t, json.Compact(&compact, doc))
	identity, variants := jsonVariants(t, compact.Bytes())
	res, err := verify(t, ex, identity)
	require.NoError(t, err)
	require.True(t, res.Valid(), res.Failures())
	for j, changed := range variants {
		res, err := verify(t, ex, changed)
		require.False(t, err == nil && res.Valid(), "value %d changed: %s", j, changed)
	}
	require.Greater(t, len(variants), 10)
}

// jsonVariants re-emits compact JSON token by token, once as is and once per
// scalar value (object values and array elements) with that value changed.
func jsonVariants(t testing.TB, data []byte) (identity []byte, variants [][]byte) {
	t.Helper()
	n := 0
	identity = rewrite(t, data, -1, &n)
	for i := range n {
		var m int
		variants = append(variants, rewrite(t, data, i, &m))
	}
	return identity, variants
}

func rewrite(t testing.TB, data []byte, target int, count *int) []byte {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var out bytes.Buffer
	type frame struct {
		object bool
		n      int
	}
	var stack []frame
	encode := func(v any) {
		var b bytes.Buffer
		e := json.NewEncoder(&b)
		e.SetEscapeHTML(false)
		require.NoError(t, e.Encode(v))
		out.Write(bytes.TrimSuffix(b.Bytes(), []byte("\n")))
	}
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		delim, isDelim := tok.(json.Delim)
		closing := isDelim && (delim == '}' || delim == ']')
		isKey := false
		if len(stack) > 0 && !closing {
			top := &stack[len(stack)-1]
			switch {
			case top.object && top.n%2 == 0:
				isKey = true
				if top.n > 0 {
					out.WriteByte(',')
				}
			case top.object:
				out.WriteByte(':')
			case top.n > 0:
				out.WriteByte(',')
			}
			top.n++
		}
		if isDelim {
			out.WriteByte(byte(delim))
			switch delim {
			case '{', '[':
				stack = append(stack, frame{object: delim == '{'})
			default:
				stack = stack[:len(stack)-1]
			}
			continue
		}
		if isKey {
			encode(tok)
			continue
		}
		hit := *count == target
		*count++
		switch v := tok.(type) {
		case string:
			if hit {
				v += "x"
			}
			encode(v)
		case json.Number:
			if hit {
				v += "1"
			}
			out.WriteString(v.String())
		case bool:
			encode(v != hit)
		case nil:
			if hit {
				out.WriteString(`"x"`)
			} else {
				out.WriteString("null")
			}
		}
	}
	return out.Bytes()
}

// Every example file is either in the table or named here with the reason
// it is not verified: a new example cannot slip by unnoticed.
var notVerified = map[string]string{
	"ob2/spec-badgeclass.normalized.json":                         "BadgeClass, not a credential",
	"ob2/spec-cryptographickey.json":                              "a key document (its PEM is elided in the spec)",
	"ob2/spec-endorsement.json":                                   "hosted endorsement; covered by credentials/ob2",
	"ob2/spec-issuer.json":                                        "issuer profile",
	"ob2/spec-revocationlist.json":                                "revocation list (used in TestIssuedCredentials)",
	"ob2/spec-revoked-hosted-assertion.json":                      "the 410 Gone body of a revoked hosted assertion, not a credential",
	"ob2/spec-signed-assertion-payload.json":                      "an unsigned payload: signed in TestIssuedCredentials",
	"ob2/validator-assets-endorsement-1.json":                     "hosted endorsement; covered by credentials/ob2",
	"ob2/validator-assets-key1.json":                              "the key of validator-simple.jwt",
	"ob2/validator-assets-organization-with-revocation-list.json": "issuer profile",
	"ob2/validator-assets-organization.json":                      "issuer profile",
	"ob2/validator-assets-revocation-list.json":                   "revocation list",
	"ob2/validator-assets-robotics-badge.json":                    "BadgeClass, not a credential",
}

func TestEveryExampleIsClassified(t *testing.T) {
	t.Parallel()
	listed := map[string]bool{}
	for _, ex := range examples {
		listed[ex.file] = true
	}
	for f := range notVerified {
		listed[f] = true
	}
	for _, dir := range []string{"ob2", "ob3"} {
		entries, err := os.ReadDir(filepath.Join("testdata", dir))
		require.NoError(t, err)
		for _, e := range entries {
			name := dir + "/" + e.Name()
			require.True(t, listed[name], "%s is neither verified nor explained", name)
		}
	}
}

// The whole issuing path for each format: sign, bake into a PNG and an SVG,
// extract, verify; and each copy with one value changed fails.
func TestIssuedCredentials(t *testing.T) {
	t.Parallel()
	pngImage := plainPNG(t)
	svgImage := readTestdata(t, "issued/plain.svg")
	const issuer = "https://badges.example.edu/issuers/school-of-computing"

	type issued struct {
		name   string
		token  []byte
		v      bake.Version
		format format
		keys   proof.KeyResolver
	}
	var all []issued
	for _, typ := range []keys.Type{keys.RSA2048, keys.P256, keys.Ed25519} {
		key := generateKey(t, typ)
		signer, err := vcjwt.NewSigner(key)
		require.NoError(t, err)
		token, err := signer.Sign(readTestdata(t, "issued/ob3-credential.json"))
		require.NoError(t, err)
		set := keys.NewSet()
		require.NoError(t, set.Add(issuer, "", key))
		all = append(all, issued{"OB 3.0 VC-JWT " + signer.Algorithm().String(), token, bake.OB3, ob3JWT, set})
	}
	edKey := generateKey(t, keys.Ed25519)
	signed, err := suite().Sign(context.Background(), readTestdata(t, "issued/ob3-credential.json"), eddsardfc2022.SignOptions{
		VerificationMethod: issuer + "#" + multikey.EncodePublicKey(edKey.Public().(ed25519.PublicKey)),
		PrivateKey:         edKey.(ed25519.PrivateKey),
	})
	require.NoError(t, err)
	all = append(all, issued{"OB 3.0 Data Integrity", signed, bake.OB3, ob3DI, multikey.Resolver{}})

	rsaKey := generateKey(t, keys.RSA2048)
	const keyURL = "https://example.org/publicKey.json"
	signer, err := ob2jws.NewSigner(rsaKey, keyURL)
	require.NoError(t, err)
	token, err := signer.Sign(readTestdata(t, "ob2/spec-signed-assertion-payload.json"))
	require.NoError(t, err)
	doc, err := ob2jws.NewCryptographicKey(keyURL, "https://example.org/organization.json", rsaKey)
	require.NoError(t, err)
	set, err := ob2jws.NewKeySet(doc)
	require.NoError(t, err)
	all = append(all, issued{"OB 2.0 signed badge", token, bake.OB2, ob2Signed, set})

	for _, is := range all {
		for _, img := range []struct {
			kind string
			data []byte
		}{{"PNG", pngImage}, {"SVG", svgImage}} {
			t.Run(is.name+" baked in "+img.kind, func(t *testing.T) {
				t.Parallel()
				baked, err := bake.Bake(img.data, is.v, is.token)
				require.NoError(t, err)
				extracted, err := bake.Extract(baked, is.v)
				require.NoError(t, err)
				require.Equal(t, string(bytes.TrimSpace(is.token)), string(extracted))
				ex := example{format: is.format, keys: func(testing.TB) proof.KeyResolver { return is.keys }}
				res, err := verify(t, ex, extracted)
				require.NoError(t, err)
				requireVerdict(t, res, valid)
				requireTamperedFail(t, ex, extracted)
			})
		}
	}

	t.Run("OB 2.0 signed badge revoked by the issuer's list", func(t *testing.T) {
		t.Parallel()
		list, err := ob2.ParseRevocationList(readTestdata(t, "ob2/spec-revocationlist.json"))
		require.NoError(t, err)
		var a map[string]any
		require.NoError(t, json.Unmarshal(readTestdata(t, "ob2/spec-signed-assertion-payload.json"), &a))
		a["id"] = "urn:uuid:3c574c87-b96f-4f06-8eb5-68a29335b60e"
		payload, err := json.Marshal(a)
		require.NoError(t, err)
		token, err := signer.Sign(payload)
		require.NoError(t, err)
		res, err := ob2jws.NewVerifier(ob2jws.WithClock(func() time.Time { return now }), ob2jws.WithRevocations(ob2jws.RevocationList(list))).
			Verify(context.Background(), token, set)
		require.NoError(t, err)
		requireVerdict(t, res, verdict{failed: []string{proof.CheckRevocation}, note: "revoked"})
	})
}

func generateKey(t testing.TB, typ keys.Type) crypto.Signer {
	t.Helper()
	k, err := keys.Generate(typ)
	require.NoError(t, err)
	return k
}

func plainPNG(t testing.TB) []byte {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, png.Encode(&b, image.NewGray(image.Rect(0, 0, 8, 8))))
	return b.Bytes()
}
