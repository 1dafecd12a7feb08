package ob2_test

import (
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"badged/credentials/ob2"
)

// FuzzParseOB2 checks the parsers' contract on any input: no panic, and
// whatever a parser accepts marshals, re-parses to an equal value, and
// marshals again to the same bytes.
func FuzzParseOB2(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.json"))
	require.NoError(f, err)
	for _, file := range files {
		b, err := os.ReadFile(file)
		require.NoError(f, err)
		f.Add(b)
	}
	jwt, err := os.ReadFile(filepath.Join("testdata", "validator-simple.jwt"))
	require.NoError(f, err)
	payload, err := base64.RawURLEncoding.DecodeString(strings.Split(string(jwt), ".")[1])
	require.NoError(f, err)
	f.Add(payload)

	f.Fuzz(func(t *testing.T, b []byte) {
		checkStable(t, b, ob2.ParseAssertion)
		checkStable(t, b, ob2.ParseBadgeClass)
		checkStable(t, b, ob2.ParseProfile)
		checkStable(t, b, ob2.ParseEndorsement)
		checkStable(t, b, ob2.ParseCryptographicKey)
		checkStable(t, b, ob2.ParseRevocationList)
	})
}

func checkStable[T any](t *testing.T, b []byte, parse func([]byte) (*T, error)) {
	v, err := parse(b)
	if err != nil {
		return
	}
	out, err := json.Marshal(v)
	require.NoError(t, err, "an accepted document must marshal")
	again, err := parse(out)
	require.NoError(t, err, "the marshalled document must parse: %s", out)
	require.Equal(t, v, again)
	out2, err := json.Marshal(again)
	require.NoError(t, err)
	require.Equal(t, string(out), string(out2))
}
