package vcjwt

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
)

// The signer reads a handful of members from credentials of a few
// kilobytes. Decoding them with encoding/json scanned every byte four times
// or more and was most of the cost of an ES256 or EdDSA signature; json.Valid
// alone was a fifth of it. So credentials and payloads are read here in one
// validating pass that accepts exactly what json.Valid accepts (a fuzz test
// holds it to that) and collects an object's top-level members.

// maxDepth bounds nesting as encoding/json does (same limit), so hostile input cannot
// exhaust the stack.
const maxDepth = 10000

var errSyntax = errors.New("invalid JSON")

// objectMembers validates a JSON document that must be an object and returns
// its members, with decoded names and raw values. A name given twice is an
// error: parsers disagree on which value wins, so what was signed would be
// ambiguous.
func objectMembers(doc []byte) (map[string]json.RawMessage, error) {
	s := scanner{b: doc}
	s.space()
	if s.i >= len(s.b) || s.b[s.i] != '{' {
		return nil, fmt.Errorf("not a JSON object")
	}
	byName := make(map[string]json.RawMessage, 16)
	var dup *string
	err := s.object(func(name, value []byte) {
		key, err := unquote(name)
		if err != nil {
			key = string(name) // cannot happen: the scanner validated the literal
		}
		if _, ok := byName[key]; ok && dup == nil {
			dup = &key
		}
		byName[key] = value[:len(value):len(value)]
	})
	if err == nil {
		s.space()
		if s.i != len(s.b) {
			err = errSyntax
		}
	}
	if err != nil {
		return nil, fmt.Errorf("%w at byte %d", err, s.i)
	}
	if dup != nil {
		return nil, fmt.Errorf("member %q appears twice", *dup)
	}
	return byName, nil
}

// rawMember is one member of a JSON object: its name (decoded only if it
// has escapes, so usually a slice of the document) and raw value.
type rawMember struct {
	name  []byte
	value json.RawMessage
}

// members validates a JSON document that must be an object and lists its
// members in order, refusing a name given twice. It is objectMembers without
// the map and the name strings, for the signer's hot path.
func members(doc []byte, buf []rawMember) ([]rawMember, error) {
	s := scanner{b: doc}
	s.space()
	if s.i >= len(s.b) || s.b[s.i] != '{' {
		return nil, fmt.Errorf("not a JSON object")
	}
	list := buf[:0]
	err := s.object(func(lit, value []byte) {
		name := lit[1 : len(lit)-1]
		if bytes.IndexByte(name, '\\') >= 0 {
			if key, err := unquote(lit); err == nil {
				name = []byte(key)
			}
		}
		list = append(list, rawMember{name: name, value: value[:len(value):len(value)]})
	})
	if err == nil {
		s.space()
		if s.i != len(s.b) {
			err = errSyntax
		}
	}
	if err != nil {
		return nil, fmt.Errorf("%w at byte %d", err, s.i)
	}
	for i := range list {
		for j := range i {
			if bytes.Equal(list[i].name, list[j].name) {
				return nil, fmt.Errorf("member %q appears twice", list[i].name)
			}
		}
	}
	return list, nil
}

// member returns the raw value of the named member of a JSON object that
// came out of objectMembers (so is valid), or nil. It builds no map: the
// signer reads one member each of issuer and credentialSubject.
func member(obj []byte, name string) (json.RawMessage, error) {
	s := scanner{b: obj}
	s.space()
	if s.i >= len(s.b) || s.b[s.i] != '{' {
		return nil, fmt.Errorf("not a JSON object")
	}
	var found json.RawMessage
	count := 0
	err := s.object(func(lit, value []byte) {
		if len(lit) == len(name)+2 && string(lit[1:len(lit)-1]) == name {
			found = value
			count++
		} else if bytes.IndexByte(lit, '\\') >= 0 {
			if key, err := unquote(lit); err == nil && key == name {
				found = value
				count++
			}
		}
	})
	if err != nil {
		return nil, err
	}
	if count > 1 {
		return nil, fmt.Errorf("member %q appears twice", name)
	}
	return found, nil
}

// validJSON reports whether doc is one JSON value, as json.Valid does.
func validJSON(doc []byte) bool {
	s := scanner{b: doc}
	s.space()
	if s.value() != nil {
		return false
	}
	s.space()
	return s.i == len(s.b)
}

type scanner struct {
	b     []byte
	i     int
	depth int
}

func (s *scanner) space() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

func (s *scanner) value() error {
	if s.i >= len(s.b) {
		return errSyntax
	}
	switch c := s.b[s.i]; {
	case c == '{':
		return s.object(nil)
	case c == '[':
		return s.array()
	case c == '"':
		return s.string()
	case c == '-' || c >= '0' && c <= '9':
		return s.number()
	default:
		for _, lit := range []string{"true", "false", "null"} {
			if bytes.HasPrefix(s.b[s.i:], []byte(lit)) {
				s.i += len(lit)
				return nil
			}
		}
		return errSyntax
	}
}

