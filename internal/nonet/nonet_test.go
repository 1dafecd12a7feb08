package nonet

import (
	"net/http"
	"os"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestMain(m *testing.M) { os.Exit(Run(m)) }

// TestRefusesAndCounts makes one request on purpose; it then resets the
// count so that Run does not fail this package for it.
func TestRefusesAndCounts(t *testing.T) {
	before := Attempts()
	_, err := http.Get("http://example.invalid/context.jsonld")
	require.ErrorContains(t, err, "network access attempted: http://example.invalid/context.jsonld")
	require.Equal(t, before+1, Attempts())
	attempts.Add(-1)
}
