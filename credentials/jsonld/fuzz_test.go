package jsonld

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// FuzzLoaderURL: the loader serves exactly the embedded URLs and refuses
// everything else by name, without touching the network (TestMain counts).
func FuzzLoaderURL(f *testing.F) {
	for _, c := range embeddedContexts {
		f.Add(c.URL)
		f.Add(c.URL + "/")
		f.Add(strings.ToUpper(c.URL))
	}
	f.Add("")
	f.Add("file:///etc/passwd")
	f.Add("https://w3id.org/citizenship/v4rc1")
	loader := NewLoader()
	served := make(map[string]bool)
	for _, c := range embeddedContexts {
		served[c.URL] = true
	}
	f.Fuzz(func(t *testing.T, url string) {
		rd, err := loader.LoadDocument(url)
		if served[url] {
			if err != nil || rd == nil || rd.Document == nil {
				t.Fatalf("embedded %q not served: %v", url, err)
			}
			return
		}
		if rd != nil || !errors.Is(err, ErrUnknownContext) || !strings.Contains(err.Error(), url) {
			t.Fatalf("LoadDocument(%q) = %v, %v; want ErrUnknownContext naming the URL", url, rd, err)
		}
	})
}

// FuzzCanonicalize: any input is canonicalized or refused with an error,
// never a panic, and canonicalizing is deterministic, with a warm or a
// cold cache of processed contexts.
func FuzzCanonicalize(f *testing.F) {
	for _, name := range []string{"achievement-credential.json", filepath.Join("ob3-eddsa-rdfc-2022", "unsigned-credential.json")} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		require.NoError(f, err)
		f.Add(b)
	}
	f.Add([]byte(`{"@context":"https://www.w3.org/ns/credentials/v2","type":"VerifiableCredential","name":"a\u0007"}`))
	f.Add([]byte(`{"@context":["https://www.w3.org/ns/credentials/v2",{"@vocab":"https://example.org/"}],"x":{"@list":[1,{"@id":"r"}]}}`))
	f.Add([]byte(`{"@context":{"@import":"https://www.w3.org/ns/credentials/v2"},"id":"_:b0","name":{"@value":1,"@type":"@json"}}`))
	warm := NewLoader()
	f.Fuzz(func(t *testing.T, doc []byte) {
		got, err := Canonicalize(context.Background(), doc, warm)
		again, err2 := Canonicalize(context.Background(), doc, NewLoader())
		if (err == nil) != (err2 == nil) || string(got) != string(again) {
			t.Fatalf("warm and cold loaders disagree: %v / %v\n%s\n%s", err, err2, got, again)
		}
	})
}
