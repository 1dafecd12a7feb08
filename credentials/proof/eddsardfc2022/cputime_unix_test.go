//go:build unix

package eddsardfc2022

import (
	"syscall"
	"time"
)

// processCPUTime is the CPU time this process has used on all its threads
// (garbage collection included). On a shared, busy machine CPU time per
// operation measures the cost per core, where wall-clock ns/op also counts
// the time spent waiting for a core.
func processCPUTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
