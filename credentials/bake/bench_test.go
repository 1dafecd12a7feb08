package bake_test

import (
	"testing"

	"badged/credentials/bake"
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

// The 1EdTech samples: an 84 KB PNG and a 4 KB SVG, each with a ~1.3 KB
// credential; the payload baked is a VC-JWT of 2.2 KB.
func BenchmarkBakeExtract(b *testing.B) {
	jws := readFile(b, "validator-simple-jwt.extracted-from-svg.jws")
	for _, tc := range []struct{ name, file string }{{"PNG", "validator-simple-json.png"}, {"SVG", "validator-simple-json.svg"}} {
		img := readFile(b, tc.file)
		b.Run("Bake/"+tc.name, func(b *testing.B) {
			b.SetBytes(int64(len(img)))
			measure(b, func() error {
				_, err := bake.Bake(img, bake.OB3, jws)
				return err
			})
		})
		b.Run("Extract/"+tc.name, func(b *testing.B) {
			b.SetBytes(int64(len(img)))
			measure(b, func() error {
				_, err := bake.Extract(img, bake.OB3)
				return err
			})
		})
	}
}
