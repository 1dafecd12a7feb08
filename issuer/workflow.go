package issuer

import (
	"context"
	"fmt"
	"slices"
	"time"

	"badged/issuer/approval"
	"badged/issuer/audit"
)

// NewCredential is the input to CreateCredential.
type NewCredential struct {
	Kind         approval.Kind
	Title        string
	DepartmentID string
	Outline      Outline
}

// CreateCredential starts a proposal: the credential and its first version, a draft.
func (s *Service) CreateCredential(ctx context.Context, p Principal, in NewCredential) (*Credential, *Version, error) {
	if err := authorize(p, ActCreateCredential); err != nil {
		return nil, nil, err
	}
	if !in.Kind.Valid() {
		return nil, nil, Errorf(EInvalid, "kind must be micro_credential or digital_badge")
	}
	title, err := checkName("title", in.Title)
	if err != nil {
		return nil, nil, err
	}
	now := s.clock()
	c := &Credential{ID: NewID(), Kind: in.Kind, Title: title, DepartmentID: in.DepartmentID, ProponentID: p.User.ID, CreatedAt: now}
	v := &Version{ID: NewID(), CredentialID: c.ID, Kind: in.Kind, Number: 1, State: approval.Draft, Outline: in.Outline, CreatedAt: now, UpdatedAt: now}
	if v.Outline == nil {
		v.Outline = Outline{}
	}
	err = s.store.InTx(ctx, func(tx Store) error {
		if _, err := tx.GetDepartment(ctx, in.DepartmentID); err != nil {
			return invalidRef(err, "department %s", in.DepartmentID)
		}
		if err := s.prepareOutline(ctx, tx, v, false); err != nil {
			return err
		}
		if err := tx.CreateCredential(ctx, c); err != nil {
			return err
		}
		if err := tx.CreateVersion(ctx, v); err != nil {
			return err
		}
		return record(ctx, tx, audit.Event{SubjectType: "version", SubjectID: v.ID, Action: "create",
			ActorID: p.User.ID, ActorRole: string(RoleProponent), At: now, ToState: string(v.State),
			Data: audit.CanonicalJSON(map[string]any{"credential_id": c.ID, "kind": c.Kind, "title": c.Title, "department_id": c.DepartmentID, "outline": v.Outline})})
	})
	if err != nil {
		return nil, nil, err
	}
	return c, v, nil
}

func (s *Service) prepareOutline(ctx context.Context, tx Store, v *Version, complete bool) error {
	fields, err := tx.ListOutlineFields(ctx, v.Kind)
	if err != nil {
		return err
	}
	if err := checkOutline(ctx, tx, fields, v.Outline, complete); err != nil {
		return err
	}
	c, credits, err := creditOf(v.Kind, v.Outline)
	if err != nil {
		return err
	}
	if complete && c == approval.CreditBearing && credits <= 0 {
		return Errorf(EInvalid, "a credit-bearing request states its credits")
	}
	v.CreditRequested, v.Credits = c, credits
	return nil
}

// CredentialView is a credential with its versions and whether it may be issued now.
type CredentialView struct {
	Credential Credential
	Versions   []Version
	Issue      IssueDecision
}

// canReadAll reports whether p sees every proposal; proponents without
// another staff role see their own only.
func canReadAll(p Principal) bool {
	return p.HasAny(RoleAdmin, RoleSMCChair, RoleSMCMember, RoleDBCChair, RoleDBCMember, RoleProvost,
		RoleSSCCSecretary, RoleSenateSecretary, RoleDepartmentChair, RoleDelegate)
}

func (s *Service) readableCredential(ctx context.Context, p Principal, id string) (*Credential, error) {
	if err := authorize(p, ActReadCredentials); err != nil {
		return nil, err
	}
	c, err := s.store.GetCredential(ctx, id)
	if err != nil {
		return nil, err
	}
	if !canReadAll(p) && c.ProponentID != p.User.ID {
		return nil, Errorf(ENotFound, "credential %s not found", id)
	}
	return c, nil
}

