// Package approval is the university's credential approval policy as one
// state machine table (policy.md, procedures B.1 and B.2 of the
// Micro-credentials Policy and Procedure).
//
// The table is the single source of truth: the workflow service fires
// events through Next, the tests walk every state × event pair, and the
// Mermaid diagram in docs/approval.md is generated from it, so the code, the
// tests and the documentation cannot drift apart.
//
// The package knows states, events and the role that fires each event. It
// does not know who a particular person is: whether a user is *the*
// proponent of a proposal or one of *its* assigned reviewers is checked by
// the workflow service, which also derives the automatic events (the result
// of a vote, the credit path after the Provost signs).
package approval

//go:generate go run ./gen ../../docs/approval.md

import (
	"errors"
	"fmt"
	"maps"
	"slices"
)

// Kind is the kind of offering a credential is.
type Kind string

const (
	// MicroCredential is competency-based and approved by the Senate
	// Micro-credential Committee (SMC); credit-bearing ones then by SSCC and Senate.
	MicroCredential Kind = "micro_credential"
	// DigitalBadge is completion-based, non credit-bearing, approved by the
	// Provost's Digital Badge Committee (DBC) and reported to SSCC.
	DigitalBadge Kind = "digital_badge"
)

// Kinds lists every kind, in a stable order.
var Kinds = []Kind{MicroCredential, DigitalBadge}

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool { return k == MicroCredential || k == DigitalBadge }

// State is where one version of a credential stands in its approval.
type State string

// States. Some are shared by both kinds (draft, returned, approved, ...).
const (
	Draft      State = "draft"
	Submitted  State = "submitted"  // with the SMC Chair for a completeness check
	Incomplete State = "incomplete" // Chair's feedback given; awaiting resubmission
	InReview   State = "in_review"  // three reviewers, 10 working days
	// DuplicationConsult: a reviewer found a possible duplicate; the Department
	// Chair of the existing offering has 5 days to respond to the SMC Chair.
	DuplicationConsult  State = "duplication_consult"
	Voting              State = "voting"               // the question has been called
	Meeting             State = "meeting"              // not unanimous: electronic meeting
	FinalVoting         State = "final_voting"         // final vote called at the end of the meeting
	Returned            State = "returned"             // back with the proponent for revisions
	Appeal              State = "appeal"               // appealed to the entire committee
	ChairSignature      State = "chair_signature"      // unanimous; awaiting the SMC Chair's signature
	ProvostSignature    State = "provost_signature"    // signed by the Chair; awaiting the Provost
	SSCCReview          State = "sscc_review"          // credit-bearing: SSCC review; issuable only non credit-bearing
	SenateReview        State = "senate_review"        // SSCC recommended; Senate decides; issuable only non credit-bearing
	Approved            State = "approved"             // issuable
	DiscontinueProposed State = "discontinue_proposed" // not offered for a year: put to the Provost
	DiscontinueReview   State = "discontinue_review"   // sent by the Provost to the SMC for action
	Discontinued        State = "discontinued"         // no new badges; issued ones stay valid
	Superseded          State = "superseded"           // a newer version was approved
	Withdrawn           State = "withdrawn"            // withdrawn by the proponent

	DBCReview      State = "dbc_review"      // with the Digital Badge Committee
	SSCCQuery      State = "sscc_query"      // SSCC thinks it was created erroneously; Provost to explain
	Explained      State = "explained"       // the Provost explained at the next SSCC meeting
	SenateReferral State = "senate_referral" // SSCC remained dissatisfied: Senate decides
	Rescinded      State = "rescinded"       // Senate rescinded the badge: no new issuance
)

// Event is something that happens to a proposal.
type Event string

