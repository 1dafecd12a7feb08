package ob2jws_test

import (
	"context"
	"crypto"
	"crypto/hmac"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/lestrrat-go/jwx/v2/jwa"
	"github.com/lestrrat-go/jwx/v2/jws"
	"github.com/stretchr/testify/require"

	"badged/credentials/keys"
	"badged/credentials/ob2"
	"badged/credentials/proof"
	"badged/credentials/proof/ob2jws"
)

const (
	testIssuer = "https://example.org/organization.json"
	testKeyURL = "https://example.org/publicKey.json"
)

var testNow = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func readFile(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	require.NoError(t, err)
	return data
}

func b64(v any) string {
	var raw []byte
	switch v := v.(type) {
	case string:
		raw = []byte(v)
	case []byte:
		raw = v
	default:
		var err error
		if raw, err = json.Marshal(v); err != nil {
			panic(err)
		}
	}
	return base64.RawURLEncoding.EncodeToString(raw)
}

func generate(t testing.TB, typ keys.Type) crypto.Signer {
	t.Helper()
	k, err := keys.Generate(typ)
	require.NoError(t, err)
	return k
}

// testBundle is an issuer with one published RSA key and a verifier.
type testBundle struct {
	key      crypto.Signer
	signer   *ob2jws.Signer
	resolver *keys.Set
	verifier *ob2jws.Verifier
}

func setup(t testing.TB) testBundle {
	t.Helper()
	key := generate(t, keys.RSA2048)
	signer, err := ob2jws.NewSigner(key, testKeyURL)
	require.NoError(t, err)
	doc, err := ob2jws.NewCryptographicKey(testKeyURL, testIssuer, key)
	require.NoError(t, err)
	resolver, err := ob2jws.NewKeySet(doc)
	require.NoError(t, err)
	return testBundle{key: key, signer: signer, resolver: resolver, verifier: ob2jws.NewVerifier(ob2jws.WithClock(func() time.Time { return testNow }))}
}

// assertion returns the specification's signed-assertion example with edits
// applied (nil removes a member).
func assertion(t testing.TB, edits map[string]any) []byte {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal(readFile(t, "spec-signed-assertion-payload.json"), &m))
	for k, v := range edits {
		if v == nil {
			delete(m, k)
		} else {
			m[k] = v
		}
	}
	out, err := json.Marshal(m)
	require.NoError(t, err)
	return out
}

func signRaw(t testing.TB, key crypto.Signer, header any, payload []byte) []byte {
	t.Helper()
	input := b64(header) + "." + b64(payload)
	_, sig, err := keys.SignJWS(key, []byte(input))
	require.NoError(t, err)
	return []byte(input + "." + b64(sig))
}