// GetCredential returns a credential with its versions.
func (s *Service) GetCredential(ctx context.Context, p Principal, id string) (*CredentialView, error) {
	c, err := s.readableCredential(ctx, p, id)
	if err != nil {
		return nil, err
	}
	vs, err := s.store.ListVersions(ctx, VersionFilter{CredentialID: id}, Page{Limit: MaxPageSize})
	if err != nil {
		return nil, err
	}
	return &CredentialView{Credential: *c, Versions: vs, Issue: decide(vs)}, nil
}

// ListCredentials lists the credentials p may see.
func (s *Service) ListCredentials(ctx context.Context, p Principal, pg Page) ([]Credential, error) {
	if err := authorize(p, ActReadCredentials); err != nil {
		return nil, err
	}
	var f CredentialFilter
	if !canReadAll(p) {
		f.ProponentID = p.User.ID
	}
	return s.store.ListCredentials(ctx, f, pg.Normalize())
}

// VersionView is a version with its reviews, votes and consultations.
type VersionView struct {
	Version       Version
	Reviews       []Review
	Votes         []Vote
	Consultations []Consultation
}

// GetVersion returns a version with what its review recorded in its current round.
func (s *Service) GetVersion(ctx context.Context, p Principal, id string) (*VersionView, error) {
	v, err := s.store.GetVersion(ctx, id)
	if err != nil {
		return nil, err
	}
	if _, err := s.readableCredential(ctx, p, v.CredentialID); err != nil {
		return nil, err
	}
	view := &VersionView{Version: *v}
	if view.Reviews, err = s.store.ListReviews(ctx, v.ID, v.Round); err != nil {
		return nil, err
	}
	for _, b := range []Ballot{BallotReview, BallotFinal, BallotAppeal, BallotDBC} {
		votes, err := s.store.ListVotes(ctx, v.ID, v.Round, b)
		if err != nil {
			return nil, err
		}
		view.Votes = append(view.Votes, votes...)
	}
	if view.Consultations, err = s.store.ListConsultations(ctx, v.ID); err != nil {
		return nil, err
	}
	return view, nil
}

// UpdateOutline replaces a version's outline while the proponent may edit it
// (draft, incomplete, returned). rev must be the revision the proponent
// edited, so a concurrent change is a conflict, not a lost update.
func (s *Service) UpdateOutline(ctx context.Context, p Principal, versionID string, rev int64, o Outline) (*Version, error) {
	if err := authorize(p, ActEditVersion); err != nil {
		return nil, err
	}
	var out *Version
	err := s.store.InTx(ctx, func(tx Store) error {
		v, err := tx.GetVersion(ctx, versionID)
		if err != nil {
			return err
		}
		c, err := tx.GetCredential(ctx, v.CredentialID)
		if err != nil {
			return err
		}
		if c.ProponentID != p.User.ID {
			return Errorf(EForbidden, "only the proposal's proponent may edit it")
		}
		if !approval.Editable(v.State) {
			return Errorf(ETransition, "a version that is %s cannot be edited", v.State)
		}
		if rev != v.Rev {
			return Errorf(EConflict, "version %s changed (revision %d, you edited %d); reload and retry", v.ID, v.Rev, rev)
		}
		v.Outline = o
		if err := s.prepareOutline(ctx, tx, v, false); err != nil {
			return err
		}
		now := s.clock()
		v.UpdatedAt = now
		if err := tx.UpdateVersion(ctx, v); err != nil {
			return err
		}
		out = v
		return record(ctx, tx, audit.Event{SubjectType: "version", SubjectID: v.ID, Action: "edit_outline",
			ActorID: p.User.ID, ActorRole: string(RoleProponent), At: now, FromState: string(v.State), ToState: string(v.State),
			Data: audit.CanonicalJSON(map[string]any{"outline": o})})
	})
	return out, err
}

