package ob3_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"badged/credentials/ob3"
)

// FuzzParseOB3 checks the parsers' contract on any input: no panic, and
// whatever a parser accepts marshals, re-parses to an equal value, and
// marshals again to the same bytes.
func FuzzParseOB3(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.json"))
	require.NoError(f, err)
	for _, file := range files {
		b, err := os.ReadFile(file)
		require.NoError(f, err)
		f.Add(b)
	}
	for _, c := range []ob3.AchievementCredential{microCredential(), stackedParent(), endorsedMicroCredential()} {
		b, err := json.Marshal(c)
		require.NoError(f, err)
		f.Add(b)
	}

	f.Fuzz(func(t *testing.T, b []byte) {
		checkStable(t, b, ob3.ParseCredential)
		checkStable(t, b, ob3.ParseEndorsementCredential)
		checkStable(t, b, ob3.ParseProfile)
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
