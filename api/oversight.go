package api

import (
	"context"
	"log/slog"
	"time"

	"github.com/gin-gonic/gin"

	"badged/credentials/ob3"
	"badged/issuer"
)

// ReportRequest makes the Provost's report to SSCC.
type ReportRequest struct {
	Meeting string `json:"meeting" doc:"the SSCC meeting the report is for"`
}

// readyTimeout bounds the database check of /readyz, so a hung database
// makes the probe fail rather than hang.
const readyTimeout = 2 * time.Second

func (s *Server) healthz(c *gin.Context, _ issuer.Principal) (any, error) {
	return Health{Status: "ok", Version: s.version}, nil
}

func (s *Server) readyz(c *gin.Context, _ issuer.Principal) (any, error) {
	ctx, cancel := context.WithTimeout(c.Request.Context(), readyTimeout)
	defer cancel()
	if err := s.svc.Ping(ctx); err != nil {
		s.log.WarnContext(ctx, "readiness check failed", slog.String("request_id", RequestID(ctx)), slog.Any("error", err))
		return nil, issuer.Errorf(EUnavailable, "the database does not answer")
	}
	return Health{Status: "ok", Version: s.version}, nil
}

// openAPIDoc is a response body that is already encoded JSON.
type openAPIDoc []byte

func (d openAPIDoc) respond(c *gin.Context, status int) {
	c.Data(status, "application/json", d)
}

func (s *Server) openAPI(c *gin.Context, _ issuer.Principal) (any, error) {
	return openAPIDoc(s.openapi), nil
}

// jsonLDDocument is a JSON-LD context served as it is embedded.
type jsonLDDocument []byte

func (d jsonLDDocument) respond(c *gin.Context, status int) {
	// The context never changes at this URL: a new version gets a new path.
	c.Header("Cache-Control", "public, max-age=86400")
	c.Header("Access-Control-Allow-Origin", "*") // verifiers in browsers fetch it
	c.Data(status, "application/ld+json", d)
}

// extensionContext serves the extension's context at the URL credentials
// name, so independent verifiers can expand what this service signs.
func (s *Server) extensionContext(*gin.Context, issuer.Principal) (any, error) {
	return jsonLDDocument(ob3.ExtensionContext), nil
}

func (s *Server) listOverdue(c *gin.Context, p issuer.Principal) (any, error) {
	pg, err := pageOf(c)
	if err != nil {
		return nil, err
	}
	os, err := s.svc.ListOverdue(c.Request.Context(), p, pg)
	if err != nil {
		return nil, err
	}
	return listOf(os, pg, func(o issuer.Overdue) Overdue {
		return Overdue{Version: s.toVersion(o.Version), Deadline: o.Deadline, DueAt: utc(o.DueAt), DueAtLocal: o.DueAt.In(s.loc)}
	}), nil
}

func (s *Server) reportToSSCC(c *gin.Context, p issuer.Principal) (any, error) {
	var req ReportRequest
	if err := bindJSON(c, &req); err != nil {
		return nil, err
	}
	r, err := s.svc.ReportToSSCC(c.Request.Context(), p, req.Meeting)
	if err != nil {
		return nil, err
	}
	return toReport(*r), nil
}

func (s *Server) listReports(c *gin.Context, p issuer.Principal) (any, error) {
	pg, err := pageOf(c)
	if err != nil {
		return nil, err
	}
	rs, err := s.svc.ListReports(c.Request.Context(), p, pg)
	if err != nil {
		return nil, err
	}
	return listOf(rs, pg, toReport), nil
}

func (s *Server) getReport(c *gin.Context, p issuer.Principal) (any, error) {
	r, err := s.svc.GetReport(c.Request.Context(), p, c.Param("id"))
	if err != nil {
		return nil, err
	}
	return toReport(*r), nil
}

func (s *Server) verifyAudit(c *gin.Context, p issuer.Principal) (any, error) {
	r, err := s.svc.VerifyAudit(c.Request.Context(), p)
	if err != nil {
		return nil, err
	}
	out := AuditVerification{Valid: r.Break == nil, Events: r.Events, Head: r.Head}
	if r.Break != nil {
		out.Break = &AuditBreak{Seq: r.Break.Seq, Reason: r.Break.Reason}
	}
	return out, nil
}
