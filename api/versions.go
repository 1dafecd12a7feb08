package api

import (
	"context"

	"github.com/gin-gonic/gin"

	"badged/issuer"
)

// UpdateOutlineRequest replaces a version's outline.
type UpdateOutlineRequest struct {
	Rev     *int64         `json:"rev" doc:"the revision you edited (the version's rev); a newer one means someone else changed it: 409"`
	Outline map[string]any `json:"outline" doc:"the complete new outline, by field key"`
}

// Bodies of the workflow actions that carry one text. Each names the text
// for what it is, so the service's messages ("feedback is required") match
// the field a client sends.
type (
	// CommentRequest carries an optional comment, kept in the audit trail.
	CommentRequest struct {
		Comment string `json:"comment,omitempty"`
	}
	// FeedbackRequest carries the SMC Chair's feedback on an incomplete proposal.
	FeedbackRequest struct {
		Feedback string `json:"feedback" doc:"what the proposal lacks"`
	}
	// ConsultationResponseRequest carries the consulted Department Chair's response.
	ConsultationResponseRequest struct {
		Response string `json:"response"`
	}
	// AppealRequest carries the grounds of an appeal to the entire committee.
	AppealRequest struct {
		Grounds string `json:"grounds"`
	}
	// FinalVoteRequest carries the notes of the electronic meeting.
	FinalVoteRequest struct {
		MeetingNotes string `json:"meeting_notes"`
	}
	// ReasonsRequest carries the Provost's reasons for declining to sign.
	ReasonsRequest struct {
		Reasons string `json:"reasons"`
	}
	// ConcernRequest carries SSCC's concern that a badge was created erroneously.
	ConcernRequest struct {
		Concern string `json:"concern"`
	}
	// ExplanationRequest carries the Provost's explanation to SSCC.
	ExplanationRequest struct {
		Explanation string `json:"explanation"`
	}
)

func (r CommentRequest) text() string              { return r.Comment }
func (r FeedbackRequest) text() string             { return r.Feedback }
func (r ConsultationResponseRequest) text() string { return r.Response }
func (r AppealRequest) text() string               { return r.Grounds }
func (r FinalVoteRequest) text() string            { return r.MeetingNotes }
func (r ReasonsRequest) text() string              { return r.Reasons }
func (r ConcernRequest) text() string              { return r.Concern }
func (r ExplanationRequest) text() string          { return r.Explanation }

// AssignReviewersRequest assigns three SMC members to review a proposal.
type AssignReviewersRequest struct {
	ReviewerIDs []string `json:"reviewer_ids" doc:"exactly three distinct current SMC members, none of them the proponent"`
	Comment     string   `json:"comment,omitempty"`
}

// RecordReviewRequest is an assigned reviewer's answers to the policy's three questions.
type RecordReviewRequest struct {
	Duplicates            *bool  `json:"duplicates" doc:"Q1: does it duplicate an existing offering?"`
	DuplicateOf           string `json:"duplicate_of,omitempty" doc:"the existing offering it duplicates"`
	DuplicateDepartmentID string `json:"duplicate_department_id,omitempty" doc:"the department with the existing offering; required when duplicates is true"`
	CompetencyBased       *bool  `json:"competency_based" doc:"Q2: is it competency-based?"`
	CreditBearing         *bool  `json:"credit_bearing" doc:"Q3: is it credit-bearing or embedded in credit-bearing courses?"`
	Comment               string `json:"comment,omitempty"`
}

// DecisionRequest is a yes or no, with a comment (required for a no where the policy asks for reasons).
type DecisionRequest struct {
	Approve *bool  `json:"approve"`
	Comment string `json:"comment,omitempty"`
}

// SSCCDecisionRequest is SSCC's review of a credit request.
type SSCCDecisionRequest struct {
	Recommend *bool  `json:"recommend" doc:"true: recommend it to Senate; false: approved as non credit-bearing (comment required)"`
	Comment   string `json:"comment,omitempty"`
}

