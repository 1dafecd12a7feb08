package jsonld

import (
	"context"
	"testing"
)

// BenchmarkCanonicalize canonicalizes testdata/achievement-credential.json
// (about 3 KB) with a warm cache of processed contexts, as a long-running
// service does.
func BenchmarkCanonicalize(b *testing.B) {
	doc := readFile(b, "achievement-credential.json")
	loader := NewLoader()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Canonicalize(context.Background(), doc, loader); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCanonicalizeColdCache gives every canonicalization a new Loader,
// so contexts are processed each time: the cost without the cache.
func BenchmarkCanonicalizeColdCache(b *testing.B) {
	doc := readFile(b, "achievement-credential.json")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Canonicalize(context.Background(), doc, NewLoader()); err != nil {
			b.Fatal(err)
		}
	}
}
