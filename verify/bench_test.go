package verify_test

import (
	"context"
	"testing"
)

// BenchmarkVerify measures one verification per format, documents pinned
// (so it measures verification, not fetching).
func BenchmarkVerify(b *testing.B) {
	for _, ex := range examples {
		switch ex.file {
		case "ob2/validator-simple.jwt", "ob2/validator-basic-assertion.json", "ob3/validator-simple-jwt.extracted-from-svg.jws",
			"ob3/validator-complete.json", "ob3/validator-bitstring-credential-status-revoked.json", "ob3/validator-simple-json.png":
		default:
			continue
		}
		b.Run(ex.name, func(b *testing.B) {
			v := newVerifier(b, examplePins(b, ex))
			input := readTestdata(b, ex.file)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := v.Verify(context.Background(), input); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
