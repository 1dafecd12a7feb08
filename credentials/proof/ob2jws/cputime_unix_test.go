//go:build unix

package ob2jws_test

import (
	"syscall"
	"time"
)

// processCPUTime is the CPU time this process has used, on every thread. On
// a busy machine, CPU time per operation measures cost per core where
// wall-clock ns/op would also count time spent waiting for a core.
func processCPUTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
