package vcjwt_test

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"badged/credentials/keys"
	"badged/credentials/proof/vcjwt"
)

var benchTypes = []struct {
	alg string
	typ keys.Type
}{{"RS256", keys.RSA2048}, {"ES256", keys.P256}, {"EdDSA", keys.Ed25519}}

// benchCredential is the ~3 KB test credential, compact as the issuer
// marshals it.
func benchCredential(b *testing.B) []byte {
	var buf bytes.Buffer
	require.NoError(b, json.Compact(&buf, readFile(b, "credential.json")))
	return buf.Bytes()
}

// measure runs op in a b.Loop and also reports CPU time per operation.
func measure(b *testing.B, op func() error) {
	b.ReportAllocs()
	start := processCPUTime()
	for b.Loop() {
		if err := op(); err != nil {
			b.Fatal(err)
		}
	}
	if cpu := processCPUTime() - start; cpu > 0 {
		b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}

func BenchmarkSign(b *testing.B) {
	cred := benchCredential(b)
	for _, bt := range benchTypes {
		b.Run(bt.alg, func(b *testing.B) {
			signer := mustSigner(b, generate(b, bt.typ))
			b.SetBytes(int64(len(cred)))
			measure(b, func() error {
				_, err := signer.Sign(cred)
				return err
			})
		})
	}
}

func BenchmarkVerify(b *testing.B) {
	cred := benchCredential(b)
	for _, bt := range benchTypes {
		b.Run(bt.alg, func(b *testing.B) {
			key := generate(b, bt.typ)
			token, err := mustSigner(b, key).Sign(cred)
			require.NoError(b, err)
			resolver := issuerKeys(b, testIssuer, key)
			verifier := vcjwt.NewVerifier(vcjwt.WithClock(func() time.Time { return testNow }))
			ctx := context.Background()
			b.SetBytes(int64(len(token)))
			measure(b, func() error {
				res, err := verifier.Verify(ctx, token, resolver)
				if err == nil && !res.Valid() {
					b.Fatal(res.Failures())
				}
				return err
			})
		})
	}
}

// BenchmarkSignatureOnly is the floor under BenchmarkSign: the bare JWS
// signature over a signing input of the same size, with nothing else.
func BenchmarkSignatureOnly(b *testing.B) {
	cred := benchCredential(b)
	for _, bt := range benchTypes {
		b.Run(bt.alg, func(b *testing.B) {
			key := generate(b, bt.typ)
			token, err := mustSigner(b, key).Sign(cred)
			require.NoError(b, err)
			input := token[:bytes.LastIndexByte(token, '.')]
			b.SetBytes(int64(len(cred)))
			measure(b, func() error {
				_, _, err := keys.SignJWS(key, input)
				return err
			})
		})
	}
}
