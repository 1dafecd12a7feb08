package schema_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"badged/credentials/proof"
	"badged/credentials/schema"
)

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return b
}

// member returns the JSON of the value at the given path of doc.
func member(t testing.TB, doc []byte, path ...string) []byte {
	t.Helper()
	var v any
	require.NoError(t, json.Unmarshal(doc, &v))
	for _, p := range path {
		v = v.(map[string]any)[p]
	}
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return b
}

// edit applies f to the decoded doc and returns the result.
func edit(t testing.TB, doc []byte, f func(m map[string]any)) []byte {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal(doc, &m))
	f(m)
	b, err := json.Marshal(m)
	require.NoError(t, err)
	return b
}

func TestValidateExamples(t *testing.T) {
	t.Parallel()
	complete := readTestdata(t, "validator-complete.json")
	tests := []struct {
		name string
		def  schema.Def
		doc  []byte
	}{
		{name: "ok/simple credential", def: schema.AchievementCredential, doc: readTestdata(t, "validator-simple.json")},
		{name: "ok/complete credential", def: schema.AchievementCredential, doc: complete},
		{name: "ok/endorsement credential", def: schema.EndorsementCredential, doc: readTestdata(t, "validator-endorsement-valid.json")},
		{name: "ok/achievement on its own", def: schema.Achievement, doc: member(t, complete, "credentialSubject", "achievement")},
		{name: "ok/issuer profile on its own", def: schema.Profile, doc: member(t, complete, "issuer")},
		{name: "ok/any $defs class", def: "Address", doc: member(t, complete, "issuer", "address")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			require.NoError(t, schema.Validate(tt.def, tt.doc))
		})
	}
}

func TestValidateViolations(t *testing.T) {
	t.Parallel()
	simple := readTestdata(t, "validator-simple.json")
	tests := []struct {
		name         string
		def          schema.Def
		doc          []byte
		wantPointers []string
	}{
		{
			name:         "error/a single proof object is the compacted form the schema refuses",
			def:          schema.AchievementCredential,
			doc:          readTestdata(t, "validator-bitstring-credential-status-revoked.json"),
			wantPointers: []string{"/proof"},
		},
		{
			name: "error/compacted type strings",
			def:  schema.AchievementCredential,
			doc: edit(t, simple, func(m map[string]any) {
				m["type"] = "OpenBadgeCredential"
				m["issuer"].(map[string]any)["type"] = "Profile"
			}),
			wantPointers: []string{"/issuer", "/issuer/type", "/type"},
		},
		{
			name: "error/every violation is listed with its pointer",
			def:  schema.AchievementCredential,
			doc: edit(t, simple, func(m map[string]any) {
				delete(m, "id")
				m["validFrom"] = "2010-01-01T00:00:00" // no time zone
				a := m["credentialSubject"].(map[string]any)["achievement"].(map[string]any)
				delete(a, "name")
				a["image"] = map[string]any{"id": "https://i", "type": "Image", "alt": "not allowed"}
				a["inLanguage"] = "en-us"
			}),
			wantPointers: []string{"", "/credentialSubject/achievement", "/credentialSubject/achievement/image", "/credentialSubject/achievement/inLanguage", "/validFrom"},
		},
		{
			name:         "error/wrong class",
			def:          schema.EndorsementCredential,
			doc:          simple,
			wantPointers: []string{"/credentialSubject/type/0", "/type/0", "/type/1"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := schema.Validate(tt.def, tt.doc)
			require.ErrorIs(t, err, proof.ErrMalformed)
			var se *schema.Error
			require.ErrorAs(t, err, &se)
			var pointers []string
			for _, v := range se.Violations {
				require.NotEmpty(t, v.Message)
				require.NotEmpty(t, v.Keyword)
				if len(pointers) == 0 || pointers[len(pointers)-1] != v.Pointer {
					pointers = append(pointers, v.Pointer)
				}
			}
			require.Equal(t, tt.wantPointers, pointers, "violations:\n%v", err)
		})
	}
}

func TestValidateErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		def     schema.Def
		doc     string
		wantErr error
	}{
		{name: "error/not JSON", def: schema.AchievementCredential, doc: `{"id":`, wantErr: proof.ErrMalformed},
		{name: "error/too large", def: schema.AchievementCredential, doc: `"` + strings.Repeat("a", schema.MaxDocumentBytes) + `"`, wantErr: proof.ErrMalformed},
		{name: "error/unknown definition", def: "Badge", doc: `{}`, wantErr: schema.ErrUnknownDef},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			require.ErrorIs(t, schema.Validate(tt.def, []byte(tt.doc)), tt.wantErr)
		})
	}
}

func TestValidateConcurrently(t *testing.T) {
	t.Parallel()
	good := readTestdata(t, "validator-complete.json")
	bad := readTestdata(t, "validator-bitstring-credential-status-revoked.json")
	var wg sync.WaitGroup
	errs := make([]error, 16)
	for i := range errs {
		wg.Go(func() {
			doc := good
			if i%2 == 1 {
				doc = bad
			}
			errs[i] = schema.Validate(schema.AchievementCredential, doc)
		})
	}
	wg.Wait()
	for i, err := range errs {
		if i%2 == 1 {
			require.Error(t, err)
		} else {
			require.NoError(t, err)
		}
	}
}

func TestErrorMessage(t *testing.T) {
	t.Parallel()
	err := schema.Validate(schema.Profile, []byte(`{"id":"https://p","type":"Profile","image":{"id":"https://i"}}`))
	require.EqualError(t, err, "document does not conform to the Open Badges 3.0 Profile schema:\n"+
		"  /image: missing property 'type'\n"+
		"  /type: got string, want array")
}