// Submit sends a draft to its committee: the SMC Chair for a
// micro-credential, the DBC for a digital badge. The outline must be complete.
func (s *Service) Submit(ctx context.Context, p Principal, versionID, comment string) (*Version, error) {
	return s.submit(ctx, p, versionID, approval.Submit, comment)
}

// Resubmit sends a version back after feedback, a return for revisions or
// a declined signature; it starts a new round.
func (s *Service) Resubmit(ctx context.Context, p Principal, versionID, comment string) (*Version, error) {
	return s.submit(ctx, p, versionID, approval.Resubmit, comment)
}

func (s *Service) submit(ctx context.Context, p Principal, versionID string, ev approval.Event, comment string) (*Version, error) {
	if err := authorize(p, ActEditVersion); err != nil {
		return nil, err
	}
	comment, err := checkComment(comment, false, "comment")
	if err != nil {
		return nil, err
	}
	return s.act(ctx, p, versionID, ev, comment, func(ctx context.Context, tx Store, v *Version, _ *Credential, now time.Time) (step, error) {
		if err := s.prepareOutline(ctx, tx, v, true); err != nil {
			return step{}, err
		}
		v.Round++
		v.AppealUsed = false
		v.ReviewDueAt, v.ConsultDueAt = nil, nil
		v.SubmittedAt = &now
		return step{data: map[string]any{"round": v.Round, "credit_requested": v.CreditRequested, "credits": v.Credits}}, nil
	})
}

// Withdraw withdraws a proposal that is not under decision.
func (s *Service) Withdraw(ctx context.Context, p Principal, versionID, comment string) (*Version, error) {
	if err := authorize(p, ActEditVersion); err != nil {
		return nil, err
	}
	comment, err := checkComment(comment, false, "comment")
	if err != nil {
		return nil, err
	}
	return s.act(ctx, p, versionID, approval.Withdraw, comment, nil)
}

// ReturnIncomplete is the SMC Chair's completeness check failing: feedback
// goes to the proponent, who may resubmit any number of times.
func (s *Service) ReturnIncomplete(ctx context.Context, p Principal, versionID, feedback string) (*Version, error) {
	if err := authorize(p, ActReturnIncomplete); err != nil {
		return nil, err
	}
	feedback, err := checkComment(feedback, true, "feedback")
	if err != nil {
		return nil, err
	}
	return s.act(ctx, p, versionID, approval.ReturnIncomplete, feedback, nil)
}

// AssignReviewers is the SMC Chair finding the proposal complete and
// assigning exactly three distinct current SMC members, none of them the
// proponent. The review window of ReviewWorkingDays starts now.
func (s *Service) AssignReviewers(ctx context.Context, p Principal, versionID string, reviewerIDs []string, comment string) (*Version, error) {
	if err := authorize(p, ActAssignReviewers); err != nil {
		return nil, err
	}
	comment, err := checkComment(comment, false, "comment")
	if err != nil {
		return nil, err
	}
	if len(reviewerIDs) != 3 {
		return nil, Errorf(EInvalid, "exactly three reviewers are assigned (got %d)", len(reviewerIDs))
	}
	distinct := slices.Clone(reviewerIDs)
	slices.Sort(distinct)
	if len(slices.Compact(distinct)) != 3 {
		return nil, Errorf(EInvalid, "the three reviewers must be three different people")
	}
	return s.act(ctx, p, versionID, approval.AssignReviewers, comment, func(ctx context.Context, tx Store, v *Version, c *Credential, now time.Time) (step, error) {
		members, err := s.memberIDs(ctx, tx, SMC, now)
		if err != nil {
			return step{}, err
		}
		for _, id := range reviewerIDs {
			if id == c.ProponentID {
				return step{}, Errorf(EInvalid, "the proponent cannot review their own proposal")
			}
			if !slices.Contains(members, id) {
				return step{}, Errorf(EInvalid, "user %s is not a current SMC member", id)
			}
		}
		due, err := s.cal.Deadline(now, s.cfg.ReviewWorkingDays)
		if err != nil {
			return step{}, err
		}
		v.ReviewDueAt = &due
		for _, id := range reviewerIDs {
			if err := tx.CreateReview(ctx, &Review{VersionID: v.ID, Round: v.Round, ReviewerID: id, AssignedAt: now}); err != nil {
				return step{}, err
			}
		}
		return step{data: map[string]any{"round": v.Round, "reviewers": reviewerIDs, "review_due_at": due, "smc_members": members}}, nil
	})
}

