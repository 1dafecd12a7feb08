package jsonld

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"path"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestEmbeddedContextsUnchanged catches an accidental edit of an embedded
// context, which would silently change every signature over it.
func TestEmbeddedContextsUnchanged(t *testing.T) {
	t.Parallel()
	for _, c := range embeddedContexts {
		t.Run(c.File, func(t *testing.T) {
			t.Parallel()
			raw, err := contextFS.ReadFile(path.Join("contexts", c.File))
			require.NoError(t, err)
			sum := sha256.Sum256(raw)
			require.Equal(t, c.SHA256, hex.EncodeToString(sum[:]))
		})
	}
}

// TestEveryEmbeddedFileIsServed keeps the table and the directory in step:
// no file is embedded without a URL, and no URL points at a missing file.
func TestEveryEmbeddedFileIsServed(t *testing.T) {
	t.Parallel()
	entries, err := fs.ReadDir(contextFS, "contexts")
	require.NoError(t, err)
	var files []string
	for _, e := range entries {
		files = append(files, e.Name())
	}
	var table []string
	urls := make(map[string]bool)
	for _, c := range embeddedContexts {
		table = append(table, c.File)
		require.False(t, urls[c.URL], "URL %s listed twice", c.URL)
		urls[c.URL] = true
	}
	require.ElementsMatch(t, files, table)
}

func TestEmbeddedContextsParse(t *testing.T) {
	t.Parallel()
	docs, err := embeddedDocuments()
	require.NoError(t, err)
	require.Len(t, docs, len(embeddedContexts))
	require.NoError(t, NewLoader().Err())
}
