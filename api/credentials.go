package api

import (
	"github.com/gin-gonic/gin"

	"badged/issuer"
	"badged/issuer/approval"
)

// CreateCredentialRequest proposes a credential: it and its first version, a draft.
type CreateCredentialRequest struct {
	Kind         approval.Kind  `json:"kind"`
	Title        string         `json:"title"`
	DepartmentID string         `json:"department_id" doc:"the offering department"`
	Outline      map[string]any `json:"outline,omitempty" doc:"the Outline form's values, by field key; may be partial in a draft"`
}

// RecordOfferingRequest records that a credential was offered.
type RecordOfferingRequest struct {
	OfferedOn string `json:"offered_on" format:"date" doc:"the date it was offered, YYYY-MM-DD"`
	Note      string `json:"note,omitempty"`
}

// RecordAnnualReviewRequest records the yearly review of a credential.
type RecordAnnualReviewRequest struct {
	Year    int    `json:"year"`
	Outcome string `json:"outcome" enum:"current,needs_revision,recommend_discontinuance"`
	Comment string `json:"comment,omitempty"`
}

// DiscontinuanceDecisionRequest decides a proposed discontinuance.
type DiscontinuanceDecisionRequest struct {
	Discontinue *bool  `json:"discontinue" doc:"true: the Provost refers it to the SMC, or the SMC Chair discontinues it; false: keep it"`
	Comment     string `json:"comment,omitempty"`
}

func (s *Server) createCredential(c *gin.Context, p issuer.Principal) (any, error) {
	var req CreateCredentialRequest
	if err := bindJSON(c, &req); err != nil {
		return nil, err
	}
	cr, v, err := s.svc.CreateCredential(c.Request.Context(), p, issuer.NewCredential{Kind: req.Kind, Title: req.Title,
		DepartmentID: req.DepartmentID, Outline: issuer.Outline(req.Outline)})
	if err != nil {
		return nil, err
	}
	return CreatedCredential{Credential: toCredential(*cr), Version: s.toVersion(*v)}, nil
}

func (s *Server) listCredentials(c *gin.Context, p issuer.Principal) (any, error) {
	pg, err := pageOf(c)
	if err != nil {
		return nil, err
	}
	cs, err := s.svc.ListCredentials(c.Request.Context(), p, pg)
	if err != nil {
		return nil, err
	}
	return listOf(cs, pg, toCredential), nil
}

func (s *Server) getCredential(c *gin.Context, p issuer.Principal) (any, error) {
	view, err := s.svc.GetCredential(c.Request.Context(), p, c.Param("id"))
	if err != nil {
		return nil, err
	}
	return CredentialDetail{Credential: toCredential(view.Credential), Versions: mapSlice(view.Versions, s.toVersion),
		Issue: toIssueVerdict(view.Issue)}, nil
}

func (s *Server) issuability(c *gin.Context, p issuer.Principal) (any, error) {
	d, err := s.svc.MayIssue(c.Request.Context(), c.Param("id"))
	if err != nil {
		return nil, err
	}
	return toIssueVerdict(d), nil
}

func (s *Server) revise(c *gin.Context, p issuer.Principal) (any, error) {
	var req CommentRequest
	if err := bindJSON(c, &req); err != nil {
		return nil, err
	}
	return s.versionResult(s.svc.Revise(c.Request.Context(), p, c.Param("id"), req.Comment))
}

func (s *Server) recordOffering(c *gin.Context, p issuer.Principal) (any, error) {
	var req RecordOfferingRequest
	if err := bindJSON(c, &req); err != nil {
		return nil, err
	}
	on, err := dateOf("offered_on", req.OfferedOn)
	if err != nil {
		return nil, err
	}
	o, err := s.svc.RecordOffering(c.Request.Context(), p, c.Param("id"), on, req.Note)
	if err != nil {
		return nil, err
	}
	return toOffering(*o), nil
}

func (s *Server) listOfferings(c *gin.Context, p issuer.Principal) (any, error) {
	pg, err := pageOf(c)
	if err != nil {
		return nil, err
	}
	os, err := s.svc.ListOfferings(c.Request.Context(), p, c.Param("id"), pg)
	if err != nil {
		return nil, err
	}
	return listOf(os, pg, toOffering), nil
}

func (s *Server) recordAnnualReview(c *gin.Context, p issuer.Principal) (any, error) {
	var req RecordAnnualReviewRequest
	if err := bindJSON(c, &req); err != nil {
		return nil, err
	}
	r, err := s.svc.RecordAnnualReview(c.Request.Context(), p, c.Param("id"), req.Year, req.Outcome, req.Comment)
	if err != nil {
		return nil, err
	}
	return toAnnualReview(*r), nil
}

func (s *Server) listAnnualReviews(c *gin.Context, p issuer.Principal) (any, error) {
	pg, err := pageOf(c)
	if err != nil {
		return nil, err
	}
	rs, err := s.svc.ListAnnualReviews(c.Request.Context(), p, c.Param("id"), pg)
	if err != nil {
		return nil, err
	}
	return listOf(rs, pg, toAnnualReview), nil
}

func (s *Server) proposeDiscontinuance(c *gin.Context, p issuer.Principal) (any, error) {
	var req CommentRequest
	if err := bindJSON(c, &req); err != nil {
		return nil, err
	}
	return s.versionResult(s.svc.ProposeDiscontinuance(c.Request.Context(), p, c.Param("id"), req.Comment))
}

func (s *Server) decideDiscontinuance(c *gin.Context, p issuer.Principal) (any, error) {
	var req DiscontinuanceDecisionRequest
	if err := bindJSON(c, &req); err != nil {
		return nil, err
	}
	return s.versionResult(s.svc.DecideDiscontinuance(c.Request.Context(), p, c.Param("id"), *req.Discontinue, req.Comment))
}
