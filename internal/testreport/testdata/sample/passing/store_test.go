// Package passing has a storage-like suite on both databases that passes,
// with one case skipped on SQLite.
package passing

import "testing"

func TestStore(t *testing.T) {
	for _, db := range []string{"sqlite", "postgres"} {
		t.Run(db, func(t *testing.T) {
			t.Run("create", func(t *testing.T) {})
			t.Run("get", func(t *testing.T) {})
			t.Run("lock", func(t *testing.T) {
				if db == "sqlite" {
					t.Skip("SQLite has no row locks")
				}
			})
		})
	}
}

func TestWorkflow(t *testing.T) {
	t.Parallel()
	t.Run("postgres", func(t *testing.T) {
		t.Parallel()
		t.Run("issue then approve", func(t *testing.T) {})
	})
	t.Run("sqlite", func(t *testing.T) {
		t.Parallel()
		t.Run("issue then approve", func(t *testing.T) {})
	})
}

func TestParse(t *testing.T) {
	t.Run("ok", func(t *testing.T) {})
	t.Run("error/empty", func(t *testing.T) {})
}

func TestPlain(t *testing.T) {}

func TestSkipped(t *testing.T) { t.Skip("needs a later milestone") }
