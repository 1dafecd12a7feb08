package verify_test

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestImports keeps public verification independent of the service: verify
// may use the credentials library, never issuer, storage or api, so that a
// third party's badge verifies without our database (shared/design/style.md
// 2.2).
func TestImports(t *testing.T) {
	t.Parallel()
	out, err := exec.Command("go", "list", "-deps", "badged/verify").CombinedOutput()
	require.NoError(t, err, "%s", out)
	for dep := range strings.Lines(string(out)) {
		dep = strings.TrimSpace(dep)
		if dep == "badged" || strings.HasPrefix(dep, "badged/") {
			require.True(t, dep == "badged/verify" || strings.HasPrefix(dep, "badged/credentials/"), "verify depends on %s", dep)
		}
		require.False(t, strings.HasPrefix(dep, "gorm.io/") || strings.HasPrefix(dep, "github.com/gin-gonic/"), "verify depends on %s", dep)
	}
}
