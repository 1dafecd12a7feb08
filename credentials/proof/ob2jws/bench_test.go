package ob2jws_test

import (
	"context"
	"testing"
)

// measure runs op in a b.Loop and also reports CPU time per operation, which
// stays meaningful on a busy machine where ns/op counts waiting for a core.
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
	bundle := setup(b)
	a := readFile(b, "spec-signed-assertion-payload.json")
	b.SetBytes(int64(len(a)))
	measure(b, func() error {
		_, err := bundle.signer.Sign(a)
		return err
	})
}

func BenchmarkVerify(b *testing.B) {
	bundle := setup(b)
	token, err := bundle.signer.Sign(readFile(b, "spec-signed-assertion-payload.json"))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.SetBytes(int64(len(token)))
	measure(b, func() error {
		res, err := bundle.verifier.Verify(ctx, token, bundle.resolver)
		if err == nil && !res.Valid() {
			b.Fatal(res.Failures())
		}
		return err
	})
}
