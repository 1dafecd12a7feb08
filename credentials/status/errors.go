package status

import (
	"fmt"

	"badged/credentials/proof"
)

// malformed returns an error of operation op that wraps proof.ErrMalformed
// and any %w operands of format.
func malformed(op, format string, args ...any) error {
	return fmt.Errorf("%s: %w: %w", op, proof.ErrMalformed, fmt.Errorf(format, args...))
}
