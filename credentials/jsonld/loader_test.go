package jsonld

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"badged/credentials/proof"
)

func TestLoaderServesEmbeddedContexts(t *testing.T) {
	t.Parallel()
	loader := NewLoader()
	for _, c := range embeddedContexts {
		t.Run(c.URL, func(t *testing.T) {
			t.Parallel()
			rd, err := loader.LoadDocument(c.URL)
			require.NoError(t, err)
			require.Equal(t, c.URL, rd.DocumentURL)
			require.Contains(t, rd.Document, "@context")
		})
	}
}

func TestLoaderRefusesOtherURLs(t *testing.T) {
	t.Parallel()
	loader := NewLoader()
	for name, url := range map[string]string{
		"error/unknown":            "https://example.com/context.jsonld",
		"error/http not https":     "http://www.w3.org/ns/credentials/v2",
		"error/trailing slash":     CredentialsV2URL + "/",
		"error/fragment":           CredentialsV2URL + "#",
		"error/validator 3.0.3":    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.4.json",
		"error/empty":              "",
		"error/citizenship vector": "https://w3id.org/citizenship/v4rc1",
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			rd, err := loader.LoadDocument(url)
			require.Nil(t, rd)
			require.ErrorIs(t, err, ErrUnknownContext)
			require.ErrorIs(t, err, proof.ErrUnsupported)
			require.ErrorContains(t, err, "context "+url+" is not available offline")
		})
	}
}

func TestWithDocument(t *testing.T) {
	t.Parallel()
	const extURL = "https://badges.example.edu/contexts/ext/v1.jsonld"
	valid := []byte(`{"@context":{"creditBearing":"https://badges.example.edu/vocab#creditBearing"}}`)

	tests := map[string]struct {
		url     string
		doc     []byte
		wantErr string // in Err() and in LoadDocument(url)
	}{
		"ok": {url: extURL, doc: valid},
		"error/not JSON": {url: extURL, doc: []byte(`{"@context":`),
			wantErr: "context document is not JSON"},
		"error/not an object": {url: extURL, doc: []byte(`["@context"]`),
			wantErr: "not a JSON object"},
		"error/no @context": {url: extURL, doc: []byte(`{"creditBearing":"x"}`),
			wantErr: `no "@context" member`},
		"error/too large": {url: extURL, doc: []byte(`{"@context":{},"x":"` + strings.Repeat("a", MaxContextSize) + `"}`),
			wantErr: "bytes, more than"},
		"error/replaces an embedded context": {url: CredentialsV2URL, doc: valid,
			wantErr: "already served"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			loader := NewLoader(WithDocument(tc.url, tc.doc))
			rd, err := loader.LoadDocument(tc.url)
			if tc.wantErr == "" {
				require.NoError(t, loader.Err())
				require.NoError(t, err)
				require.Equal(t, map[string]any{"creditBearing": "https://badges.example.edu/vocab#creditBearing"},
					rd.Document.(map[string]any)["@context"])
				return
			}
			require.ErrorContains(t, loader.Err(), tc.wantErr)
			require.ErrorContains(t, loader.Err(), tc.url)
			if tc.url == CredentialsV2URL { // the embedded context is still served
				require.NoError(t, err)
				require.Contains(t, rd.Document.(map[string]any)["@context"], "VerifiableCredential")
				return
			}
			require.ErrorContains(t, err, tc.wantErr)
			require.ErrorIs(t, err, proof.ErrMalformed)
		})
	}
}

// TestLoaderConcurrentUse is meaningful under -race: LoadDocument only reads.
func TestLoaderConcurrentUse(t *testing.T) {
	t.Parallel()
	loader := NewLoader(WithDocument("https://example.edu/ctx", []byte(`{"@context":{}}`)))
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			for j := range 100 {
				url := embeddedContexts[(i+j)%len(embeddedContexts)].URL
				rd, err := loader.LoadDocument(url)
				if err != nil || rd.DocumentURL != url {
					t.Errorf("load %s: %v", url, err)
					return
				}
				rd.DocumentURL = "changed" // a caller's copy: must not leak
				if _, err := loader.LoadDocument(fmt.Sprintf("https://unknown.example/%d", j)); err == nil {
					t.Errorf("unknown URL served")
					return
				}
			}
		})
	}
	wg.Wait()
	rd, err := loader.LoadDocument(CredentialsV2URL)
	require.NoError(t, err)
	require.Equal(t, CredentialsV2URL, rd.DocumentURL)
}
