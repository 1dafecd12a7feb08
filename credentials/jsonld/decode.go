package jsonld

import (
	"encoding/json"
	"fmt"
	"unicode/utf8"

	"badged/credentials/proof"
)

// MaxDocumentSize is the largest JSON document, in bytes, that Decode (and
// so Canonicalize and the proof suites) accepts. Canonicalization costs grow
// faster than the document, so this bounds the work one request can cause.
const MaxDocumentSize = 1 << 20

// Decode parses a JSON document for canonicalization: at most
// MaxDocumentSize bytes, valid UTF-8, exactly one JSON value. Numbers become
// float64, as in every JSON-LD processor.
//
// Invalid UTF-8 is refused rather than replaced with U+FFFD as encoding/json
// does, because the replacement would be signed while the original bytes
// are what gets stored and shown.
func Decode(doc []byte) (any, error) {
	if len(doc) > MaxDocumentSize {
		return nil, fmt.Errorf("%w: document is %d bytes, more than %d", proof.ErrMalformed, len(doc), MaxDocumentSize)
	}
	if !utf8.Valid(doc) {
		return nil, fmt.Errorf("%w: document is not valid UTF-8", proof.ErrMalformed)
	}
	var v any
	if err := json.Unmarshal(doc, &v); err != nil {
		return nil, fmt.Errorf("%w: document is not JSON: %w", proof.ErrMalformed, err)
	}
	return v, nil
}
