package jsonld

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"testing"

	"github.com/piprate/json-gold/ld"
	"github.com/stretchr/testify/require"
)

// TestRDFC10Conformance runs the W3C RDFC-1.0 test suite (testdata/rdfc10)
// through the canonicalization step that Canonicalize uses.
func TestRDFC10Conformance(t *testing.T) {
	t.Parallel()
	f, err := os.Open(filepath.Join("testdata", "rdfc10", "manifest.csv"))
	require.NoError(t, err)
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	require.Greater(t, len(rows), 60)

	loader := NewLoader()
	for _, row := range rows[1:] {
		id, name, kind := row[0], row[1], row[2]
		require.Empty(t, row[3], "%s: only SHA-256 tests are copied", id)
		t.Run(id+" "+name, func(t *testing.T) {
			t.Parallel()
			in, err := os.ReadFile(filepath.Join("testdata", "rdfc10", id+"-in.nq"))
			require.NoError(t, err)
			ds, err := ld.ParseNQuads(string(in))
			require.NoError(t, err)
			got, err := normalize(ds, loader.options())
			if kind == "negative" {
				require.ErrorIs(t, err, ErrTooComplex)
				return
			}
			require.NoError(t, err)
			want, err := os.ReadFile(filepath.Join("testdata", "rdfc10", id+"-rdfc10.nq"))
			require.NoError(t, err)
			require.Equal(t, string(want), string(got))
		})
	}
}