func requireChecks(t testing.TB, res proof.Result, failed ...string) {
	t.Helper()
	require.NotEmpty(t, res.Checks)
	for _, c := range res.Checks {
		want := !contains(failed, c.Name)
		require.Equal(t, want, c.Passed, "check %s: %+v", c.Name, res.Checks)
	}
	for _, name := range failed {
		_, ran := res.Check(name)
		require.True(t, ran, "check %s did not run: %+v", name, res.Checks)
	}
	require.Equal(t, len(failed) == 0, res.Valid())
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// The 1EdTech validator's signed badge verifies with its CryptographicKey.
func TestVerifyValidatorSample(t *testing.T) {
	t.Parallel()
	doc, err := ob2.ParseCryptographicKey(readFile(t, "validator-assets-key1.json"))
	require.NoError(t, err)
	resolver, err := ob2jws.NewKeySet(doc)
	require.NoError(t, err)
	token := readFile(t, "validator-simple.jwt")

	res, err := ob2jws.NewVerifier().Verify(context.Background(), token, resolver)
	require.NoError(t, err)
	requireChecks(t, res)
	for _, name := range []string{proof.CheckFormat, proof.CheckAlgorithm, proof.CheckKey, proof.CheckSignature, proof.CheckExpiry} {
		_, ran := res.Check(name)
		require.True(t, ran, name)
	}
	_, ran := res.Check(proof.CheckRevocation)
	require.False(t, ran, "no revocation list was given")

	parsed, err := ob2jws.Parse(token)
	require.NoError(t, err)
	require.Equal(t, "https://example.org/beths-robotics-badge.json", parsed.Assertion.ID)
	require.Equal(t, "http://example.org/key1.json", parsed.Assertion.Verification.Creator)

	t.Run("error/not revoked by the validator's list", func(t *testing.T) {
		t.Parallel()
		list, err := ob2.ParseRevocationList(readFile(t, "validator-assets-revocation-list.json"))
		require.NoError(t, err)
		res, err := ob2jws.NewVerifier(ob2jws.WithRevocations(ob2jws.RevocationList(list))).Verify(context.Background(), token, resolver)
		require.NoError(t, err)
		requireChecks(t, res)
		_, ran := res.Check(proof.CheckRevocation)
		require.True(t, ran)
	})
	t.Run("error/key of another issuer URL", func(t *testing.T) {
		t.Parallel()
		other := *doc
		other.ID = "http://example.org/key2.json"
		set, err := ob2jws.NewKeySet(&other)
		require.NoError(t, err)
		res, err := ob2jws.NewVerifier().Verify(context.Background(), token, set)
		require.NoError(t, err)
		requireChecks(t, res, proof.CheckKey, proof.CheckSignature)
	})
}

func TestSignVerifyRoundTrip(t *testing.T) {
	t.Parallel()
	b := setup(t)
	token, err := b.signer.Sign(readFile(t, "spec-signed-assertion-payload.json"))
	require.NoError(t, err)

	res, err := b.verifier.Verify(context.Background(), token, b.resolver)
	require.NoError(t, err)
	requireChecks(t, res)

	// The header is the specification's; jwx accepts the token; the payload
	// is the assertion.
	parts := strings.Split(string(token), ".")
	require.Equal(t, b64(`{"alg":"RS256"}`), parts[0])
	payload, err := jws.Verify(token, jws.WithKey(jwa.RS256, b.key.Public()))
	require.NoError(t, err)
	require.JSONEq(t, string(readFile(t, "spec-signed-assertion-payload.json")), string(payload))

	// A badge jwx signs verifies here.
	jwxToken, err := jws.Sign(payload, jws.WithKey(jwa.RS256, b.key))
	require.NoError(t, err)
	res, err = b.verifier.Verify(context.Background(), jwxToken, b.resolver)
	require.NoError(t, err)
	requireChecks(t, res)

	// The CryptographicKey document carries the SPKI PEM.
	doc, err := ob2jws.NewCryptographicKey(testKeyURL, testIssuer, b.key)
	require.NoError(t, err)
	raw, err := json.Marshal(doc)
	require.NoError(t, err)
	require.JSONEq(t, `{"@context":"https://w3id.org/openbadges/v2","type":"CryptographicKey","id":"`+testKeyURL+`","owner":"`+testIssuer+`","publicKeyPem":`+mustJSON(t, doc.PublicKeyPem)+`}`, string(raw))
	require.True(t, strings.HasPrefix(doc.PublicKeyPem, "-----BEGIN PUBLIC KEY-----\n"))
}

func mustJSON(t testing.TB, v any) string {
	t.Helper()
	out, err := json.Marshal(v)
	require.NoError(t, err)
	return string(out)
}

func TestVerifyExpiryAndRevocation(t *testing.T) {
	t.Parallel()
	b := setup(t)
	signed := ob2.Signed(testKeyURL)
	list, err := ob2.ParseRevocationList(readFile(t, "spec-revocationlist.json"))
	require.NoError(t, err)

	t.Run("error/expired", func(t *testing.T) {
		t.Parallel()
		token, err := b.signer.Sign(assertion(t, map[string]any{"expires": "2026-01-01T00:00:00Z"}))
		require.NoError(t, err)
		res, err := b.verifier.Verify(context.Background(), token, b.resolver)
		require.NoError(t, err)
		requireChecks(t, res, proof.CheckExpiry)
		c, _ := res.Check(proof.CheckExpiry)
		require.Equal(t, "expired at 2026-01-01T00:00:00Z", c.Message)
	})
	t.Run("ok/expires later", func(t *testing.T) {
		t.Parallel()
		token, err := b.signer.Sign(assertion(t, map[string]any{"expires": "2027-01-01T00:00:00+02:00"}))
		require.NoError(t, err)
		res, err := b.verifier.Verify(context.Background(), token, b.resolver)
		require.NoError(t, err)
		requireChecks(t, res)
	})
	t.Run("error/expires without a time zone", func(t *testing.T) {
		t.Parallel()
		token, err := b.signer.Sign(assertion(t, map[string]any{"expires": "2027-01-01T00:00:00"}))
		require.NoError(t, err)
		res, err := b.verifier.Verify(context.Background(), token, b.resolver)
		require.NoError(t, err)
		requireChecks(t, res, proof.CheckExpiry)
	})
	t.Run("error/revoked in the issuer's list", func(t *testing.T) {
		t.Parallel()
		token, err := b.signer.Sign(assertion(t, map[string]any{"id": "urn:uuid:e79a6c18-787e-4868-8e65-e6a4530fb418", "verification": signed}))
		require.NoError(t, err)
		v := ob2jws.NewVerifier(ob2jws.WithClock(func() time.Time { return testNow }), ob2jws.WithRevocations(ob2jws.RevocationList(list)))
		res, err := v.Verify(context.Background(), token, b.resolver)
		require.NoError(t, err)
		requireChecks(t, res, proof.CheckRevocation)
		c, _ := res.Check(proof.CheckRevocation)
		require.Contains(t, c.Message, "Honor code violation")
	})
	t.Run("error/revoked by legacy uid", func(t *testing.T) {
		t.Parallel()
		token, err := b.signer.Sign(assertion(t, map[string]any{"uid": "abc123"}))
		require.NoError(t, err)
		v := ob2jws.NewVerifier(ob2jws.WithClock(func() time.Time { return testNow }), ob2jws.WithRevocations(ob2jws.RevocationList(list)))
		res, err := v.Verify(context.Background(), token, b.resolver)
		require.NoError(t, err)
		requireChecks(t, res, proof.CheckRevocation)
	})
	t.Run("error/revoked by id set", func(t *testing.T) {
		t.Parallel()
		token, err := b.signer.Sign(readFile(t, "spec-signed-assertion-payload.json"))
		require.NoError(t, err)
		v := ob2jws.NewVerifier(ob2jws.WithClock(func() time.Time { return testNow }), ob2jws.WithRevocations(ob2jws.RevokedIDs{"urn:uuid:a953081a-4bbd-4927-9653-7219bca00e3b": ""}))
		res, err := v.Verify(context.Background(), token, b.resolver)
		require.NoError(t, err)
		requireChecks(t, res, proof.CheckRevocation)
	})
	t.Run("ok/not in the list", func(t *testing.T) {
		t.Parallel()
		token, err := b.signer.Sign(readFile(t, "spec-signed-assertion-payload.json"))
		require.NoError(t, err)
		v := ob2jws.NewVerifier(ob2jws.WithClock(func() time.Time { return testNow }), ob2jws.WithRevocations(ob2jws.RevocationList(list)))
		res, err := v.Verify(context.Background(), token, b.resolver)
		require.NoError(t, err)
		requireChecks(t, res)
		_, ran := res.Check(proof.CheckRevocation)
		require.True(t, ran)
	})
	t.Run("error/says it is revoked", func(t *testing.T) {
		t.Parallel()
		token, err := b.signer.Sign(assertion(t, map[string]any{"revoked": true}))
		require.NoError(t, err)
		res, err := b.verifier.Verify(context.Background(), token, b.resolver)
		require.NoError(t, err)
		requireChecks(t, res, proof.CheckRevocation)
	})
}

// The 1EdTech validator's expired assertion is a hosted badge: it has no
// signature to check offline, but its expiry can be.
func TestExpiryCheckHostedAssertion(t *testing.T) {
	t.Parallel()
	expired, err := ob2.ParseAssertion(readFile(t, "validator-basic-assertion-expired.json"))
	require.NoError(t, err)
	require.True(t, expired.Verification.IsHosted())
	c := ob2jws.ExpiryCheck(expired, time.Now())
	require.False(t, c.Passed)
	require.Equal(t, proof.CheckExpiry, c.Name)
	require.Equal(t, "expired at 2022-11-15T23:59:59Z", c.Message)
	require.True(t, ob2jws.ExpiryCheck(expired, time.Date(2022, 11, 15, 23, 59, 58, 0, time.UTC)).Passed)

	basic, err := ob2.ParseAssertion(readFile(t, "validator-basic-assertion.json"))
	require.NoError(t, err)
	c = ob2jws.ExpiryCheck(basic, time.Now())
	require.True(t, c.Passed)
	require.Equal(t, "no expiry", c.Message)

	t.Run("error/hosted assertion is not a signed badge", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		_, err := b.signer.Sign(readFile(t, "validator-basic-assertion-expired.json"))
		require.ErrorIs(t, err, proof.ErrMalformed)
	})
}

