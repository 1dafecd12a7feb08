package issuer_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"badged/issuer"
	"badged/issuer/approval"
	"badged/issuer/audit"
	"badged/issuer/issuertest"
)

// TestWorkflow runs the whole approval workflow suite on every database.
func TestWorkflow(t *testing.T) {
	t.Parallel()
	for _, dialect := range issuertest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			t.Parallel()
			for name, scenario := range scenarios {
				t.Run(name, func(t *testing.T) {
					t.Parallel()
					scenario(t, issuertest.New(t, issuertest.OpenStore(t, dialect)))
				})
			}
		})
	}
}

var scenarios = map[string]func(*testing.T, *issuertest.World){
	"non credit micro-credential to approved":  testNonCreditToApproved,
	"credit-bearing through interim to Senate": testCreditBearing,
	"credit refused by SSCC stays non credit":  testCreditRefused,
	"split vote, meeting, return, appeal":      testSplitMeetingAppeal,
	"duplication branch":                       testDuplication,
	"incomplete and resubmitted":               testIncomplete,
	"provost declines":                         testProvostDeclines,
	"digital badge DBC report query senate":    testDigitalBadge,
	"refusals change nothing":                  testRefusals,
	"revision keeps the approved version":      testRevision,
	"offerings annual review discontinuance":   testDiscontinuance,
	"concurrent votes and transitions":         testConcurrency,
	"overdue reviews are listed":               testOverdue,
	"committee composition gaps":               testComposition,
}

type flow struct {
	t *testing.T
	w *issuertest.World
	v *issuer.Version
}

func newMicro(t *testing.T, w *issuertest.World, credit approval.CreditStatus, credits float64) *flow {
	t.Helper()
	_, v, err := w.Svc.CreateCredential(w.Ctx, w.P(w.Proponent), issuer.NewCredential{
		Kind: approval.MicroCredential, Title: "Design Thinking", DepartmentID: w.Departments[0].ID,
		Outline: w.MicroOutline(credit, credits)})
	require.NoError(t, err)
	require.Equal(t, approval.Draft, v.State)
	return &flow{t: t, w: w, v: v}
}

// do runs one action that must succeed and land in want.
func (f *flow) do(want approval.State, fn func() (*issuer.Version, error)) {
	f.t.Helper()
	v, err := fn()
	require.NoError(f.t, err)
	require.Equal(f.t, want, v.State)
	f.v = v
}

// refused runs one action that must fail with code and change nothing.
func (f *flow) refused(code string, fn func() (*issuer.Version, error)) {
	f.t.Helper()
	before := f.snapshot()
	_, err := fn()
	require.Error(f.t, err)
	require.Equal(f.t, code, issuer.ErrorCode(err), "error: %v", err)
	require.NotEmpty(f.t, issuer.ErrorMessage(err))
	require.Equal(f.t, before, f.snapshot(), "a refused action changed something")
}

type snapshot struct {
	version issuer.Version
	events  int
	votes   int
	reviews []issuer.Review
}

func (f *flow) snapshot() snapshot {
	f.t.Helper()
	ctx, st := f.w.Ctx, f.w.Store
	v, err := st.GetVersion(ctx, f.v.ID)
	require.NoError(f.t, err)
	evs, err := st.ListAudit(ctx, "version", v.ID)
	require.NoError(f.t, err)
	votes := 0
	for _, b := range []issuer.Ballot{issuer.BallotReview, issuer.BallotFinal, issuer.BallotAppeal, issuer.BallotDBC} {
		vs, err := st.ListVotes(ctx, v.ID, v.Round, b)
		require.NoError(f.t, err)
		votes += len(vs)
	}
	rs, err := st.ListReviews(ctx, v.ID, v.Round)
	require.NoError(f.t, err)
	return snapshot{version: *v, events: len(evs), votes: votes, reviews: rs}
}

func (f *flow) submitAndAssign() {
	w, id := f.w, f.v.ID
	f.do(approval.Submitted, func() (*issuer.Version, error) { return w.Svc.Submit(w.Ctx, w.P(w.Proponent), id, "please review") })
	f.do(approval.InReview, func() (*issuer.Version, error) {
		return w.Svc.AssignReviewers(w.Ctx, w.P(w.SMCChair), id, w.SMCReviewers(), "complete")
	})
}

func (f *flow) reviewAll() {
	w, id := f.w, f.v.ID
	for _, r := range w.SMC[:3] {
		f.do(f.v.State, func() (*issuer.Version, error) {
			return w.Svc.RecordReview(w.Ctx, w.P(r), id, issuer.ReviewAnswers{Competency: true, CreditBased: f.v.CreditRequested.NeedsSenate(), Comment: "fine"})
		})
	}
}

func (f *flow) vote(want approval.State, approvals ...bool) {
	w, id := f.w, f.v.ID
	for i, yes := range approvals {
		state := f.v.State
		if i == len(approvals)-1 {
			state = want
		}
		f.do(state, func() (*issuer.Version, error) { return w.Svc.CastVote(w.Ctx, w.P(w.SMC[i]), id, yes, "") })
	}
}

func (f *flow) toChairSignature() {
	w, id := f.w, f.v.ID
	f.submitAndAssign()
	f.reviewAll()
	f.do(approval.Voting, func() (*issuer.Version, error) { return w.Svc.CallQuestion(w.Ctx, w.P(w.SMCChair), id, "") })
	f.vote(approval.ChairSignature, true, true, true)
}

func (f *flow) issue() issuer.IssueDecision {
	f.t.Helper()
	d, err := f.w.Svc.MayIssue(f.w.Ctx, f.v.CredentialID)
	require.NoError(f.t, err)
	return d
}

func (f *flow) history() []audit.Event {
	f.t.Helper()
	evs, err := f.w.Svc.History(f.w.Ctx, f.w.P(f.w.Admin), f.v.CredentialID)
	require.NoError(f.t, err)
	return evs
}

