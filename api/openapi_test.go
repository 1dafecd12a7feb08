package api_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/require"

	"badged/api"
	"badged/issuer"
)

// TestOpenAPIDocument checks the served document against the OpenAPI 3.1
// schema and against the routes gin actually registered, both ways.
func TestOpenAPIDocument(t *testing.T) {
	t.Parallel()
	env := sqliteEnv(t)
	res := env.Do(t, http.MethodGet, "/api/v1/openapi.json", "", nil)
	require.Equal(t, http.StatusOK, res.Status)
	require.Equal(t, "application/json", res.Header.Get("Content-Type"))

	var doc struct {
		OpenAPI string                               `json:"openapi"`
		Servers []struct{ URL string }               `json:"servers"`
		Paths   map[string]map[string]map[string]any `json:"paths"`
		Comps   struct {
			Schemas map[string]any `json:"schemas"`
		} `json:"components"`
	}
	require.NoError(t, json.Unmarshal(res.Body, &doc), "the document is JSON")
	require.True(t, strings.HasPrefix(doc.OpenAPI, "3."), "openapi %q", doc.OpenAPI)
	require.Equal(t, "http://badged.test", doc.Servers[0].URL)

	t.Run("valid against the OpenAPI 3.1 schema", func(t *testing.T) {
		// testdata/openapi-3.1-schema.json is the OpenAPI Initiative's schema
		// (see testdata/README.md); it needs only the 2020-12 meta-schema,
		// which the validator bundles.
		f, err := os.Open("testdata/openapi-3.1-schema.json")
		require.NoError(t, err)
		defer f.Close()
		spec, err := jsonschema.UnmarshalJSON(f)
		require.NoError(t, err)
		c := jsonschema.NewCompiler()
		require.NoError(t, c.AddResource("https://spec.openapis.org/oas/3.1/schema/2021-05-20", spec))
		sch, err := c.Compile("https://spec.openapis.org/oas/3.1/schema/2021-05-20")
		require.NoError(t, err)
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(res.Body))
		require.NoError(t, err)
		require.NoError(t, sch.Validate(inst))
	})

	t.Run("every component is a valid JSON Schema", func(t *testing.T) {
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(res.Body))
		require.NoError(t, err)
		c := jsonschema.NewCompiler()
		require.NoError(t, c.AddResource("file:///openapi.json", inst))
		require.NotEmpty(t, doc.Comps.Schemas)
		for name := range doc.Comps.Schemas {
			_, err := c.Compile("file:///openapi.json#/components/schemas/" + name)
			require.NoError(t, err, name)
		}
	})

	t.Run("the routes gin serves are the documented ones", func(t *testing.T) {
		srv, err := api.New(api.Config{Service: env.Service})
		require.NoError(t, err)
		var served, documented []string
		for _, r := range api.EngineRoutes(srv) {
			served = append(served, r.Method+" "+api.OpenAPIPath(r.Path))
		}
		for path, ops := range doc.Paths {
			for method := range ops {
				documented = append(documented, strings.ToUpper(method)+" "+path)
			}
		}
		slices.Sort(served)
		slices.Sort(documented)
		require.Equal(t, served, documented)
		require.Len(t, served, len(api.Routes()))
	})

	t.Run("operations name their action and security", func(t *testing.T) {
		for _, rt := range api.Routes() {
			op := doc.Paths[api.OpenAPIPath(rt.Path)][strings.ToLower(rt.Method)]
			require.NotNil(t, op, rt.ID)
			require.Equal(t, rt.ID, op["operationId"])
			require.Equal(t, rt.Summary, op["summary"])
			responses := op["responses"].(map[string]any)
			if rt.Public() {
				require.Equal(t, []any{}, op["security"], "%s needs no token", rt.ID)
				continue
			}
			require.NotContains(t, op, "security", "%s takes the document's bearer security", rt.ID)
			require.Equal(t, string(rt.Action), op["x-badged-action"])
			for _, r := range issuer.PermittedRoles(rt.Action) {
				require.Contains(t, op["description"], string(r))
			}
			require.Contains(t, responses, "401")
			require.Contains(t, responses, "403")
		}
	})
}
