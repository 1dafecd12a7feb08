package api_test

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestImports keeps the HTTP layer off the database: api and apitest may
// import issuer, but never storage or gorm (shared/design/style.md 2.2).
// Tests of package api_test may, to build a real service.
func TestImports(t *testing.T) {
	t.Parallel()
	out, err := exec.Command("go", "list", "-deps", "badged/api", "badged/api/apitest").CombinedOutput()
	require.NoError(t, err, "%s", out)
	for dep := range strings.Lines(string(out)) {
		dep = strings.TrimSpace(dep)
		require.False(t, dep == "badged/storage" || strings.HasPrefix(dep, "badged/storage/") || strings.HasPrefix(dep, "gorm.io/"),
			"api depends on %s", dep)
	}
}
