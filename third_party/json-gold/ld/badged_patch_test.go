// PATCHED (badged): tests of the badged patches (not part of json-gold).
// Run them with `go test ./ld/` from third_party/json-gold.

package ld

import (
	"math/rand"
	"net/url"
	"strings"
	"testing"
)

func TestPlainHTTPURLImpliesIsURL(t *testing.T) {
	plain := []string{
		"https://example.edu",
		"http://example.edu/",
		"https://badges.example.edu/issuers/faculty-of-science",
		"https://badges.example.edu/credentials/0d1f7a52-8c3e-4f0b-9a61-2b7e5c4d8e90",
		"https://1edtech.edu/issuers/565049#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi",
		"https://purl.imsglobal.org/spec/vc/ob/vocab.html#OpenBadgeCredential",
		"https://www.w3.org/2018/credentials#VerifiableCredential",
		"http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
		"https://my-host.example.edu:8443/a/b?c=d&e=f#g",
		"https://xy.z.example.edu/",
		"https://a.edu?q",
		"https://a-b.edu#f",
	}
	for _, s := range plain {
		if !isPlainHTTPURL(s) {
			t.Errorf("isPlainHTTPURL(%q) = false, want true", s)
		}
		if !IsURL(s) {
			t.Errorf("IsURL(%q) = false", s)
		}
	}
	notPlain := []string{
		"https://localhost/x", "https://example.com:999999/x", "https://-bad-.example/",
		"https://example.com/a b", "https://example..com/", "https://exa_mple.com/",
		"https://1.2.3.4/", "https://[::1]/", "https://user@example.com/", "https://example.com/%41",
		"https://example.com/a#b#c", "https://e.x.edu/", "https://x.y.example.edu/", "https://ex.a-b.edu/", "ftp://example.com/",
		"https://example.c0m/", "https://example.com/\u00e9",
	}
	for _, s := range notPlain {
		if isPlainHTTPURL(s) {
			t.Errorf("isPlainHTTPURL(%q) = true, want false (left to IsURL)", s)
		}
	}

	// Random strings over the characters that matter.
	const alphabet = "ab0-._:/?#%@[]| AZé"
	r := rand.New(rand.NewSource(1))
	for n := 0; n < 200000; n++ {
		var b strings.Builder
		if r.Intn(2) == 0 {
			b.WriteString("https://")
		} else {
			b.WriteString("http://")
		}
		for l := r.Intn(24); l > 0; l-- {
			b.WriteByte(alphabet[r.Intn(len(alphabet))])
		}
		s := b.String()
		if isPlainHTTPURL(s) && !IsURL(s) {
			t.Fatalf("isPlainHTTPURL(%q) = true but IsURL is false", s)
		}
	}

	// Random URLs built from host labels, ports and paths, so that most of
	// them are plain.
	labels := []string{"a", "z", "ab", "a1", "9z", "a-b", "ab-cd", "x-1-y", "edu", "EDU", "io", "c0", "www", "w3"}
	paths := []string{"", "/", "/a/b", "?q=1&r=2", "#frag", "/p#z6Mk", "/a?b#c", "/~u/x;y,z!$'()*+=:@"}
	plainSeen := 0
	for n := 0; n < 100000; n++ {
		var b strings.Builder
		b.WriteString([]string{"http://", "https://"}[r.Intn(2)])
		for l := 1 + r.Intn(4); l > 0; l-- {
			b.WriteString(labels[r.Intn(len(labels))])
			b.WriteByte('.')
		}
		b.WriteString(labels[r.Intn(len(labels))])
		if r.Intn(4) == 0 {
			b.WriteString([]string{":1", ":80", ":8443", ":65535", ":123456"}[r.Intn(5)])
		}
		b.WriteString(paths[r.Intn(len(paths))])
		s := b.String()
		if isPlainHTTPURL(s) {
			plainSeen++
			if !IsURL(s) {
				t.Fatalf("isPlainHTTPURL(%q) = true but IsURL is false", s)
			}
		}
	}
	if plainSeen < 10000 {
		t.Fatalf("only %d generated URLs were plain", plainSeen)
	}
}

func FuzzPlainHTTPURL(f *testing.F) {
	for _, s := range []string{"https://example.edu/a", "http://a.b.c/", "https://ab.c-d.ef:1/x#y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if isPlainHTTPURL(s) && !IsURL(s) {
			t.Fatalf("isPlainHTTPURL(%q) = true but IsURL is false", s)
		}
	})
}

func TestEscapeRDFC10(t *testing.T) {
	for in, want := range map[string]string{
		"plain":                "plain",
		"\b\t\n\f\r\"\\":       `\b\t\n\f\r\"\\`,
		"\x00\x07\x0b\x0e\x1f": `\u0000\u0007\u000B\u000E\u001F`,
		"\x7f\ufffe\uffff":     `\u007F\uFFFE\uFFFF`,
		"é\u2028\ufffd'":       "é\u2028\ufffd'",
		"bad \xff byte\x01":    "bad \xff byte\\u0001",
	} {
		if got := escape(in); got != want {
			t.Errorf("escape(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPlainAbsoluteIRI(t *testing.T) {
	for _, s := range []string{
		"urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33", "did:example:abcdefgh",
		"did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2",
		"did:web:example.edu:issuers:1", "https://example.edu/a", "mailto:someone@example.edu", "urn:x?y",
	} {
		if !isPlainAbsoluteIRI(s) {
			t.Errorf("isPlainAbsoluteIRI(%q) = false, want true", s)
		}
	}
	for _, s := range []string{"", "x", ":a", "1a:b", "a:", "a://b", "urn:a b", "urn:%41", "urn:a#b#c", "a:/b", "é:x"} {
		if isPlainAbsoluteIRI(s) {
			t.Errorf("isPlainAbsoluteIRI(%q) = true, want false", s)
		}
	}
	const alphabet = "ab:AZ09+-./#?@%~ _é"
	r := rand.New(rand.NewSource(2))
	for n := 0; n < 200000; n++ {
		var b strings.Builder
		for l := 1 + r.Intn(16); l > 0; l-- {
			b.WriteByte(alphabet[r.Intn(len(alphabet))])
		}
		s := b.String()
		if !isPlainAbsoluteIRI(s) {
			continue
		}
		u, err := url.Parse(s)
		if err != nil || !u.IsAbs() {
			t.Fatalf("isPlainAbsoluteIRI(%q) = true, but url.Parse: %v, %v", s, u, err)
		}
	}
}

func FuzzPlainAbsoluteIRI(f *testing.F) {
	f.Add("urn:uuid:1")
	f.Add("did:key:z6Mk#z6Mk")
	f.Fuzz(func(t *testing.T, s string) {
		if !isPlainAbsoluteIRI(s) {
			return
		}
		if u, err := url.Parse(s); err != nil || !u.IsAbs() {
			t.Fatalf("isPlainAbsoluteIRI(%q) = true, but url.Parse: %v, %v", s, u, err)
		}
	})
}
