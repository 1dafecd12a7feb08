package approval_test

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"badged/issuer/approval"
)

var update = flag.Bool("update", false, "rewrite testdata/transitions.golden and docs/approval.md")

// TestMatrix walks every state × event pair of both kinds. The golden file
// shows the whole policy, so any change to it appears as a reviewable diff.
func TestMatrix(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	allowed := 0
	for _, k := range approval.Kinds {
		for _, s := range approval.States(k) {
			for _, e := range approval.Events() {
				tr, err := approval.Next(k, s, e)
				if err != nil {
					require.ErrorIs(t, err, approval.ErrTransition)
					require.Contains(t, err.Error(), string(e))
					require.Contains(t, err.Error(), string(s))
					fmt.Fprintf(&b, "%s %s %s -> refused\n", k, s, e)
					continue
				}
				allowed++
				require.Equal(t, s, tr.From)
				require.Equal(t, e, tr.Event)
				require.NotEmpty(t, tr.Actors, "every row names who fires it")
				require.NotEmpty(t, tr.Note)
				fmt.Fprintf(&b, "%s %s %s -> %s by %v\n", k, s, e, tr.To, tr.Actors)
			}
		}
	}
	require.Equal(t, len(approval.Table()), allowed, "every row is reachable through Next and nothing else is")
	golden := filepath.Join("testdata", "transitions.golden")
	if *update {
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(golden, []byte(b.String()), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	require.Equal(t, string(want), b.String(), "policy table changed: review the diff and run go test ./issuer/approval -update")
}

// TestDocsMatchTable keeps docs/approval.md generated from the table.
func TestDocsMatchTable(t *testing.T) {
	t.Parallel()
	path := filepath.Join("..", "..", "docs", "approval.md")
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(approval.Document()), 0o644))
	}
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Equal(t, approval.Document(), string(got), "docs/approval.md is stale: run go generate ./issuer/approval")
}

func TestEveryStateIsReachableFromDraft(t *testing.T) {
	t.Parallel()
	for _, k := range approval.Kinds {
		reached := map[approval.State]bool{approval.Draft: true}
		for changed := true; changed; {
			changed = false
			for _, tr := range approval.Table() {
				if tr.Kind == k && reached[tr.From] && !reached[tr.To] {
					reached[tr.To], changed = true, true
				}
			}
		}
		for _, s := range approval.States(k) {
			require.True(t, reached[s], "%s: state %s cannot be reached from draft", k, s)
		}
	}
}

func TestPolicyRules(t *testing.T) {
	t.Parallel()
	mc, db := approval.MicroCredential, approval.DigitalBadge
	cases := []struct {
		name  string
		kind  approval.Kind
		from  approval.State
		event approval.Event
		to    approval.State
		actor approval.Actor
		err   bool
	}{
		{name: "ok/submit", kind: mc, from: approval.Draft, event: approval.Submit, to: approval.Submitted, actor: approval.ActorProponent},
		{name: "ok/unanimous goes to chair signature", kind: mc, from: approval.Voting, event: approval.VotesUnanimous, to: approval.ChairSignature, actor: approval.ActorSystem},
		{name: "ok/split goes to a meeting", kind: mc, from: approval.Voting, event: approval.VotesSplit, to: approval.Meeting, actor: approval.ActorSystem},
		{name: "ok/final split returns", kind: mc, from: approval.FinalVoting, event: approval.FinalSplit, to: approval.Returned, actor: approval.ActorSystem},
		{name: "ok/credit request goes to SSCC", kind: mc, from: approval.ProvostSignature, event: approval.ProvostSignCredit, to: approval.SSCCReview, actor: approval.ActorProvost},
		{name: "ok/digital badge goes to the DBC", kind: db, from: approval.Draft, event: approval.Submit, to: approval.DBCReview, actor: approval.ActorProponent},
		{name: "ok/senate rescinds a badge", kind: db, from: approval.SenateReferral, event: approval.SenateRescind, to: approval.Rescinded, actor: approval.ActorSenateSecretary},
		{name: "error/call question from draft", kind: mc, from: approval.Draft, event: approval.CallQuestion, err: true},
		{name: "error/call question during duplication consult", kind: mc, from: approval.DuplicationConsult, event: approval.CallQuestion, err: true},
		{name: "error/sign before the votes", kind: mc, from: approval.InReview, event: approval.ChairSign, err: true},
		{name: "error/digital badge skips the SMC", kind: db, from: approval.Draft, event: approval.AssignReviewers, err: true},
		{name: "error/discontinued is final", kind: mc, from: approval.Discontinued, event: approval.Retain, err: true},
		{name: "error/rescinded is final", kind: db, from: approval.Rescinded, event: approval.SenateRetain, err: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tr, err := approval.Next(tc.kind, tc.from, tc.event)
			if tc.err {
				require.True(t, errors.Is(err, approval.ErrTransition), "got %v", err)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.to, tr.To)
			require.True(t, tr.Allows(tc.actor))
		})
	}
}

func TestIssuability(t *testing.T) {
	t.Parallel()
	mc, db := approval.MicroCredential, approval.DigitalBadge
	cases := []struct {
		name              string
		kind              approval.Kind
		state             approval.State
		requested, grated approval.CreditStatus
		want              approval.Issuability
	}{
		{"non credit approved", mc, approval.Approved, approval.NonCreditBearing, "", approval.Issuability{Issuable: true, Credit: approval.NonCreditBearing}},
		{"credit pending at SSCC", mc, approval.SSCCReview, approval.CreditBearing, "", approval.Issuability{Issuable: true, Credit: approval.NonCreditBearing, Interim: true}},
		{"credit pending at Senate", mc, approval.SenateReview, approval.Embedded, "", approval.Issuability{Issuable: true, Credit: approval.NonCreditBearing, Interim: true}},
		{"senate approved credit", mc, approval.Approved, approval.CreditBearing, approval.CreditBearing, approval.Issuability{Issuable: true, Credit: approval.CreditBearing}},
		{"senate refused credit", mc, approval.Approved, approval.CreditBearing, approval.NonCreditBearing, approval.Issuability{Issuable: true, Credit: approval.NonCreditBearing}},
		{"proposed for discontinuance still issuable", mc, approval.DiscontinueProposed, approval.NonCreditBearing, "", approval.Issuability{Issuable: true, Credit: approval.NonCreditBearing}},
		{"discontinued", mc, approval.Discontinued, approval.NonCreditBearing, "", approval.Issuability{}},
		{"in review", mc, approval.InReview, approval.NonCreditBearing, "", approval.Issuability{}},
		{"superseded", mc, approval.Superseded, approval.NonCreditBearing, "", approval.Issuability{}},
		{"badge approved", db, approval.Approved, "", "", approval.Issuability{Issuable: true, Credit: approval.NonCreditBearing}},
		{"badge queried by SSCC stays issuable", db, approval.SSCCQuery, "", "", approval.Issuability{Issuable: true, Credit: approval.NonCreditBearing}},
		{"badge rescinded", db, approval.Rescinded, "", "", approval.Issuability{}},
		{"badge at the DBC", db, approval.DBCReview, "", "", approval.Issuability{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tc.want, approval.IssuabilityOf(tc.kind, tc.state, tc.requested, tc.grated))
		})
	}
}
