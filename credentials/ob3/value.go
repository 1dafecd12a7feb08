package ob3

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"time"

	"badged/credentials/internal/jsonobj"
	"badged/credentials/ob2"
)

// Context URLs of Open Badges 3.0 credentials.
const (
	// ContextVCv2 is the W3C Verifiable Credentials Data Model 2.0 context,
	// the first context of every credential this library issues.
	ContextVCv2 = "https://www.w3.org/ns/credentials/v2"
	// ContextVCv1 is the VCDM 1.1 context of legacy credentials (read only).
	ContextVCv1 = "https://www.w3.org/2018/credentials/v1"
	// ContextOB is the newest Open Badges 3.0 context, the second context
	// of every credential this library issues.
	ContextOB = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
	// ContextOBExtensions defines 1EdTechRevocationList,
	// 1EdTechCredentialRefresh and 1EdTechJsonSchemaValidator2019. Without
	// it those type names are relative IRIs and break Data Integrity proofs.
	ContextOBExtensions = "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"
)

// obContextPattern matches every Open Badges 3.0 context version, as the
// official JSON Schema does.
var obContextPattern = regexp.MustCompile(`^https://purl\.imsglobal\.org/spec/ob/v3p0/context(-3\.\d\.\d)*\.json$`)

// Context is the value of "@context": context URLs and inline context
// objects, in order. It is always written as an array.
type Context []ContextEntry

// ContextEntry is one context: a URL, or an inline context object.
type ContextEntry struct {
	URL    string
	Inline json.RawMessage
}

// NewContext returns the contexts of a credential this library issues:
// VCDM 2.0, Open Badges 3.0.3, then the given URLs in order.
func NewContext(more ...string) Context {
	c := Context{{URL: ContextVCv2}, {URL: ContextOB}}
	for _, u := range more {
		c = append(c, ContextEntry{URL: u})
	}
	return c
}

// HasURL reports whether the context names url.
func (c Context) HasURL(url string) bool {
	return slices.ContainsFunc(c, func(e ContextEntry) bool { return e.URL == url })
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
	switch jsonobj.Kind(b) {
	case "a string":
		*e = ContextEntry{}
		return json.Unmarshal(b, &e.URL)
	case "an object":
		*e = ContextEntry{Inline: jsonobj.Normalize(bytes.TrimSpace(b))}
		return nil
	default:
		return fmt.Errorf("context: want a URL or an object, got %s", jsonobj.Kind(b))
	}
}

// List is a property that allows several values. It reads a single value
// as a list of one (the compacted form) and always writes an array.
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

// Types is the value of "type" where the specification makes it an
// unordered set: read from a string or an array, written as an array.
type Types []string

// Has reports whether t is one of the types.
func (ts Types) Has(t string) bool { return slices.Contains(ts, t) }

// UnmarshalJSON reads a string or an array of strings.
func (ts *Types) UnmarshalJSON(b []byte) error {
	var names []string
	if err := jsonobj.DecodeOneOrMany(b, &names); err != nil {
		return err
	}
	*ts = names
	return nil
}

// OrderedList is an ordered list of strings (a JSON-LD @list, such as
// ResultDescription.allowedValue). Unlike the other lists, an empty list
// that was written as [] is kept and written back: in a JSON-LD list it
// states "no values" (rdf:nil), which is not the same as leaving it out.
type OrderedList []string

// IsZero reports whether the list is absent (nil), not merely empty.
func (l OrderedList) IsZero() bool { return l == nil }

// UnmarshalJSON reads a single value or an array of values; [] gives an
// empty, not a nil, list.
func (l *OrderedList) UnmarshalJSON(b []byte) error {
	var items []string
	if err := jsonobj.DecodeOneOrMany(b, &items); err != nil {
		return err
	}
	*l = items
	return nil
}