func TestTamperedBadgesFail(t *testing.T) {
	t.Parallel()
	b := setup(t)
	token, err := b.signer.Sign(readFile(t, "spec-signed-assertion-payload.json"))
	require.NoError(t, err)
	parts := strings.Split(string(token), ".")
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	require.NoError(t, err)

	tests := map[string]string{
		"id":         strings.Replace(string(payload), "a953081a", "a953081b", 1),
		"identity":   strings.Replace(string(payload), "sha256$c7ef", "sha256$c7ee", 1),
		"salt":       strings.Replace(string(payload), "deadsea", "deadsee", 1),
		"issuedOn":   strings.Replace(string(payload), "2016-12-31", "2016-12-30", 1),
		"badge":      strings.Replace(string(payload), "robotics-badge.json", "robotics-badge2.json", 1),
		"creator":    strings.Replace(string(payload), "publicKey.json", "publicKey2.json", 1),
		"hashed":     strings.Replace(string(payload), `"hashed":true`, `"hashed":false`, 1),
		"added":      strings.Replace(string(payload), `{`, `{"expires":"2099-01-01T00:00:00Z",`, 1),
		"whitespace": strings.Replace(string(payload), `{`, `{ `, 1),
	}
	for name, changed := range tests {
		t.Run("error/payload "+name, func(t *testing.T) {
			t.Parallel()
			require.NotEqual(t, string(payload), changed)
			res, err := b.verifier.Verify(context.Background(), []byte(parts[0]+"."+b64(changed)+"."+parts[2]), b.resolver)
			if err != nil {
				return // unparseable is not valid either
			}
			require.False(t, res.Valid())
			c, _ := res.Check(proof.CheckSignature)
			require.False(t, c.Passed)
		})
	}
	t.Run("error/header", func(t *testing.T) {
		t.Parallel()
		res, err := b.verifier.Verify(context.Background(), []byte(b64(`{"alg":"RS256","typ":"JWT"}`)+"."+parts[1]+"."+parts[2]), b.resolver)
		require.NoError(t, err)
		requireChecks(t, res, proof.CheckSignature)
	})
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	require.NoError(t, err)
	for _, at := range []int{0, len(sig) / 2, len(sig) - 1} {
		flipped := append([]byte(nil), sig...)
		flipped[at] ^= 0x80
		res, err := b.verifier.Verify(context.Background(), []byte(parts[0]+"."+parts[1]+"."+b64(flipped)), b.resolver)
		require.NoError(t, err)
		requireChecks(t, res, proof.CheckSignature)
	}
}

