package vcjwt_test

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/lestrrat-go/jwx/v2/jws"
	"github.com/stretchr/testify/require"

	"badged/credentials/keys"
	"badged/credentials/proof"
	"badged/credentials/proof/vcjwt"
)

var allChecks = []string{proof.CheckFormat, proof.CheckAlgorithm, proof.CheckKey, proof.CheckSignature, proof.CheckClaims, proof.CheckNotBefore, proof.CheckExpiry}

func TestSignVerifyRoundTrip(t *testing.T) {
	t.Parallel()
	for _, typ := range []keys.Type{keys.RSA2048, keys.P256, keys.Ed25519} {
		for _, byKid := range []bool{false, true} {
			name := string(typ) + "/jwk header"
			if byKid {
				name = string(typ) + "/kid header"
			}
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				key := generate(t, typ)
				resolver := keys.NewSet()
				var opts []vcjwt.SignerOption
				if byKid {
					kid := testIssuer + "#key-1"
					opts = append(opts, vcjwt.WithKeyID(kid))
					require.NoError(t, resolver.Add(testIssuer, kid, key))
				} else {
					require.NoError(t, resolver.Add(testIssuer, "", key))
				}
				signer, err := vcjwt.NewSigner(key, opts...)
				require.NoError(t, err)
				token, err := signer.Sign(readFile(t, "credential.json"))
				require.NoError(t, err)

				res, err := vcjwt.NewVerifier(vcjwt.WithClock(func() time.Time { return testNow })).Verify(context.Background(), token, resolver)
				require.NoError(t, err)
				require.True(t, res.Valid(), res.Failures())
				for _, name := range allChecks {
					checkPassed(t, res, name)
				}

				// The header is exactly what OB 3.0 allows.
				parsed, err := vcjwt.Parse(token)
				require.NoError(t, err)
				require.Equal(t, signer.Algorithm().String(), parsed.Header.Algorithm)
				require.Equal(t, "JWT", parsed.Header.Type)
				require.Empty(t, parsed.Header.Disallowed)
				if byKid {
					require.Equal(t, testIssuer+"#key-1", parsed.Header.KeyID)
					require.Nil(t, parsed.Header.JWK)
				} else {
					require.Empty(t, parsed.Header.KeyID)
					require.NotContains(t, string(parsed.Header.JWK), `"d"`)
					pub, err := keys.ParseJWK(parsed.Header.JWK)
					require.NoError(t, err)
					require.True(t, keys.Equal(key, pub))
				}

				// The payload is the credential plus the claims.
				var cred map[string]any
				require.NoError(t, json.Unmarshal(readFile(t, "credential.json"), &cred))
				payload := decodePayload(t, token)
				for k, v := range cred {
					require.Equal(t, v, payload[k], "credential member %q", k)
				}
				require.Equal(t, testIssuer, payload["iss"])
				require.Equal(t, cred["id"], payload["jti"])
				require.Equal(t, "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK", payload["sub"])
				require.Equal(t, float64(time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC).Unix()), payload["nbf"])
				require.Equal(t, float64(time.Date(2030, 9, 1, 0, 0, 0, 0, time.UTC).Unix()), payload["exp"])
				require.Len(t, payload, len(cred)+5)

				// jwx, an independent implementation, accepts the token.
				verified, err := jws.Verify(token, jws.WithKey(signer.Algorithm(), key.Public()))
				require.NoError(t, err)
				require.Equal(t, parsed.Payload, verified)
			})
		}
	}
}