// Events fired by people (through the API) and derived events fired by the
// workflow service (marked "derived").
const (
	Submit            Event = "submit"
	ReturnIncomplete  Event = "return_incomplete"
	Resubmit          Event = "resubmit"
	AssignReviewers   Event = "assign_reviewers"
	RecordReview      Event = "record_review"
	ReferDuplication  Event = "refer_duplication" // derived: a review answered "duplicates" yes
	DepartmentRespond Event = "department_respond"
	CloseConsultation Event = "close_consultation" // the 5-day response window passed
	CallQuestion      Event = "call_question"
	CastVote          Event = "cast_vote"
	VotesUnanimous    Event = "votes_unanimous" // derived: third vote, all approve
	VotesSplit        Event = "votes_split"     // derived: third vote, not all approve
	CallFinalVote     Event = "call_final_vote"
	FinalUnanimous    Event = "final_unanimous" // derived
	FinalSplit        Event = "final_split"     // derived
	OpenAppeal        Event = "open_appeal"
	AppealUpheld      Event = "appeal_upheld" // derived: a majority of all current members approve
	AppealDenied      Event = "appeal_denied" // derived: a majority can no longer be reached
	ChairSign         Event = "chair_sign"
	// The Provost's signature is one act; the service fires the event that
	// matches the version's credit request.
	ProvostSign        Event = "provost_sign"        // a non credit-bearing request
	ProvostSignCredit  Event = "provost_sign_credit" // a credit request: SSCC and Senate follow
	ProvostDecline     Event = "provost_decline"
	SSCCRecommend      Event = "sscc_recommend"
	SSCCDecline        Event = "sscc_decline"
	SenateApprove      Event = "senate_approve"
	SenateDecline      Event = "senate_decline"
	RecordAnnualReview Event = "record_annual_review"
	RecordOffering     Event = "record_offering"
	ProposeDiscontinue Event = "propose_discontinue"
	ReferDiscontinue   Event = "refer_discontinue"
	Discontinue        Event = "discontinue"
	Retain             Event = "retain"
	Supersede          Event = "supersede" // derived: a newer version was approved
	Withdraw           Event = "withdraw"

	DBCApprove      Event = "dbc_approve" // derived (majority) or the Chair's decision where configured
	DBCReject       Event = "dbc_reject"  // derived (majority) or the Chair's decision where configured
	ReportToSSCC    Event = "report_to_sscc"
	SSCCQueryBadge  Event = "sscc_query_badge"
	ProvostExplain  Event = "provost_explain"
	SSCCAccept      Event = "sscc_accept"
	SSCCReferSenate Event = "sscc_refer_senate"
	SenateRetain    Event = "senate_retain"
	SenateRescind   Event = "senate_rescind"
)

// Actor is the role that may fire an event. The workflow service adds the
// relational checks (the proposal's own proponent, its assigned reviewers,
// the consulted department's chair).
type Actor string

const (
	ActorProponent       Actor = "proponent"        // the proposal's proponent
	ActorSMCChair        Actor = "smc_chair"        // the current SMC Chair
	ActorReviewer        Actor = "reviewer"         // an SMC member assigned to this proposal
	ActorSMCMember       Actor = "smc_member"       // any current SMC member (appeal votes)
	ActorDepartmentChair Actor = "department_chair" // chair of the consulted or offering department
	ActorProvost         Actor = "provost"
	ActorSSCCSecretary   Actor = "sscc_secretary"
	ActorSenateSecretary Actor = "senate_secretary"
	ActorDBCChair        Actor = "dbc_chair"
	ActorDBCMember       Actor = "dbc_member"
	ActorAdmin           Actor = "admin"  // the central office
	ActorSystem          Actor = "system" // derived events, fired by the service itself
)

// Transition is one row of the policy table.
type Transition struct {
	Kind  Kind
	From  State
	Event Event
	To    State
	// Actors who may fire the event. Derived events list ActorSystem only.
	Actors []Actor
	// Note says, in the policy's words, what the row means.
	Note string
}

// ErrTransition is returned by Next for a state × event pair the policy
// does not allow.
var ErrTransition = errors.New("transition not allowed")

func row(k Kind, from State, ev Event, to State, note string, actors ...Actor) Transition {
	return Transition{Kind: k, From: from, Event: ev, To: to, Actors: actors, Note: note}
}

