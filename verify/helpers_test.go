package verify_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"badged/credentials/proof"
	"badged/verify"
)

// now is after every example was issued and before validator-complete.json
// and the credentials issued here expire (2030).
var now = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func clock() time.Time { return now }

// Where the 1EdTech validator's examples say their documents live.
const (
	hostedAssertionURL = "https://example.org/beths-robotics-badge.json"
	bitstringListURL   = "https://raw.githubusercontent.com/1EdTech/digital-credentials-public-validator/refs/heads/main/inspector-vc/src/test/resources/ob30/bit-string-list/testlist"
	completeListURL    = "https://1edtech.edu/credentials/3732/revocations"
)

// published maps the URLs the examples name to the testdata files that
// stand for what their issuers publish there. The OB 2.0 files are the
// 1EdTech validator's own assets; the OB 3.0 issuer profiles and JWK Set
// are ours (testdata/README.md), listing the keys the examples are signed
// with, as a real issuer's published profile would.
var published = map[string]string{
	"https://example.org/robotics-badge.json":   "ob2/validator-assets-robotics-badge.json",
	"https://example.org/organization.json":     "ob2/validator-assets-organization.json",
	"http://example.org/key1.json":              "ob2/validator-assets-key1.json",
	"https://example.com/issuers/876543":        "issuers/example-com-issuers-876543.json",
	"https://1edtech.edu/issuers/565049":        "issuers/1edtech-edu-issuers-565049.json",
	"https://1edtech.edu/.well-known/jwks.json": "issuers/1edtech-edu-jwks.json",
	"https://state.gov/issuers/565049":          "issuers/state-gov-issuers-565049.json",
	completeListURL:                             "status/1edtech-credentials-3732-revocations.json",
	bitstringListURL:                            "ob3/validator-bitstring-status-list-credential.json",
}

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return data
}

// documents returns the published documents, with overrides: a URL mapped
// to nil is left out.
func documents(t testing.TB, overrides map[string][]byte) verify.Pinned {
	t.Helper()
	docs := verify.Pinned{}
	for u, file := range published {
		docs[u] = readTestdata(t, file)
	}
	for u, doc := range overrides {
		if doc == nil {
			delete(docs, u)
			continue
		}
		docs[u] = doc
	}
	return docs
}

func newVerifier(t testing.TB, docs verify.DocumentSource, opts ...verify.Option) *verify.Verifier {
	t.Helper()
	return verify.New(append([]verify.Option{verify.WithClock(clock), verify.WithDocuments(docs)}, opts...)...)
}

// want is what a verification must conclude.
type want struct {
	status    verify.Status
	format    verify.Format
	container verify.Container
	failed    []string // the checks that fail; nil means any when not valid
	note      string   // text a failed check's message must contain
}

func requireResult(t testing.TB, res *verify.Result, w want) {
	t.Helper()
	require.NotNil(t, res)
	dump := checksText(res.Checks)
	require.Equal(t, w.status, res.Status, dump)
	require.Equal(t, w.status == verify.StatusValid, res.Valid, dump)
	if w.format != "" {
		require.Equal(t, w.format, res.Format)
	}
	require.Equal(t, w.container, res.Container)
	require.NotEmpty(t, res.Checks)
	var failed []string
	for _, c := range res.Checks {
		if !c.Passed {
			failed = append(failed, c.Name)
		}
	}
	if w.status == verify.StatusValid {
		require.Empty(t, failed, dump)
	} else {
		require.NotEmpty(t, failed, "a badge that is not valid says which check failed")
	}
	if w.failed != nil {
		require.ElementsMatch(t, w.failed, failed, dump)
	}
	if w.note != "" {
		require.Contains(t, dump, w.note)
	}
}

func checksText(checks []proof.Check) string {
	var b strings.Builder
	for _, c := range checks {
		mark := "ok  "
		if !c.Passed {
			mark = "FAIL"
		}
		b.WriteString(mark + " " + c.Name + ": " + c.Message + "\n")
	}
	return b.String()
}

func mustVerify(t testing.TB, v *verify.Verifier, input []byte) *verify.Result {
	t.Helper()
	res, err := v.Verify(context.Background(), input)
	require.NoError(t, err)
	return res
}

// replaceJSON returns doc with the member at path (object keys) set to v.
func replaceJSON(t testing.TB, doc []byte, v any, path ...string) []byte {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal(doc, &m))
	cur := m
	for _, k := range path[:len(path)-1] {
		next, ok := cur[k].(map[string]any)
		require.True(t, ok, "no object at %s", k)
		cur = next
	}
	cur[path[len(path)-1]] = v
	out, err := json.Marshal(m)
	require.NoError(t, err)
	return out
}

// tamperJWTPayload replaces old by replacement in a compact JWS's payload,
// keeping its signature.
func tamperJWTPayload(t testing.TB, token []byte, old, replacement string) []byte {
	t.Helper()
	parts := strings.Split(strings.TrimSpace(string(token)), ".")
	require.Len(t, parts, 3)
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	require.NoError(t, err)
	require.Contains(t, string(payload), old)
	parts[1] = base64.RawURLEncoding.EncodeToString([]byte(strings.Replace(string(payload), old, replacement, 1)))
	return []byte(strings.Join(parts, "."))
}

// flipSignature changes one bit of a compact JWS's signature.
func flipSignature(t testing.TB, token []byte) []byte {
	t.Helper()
	parts := strings.Split(strings.TrimSpace(string(token)), ".")
	require.Len(t, parts, 3)
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	require.NoError(t, err)
	sig[len(sig)/2] ^= 0x01
	parts[2] = base64.RawURLEncoding.EncodeToString(sig)
	return []byte(strings.Join(parts, "."))
}