// Tokens that jwx signs verify here: the stdlib signing path and jwx agree.
func TestVerifyJWXSignedToken(t *testing.T) {
	t.Parallel()
	for _, typ := range []keys.Type{keys.RSA2048, keys.P256, keys.Ed25519} {
		t.Run(string(typ), func(t *testing.T) {
			t.Parallel()
			key := generate(t, typ)
			alg, err := keys.Algorithm(key)
			require.NoError(t, err)
			// Take the payload our signer builds, then sign it with jwx.
			ours, err := mustSigner(t, key).Sign(readFile(t, "credential.json"))
			require.NoError(t, err)
			parsed, err := vcjwt.Parse(ours)
			require.NoError(t, err)
			hdr := jws.NewHeaders()
			require.NoError(t, hdr.Set(jws.TypeKey, "JWT"))
			require.NoError(t, hdr.Set(jws.KeyIDKey, testIssuer+"#jwx"))
			token, err := jws.Sign(parsed.Payload, jws.WithKey(alg, key, jws.WithProtectedHeaders(hdr)))
			require.NoError(t, err)

			resolver := keys.NewSet()
			require.NoError(t, resolver.Add(testIssuer, testIssuer+"#jwx", key))
			res, err := vcjwt.NewVerifier(vcjwt.WithClock(func() time.Time { return testNow })).Verify(context.Background(), token, resolver)
			require.NoError(t, err)
			require.True(t, res.Valid(), res.Failures())
		})
	}
}

func mustSigner(t testing.TB, key crypto.Signer, opts ...vcjwt.SignerOption) *vcjwt.Signer {
	t.Helper()
	s, err := vcjwt.NewSigner(key, opts...)
	require.NoError(t, err)
	return s
}

// The 1EdTech validator's VC-JWT (baked in simple-jwt.svg): RS256 with the key
// in a jwk header, no typ, and aud instead of sub.
func TestVerifyValidatorSample(t *testing.T) {
	t.Parallel()
	token := readFile(t, "validator-simple-jwt.extracted-from-svg.jws")
	parsed, err := vcjwt.Parse(token)
	require.NoError(t, err)
	headerKey, err := keys.ParseJWK(parsed.Header.JWK)
	require.NoError(t, err)
	const issuer = "https://1edtech.edu/issuers/565049"
	verifier := vcjwt.NewVerifier()

	t.Run("ok/key pinned as the issuer's", func(t *testing.T) {
		t.Parallel()
		// As a published issuer profile or JWKS would.
		res, err := verifier.Verify(context.Background(), token, issuerKeys(t, issuer))
		require.NoError(t, err)
		checkFailed(t, res, proof.CheckKey)

		set := keys.NewSet()
		require.NoError(t, set.Add(issuer, "", headerKey))
		res, err = verifier.Verify(context.Background(), token, set)
		require.NoError(t, err)
		require.True(t, res.Valid(), res.Failures())
		claims, _ := res.Check(proof.CheckClaims)
		require.Contains(t, claims.Message, "no sub claim")
		alg, _ := res.Check(proof.CheckAlgorithm)
		require.True(t, alg.Passed)
		require.Equal(t, "RS256", parsed.Header.Algorithm)
	})
	t.Run("error/key not the issuer's", func(t *testing.T) {
		t.Parallel()
		set := keys.NewSet()
		require.NoError(t, set.Add("https://other.example/issuer", "", headerKey))
		res, err := verifier.Verify(context.Background(), token, set)
		require.NoError(t, err)
		checkFailed(t, res, proof.CheckKey)
		checkFailed(t, res, proof.CheckSignature)
	})
}