func TestVerifyRefuses(t *testing.T) {
	t.Parallel()
	b := setup(t)
	payload := readFile(t, "spec-signed-assertion-payload.json")
	ecKey := generate(t, keys.P256)
	rsa1024, err := rsa.GenerateKey(rand.Reader, 1024)
	require.NoError(t, err)
	pem, err := keys.MarshalPublicKeyPEM(b.key)
	require.NoError(t, err)
	hs256 := func(secret []byte) []byte {
		input := b64(`{"alg":"HS256"}`) + "." + b64(payload)
		mac := hmac.New(sha256.New, secret)
		mac.Write([]byte(input))
		return []byte(input + "." + b64(mac.Sum(nil)))
	}
	mixed := keys.NewSet()
	require.NoError(t, mixed.Add(testIssuer, testKeyURL, ecKey))
	weak := proof.KeyResolverFunc(func(context.Context, string) (crypto.PublicKey, error) { return &rsa1024.PublicKey, nil })
	hosted := assertion(t, map[string]any{"verification": map[string]any{"type": "hosted"}})
	noCreator := assertion(t, map[string]any{"verification": map[string]any{"type": "SignedBadge"}})
	unknownCreator := assertion(t, map[string]any{"verification": ob2.Signed("https://example.org/other-key.json")})
	badgeClass := []byte(`{"@context":"https://w3id.org/openbadges/v2","type":"BadgeClass","id":"urn:x","verification":{"type":"signed","creator":"` + testKeyURL + `"}}`)

	tests := map[string]struct {
		token    []byte
		resolver proof.KeyResolver
		failed   []string
	}{
		"error/alg none":                     {[]byte(b64(`{"alg":"none"}`) + "." + b64(payload) + "."), nil, []string{proof.CheckAlgorithm, proof.CheckSignature}},
		"error/HS256 with the PEM as secret": {hs256(pem), nil, []string{proof.CheckAlgorithm, proof.CheckSignature}},
		"error/RS512":                        {signRawAlg(t, b.key, "RS512", payload), nil, []string{proof.CheckAlgorithm, proof.CheckSignature}},
		"error/ES256 key as creator":         {signRaw(t, ecKey, map[string]string{"alg": "ES256"}, payload), mixed, []string{proof.CheckAlgorithm, proof.CheckKey, proof.CheckSignature}},
		"error/RS256 header, EC key":         {signRaw(t, b.key, map[string]string{"alg": "RS256"}, payload), mixed, []string{proof.CheckKey, proof.CheckSignature}},
		"error/RSA-1024 key":                 {signRaw(t, b.key, map[string]string{"alg": "RS256"}, payload), weak, []string{proof.CheckKey, proof.CheckSignature}},
		"error/hosted verification":          {signRaw(t, b.key, map[string]string{"alg": "RS256"}, hosted), nil, []string{proof.CheckFormat, proof.CheckKey, proof.CheckSignature}},
		"error/no creator":                   {signRaw(t, b.key, map[string]string{"alg": "RS256"}, noCreator), nil, []string{proof.CheckKey, proof.CheckSignature}},
		"error/unknown creator":              {signRaw(t, b.key, map[string]string{"alg": "RS256"}, unknownCreator), nil, []string{proof.CheckKey, proof.CheckSignature}},
		"error/not an Assertion":             {signRaw(t, b.key, map[string]string{"alg": "RS256"}, badgeClass), nil, []string{proof.CheckFormat, proof.CheckSignature}},
		"error/crit header":                  {signRaw(t, b.key, map[string]any{"alg": "RS256", "crit": []string{"exp"}}, payload), nil, []string{proof.CheckFormat, proof.CheckSignature}},
		"error/unencoded payload header":     {signRaw(t, b.key, map[string]any{"alg": "RS256", "b64": false}, payload), nil, []string{proof.CheckFormat, proof.CheckSignature}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			resolver := tc.resolver
			if resolver == nil {
				resolver = b.resolver
			}
			res, err := b.verifier.Verify(context.Background(), tc.token, resolver)
			require.NoError(t, err)
			requireChecks(t, res, tc.failed...)
		})
	}
}

