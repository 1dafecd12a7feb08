package jsonld

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"badged/internal/nonet"

	"badged/credentials/proof"
)

func readFile(t testing.TB, name ...string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(append([]string{"testdata"}, name...)...))
	require.NoError(t, err)
	return b
}

// credential returns a small VCDM 2.0 + OB 3.0 credential to vary.
func credential() map[string]any {
	return map[string]any{
		"@context": []any{CredentialsV2URL, OpenBadgesV3URL},
		"id":       "urn:uuid:2f1c5a1e-4a9b-4c3e-9d55-0c6f2b7d8e11",
		"type":     []any{"VerifiableCredential", "OpenBadgeCredential"},
		"issuer":   map[string]any{"id": "https://badges.example.edu/issuers/1", "type": []any{"Profile"}, "name": "Example University"},
		"name":     "Teamwork",
		"credentialSubject": map[string]any{
			"type": []any{"AchievementSubject"},
			"achievement": map[string]any{
				"id":       "https://badges.example.edu/achievements/teamwork",
				"type":     []any{"Achievement"},
				"name":     "Teamwork",
				"criteria": map[string]any{"narrative": "Work in a team."},
			},
		},
	}
}

func TestCanonicalizeOB3Vector(t *testing.T) {
	t.Parallel()
	got, err := Canonicalize(context.Background(), readFile(t, "ob3-eddsa-rdfc-2022", "unsigned-credential.json"), NewLoader())
	require.NoError(t, err)
	require.Equal(t, string(readFile(t, "ob3-eddsa-rdfc-2022", "document-canon.nq")), string(got))
}

func TestCanonicalizeAcceptsDecodedAndRawAlike(t *testing.T) {
	t.Parallel()
	raw := readFile(t, "achievement-credential.json")
	doc, err := Decode(raw)
	require.NoError(t, err)
	before, err := json.Marshal(doc)
	require.NoError(t, err)

	fromRaw, err := Canonicalize(context.Background(), raw, NewLoader())
	require.NoError(t, err)
	fromDoc, err := Canonicalize(context.Background(), doc, NewLoader())
	require.NoError(t, err)
	require.Equal(t, string(fromRaw), string(fromDoc))
	require.Contains(t, string(fromRaw), `<https://purl.imsglobal.org/spec/vc/ob/vocab.html#creditsAvailable> "5"^^<https://www.w3.org/2001/XMLSchema#float>`)

	after, err := json.Marshal(doc)
	require.NoError(t, err)
	require.JSONEq(t, string(before), string(after), "Canonicalize modified its input")
}

// TestCanonicalizeRefusesWhatItWouldDrop covers standards.md §3.2 pitfalls
// 2-4: content JSON-LD would leave out of the N-Quads, and so out of the
// signature, is an error that names it.
func TestCanonicalizeRefusesWhatItWouldDrop(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		edit func(doc map[string]any)
		want string
	}{
		"error/undefined top-level property": {
			edit: func(doc map[string]any) { doc["creditBearing"] = true },
			want: `property "creditBearing"`,
		},
		"error/undefined nested property": {
			edit: func(doc map[string]any) {
				subject := doc["credentialSubject"].(map[string]any)
				subject["achievement"].(map[string]any)["level"] = "advanced"
			},
			want: `property "level"`,
		},
		"error/term only the validator's 3.0.3 copy defines": {
			edit: func(doc map[string]any) { doc["endorsementJwt"] = []any{"eyJhbGciOiJSUzI1NiJ9.e30.c2ln"} },
			want: `property "endorsementJwt"`,
		},
		"error/keyword-like key": {
			edit: func(doc map[string]any) { doc["@foo"] = "bar" },
			want: `property "@foo"`,
		},
		"error/type not defined without extensions.json": {
			edit: func(doc map[string]any) {
				doc["credentialStatus"] = map[string]any{"id": "https://badges.example.edu/revocations/1", "type": "1EdTechRevocationList"}
			},
			want: `type "1EdTechRevocationList"`,
		},
		"error/relative subject id": {
			edit: func(doc map[string]any) { doc["credentialSubject"].(map[string]any)["id"] = "student-42" },
			want: `"student-42"`,
		},
		"error/http IRI that is not a valid URL": {
			edit: func(doc map[string]any) { doc["issuer"].(map[string]any)["id"] = "https://-bad-.example/issuers/1" },
			want: `https://-bad-.example/issuers/1`,
		},
		"error/IRI with a space": {
			edit: func(doc map[string]any) { doc["id"] = "urn:uuid:a b" },
			want: `IRI "urn:uuid:a b" contains ' '`,
		},
		"error/blank node property": {
			edit: func(doc map[string]any) {
				doc["@context"] = append(doc["@context"].([]any), map[string]any{"secret": "_:b0"})
				doc["secret"] = "x"
			},
			want: `"_:b0"`,
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			doc := credential()
			tc.edit(doc)
			_, err := Canonicalize(context.Background(), doc, NewLoader())
			require.ErrorIs(t, err, ErrUndefinedTerm)
			require.ErrorIs(t, err, proof.ErrMalformed)
			require.ErrorContains(t, err, tc.want)
		})
	}
}

