package api

import (
	"log/slog"
	"net/http"

	"github.com/gin-gonic/gin"

	"badged/issuer"
)

// Error codes the HTTP layer adds to the domain's (issuer.E*): conditions
// that only exist over HTTP.
const (
	EMethodNotAllowed = "method_not_allowed" // the path exists, the method does not
	EUnavailable      = "unavailable"        // a dependency (the database) does not answer
)

// statusOf is the only code-to-status table of the service. A code missing
// here is a bug and is answered as 500.
var statusOf = map[string]int{
	issuer.EInvalid:      http.StatusBadRequest,
	issuer.EUnauthorized: http.StatusUnauthorized,
	issuer.EForbidden:    http.StatusForbidden,
	issuer.ENotFound:     http.StatusNotFound,
	issuer.EConflict:     http.StatusConflict,
	issuer.ETransition:   http.StatusConflict,
	issuer.ETooLarge:     http.StatusRequestEntityTooLarge,
	issuer.EInternal:     http.StatusInternalServerError,
	EMethodNotAllowed:    http.StatusMethodNotAllowed,
	EUnavailable:         http.StatusServiceUnavailable,
}

// ErrorResponse is the body of every error response.
type ErrorResponse struct {
	Error ErrorBody `json:"error"`
}

// ErrorBody is the machine-readable code and the human-readable message of an error.
type ErrorBody struct {
	Code    string `json:"code" doc:"machine-readable: invalid, unauthorized, forbidden, not_found, conflict, invalid_state, too_large, method_not_allowed, unavailable or internal"`
	Message string `json:"message" doc:"for people; never contains internal detail"`
}

// StatusOf returns the HTTP status for an error code.
func StatusOf(code string) int {
	if st, ok := statusOf[code]; ok {
		return st
	}
	return http.StatusInternalServerError
}

// writeError renders err in the one error shape and aborts the chain. The
// detail of an internal error is logged with the request id, never shown.
func (s *Server) writeError(c *gin.Context, err error) {
	code := issuer.ErrorCode(err)
	st, known := statusOf[code]
	if !known {
		code, st = issuer.EInternal, http.StatusInternalServerError
	}
	msg := issuer.ErrorMessage(err)
	if code == issuer.EInternal {
		s.log.ErrorContext(c.Request.Context(), "internal error",
			slog.String("request_id", RequestID(c.Request.Context())),
			slog.String("method", c.Request.Method),
			slog.String("route", c.FullPath()),
			slog.Any("error", err))
		msg = "internal error"
	}
	if code == issuer.EUnauthorized {
		// RFC 6750 section 3: a 401 names the scheme the client should use.
		c.Header("WWW-Authenticate", `Bearer realm="badged"`)
	}
	c.AbortWithStatusJSON(st, ErrorResponse{Error: ErrorBody{Code: code, Message: msg}})
}
