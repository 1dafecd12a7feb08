package api

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"badged/issuer"
)

// HeaderRequestID carries a request's id, in the request and the response.
const HeaderRequestID = "X-Request-ID"

// MaxRequestIDLen bounds a request id taken from a client.
const MaxRequestIDLen = 128

// MaxBodyBytes bounds every request body (1 MiB: the largest body the API
// takes, an outline, is at most issuer.MaxOutlineBytes, 256 KiB, as JSON).
const MaxBodyBytes = 1 << 20

type ctxKey int

const requestIDKey ctxKey = iota

// RequestID returns the id of the request ctx belongs to, or "". A log
// handler may add it to every record logged with the request's context.
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey).(string)
	return id
}

// principalKey holds the authenticated issuer.Principal in a gin context.
const principalKey = "badged.principal"

// requestID takes a sane X-Request-ID from the client (so a caller's id
// follows the request through our logs) or makes one, and echoes it.
func (s *Server) requestID(c *gin.Context) {
	id := c.GetHeader(HeaderRequestID)
	if !saneRequestID(id) {
		id = newRequestID()
	}
	c.Request = c.Request.WithContext(context.WithValue(c.Request.Context(), requestIDKey, id))
	c.Header(HeaderRequestID, id)
	c.Next()
}

// saneRequestID accepts 1 to MaxRequestIDLen characters that cannot forge a
// log line or a header: letters, digits and - _ . : /
func saneRequestID(id string) bool {
	if id == "" || len(id) > MaxRequestIDLen {
		return false
	}
	for _, r := range id {
		switch {
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', '0' <= r && r <= '9':
		case strings.ContainsRune("-_.:/", r):
		default:
			return false
		}
	}
	return true
}

func newRequestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	return hex.EncodeToString(b[:])
}

// logRequests writes one structured line per request. It never logs
// headers, query strings or bodies, where tokens and personal data travel.
func (s *Server) logRequests(c *gin.Context) {
	start := time.Now()
	c.Next()
	st := c.Writer.Status()
	attrs := []slog.Attr{
		slog.String("request_id", RequestID(c.Request.Context())),
		slog.String("method", c.Request.Method),
		slog.String("path", c.Request.URL.Path),
		slog.String("route", c.FullPath()),
		slog.Int("status", st),
		slog.Duration("duration", time.Since(start)),
	}
	if p, ok := c.Get(principalKey); ok {
		attrs = append(attrs, slog.String("user_id", p.(issuer.Principal).User.ID))
	}
	level := slog.LevelInfo
	if st >= http.StatusInternalServerError {
		level = slog.LevelError
	}
	s.log.LogAttrs(c.Request.Context(), level, "http request", attrs...)
}

// recoverPanics turns a panic in a handler into a logged 500: no panic
// reaches a client or stops the server.
func (s *Server) recoverPanics(c *gin.Context) {
	defer func() {
		rec := recover()
		if rec == nil {
			return
		}
		if rec == http.ErrAbortHandler {
			panic(rec) // a deliberate abort of the response: net/http handles it quietly
		}
		s.log.ErrorContext(c.Request.Context(), "panic serving request",
			slog.String("request_id", RequestID(c.Request.Context())),
			slog.String("route", c.FullPath()),
			slog.Any("panic", rec),
			slog.String("stack", string(debug.Stack())))
		if c.Writer.Written() {
			c.Abort() // too late for an error body; the client sees a cut response
			return
		}
		s.writeError(c, issuer.Errorf(issuer.EInternal, "internal error"))
	}()
	c.Next()
}

// limitBody caps every request body at MaxBodyBytes: a declared length over
// the limit is refused at once, and reading past it fails while decoding.
func limitBody(c *gin.Context) {
	if c.Request.ContentLength > MaxBodyBytes {
		c.Header("Connection", "close")
		c.AbortWithStatusJSON(http.StatusRequestEntityTooLarge, tooLarge())
		return
	}
	if c.Request.Body != nil {
		c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, MaxBodyBytes)
	}
	c.Next()
}

func tooLarge() ErrorResponse {
	return ErrorResponse{Error: ErrorBody{Code: issuer.ETooLarge,
		Message: fmt.Sprintf("the request body is larger than %d bytes", MaxBodyBytes)}}
}

// authenticate turns "Authorization: Bearer <token>" into the principal.
func (s *Server) authenticate(c *gin.Context) {
	scheme, token, ok := strings.Cut(c.GetHeader("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "" {
		s.writeError(c, issuer.Errorf(issuer.EUnauthorized, "this request needs an API token: Authorization: Bearer <token>"))
		return
	}
	p, err := s.svc.Authenticate(c.Request.Context(), strings.TrimSpace(token))
	if err != nil {
		s.writeError(c, err)
		return
	}
	c.Set(principalKey, p)
	c.Next()
}

// DeniedMessage is the message of the 403 the authorization middleware
// answers when none of the caller's roles may attempt action. (The service's
// own refusals, for relational reasons, say something else.)
func DeniedMessage(action issuer.Action) string {
	roles := issuer.PermittedRoles(action)
	names := make([]string, len(roles))
	for i, r := range roles {
		names[i] = string(r)
	}
	slices.Sort(names)
	return fmt.Sprintf("none of your roles may %s; it needs one of: %s", action, strings.Join(names, ", "))
}

// authorize checks the route's action against the authorization table
// before the handler runs.
func (s *Server) authorize(action issuer.Action) gin.HandlerFunc {
	msg := DeniedMessage(action)
	return func(c *gin.Context) {
		if !issuer.Permitted(principalOf(c), action) {
			s.writeError(c, issuer.Errorf(issuer.EForbidden, "%s", msg))
			return
		}
		c.Next()
	}
}

// principalOf returns the authenticated principal, or the zero Principal on
// a public route.
func principalOf(c *gin.Context) issuer.Principal {
	p, _ := c.Get(principalKey)
	pr, _ := p.(issuer.Principal)
	return pr
}
