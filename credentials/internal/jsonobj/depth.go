package jsonobj

import (
	"errors"
	"fmt"
)

// ErrTooDeep reports JSON nested deeper than a parser allows.
var ErrTooDeep = errors.New("JSON nested too deeply")

// CheckDepth returns ErrTooDeep if data nests arrays and objects more than
// max levels deep. It only scans bytes, in linear time, so it can run before
// decoders whose cost grows with the nesting (each object type here decodes
// its members afresh).
func CheckDepth(data []byte, max int) error {
	depth := 0
	inString, escaped := false, false
	for _, c := range data {
		if inString {
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
			continue
		}
		switch c {
		case '"':
			inString = true
		case '{', '[':
			depth++
			if depth > max {
				return fmt.Errorf("%w: more than %d levels", ErrTooDeep, max)
			}
		case '}', ']':
			depth--
		}
	}
	return nil
}