func actions(evs []audit.Event) []string {
	out := make([]string, len(evs))
	for i, e := range evs {
		out[i] = e.Action
	}
	return out
}

func testNonCreditToApproved(t *testing.T, w *issuertest.World) {
	f := newMicro(t, w, approval.NonCreditBearing, 0)
	require.False(t, f.issue().Issuable)
	f.toChairSignature()
	require.False(t, f.issue().Issuable, "not issuable before the signatures")
	f.do(approval.ProvostSignature, func() (*issuer.Version, error) { return w.Svc.ChairSign(w.Ctx, w.P(w.SMCChair), f.v.ID, "signed") })
	f.do(approval.Approved, func() (*issuer.Version, error) { return w.Svc.ProvostSign(w.Ctx, w.P(w.Provost), f.v.ID, "signed") })
	d := f.issue()
	require.True(t, d.Issuable)
	require.Equal(t, approval.NonCreditBearing, d.Credit)
	require.Equal(t, f.v.ID, d.VersionID)
	require.NotNil(t, f.v.ApprovedAt)

	evs := f.history()
	require.Equal(t, []string{"create", "submit", "assign_reviewers", "record_review", "record_review", "record_review",
		"call_question", "cast_vote", "cast_vote", "cast_vote", "votes_unanimous", "chair_sign", "provost_sign"}, actions(evs))
	last := evs[len(evs)-1]
	require.Equal(t, w.Provost.ID, last.ActorID)
	require.Equal(t, "provost", last.ActorRole)
	require.Equal(t, "provost_signature", last.FromState)
	require.Equal(t, "approved", last.ToState)
	require.Equal(t, "system", evs[10].ActorRole, "the vote's outcome is recorded as a system event")
	rep, err := w.Svc.VerifyAudit(w.Ctx, w.P(w.Admin))
	require.NoError(t, err)
	require.Nil(t, rep.Break)
}

func testCreditBearing(t *testing.T, w *issuertest.World) {
	f := newMicro(t, w, approval.CreditBearing, 3)
	f.toChairSignature()
	f.do(approval.ProvostSignature, func() (*issuer.Version, error) { return w.Svc.ChairSign(w.Ctx, w.P(w.SMCChair), f.v.ID, "") })
	f.do(approval.SSCCReview, func() (*issuer.Version, error) { return w.Svc.ProvostSign(w.Ctx, w.P(w.Provost), f.v.ID, "") })
	d := f.issue()
	require.True(t, d.Issuable, "issuable while SSCC and Senate decide")
	require.True(t, d.Interim)
	require.Equal(t, approval.NonCreditBearing, d.Credit, "only as non credit-bearing until Senate approves")
	require.Zero(t, d.Credits)
	f.do(approval.SenateReview, func() (*issuer.Version, error) {
		return w.Svc.SSCCDecide(w.Ctx, w.P(w.SSCC), f.v.ID, true, "recommended")
	})
	require.Equal(t, approval.NonCreditBearing, f.issue().Credit)
	f.do(approval.Approved, func() (*issuer.Version, error) {
		return w.Svc.SenateDecide(w.Ctx, w.P(w.Senate), f.v.ID, true, "approved")
	})
	d = f.issue()
	require.True(t, d.Issuable)
	require.False(t, d.Interim)
	require.Equal(t, approval.CreditBearing, d.Credit)
	require.Equal(t, 3.0, d.Credits)
}

func testCreditRefused(t *testing.T, w *issuertest.World) {
	f := newMicro(t, w, approval.Embedded, 0)
	f.toChairSignature()
	f.do(approval.ProvostSignature, func() (*issuer.Version, error) { return w.Svc.ChairSign(w.Ctx, w.P(w.SMCChair), f.v.ID, "") })
	f.do(approval.SSCCReview, func() (*issuer.Version, error) { return w.Svc.ProvostSign(w.Ctx, w.P(w.Provost), f.v.ID, "") })
	f.refused(issuer.EInvalid, func() (*issuer.Version, error) { return w.Svc.SSCCDecide(w.Ctx, w.P(w.SSCC), f.v.ID, false, "") })
	f.do(approval.Approved, func() (*issuer.Version, error) {
		return w.Svc.SSCCDecide(w.Ctx, w.P(w.SSCC), f.v.ID, false, "belongs in the program, not as credit")
	})
	d := f.issue()
	require.True(t, d.Issuable)
	require.Equal(t, approval.NonCreditBearing, d.Credit)
	require.Equal(t, approval.NonCreditBearing, f.v.CreditGranted)
}