// Every copy of a signed token with one value changed fails: each payload
// leaf, each header leaf, and the signature.
func TestTamperedTokensFail(t *testing.T) {
	t.Parallel()
	ed := generate(t, keys.Ed25519)
	ours, err := mustSigner(t, ed).Sign(readFile(t, "credential.json"))
	require.NoError(t, err)
	ec := generate(t, keys.P256)
	oursES256, err := mustSigner(t, ec).Sign(readFile(t, "credential.json"))
	require.NoError(t, err)
	sample := readFile(t, "validator-simple-jwt.extracted-from-svg.jws")
	parsed, err := vcjwt.Parse(sample)
	require.NoError(t, err)
	sampleKey, err := keys.ParseJWK(parsed.Header.JWK)
	require.NoError(t, err)

	tests := map[string]struct {
		token    []byte
		resolver proof.KeyResolver
		now      time.Time
	}{
		"ours":       {ours, issuerKeys(t, testIssuer, ed), testNow},
		"ours ES256": {oursES256, issuerKeys(t, testIssuer, ec), testNow},
		"validator":  {sample, mustSet(t, "https://1edtech.edu/issuers/565049", sampleKey), testNow},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			verifier := vcjwt.NewVerifier(vcjwt.WithClock(func() time.Time { return tc.now }))
			verify := func(token []byte) proof.Result {
				res, _ := verifier.Verify(context.Background(), token, tc.resolver)
				return res
			}
			require.True(t, verify(tc.token).Valid(), "the untampered token must verify")
			parts := strings.Split(strings.TrimSpace(string(tc.token)), ".")

			for i, part := range parts[:2] {
				raw := mustB64Decode(t, part)
				identity, variants := jsonLeaves(t, raw)
				require.Equal(t, string(raw), string(identity), "the rewriter must reproduce the signed bytes")
				require.NotEmpty(t, variants)
				for leaf, changed := range variants {
					tampered := append([]string(nil), parts...)
					tampered[i] = b64(changed)
					res := verify([]byte(strings.Join(tampered, ".")))
					require.False(t, res.Valid(), "part %d %s changed, still valid", i, leaf)
				}
			}
			sig := mustB64Decode(t, parts[2])
			for _, at := range []int{0, len(sig) / 2, len(sig) - 1} {
				flipped := append([]byte(nil), sig...)
				flipped[at] ^= 0x01
				res := verify([]byte(parts[0] + "." + parts[1] + "." + b64(flipped)))
				checkFailed(t, res, proof.CheckSignature)
			}
			res := verify([]byte(parts[0] + "." + parts[1] + "." + b64(sig[:len(sig)-1])))
			checkFailed(t, res, proof.CheckSignature)
		})
	}
}

func mustSet(t testing.TB, owner string, pub any) *keys.Set {
	t.Helper()
	s := keys.NewSet()
	require.NoError(t, s.Add(owner, "", pub))
	return s
}

func mustB64Decode(t testing.TB, s string) []byte {
	t.Helper()
	out, err := b64Decode(s)
	require.NoError(t, err)
	return out
}

