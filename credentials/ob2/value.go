package ob2

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"badged/credentials/internal/jsonobj"
)

// ContextURL is the JSON-LD context of every Open Badges 2.0 document.
const ContextURL = "https://w3id.org/openbadges/v2"

// Context is the value of "@context": context URLs and inline context
// objects, in order. It is written as a single string when it holds one URL,
// as the specification's examples do.
type Context []ContextEntry

// ContextEntry is one context: a URL, or an inline context object.
type ContextEntry struct {
	URL    string
	Inline json.RawMessage
}

// V2Context is the context of a document that uses only Open Badges 2.0 terms.
func V2Context() Context { return Context{{URL: ContextURL}} }

// HasURL reports whether the context names url.
func (c Context) HasURL(url string) bool {
	return slices.ContainsFunc(c, func(e ContextEntry) bool { return e.URL == url })
}

// MarshalJSON writes a single URL as a string, anything else as an array.
func (c Context) MarshalJSON() ([]byte, error) {
	if len(c) == 1 && c[0].Inline == nil {
		return json.Marshal(c[0].URL)
	}
	return json.Marshal([]ContextEntry(c))
}

// UnmarshalJSON reads a URL, an inline object, or an array of them.
func (c *Context) UnmarshalJSON(b []byte) error {
	var entries []ContextEntry
	if err := jsonobj.DecodeOneOrMany(b, &entries); err != nil {
		return err
	}
	*c = entries
	return nil
}

// MarshalJSON writes the URL, or the inline object.
func (e ContextEntry) MarshalJSON() ([]byte, error) {
	if e.Inline != nil {
		return e.Inline, nil
	}
	return json.Marshal(e.URL)
}

// UnmarshalJSON reads a URL string or an inline context object.
func (e *ContextEntry) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch jsonobj.Kind(b) {
	case "a string":
		*e = ContextEntry{}
		return json.Unmarshal(b, &e.URL)
	case "an object":
		*e = ContextEntry{Inline: jsonobj.Normalize(b)}
		return nil
	default:
		return fmt.Errorf("context: want a URL or an object, got %s", jsonobj.Kind(b))
	}
}

// Types is the value of "type": one or more type names. It is written as a
// single string when it holds one name, as the specification's examples do.
type Types []string

// Has reports whether t is one of the types.
func (ts Types) Has(t string) bool { return slices.Contains(ts, t) }

// MarshalJSON writes one name as a string, several as an array.
func (ts Types) MarshalJSON() ([]byte, error) {
	if len(ts) == 1 {
		return json.Marshal(ts[0])
	}
	return json.Marshal([]string(ts))
}

// UnmarshalJSON reads a string or an array of strings.
func (ts *Types) UnmarshalJSON(b []byte) error {
	var names []string
	if err := jsonobj.DecodeOneOrMany(b, &names); err != nil {
		return err
	}
	*ts = names
	return nil
}

// List is a property that allows several values. The specification treats
// "x": v and "x": [v] alike, so List reads both; it always writes an array.
type List[T any] []T

// UnmarshalJSON reads a single value or an array of values.
func (l *List[T]) UnmarshalJSON(b []byte) error {
	var items []T
	if err := jsonobj.DecodeOneOrMany(b, &items); err != nil {
		return err
	}
	*l = items
	return nil
}

// Ref is a property whose value is a linked document: either its IRI or the
// document embedded in place (a BadgeClass in an Assertion, an Issuer in a
// BadgeClass, an Image, Criteria, Evidence, a CryptographicKey). Exactly one
// of IRI and Object is set; the form read is the form written.
type Ref[T identified] struct {
	IRI    string
	Object *T
}

// identified is an Open Badges object with an id.
type identified interface{ objectID() string }

// RefTo returns a reference by IRI.
func RefTo[T identified](iri string) Ref[T] { return Ref[T]{IRI: iri} }

// Embed returns a reference that embeds obj.
func Embed[T identified](obj T) Ref[T] { return Ref[T]{Object: &obj} }

// ID returns the referenced document's IRI: the IRI itself, or the embedded
// object's id (empty if the object has none, as an embedded Criteria may).
func (r Ref[T]) ID() string {
	if r.Object != nil {
		return (*r.Object).objectID()
	}
	return r.IRI
}

