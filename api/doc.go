// Package api is the HTTP interface of the badged service: JSON over HTTP
// under /api/v1, served with gin, in front of issuer.Service.
//
// Every route is declared once, in the table in routes.go: its method and
// path, the issuer.Action it needs, its handler and what the OpenAPI document
// says about it. The same table registers the gin routes, drives the
// authorization middleware (issuer.Permitted before any handler runs) and
// generates the OpenAPI 3.1 document served at /api/v1/openapi.json, so the
// routes, their permissions and their documentation cannot drift apart.
//
// Handlers are thin: they decode a request DTO, call one service method and
// render a response DTO. The service re-checks every permission and adds the
// relational checks (the proposal's own proponent, its assigned reviewers).
// DTOs are separate from the domain structs: snake_case JSON, times in RFC
// 3339 UTC, and deadlines also in the institution's time zone (*_local).
//
// Errors have one shape, {"error": {"code": "...", "message": "..."}}, and
// one code-to-status table, in error.go. Internal errors are logged with the
// request id and shown to users as "internal error".
//
// Conventions (request ids, pagination, body limits) are described where they
// are implemented: middleware.go and bind.go.
package api
