package jsonld

import (
	"os"
	"testing"

	"badged/internal/nonet"
)

// TestMain fails the package on any network request: json-gold's default
// document loader fetches through http.DefaultClient, and none of this
// package's code may ever do so.
func TestMain(m *testing.M) { os.Exit(nonet.Run(m)) }