func TestCanonicalizeAcceptsDefinedExtensions(t *testing.T) {
	t.Parallel()
	const extURL = "https://badges.example.edu/contexts/ext/v1.jsonld"
	loader := NewLoader(WithDocument(extURL,
		[]byte(`{"@context":{"creditBearing":{"@id":"https://badges.example.edu/vocab#creditBearing","@type":"http://www.w3.org/2001/XMLSchema#boolean"}}}`)))
	doc := credential()
	doc["@context"] = append(doc["@context"].([]any), OpenBadgesV3ExtURL, extURL)
	doc["creditBearing"] = "true"
	doc["credentialStatus"] = map[string]any{"id": "https://badges.example.edu/revocations/1", "type": "1EdTechRevocationList"}

	got, err := Canonicalize(context.Background(), doc, loader)
	require.NoError(t, err)
	require.Contains(t, string(got), `<urn:uuid:2f1c5a1e-4a9b-4c3e-9d55-0c6f2b7d8e11> <https://badges.example.edu/vocab#creditBearing> "true"^^<http://www.w3.org/2001/XMLSchema#boolean> .`+"\n")
	require.Contains(t, string(got), `<https://badges.example.edu/revocations/1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://purl.imsglobal.org/spec/vcrl/v1p0/context.json#1EdTechRevocationList> .`+"\n")
}

func TestCanonicalizeRefusesUnknownContexts(t *testing.T) {
	t.Parallel()
	// Cleanup runs after the parallel subtests have finished.
	before := nonet.Attempts()
	t.Cleanup(func() { require.Equal(t, before, nonet.Attempts(), "refusing a context must not fetch it") })
	tests := map[string]func(doc map[string]any){
		"error/top-level": func(doc map[string]any) {
			doc["@context"] = append(doc["@context"].([]any), "https://evil.example/context.jsonld")
		},
		"error/nested": func(doc map[string]any) {
			doc["issuer"].(map[string]any)["@context"] = "https://evil.example/context.jsonld"
		},
		"error/imported": func(doc map[string]any) {
			doc["@context"] = append(doc["@context"].([]any), map[string]any{"@import": "https://evil.example/context.jsonld"})
		},
	}
	for name, edit := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			doc := credential()
			edit(doc)
			_, err := Canonicalize(context.Background(), doc, NewLoader())
			require.ErrorIs(t, err, ErrUnknownContext)
			require.ErrorIs(t, err, proof.ErrUnsupported)
			require.ErrorContains(t, err, "https://evil.example/context.jsonld")
		})
	}
}

// TestCanonicalizeEscapesAsRDFC10 checks string escaping against RDFC-1.0
// appendix A: BS, HT, LF, FF, CR, '"' and '\' as ECHARs; U+0000-U+0007,
// VT, U+000E-U+001F, DEL, U+FFFE and U+FFFF as \u and four uppercase hex
// digits; everything else as itself.
func TestCanonicalizeEscapesAsRDFC10(t *testing.T) {
	t.Parallel()
	tests := map[string]struct{ name, want string }{
		"ok/bell and unit separator": {"Bell\u0007 and unit\u001fseparator", `"Bell\u0007 and unit\u001Fseparator"`},
		"ok/ECHAR characters":        {"\b\t\n\f\r\"\\", `"\b\t\n\f\r\"\\"`},
		"ok/NUL, VT, SO, DEL":        {"\u0000\u000b\u000e\u007f", `"\u0000\u000B\u000E\u007F"`},
		"ok/non-characters":          {"\ufffe\uffff", `"\uFFFE\uFFFF"`},
		"ok/other characters as is":  {"é ☃ 🎓 \u0080 \u2028 '", "\"é ☃ 🎓 \u0080 \u2028 '\""},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			doc := credential()
			doc["name"] = tc.name
			got, err := Canonicalize(context.Background(), doc, NewLoader())
			require.NoError(t, err)
			require.Contains(t, string(got),
				"<urn:uuid:2f1c5a1e-4a9b-4c3e-9d55-0c6f2b7d8e11> <https://schema.org/name> "+tc.want+" .\n")
		})
	}
}

