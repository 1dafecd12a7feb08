package eddsardfc2022

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"badged/credentials/proof"
)

// The examples the reference README marks "signature valid".
var validExamples = []string{
	"validator-simple.json",
	"validator-simple-did-web-method.json",
	"validator-complete.json",
	"validator-endorsement-valid.json",
	"validator-bitstring-credential-status-revoked.json",
	"validator-bitstring-status-list-credential.json",
}

func TestValidExamplesVerify(t *testing.T) {
	t.Parallel()
	suite := NewSuite(loader)
	for _, name := range validExamples {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			res, err := suite.Verify(context.Background(), readFile(t, "examples", name), nil)
			require.NoError(t, err)
			require.True(t, res.Valid(), res.Failures())
			names := make([]string, len(res.Checks))
			for i, c := range res.Checks {
				names[i] = c.Name
			}
			require.Equal(t, []string{proof.CheckFormat, proof.CheckContext, proof.CheckAlgorithm, proof.CheckKey, proof.CheckSignature}, names)
		})
	}
}

func TestLegacyExamplesAreUnsupported(t *testing.T) {
	t.Parallel()
	suite := NewSuite(loader)
	for name, want := range map[string]string{
		"validator-simple-eddsa-2022.json":         "unsupported: cryptosuite eddsa-2022 is the legacy draft",
		"validator-credential-status-revoked.json": "unsupported: Ed25519Signature2020 is a legacy proof type",
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			res, err := suite.Verify(context.Background(), readFile(t, "examples", name), nil)
			require.NoError(t, err)
			require.False(t, res.Valid())
			c, ok := res.Check(proof.CheckAlgorithm)
			require.True(t, ok)
			require.False(t, c.Passed)
			require.Contains(t, c.Message, want)
			c, _ = res.Check(proof.CheckSignature)
			require.False(t, c.Passed)
		})
	}
}

// TestTamperedExamplesFail changes one leaf value of a signed credential at
// a time (every string, number and boolean of every example, proof included:
// 383 copies of validator-complete.json alone) and requires each copy to
// fail verification. Because undefined terms are refused, no value can
// change without changing what was signed.
func TestTamperedExamplesFail(t *testing.T) {
	t.Parallel()
	suite := NewSuite(loader)
	for _, name := range append(validExamples, "../achievement-credential.signed.json") {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var raw []byte
			if strings.HasPrefix(name, "..") {
				raw = signFixture(t, suite)
			} else {
				raw = readFile(t, "examples", name)
			}
			var doc any
			require.NoError(t, json.Unmarshal(raw, &doc))
			paths := leafPaths(doc, "")
			stride := 1 + len(paths)/maxTamperedCopies // all leaves, unless there are very many
			tested := 0
			for i := 0; i < len(paths); i += stride {
				tampered := mutate(t, doc, paths[i])
				res, err := suite.Verify(context.Background(), tampered, nil)
				require.NoError(t, err, paths[i])
				require.False(t, res.Valid(), "changing %s did not break verification", paths[i])
				tested++
			}
			require.Greater(t, tested, 10)
		})
	}
}

// maxTamperedCopies bounds the copies verified per example, for test time;
// a larger example would be sampled at a regular stride.
const maxTamperedCopies = 400

func TestTamperedStructureFails(t *testing.T) {
	t.Parallel()
	suite := NewSuite(loader)
	raw := readFile(t, "examples", "validator-simple.json")
	tests := map[string]func(doc map[string]any){
		"error/subject removed":        func(doc map[string]any) { delete(doc, "credentialSubject") },
		"error/achievement removed":    func(doc map[string]any) { delete(doc["credentialSubject"].(map[string]any), "achievement") },
		"error/defined property added": func(doc map[string]any) { doc["description"] = "Added after signing." },
		"error/undefined property added": func(doc map[string]any) {
			doc["credentialSubject"].(map[string]any)["grade"] = "A"
		},
		"error/type added":         func(doc map[string]any) { doc["type"] = append(doc["type"].([]any), "EndorsementCredential") },
		"error/proof list emptied": func(doc map[string]any) { doc["proof"] = []any{} },
		"error/proof removed":      func(doc map[string]any) { delete(doc, "proof") },
	}
	for name, edit := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var doc map[string]any
			require.NoError(t, json.Unmarshal(raw, &doc))
			edit(doc)
			b, err := json.Marshal(doc)
			require.NoError(t, err)
			res, err := suite.Verify(context.Background(), b, nil)
			require.NoError(t, err)
			require.False(t, res.Valid())
		})
	}
}

