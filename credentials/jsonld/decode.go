package jsonld

import (
	"errors"
	"fmt"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

	"badged/credentials/proof"
)

// MaxDocumentSize is the largest JSON document, in bytes, that Decode (and
// so Canonicalize and the proof suites) accepts. Canonicalization costs grow
// faster than the document, so this bounds the work one request can cause.
const MaxDocumentSize = 1 << 20

// MaxNestingDepth is the deepest nesting of objects and arrays Decode
// accepts. Credentials nest a dozen levels; JSON-LD processing recurses once
// per level.
const MaxNestingDepth = 128

// Decode parses a JSON document for canonicalization into the values
// encoding/json produces for an `any` (map[string]any, []any, string,
// float64, bool, nil), with stricter rules:
//
//   - at most MaxDocumentSize bytes and MaxNestingDepth levels;
//   - valid UTF-8, which encoding/json would silently replace with U+FFFD,
//     so that the replacement, not the bytes stored and shown, got signed;
//   - no member name twice in one object. encoding/json keeps the last of
//     duplicates and other parsers keep the first, so a credential with
//     duplicates could show one value while a signature covers another.
//
// It is also faster than encoding/json, which matters on the signing path.
func Decode(doc []byte) (any, error) {
	if len(doc) > MaxDocumentSize {
		return nil, fmt.Errorf("%w: document is %d bytes, more than %d", proof.ErrMalformed, len(doc), MaxDocumentSize)
	}
	if !utf8.Valid(doc) {
		return nil, fmt.Errorf("%w: document is not valid UTF-8", proof.ErrMalformed)
	}
	d := decoder{data: doc}
	d.skipSpace()
	v, err := d.value(0)
	if err == nil {
		d.skipSpace()
		if d.pos < len(d.data) {
			err = d.errorf("data after the JSON value")
		}
	}
	if err != nil {
		return nil, fmt.Errorf("%w: document is not JSON: %w", proof.ErrMalformed, err)
	}
	return v, nil
}

type decoder struct {
	data []byte
	pos  int
}

func (d *decoder) errorf(format string, args ...any) error {
	return fmt.Errorf("offset %d: "+format, append([]any{d.pos}, args...)...)
}

func (d *decoder) skipSpace() {
	for d.pos < len(d.data) {
		switch d.data[d.pos] {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return
		}
	}
}

var errEnd = errors.New("unexpected end of input")

func (d *decoder) value(depth int) (any, error) {
	if d.pos >= len(d.data) {
		return nil, errEnd
	}
	switch c := d.data[d.pos]; {
	case c == '{':
		return d.object(depth + 1)
	case c == '[':
		return d.array(depth + 1)
	case c == '"':
		return d.string()
	case c == '-' || c >= '0' && c <= '9':
		return d.number()
	case c == 't':
		return true, d.literal("true")
	case c == 'f':
		return false, d.literal("false")
	case c == 'n':
		return nil, d.literal("null")
	default:
		return nil, d.errorf("invalid character %q", c)
	}
}

func (d *decoder) literal(word string) error {
	if len(d.data)-d.pos < len(word) || string(d.data[d.pos:d.pos+len(word)]) != word {
		return d.errorf("invalid literal, want %s", word)
	}
	d.pos += len(word)
	return nil
}

func (d *decoder) object(depth int) (any, error) {
	if depth > MaxNestingDepth {
		return nil, d.errorf("nested more than %d levels", MaxNestingDepth)
	}
	d.pos++ // {
	obj := make(map[string]any)
	d.skipSpace()
	if d.pos < len(d.data) && d.data[d.pos] == '}' {
		d.pos++
		return obj, nil
	}
	for {
		if d.pos >= len(d.data) {
			return nil, errEnd
		}
		if d.data[d.pos] != '"' {
			return nil, d.errorf("object member name is not a string")
		}
		at := d.pos
		name, err := d.string()
		if err != nil {
			return nil, err
		}
		if _, dup := obj[name]; dup {
			d.pos = at
			return nil, d.errorf("member %q appears twice in one object", name)
		}
		d.skipSpace()
		if d.pos >= len(d.data) || d.data[d.pos] != ':' {
			return nil, d.errorf("missing ':' after member name")
		}
		d.pos++
		d.skipSpace()
		v, err := d.value(depth)
		if err != nil {
			return nil, err
		}
		obj[name] = v
		d.skipSpace()
		if d.pos >= len(d.data) {
			return nil, errEnd
		}
		switch d.data[d.pos] {
		case ',':
			d.pos++
			d.skipSpace()
		case '}':
			d.pos++
			return obj, nil
		default:
			return nil, d.errorf("want ',' or '}' after object member")
		}
	}
}