func signRawAlg(t testing.TB, key crypto.Signer, alg string, payload []byte) []byte {
	t.Helper()
	token, err := jws.Sign(payload, jws.WithKey(jwa.SignatureAlgorithm(alg), key))
	require.NoError(t, err)
	return token
}

func TestVerifyMalformed(t *testing.T) {
	t.Parallel()
	b := setup(t)
	good, err := b.signer.Sign(readFile(t, "spec-signed-assertion-payload.json"))
	require.NoError(t, err)
	parts := strings.Split(string(good), ".")
	tests := map[string][]byte{
		"error/empty":              nil,
		"error/hosted JSON":        readFile(t, "validator-basic-assertion.json"),
		"error/two parts":          []byte(parts[0] + "." + parts[1]),
		"error/padded":             []byte(parts[0] + "." + parts[1] + "." + parts[2] + "="),
		"error/header not JSON":    []byte(b64("RS256") + "." + parts[1] + "." + parts[2]),
		"error/alg not a string":   []byte(b64(`{"alg":256}`) + "." + parts[1] + "." + parts[2]),
		"error/payload an array":   []byte(parts[0] + "." + b64(`[]`) + "." + parts[2]),
		"error/payload not UTF-8":  []byte(parts[0] + "." + b64([]byte{'{', '"', 0xff, '"', ':', '1', '}'}) + "." + parts[2]),
		"error/payload too deep":   []byte(parts[0] + "." + b64(`{"a":`+strings.Repeat("[", 100)+strings.Repeat("]", 100)+`}`) + "." + parts[2]),
		"error/too large":          []byte(parts[0] + "." + strings.Repeat("A", ob2jws.MaxTokenSize) + "." + parts[2]),
		"error/header too large":   []byte(strings.Repeat("A", 2*ob2jws.MaxHeaderSize) + "." + parts[1] + "." + parts[2]),
		"error/payload not base64": []byte(parts[0] + ".%%%." + parts[2]),
	}
	for name, token := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			res, err := b.verifier.Verify(context.Background(), token, b.resolver)
			require.ErrorIs(t, err, proof.ErrMalformed)
			requireChecks(t, res, proof.CheckFormat)
		})
	}
}

