package api

import (
	"fmt"
	"maps"
	"net/http"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"badged/issuer"
	"badged/issuer/approval"
)

// OpenAPIVersion is the version of the OpenAPI specification the document follows.
const OpenAPIVersion = "3.1.0"

// pathParam matches a gin path parameter.
var pathParam = regexp.MustCompile(`:([A-Za-z_][A-Za-z0-9_]*)`)

// OpenAPIPath converts a gin path ("/users/:id") to an OpenAPI path ("/users/{id}").
func OpenAPIPath(ginPath string) string {
	return pathParam.ReplaceAllString(ginPath, "{$1}")
}

// pathParams documents the parameters of a path, by name.
var pathParams = map[string]schema{
	"id":        {"name": "id", "description": "the identifier of the resource", "schema": schema{"type": "string"}},
	"kind":      {"name": "kind", "description": "the kind of credential", "schema": schema{"type": "string", "enum": strs(approval.Kinds)}},
	"committee": {"name": "committee", "description": "smc: the Senate Micro-credential Committee; dbc: the Digital Badge Committee", "schema": schema{"type": "string", "enum": []string{string(issuer.SMC), string(issuer.DBC)}}},
}

// openAPIDocument generates the OpenAPI document from the route table.
func openAPIDocument(publicURL, version string) (map[string]any, error) {
	if version == "" {
		version = "dev"
	}
	g := newSchemaGen()
	errorRef := schema{"$ref": "#/components/responses/Error"}
	paths := map[string]schema{}
	for _, r := range routes {
		op := schema{"operationId": r.ID, "summary": r.Summary, "tags": []string{r.Tag}}
		var params []any
		for _, m := range pathParam.FindAllStringSubmatch(r.Path, -1) {
			p, ok := pathParams[m[1]]
			if !ok {
				return nil, fmt.Errorf("api: route %s: undocumented path parameter %q", r.ID, m[1])
			}
			params = append(params, withIn(p, "path", true))
		}
		if r.List {
			params = append(params,
				schema{"name": "limit", "in": "query", "description": fmt.Sprintf("page size, 1 to %d (default %d)", issuer.MaxPageSize, issuer.DefaultPageSize),
					"schema": schema{"type": "integer", "minimum": 1, "maximum": issuer.MaxPageSize, "default": issuer.DefaultPageSize}},
				schema{"name": "offset", "in": "query", "description": "how many items to skip (default 0)",
					"schema": schema{"type": "integer", "minimum": 0, "maximum": maxOffset, "default": 0}})
		}
		for _, q := range r.Query {
			s := schema{"type": "string"}
			if q.Format != "" {
				s["format"] = q.Format
			}
			params = append(params, schema{"name": q.Name, "in": "query", "description": q.Description, "schema": s})
		}
		if len(params) > 0 {
			op["parameters"] = params
		}
		if r.Request != nil {
			t := reflect.TypeOf(r.Request)
			op["requestBody"] = schema{"required": hasRequired(t),
				"content": schema{"application/json": schema{"schema": g.ref(t, true)}}}
		}
		responses := schema{"default": errorRef}
		success := schema{"description": http.StatusText(r.Status)}
		switch {
		case r.CSV:
			success["content"] = schema{"text/csv": schema{"schema": schema{"type": "string"}}}
		case r.List:
			success["content"] = schema{"application/json": schema{"schema": g.list(reflect.TypeOf(r.Response))}}
		case r.Response != nil:
			success["content"] = schema{"application/json": schema{"schema": g.ref(reflect.TypeOf(r.Response), false)}}
		case r.Status != http.StatusNoContent:
			// A body without a DTO: this document itself.
			success["content"] = schema{"application/json": schema{"schema": schema{"type": "object"}}}
		}
		responses[strconv.Itoa(r.Status)] = success
		if r.Public() {
			op["security"] = []any{} // no token needed
		} else {
			op["description"] = fmt.Sprintf("Action %s; roles: %s.", r.Action, strings.Join(strs(issuer.PermittedRoles(r.Action)), ", "))
			op["x-badged-action"] = string(r.Action)
			responses["401"] = errorRef
			responses["403"] = errorRef
		}
		op["responses"] = responses
		p := OpenAPIPath(r.Path)
		if paths[p] == nil {
			paths[p] = schema{}
		}
		paths[p][strings.ToLower(r.Method)] = op
	}
	errorSchema := g.ref(reflect.TypeFor[ErrorResponse](), false)
	if g.err != nil {
		return nil, g.err
	}
	doc := map[string]any{
		"openapi": OpenAPIVersion,
		"info": schema{
			"title":   "badged API",
			"version": version,
			"description": "The university's Open Badges issuing service: credentials and their approval under the " +
				"Micro-credentials Policy and Procedure. Every error answers {\"error\": {\"code\", \"message\"}}; " +
				"every list is paged with ?limit=&offset= and answers {items, limit, offset, next_offset}.",
		},
		"paths": paths,
		"components": schema{
			"schemas": g.components,
			"responses": schema{"Error": schema{"description": "an error",
				"content": schema{"application/json": schema{"schema": errorSchema}}}},
			"securitySchemes": schema{"bearer": schema{"type": "http", "scheme": "bearer",
				"description": "an API token, created with POST /api/v1/tokens or the badged command"}},
		},
		"security": []any{schema{"bearer": []string{}}},
	}
	if publicURL != "" {
		doc["servers"] = []any{schema{"url": strings.TrimSuffix(publicURL, "/")}}
	}
	return doc, nil
}

func withIn(p schema, in string, required bool) schema {
	out := maps.Clone(p)
	out["in"], out["required"] = in, required
	return out
}