// SSCCResolutionRequest is SSCC's answer to the Provost's explanation.
type SSCCResolutionRequest struct {
	ReferToSenate *bool  `json:"refer_to_senate" doc:"true: refer the badge to Senate (comment required); false: SSCC is satisfied"`
	Comment       string `json:"comment,omitempty"`
}

// SenateResolutionRequest is Senate's final decision on a referred badge.
type SenateResolutionRequest struct {
	Rescind *bool  `json:"rescind" doc:"true: rescind the badge, stopping new issuance (comment required); false: retain it"`
	Comment string `json:"comment,omitempty"`
}

// textAction is a workflow action whose service method takes one text.
type textAction func(svc *issuer.Service, ctx context.Context, p issuer.Principal, versionID, text string) (*issuer.Version, error)

// withText handles a workflow action on /versions/:id whose body is B.
func withText[B interface{ text() string }](call textAction) handler {
	return func(s *Server, c *gin.Context, p issuer.Principal) (any, error) {
		var req B
		if err := bindJSON(c, &req); err != nil {
			return nil, err
		}
		return s.versionResult(call(s.svc, c.Request.Context(), p, c.Param("id"), req.text()))
	}
}

// decisionAction is a workflow action whose service method takes a yes or no and a comment.
type decisionAction func(svc *issuer.Service, ctx context.Context, p issuer.Principal, versionID string, yes bool, comment string) (*issuer.Version, error)

// withDecision handles a workflow action on /versions/:id whose body is B,
// a required yes or no with a comment.
func withDecision[B any, PB interface {
	*B
	decision() (bool, string)
}](call decisionAction) handler {
	return func(s *Server, c *gin.Context, p issuer.Principal) (any, error) {
		req := PB(new(B))
		if err := bindJSON(c, req); err != nil {
			return nil, err
		}
		yes, comment := req.decision()
		return s.versionResult(call(s.svc, c.Request.Context(), p, c.Param("id"), yes, comment))
	}
}

// decision is called after bindJSON, which has checked the pointers are set.
func (r *DecisionRequest) decision() (bool, string)         { return *r.Approve, r.Comment }
func (r *SSCCDecisionRequest) decision() (bool, string)     { return *r.Recommend, r.Comment }
func (r *SSCCResolutionRequest) decision() (bool, string)   { return *r.ReferToSenate, r.Comment }
func (r *SenateResolutionRequest) decision() (bool, string) { return *r.Rescind, r.Comment }

func (s *Server) getVersion(c *gin.Context, p issuer.Principal) (any, error) {
	view, err := s.svc.GetVersion(c.Request.Context(), p, c.Param("id"))
	if err != nil {
		return nil, err
	}
	return VersionDetail{Version: s.toVersion(view.Version), Reviews: mapSlice(view.Reviews, toReview),
		Votes: mapSlice(view.Votes, toVote), Consultations: mapSlice(view.Consultations, s.toConsultation)}, nil
}

func (s *Server) updateOutline(c *gin.Context, p issuer.Principal) (any, error) {
	var req UpdateOutlineRequest
	if err := bindJSON(c, &req); err != nil {
		return nil, err
	}
	return s.versionResult(s.svc.UpdateOutline(c.Request.Context(), p, c.Param("id"), *req.Rev, issuer.Outline(req.Outline)))
}

func (s *Server) assignReviewers(c *gin.Context, p issuer.Principal) (any, error) {
	var req AssignReviewersRequest
	if err := bindJSON(c, &req); err != nil {
		return nil, err
	}
	return s.versionResult(s.svc.AssignReviewers(c.Request.Context(), p, c.Param("id"), req.ReviewerIDs, req.Comment))
}

func (s *Server) recordReview(c *gin.Context, p issuer.Principal) (any, error) {
	var req RecordReviewRequest
	if err := bindJSON(c, &req); err != nil {
		return nil, err
	}
	return s.versionResult(s.svc.RecordReview(c.Request.Context(), p, c.Param("id"), issuer.ReviewAnswers{
		Duplicates: *req.Duplicates, DuplicateOf: req.DuplicateOf, DuplicateDep: req.DuplicateDepartmentID,
		Competency: *req.CompetencyBased, CreditBased: *req.CreditBearing, Comment: req.Comment}))
}
