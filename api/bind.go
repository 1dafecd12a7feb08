package api

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"badged/issuer"
)

// bindJSON decodes the request body into dst, a pointer to a request DTO.
// Unknown fields, malformed JSON, wrong types and trailing data are invalid
// input; a body over MaxBodyBytes is too large. An empty body is an empty
// object, so actions whose fields are all optional need no body. Pointer,
// slice and map fields without omitempty in their json tag are required: a
// missing "approve" must not mean "reject", nor a missing "roles" "none".
func bindJSON(c *gin.Context, dst any) error {
	dec := json.NewDecoder(c.Request.Body)
	dec.DisallowUnknownFields()
	err := dec.Decode(dst)
	switch {
	case errors.Is(err, io.EOF):
		// An empty body: dst keeps its zero value.
	case err != nil:
		return decodeError(err)
	default:
		if _, err := dec.Token(); !errors.Is(err, io.EOF) {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				return decodeError(err)
			}
			return issuer.Errorf(issuer.EInvalid, "the request body must hold one JSON object and nothing after it")
		}
	}
	return checkRequired(dst)
}

// decodeError explains a decoding failure in the client's terms.
func decodeError(err error) error {
	var (
		syntax  *json.SyntaxError
		typ     *json.UnmarshalTypeError
		tooBig  *http.MaxBytesError
		timeErr *time.ParseError
	)
	switch {
	case errors.As(err, &tooBig):
		return issuer.Errorf(issuer.ETooLarge, "the request body is larger than %d bytes", tooBig.Limit)
	case errors.As(err, &syntax):
		return issuer.Errorf(issuer.EInvalid, "malformed JSON at byte %d: %s", syntax.Offset, syntax.Error())
	case errors.Is(err, io.ErrUnexpectedEOF):
		return issuer.Errorf(issuer.EInvalid, "malformed JSON: the body ends early")
	case errors.As(err, &typ):
		if typ.Field == "" {
			return issuer.Errorf(issuer.EInvalid, "the request body must be a JSON object, not %s", typ.Value)
		}
		return issuer.Errorf(issuer.EInvalid, "field %q must be %s, not %s", typ.Field, jsonTypeName(typ.Type), typ.Value)
	case errors.As(err, &timeErr):
		return issuer.Errorf(issuer.EInvalid, "%q is not an RFC 3339 time such as 2026-09-01T09:00:00Z", timeErr.Value)
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return issuer.Errorf(issuer.EInvalid, "unknown field %s", name)
	}
	return issuer.Errorf(issuer.EInvalid, "invalid JSON body: %s", strings.TrimPrefix(err.Error(), "json: "))
}

func jsonTypeName(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t == reflect.TypeFor[time.Time]():
		return "an RFC 3339 time string"
	case t.Kind() == reflect.String:
		return "a string"
	case t.Kind() == reflect.Bool:
		return "true or false"
	case t.Kind() >= reflect.Int && t.Kind() <= reflect.Uint64:
		return "an integer"
	case t.Kind() == reflect.Float32 || t.Kind() == reflect.Float64:
		return "a number"
	case t.Kind() == reflect.Slice:
		return "an array"
	}
	return "an object"
}

// checkRequired fails for a nil pointer, slice or map field whose json tag
// has no omitempty: the DTO's way of saying "required, and its zero value is
// a meaningful answer" (a boolean decision, a revision number, an empty list
// of roles). Required strings and numbers are left to the service, which
// refuses their zero values itself.
func checkRequired(dst any) error {
	v := reflect.ValueOf(dst).Elem()
	if v.Kind() != reflect.Struct {
		return nil
	}
	for i := range v.NumField() {
		f := v.Type().Field(i)
		name, omitempty, ok := jsonName(f)
		if !ok || omitempty {
			continue
		}
		switch f.Type.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Map:
			if v.Field(i).IsNil() {
				return issuer.Errorf(issuer.EInvalid, "%s is required", name)
			}
		}
	}
	return nil
}

// jsonName returns a field's JSON name and whether it is omitempty; ok is
// false for fields encoding/json skips.
func jsonName(f reflect.StructField) (name string, omitempty, ok bool) {
	if !f.IsExported() {
		return "", false, false
	}
	tag := f.Tag.Get("json")
	if tag == "-" {
		return "", false, false
	}
	name, opts, _ := strings.Cut(tag, ",")
	if name == "" {
		name = f.Name
	}
	for o := range strings.SplitSeq(opts, ",") {
		if o == "omitempty" || o == "omitzero" {
			omitempty = true
		}
	}
	return name, omitempty, true
}

// maxOffset bounds the offset query parameter, far beyond any real list.
const maxOffset = 1_000_000_000

// pageOf reads ?limit= (1 to issuer.MaxPageSize, default
// issuer.DefaultPageSize) and ?offset= (0 or more, default 0).
func pageOf(c *gin.Context) (issuer.Page, error) {
	p := issuer.Page{Limit: issuer.DefaultPageSize}
	if s, ok := c.GetQuery("limit"); ok {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > issuer.MaxPageSize {
			return p, issuer.Errorf(issuer.EInvalid, "limit must be an integer from 1 to %d", issuer.MaxPageSize)
		}
		p.Limit = n
	}
	if s, ok := c.GetQuery("offset"); ok {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 || n > maxOffset {
			return p, issuer.Errorf(issuer.EInvalid, "offset must be an integer from 0 to %d", maxOffset)
		}
		p.Offset = n
	}
	return p, nil
}

// List is one page of a list.
type List[T any] struct {
	Items  []T `json:"items"`
	Limit  int `json:"limit"`
	Offset int `json:"offset"`
	// NextOffset is the offset of the next page, or null on the last page.
	NextOffset *int `json:"next_offset"`
}

// listOf converts one page of domain values. A full page may have a next
// one; a short page is the last.
func listOf[D, T any](items []D, p issuer.Page, conv func(D) T) List[T] {
	out := List[T]{Items: make([]T, len(items)), Limit: p.Limit, Offset: p.Offset}
	for i, d := range items {
		out.Items[i] = conv(d)
	}
	if len(items) >= p.Limit {
		next := p.Offset + p.Limit
		out.NextOffset = &next
	}
	return out
}

// timeQuery reads an optional RFC 3339 time from the query string.
func timeQuery(c *gin.Context, name string) (time.Time, error) {
	s, ok := c.GetQuery(name)
	if !ok || s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, issuer.Errorf(issuer.EInvalid, "%s must be an RFC 3339 time such as 2026-09-01T09:00:00Z", name)
	}
	return t, nil
}

// dateOf parses a calendar date, YYYY-MM-DD.
func dateOf(field, s string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, issuer.Errorf(issuer.EInvalid, "%s must be a date such as 2026-09-01", field)
	}
	return t, nil
}