// object scans an object at s.b[s.i] == '{', calling member (if not nil)
// with each member's raw name literal and raw value.
func (s *scanner) object(member func(name, value []byte)) error {
	if s.depth++; s.depth > maxDepth {
		return fmt.Errorf("JSON nested deeper than %d", maxDepth)
	}
	s.i++ // {
	s.space()
	if s.i < len(s.b) && s.b[s.i] == '}' {
		s.i++
		s.depth--
		return nil
	}
	for {
		if s.i >= len(s.b) || s.b[s.i] != '"' {
			return errSyntax
		}
		nameStart := s.i
		if err := s.string(); err != nil {
			return err
		}
		name := s.b[nameStart:s.i]
		s.space()
		if s.i >= len(s.b) || s.b[s.i] != ':' {
			return errSyntax
		}
		s.i++
		s.space()
		valueStart := s.i
		if err := s.value(); err != nil {
			return err
		}
		if member != nil {
			member(name, s.b[valueStart:s.i])
		}
		s.space()
		if s.i >= len(s.b) {
			return errSyntax
		}
		switch s.b[s.i] {
		case ',':
			s.i++
			s.space()
		case '}':
			s.i++
			s.depth--
			return nil
		default:
			return errSyntax
		}
	}
}

func (s *scanner) array() error {
	if s.depth++; s.depth > maxDepth {
		return fmt.Errorf("JSON nested deeper than %d", maxDepth)
	}
	s.i++ // [
	s.space()
	if s.i < len(s.b) && s.b[s.i] == ']' {
		s.i++
		s.depth--
		return nil
	}
	for {
		if err := s.value(); err != nil {
			return err
		}
		s.space()
		if s.i >= len(s.b) {
			return errSyntax
		}
		switch s.b[s.i] {
		case ',':
			s.i++
			s.space()
		case ']':
			s.i++
			s.depth--
			return nil
		default:
			return errSyntax
		}
	}
}

// plain marks the bytes a string holds as they are: not '"', not '\\', not
// a control character. (encoding/json does not check UTF-8 here either.)
var plain = func() (t [256]bool) {
	for c := 0x20; c < 256; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// special8 reports whether any of the eight bytes in x is '"', '\\' or a
// control character, with the exact "has a zero byte" / "has a byte less
// than n" bit tricks (valid for n <= 128): strings are scanned eight bytes at
// a time until something other than plain text turns up.
func special8(x uint64) bool {
	const lsb, msb = 0x0101010101010101, 0x8080808080808080
	quote := x ^ (lsb * '"')
	backslash := x ^ (lsb * '\\')
	return ((quote-lsb)&^quote|(backslash-lsb)&^backslash|(x-lsb*0x20)&^x)&msb != 0
}

func (s *scanner) string() error {
	s.i++ // opening quote
	for s.i < len(s.b) {
		for s.i+8 <= len(s.b) && !special8(binary.LittleEndian.Uint64(s.b[s.i:])) {
			s.i += 8
		}
		if s.i >= len(s.b) {
			break
		}
		c := s.b[s.i]
		if plain[c] {
			s.i++
			continue
		}
		switch c {
		case '"':
			s.i++
			return nil
		case '\\':
			if s.i+1 >= len(s.b) {
				return errSyntax
			}
			switch s.b[s.i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				s.i += 2
			case 'u':
				if s.i+6 > len(s.b) {
					return errSyntax
				}
				for _, h := range s.b[s.i+2 : s.i+6] {
					if !(h >= '0' && h <= '9' || h >= 'a' && h <= 'f' || h >= 'A' && h <= 'F') {
						return errSyntax
					}
				}
				s.i += 6
			default:
				return errSyntax
			}
		default: // a control character
			return errSyntax
		}
	}
	return errSyntax
}

func (s *scanner) number() error {
	digits := func() int {
		start := s.i
		for s.i < len(s.b) && s.b[s.i] >= '0' && s.b[s.i] <= '9' {
			s.i++
		}
		return s.i - start
	}
	if s.b[s.i] == '-' {
		s.i++
	}
	if s.i < len(s.b) && s.b[s.i] == '0' {
		s.i++
	} else if digits() == 0 {
		return errSyntax
	}
	if s.i < len(s.b) && s.b[s.i] == '.' {
		s.i++
		if digits() == 0 {
			return errSyntax
		}
	}
	if s.i < len(s.b) && (s.b[s.i] == 'e' || s.b[s.i] == 'E') {
		s.i++
		if s.i < len(s.b) && (s.b[s.i] == '+' || s.b[s.i] == '-') {
			s.i++
		}
		if digits() == 0 {
			return errSyntax
		}
	}
	return nil
}

// unquote decodes a JSON string literal, without encoding/json for the
// common case of no escapes.
func unquote(lit []byte) (string, error) {
	if len(lit) < 2 || lit[0] != '"' || lit[len(lit)-1] != '"' {
		return "", fmt.Errorf("not a JSON string")
	}
	if bytes.IndexByte(lit, '\\') < 0 {
		return string(lit[1 : len(lit)-1]), nil
	}
	var s string
	if err := json.Unmarshal(lit, &s); err != nil {
		return "", err
	}
	return s, nil
}