// table is the policy. Read it top to bottom as the procedure.
var table = func() []Transition {
	mc, db := MicroCredential, DigitalBadge
	t := []Transition{
		// B.1.1–2: submission and completeness.
		row(mc, Draft, Submit, Submitted, "proponent submits the Outline form to the SMC Chair", ActorProponent),
		row(mc, Submitted, ReturnIncomplete, Incomplete, "Chair finds it incomplete and gives feedback", ActorSMCChair),
		row(mc, Incomplete, Resubmit, Submitted, "proponent resubmits after feedback", ActorProponent),
		// B.1.3: three reviewers, 10 working days, the duplication branch.
		row(mc, Submitted, AssignReviewers, InReview, "Chair finds it complete and assigns three SMC members", ActorSMCChair),
		row(mc, InReview, RecordReview, InReview, "a reviewer answers the three questions", ActorReviewer),
		row(mc, InReview, ReferDuplication, DuplicationConsult, "a reviewer found a possible duplicate: the Department Chair is sent the proposal", ActorSystem),
		row(mc, DuplicationConsult, RecordReview, DuplicationConsult, "reviews continue during the consultation", ActorReviewer),
		row(mc, DuplicationConsult, DepartmentRespond, InReview, "the Department Chair responds to the SMC Chair", ActorDepartmentChair),
		row(mc, DuplicationConsult, CloseConsultation, InReview, "the Department Chair's 5 days passed without a response", ActorSMCChair),
		// B.1.4: calling the question.
		row(mc, InReview, CallQuestion, Voting, "Chair calls the question (window ended, or all three reviews are in)", ActorSMCChair),
		row(mc, Voting, CastVote, Voting, "an assigned reviewer votes", ActorReviewer),
		// B.1.5–6: unanimous or not.
		row(mc, Voting, VotesUnanimous, ChairSignature, "all three approve", ActorSystem),
		row(mc, Voting, VotesSplit, Meeting, "fewer than three approve: an electronic meeting is held", ActorSystem),
		row(mc, Meeting, CallFinalVote, FinalVoting, "at the end of the meeting the Chair calls a final vote", ActorSMCChair),
		row(mc, FinalVoting, CastVote, FinalVoting, "an assigned reviewer casts a final vote", ActorReviewer),
		row(mc, FinalVoting, FinalUnanimous, ChairSignature, "the final vote is unanimous", ActorSystem),
		row(mc, FinalVoting, FinalSplit, Returned, "still not unanimous: returned to the proponent for revisions", ActorSystem),
		row(mc, Returned, OpenAppeal, Appeal, "at the Chair's discretion the decision is appealed to the entire committee", ActorSMCChair),
		row(mc, Appeal, CastVote, Appeal, "a committee member votes on the appeal", ActorSMCMember),
		row(mc, Appeal, AppealUpheld, ChairSignature, "a majority of all current members approve", ActorSystem),
		row(mc, Appeal, AppealDenied, Returned, "a majority can no longer be reached", ActorSystem),
		row(mc, Returned, Resubmit, Submitted, "proponent revises and resubmits", ActorProponent),
		// B.1.5, B.1.7: signatures and the credit path.
		row(mc, ChairSignature, ChairSign, ProvostSignature, "the SMC Chair signs and sends it to the Provost", ActorSMCChair),
		row(mc, ProvostSignature, ProvostSign, Approved, "the Provost signs a non credit-bearing micro-credential: approved", ActorProvost),
		row(mc, ProvostSignature, ProvostSignCredit, SSCCReview, "the Provost signs a credit request: to SSCC; meanwhile issuable only as non credit-bearing", ActorProvost),
		row(mc, ProvostSignature, ProvostDecline, Returned, "the Provost declines to sign, with reasons", ActorProvost),
		row(mc, SSCCReview, SSCCRecommend, SenateReview, "SSCC recommends it to Senate", ActorSSCCSecretary),
		row(mc, SSCCReview, SSCCDecline, Approved, "SSCC does not recommend: approved as non credit-bearing", ActorSSCCSecretary),
		row(mc, SenateReview, SenateApprove, Approved, "Senate approves: the requested credit status is issuable", ActorSenateSecretary),
		row(mc, SenateReview, SenateDecline, Approved, "Senate refuses: approved as non credit-bearing", ActorSenateSecretary),
		// B.1.8: annual review, offerings and discontinuance.
		row(mc, Approved, RecordAnnualReview, Approved, "the offering program area records its annual review", ActorDepartmentChair, ActorAdmin),
		row(mc, Approved, RecordOffering, Approved, "an offering of the credential is recorded", ActorDepartmentChair, ActorAdmin),
		row(mc, SSCCReview, RecordOffering, SSCCReview, "an offering is recorded while the credit request is pending", ActorDepartmentChair, ActorAdmin),
		row(mc, SenateReview, RecordOffering, SenateReview, "an offering is recorded while the credit request is pending", ActorDepartmentChair, ActorAdmin),
		row(mc, Approved, ProposeDiscontinue, DiscontinueProposed, "not offered for one year: put to the Provost for discontinuance", ActorAdmin),
		row(mc, DiscontinueProposed, ReferDiscontinue, DiscontinueReview, "the Provost sends it to the SMC for action", ActorProvost),
		row(mc, DiscontinueProposed, Retain, Approved, "the Provost keeps it", ActorProvost),
		row(mc, DiscontinueReview, Discontinue, Discontinued, "the SMC discontinues it: no new badges", ActorSMCChair),
		row(mc, DiscontinueReview, Retain, Approved, "the SMC keeps it", ActorSMCChair),
		row(mc, Approved, Supersede, Superseded, "a newer version was approved", ActorSystem),
		row(mc, DiscontinueProposed, Supersede, Superseded, "a newer version was approved", ActorSystem),
		row(mc, DiscontinueReview, Supersede, Superseded, "a newer version was approved", ActorSystem),
		row(mc, SSCCReview, Supersede, Superseded, "a newer version was approved", ActorSystem),
		row(mc, SenateReview, Supersede, Superseded, "a newer version was approved", ActorSystem),

		// B.2: digital badges.
		row(db, Draft, Submit, DBCReview, "proponent submits the badge to the Digital Badge Committee", ActorProponent),
		row(db, DBCReview, CastVote, DBCReview, "a DBC member votes", ActorDBCMember),
		row(db, DBCReview, DBCApprove, Approved, "the DBC approves (majority of current members, or the Chair where configured)", ActorSystem, ActorDBCChair),
		row(db, DBCReview, DBCReject, Returned, "the DBC does not approve: back to the proponent", ActorSystem, ActorDBCChair),
		row(db, Returned, Resubmit, DBCReview, "proponent revises and resubmits", ActorProponent),
		row(db, Approved, ReportToSSCC, Approved, "listed in the Provost's report to SSCC of badges approved since its last meeting", ActorSystem),
		row(db, Approved, SSCCQueryBadge, SSCCQuery, "SSCC determines it may have been created erroneously: the Provost is asked to explain", ActorSSCCSecretary),
		row(db, SSCCQuery, ProvostExplain, Explained, "the Provost gives a more detailed explanation at the next SSCC meeting", ActorProvost),
		row(db, Explained, SSCCAccept, Approved, "SSCC is satisfied", ActorSSCCSecretary),
		row(db, Explained, SSCCReferSenate, SenateReferral, "SSCC remains dissatisfied: Senate makes the final decision", ActorSSCCSecretary),
		row(db, SenateReferral, SenateRetain, Approved, "Senate retains the badge", ActorSenateSecretary),
		row(db, SenateReferral, SenateRescind, Rescinded, "Senate rescinds the badge: no new issuance", ActorSenateSecretary),
		row(db, Approved, RecordOffering, Approved, "an offering of the badge is recorded", ActorDepartmentChair, ActorAdmin),
		row(db, Approved, Supersede, Superseded, "a newer version was approved", ActorSystem),
	}
	// Withdrawal by the proponent, before a decision is under way.
	for _, k := range []Kind{mc, db} {
		from := []State{Draft, Returned}
		if k == mc {
			from = append(from, Submitted, Incomplete)
		}
		for _, s := range from {
			t = append(t, row(k, s, Withdraw, Withdrawn, "the proponent withdraws the proposal", ActorProponent))
		}
	}
	return t
}()

