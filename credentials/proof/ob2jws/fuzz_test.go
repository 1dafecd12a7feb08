package ob2jws_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"badged/credentials/ob2"
	"badged/credentials/proof/ob2jws"
)

// FuzzParseJWS feeds mutated signed badges to Parse and Verify. Neither may
// panic, and a badge that verifies must carry exactly the header and payload
// of the badge the issuer signed.
func FuzzParseJWS(f *testing.F) {
	token := readFile(f, "validator-simple.jwt")
	doc, err := ob2.ParseCryptographicKey(readFile(f, "validator-assets-key1.json"))
	require.NoError(f, err)
	resolver, err := ob2jws.NewKeySet(doc)
	require.NoError(f, err)
	f.Add(token)
	f.Add(readFile(f, "validator-basic-assertion.json"))
	f.Add([]byte("e30.e30."))
	signed := string(signingInput(token))
	list, err := ob2.ParseRevocationList(readFile(f, "validator-assets-revocation-list.json"))
	require.NoError(f, err)
	verifier := ob2jws.NewVerifier(ob2jws.WithClock(func() time.Time { return testNow }), ob2jws.WithRevocations(ob2jws.RevocationList(list)))

	f.Fuzz(func(t *testing.T, token []byte) {
		if tok, err := ob2jws.Parse(token); err == nil {
			require.NotNil(t, tok.Assertion)
		}
		res, err := verifier.Verify(context.Background(), token, resolver)
		if err != nil {
			require.False(t, res.Valid())
			return
		}
		if res.Valid() && string(signingInput(token)) != signed {
			t.Fatalf("a badge the issuer did not sign verifies: %q", token)
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