func testSplitMeetingAppeal(t *testing.T, w *issuertest.World) {
	f := newMicro(t, w, approval.NonCreditBearing, 0)
	id := f.v.ID
	f.submitAndAssign()
	f.reviewAll()
	f.do(approval.Voting, func() (*issuer.Version, error) { return w.Svc.CallQuestion(w.Ctx, w.P(w.SMCChair), id, "") })
	f.vote(approval.Meeting, true, false, true)
	f.refused(issuer.EInvalid, func() (*issuer.Version, error) { return w.Svc.CallFinalVote(w.Ctx, w.P(w.SMCChair), id, " ") })
	f.do(approval.FinalVoting, func() (*issuer.Version, error) {
		return w.Svc.CallFinalVote(w.Ctx, w.P(w.SMCChair), id, "Met on Teams; discussed assessment.")
	})
	f.vote(approval.Returned, true, false, false)
	require.False(t, f.issue().Issuable)
	f.refused(issuer.EForbidden, func() (*issuer.Version, error) { return w.Svc.OpenAppeal(w.Ctx, w.P(w.Proponent), id, "please") })
	f.do(approval.Appeal, func() (*issuer.Version, error) {
		return w.Svc.OpenAppeal(w.Ctx, w.P(w.SMCChair), id, "the proponent appeals the assessment concern")
	})
	// Five current SMC members: three approvals are a majority.
	f.do(approval.Appeal, func() (*issuer.Version, error) { return w.Svc.CastVote(w.Ctx, w.P(w.SMC[3]), id, true, "") })
	f.do(approval.Appeal, func() (*issuer.Version, error) { return w.Svc.CastVote(w.Ctx, w.P(w.SMCChair), id, true, "") })
	f.refused(issuer.EConflict, func() (*issuer.Version, error) { return w.Svc.CastVote(w.Ctx, w.P(w.SMCChair), id, true, "") })
	f.do(approval.ChairSignature, func() (*issuer.Version, error) { return w.Svc.CastVote(w.Ctx, w.P(w.SMC[0]), id, true, "") })
	evs := f.history()
	require.Contains(t, actions(evs), "appeal_upheld")
	upheld := evs[len(evs)-1]
	require.Equal(t, "appeal_upheld", upheld.Action)
	require.Contains(t, string(upheld.Data), w.SMC[3].ID, "the decision records who was a member then")

	// A denied appeal returns it for good this round; a second appeal is refused.
	g := newMicro(t, w, approval.NonCreditBearing, 0)
	gid := g.v.ID
	g.submitAndAssign()
	g.reviewAll()
	g.do(approval.Voting, func() (*issuer.Version, error) { return w.Svc.CallQuestion(w.Ctx, w.P(w.SMCChair), gid, "") })
	g.vote(approval.Meeting, false, false, false)
	g.do(approval.FinalVoting, func() (*issuer.Version, error) { return w.Svc.CallFinalVote(w.Ctx, w.P(w.SMCChair), gid, "notes") })
	g.vote(approval.Returned, false, false, false)
	g.do(approval.Appeal, func() (*issuer.Version, error) { return w.Svc.OpenAppeal(w.Ctx, w.P(w.SMCChair), gid, "grounds") })
	for i, u := range []issuer.User{w.SMC[0], w.SMC[1], w.SMC[2]} {
		want := approval.Appeal
		if i == 2 {
			want = approval.Returned // 3 of 5 reject: a majority can no longer approve
		}
		g.do(want, func() (*issuer.Version, error) { return w.Svc.CastVote(w.Ctx, w.P(u), gid, false, "") })
	}
	g.refused(issuer.ETransition, func() (*issuer.Version, error) { return w.Svc.OpenAppeal(w.Ctx, w.P(w.SMCChair), gid, "again") })
	// The proponent revises and resubmits: a new round with new reviews.
	g.do(approval.Submitted, func() (*issuer.Version, error) { return w.Svc.Resubmit(w.Ctx, w.P(w.Proponent), gid, "revised") })
	require.Equal(t, 2, g.v.Round)
}

func testDuplication(t *testing.T, w *issuertest.World) {
	f := newMicro(t, w, approval.NonCreditBearing, 0)
	id := f.v.ID
	f.submitAndAssign()
	f.refused(issuer.EInvalid, func() (*issuer.Version, error) {
		return w.Svc.RecordReview(w.Ctx, w.P(w.SMC[0]), id, issuer.ReviewAnswers{Duplicates: true})
	})
	f.do(approval.DuplicationConsult, func() (*issuer.Version, error) {
		return w.Svc.RecordReview(w.Ctx, w.P(w.SMC[0]), id, issuer.ReviewAnswers{Duplicates: true, DuplicateOf: "HIST 210 Design History",
			DuplicateDep: w.Departments[1].ID, Competency: true})
	})
	require.NotNil(t, f.v.ConsultDueAt)
	// Monday 2 November 09:00 + 5 working days (3, 4, 5, 6 and 9 November): ends at the end of Monday 9 November.
	require.Equal(t, time.Date(2026, 11, 10, 0, 0, 0, 0, issuertest.Vancouver), f.v.ConsultDueAt.In(issuertest.Vancouver))
	// Reviews go on during the consultation; the question cannot be called.
	f.do(approval.DuplicationConsult, func() (*issuer.Version, error) {
		return w.Svc.RecordReview(w.Ctx, w.P(w.SMC[1]), id, issuer.ReviewAnswers{Competency: true})
	})
	f.refused(issuer.ETransition, func() (*issuer.Version, error) { return w.Svc.CallQuestion(w.Ctx, w.P(w.SMCChair), id, "") })
	// Only the chair of the department with the existing offering responds.
	f.refused(issuer.EForbidden, func() (*issuer.Version, error) {
		return w.Svc.RespondConsultation(w.Ctx, w.P(w.DeptChair), id, "no overlap")
	})
	f.refused(issuer.ETransition, func() (*issuer.Version, error) { return w.Svc.CloseConsultation(w.Ctx, w.P(w.SMCChair), id, "") })
	f.do(approval.InReview, func() (*issuer.Version, error) {
		return w.Svc.RespondConsultation(w.Ctx, w.P(w.OtherDeptChair), id, "Some overlap with HIST 210; we support it as complementary.")
	})
	view, err := w.Svc.GetVersion(w.Ctx, w.P(w.SMCChair), id)
	require.NoError(t, err)
	require.Len(t, view.Consultations, 1)
	require.Equal(t, w.OtherDeptChair.ID, view.Consultations[0].RespondedBy)
	f.do(approval.InReview, func() (*issuer.Version, error) {
		return w.Svc.RecordReview(w.Ctx, w.P(w.SMC[2]), id, issuer.ReviewAnswers{Competency: true})
	})
	f.do(approval.Voting, func() (*issuer.Version, error) { return w.Svc.CallQuestion(w.Ctx, w.P(w.SMCChair), id, "") })

	// Without a response, the SMC Chair closes the consultation once its window has passed.
	g := newMicro(t, w, approval.NonCreditBearing, 0)
	g.submitAndAssign()
	g.do(approval.DuplicationConsult, func() (*issuer.Version, error) {
		return w.Svc.RecordReview(w.Ctx, w.P(w.SMC[0]), g.v.ID, issuer.ReviewAnswers{Duplicates: true, DuplicateDep: w.Departments[1].ID})
	})
	w.Clock.Set(g.v.ConsultDueAt.Add(time.Minute))
	g.do(approval.InReview, func() (*issuer.Version, error) {
		return w.Svc.CloseConsultation(w.Ctx, w.P(w.SMCChair), g.v.ID, "no response")
	})
}