func TestSignerRefuses(t *testing.T) {
	t.Parallel()
	_, err := ob2jws.NewSigner(generate(t, keys.P256), testKeyURL)
	require.ErrorIs(t, err, proof.ErrUnsupported)
	_, err = ob2jws.NewSigner(generate(t, keys.Ed25519), testKeyURL)
	require.ErrorIs(t, err, proof.ErrUnsupported)
	_, err = ob2jws.NewSigner(generate(t, keys.RSA2048), "")
	require.Error(t, err)

	b := setup(t)
	tests := map[string][]byte{
		"error/not JSON":         []byte("assertion"),
		"error/no id":            assertion(t, map[string]any{"id": nil}),
		"error/not an Assertion": assertion(t, map[string]any{"type": "BadgeClass"}),
		"error/hosted":           assertion(t, map[string]any{"verification": map[string]any{"type": "HostedBadge"}}),
		"error/no verification":  assertion(t, map[string]any{"verification": nil}),
		"error/other creator":    assertion(t, map[string]any{"verification": ob2.Signed("https://example.org/other.json")}),
	}
	for name, a := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := b.signer.Sign(a)
			require.ErrorIs(t, err, proof.ErrMalformed)
		})
	}
}

func TestNewKeySetRefuses(t *testing.T) {
	t.Parallel()
	spec, err := ob2.ParseCryptographicKey(readFile(t, "spec-cryptographickey.json"))
	require.NoError(t, err)
	_, err = ob2jws.NewKeySet(spec) // the specification's PEM is elided ("MIIBG0BA...OClDQAB")
	require.ErrorIs(t, err, proof.ErrMalformed)
	_, err = ob2jws.NewKeySet(&ob2.CryptographicKey{Type: ob2.Types{ob2.TypeCryptographicKey}})
	require.ErrorIs(t, err, proof.ErrMalformed)
	doc, err := ob2jws.NewCryptographicKey(testKeyURL, testIssuer, generate(t, keys.RSA2048))
	require.NoError(t, err)
	doc.Type = ob2.Types{"Profile"}
	_, err = ob2jws.NewKeySet(doc)
	require.ErrorIs(t, err, proof.ErrMalformed)
}