// IsZero reports whether the reference is unset.
func (r Ref[T]) IsZero() bool { return r.IRI == "" && r.Object == nil }

// MarshalJSON writes the embedded object, or the IRI as a string.
func (r Ref[T]) MarshalJSON() ([]byte, error) {
	if r.Object != nil {
		return json.Marshal(r.Object)
	}
	return json.Marshal(r.IRI)
}

// UnmarshalJSON reads an IRI string or an embedded object.
func (r *Ref[T]) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch jsonobj.Kind(b) {
	case "null":
		*r = Ref[T]{}
		return nil
	case "a string":
		*r = Ref[T]{}
		return json.Unmarshal(b, &r.IRI)
	case "an object":
		var obj T
		if err := jsonobj.DecodeValue(b, &obj); err != nil {
			return err
		}
		*r = Ref[T]{Object: &obj}
		return nil
	default:
		return fmt.Errorf("want an IRI or an object, got %s", jsonobj.Kind(b))
	}
}

// DateTime is an ISO 8601 date and time, kept exactly as written: a signed
// or hosted document must be re-served byte for byte, and "+00:00" and "Z"
// are different strings even where they are the same instant.
type DateTime string

// NewDateTime formats t in UTC to the second, e.g. "2016-12-31T23:59:59Z".
func NewDateTime(t time.Time) DateTime {
	return DateTime(t.UTC().Truncate(time.Second).Format(time.RFC3339))
}

// Time parses the date and time. Open Badges 2.0 requires a time zone; a
// value without one is an error.
func (d DateTime) Time() (time.Time, error) {
	t, zoned, err := ParseDateTime(string(d))
	if err != nil {
		return time.Time{}, err
	}
	if !zoned {
		return time.Time{}, fmt.Errorf("date and time %q has no time zone", string(d))
	}
	return t, nil
}

// IsZero reports whether no date is set.
func (d DateTime) IsZero() bool { return d == "" }

// UnmarshalJSON reads a string. Integer timestamps, which Open Badges 1.x
// allowed, are not Open Badges 2.0 and are refused.
func (d *DateTime) UnmarshalJSON(b []byte) error {
	var s *string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("date and time: want a string, got %s", jsonobj.Kind(b))
	}
	if s != nil {
		*d = DateTime(*s)
	}
	return nil
}

// dateTimeLayouts are the ISO 8601 forms badges use in practice, most
// common first. time.Parse also accepts a fractional second after the
// seconds of any of them.
var dateTimeLayouts = []struct {
	layout string
	zoned  bool
}{
	{"2006-01-02T15:04:05Z07:00", true},
	{"2006-01-02T15:04Z07:00", true},
	{"2006-01-02T15:04:05Z0700", true},
	{"2006-01-02T15:04Z0700", true},
	{"2006-01-02T15:04:05", false},
	{"2006-01-02T15:04", false},
	{"2006-01-02", false},
}

// ParseDateTime parses an ISO 8601 date and time in the forms Open Badges
// documents use (RFC 3339; minutes without seconds; an offset without a
// colon; a date alone) and reports whether it carried a time zone. A value
// without a zone is read as UTC.
func ParseDateTime(s string) (t time.Time, zoned bool, err error) {
	for _, l := range dateTimeLayouts {
		if t, err := time.Parse(l.layout, s); err == nil {
			return t, l.zoned, nil
		}
	}
	return time.Time{}, false, fmt.Errorf("%q is not an ISO 8601 date and time", s)
}

// Version is a BadgeClass version. The specification allows text or a
// number; a number is read as its decimal text.
type Version string

// UnmarshalJSON reads a string or a number.
func (v *Version) UnmarshalJSON(b []byte) error {
	var x any
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	if err := d.Decode(&x); err != nil {
		return err
	}
	switch x := x.(type) {
	case nil:
	case string:
		*v = Version(x)
	case json.Number:
		*v = Version(x.String())
	default:
		return fmt.Errorf("version: want text or a number, got %s", jsonobj.Kind(b))
	}
	return nil
}
