package vcjwt_test

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"badged/credentials/keys"
	"badged/credentials/proof/vcjwt"
)

// FuzzVerifyJWT feeds mutated tokens to Parse and Verify. Neither may
// panic, and a token that verifies must carry exactly the header and
// payload of a token the issuer signed: no change to what was signed ever
// verifies. (Ed25519 and RSA PKCS#1 v1.5 signatures are not malleable, so
// the signature part is pinned down as well, but the invariant does not
// rely on that.)
func FuzzVerifyJWT(f *testing.F) {
	key := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{7}, ed25519.SeedSize))
	ours := mustSign(f, key, readFile(f, "credential.json"))
	ecKey, err := ecdsa.ParseRawPrivateKey(elliptic.P256(), bytes.Repeat([]byte{7}, 32))
	require.NoError(f, err)
	oursES256 := mustSign(f, ecKey, readFile(f, "credential.json"))
	sample := readFile(f, "validator-simple-jwt.extracted-from-svg.jws")
	legacy := readFile(f, "validator-simple-legacy.jwt")

	parsed, err := vcjwt.Parse(sample)
	require.NoError(f, err)
	sampleKey, err := keys.ParseJWK(parsed.Header.JWK)
	require.NoError(f, err)
	resolver := keys.NewSet()
	require.NoError(f, resolver.Add(testIssuer, "", key))
	require.NoError(f, resolver.Add(testIssuer, "", ecKey))
	require.NoError(f, resolver.Add("https://1edtech.edu/issuers/565049", "", sampleKey))

	signed := map[string]bool{}
	for _, tok := range [][]byte{ours, oursES256, sample} {
		signed[string(signingInput(tok))] = true
		f.Add(tok)
	}
	f.Add(legacy)
	f.Add([]byte("e30.e30."))

	verifier := vcjwt.NewVerifier(vcjwt.WithClock(func() time.Time { return testNow }))
	f.Fuzz(func(t *testing.T, token []byte) {
		if tok, err := vcjwt.Parse(token); err == nil {
			require.NotNil(t, tok.Credential)
		}
		res, err := verifier.Verify(context.Background(), token, resolver)
		if err != nil {
			require.False(t, res.Valid())
			return
		}
		if res.Valid() && !signed[string(signingInput(token))] {
			t.Fatalf("a token the issuer did not sign verifies: %q", token)
		}
	})
}

func signingInput(token []byte) []byte {
	token = bytes.TrimSpace(token)
	if i := bytes.LastIndexByte(token, '.'); i >= 0 {
		return token[:i]
	}
	return token
}
