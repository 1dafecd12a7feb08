package storagetest

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"badged/issuer"
	"badged/issuer/approval"
)

func testReviews(t *testing.T, f *fixture) {
	st, ctx := f.st, f.ctx
	v := f.version(t, f.credential(t, approval.MicroCredential), 1, approval.InReview)
	r1, r2, r3 := f.user(t, "reviewer one"), f.user(t, "reviewer two"), f.user(t, "reviewer three")

	assign := func(t *testing.T, round int, u issuer.User) issuer.Review {
		t.Helper()
		r := issuer.Review{VersionID: v.ID, Round: round, ReviewerID: u.ID, AssignedAt: f.tick()}
		in := r
		require.NoError(t, st.CreateReview(ctx, &r))
		return in
	}
	first, second, third := assign(t, 1, r1), assign(t, 1, r2), assign(t, 1, r3)
	nextRound := assign(t, 2, r1)

	t.Run("ok/list one round in assignment order", func(t *testing.T) {
		got, err := st.ListReviews(ctx, v.ID, 1)
		require.NoError(t, err)
		want := []issuer.Review{first, second, third}
		for i := range want {
			want[i].AssignedAt = norm(want[i].AssignedAt)
		}
		require.Equal(t, want, got, "unanswered reviews have nil answers")

		got, err = st.ListReviews(ctx, v.ID, 2)
		require.NoError(t, err)
		require.Len(t, got, 1)
		require.Equal(t, nextRound.ReviewerID, got[0].ReviewerID)
	})

	t.Run("error/reviewer assigned twice in a round", func(t *testing.T) {
		r := issuer.Review{VersionID: v.ID, Round: 1, ReviewerID: r2.ID, AssignedAt: f.tick()}
		requireCode(t, st.CreateReview(ctx, &r), issuer.EConflict)
	})

	t.Run("ok/update answers", func(t *testing.T) {
		answered := f.tick()
		r := second
		r.AnsweredAt = &answered
		r.Duplicates, r.Competency, r.CreditBased = ptr(true), ptr(true), ptr(false)
		r.DuplicateOf, r.DuplicateDep, r.Comment = "CHEM 101 safety module", f.department.ID, "overlaps the lab induction"
		want := r
		require.NoError(t, st.UpdateReview(ctx, &r))

		got, err := st.ListReviews(ctx, v.ID, 1)
		require.NoError(t, err)
		want.AssignedAt, want.AnsweredAt = norm(second.AssignedAt), normPtr(&answered)
		require.Equal(t, want, got[1])
		require.True(t, got[1].Answered())
		require.False(t, got[0].Answered(), "other reviews are untouched")
	})

	t.Run("error/update unknown review", func(t *testing.T) {
		r := first
		r.Round = 7
		requireCode(t, st.UpdateReview(ctx, &r), issuer.ENotFound)
	})

	t.Run("error/unknown reviewer", func(t *testing.T) {
		r := issuer.Review{VersionID: v.ID, Round: 1, ReviewerID: "no-such-user", AssignedAt: f.tick()}
		requireCode(t, st.CreateReview(ctx, &r), issuer.EInvalid)
	})
}

