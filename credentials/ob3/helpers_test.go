package ob3_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/piprate/json-gold/ld"
	"github.com/stretchr/testify/require"

	"badged/credentials/jsonld"
	"badged/credentials/ob3"
)

// testBase is the public base URL of the service in these tests.
const testBase = "https://issuer.example.edu"

// loader serves the embedded contexts and the extension context at its URL
// under testBase, as the service's loader does, and nothing else.
var loader = jsonld.NewLoader(jsonld.WithDocument(ob3.ExtensionContextURL(testBase), ob3.ExtensionContext))

func TestExtensionContextRegisters(t *testing.T) {
	t.Parallel()
	require.NoError(t, loader.Err(), "the extension context is a context document the loader accepts")
}

// ldOptions are json-gold options over the loader, in safe mode: a term
// that no context defines is an error instead of being dropped.
func ldOptions() *ld.JsonLdOptions {
	opts := ld.NewJsonLdOptions("")
	opts.DocumentLoader = loader
	opts.ProcessingMode = ld.JsonLd_1_1
	opts.SafeMode = true
	return opts
}

// canonicalNQuads returns the RDFC-1.0 canonical N-Quads of a JSON-LD
// document, what a Data Integrity proof signs. jsonld.Canonicalize refuses
// anything that would be left out of them (an undefined term, a relative
// IRI), so a document that canonicalizes is signed in full.
func canonicalNQuads(t testing.TB, doc []byte) string {
	t.Helper()
	nq, err := jsonld.Canonicalize(context.Background(), doc, loader)
	require.NoError(t, err)
	return string(nq)
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