func testIncomplete(t *testing.T, w *issuertest.World) {
	f := newMicro(t, w, approval.NonCreditBearing, 0)
	id := f.v.ID
	f.do(approval.Submitted, func() (*issuer.Version, error) { return w.Svc.Submit(w.Ctx, w.P(w.Proponent), id, "") })
	f.refused(issuer.EInvalid, func() (*issuer.Version, error) { return w.Svc.ReturnIncomplete(w.Ctx, w.P(w.SMCChair), id, "") })
	for round := 1; round <= 2; round++ {
		f.do(approval.Incomplete, func() (*issuer.Version, error) {
			return w.Svc.ReturnIncomplete(w.Ctx, w.P(w.SMCChair), id, fmt.Sprintf("round %d: say how outcomes are assessed", round))
		})
		o := w.MicroOutline(approval.NonCreditBearing, 0)
		o["assessment"] = fmt.Sprintf("Two prototypes and a reflection (round %d).", round)
		f.do(approval.Incomplete, func() (*issuer.Version, error) { return w.Svc.UpdateOutline(w.Ctx, w.P(w.Proponent), id, f.v.Rev, o) })
		f.do(approval.Submitted, func() (*issuer.Version, error) { return w.Svc.Resubmit(w.Ctx, w.P(w.Proponent), id, "added") })
	}
	require.Equal(t, 3, f.v.Round)
	// A stale edit is a conflict, not a lost update; a submitted outline cannot be edited.
	f.refused(issuer.ETransition, func() (*issuer.Version, error) {
		return w.Svc.UpdateOutline(w.Ctx, w.P(w.Proponent), id, f.v.Rev, w.MicroOutline(approval.NonCreditBearing, 0))
	})
	// An outline missing a required field cannot be submitted.
	g := newMicro(t, w, approval.NonCreditBearing, 0)
	o := w.MicroOutline(approval.NonCreditBearing, 0)
	delete(o, "learning_outcomes")
	g.do(approval.Draft, func() (*issuer.Version, error) {
		return w.Svc.UpdateOutline(w.Ctx, w.P(w.Proponent), g.v.ID, g.v.Rev, o)
	})
	g.refused(issuer.EInvalid, func() (*issuer.Version, error) { return w.Svc.Submit(w.Ctx, w.P(w.Proponent), g.v.ID, "") })
	g.refused(issuer.EConflict, func() (*issuer.Version, error) {
		return w.Svc.UpdateOutline(w.Ctx, w.P(w.Proponent), g.v.ID, g.v.Rev-1, w.MicroOutline(approval.NonCreditBearing, 0))
	})
	o["undefined_field"] = "x"
	g.refused(issuer.EInvalid, func() (*issuer.Version, error) {
		return w.Svc.UpdateOutline(w.Ctx, w.P(w.Proponent), g.v.ID, g.v.Rev, o)
	})
}

func testProvostDeclines(t *testing.T, w *issuertest.World) {
	f := newMicro(t, w, approval.NonCreditBearing, 0)
	f.toChairSignature()
	f.do(approval.ProvostSignature, func() (*issuer.Version, error) { return w.Svc.ChairSign(w.Ctx, w.P(w.SMCChair), f.v.ID, "") })
	f.refused(issuer.EForbidden, func() (*issuer.Version, error) { return w.Svc.ProvostSign(w.Ctx, w.P(w.SMCChair), f.v.ID, "") })
	f.do(approval.Returned, func() (*issuer.Version, error) {
		return w.Svc.ProvostDecline(w.Ctx, w.P(w.Provost), f.v.ID, "overlaps a program under review")
	})
	f.refused(issuer.ETransition, func() (*issuer.Version, error) { return w.Svc.OpenAppeal(w.Ctx, w.P(w.SMCChair), f.v.ID, "x") })
}