// ReviewAnswers are one reviewer's answers to the policy's three questions.
type ReviewAnswers struct {
	Duplicates   bool
	DuplicateOf  string // what existing offering it duplicates
	DuplicateDep string // the department with the existing offering
	Competency   bool
	CreditBased  bool
	Comment      string
}

// RecordReview records an assigned reviewer's answers. A "duplicates" answer
// sends the proposal to the Department Chair of the existing offering, who
// has ConsultWorkingDays to respond to the SMC Chair.
func (s *Service) RecordReview(ctx context.Context, p Principal, versionID string, a ReviewAnswers) (*Version, error) {
	if err := authorize(p, ActRecordReview); err != nil {
		return nil, err
	}
	comment, err := checkComment(a.Comment, false, "comment")
	if err != nil {
		return nil, err
	}
	if a.Duplicates && a.DuplicateDep == "" {
		return nil, Errorf(EInvalid, "a duplicate names the department with the existing offering (duplicate_department_id)")
	}
	return s.act(ctx, p, versionID, approval.RecordReview, comment, func(ctx context.Context, tx Store, v *Version, _ *Credential, now time.Time) (step, error) {
		r, err := s.assignedReview(ctx, tx, v, p.User.ID)
		if err != nil {
			return step{}, err
		}
		if r.AnsweredAt != nil {
			return step{}, Errorf(EConflict, "you have already reviewed this proposal in this round")
		}
		r.AnsweredAt, r.Duplicates, r.DuplicateOf, r.DuplicateDep = &now, &a.Duplicates, a.DuplicateOf, a.DuplicateDep
		r.Competency, r.CreditBased, r.Comment = &a.Competency, &a.CreditBased, comment
		if err := tx.UpdateReview(ctx, r); err != nil {
			return step{}, err
		}
		st := step{data: map[string]any{"duplicates": a.Duplicates, "duplicate_of": a.DuplicateOf, "duplicate_department_id": a.DuplicateDep,
			"competency_based": a.Competency, "credit_bearing": a.CreditBased}}
		if !a.Duplicates {
			return st, nil
		}
		if _, err := tx.GetDepartment(ctx, a.DuplicateDep); err != nil {
			return step{}, invalidRef(err, "department %s", a.DuplicateDep)
		}
		if _, err := openConsultation(ctx, tx, v); err == nil {
			return st, nil // the Department Chair already has the proposal
		}
		due, err := s.cal.Deadline(now, s.cfg.ConsultWorkingDays)
		if err != nil {
			return step{}, err
		}
		cons := &Consultation{ID: NewID(), VersionID: v.ID, Round: v.Round, DepartmentID: a.DuplicateDep, DuplicateOf: a.DuplicateOf, RequestedAt: now, DueAt: due}
		if err := tx.CreateConsultation(ctx, cons); err != nil {
			return step{}, err
		}
		v.ConsultDueAt = &due
		if v.State == approval.InReview {
			st.then = append(st.then, derived{event: approval.ReferDuplication,
				comment: "sent to the Department Chair of the existing offering",
				data:    map[string]any{"consultation_id": cons.ID, "department_id": cons.DepartmentID, "due_at": due}})
		}
		return st, nil
	})
}

