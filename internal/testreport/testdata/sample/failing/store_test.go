// Package failing fails one case on PostgreSQL and one top-level test on
// its own after its subtests passed.
package failing

import "testing"

func TestStore(t *testing.T) {
	for _, db := range []string{"sqlite", "postgres"} {
		t.Run(db, func(t *testing.T) {
			t.Run("create", func(t *testing.T) {})
			t.Run("get", func(t *testing.T) {
				t.Log("fetching award 1")
				if db == "postgres" {
					t.Errorf("want award 1, got award 2")
				}
			})
		})
	}
}

func TestAfterSubtests(t *testing.T) {
	t.Run("part", func(t *testing.T) {})
	t.Fatal("the whole is wrong though every part passed")
}

func TestPlain(t *testing.T) {}
