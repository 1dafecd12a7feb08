// Package timeout has a test that outlives the -timeout the fixture is
// recorded with.
package timeout

import (
	"testing"
	"time"
)

func TestQuick(t *testing.T) {}

func TestHangs(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) { time.Sleep(time.Minute) })
}