// TestLayoutDoesNotMatter: whitespace, member order and the order of an
// unordered array (type) are not signed, so changing them keeps the proof.
func TestLayoutDoesNotMatter(t *testing.T) {
	t.Parallel()
	var doc map[string]any
	require.NoError(t, json.Unmarshal(readFile(t, "examples", "validator-simple.json"), &doc))
	doc["type"] = []any{"OpenBadgeCredential", "VerifiableCredential"}
	b, err := json.MarshalIndent(doc, "", "\t") // sorted keys, other indentation
	require.NoError(t, err)
	res, err := NewSuite(loader).Verify(context.Background(), b, nil)
	require.NoError(t, err)
	require.True(t, res.Valid(), res.Failures())
}

// leafPaths lists the JSON Pointer-like paths of every string, number and
// boolean in v, in a stable order.
func leafPaths(v any, path string) []string {
	switch v := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var out []string
		for _, k := range keys {
			out = append(out, leafPaths(v[k], path+"/"+k)...)
		}
		return out
	case []any:
		var out []string
		for i, item := range v {
			out = append(out, leafPaths(item, fmt.Sprintf("%s/%d", path, i))...)
		}
		return out
	case nil:
		return nil
	default:
		return []string{path}
	}
}

// mutate returns a JSON copy of doc with the leaf at path changed.
func mutate(t *testing.T, doc any, path string) []byte {
	t.Helper()
	b, err := json.Marshal(doc)
	require.NoError(t, err)
	var cp any
	require.NoError(t, json.Unmarshal(b, &cp))
	parts := strings.Split(path, "/")[1:]
	var parent any = cp
	for _, p := range parts[:len(parts)-1] {
		parent = child(t, parent, p)
	}
	last := parts[len(parts)-1]
	set := func(v any) {
		switch p := parent.(type) {
		case map[string]any:
			p[last] = v
		case []any:
			var i int
			fmt.Sscan(last, &i)
			p[i] = v
		}
	}
	switch v := child(t, parent, last).(type) {
	case string:
		set(changeString(v))
	case float64:
		set(v + 1)
	case bool:
		set(!v)
	default:
		t.Fatalf("%s: unexpected %T", path, v)
	}
	out, err := json.Marshal(cp)
	require.NoError(t, err)
	return out
}

func child(t *testing.T, v any, key string) any {
	switch v := v.(type) {
	case map[string]any:
		return v[key]
	case []any:
		var i int
		_, err := fmt.Sscan(key, &i)
		require.NoError(t, err)
		return v[i]
	}
	t.Fatalf("no child %s in %T", key, v)
	return nil
}

// changeString changes one character, keeping the string's shape (a date
// stays a date, a URL a URL) so that the signature, not a parser, catches it.
func changeString(s string) string {
	if s == "" {
		return "x"
	}
	r := []rune(s)
	i := len(r) - 1
	switch c := r[i]; {
	case c >= '0' && c <= '8', c >= 'a' && c <= 'y', c >= 'A' && c <= 'Y':
		r[i] = c + 1
	case c == '9':
		r[i] = '0'
	case c == 'z':
		r[i] = 'y'
	case c == 'Z' && len(r) > 1: // a date: change the second before the zone
		return changeString(string(r[:i])) + "Z"
	default:
		r = append(r, 'x')
	}
	return string(r)
}