type key struct {
	kind  Kind
	from  State
	event Event
}

var index = func() map[key]Transition {
	m := make(map[key]Transition, len(table))
	for _, t := range table {
		k := key{t.Kind, t.From, t.Event}
		if _, dup := m[k]; dup {
			panic(fmt.Sprintf("approval: duplicate row %v", k)) // a programming error in the table itself
		}
		m[k] = t
	}
	return m
}()

// Next returns the transition the policy allows for an event in a state, or
// an error wrapping ErrTransition.
func Next(k Kind, from State, ev Event) (Transition, error) {
	t, ok := index[key{k, from, ev}]
	if !ok {
		return Transition{}, fmt.Errorf("%w: %s is not possible for a %s in state %s", ErrTransition, ev, k, from)
	}
	return t, nil
}

// Table returns a copy of the policy table, in policy order.
func Table() []Transition {
	out := make([]Transition, len(table))
	copy(out, table)
	return out
}

// States returns every state the table mentions for a kind, sorted.
func States(k Kind) []State {
	seen := map[State]bool{}
	for _, t := range table {
		if t.Kind == k {
			seen[t.From], seen[t.To] = true, true
		}
	}
	return sortedKeys(seen)
}

// Events returns every event the table mentions, sorted.
func Events() []Event {
	seen := map[Event]bool{}
	for _, t := range table {
		seen[t.Event] = true
	}
	return sortedKeys(seen)
}

func sortedKeys[K ~string](m map[K]bool) []K {
	out := slices.Collect(maps.Keys(m))
	slices.Sort(out)
	return out
}

// Allows reports whether actor a may fire the transition.
func (t Transition) Allows(a Actor) bool {
	for _, x := range t.Actors {
		if x == a {
			return true
		}
	}
	return false
}

// Editable reports whether a version's Outline may be edited in state s.
func Editable(s State) bool { return s == Draft || s == Incomplete || s == Returned }

// Terminal reports whether no event leads out of s for kind k.
func Terminal(k Kind, s State) bool {
	for _, t := range table {
		if t.Kind == k && t.From == s {
			return false
		}
	}
	return true
}
