package status

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Size limits of a bitstring status list.
const (
	// MinListEntries is the smallest list the specification allows: 16 KB
	// of bits, so that a list hides which of many credentials are revoked.
	MinListEntries = 131072
	// MaxListBytes is the largest decoded list this package reads or
	// builds: 4 MiB, 33,554,432 entries. A larger list is refused rather
	// than inflated into memory.
	MaxListBytes = 4 << 20
	// MaxEncodedListLength is the longest encodedList this package
	// decodes; GZIP cannot inflate MaxListBytes into more than this.
	MaxEncodedListLength = 8 << 20
)

// Errors of bitstring decoding and lookup. They wrap proof.ErrMalformed
// where the list itself is at fault.
var (
	// ErrListLength reports a list shorter than MinListEntries
	// (the specification's STATUS_LIST_LENGTH_ERROR) or longer than
	// MaxListBytes.
	ErrListLength = errors.New("status list length out of bounds")
	// ErrRange reports a position outside the list (RANGE_ERROR).
	ErrRange = errors.New("status list index out of range")
)

// multibaseBase64URL is the multibase prefix of base64url without padding.
const multibaseBase64URL = "u"

// Bitstring is a status list: one bit per credential, position 0 being the
// most significant bit of the first byte.
type Bitstring struct {
	bits []byte
}

// NewBitstring returns a list of all-zero bits with room for at least
// entries positions: never fewer than MinListEntries, rounded up to whole
// bytes.
func NewBitstring(entries int) (*Bitstring, error) {
	entries = max(entries, MinListEntries)
	n := (entries + 7) / 8
	if n > MaxListBytes {
		return nil, fmt.Errorf("new status list: %w: %d entries, more than %d", ErrListLength, entries, MaxListBytes*8)
	}
	return &Bitstring{bits: make([]byte, n)}, nil
}

// Len returns the number of positions.
func (b *Bitstring) Len() int { return len(b.bits) * 8 }

// Get reports whether the bit at position i is set.
func (b *Bitstring) Get(i int) (bool, error) {
	if i < 0 || i >= b.Len() {
		return false, fmt.Errorf("%w: %d of %d", ErrRange, i, b.Len())
	}
	return b.bits[i/8]&(0x80>>(i%8)) != 0, nil
}

// Set sets or clears the bit at position i.
func (b *Bitstring) Set(i int, v bool) error {
	if i < 0 || i >= b.Len() {
		return fmt.Errorf("%w: %d of %d", ErrRange, i, b.Len())
	}
	if v {
		b.bits[i/8] |= 0x80 >> (i % 8)
	} else {
		b.bits[i/8] &^= 0x80 >> (i % 8)
	}
	return nil
}

// Encode returns the list as an encodedList value: "u" and the base64url
// (no padding) of the GZIP-compressed bits. The output depends only on the
// bits.
func (b *Bitstring) Encode() (string, error) {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return "", fmt.Errorf("encode status list: %w", err)
	}
	if _, err := zw.Write(b.bits); err != nil {
		return "", fmt.Errorf("encode status list: %w", err)
	}
	if err := zw.Close(); err != nil {
		return "", fmt.Errorf("encode status list: %w", err)
	}
	return multibaseBase64URL + base64.RawURLEncoding.EncodeToString(buf.Bytes()), nil
}

// DecodeBitstring decodes an encodedList value. It refuses a value without
// the "u" multibase prefix, one longer than MaxEncodedListLength, one that
// inflates past MaxListBytes (reading stops there), and a list shorter than
// MinListEntries. Errors wrap proof.ErrMalformed.
func DecodeBitstring(encoded string) (*Bitstring, error) {
	if len(encoded) > MaxEncodedListLength {
		return nil, malformed("decode status list", "%w: encoded list of %d characters, more than %d", ErrListLength, len(encoded), MaxEncodedListLength)
	}
	data, ok := strings.CutPrefix(encoded, multibaseBase64URL)
	if !ok {
		return nil, malformed("decode status list", "encodedList must start with the multibase prefix %q (base64url)", multibaseBase64URL)
	}
	compressed, err := base64.RawURLEncoding.DecodeString(data)
	if err != nil {
		return nil, malformed("decode status list", "base64url: %w", err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(compressed))
	if err != nil {
		return nil, malformed("decode status list", "gzip: %w", err)
	}
	bits, err := io.ReadAll(io.LimitReader(zr, MaxListBytes+1))
	if err != nil {
		return nil, malformed("decode status list", "gzip: %w", err)
	}
	if len(bits) > MaxListBytes {
		return nil, malformed("decode status list", "%w: inflates to more than %d bytes", ErrListLength, MaxListBytes)
	}
	if len(bits)*8 < MinListEntries {
		return nil, malformed("decode status list", "%w: %d entries, fewer than %d", ErrListLength, len(bits)*8, MinListEntries)
	}
	return &Bitstring{bits: bits}, nil
}
