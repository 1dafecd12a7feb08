package jsonobj

import "fmt"

// DecodeOneOrMany reads a single value or an array into items. A null,
// alone or in the array, is no value: JSON-LD drops it, and so does this.
func DecodeOneOrMany[T any](b []byte, items *[]T) error {
	switch Kind(b) {
	case "null":
		*items = nil
		return nil
	case "an array":
		elems, err := Elements(b)
		if err != nil {
			return err
		}
		out := make([]T, 0, len(elems))
		for i, e := range elems {
			if Kind(e) == "null" {
				continue
			}
			var item T
			if err := DecodeValue(e, &item); err != nil {
				return fmt.Errorf("[%d]: %w", i, err)
			}
			out = append(out, item)
		}
		*items = out
		return nil
	default:
		var one T
		if err := DecodeValue(b, &one); err != nil {
			return err
		}
		*items = []T{one}
		return nil
	}
}