func testVotes(t *testing.T, f *fixture) {
	st, ctx := f.st, f.ctx
	v := f.version(t, f.credential(t, approval.MicroCredential), 1, approval.Voting)
	a, b := f.user(t, "voter a"), f.user(t, "voter b")

	cast := func(t *testing.T, round int, ballot issuer.Ballot, u issuer.User, approve bool) issuer.Vote {
		t.Helper()
		vote := issuer.Vote{VersionID: v.ID, Round: round, Ballot: ballot, VoterID: u.ID, Approve: approve, Comment: "because", CastAt: f.tick()}
		in := vote
		require.NoError(t, st.CreateVote(ctx, &vote))
		in.CastAt = norm(in.CastAt)
		return in
	}
	reviewA, reviewB := cast(t, 1, issuer.BallotReview, a, true), cast(t, 1, issuer.BallotReview, b, false)
	finalA := cast(t, 1, issuer.BallotFinal, a, true)
	nextRound := cast(t, 2, issuer.BallotReview, a, false)

	t.Run("ok/list one ballot of one round", func(t *testing.T) {
		tests := []struct {
			name   string
			round  int
			ballot issuer.Ballot
			want   []issuer.Vote
		}{
			{"ok/review ballot", 1, issuer.BallotReview, []issuer.Vote{reviewA, reviewB}},
			{"ok/final ballot", 1, issuer.BallotFinal, []issuer.Vote{finalA}},
			{"ok/next round", 2, issuer.BallotReview, []issuer.Vote{nextRound}},
			{"ok/no votes", 2, issuer.BallotAppeal, nil},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got, err := st.ListVotes(ctx, v.ID, tt.round, tt.ballot)
				require.NoError(t, err)
				if tt.want == nil {
					require.Empty(t, got)
					return
				}
				require.Equal(t, tt.want, got)
			})
		}
	})

	t.Run("error/second vote on a ballot", func(t *testing.T) {
		again := issuer.Vote{VersionID: v.ID, Round: 1, Ballot: issuer.BallotReview, VoterID: a.ID, Approve: false, CastAt: f.tick()}
		err := st.CreateVote(ctx, &again)
		requireCode(t, err, issuer.EConflict)
		got, err := st.ListVotes(ctx, v.ID, 1, issuer.BallotReview)
		require.NoError(t, err)
		require.Equal(t, []issuer.Vote{reviewA, reviewB}, got, "the first vote stands")
	})

	t.Run("error/unknown version", func(t *testing.T) {
		vote := issuer.Vote{VersionID: "no-such-version", Round: 1, Ballot: issuer.BallotDBC, VoterID: a.ID, CastAt: f.tick()}
		requireCode(t, st.CreateVote(ctx, &vote), issuer.EInvalid)
	})
}

func testConsultations(t *testing.T, f *fixture) {
	st, ctx := f.st, f.ctx
	v := f.version(t, f.credential(t, approval.MicroCredential), 1, approval.DuplicationConsult)
	requested := f.tick()
	in := issuer.Consultation{
		ID: f.id("con"), VersionID: v.ID, Round: 1, DepartmentID: f.department.ID, DuplicateOf: "CHEM 101",
		RequestedAt: requested, DueAt: requested.Add(5 * 24 * time.Hour),
	}

	t.Run("ok/create and list", func(t *testing.T) {
		c := in
		require.NoError(t, st.CreateConsultation(ctx, &c))
		later := issuer.Consultation{ID: f.id("con"), VersionID: v.ID, Round: 2, DepartmentID: f.department.ID, RequestedAt: f.tick(), DueAt: f.tick()}
		require.NoError(t, st.CreateConsultation(ctx, &later))

		got, err := st.ListConsultations(ctx, v.ID)
		require.NoError(t, err)
		require.Len(t, got, 2)
		want := in
		want.RequestedAt, want.DueAt = norm(in.RequestedAt), norm(in.DueAt)
		require.Equal(t, want, got[0], "oldest first")
		require.Equal(t, later.ID, got[1].ID)
	})

	t.Run("ok/update response", func(t *testing.T) {
		responded, closed := f.tick(), f.tick()
		c := in
		c.Response, c.RespondedBy, c.RespondedAt, c.ClosedAt = "no overlap", f.proponent.ID, &responded, &closed
		want := c
		require.NoError(t, st.UpdateConsultation(ctx, &c))
		got, err := st.ListConsultations(ctx, v.ID)
		require.NoError(t, err)
		want.RequestedAt, want.DueAt = norm(in.RequestedAt), norm(in.DueAt)
		want.RespondedAt, want.ClosedAt = normPtr(&responded), normPtr(&closed)
		require.Equal(t, want, got[0])
	})

	t.Run("error/update unknown", func(t *testing.T) {
		c := in
		c.ID = "no-such-consultation"
		requireCode(t, st.UpdateConsultation(ctx, &c), issuer.ENotFound)
	})

	t.Run("error/unknown department", func(t *testing.T) {
		c := issuer.Consultation{ID: f.id("con"), VersionID: v.ID, Round: 1, DepartmentID: "no-such-dept", RequestedAt: f.tick(), DueAt: f.tick()}
		requireCode(t, st.CreateConsultation(ctx, &c), issuer.EInvalid)
	})

	t.Run("ok/none for another version", func(t *testing.T) {
		got, err := st.ListConsultations(ctx, "no-such-version")
		require.NoError(t, err)
		require.Empty(t, got)
	})
}
