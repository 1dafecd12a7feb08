package vcjwt_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"badged/credentials/keys"
	"badged/credentials/proof/vcjwt"
)

// One Signer, Verifier and key set serve many goroutines, as in an HTTP
// server; run with -race.
func TestConcurrentUse(t *testing.T) {
	t.Parallel()
	key := generate(t, keys.Ed25519)
	signer := mustSigner(t, key)
	resolver := issuerKeys(t, testIssuer, key)
	verifier := vcjwt.NewVerifier(vcjwt.WithClock(func() time.Time { return testNow }))
	cred := readFile(t, "credential.json")

	var wg sync.WaitGroup
	errs := make(chan error, 8*20)
	for range 8 {
		wg.Go(func() {
			for range 20 {
				token, err := signer.Sign(cred)
				if err != nil {
					errs <- err
					return
				}
				res, err := verifier.Verify(context.Background(), token, resolver)
				if err == nil && !res.Valid() {
					err = errorString(res.Failures())
				}
				if err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
}

type errorString string

func (e errorString) Error() string { return string(e) }