func (d *decoder) array(depth int) (any, error) {
	if depth > MaxNestingDepth {
		return nil, d.errorf("nested more than %d levels", MaxNestingDepth)
	}
	d.pos++ // [
	arr := make([]any, 0, 4)
	d.skipSpace()
	if d.pos < len(d.data) && d.data[d.pos] == ']' {
		d.pos++
		return arr, nil
	}
	for {
		v, err := d.value(depth)
		if err != nil {
			return nil, err
		}
		arr = append(arr, v)
		d.skipSpace()
		if d.pos >= len(d.data) {
			return nil, errEnd
		}
		switch d.data[d.pos] {
		case ',':
			d.pos++
			d.skipSpace()
		case ']':
			d.pos++
			return arr, nil
		default:
			return nil, d.errorf("want ',' or ']' after array element")
		}
	}
}

// string reads a JSON string at d.pos (which is '"'), decoding escapes as
// encoding/json does: a lone or mismatched UTF-16 surrogate becomes U+FFFD.
func (d *decoder) string() (string, error) {
	d.pos++ // "
	start := d.pos
	for d.pos < len(d.data) {
		c := d.data[d.pos]
		switch {
		case c == '"':
			s := string(d.data[start:d.pos])
			d.pos++
			return s, nil
		case c == '\\':
			return d.escapedString(start)
		case c < 0x20:
			return "", d.errorf("control character %#x in string", c)
		}
		d.pos++
	}
	return "", errEnd
}

func (d *decoder) escapedString(start int) (string, error) {
	buf := make([]byte, 0, d.pos-start+16)
	buf = append(buf, d.data[start:d.pos]...)
	for d.pos < len(d.data) {
		c := d.data[d.pos]
		switch {
		case c == '"':
			d.pos++
			return string(buf), nil
		case c < 0x20:
			return "", d.errorf("control character %#x in string", c)
		case c != '\\':
			buf = append(buf, c)
			d.pos++
			continue
		}
		if d.pos+1 >= len(d.data) {
			return "", errEnd
		}
		e := d.data[d.pos+1]
		d.pos += 2
		switch e {
		case '"', '\\', '/':
			buf = append(buf, e)
		case 'b':
			buf = append(buf, '\b')
		case 'f':
			buf = append(buf, '\f')
		case 'n':
			buf = append(buf, '\n')
		case 'r':
			buf = append(buf, '\r')
		case 't':
			buf = append(buf, '\t')
		case 'u':
			r, ok := d.hex4()
			if !ok {
				return "", d.errorf(`invalid \u escape`)
			}
			if utf16.IsSurrogate(r) {
				// A pair if a low surrogate follows; otherwise U+FFFD.
				r2 := utf8.RuneError
				if d.pos+1 < len(d.data) && d.data[d.pos] == '\\' && d.data[d.pos+1] == 'u' {
					save := d.pos
					d.pos += 2
					if lo, ok := d.hex4(); ok {
						if dec := utf16.DecodeRune(r, lo); dec != utf8.RuneError {
							r2 = dec
						} else {
							d.pos = save // not a pair: the second escape stands alone
						}
					} else {
						return "", d.errorf(`invalid \u escape`)
					}
				}
				r = r2
			}
			buf = utf8.AppendRune(buf, r)
		default:
			return "", d.errorf("invalid escape \\%c", e)
		}
	}
	return "", errEnd
}

func (d *decoder) hex4() (rune, bool) {
	if len(d.data)-d.pos < 4 {
		return 0, false
	}
	var r rune
	for _, c := range d.data[d.pos : d.pos+4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	d.pos += 4
	return r, true
}

// number reads a JSON number as a float64, refusing one out of its range
// as encoding/json does.
func (d *decoder) number() (any, error) {
	start := d.pos
	if d.data[d.pos] == '-' {
		d.pos++
	}
	digits := func() int {
		n := 0
		for d.pos < len(d.data) && d.data[d.pos] >= '0' && d.data[d.pos] <= '9' {
			d.pos++
			n++
		}
		return n
	}
	switch {
	case d.pos < len(d.data) && d.data[d.pos] == '0':
		d.pos++
	case digits() == 0:
		return nil, d.errorf("invalid number")
	}
	if d.pos < len(d.data) && d.data[d.pos] == '.' {
		d.pos++
		if digits() == 0 {
			return nil, d.errorf("invalid number: no digits after '.'")
		}
	}
	if d.pos < len(d.data) && (d.data[d.pos] == 'e' || d.data[d.pos] == 'E') {
		d.pos++
		if d.pos < len(d.data) && (d.data[d.pos] == '+' || d.data[d.pos] == '-') {
			d.pos++
		}
		if digits() == 0 {
			return nil, d.errorf("invalid number: no digits in exponent")
		}
	}
	f, err := strconv.ParseFloat(string(d.data[start:d.pos]), 64)
	if err != nil {
		return nil, fmt.Errorf("offset %d: number %s: %w", start, d.data[start:d.pos], err)
	}
	return f, nil
}