func testDigitalBadge(t *testing.T, w *issuertest.World) {
	_, v, err := w.Svc.CreateCredential(w.Ctx, w.P(w.Proponent), issuer.NewCredential{
		Kind: approval.DigitalBadge, Title: "Academic Integrity", DepartmentID: w.Departments[0].ID, Outline: w.BadgeOutline()})
	require.NoError(t, err)
	f := &flow{t: t, w: w, v: v}
	id := v.ID
	bad := w.BadgeOutline()
	bad["credit_request"] = "credit_bearing"
	f.refused(issuer.EInvalid, func() (*issuer.Version, error) { return w.Svc.UpdateOutline(w.Ctx, w.P(w.Proponent), id, f.v.Rev, bad) })
	f.do(approval.DBCReview, func() (*issuer.Version, error) { return w.Svc.Submit(w.Ctx, w.P(w.Proponent), id, "") })
	f.refused(issuer.EForbidden, func() (*issuer.Version, error) { return w.Svc.CastVote(w.Ctx, w.P(w.SMC[0]), id, true, "") })
	f.refused(issuer.ETransition, func() (*issuer.Version, error) { return w.Svc.DBCDecide(w.Ctx, w.P(w.DBCChair), id, true, "") })
	// Four current DBC members: three approvals are a majority.
	f.do(approval.DBCReview, func() (*issuer.Version, error) { return w.Svc.CastVote(w.Ctx, w.P(w.DBC[0]), id, true, "") })
	f.do(approval.DBCReview, func() (*issuer.Version, error) { return w.Svc.CastVote(w.Ctx, w.P(w.DBCChair), id, true, "") })
	f.do(approval.Approved, func() (*issuer.Version, error) { return w.Svc.CastVote(w.Ctx, w.P(w.DBC[1]), id, true, "") })
	require.True(t, f.issue().Issuable)

	rep, err := w.Svc.ReportToSSCC(w.Ctx, w.P(w.Provost), "SSCC meeting 2026-11-20")
	require.NoError(t, err)
	require.Equal(t, []string{id}, rep.VersionIDs)
	again, err := w.Svc.ReportToSSCC(w.Ctx, w.P(w.Provost), "SSCC meeting 2026-12-04")
	require.NoError(t, err)
	require.Empty(t, again.VersionIDs, "a report lists only badges approved since the last one")

	f.do(approval.SSCCQuery, func() (*issuer.Version, error) {
		return w.Svc.SSCCQuery(w.Ctx, w.P(w.SSCC), id, "this looks like a micro-credential: it assesses competencies")
	})
	require.True(t, f.issue().Issuable, "a queried badge stays issuable until Senate decides")
	f.refused(issuer.EForbidden, func() (*issuer.Version, error) { return w.Svc.ProvostExplain(w.Ctx, w.P(w.SSCC), id, "x") })
	f.do(approval.Explained, func() (*issuer.Version, error) {
		return w.Svc.ProvostExplain(w.Ctx, w.P(w.Provost), id, "it records completion only; no assessment of competency")
	})
	f.do(approval.SenateReferral, func() (*issuer.Version, error) {
		return w.Svc.SSCCResolve(w.Ctx, w.P(w.SSCC), id, true, "still dissatisfied")
	})
	f.do(approval.Rescinded, func() (*issuer.Version, error) {
		return w.Svc.SenateResolve(w.Ctx, w.P(w.Senate), id, true, "should go through the micro-credential process")
	})
	d := f.issue()
	require.False(t, d.Issuable)
	require.Contains(t, d.Reason, "rescinded")
	require.Equal(t, []string{"create", "submit", "cast_vote", "cast_vote", "cast_vote", "dbc_approve", "report_to_sscc",
		"sscc_query_badge", "provost_explain", "sscc_refer_senate", "senate_rescind"}, actions(f.history()))
}