// RespondConsultation is the Department Chair's response to the SMC Chair.
func (s *Service) RespondConsultation(ctx context.Context, p Principal, versionID, response string) (*Version, error) {
	if err := authorize(p, ActRespondConsult); err != nil {
		return nil, err
	}
	response, err := checkComment(response, true, "response")
	if err != nil {
		return nil, err
	}
	return s.act(ctx, p, versionID, approval.DepartmentRespond, response, func(ctx context.Context, tx Store, v *Version, _ *Credential, now time.Time) (step, error) {
		cons, err := openConsultation(ctx, tx, v)
		if err != nil {
			return step{}, err
		}
		cons.Response, cons.RespondedBy, cons.RespondedAt = response, p.User.ID, &now
		v.ConsultDueAt = nil
		return step{data: map[string]any{"consultation_id": cons.ID, "late": now.After(cons.DueAt)}}, tx.UpdateConsultation(ctx, cons)
	})
}

// CloseConsultation lets the SMC Chair resume the review once the
// Department Chair's response window has passed without a response.
func (s *Service) CloseConsultation(ctx context.Context, p Principal, versionID, comment string) (*Version, error) {
	if err := authorize(p, ActCloseConsult); err != nil {
		return nil, err
	}
	comment, err := checkComment(comment, false, "comment")
	if err != nil {
		return nil, err
	}
	return s.act(ctx, p, versionID, approval.CloseConsultation, comment, func(ctx context.Context, tx Store, v *Version, _ *Credential, now time.Time) (step, error) {
		cons, err := openConsultation(ctx, tx, v)
		if err != nil {
			return step{}, err
		}
		if now.Before(cons.DueAt) {
			return step{}, Errorf(ETransition, "the Department Chair has until %s to respond", cons.DueAt.In(s.cal.Location()).Format(time.RFC3339))
		}
		cons.ClosedAt = &now
		v.ConsultDueAt = nil
		return step{data: map[string]any{"consultation_id": cons.ID}}, tx.UpdateConsultation(ctx, cons)
	})
}

// CallQuestion is the SMC Chair calling the question: after the review
// window ends, or earlier once all three reviews are in (when EarlyCall).
func (s *Service) CallQuestion(ctx context.Context, p Principal, versionID, comment string) (*Version, error) {
	if err := authorize(p, ActCallQuestion); err != nil {
		return nil, err
	}
	comment, err := checkComment(comment, false, "comment")
	if err != nil {
		return nil, err
	}
	return s.act(ctx, p, versionID, approval.CallQuestion, comment, func(ctx context.Context, tx Store, v *Version, _ *Credential, now time.Time) (step, error) {
		reviews, err := tx.ListReviews(ctx, v.ID, v.Round)
		if err != nil {
			return step{}, err
		}
		answered := 0
		for _, r := range reviews {
			if r.Answered() {
				answered++
			}
		}
		windowOver := v.ReviewDueAt != nil && !now.Before(*v.ReviewDueAt)
		allIn := answered == len(reviews) && len(reviews) == 3
		if !windowOver && !(s.cfg.EarlyCall && allIn) {
			return step{}, Errorf(ETransition, "the review window runs until %s and %d of 3 reviews are in",
				v.ReviewDueAt.In(s.cal.Location()).Format(time.RFC3339), answered)
		}
		return step{data: map[string]any{"reviews_in": answered, "window_over": windowOver}}, nil
	})
}

// CallFinalVote ends the electronic meeting held after a non-unanimous vote
// and calls the final vote. The meeting's notes are recorded.
func (s *Service) CallFinalVote(ctx context.Context, p Principal, versionID, meetingNotes string) (*Version, error) {
	if err := authorize(p, ActCallFinalVote); err != nil {
		return nil, err
	}
	notes, err := checkComment(meetingNotes, true, "meeting notes")
	if err != nil {
		return nil, err
	}
	return s.act(ctx, p, versionID, approval.CallFinalVote, notes, nil)
}

