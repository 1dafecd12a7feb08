package ob3_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/piprate/json-gold/ld"
	"github.com/stretchr/testify/require"

	"badged/credentials/ob3"
)

// testBase is the public base URL of the service in these tests.
const testBase = "https://issuer.example.edu"

// contextFiles maps each context URL the test documents name to its copy
// in testdata/contexts (from shared/openbadges/contexts).
var contextFiles = map[string]string{
	ob3.ContextVCv2:         "w3c-credentials-v2.jsonld",
	ob3.ContextVCv1:         "w3c-credentials-v1.jsonld",
	ob3.ContextOB:           "ob-v3p0-context-3.0.3.json",
	ob3.ContextOBExtensions: "ob-v3p0-extensions.json",
	"https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json": "ob-v3p0-context-3.0.1.json",
	"https://w3id.org/security/data-integrity/v1":                "w3id-security-data-integrity-v1.jsonld",
	"https://w3id.org/security/suites/ed25519-2020/v1":           "w3id-security-suites-ed25519-2020-v1.jsonld",
}

// offlineLoader serves the test contexts and the extension context at its
// URL under testBase, and refuses every other URL.
type offlineLoader struct{}

var loadedContexts = sync.OnceValues(func() (map[string]any, error) {
	docs := map[string]any{}
	for url, file := range contextFiles {
		b, err := os.ReadFile(filepath.Join("testdata", "contexts", file))
		if err != nil {
			return nil, err
		}
		var doc any
		if err := json.Unmarshal(b, &doc); err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		docs[url] = doc
	}
	var ext any
	if err := json.Unmarshal(ob3.ExtensionContext, &ext); err != nil {
		return nil, fmt.Errorf("extension context: %w", err)
	}
	docs[ob3.ExtensionContextURL(testBase)] = ext
	return docs, nil
})

func (offlineLoader) LoadDocument(url string) (*ld.RemoteDocument, error) {
	docs, err := loadedContexts()
	if err != nil {
		return nil, err
	}
	doc, ok := docs[url]
	if !ok {
		return nil, fmt.Errorf("context %s is not available offline", url)
	}
	return &ld.RemoteDocument{DocumentURL: url, Document: doc}, nil
}

func ldOptions() *ld.JsonLdOptions {
	opts := ld.NewJsonLdOptions("")
	opts.DocumentLoader = offlineLoader{}
	opts.ProcessingMode = ld.JsonLd_1_1
	opts.SafeMode = true
	return opts
}

// canonicalNQuads returns the RDFC-1.0 canonical N-Quads of a JSON-LD
// document: what a Data Integrity proof signs.
func canonicalNQuads(t testing.TB, doc []byte) string {
	t.Helper()
	var m any
	require.NoError(t, json.Unmarshal(doc, &m))
	opts := ldOptions()
	opts.Algorithm = ld.AlgorithmURDNA2015
	opts.Format = "application/n-quads"
	nq, err := ld.NewJsonLdProcessor().Normalize(m, opts)
	require.NoError(t, err)
	return nq.(string)
}

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return b
}

// roundTrip marshals v, parses the result and requires the same value and,
// on a second marshal, the same bytes. It returns the marshalled bytes.
func roundTrip[T any](t testing.TB, v *T, parse func([]byte) (*T, error)) []byte {
	t.Helper()
	out, err := json.Marshal(v)
	require.NoError(t, err)
	again, err := parse(out)
	require.NoError(t, err, "re-parse %s", out)
	require.Equal(t, v, again)
	out2, err := json.Marshal(again)
	require.NoError(t, err)
	require.Equal(t, string(out), string(out2))
	return out
}