func TestCanonicalizeRefusesBadInput(t *testing.T) {
	t.Parallel()
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := map[string]struct {
		ctx     context.Context
		doc     any
		wantErr error
		want    string
	}{
		"error/not JSON":        {doc: []byte(`{"@context":`), wantErr: proof.ErrMalformed, want: "not JSON"},
		"error/trailing data":   {doc: []byte(`{} {}`), wantErr: proof.ErrMalformed, want: "not JSON"},
		"error/invalid UTF-8":   {doc: []byte("{\"name\":\"\xff\"}"), wantErr: proof.ErrMalformed, want: "UTF-8"},
		"error/too large":       {doc: []byte(`{"x":"` + strings.Repeat("a", MaxDocumentSize) + `"}`), wantErr: proof.ErrMalformed, want: "more than"},
		"error/a string":        {doc: []byte(`"https://www.w3.org/ns/credentials/v2"`), wantErr: proof.ErrMalformed, want: "not string"},
		"error/unsupported Go":  {doc: 42, wantErr: proof.ErrMalformed, want: "not int"},
		"error/invalid context": {doc: []byte(`{"@context": 5, "name": "x"}`), wantErr: proof.ErrMalformed, want: "invalid local context"},
		"error/protected term redefined": {
			doc:     []byte(`{"@context":["` + CredentialsV2URL + `",{"name":"https://evil.example/name"}],"name":"x"}`),
			wantErr: proof.ErrMalformed, want: "protected term redefinition",
		},
		"error/canceled": {ctx: canceled, doc: credential(), wantErr: context.Canceled},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx := tc.ctx
			if ctx == nil {
				ctx = context.Background()
			}
			got, err := Canonicalize(ctx, tc.doc, NewLoader())
			require.Nil(t, got)
			require.ErrorIs(t, err, tc.wantErr)
			require.ErrorContains(t, err, tc.want)
		})
	}
}

func TestCanonicalizeRefusesPoisonDatasets(t *testing.T) {
	t.Parallel()
	// Ten blank nodes that all link to each other: a clique (RDFC-1.0 §6.1).
	nodes := make([]any, 10)
	for i := range nodes {
		links := make([]any, 0, 9)
		for j := range nodes {
			if j != i {
				links = append(links, map[string]any{"@id": "_:n" + string(rune('0'+j))})
			}
		}
		nodes[i] = map[string]any{"@id": "_:n" + string(rune('0'+i)), "https://example.org/knows": links}
	}
	_, err := Canonicalize(context.Background(), map[string]any{"@graph": nodes}, NewLoader())
	require.ErrorIs(t, err, ErrTooComplex)
	require.ErrorContains(t, err, "steps")
}

// TestCanonicalizeConcurrently is meaningful under -race: one Loader, and
// the context cache behind it, shared by many goroutines.
func TestCanonicalizeConcurrently(t *testing.T) {
	t.Parallel()
	loader := NewLoader()
	inputs := [][]byte{
		readFile(t, "achievement-credential.json"),
		readFile(t, "ob3-eddsa-rdfc-2022", "unsigned-credential.json"),
	}
	want := make([]string, len(inputs))
	for i, in := range inputs {
		got, err := Canonicalize(context.Background(), in, NewLoader())
		require.NoError(t, err)
		want[i] = string(got)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 20 {
				k := (g + i) % len(inputs)
				got, err := Canonicalize(context.Background(), inputs[k], loader)
				if err != nil || string(got) != want[k] {
					t.Errorf("goroutine %d, run %d: %v", g, i, err)
					return
				}
			}
		})
	}
	wg.Wait()
}

// TestContextCacheIsBoundedAndTransparent: canonicalizing with a loader
// whose cache of processed contexts is warm gives what a fresh loader gives,
// and the cache holds a bounded number of contexts.
func TestContextCacheIsBoundedAndTransparent(t *testing.T) {
	t.Parallel()
	inputs := [][]byte{
		readFile(t, "achievement-credential.json"),
		readFile(t, "ob3-eddsa-rdfc-2022", "unsigned-credential.json"),
	}
	warm := NewLoader()
	for round := range 3 {
		for i, in := range inputs {
			got, err := Canonicalize(context.Background(), in, warm)
			require.NoError(t, err)
			cold, err := Canonicalize(context.Background(), in, NewLoader())
			require.NoError(t, err)
			require.Equal(t, string(cold), string(got), "round %d, input %d", round, i)
		}
	}
	n := warm.cache.Len()
	require.Positive(t, n, "the cache was not used")

	// More distinct @context lists than the cache holds: it starts afresh
	// when full, and results stay right.
	var opts []Option
	for i := range MaxCachedContexts + 20 {
		opts = append(opts, WithDocument(fmt.Sprintf("https://example.org/ctx/%d", i),
			[]byte(fmt.Sprintf(`{"@context":{"n%d":"https://example.org/n"}}`, i))))
	}
	many := NewLoader(opts...)
	require.NoError(t, many.Err())
	peak := 0
	for i := range MaxCachedContexts + 20 {
		term := fmt.Sprintf("n%d", i)
		doc := map[string]any{"@context": []any{CredentialsV2URL, fmt.Sprintf("https://example.org/ctx/%d", i)}, "id": "urn:x:1", term: "v"}
		got, err := Canonicalize(context.Background(), doc, many)
		require.NoError(t, err)
		require.Equal(t, "<urn:x:1> <https://example.org/n> \"v\" .\n", string(got))
		peak = max(peak, many.cache.Len())
		require.LessOrEqual(t, many.cache.Len(), MaxCachedContexts)
	}
	require.Equal(t, MaxCachedContexts, peak)
}