// Refused tokens, each as the attack or mistake it stands for.
func TestVerifyRefuses(t *testing.T) {
	t.Parallel()
	rsaKey := generate(t, keys.RSA2048)
	ecKey := generate(t, keys.P256)
	edKey := generate(t, keys.Ed25519)
	attacker := generate(t, keys.Ed25519)
	rsa1024, err := rsa.GenerateKey(rand.Reader, 1024)
	require.NoError(t, err)
	p384, err := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	require.NoError(t, err)

	published := keys.NewSet()
	require.NoError(t, published.Add(testIssuer, "", rsaKey))
	require.NoError(t, published.Add(testIssuer, "", ecKey))
	require.NoError(t, published.Add(testIssuer, testIssuer+"#ed", edKey))
	require.NoError(t, published.Add("https://other.example/issuer", "https://other.example/keys/1", attacker))
	weak := proof.KeyResolverFunc(func(_ context.Context, vm string) (crypto.PublicKey, error) {
		switch vm {
		case testIssuer + "#rsa1024":
			return &rsa1024.PublicKey, nil
		case testIssuer + "#p384":
			return &p384.PublicKey, nil
		case testIssuer + "#hmac":
			return []byte("secret"), nil
		}
		return nil, proof.ErrKeyNotFound
	})

	cred := readFile(t, "credential.json")
	payload := func(t testing.TB) []byte { // the payload Signer makes, to re-sign with other headers
		tok, err := mustSigner(t, edKey).Sign(cred)
		require.NoError(t, err)
		p, err := vcjwt.Parse(tok)
		require.NoError(t, err)
		return p.Payload
	}(t)
	withClaims := func(edits map[string]any) []byte {
		var m map[string]any
		require.NoError(t, json.Unmarshal(payload, &m))
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
	rsaJWK := publicJWK(t, rsaKey)
	ecJWK := publicJWK(t, ecKey)
	attackerJWK := publicJWK(t, attacker)
	rsaDER, err := x509.MarshalPKIXPublicKey(rsaKey.Public())
	require.NoError(t, err)
	rsaPEM, err := keys.MarshalPublicKeyPEM(rsaKey)
	require.NoError(t, err)
	privateEdJWK := func() map[string]any {
		m := publicJWK(t, edKey)
		m["d"] = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"
		return m
	}()
	issOther := func() map[string]any {
		m := publicJWK(t, ecKey)
		m["iss"] = "https://other.example/issuer"
		return m
	}()

	tests := map[string]struct {
		token    []byte
		resolver proof.KeyResolver
		failed   []string
	}{
		"error/alg none": {
			token:  []byte(b64(map[string]any{"alg": "none", "typ": "JWT", "jwk": rsaJWK}) + "." + b64(payload) + "."),
			failed: []string{proof.CheckAlgorithm, proof.CheckSignature},
		},
		"error/alg None with a signature": {
			token:  signRaw(t, rsaKey, map[string]any{"alg": "None", "jwk": rsaJWK}, payload),
			failed: []string{proof.CheckAlgorithm, proof.CheckSignature},
		},
		"error/HS256 with the RSA public key DER as secret": {
			token:  hmacToken(map[string]any{"alg": "HS256", "jwk": rsaJWK}, payload, rsaDER),
			failed: []string{proof.CheckAlgorithm, proof.CheckSignature},
		},
		"error/HS256 with the RSA public key PEM as secret": {
			token:  hmacToken(map[string]any{"alg": "HS256", "jwk": rsaJWK}, payload, rsaPEM),
			failed: []string{proof.CheckAlgorithm, proof.CheckSignature},
		},
		"error/HS256 with a resolver that returns a secret": {
			token:    hmacToken(map[string]any{"alg": "HS256", "kid": testIssuer + "#hmac"}, payload, []byte("secret")),
			resolver: weak,
			failed:   []string{proof.CheckAlgorithm, proof.CheckKey, proof.CheckSignature},
		},
		"error/PS256 is not allowed": {
			token:  signRaw(t, rsaKey, map[string]any{"alg": "PS256", "jwk": rsaJWK}, payload),
			failed: []string{proof.CheckAlgorithm, proof.CheckSignature},
		},
		"error/ES256 header with an RSA key": {
			token:  signRaw(t, rsaKey, map[string]any{"alg": "ES256", "jwk": rsaJWK}, payload),
			failed: []string{proof.CheckKey, proof.CheckSignature},
		},
		"error/RS256 header with an EC key": {
			token:  signRaw(t, ecKey, map[string]any{"alg": "RS256", "jwk": ecJWK}, payload),
			failed: []string{proof.CheckKey, proof.CheckSignature},
		},
		"error/EdDSA header with a kid naming an RSA key": {
			token:  signRaw(t, edKey, map[string]any{"alg": "EdDSA", "kid": testIssuer + "#" + mustThumb(t, rsaKey)}, payload),
			failed: []string{proof.CheckKey, proof.CheckSignature},
		},
		"error/RSA-1024 key": {
			token:    signRaw(t, rsaKey, map[string]any{"alg": "RS256", "kid": testIssuer + "#rsa1024"}, payload),
			resolver: weak,
			failed:   []string{proof.CheckKey, proof.CheckSignature},
		},
		"error/P-384 key": {
			token:    signRaw(t, ecKey, map[string]any{"alg": "ES256", "kid": testIssuer + "#p384"}, payload),
			resolver: weak,
			failed:   []string{proof.CheckKey, proof.CheckSignature},
		},
		"error/header jwk not published by the issuer": {
			token:  signRaw(t, attacker, map[string]any{"alg": "EdDSA", "typ": "JWT", "jwk": attackerJWK}, payload),
			failed: []string{proof.CheckKey, proof.CheckSignature},
		},
		"error/header jwk with a private key": {
			token:  signRaw(t, edKey, map[string]any{"alg": "EdDSA", "jwk": privateEdJWK}, payload),
			failed: []string{proof.CheckKey, proof.CheckSignature},
		},
		"error/header jwk claims another issuer": {
			token:  signRaw(t, ecKey, map[string]any{"alg": "ES256", "jwk": issOther}, payload),
			failed: []string{proof.CheckKey, proof.CheckSignature},
		},
		"error/kid of another issuer's key": {
			token:  signRaw(t, attacker, map[string]any{"alg": "EdDSA", "kid": "https://other.example/keys/1"}, payload),
			failed: []string{proof.CheckKey, proof.CheckSignature},
		},
		"error/kid unknown": {
			token:  signRaw(t, edKey, map[string]any{"alg": "EdDSA", "kid": testIssuer + "#nope"}, payload),
			failed: []string{proof.CheckKey, proof.CheckSignature},
		},
		"error/both kid and jwk": {
			token:  signRaw(t, edKey, map[string]any{"alg": "EdDSA", "kid": testIssuer + "#ed", "jwk": publicJWK(t, edKey)}, payload),
			failed: []string{proof.CheckKey, proof.CheckSignature},
		},
		"error/neither kid nor jwk": {
			token:  signRaw(t, edKey, map[string]any{"alg": "EdDSA"}, payload),
			failed: []string{proof.CheckKey, proof.CheckSignature},
		},
		"error/typ vc+jwt": {
			token:  signRaw(t, edKey, map[string]any{"alg": "EdDSA", "typ": "vc+jwt", "kid": testIssuer + "#ed"}, payload),
			failed: []string{proof.CheckFormat, proof.CheckSignature},
		},
		"error/crit header": {
			token:  signRaw(t, edKey, map[string]any{"alg": "EdDSA", "kid": testIssuer + "#ed", "crit": []string{"exp"}}, payload),
			failed: []string{proof.CheckFormat, proof.CheckSignature},
		},
		"error/jku header": {
			token:  signRaw(t, edKey, map[string]any{"alg": "EdDSA", "kid": testIssuer + "#ed", "jku": "https://evil.example/jwks"}, payload),
			failed: []string{proof.CheckFormat, proof.CheckSignature},
		},
		"error/iss differs from issuer.id": {
			token:  signRaw(t, edKey, map[string]any{"alg": "EdDSA", "kid": testIssuer + "#ed"}, withClaims(map[string]any{"iss": "https://other.example/issuer"})),
			failed: []string{proof.CheckClaims},
		},
		"error/jti differs from id": {
			token:  signRaw(t, edKey, map[string]any{"alg": "EdDSA", "kid": testIssuer + "#ed"}, withClaims(map[string]any{"jti": "urn:uuid:other"})),
			failed: []string{proof.CheckClaims},
		},
		"error/sub differs from credentialSubject.id": {
			token:  signRaw(t, edKey, map[string]any{"alg": "EdDSA", "kid": testIssuer + "#ed"}, withClaims(map[string]any{"sub": "did:example:someone-else"})),
			failed: []string{proof.CheckClaims},
		},
		"error/nbf differs from validFrom": {
			token:  signRaw(t, edKey, map[string]any{"alg": "EdDSA", "kid": testIssuer + "#ed"}, withClaims(map[string]any{"nbf": 1})),
			failed: []string{proof.CheckClaims},
		},
		"error/exp missing though validUntil is set": {
			token:  signRaw(t, edKey, map[string]any{"alg": "EdDSA", "kid": testIssuer + "#ed"}, withClaims(map[string]any{"exp": nil})),
			failed: []string{proof.CheckClaims},
		},
		"error/exp later than validUntil": {
			token:  signRaw(t, edKey, map[string]any{"alg": "EdDSA", "kid": testIssuer + "#ed"}, withClaims(map[string]any{"exp": 4102444800})),
			failed: []string{proof.CheckClaims},
		},
		"error/no iss": {
			token:  signRaw(t, edKey, map[string]any{"alg": "EdDSA", "kid": testIssuer + "#ed"}, withClaims(map[string]any{"iss": nil})),
			failed: []string{proof.CheckClaims},
		},
		"error/expired": {
			token:  mustSign(t, edKey, editCredential(t, map[string]any{"validUntil": "2026-01-01T00:00:00Z"})),
			failed: []string{proof.CheckExpiry},
		},
		"error/not yet valid": {
			token:  mustSign(t, edKey, editCredential(t, map[string]any{"validFrom": "2027-01-01T00:00:00Z"})),
			failed: []string{proof.CheckNotBefore},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			resolver := tc.resolver
			if resolver == nil {
				resolver = published
			}
			res, err := vcjwt.NewVerifier(vcjwt.WithClock(func() time.Time { return testNow })).Verify(context.Background(), tc.token, resolver)
			require.NoError(t, err)
			require.False(t, res.Valid())
			for _, c := range res.Checks {
				require.Equal(t, contains(tc.failed, c.Name), !c.Passed, "check %s: %+v", c.Name, res.Checks)
			}
		})
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func mustThumb(t testing.TB, k any) string {
	t.Helper()
	th, err := keys.Thumbprint(k)
	require.NoError(t, err)
	return th
}

func mustSign(t testing.TB, key crypto.Signer, cred []byte) []byte {
	t.Helper()
	tok, err := mustSigner(t, key).Sign(cred)
	require.NoError(t, err)
	return tok
}

func TestVerifyLegacy(t *testing.T) {
	t.Parallel()
	t.Run("error/validator sample has no key", func(t *testing.T) {
		t.Parallel()
		token := readFile(t, "validator-simple-legacy.jwt")
		res, err := vcjwt.NewVerifier().Verify(context.Background(), token, keys.NewSet())
		require.NoError(t, err)
		format, _ := res.Check(proof.CheckFormat)
		require.True(t, format.Passed)
		require.Contains(t, format.Message, "legacy VC 1.1")
		checkFailed(t, res, proof.CheckKey)
		checkFailed(t, res, proof.CheckSignature)
	})

	key := generate(t, keys.P256)
	kid := testIssuer + "#key-1"
	vc := map[string]any{
		"@context":          []string{"https://www.w3.org/2018/credentials/v1", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"},
		"type":              []string{"VerifiableCredential", "OpenBadgeCredential"},
		"issuer":            map[string]any{"id": testIssuer, "type": []string{"Profile"}, "name": "School of Computing"},
		"issuanceDate":      "2025-09-01T00:00:00Z",
		"expirationDate":    "2030-09-01T00:00:00Z",
		"credentialSubject": map[string]any{"id": "did:example:alice", "type": []string{"AchievementSubject"}},
	}
	claims := func(edits map[string]any) []byte {
		m := map[string]any{"vc": vc, "iss": testIssuer, "jti": "urn:uuid:1", "sub": "did:example:alice", "nbf": 1756684800, "exp": 1914451200}
		for k, v := range edits {
			m[k] = v
		}
		out, err := json.Marshal(m)
		require.NoError(t, err)
		return out
	}
	header := map[string]any{"alg": "ES256", "typ": "JWT", "kid": kid}
	verifier := vcjwt.NewVerifier(vcjwt.WithClock(func() time.Time { return testNow }))
	resolver := mustSetID(t, testIssuer, kid, key)

	t.Run("ok/with the issuer's key", func(t *testing.T) {
		t.Parallel()
		res, err := verifier.Verify(context.Background(), signRaw(t, key, header, claims(nil)), resolver)
		require.NoError(t, err)
		require.True(t, res.Valid(), res.Failures())
		format, _ := res.Check(proof.CheckFormat)
		require.Contains(t, format.Message, "legacy VC 1.1")
		parsed, err := vcjwt.Parse(signRaw(t, key, header, claims(nil)))
		require.NoError(t, err)
		require.True(t, parsed.Legacy)
		var got map[string]any
		require.NoError(t, json.Unmarshal(parsed.Credential, &got))
		require.Equal(t, "2025-09-01T00:00:00Z", got["issuanceDate"])
	})
	t.Run("error/iss differs from vc.issuer", func(t *testing.T) {
		t.Parallel()
		res, err := verifier.Verify(context.Background(), signRaw(t, key, header, claims(map[string]any{"iss": "https://other.example"})), resolver)
		require.NoError(t, err)
		checkFailed(t, res, proof.CheckClaims)
	})
	t.Run("error/nbf differs from issuanceDate", func(t *testing.T) {
		t.Parallel()
		res, err := verifier.Verify(context.Background(), signRaw(t, key, header, claims(map[string]any{"nbf": 1})), resolver)
		require.NoError(t, err)
		checkFailed(t, res, proof.CheckClaims)
	})
	t.Run("error/expired by expirationDate", func(t *testing.T) {
		t.Parallel()
		late := vcjwt.NewVerifier(vcjwt.WithClock(func() time.Time { return time.Date(2031, 1, 1, 0, 0, 0, 0, time.UTC) }))
		res, err := late.Verify(context.Background(), signRaw(t, key, header, claims(nil)), resolver)
		require.NoError(t, err)
		checkFailed(t, res, proof.CheckExpiry)
	})
}

func mustSetID(t testing.TB, owner, id string, k any) *keys.Set {
	t.Helper()
	s := keys.NewSet()
	require.NoError(t, s.Add(owner, id, k))
	return s
}

func TestVerifyMalformed(t *testing.T) {
	t.Parallel()
	key := generate(t, keys.Ed25519)
	good := mustSign(t, key, readFile(t, "credential.json"))
	parts := strings.Split(string(good), ".")
	tests := map[string][]byte{
		"error/empty":                 nil,
		"error/two parts":             []byte(parts[0] + "." + parts[1]),
		"error/four parts":            append(append([]byte{}, good...), ".x"...),
		"error/JSON serialization":    []byte(`{"payload":"` + parts[1] + `","signatures":[]}`),
		"error/padded base64":         []byte(parts[0] + "=." + parts[1] + "." + parts[2]),
		"error/standard base64":       []byte(parts[0] + "+/." + parts[1] + "." + parts[2]),
		"error/header not JSON":       []byte(b64("alg=EdDSA") + "." + parts[1] + "." + parts[2]),
		"error/header an array":       []byte(b64("[]") + "." + parts[1] + "." + parts[2]),
		"error/header alg not string": []byte(b64(`{"alg":1}`) + "." + parts[1] + "." + parts[2]),
		"error/payload an array":      []byte(parts[0] + "." + b64("[1]") + "." + parts[2]),
		"error/payload not JSON":      []byte(parts[0] + "." + b64("hello") + "." + parts[2]),
		"error/vc claim not object":   []byte(parts[0] + "." + b64(`{"vc":"x"}`) + "." + parts[2]),
		"error/iss given twice":       []byte(parts[0] + "." + b64(`{"iss":"a","\u0069ss":"b"}`) + "." + parts[2]),
		"error/too large":             []byte(parts[0] + "." + strings.Repeat("A", vcjwt.MaxTokenSize) + "." + parts[2]),
		"error/huge header":           []byte(strings.Repeat("A", vcjwt.MaxHeaderSize*2) + "." + parts[1] + "." + parts[2]),
	}
	for name, token := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			res, err := vcjwt.NewVerifier().Verify(context.Background(), token, issuerKeys(t, testIssuer, key))
			require.ErrorIs(t, err, proof.ErrMalformed)
			checkFailed(t, res, proof.CheckFormat)
		})
	}
	t.Run("ok/surrounding whitespace", func(t *testing.T) {
		t.Parallel()
		res, err := vcjwt.NewVerifier(vcjwt.WithClock(func() time.Time { return testNow })).Verify(context.Background(), []byte("\n "+string(good)+"\n"), issuerKeys(t, testIssuer, key))
		require.NoError(t, err)
		require.True(t, res.Valid(), res.Failures())
	})
}

