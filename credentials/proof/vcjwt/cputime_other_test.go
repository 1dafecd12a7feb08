//go:build !unix

package vcjwt_test

import "time"

func processCPUTime() time.Duration { return 0 }
