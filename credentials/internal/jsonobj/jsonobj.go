// Package jsonobj maps JSON objects onto Go structs the way JSON-LD documents
// need it, which encoding/json alone does not:
//
//   - member names match field names exactly. JSON-LD terms are
//     case-sensitive, while encoding/json also fills a field from a member
//     whose name differs only in case ("Name" would fill Name).
//   - members no field claims are kept, in a field tagged
//     `json:"-" jsonobj:"extra"` of type map[string]json.RawMessage, and
//     written back. An Open Badges credential may carry terms from any
//     context it names; dropping them would change what its proof covers.
//   - fields are written in declaration order, and a field tagged omitempty
//     is left out when empty (nil, "", a zero-length slice, or a type whose
//     IsZero method says so), as the Open Badges 3.0 serialization rules
//     require for nulls and empty arrays.
//
// A field tagged `json:",inline"` is a struct whose fields are members of
// the enclosing object.
//
// Each object type implements json.Unmarshaler and json.Marshaler by
// calling Unmarshal and Marshal on itself; every nested value is decoded by
// encoding/json, so nested object types must do the same.
package jsonobj

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
)

// ErrNotObject reports a JSON value that is not an object where one is required.
var ErrNotObject = errors.New("not a JSON object")

// Members splits a JSON object into its members, keyed by name. JSON null
// gives a nil map and no error; any other non-object value is ErrNotObject.
// When a name repeats, the last member wins, as in encoding/json.
//
// data must be valid JSON, as encoding/json guarantees to an UnmarshalJSON
// method; it is not validated again (invalid input gives an error or
// members that fail to decode, never a panic).
func Members(data []byte) (map[string]json.RawMessage, error) {
	data = bytes.TrimSpace(data)
	if string(data) == "null" {
		return nil, nil
	}
	if len(data) == 0 || data[0] != '{' {
		return nil, fmt.Errorf("%w: got %s", ErrNotObject, Kind(data))
	}
	m, err := splitObject(data)
	if err != nil {
		m = nil
		if err := json.Unmarshal(data, &m); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// Kind names the kind of a JSON value from its first byte, for error messages.
func Kind(data []byte) string {
	data = bytes.TrimSpace(data)
	if len(data) == 0 {
		return "nothing"
	}
	switch data[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	default:
		return "a number"
	}
}

// Unmarshal decodes the JSON object data into the struct dst points to.
// JSON null leaves dst unchanged. data must be valid JSON (see Members).
func Unmarshal(data []byte, dst any) error {
	m, err := Members(data)
	if err != nil || m == nil {
		return err
	}
	return Decode(m, dst)
}

// Decode sets the fields of the struct dst points to from members, and puts
// the members no field claims into its extra field (compacted, so that a
// decoded value equals the value decoded from its own encoding). Decode
// consumes members: claimed ones are deleted from the map.
func Decode(members map[string]json.RawMessage, dst any) error {
	v := reflect.ValueOf(dst)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return fmt.Errorf("jsonobj: decode into %T, want a pointer to a struct", dst)
	}
	v = v.Elem()
	info := structInfoOf(v.Type())
	for _, f := range info.fields {
		raw, ok := members[f.name]
		if !ok {
			continue
		}
		delete(members, f.name)
		fv := v.FieldByIndex(f.index)
		if err := decodeValue(raw, fv); err != nil {
			return fmt.Errorf("%s: %w", f.name, unwrapJSON(err))
		}
		// An empty array and an absent member mean the same; keep one
		// representation so that values compare equal after a round trip.
		if fv.Kind() == reflect.Slice && fv.Len() == 0 && !f.zeroer {
			fv.SetZero()
		}
	}
	if info.extra == nil {
		return nil
	}
	ev := v.FieldByIndex(info.extra)
	if len(members) == 0 {
		ev.SetZero()
		return nil
	}
	extra := make(map[string]json.RawMessage, len(members))
	for k, raw := range members {
		extra[k] = Normalize(raw)
	}
	ev.Set(reflect.ValueOf(extra))
	return nil
}

// Normalize returns raw as encoding/json writes a json.RawMessage: compact,
// with <, > and & escaped. Raw JSON kept from a parse is normalized so that
// the parsed value equals the value parsed from its own encoding.
func Normalize(raw json.RawMessage) json.RawMessage {
	var compact, escaped bytes.Buffer
	if err := json.Compact(&compact, raw); err != nil {
		return raw // invalid JSON: left for the encoder to refuse
	}
	json.HTMLEscape(&escaped, compact.Bytes())
	return escaped.Bytes()
}

// unwrapJSON shortens encoding/json's type errors, which name Go types the
// reader of a badge does not care about.
func unwrapJSON(err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		what := te.Value
		if te.Field != "" {
			return fmt.Errorf("%s: unexpected %s", te.Field, what)
		}
		return fmt.Errorf("unexpected %s", what)
	}
	return err
}