func TestVerifyResolverFailure(t *testing.T) {
	t.Parallel()
	key := generate(t, keys.P256)
	token := mustSign(t, key, readFile(t, "credential.json"))
	res, err := vcjwt.NewVerifier().Verify(context.Background(), token, failingResolver{})
	require.ErrorContains(t, err, "key store unavailable")
	checkFailed(t, res, proof.CheckKey)
}

func TestVerifyLeeway(t *testing.T) {
	t.Parallel()
	key := generate(t, keys.Ed25519)
	token := mustSign(t, key, editCredential(t, map[string]any{"validUntil": "2026-03-01T12:00:00Z"}))
	at := func(now time.Time, leeway time.Duration) proof.Result {
		res, err := vcjwt.NewVerifier(vcjwt.WithClock(func() time.Time { return now }), vcjwt.WithLeeway(leeway)).Verify(context.Background(), token, issuerKeys(t, testIssuer, key))
		require.NoError(t, err)
		return res
	}
	require.True(t, at(testNow.Add(-time.Second), 0).Valid())
	checkFailed(t, at(testNow, 0), proof.CheckExpiry) // on exp itself: expired (RFC 7519 §4.1.4)
	require.True(t, at(testNow.Add(30*time.Second), time.Minute).Valid())
	checkFailed(t, at(time.Date(2025, 8, 31, 23, 59, 0, 0, time.UTC), 0), proof.CheckNotBefore)
	require.True(t, at(time.Date(2025, 8, 31, 23, 59, 30, 0, time.UTC), time.Minute).Valid())
}

