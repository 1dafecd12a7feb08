package api

import (
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"time"

	"badged/issuer"
	"badged/issuer/approval"
)

// JSON Schemas (2020-12, the dialect of OpenAPI 3.1) are generated from the
// DTO types by reflection, so the documented shape is the encoded shape:
//
//   - the JSON name comes from the json tag; a field without omitempty is
//     required (in a request DTO it must be sent; bindJSON enforces it for
//     pointers, slices and maps, whose zero value is distinguishable);
//   - a pointer is nullable in a response (null when absent);
//   - a doc tag describes the field, a format tag names a string format and
//     an enum tag lists the allowed strings;
//   - the domain's string types (kinds, states, roles, ...) are enums;
//   - no object allows properties it does not declare, matching the
//     decoder's DisallowUnknownFields.

// enums lists the values of the domain's string types that DTOs carry.
var enums = map[reflect.Type][]string{
	reflect.TypeFor[approval.Kind]():         strs(approval.Kinds),
	reflect.TypeFor[approval.State]():        strs(allStates()),
	reflect.TypeFor[approval.CreditStatus](): strs([]approval.CreditStatus{approval.NonCreditBearing, approval.CreditBearing, approval.Embedded}),
	reflect.TypeFor[issuer.Role]():           strs(issuer.AllRoles),
	reflect.TypeFor[issuer.Committee]():      strs([]issuer.Committee{issuer.SMC, issuer.DBC}),
	reflect.TypeFor[issuer.Seat]():           strs([]issuer.Seat{issuer.SeatFaculty, issuer.SeatProvostOffice, issuer.SeatCPS, issuer.SeatDecanal, issuer.SeatAdministrative}),
	reflect.TypeFor[issuer.FieldType](): strs([]issuer.FieldType{issuer.FieldText, issuer.FieldLongText, issuer.FieldNumber, issuer.FieldBoolean,
		issuer.FieldChoice, issuer.FieldList, issuer.FieldAlignments, issuer.FieldDepartment}),
	reflect.TypeFor[issuer.Ballot](): strs([]issuer.Ballot{issuer.BallotReview, issuer.BallotFinal, issuer.BallotAppeal, issuer.BallotDBC}),
}

func strs[S ~string](in []S) []string {
	out := make([]string, len(in))
	for i, s := range in {
		out[i] = string(s)
	}
	return out
}

func allStates() []approval.State {
	var out []approval.State
	for _, k := range approval.Kinds {
		for _, s := range approval.States(k) {
			if !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
	}
	slices.Sort(out)
	return out
}

type schema = map[string]any

// schemaGen collects the component schemas of the types it is asked about.
type schemaGen struct {
	components map[string]schema
	// request records whether each component was generated as a request body;
	// one type may serve both only if its schema is the same either way.
	request map[string]bool
	err     error
}

func newSchemaGen() *schemaGen {
	return &schemaGen{components: map[string]schema{}, request: map[string]bool{}}
}

// ref returns a reference to the component schema of a named struct type,
// generating it on first use.
func (g *schemaGen) ref(t reflect.Type, request bool) schema {
	name := t.Name()
	if name == "" || strings.ContainsAny(name, "[]") {
		g.fail(fmt.Errorf("api: schema of %s: only named, non-generic structs become components", t))
		return schema{}
	}
	if wasRequest, seen := g.request[name]; seen {
		if wasRequest != request && g.components[name] != nil {
			a, _ := json.Marshal(g.components[name])
			b, _ := json.Marshal(g.object(t, request))
			if string(a) != string(b) {
				g.fail(fmt.Errorf("api: %s serves requests and responses with different schemas", name))
			}
		}
	} else {
		g.request[name] = request
		g.components[name] = nil // guards against recursion while generating
		g.components[name] = g.object(t, request)
	}
	return schema{"$ref": "#/components/schemas/" + name}
}

func (g *schemaGen) fail(err error) {
	if g.err == nil {
		g.err = err
	}
}

// object is the schema of a struct: its fields, and the fields of its
// embedded structs, as encoding/json flattens them.
func (g *schemaGen) object(t reflect.Type, request bool) schema {
	props := schema{}
	var required []string
	g.fields(t, request, props, &required)
	s := schema{"type": "object", "properties": props, "additionalProperties": false}
	if len(required) > 0 {
		s["required"] = required
	}
	return s
}

func (g *schemaGen) fields(t reflect.Type, request bool, props schema, required *[]string) {
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous && f.Type.Kind() == reflect.Struct && f.Tag.Get("json") == "" {
			g.fields(f.Type, request, props, required)
			continue
		}
		name, omitempty, ok := jsonName(f)
		if !ok {
			continue
		}
		ps := g.of(f.Type, request)
		if e := f.Tag.Get("enum"); e != "" {
			ps = schema{"type": "string", "enum": strings.Split(e, ",")}
		}
		if fm := f.Tag.Get("format"); fm != "" {
			ps["format"] = fm
		}
		if d := f.Tag.Get("doc"); d != "" {
			ps = withDescription(ps, d)
		}
		props[name] = ps
		if !omitempty {
			*required = append(*required, name)
		}
	}
}

