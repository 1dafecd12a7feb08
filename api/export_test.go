package api

import "github.com/gin-gonic/gin"

// HandleForTest adds a route outside the table, behind the global
// middleware only, to test what the table cannot reach (a panic).
func HandleForTest(s *Server, method, path string, h gin.HandlerFunc) {
	s.engine.Handle(method, path, h)
}

// EngineRoutes returns the routes gin registered.
func EngineRoutes(s *Server) gin.RoutesInfo { return s.engine.Routes() }