func TestSignRefuses(t *testing.T) {
	t.Parallel()
	signer := mustSigner(t, generate(t, keys.Ed25519))
	subjectWithoutID := map[string]any{"type": []string{"AchievementSubject"}}
	tests := map[string][]byte{
		"error/not JSON":             []byte("credential"),
		"error/array":                []byte("[]"),
		"error/no id":                editCredential(t, map[string]any{"id": nil}),
		"error/no issuer":            editCredential(t, map[string]any{"issuer": nil}),
		"error/issuer without id":    editCredential(t, map[string]any{"issuer": map[string]any{"type": []string{"Profile"}}}),
		"error/no validFrom":         editCredential(t, map[string]any{"validFrom": nil}),
		"error/validFrom no zone":    editCredential(t, map[string]any{"validFrom": "2025-09-01T00:00:00"}),
		"error/fractional validFrom": editCredential(t, map[string]any{"validFrom": "2025-09-01T00:00:00.5Z"}),
		"error/bad validUntil":       editCredential(t, map[string]any{"validUntil": "soon"}),
		"error/subject without id":   editCredential(t, map[string]any{"credentialSubject": subjectWithoutID}),
		"error/several subjects":     editCredential(t, map[string]any{"credentialSubject": []any{subjectWithoutID}}),
		"error/already has iss":      editCredential(t, map[string]any{"iss": testIssuer}),
		"error/already has vc":       editCredential(t, map[string]any{"vc": map[string]any{}}),
		"error/too large":            editCredential(t, map[string]any{"description": strings.Repeat("x", vcjwt.MaxCredentialSize)}),
		"error/id given twice":       []byte(`{"id":"urn:uuid:1","id":"urn:uuid:2"}`),
		"error/escaped iss":          []byte(strings.Replace(string(readFile(t, "credential.json")), `"name"`, `"\u0069ss":"x","name"`, 1)),
		"error/truncated":            readFile(t, "credential.json")[:100],
	}
	for name, cred := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := signer.Sign(cred)
			require.ErrorIs(t, err, proof.ErrMalformed)
		})
	}
	t.Run("ok/issuer as a URI string", func(t *testing.T) {
		t.Parallel()
		token, err := signer.Sign(editCredential(t, map[string]any{"issuer": testIssuer, "validUntil": nil}))
		require.NoError(t, err)
		payload := decodePayload(t, token)
		require.Equal(t, testIssuer, payload["iss"])
		require.NotContains(t, payload, "exp")
	})
}

func TestNewSignerRefusesWeakKeys(t *testing.T) {
	t.Parallel()
	rsa1024, err := rsa.GenerateKey(rand.Reader, 1024)
	require.NoError(t, err)
	_, err = vcjwt.NewSigner(rsa1024)
	require.ErrorIs(t, err, proof.ErrUnsupported)
	p384, err := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	require.NoError(t, err)
	_, err = vcjwt.NewSigner(p384)
	require.ErrorIs(t, err, proof.ErrUnsupported)
}
