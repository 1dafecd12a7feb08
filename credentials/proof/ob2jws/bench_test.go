package ob2jws_test

import (
	"context"
	"testing"
)

func BenchmarkSign(b *testing.B) {
	bundle := setup(b)
	a := readFile(b, "spec-signed-assertion-payload.json")
	b.SetBytes(int64(len(a)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := bundle.signer.Sign(a); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerify(b *testing.B) {
	bundle := setup(b)
	token, err := bundle.signer.Sign(readFile(b, "spec-signed-assertion-payload.json"))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.SetBytes(int64(len(token)))
	b.ReportAllocs()
	for b.Loop() {
		res, err := bundle.verifier.Verify(ctx, token, bundle.resolver)
		if err != nil || !res.Valid() {
			b.Fatal(err, res.Failures())
		}
	}
}