// withDescription adds a description without writing into a shared schema.
func withDescription(s schema, d string) schema {
	out := maps.Clone(s)
	out["description"] = d
	return out
}

// of returns the schema of a value of type t.
func (g *schemaGen) of(t reflect.Type, request bool) schema {
	if vals, ok := enums[t]; ok {
		return schema{"type": "string", "enum": vals}
	}
	switch t {
	case reflect.TypeFor[time.Time]():
		return schema{"type": "string", "format": "date-time"}
	case reflect.TypeFor[json.RawMessage]():
		return schema{} // any JSON value
	}
	switch t.Kind() {
	case reflect.Pointer:
		inner := g.of(t.Elem(), request)
		if request {
			return inner // a request omits what it does not send; null is refused
		}
		return nullable(inner)
	case reflect.String:
		return schema{"type": "string"}
	case reflect.Bool:
		return schema{"type": "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return schema{"type": "integer"}
	case reflect.Float32, reflect.Float64:
		return schema{"type": "number"}
	case reflect.Slice, reflect.Array:
		return schema{"type": "array", "items": g.of(t.Elem(), request)}
	case reflect.Map:
		if t.Elem().Kind() == reflect.Interface {
			return schema{"type": "object"}
		}
		return schema{"type": "object", "additionalProperties": g.of(t.Elem(), request)}
	case reflect.Interface:
		return schema{}
	case reflect.Struct:
		return g.ref(t, request)
	}
	g.fail(fmt.Errorf("api: no schema for %s", t))
	return schema{}
}

// nullable allows null besides what s allows.
func nullable(s schema) schema {
	if _, isRef := s["$ref"]; isRef {
		return schema{"anyOf": []any{s, schema{"type": "null"}}}
	}
	typ, ok := s["type"].(string)
	if !ok {
		return s // already any value
	}
	out := maps.Clone(s)
	out["type"] = []string{typ, "null"}
	if vals, ok := s["enum"].([]string); ok {
		e := make([]any, 0, len(vals)+1)
		for _, v := range vals {
			e = append(e, v)
		}
		out["enum"] = append(e, nil)
	}
	return out
}

// list returns a reference to the schema of a page of items of type t.
func (g *schemaGen) list(t reflect.Type) schema {
	item := g.ref(t, false)
	name := t.Name() + "List"
	if _, ok := g.components[name]; !ok {
		g.components[name] = schema{
			"type":                 "object",
			"description":          "one page of " + t.Name() + " items",
			"additionalProperties": false,
			"required":             []string{"items", "limit", "offset", "next_offset"},
			"properties": schema{
				"items":       schema{"type": "array", "items": item},
				"limit":       schema{"type": "integer"},
				"offset":      schema{"type": "integer"},
				"next_offset": schema{"type": []string{"integer", "null"}, "description": "the offset of the next page; null on the last page"},
			},
		}
	}
	return schema{"$ref": "#/components/schemas/" + name}
}

// hasRequired reports whether a request DTO has a field a client must send.
func hasRequired(t reflect.Type) bool {
	for i := range t.NumField() {
		if _, omitempty, ok := jsonName(t.Field(i)); ok && !omitempty {
			return true
		}
	}
	return false
}
