package verify_test

import (
	"context"
	"encoding/json"
	"io/fs"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"badged/credentials/proof"
	"badged/verify"
)

// FuzzVerify holds Verify to its contract on any input: no panic; either an
// error that says the input is malformed, or a Result whose verdict agrees
// with its checks and that marshals. Plain go test runs only the seeds:
// every file under testdata.
func FuzzVerify(f *testing.F) {
	require.NoError(f, filepath.WalkDir("testdata", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Base(filepath.Dir(path)) == "golden" {
			return err
		}
		f.Add(readTestdata(f, filepath.ToSlash(path[len("testdata/"):])))
		return nil
	}))
	for _, seed := range []string{"", "{}", "null", "[]", "a.b.c", "https://example.org/beths-robotics-badge.json", "<svg/>"} {
		f.Add([]byte(seed))
	}
	v := newVerifier(f, documents(f, map[string][]byte{hostedAssertionURL: readTestdata(f, "ob2/validator-basic-assertion.json")}))
	statuses := []verify.Status{verify.StatusValid, verify.StatusInvalid, verify.StatusRevoked, verify.StatusExpired, verify.StatusUnsupported}

	f.Fuzz(func(t *testing.T, input []byte) {
		res, err := v.Verify(context.Background(), input)
		if err != nil {
			require.ErrorIs(t, err, proof.ErrMalformed)
			require.Nil(t, res)
			return
		}
		require.NotNil(t, res)
		require.Contains(t, statuses, res.Status)
		require.NotEmpty(t, res.Format)
		require.NotEmpty(t, res.Checks)
		require.Equal(t, res.Status == verify.StatusValid, res.Valid)
		if res.Valid {
			require.False(t, slices.ContainsFunc(res.Checks, func(c proof.Check) bool { return !c.Passed }))
		}
		_, err = json.Marshal(res)
		require.NoError(t, err)
	})
}