// OpenAppeal is the SMC Chair allowing, at the Chair's discretion, an appeal
// of the SMC decision to the entire committee. One appeal per round.
func (s *Service) OpenAppeal(ctx context.Context, p Principal, versionID, comment string) (*Version, error) {
	if err := authorize(p, ActOpenAppeal); err != nil {
		return nil, err
	}
	comment, err := checkComment(comment, true, "the grounds of the appeal")
	if err != nil {
		return nil, err
	}
	return s.act(ctx, p, versionID, approval.OpenAppeal, comment, func(ctx context.Context, tx Store, v *Version, _ *Credential, now time.Time) (step, error) {
		if v.AppealUsed {
			return step{}, Errorf(ETransition, "this round's decision has already been appealed")
		}
		final, err := tx.ListVotes(ctx, v.ID, v.Round, BallotFinal)
		if err != nil {
			return step{}, err
		}
		if len(final) == 0 {
			return step{}, Errorf(ETransition, "only an SMC decision can be appealed; this version was not returned by an SMC vote")
		}
		v.AppealUsed = true
		members, err := s.memberIDs(ctx, tx, SMC, now)
		if err != nil {
			return step{}, err
		}
		return step{data: map[string]any{"smc_members": members}}, nil
	})
}

// CastVote records p's vote on the ballot the version's state calls for,
// and when the ballot is decided fires its outcome.
func (s *Service) CastVote(ctx context.Context, p Principal, versionID string, approve bool, comment string) (*Version, error) {
	if err := authorize(p, ActVote); err != nil {
		return nil, err
	}
	comment, err := checkComment(comment, false, "comment")
	if err != nil {
		return nil, err
	}
	return s.act(ctx, p, versionID, approval.CastVote, comment, func(ctx context.Context, tx Store, v *Version, _ *Credential, now time.Time) (step, error) {
		ballot := map[approval.State]Ballot{approval.Voting: BallotReview, approval.FinalVoting: BallotFinal, approval.Appeal: BallotAppeal, approval.DBCReview: BallotDBC}[v.State]
		if ballot == BallotDBC && s.cfg.DBCDecision == DBCChair {
			return step{}, Errorf(ETransition, "the DBC Chair decides digital badges here; members do not vote")
		}
		vote := &Vote{VersionID: v.ID, Round: v.Round, Ballot: ballot, VoterID: p.User.ID, Approve: approve, Comment: comment, CastAt: now}
		if err := tx.CreateVote(ctx, vote); err != nil {
			if IsCode(err, EConflict) {
				return step{}, Errorf(EConflict, "you have already voted on this ballot")
			}
			return step{}, err
		}
		votes, err := tx.ListVotes(ctx, v.ID, v.Round, ballot)
		if err != nil {
			return step{}, err
		}
		yes := 0
		for _, x := range votes {
			if x.Approve {
				yes++
			}
		}
		st := step{data: map[string]any{"ballot": ballot, "approve": approve, "round": v.Round}}
		tally := map[string]any{"approve": yes, "reject": len(votes) - yes}
		switch ballot {
		case BallotReview, BallotFinal:
			if len(votes) < 3 {
				return st, nil
			}
			unanimous, split := approval.VotesUnanimous, approval.VotesSplit
			if ballot == BallotFinal {
				unanimous, split = approval.FinalUnanimous, approval.FinalSplit
			}
			if yes == 3 {
				st.then = append(st.then, derived{event: unanimous, comment: "all three reviewers approve", data: tally})
			} else {
				st.then = append(st.then, derived{event: split, comment: fmt.Sprintf("%d of 3 approve", yes), data: tally})
			}
		case BallotAppeal, BallotDBC:
			c := SMC
			upheld, denied := approval.AppealUpheld, approval.AppealDenied
			if ballot == BallotDBC {
				c, upheld, denied = DBC, approval.DBCApprove, approval.DBCReject
			}
			members, err := s.memberIDs(ctx, tx, c, now)
			if err != nil {
				return step{}, err
			}
			tally["members"] = members
			majority := len(members)/2 + 1
			switch {
			case yes >= majority:
				st.then = append(st.then, derived{event: upheld, comment: fmt.Sprintf("%d of %d members approve", yes, len(members)), data: tally})
			case len(members)-(len(votes)-yes) < majority:
				st.then = append(st.then, derived{event: denied, comment: fmt.Sprintf("%d of %d members reject; a majority can no longer approve", len(votes)-yes, len(members)), data: tally})
			}
		}
		return st, nil
	})
}

