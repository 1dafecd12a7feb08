package apitest

import (
	"bytes"
	"encoding/json"
	"errors"
	"maps"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"badged/api"
)

// docURL names the OpenAPI document as a schema resource; nothing is loaded from it.
const docURL = "file:///badged/openapi.json"

// checker validates responses against the OpenAPI document the server
// serves: a success against its route's schema, an error against the error
// schema. So every test that calls the API also checks the documentation.
type checker struct {
	doc      map[string]any
	routes   []api.Route
	compiler *jsonschema.Compiler

	mu      sync.Mutex
	schemas map[string]*jsonschema.Schema
	ok      map[string]bool // route ids that answered with their success status
}

func newChecker(t testing.TB, raw []byte) *checker {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("apitest: the OpenAPI document is not JSON: %v", err)
	}
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatalf("apitest: the OpenAPI document is not a JSON object: %v", err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	c.UseLoader(noLoader{})
	if err := c.AddResource(docURL, inst); err != nil {
		t.Fatalf("apitest: add the OpenAPI document: %v", err)
	}
	return &checker{doc: doc, routes: api.Routes(), compiler: c, schemas: map[string]*jsonschema.Schema{}, ok: map[string]bool{}}
}

// noLoader refuses to load any schema the document does not hold itself.
type noLoader struct{}

func (noLoader) Load(url string) (any, error) {
	return nil, errors.New("apitest: schemas are never loaded from " + url)
}

func (c *checker) schema(t testing.TB, ref string) *jsonschema.Schema {
	t.Helper()
	c.mu.Lock()
	defer c.mu.Unlock()
	if s, ok := c.schemas[ref]; ok {
		return s
	}
	s, err := c.compiler.Compile(docURL + ref)
	if err != nil {
		t.Fatalf("apitest: compile schema %s: %v", ref, err)
	}
	c.schemas[ref] = s
	return s
}

func (c *checker) succeeded() map[string]bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return maps.Clone(c.ok)
}

// route finds the route a request was served by: same method, same number
// of segments, and every literal segment equal.
func (c *checker) route(method, path string) (api.Route, bool) {
	path, _, _ = strings.Cut(path, "?")
	segs := strings.Split(path, "/")
	for _, r := range c.routes {
		rs := strings.Split(r.Path, "/")
		if r.Method != method || len(rs) != len(segs) {
			continue
		}
		match := true
		for i := range rs {
			if !strings.HasPrefix(rs[i], ":") && rs[i] != segs[i] {
				match = false
				break
			}
		}
		if match {
			return r, true
		}
	}
	return api.Route{}, false
}

func (c *checker) check(t testing.TB, method, path string, r *Response) {
	t.Helper()
	what := method + " " + path + " → " + strconv.Itoa(r.Status)
	rt, found := c.route(method, path)
	if found && r.Status == rt.Status {
		c.mu.Lock()
		c.ok[rt.ID] = true
		c.mu.Unlock()
	}
	switch {
	case r.Status >= http.StatusBadRequest:
		c.validate(t, what, "#/components/schemas/ErrorResponse", r)
	case !found:
		t.Errorf("apitest: %s: a success from no route in the table", what)
	case r.Status != rt.Status:
		t.Errorf("apitest: %s: the OpenAPI document gives %d for %s", what, rt.Status, rt.ID)
	case r.Status == http.StatusNoContent:
		if len(r.Body) != 0 {
			t.Errorf("apitest: %s: a body in a 204: %s", what, r.Body)
		}
	case rt.CSV:
		if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "text/csv" {
			t.Errorf("apitest: %s: Content-Type %q, want text/csv", what, r.Header.Get("Content-Type"))
		}
	default:
		ref := c.successRef(rt)
		if ref == "" {
			return // documented as any JSON object (the OpenAPI document itself)
		}
		c.validate(t, what, ref, r)
	}
}

// successRef is the component the document names for a route's success.
func (c *checker) successRef(rt api.Route) string {
	op, _ := dig(c.doc, "paths", api.OpenAPIPath(rt.Path), strings.ToLower(rt.Method), "responses", strconv.Itoa(rt.Status),
		"content", "application/json", "schema").(map[string]any)
	ref, _ := op["$ref"].(string)
	return ref
}

func dig(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

func (c *checker) validate(t testing.TB, what, ref string, r *Response) {
	t.Helper()
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/json" {
		t.Errorf("apitest: %s: Content-Type %q, want application/json: %s", what, r.Header.Get("Content-Type"), r.Body)
		return
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(r.Body))
	if err != nil {
		t.Errorf("apitest: %s: body is not JSON: %v: %s", what, err, r.Body)
		return
	}
	if err := c.schema(t, ref).Validate(inst); err != nil {
		t.Errorf("apitest: %s: the body does not match %s: %#v\nbody: %s", what, ref, err, r.Body)
	}
}
