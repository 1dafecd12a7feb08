package eddsardfc2022

import (
	"os"
	"testing"

	"badged/internal/nonet"
)

// TestMain fails the package on any network request: signing and
// verifying, including documents that name contexts the loader does not
// serve, must never touch the network.
func TestMain(m *testing.M) { os.Exit(nonet.Run(m)) }
