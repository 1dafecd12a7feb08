package bake_test

import (
	"testing"

	"badged/credentials/bake"
)

// The 1EdTech samples: an 84 KB PNG and a 4 KB SVG, each with a ~1.3 KB
// credential; the payload baked is a VC-JWT of 2.2 KB.
func BenchmarkBakeExtract(b *testing.B) {
	jws := readFile(b, "validator-simple-jwt.extracted-from-svg.jws")
	for _, tc := range []struct{ name, file string }{{"PNG", "validator-simple-json.png"}, {"SVG", "validator-simple-json.svg"}} {
		img := readFile(b, tc.file)
		b.Run("Bake/"+tc.name, func(b *testing.B) {
			b.SetBytes(int64(len(img)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := bake.Bake(img, bake.OB3, jws); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("Extract/"+tc.name, func(b *testing.B) {
			b.SetBytes(int64(len(img)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := bake.Extract(img, bake.OB3); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