// Marshal encodes the struct src (or the struct it points to) as a JSON
// object: its fields in declaration order, then its extra members sorted by
// name. An extra member that has the name of a field is an error, since the
// output would hold the name twice.
func Marshal(src any) ([]byte, error) {
	v := reflect.ValueOf(src)
	if v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return nil, fmt.Errorf("jsonobj: marshal %T, want a struct", src)
	}
	info := structInfoOf(v.Type())
	var buf bytes.Buffer
	buf.WriteByte('{')
	first := true
	writeMember := func(name string, value []byte) {
		if !first {
			buf.WriteByte(',')
		}
		first = false
		key, _ := json.Marshal(name) // strings always encode
		buf.Write(key)
		buf.WriteByte(':')
		buf.Write(value)
	}
	for _, f := range info.fields {
		fv := v.FieldByIndex(f.index)
		if f.omitEmpty && isEmpty(fv) {
			continue
		}
		b, err := json.Marshal(fv.Interface())
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.name, err)
		}
		writeMember(f.name, b)
	}
	if info.extra != nil {
		extra := v.FieldByIndex(info.extra).Interface().(map[string]json.RawMessage)
		keys := make([]string, 0, len(extra))
		for k := range extra {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			if _, clash := info.byName[k]; clash {
				return nil, fmt.Errorf("extra member %q has the name of a field", k)
			}
			raw := extra[k]
			if !json.Valid(raw) {
				return nil, fmt.Errorf("extra member %q: invalid JSON", k)
			}
			writeMember(k, raw)
		}
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

type zeroer interface{ IsZero() bool }

var zeroerType = reflect.TypeFor[zeroer]()

func isEmpty(v reflect.Value) bool {
	if v.Type().Implements(zeroerType) {
		if v.Kind() == reflect.Pointer && v.IsNil() {
			return true
		}
		return v.Interface().(zeroer).IsZero()
	}
	switch v.Kind() {
	case reflect.String, reflect.Slice, reflect.Map:
		return v.Len() == 0
	case reflect.Pointer, reflect.Interface:
		return v.IsNil()
	default:
		return v.IsZero()
	}
}

type fieldInfo struct {
	name      string
	index     []int
	omitEmpty bool
	zeroer    bool // the type decides its own emptiness (and keeps an empty slice)
}

type structInfo struct {
	fields []fieldInfo
	byName map[string]struct{}
	extra  []int // index of the extra-members field, nil if none
}

var structInfos sync.Map // reflect.Type -> *structInfo

var rawMapType = reflect.TypeFor[map[string]json.RawMessage]()

func structInfoOf(t reflect.Type) *structInfo {
	if si, ok := structInfos.Load(t); ok {
		return si.(*structInfo)
	}
	si := &structInfo{byName: map[string]struct{}{}}
	collectFields(t, nil, si)
	actual, _ := structInfos.LoadOrStore(t, si)
	return actual.(*structInfo)
}

func collectFields(t reflect.Type, prefix []int, si *structInfo) {
	for i := range t.NumField() {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		index := append(slices.Clone(prefix), i)
		if sf.Tag.Get("jsonobj") == "extra" {
			if sf.Type != rawMapType {
				panic(fmt.Sprintf("jsonobj: extra field %s.%s must be map[string]json.RawMessage", t, sf.Name))
			}
			si.extra = index
			continue
		}
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if opts == "inline" {
			if sf.Type.Kind() != reflect.Struct {
				panic(fmt.Sprintf("jsonobj: inline field %s.%s must be a struct", t, sf.Name))
			}
			collectFields(sf.Type, index, si)
			continue
		}
		if name == "" {
			name = sf.Name
		}
		if _, dup := si.byName[name]; dup {
			panic(fmt.Sprintf("jsonobj: %s has two fields named %q", t, name))
		}
		si.byName[name] = struct{}{}
		si.fields = append(si.fields, fieldInfo{
			name:      name,
			index:     index,
			omitEmpty: slices.Contains(strings.Split(opts, ","), "omitempty"),
			zeroer:    sf.Type.Implements(zeroerType),
		})
	}
}
