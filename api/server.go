package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"badged/issuer"
)

// Config configures a Server.
type Config struct {
	// Service is the issuing domain the API exposes. Required.
	Service *issuer.Service
	// Logger receives one line per request and the detail of internal
	// errors. Nil means slog.Default().
	Logger *slog.Logger
	// PublicURL is the base URL clients reach the service at, e.g.
	// https://badges.example.edu; the OpenAPI document names it as its server.
	// Empty means the document names no absolute server.
	PublicURL string
	// Version is the build's version, shown by /healthz and the OpenAPI document.
	Version string
}

// Server is the HTTP API. It is an http.Handler.
type Server struct {
	svc     *issuer.Service
	log     *slog.Logger
	loc     *time.Location // the institution's time zone, for *_local fields
	version string
	engine  *gin.Engine
	openapi []byte // the OpenAPI document, generated once from the route table
}

// New builds the API from the route table.
func New(cfg Config) (*Server, error) {
	if cfg.Service == nil {
		return nil, errors.New("api: no service")
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	spec, err := openAPIDocument(cfg.PublicURL, cfg.Version)
	if err != nil {
		return nil, err
	}
	doc, err := json.Marshal(spec)
	if err != nil {
		return nil, fmt.Errorf("api: encode OpenAPI document: %w", err)
	}
	s := &Server{
		svc:     cfg.Service,
		log:     cfg.Logger,
		loc:     cfg.Service.Calendar().Location(),
		version: cfg.Version,
		openapi: doc,
	}
	s.engine = s.newEngine()
	return s, nil
}

// Handler returns the server as an http.Handler.
func (s *Server) Handler() http.Handler { return s.engine }

// ServeHTTP serves one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.engine.ServeHTTP(w, r) }

func (s *Server) newEngine() *gin.Engine {
	// Debug mode only prints the route table and warnings to stdout, outside
	// the structured log; the routes are documented by the OpenAPI document.
	gin.SetMode(gin.ReleaseMode)
	e := gin.New()
	// A JSON API answers a wrong path or method with a JSON error, not a
	// redirect to a guessed path.
	e.RedirectTrailingSlash = false
	e.RedirectFixedPath = false
	e.HandleMethodNotAllowed = true
	// The API never uses the client's address, so no proxy header is trusted.
	_ = e.SetTrustedProxies(nil)
	e.Use(s.requestID, s.logRequests, s.recoverPanics, limitBody)
	e.NoRoute(func(c *gin.Context) {
		s.writeError(c, issuer.Errorf(issuer.ENotFound, "no route %s %s", c.Request.Method, c.Request.URL.Path))
	})
	e.NoMethod(func(c *gin.Context) {
		// gin has set the Allow header to the methods the path has.
		s.writeError(c, issuer.Errorf(EMethodNotAllowed, "%s is not allowed on %s (allowed: %s)",
			c.Request.Method, c.Request.URL.Path, c.Writer.Header().Get("Allow")))
	})
	for _, r := range routes {
		var chain []gin.HandlerFunc
		if !r.Public() {
			chain = append(chain, s.authenticate, s.authorize(r.Action))
		}
		chain = append(chain, s.serve(r))
		e.Handle(r.Method, r.Path, chain...)
	}
	return e
}

// serve runs a route's handler and renders its result with the route's
// success status.
func (s *Server) serve(r Route) gin.HandlerFunc {
	return func(c *gin.Context) {
		body, err := r.handle(s, c, principalOf(c))
		if err != nil {
			s.writeError(c, err)
			return
		}
		switch b := body.(type) {
		case nil:
			c.Status(r.Status)
		case responder:
			b.respond(c, r.Status)
		default:
			c.JSON(r.Status, b)
		}
	}
}

// responder is a response body that renders itself, such as a CSV file.
type responder interface {
	respond(c *gin.Context, status int)
}
