package jsonobj

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"unicode/utf8"
)

// The functions here take JSON that encoding/json has already validated,
// as it does before calling an UnmarshalJSON method. They split it
// without validating it again: each object type decodes its own members,
// so re-validating at every level would scan a document once per level of
// nesting it has.

// errSplit reports input the splitter cannot follow; the caller falls back
// to encoding/json, whose error says what is wrong.
var errSplit = errors.New("jsonobj: not valid JSON")

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func skipSpace(data []byte, i int) int {
	for i < len(data) && isSpace(data[i]) {
		i++
	}
	return i
}

// valueEnd returns the index just past the JSON value starting at data[i],
// or -1 if there is none.
func valueEnd(data []byte, i int) int {
	if i >= len(data) {
		return -1
	}
	switch data[i] {
	case '"':
		for j := i + 1; j < len(data); j++ {
			switch data[j] {
			case '\\':
				j++
			case '"':
				return j + 1
			}
		}
		return -1
	case '{', '[':
		depth := 0
		for j := i; j < len(data); j++ {
			switch data[j] {
			case '"':
				end := valueEnd(data, j)
				if end < 0 {
					return -1
				}
				j = end - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1
				}
			}
		}
		return -1
	default:
		j := i
		for j < len(data) && !isSpace(data[j]) && data[j] != ',' && data[j] != '}' && data[j] != ']' {
			j++
		}
		if j == i {
			return -1
		}
		return j
	}
}

// splitObject splits a valid JSON object into its members.
func splitObject(data []byte) (map[string]json.RawMessage, error) {
	i := skipSpace(data, 0)
	if i >= len(data) || data[i] != '{' {
		return nil, errSplit
	}
	m := map[string]json.RawMessage{}
	i = skipSpace(data, i+1)
	if i < len(data) && data[i] == '}' {
		return m, nil
	}
	for {
		keyEnd := valueEnd(data, i)
		if keyEnd < 0 || data[i] != '"' {
			return nil, errSplit
		}
		key, err := decodeKey(data[i:keyEnd])
		if err != nil {
			return nil, err
		}
		i = skipSpace(data, keyEnd)
		if i >= len(data) || data[i] != ':' {
			return nil, errSplit
		}
		start := skipSpace(data, i+1)
		end := valueEnd(data, start)
		if end < 0 {
			return nil, errSplit
		}
		m[key] = data[start:end]
		i = skipSpace(data, end)
		if i >= len(data) {
			return nil, errSplit
		}
		switch data[i] {
		case '}':
			return m, nil
		case ',':
			i = skipSpace(data, i+1)
		default:
			return nil, errSplit
		}
	}
}

// decodeKey decodes a member name. A plain name is used as it is; one with
// escapes or invalid UTF-8 goes through encoding/json, which unescapes it
// and replaces invalid bytes as it would.
func decodeKey(quoted []byte) (string, error) {
	body := quoted[1 : len(quoted)-1]
	plain := utf8.Valid(body)
	for _, c := range body {
		if c == '\\' || c < 0x20 {
			plain = false
			break
		}
	}
	if plain {
		return string(body), nil
	}
	var key string
	if err := json.Unmarshal(quoted, &key); err != nil {
		return "", err
	}
	return key, nil
}

// Elements splits a valid JSON array into its elements.
func Elements(data []byte) ([]json.RawMessage, error) {
	i := skipSpace(data, 0)
	if i >= len(data) || data[i] != '[' {
		return nil, fmt.Errorf("want an array, got %s", Kind(data))
	}
	var elems []json.RawMessage
	i = skipSpace(data, i+1)
	if i < len(data) && data[i] == ']' {
		return elems, nil
	}
	for {
		end := valueEnd(data, i)
		if end < 0 {
			return nil, errSplit
		}
		elems = append(elems, data[i:end])
		i = skipSpace(data, end)
		if i >= len(data) {
			return nil, errSplit
		}
		switch data[i] {
		case ']':
			return elems, nil
		case ',':
			i = skipSpace(data, i+1)
		default:
			return nil, errSplit
		}
	}
}

var unmarshalerType = reflect.TypeFor[json.Unmarshaler]()

// DecodeValue decodes the valid JSON value raw into the value ptr points
// to. A type with an UnmarshalJSON method gets raw directly (a pointer is
// allocated first, or set to nil by null); a struct type without one is an
// error; any other type goes through encoding/json.
func DecodeValue(raw json.RawMessage, ptr any) error {
	return decodeValue(raw, reflect.ValueOf(ptr).Elem())
}

func decodeValue(raw json.RawMessage, v reflect.Value) error {
	if v.Kind() == reflect.Pointer && v.Type().Elem().Kind() == reflect.Struct {
		if Kind(raw) == "null" {
			v.SetZero()
			return nil
		}
		if reflect.PointerTo(v.Type().Elem()).Implements(unmarshalerType) {
			elem := reflect.New(v.Type().Elem())
			if err := elem.Interface().(json.Unmarshaler).UnmarshalJSON(raw); err != nil {
				return err
			}
			v.Set(elem)
			return nil
		}
	}
	if v.Addr().Type().Implements(unmarshalerType) {
		return v.Addr().Interface().(json.Unmarshaler).UnmarshalJSON(raw)
	}
	if t := v.Type(); t.Kind() == reflect.Struct || t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Struct {
		// encoding/json would match member names case-insensitively and
		// drop unknown members: every object type must decode itself.
		return fmt.Errorf("jsonobj: %s has no UnmarshalJSON method", t)
	}
	return json.Unmarshal(raw, v.Addr().Interface())
}