// TypeName is the value of "type" where the specification makes it a
// single IRI (Image, IdentityObject, IdentifierEntry, GeoCoordinates, and
// the type of a proof, status, schema, refresh or terms-of-use entry). It is
// written as a string; an array of one name is read too.
type TypeName string

// UnmarshalJSON reads a string or an array holding one string.
func (t *TypeName) UnmarshalJSON(b []byte) error {
	var names []string
	if err := jsonobj.DecodeOneOrMany(b, &names); err != nil {
		return err
	}
	switch len(names) {
	case 0:
		*t = ""
	case 1:
		*t = TypeName(names[0])
	default:
		return fmt.Errorf("type: want one name, got %d", len(names))
	}
	return nil
}

// DateTime is an ISO 8601 date and time, kept exactly as written: its text
// is what a proof signs, and "+00:00" and "Z" are different texts.
type DateTime string

// NewDateTime formats t in UTC to the second, e.g. "2024-01-01T00:00:00Z",
// the form of a DateTimeZ. Whole seconds keep a VC-JWT's nbf and exp equal
// to validFrom and validUntil.
func NewDateTime(t time.Time) DateTime {
	return DateTime(t.UTC().Truncate(time.Second).Format(time.RFC3339))
}

// Time parses the date and time; a value without a time zone is read as UTC.
func (d DateTime) Time() (time.Time, error) {
	t, _, err := ob2.ParseDateTime(string(d))
	return t, err
}

// IsZero reports whether no date is set.
func (d DateTime) IsZero() bool { return d == "" }

// validZ checks a DateTimeZ: a date and time with a time zone.
func (d DateTime) validZ() error {
	_, zoned, err := ob2.ParseDateTime(string(d))
	if err != nil {
		return err
	}
	if !zoned {
		return fmt.Errorf("%q has no time zone", string(d))
	}
	return nil
}

// ProfileRef is the issuer of a credential: the IRI of a Profile, or the
// Profile embedded. This library always embeds it (id, type, name), as the
// specification recommends; the form read is the form written.
type ProfileRef struct {
	IRI     string
	Profile *Profile
}

// ID returns the issuer's id: the IRI, or the embedded profile's id.
func (r ProfileRef) ID() string {
	if r.Profile != nil {
		return r.Profile.ID
	}
	return r.IRI
}

// IsZero reports whether no issuer is set.
func (r ProfileRef) IsZero() bool { return r.IRI == "" && r.Profile == nil }

// MarshalJSON writes the embedded profile, or the IRI as a string.
func (r ProfileRef) MarshalJSON() ([]byte, error) {
	if r.Profile != nil {
		return json.Marshal(r.Profile)
	}
	return json.Marshal(r.IRI)
}

// UnmarshalJSON reads an IRI string or a Profile object.
func (r *ProfileRef) UnmarshalJSON(b []byte) error {
	switch jsonobj.Kind(b) {
	case "null":
		*r = ProfileRef{}
		return nil
	case "a string":
		*r = ProfileRef{}
		return json.Unmarshal(b, &r.IRI)
	case "an object":
		var p Profile
		if err := p.UnmarshalJSON(b); err != nil {
			return err
		}
		*r = ProfileRef{Profile: &p}
		return nil
	default:
		return fmt.Errorf("want an IRI or a Profile, got %s", jsonobj.Kind(b))
	}
}

// unmarshalNode decodes an object, or an IRI standing for a node that has
// only that id. Where the context gives a property "@type": "@id" (image,
// criteria, evidence, credentialStatus, ...), "p": "x" and "p": {"id": "x"}
// state the same thing, so the IRI is read as an object with that id.
func unmarshalNode(b []byte, dst any, setID func(string)) error {
	if jsonobj.Kind(b) == "a string" {
		var iri string
		if err := json.Unmarshal(b, &iri); err != nil {
			return err
		}
		setID(iri)
		return nil
	}
	return jsonobj.Unmarshal(b, dst)
}
