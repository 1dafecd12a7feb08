// Package panicking has a test that panics while another runs in parallel.
package panicking

import (
	"testing"
	"time"
)

func TestFine(t *testing.T) {}

func TestSlow(t *testing.T) {
	t.Parallel()
	time.Sleep(time.Second)
}

func TestPanics(t *testing.T) {
	t.Parallel()
	t.Run("postgres", func(t *testing.T) {
		var m map[string]int
		m["boom"] = 1
	})
}
