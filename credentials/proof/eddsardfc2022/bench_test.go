package eddsardfc2022

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"
)

// The benchmarks use testdata/achievement-credential.json, a realistic
// OB 3.0 credential of about 3 KB. Besides ns/op they report cpu-ns/op, the
// process CPU time per operation (see processCPUTime), and ops/s/core.

func BenchmarkSign(b *testing.B) {
	suite := NewSuite(loader)
	unsigned := readFile(b, "achievement-credential.json")
	opts := fixtureOptions()
	measure(b, func() error {
		_, err := suite.Sign(context.Background(), unsigned, opts)
		return err
	})
}

// BenchmarkSignDistinct signs a different credential each time (new id and
// subject hash), as an issuing service does, so no per-document effect can
// flatter the figures; only the processed contexts are shared.
func BenchmarkSignDistinct(b *testing.B) {
	suite := NewSuite(loader)
	unsigned := readFile(b, "achievement-credential.json")
	variants := make([][]byte, 1024)
	for i := range variants {
		v := bytes.Replace(unsigned, []byte("0d1f7a52-8c3e-4f0b-9a61-2b7e5c4d8e90"), []byte(fmt.Sprintf("0d1f7a52-8c3e-4f0b-9a61-%012d", i)), 1)
		variants[i] = bytes.Replace(v, []byte("2bb54ff8e70f51a5"), []byte(fmt.Sprintf("%016x", i)), 1)
	}
	opts := fixtureOptions()
	i := 0
	measure(b, func() error {
		i++
		_, err := suite.Sign(context.Background(), variants[i%len(variants)], opts)
		return err
	})
}

func BenchmarkVerify(b *testing.B) {
	suite := NewSuite(loader)
	signed := signFixture(b, suite)
	measure(b, func() error {
		res, err := suite.Verify(context.Background(), signed, nil)
		if err == nil && !res.Valid() {
			b.Fatal(res.Failures())
		}
		return err
	})
}

func BenchmarkSignParallel(b *testing.B) {
	suite := NewSuite(loader)
	unsigned := readFile(b, "achievement-credential.json")
	opts := fixtureOptions()
	measureParallel(b, func() error {
		_, err := suite.Sign(context.Background(), unsigned, opts)
		return err
	})
}

func BenchmarkVerifyParallel(b *testing.B) {
	suite := NewSuite(loader)
	signed := signFixture(b, suite)
	measureParallel(b, func() error {
		_, err := suite.Verify(context.Background(), signed, nil)
		return err
	})
}

func measure(b *testing.B, op func() error) {
	b.ReportAllocs()
	start := processCPUTime()
	for b.Loop() {
		if err := op(); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, processCPUTime()-start)
}

func measureParallel(b *testing.B, op func() error) {
	b.ReportAllocs()
	start := processCPUTime()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if err := op(); err != nil {
				b.Error(err)
				return
			}
		}
	})
	reportCPU(b, processCPUTime()-start)
}

func reportCPU(b *testing.B, cpu time.Duration) {
	if cpu <= 0 || b.N == 0 {
		return
	}
	perOp := float64(cpu.Nanoseconds()) / float64(b.N)
	b.ReportMetric(perOp, "cpu-ns/op")
	b.ReportMetric(1e9/perOp, "ops/s/core")
}