func testRefusals(t *testing.T, w *issuertest.World) {
	f := newMicro(t, w, approval.NonCreditBearing, 0)
	id := f.v.ID
	svc, ctx := w.Svc, w.Ctx
	// Illegal transitions.
	f.refused(issuer.ETransition, func() (*issuer.Version, error) { return svc.CallQuestion(ctx, w.P(w.SMCChair), id, "") })
	f.refused(issuer.ETransition, func() (*issuer.Version, error) { return svc.ChairSign(ctx, w.P(w.SMCChair), id, "") })
	f.refused(issuer.ETransition, func() (*issuer.Version, error) { return svc.ProvostSign(ctx, w.P(w.Provost), id, "") })
	// Wrong actors.
	f.refused(issuer.EForbidden, func() (*issuer.Version, error) { return svc.Submit(ctx, w.P(w.OtherProponent), id, "") })
	f.refused(issuer.EForbidden, func() (*issuer.Version, error) { return svc.Submit(ctx, w.P(w.Learner), id, "") })
	f.do(approval.Submitted, func() (*issuer.Version, error) { return svc.Submit(ctx, w.P(w.Proponent), id, "") })
	f.refused(issuer.EForbidden, func() (*issuer.Version, error) {
		return svc.AssignReviewers(ctx, w.P(w.SMC[0]), id, w.SMCReviewers(), "")
	})
	// A fourth reviewer, two alike, a non-member, and the proponent reviewing their own proposal.
	four := append(w.SMCReviewers(), w.SMC[3].ID)
	f.refused(issuer.EInvalid, func() (*issuer.Version, error) { return svc.AssignReviewers(ctx, w.P(w.SMCChair), id, four, "") })
	f.refused(issuer.EInvalid, func() (*issuer.Version, error) {
		return svc.AssignReviewers(ctx, w.P(w.SMCChair), id, []string{w.SMC[0].ID, w.SMC[0].ID, w.SMC[1].ID}, "")
	})
	f.refused(issuer.EInvalid, func() (*issuer.Version, error) {
		return svc.AssignReviewers(ctx, w.P(w.SMCChair), id, []string{w.SMC[0].ID, w.SMC[1].ID, w.DBC[0].ID}, "")
	})
	// The proponent sits on the SMC (for a new Faculty); they still cannot review their own proposal.
	_, err := svc.AddMember(ctx, w.P(w.Admin), issuer.NewMembership{Committee: issuer.SMC, UserID: w.Proponent.ID, Seat: issuer.SeatFaculty,
		FacultyID: w.Faculties[0].ID, From: issuertest.Start.Add(-time.Hour)})
	require.Equal(t, issuer.EConflict, issuer.ErrorCode(err), "the SCI faculty seat is filled: a second member is refused")
	eng, err := svc.CreateFaculty(ctx, w.P(w.Admin), "ENG", "Faculty of Engineering")
	require.NoError(t, err)
	_, err = svc.AddMember(ctx, w.P(w.Admin), issuer.NewMembership{Committee: issuer.SMC, UserID: w.Proponent.ID, Seat: issuer.SeatFaculty,
		FacultyID: eng.ID, From: issuertest.Start.Add(-time.Hour)})
	require.NoError(t, err)
	require.True(t, w.P(w.Proponent).Has(issuer.RoleSMCMember))
	f.refused(issuer.EInvalid, func() (*issuer.Version, error) {
		return svc.AssignReviewers(ctx, w.P(w.SMCChair), id, []string{w.SMC[0].ID, w.SMC[1].ID, w.Proponent.ID}, "")
	})
	_, err = svc.AssignReviewers(ctx, w.P(w.SMCChair), id, []string{w.SMC[0].ID, w.SMC[1].ID, w.Proponent.ID}, "")
	require.Contains(t, issuer.ErrorMessage(err), "proponent cannot review their own proposal")
	f.do(approval.InReview, func() (*issuer.Version, error) {
		return svc.AssignReviewers(ctx, w.P(w.SMCChair), id, w.SMCReviewers(), "")
	})
	// Reviews and votes by members who are not assigned.
	f.refused(issuer.EForbidden, func() (*issuer.Version, error) {
		return svc.RecordReview(ctx, w.P(w.SMC[3]), id, issuer.ReviewAnswers{Competency: true})
	})
	f.refused(issuer.EForbidden, func() (*issuer.Version, error) {
		return svc.RecordReview(ctx, w.P(w.Proponent), id, issuer.ReviewAnswers{Competency: true})
	})
	f.do(approval.InReview, func() (*issuer.Version, error) {
		return svc.RecordReview(ctx, w.P(w.SMC[0]), id, issuer.ReviewAnswers{Competency: true})
	})
	f.refused(issuer.EConflict, func() (*issuer.Version, error) {
		return svc.RecordReview(ctx, w.P(w.SMC[0]), id, issuer.ReviewAnswers{Competency: false})
	})
	// Calling the question before the window ends while reviews are missing.
	f.refused(issuer.ETransition, func() (*issuer.Version, error) { return svc.CallQuestion(ctx, w.P(w.SMCChair), id, "") })
	// Voting before the question is called.
	f.refused(issuer.ETransition, func() (*issuer.Version, error) { return svc.CastVote(ctx, w.P(w.SMC[0]), id, true, "") })
	// After the window (10 working days, 11 November a holiday) the question may be called with reviews missing.
	require.Equal(t, time.Date(2026, 11, 18, 0, 0, 0, 0, issuertest.Vancouver), f.v.ReviewDueAt.In(issuertest.Vancouver))
	w.Clock.Set(f.v.ReviewDueAt.Add(-time.Second))
	f.refused(issuer.ETransition, func() (*issuer.Version, error) { return svc.CallQuestion(ctx, w.P(w.SMCChair), id, "") })
	w.Clock.Set(*f.v.ReviewDueAt)
	f.do(approval.Voting, func() (*issuer.Version, error) { return svc.CallQuestion(ctx, w.P(w.SMCChair), id, "window over") })
	f.refused(issuer.EForbidden, func() (*issuer.Version, error) { return svc.CastVote(ctx, w.P(w.SMC[3]), id, true, "") })
	f.refused(issuer.EForbidden, func() (*issuer.Version, error) { return svc.CastVote(ctx, w.P(w.SMCChair), id, true, "") })
	f.refused(issuer.EForbidden, func() (*issuer.Version, error) { return svc.CastVote(ctx, w.P(w.Provost), id, true, "") })
	f.do(approval.Voting, func() (*issuer.Version, error) { return svc.CastVote(ctx, w.P(w.SMC[0]), id, true, "") })
	f.refused(issuer.EConflict, func() (*issuer.Version, error) { return svc.CastVote(ctx, w.P(w.SMC[0]), id, false, "changed my mind") })
	// Unknown version.
	_, err = svc.Submit(ctx, w.P(w.Proponent), "no-such-version", "")
	require.Equal(t, issuer.ENotFound, issuer.ErrorCode(err))
}

func testRevision(t *testing.T, w *issuertest.World) {
	f := newMicro(t, w, approval.NonCreditBearing, 0)
	f.toChairSignature()
	f.do(approval.ProvostSignature, func() (*issuer.Version, error) { return w.Svc.ChairSign(w.Ctx, w.P(w.SMCChair), f.v.ID, "") })
	f.do(approval.Approved, func() (*issuer.Version, error) { return w.Svc.ProvostSign(w.Ctx, w.P(w.Provost), f.v.ID, "") })
	v1 := f.v
	_, err := w.Svc.Revise(w.Ctx, w.P(w.OtherProponent), v1.CredentialID, "")
	require.Equal(t, issuer.EForbidden, issuer.ErrorCode(err))
	v2, err := w.Svc.Revise(w.Ctx, w.P(w.Proponent), v1.CredentialID, "update outcomes")
	require.NoError(t, err)
	require.Equal(t, 2, v2.Number)
	require.Equal(t, approval.Draft, v2.State)
	_, err = w.Svc.Revise(w.Ctx, w.P(w.Proponent), v1.CredentialID, "again")
	require.Equal(t, issuer.EConflict, issuer.ErrorCode(err), "one open revision at a time")

	g := &flow{t: t, w: w, v: v2}
	o := w.MicroOutline(approval.CreditBearing, 1.5)
	g.do(approval.Draft, func() (*issuer.Version, error) { return w.Svc.UpdateOutline(w.Ctx, w.P(w.Proponent), v2.ID, v2.Rev, o) })
	g.toChairSignature()
	d := g.issue()
	require.Equal(t, v1.ID, d.VersionID, "the approved version stays issuable while the revision is under review")
	g.do(approval.ProvostSignature, func() (*issuer.Version, error) { return w.Svc.ChairSign(w.Ctx, w.P(w.SMCChair), v2.ID, "") })
	g.do(approval.SSCCReview, func() (*issuer.Version, error) { return w.Svc.ProvostSign(w.Ctx, w.P(w.Provost), v2.ID, "") })
	d = g.issue()
	require.Equal(t, v1.ID, d.VersionID, "an interim revision does not replace the approved version")
	require.False(t, d.Interim)
	g.do(approval.SenateReview, func() (*issuer.Version, error) { return w.Svc.SSCCDecide(w.Ctx, w.P(w.SSCC), v2.ID, true, "") })
	g.do(approval.Approved, func() (*issuer.Version, error) { return w.Svc.SenateDecide(w.Ctx, w.P(w.Senate), v2.ID, true, "") })
	d = g.issue()
	require.Equal(t, v2.ID, d.VersionID)
	require.Equal(t, approval.CreditBearing, d.Credit)
	old, err := w.Store.GetVersion(w.Ctx, v1.ID)
	require.NoError(t, err)
	require.Equal(t, approval.Superseded, old.State)
}

