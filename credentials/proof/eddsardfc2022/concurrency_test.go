package eddsardfc2022

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"badged/credentials/multikey"
)

// TestConcurrentSignAndVerify shares one Loader and one Suite between many
// goroutines, as HTTP handlers do; run it with -race.
func TestConcurrentSignAndVerify(t *testing.T) {
	t.Parallel()
	suite := NewSuite(loader)
	inputs := [][]byte{
		readFile(t, "achievement-credential.json"),
		readFile(t, "ob3-vector", "unsigned-credential.json"),
		readFile(t, "w3c", "unsigned.json"),
	}
	issuers := []string{fixtureIssuer, "https://example.edu/issuers/565049", "https://vc.example/issuers/5678"}
	examples := [][]byte{readFile(t, "examples", "validator-complete.json"), readFile(t, "examples", "validator-simple.json")}

	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			priv := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{byte(g + 1)}, ed25519.SeedSize))
			for i := range 6 {
				k := (g + i) % len(inputs)
				opts := SignOptions{
					VerificationMethod: issuers[k] + "#" + multikey.EncodePublicKey(priv.Public().(ed25519.PublicKey)),
					PrivateKey:         priv,
				}
				signed, err := suite.Sign(context.Background(), inputs[k], opts)
				if err != nil {
					t.Errorf("goroutine %d: sign: %v", g, err)
					return
				}
				for _, doc := range [][]byte{signed, examples[i%len(examples)]} {
					res, err := suite.Verify(context.Background(), doc, nil)
					if err != nil || !res.Valid() {
						t.Errorf("goroutine %d: verify: %v %s", g, err, res.Failures())
						return
					}
				}
			}
		})
	}
	wg.Wait()
	require.False(t, t.Failed(), fmt.Sprint("see the goroutines' errors"))
}