// ChairSign is the SMC Chair signing a unanimously approved proposal and
// sending it to the Provost.
func (s *Service) ChairSign(ctx context.Context, p Principal, versionID, comment string) (*Version, error) {
	if err := authorize(p, ActChairSign); err != nil {
		return nil, err
	}
	comment, err := checkComment(comment, false, "comment")
	if err != nil {
		return nil, err
	}
	return s.act(ctx, p, versionID, approval.ChairSign, comment, nil)
}

// ProvostSign is the Provost's signature. A non credit-bearing
// micro-credential is then approved; a credit request goes to SSCC and,
// until Senate approves, may be issued only as non credit-bearing.
func (s *Service) ProvostSign(ctx context.Context, p Principal, versionID, comment string) (*Version, error) {
	if err := authorize(p, ActProvostSign); err != nil {
		return nil, err
	}
	comment, err := checkComment(comment, false, "comment")
	if err != nil {
		return nil, err
	}
	v, err := s.store.GetVersion(ctx, versionID)
	if err != nil {
		return nil, err
	}
	ev := approval.ProvostSign
	if v.CreditRequested.NeedsSenate() {
		ev = approval.ProvostSignCredit
	}
	// The credit request cannot change while the version awaits signatures,
	// so choosing the event from this read is safe; act re-checks the state.
	return s.act(ctx, p, versionID, ev, comment, nil)
}

// ProvostDecline returns the proposal to its proponent with reasons.
func (s *Service) ProvostDecline(ctx context.Context, p Principal, versionID, reasons string) (*Version, error) {
	if err := authorize(p, ActProvostDecline); err != nil {
		return nil, err
	}
	reasons, err := checkComment(reasons, true, "reasons")
	if err != nil {
		return nil, err
	}
	return s.act(ctx, p, versionID, approval.ProvostDecline, reasons, nil)
}

// SSCCDecide records SSCC's review of a credit request: recommended to
// Senate, or not (then approved as non credit-bearing).
func (s *Service) SSCCDecide(ctx context.Context, p Principal, versionID string, recommend bool, comment string) (*Version, error) {
	if err := authorize(p, ActSSCCDecide); err != nil {
		return nil, err
	}
	comment, err := checkComment(comment, !recommend, "the reason SSCC does not recommend it")
	if err != nil {
		return nil, err
	}
	ev := approval.SSCCRecommend
	var fn func(context.Context, Store, *Version, *Credential, time.Time) (step, error)
	if !recommend {
		ev = approval.SSCCDecline
		fn = grantCredit(false)
	}
	return s.act(ctx, p, versionID, ev, comment, fn)
}

// SenateDecide records Senate's decision on a credit request: approved makes
// the requested credit status issuable; refused leaves it non credit-bearing.
func (s *Service) SenateDecide(ctx context.Context, p Principal, versionID string, approve bool, comment string) (*Version, error) {
	if err := authorize(p, ActSenateDecide); err != nil {
		return nil, err
	}
	comment, err := checkComment(comment, !approve, "the reason Senate refuses it")
	if err != nil {
		return nil, err
	}
	ev := approval.SenateApprove
	if !approve {
		ev = approval.SenateDecline
	}
	return s.act(ctx, p, versionID, ev, comment, grantCredit(approve))
}

func grantCredit(granted bool) func(context.Context, Store, *Version, *Credential, time.Time) (step, error) {
	return func(_ context.Context, _ Store, v *Version, _ *Credential, _ time.Time) (step, error) {
		v.CreditGranted = approval.NonCreditBearing
		if granted {
			v.CreditGranted = v.CreditRequested
		}
		return step{data: map[string]any{"credit_requested": v.CreditRequested, "credit_granted": v.CreditGranted, "credits": v.Credits}}, nil
	}
}