func testDiscontinuance(t *testing.T, w *issuertest.World) {
	f := newMicro(t, w, approval.NonCreditBearing, 0)
	cid := f.v.CredentialID
	_, err := w.Svc.RecordOffering(w.Ctx, w.P(w.DeptChair), cid, issuertest.Start, "")
	require.Equal(t, issuer.ETransition, issuer.ErrorCode(err), "a credential that is not approved has no offerings")
	f.toChairSignature()
	f.do(approval.ProvostSignature, func() (*issuer.Version, error) { return w.Svc.ChairSign(w.Ctx, w.P(w.SMCChair), f.v.ID, "") })
	f.do(approval.Approved, func() (*issuer.Version, error) { return w.Svc.ProvostSign(w.Ctx, w.P(w.Provost), f.v.ID, "") })

	_, err = w.Svc.RecordOffering(w.Ctx, w.P(w.OtherDeptChair), cid, issuertest.Start, "")
	require.Equal(t, issuer.EForbidden, issuer.ErrorCode(err), "only the offering department's chair")
	_, err = w.Svc.RecordOffering(w.Ctx, w.P(w.DeptChair), cid, issuertest.Start.AddDate(0, 1, 0), "Winter cohort")
	require.NoError(t, err)
	// An earlier offering recorded late does not make the credential look older.
	_, err = w.Svc.RecordOffering(w.Ctx, w.P(w.DeptChair), cid, issuertest.Start.AddDate(0, -6, 0), "Spring pilot, recorded late")
	require.NoError(t, err)
	ar, err := w.Svc.RecordAnnualReview(w.Ctx, w.P(w.DeptChair), cid, 2026, "current", "content current")
	require.NoError(t, err)
	require.Equal(t, 2026, ar.Year)
	_, err = w.Svc.RecordAnnualReview(w.Ctx, w.P(w.DeptChair), cid, 2026, "current", "twice")
	require.Equal(t, issuer.EConflict, issuer.ErrorCode(err))

	_, err = w.Svc.ProposeDiscontinuance(w.Ctx, w.P(w.Admin), cid, "")
	require.Equal(t, issuer.ETransition, issuer.ErrorCode(err), "offered within the year")
	w.Clock.Set(issuertest.Start.AddDate(1, 0, 2))
	_, err = w.Svc.ProposeDiscontinuance(w.Ctx, w.P(w.Admin), cid, "")
	require.Equal(t, issuer.ETransition, issuer.ErrorCode(err), "a year after approval, but offered in December")
	w.Clock.Set(issuertest.Start.AddDate(1, 1, 2))
	v, err := w.Svc.ProposeDiscontinuance(w.Ctx, w.P(w.Admin), cid, "no offering since December 2026")
	require.NoError(t, err)
	require.Equal(t, approval.DiscontinueProposed, v.State)
	require.True(t, f.issue().Issuable, "issuable until discontinued")
	v, err = w.Svc.DecideDiscontinuance(w.Ctx, w.P(w.Provost), cid, true, "to the SMC")
	require.NoError(t, err)
	require.Equal(t, approval.DiscontinueReview, v.State)
	_, err = w.Svc.DecideDiscontinuance(w.Ctx, w.P(w.Provost), cid, true, "")
	require.Equal(t, issuer.EForbidden, issuer.ErrorCode(err), "the SMC acts now, not the Provost")
	v, err = w.Svc.DecideDiscontinuance(w.Ctx, w.P(w.SMCChair), cid, true, "discontinued")
	require.NoError(t, err)
	require.Equal(t, approval.Discontinued, v.State)
	d := f.issue()
	require.False(t, d.Issuable)
	require.Contains(t, d.Reason, "discontinued")
}

// testConcurrency races 50 actors on one proposal: each accepted action is
// one transition with one audit event, and the losers get clear errors.
func testConcurrency(t *testing.T, w *issuertest.World) {
	f := newMicro(t, w, approval.NonCreditBearing, 0)
	id := f.v.ID
	f.submitAndAssign()
	f.reviewAll()
	chair := w.P(w.SMCChair)
	reviewers := []issuer.Principal{w.P(w.SMC[0]), w.P(w.SMC[1]), w.P(w.SMC[2])}
	eventsBefore := f.snapshot().events

	race := func(n int, fn func(i int) error) (ok int, codes map[string]int) {
		var mu sync.Mutex
		var wg sync.WaitGroup
		codes = map[string]int{}
		start := make(chan struct{})
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				err := fn(i)
				mu.Lock()
				defer mu.Unlock()
				if err == nil {
					ok++
				} else {
					codes[issuer.ErrorCode(err)]++
				}
			}()
		}
		close(start)
		wg.Wait()
		return ok, codes
	}

	// 50 chairs calling the question at once: one transition.
	ok, codes := race(50, func(int) error { _, err := w.Svc.CallQuestion(w.Ctx, chair, id, ""); return err })
	require.Equal(t, 1, ok, "codes: %v", codes)
	require.Equal(t, 49, codes[issuer.EConflict]+codes[issuer.ETransition], "codes: %v", codes)
	require.Empty(t, codes[issuer.EInternal])

	// 50 votes from the three reviewers, each retrying on a lost
	// compare-and-swap: exactly three votes count.
	ok, codes = race(50, func(i int) error {
		for {
			_, err := w.Svc.CastVote(w.Ctx, reviewers[i%3], id, true, "")
			if err == nil || issuer.ErrorCode(err) != issuer.EConflict || isAlreadyVoted(err) {
				return err // accepted, or refused for good
			}
			// Lost the compare-and-swap to another voter: retry, as a client would.
		}
	})
	require.Equal(t, 3, ok, "codes: %v", codes)
	v, err := w.Store.GetVersion(w.Ctx, id)
	require.NoError(t, err)
	require.Equal(t, approval.ChairSignature, v.State)
	votes, err := w.Store.ListVotes(w.Ctx, id, v.Round, issuer.BallotReview)
	require.NoError(t, err)
	require.Len(t, votes, 3)
	evs, err := w.Store.ListAudit(w.Ctx, "version", id)
	require.NoError(t, err)
	got := actions(evs[eventsBefore:])
	require.Equal(t, []string{"call_question", "cast_vote", "cast_vote", "cast_vote", "votes_unanimous"}, got)
	rep, err := w.Svc.VerifyAudit(w.Ctx, w.P(w.Admin))
	require.NoError(t, err)
	require.Nil(t, rep.Break)
}

func isAlreadyVoted(err error) bool {
	return issuer.ErrorMessage(err) == "you have already voted on this ballot"
}

func testOverdue(t *testing.T, w *issuertest.World) {
	f := newMicro(t, w, approval.NonCreditBearing, 0)
	f.submitAndAssign()
	list, err := w.Svc.ListOverdue(w.Ctx, w.P(w.SMCChair), issuer.Page{})
	require.NoError(t, err)
	require.Empty(t, list)
	w.Clock.Set(f.v.ReviewDueAt.Add(time.Hour))
	list, err = w.Svc.ListOverdue(w.Ctx, w.P(w.SMCChair), issuer.Page{})
	require.NoError(t, err)
	require.Len(t, list, 1)
	require.Equal(t, "review", list[0].Deadline)
	require.Equal(t, f.v.ID, list[0].Version.ID)
	_, err = w.Svc.ListOverdue(w.Ctx, w.P(w.Learner), issuer.Page{})
	require.Equal(t, issuer.EForbidden, issuer.ErrorCode(err))
}

func testComposition(t *testing.T, w *issuertest.World) {
	admin := w.P(w.Admin)
	comp, err := w.Svc.Composition(w.Ctx, admin, issuer.SMC, time.Time{})
	require.NoError(t, err)
	require.True(t, comp.Complete, "gaps: %v", comp.Gaps)
	require.Len(t, comp.Members, 5)
	// A new Faculty leaves a gap that is reported, not silently accepted.
	_, err = w.Svc.CreateFaculty(w.Ctx, admin, "ENG", "Faculty of Engineering")
	require.NoError(t, err)
	comp, err = w.Svc.Composition(w.Ctx, admin, issuer.SMC, time.Time{})
	require.NoError(t, err)
	require.False(t, comp.Complete)
	require.Equal(t, []string{"no faculty member from Faculty of Engineering (ENG)"}, comp.Gaps)
	// Membership is dated: ending the CPS member's term opens a gap from then on.
	ms, err := w.Store.ListUserMemberships(w.Ctx, w.SMC[2].ID)
	require.NoError(t, err)
	end := issuertest.Start.Add(48 * time.Hour)
	_, err = w.Svc.EndMember(w.Ctx, admin, ms[0].ID, end)
	require.NoError(t, err)
	comp, err = w.Svc.Composition(w.Ctx, admin, issuer.SMC, end)
	require.NoError(t, err)
	require.Contains(t, comp.Gaps, "no representative of Continuing & Professional Studies")
	before, err := w.Svc.Composition(w.Ctx, admin, issuer.SMC, end.Add(-time.Second))
	require.NoError(t, err)
	require.NotContains(t, before.Gaps, "no representative of Continuing & Professional Studies")
	// Electing a new chair ends the previous chair's chairing.
	mine, err := w.Store.ListUserMemberships(w.Ctx, w.SMC[0].ID)
	require.NoError(t, err)
	_, err = w.Svc.ElectChair(w.Ctx, admin, mine[0].ID)
	require.NoError(t, err)
	require.True(t, w.P(w.SMC[0]).Has(issuer.RoleSMCChair))
	require.False(t, w.P(w.SMCChair).Has(issuer.RoleSMCChair))
	require.True(t, w.P(w.SMCChair).Has(issuer.RoleSMCMember))
	past, err := w.Svc.Composition(w.Ctx, admin, issuer.SMC, issuertest.Start.Add(-time.Second))
	require.NoError(t, err)
	require.Equal(t, w.SMCChair.ID, past.Chair.UserID, "an election does not rewrite who chaired before")
	now, err := w.Svc.Composition(w.Ctx, admin, issuer.SMC, issuertest.Start)
	require.NoError(t, err)
	require.Equal(t, w.SMC[0].ID, now.Chair.UserID)
	require.Len(t, now.Members, len(past.Members), "the election splits rows; nobody joins or leaves")
	// The DBC has one faculty representative, whatever their Faculty.
	extra, err := w.Svc.CreateUserAsSystem(w.Ctx, issuer.NewUser{Email: "dbc.second@uni.example", Name: "Second"})
	require.NoError(t, err)
	_, err = w.Svc.AddMember(w.Ctx, admin, issuer.NewMembership{Committee: issuer.DBC, UserID: extra.ID, Seat: issuer.SeatFaculty, FacultyID: w.Faculties[1].ID})
	require.Equal(t, issuer.EConflict, issuer.ErrorCode(err))
}
