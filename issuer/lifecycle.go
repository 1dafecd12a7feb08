package issuer

import (
	"context"
	"fmt"
	"time"

	"badged/issuer/approval"
	"badged/issuer/audit"
)

// IssueDecision answers "may this credential be issued now, and with which
// credit status?". The issuing capability calls MayIssue before every award.
type IssueDecision struct {
	Issuable bool
	// VersionID and VersionNumber name the version whose metadata a badge carries.
	VersionID     string
	VersionNumber int
	// Credit is the credit status badges carry now.
	Credit approval.CreditStatus
	// Credits is the number of credits, when Credit is not non credit-bearing.
	Credits float64
	// Interim is true while a credit request waits for SSCC and Senate.
	Interim bool
	// Reason explains the answer for people.
	Reason string
}

// MayIssue answers for a credential now. It needs no role: the issuing
// capability checks delegation separately.
func (s *Service) MayIssue(ctx context.Context, credentialID string) (IssueDecision, error) {
	if _, err := s.store.GetCredential(ctx, credentialID); err != nil {
		return IssueDecision{}, err
	}
	vs, err := s.store.ListVersions(ctx, VersionFilter{CredentialID: credentialID}, Page{Limit: MaxPageSize})
	if err != nil {
		return IssueDecision{}, err
	}
	return decide(vs), nil
}

// decide picks the version badges are issued from: an approved version
// wins over one whose credit request is pending (an approved version stays
// issuable until a newer one is approved); among equals the newest wins.
func decide(vs []Version) IssueDecision {
	var best *Version
	var bestIss approval.Issuability
	for i := range vs {
		iss := vs[i].Issuability()
		if !iss.Issuable {
			continue
		}
		if best == nil || (bestIss.Interim && !iss.Interim) || (bestIss.Interim == iss.Interim && vs[i].Number > best.Number) {
			best, bestIss = &vs[i], iss
		}
	}
	if best == nil {
		return IssueDecision{Reason: notIssuableReason(vs)}
	}
	d := IssueDecision{Issuable: true, VersionID: best.ID, VersionNumber: best.Number, Credit: bestIss.Credit, Interim: bestIss.Interim}
	if d.Credit != approval.NonCreditBearing {
		d.Credits = best.Credits
	}
	switch {
	case d.Interim:
		d.Reason = fmt.Sprintf("version %d awaits SSCC and Senate on its %s request: issuable only as non credit-bearing until Senate approves", best.Number, best.CreditRequested)
	default:
		d.Reason = fmt.Sprintf("version %d is %s", best.Number, best.State)
	}
	return d
}

func notIssuableReason(vs []Version) string {
	for _, v := range vs {
		switch v.State {
		case approval.Discontinued:
			return "discontinued: no new badges (badges already issued stay valid)"
		case approval.Rescinded:
			return "rescinded by Senate: no new badges"
		}
	}
	if len(vs) == 0 {
		return "no versions"
	}
	latest := vs[len(vs)-1]
	return fmt.Sprintf("not approved yet: version %d is %s", latest.Number, latest.State)
}

// Revise starts a new version of an approved credential as a draft with a
// copy of the issuable version's outline. The approved version stays
// issuable until the new one is approved.
func (s *Service) Revise(ctx context.Context, p Principal, credentialID, comment string) (*Version, error) {
	if err := authorize(p, ActEditVersion); err != nil {
		return nil, err
	}
	comment, err := checkComment(comment, false, "comment")
	if err != nil {
		return nil, err
	}
	var out *Version
	err = s.store.InTx(ctx, func(tx Store) error {
		c, err := tx.GetCredential(ctx, credentialID)
		if err != nil {
			return err
		}
		if c.ProponentID != p.User.ID {
			return Errorf(EForbidden, "only the credential's proponent may revise it")
		}
		vs, err := tx.ListVersions(ctx, VersionFilter{CredentialID: credentialID}, Page{Limit: MaxPageSize})
		if err != nil {
			return err
		}
		dec := decide(vs)
		if !dec.Issuable {
			return Errorf(ETransition, "only an approved credential is revised through a new version (%s)", dec.Reason)
		}
		var base *Version
		for i := range vs {
			if vs[i].ID == dec.VersionID {
				base = &vs[i]
			}
			if vs[i].Number > dec.VersionNumber && !approval.Terminal(vs[i].Kind, vs[i].State) {
				return Errorf(EConflict, "version %d is already open as a revision", vs[i].Number)
			}
		}
		now := s.clock()
		outline := Outline{}
		for k, v := range base.Outline {
			outline[k] = v
		}
		v := &Version{ID: NewID(), CredentialID: c.ID, Kind: c.Kind, Number: vs[len(vs)-1].Number + 1, State: approval.Draft,
			Outline: outline, CreditRequested: base.CreditRequested, Credits: base.Credits, CreatedAt: now, UpdatedAt: now}
		if err := tx.CreateVersion(ctx, v); err != nil {
			return err
		}
		out = v
		return record(ctx, tx, audit.Event{SubjectType: "version", SubjectID: v.ID, Action: "revise",
			ActorID: p.User.ID, ActorRole: string(RoleProponent), At: now, ToState: string(v.State), Comment: comment,
			Data: audit.CanonicalJSON(map[string]any{"credential_id": c.ID, "from_version": base.ID, "number": v.Number})})
	})
	return out, err
}

// issuableVersion is the version a credential-level action applies to.
func (s *Service) issuableVersion(ctx context.Context, tx Store, credentialID string) (*Version, error) {
	if _, err := tx.GetCredential(ctx, credentialID); err != nil {
		return nil, err // not found, rather than "not approved"
	}
	vs, err := tx.ListVersions(ctx, VersionFilter{CredentialID: credentialID}, Page{Limit: MaxPageSize})
	if err != nil {
		return nil, err
	}
	// Discontinuance acts on the approved version even while it is being
	// discontinued, when IssueDecision still says issuable.
	dec := decide(vs)
	if !dec.Issuable {
		return nil, Errorf(ETransition, "credential %s is not approved: %s", credentialID, dec.Reason)
	}
	for i := range vs {
		if vs[i].ID == dec.VersionID {
			return &vs[i], nil
		}
	}
	return nil, Errorf(EInternal, "issuable version vanished")
}

// RecordOffering records that the credential was offered on a date (the
// offering department's chair or the central office).
func (s *Service) RecordOffering(ctx context.Context, p Principal, credentialID string, on time.Time, note string) (*Offering, error) {
	if err := authorize(p, ActRecordOffering); err != nil {
		return nil, err
	}
	note, err := checkComment(note, false, "note")
	if err != nil {
		return nil, err
	}
	if on.IsZero() || on.After(s.clock().Add(366*24*time.Hour)) {
		return nil, Errorf(EInvalid, "an offering needs a date no more than a year ahead")
	}
	var off *Offering
	err = s.store.InTx(ctx, func(tx Store) error {
		v, err := s.issuableVersion(ctx, tx, credentialID)
		if err != nil {
			return err
		}
		off = &Offering{ID: NewID(), CredentialID: credentialID, OfferedOn: dateOnly(on), Note: note, RecordedBy: p.User.ID, CreatedAt: s.clock()}
		_, err = s.actIn(ctx, tx, p, v.ID, approval.RecordOffering, note, func(ctx context.Context, tx Store, v *Version, _ *Credential, _ time.Time) (step, error) {
			return step{data: map[string]any{"offering_id": off.ID, "offered_on": off.OfferedOn.Format(time.DateOnly)}}, tx.CreateOffering(ctx, off)
		})
		return err
	})
	return off, err
}

func dateOnly(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// ListOfferings lists a credential's offerings, earliest first.
func (s *Service) ListOfferings(ctx context.Context, p Principal, credentialID string, pg Page) ([]Offering, error) {
	if _, err := s.readableCredential(ctx, p, credentialID); err != nil {
		return nil, err
	}
	return s.store.ListOfferings(ctx, credentialID, pg.Normalize())
}

// RecordAnnualReview records the offering program area's annual review.
func (s *Service) RecordAnnualReview(ctx context.Context, p Principal, credentialID string, year int, outcome, comment string) (*AnnualReview, error) {
	if err := authorize(p, ActAnnualReview); err != nil {
		return nil, err
	}
	comment, err := checkComment(comment, false, "comment")
	if err != nil {
		return nil, err
	}
	now := s.clock()
	if year < 2000 || year > now.Year()+1 {
		return nil, Errorf(EInvalid, "year %d is out of range", year)
	}
	switch outcome {
	case "current", "needs_revision", "recommend_discontinuance":
	default:
		return nil, Errorf(EInvalid, "outcome must be current, needs_revision or recommend_discontinuance")
	}
	var ar *AnnualReview
	err = s.store.InTx(ctx, func(tx Store) error {
		v, err := s.issuableVersion(ctx, tx, credentialID)
		if err != nil {
			return err
		}
		ar = &AnnualReview{ID: NewID(), CredentialID: credentialID, VersionID: v.ID, Year: year, Outcome: outcome, Comment: comment, ReviewedBy: p.User.ID, ReviewedAt: now}
		_, err = s.actIn(ctx, tx, p, v.ID, approval.RecordAnnualReview, comment, func(ctx context.Context, tx Store, _ *Version, _ *Credential, _ time.Time) (step, error) {
			return step{data: map[string]any{"annual_review_id": ar.ID, "year": year, "outcome": outcome}}, tx.CreateAnnualReview(ctx, ar)
		})
		return err
	})
	return ar, err
}

// ListAnnualReviews lists a credential's annual reviews.
func (s *Service) ListAnnualReviews(ctx context.Context, p Principal, credentialID string, pg Page) ([]AnnualReview, error) {
	if _, err := s.readableCredential(ctx, p, credentialID); err != nil {
		return nil, err
	}
	return s.store.ListAnnualReviews(ctx, credentialID, pg.Normalize())
}

// LastOffered is when a credential was last offered: its latest recorded
// offering, or its approval when it has none yet. (The issuing capability
// will add the latest award.)
func (s *Service) lastOffered(ctx context.Context, tx Store, credentialID string, v *Version) (time.Time, error) {
	last := v.CreatedAt
	if v.ApprovedAt != nil {
		last = *v.ApprovedAt
	}
	off, err := tx.LatestOffering(ctx, credentialID)
	switch {
	case IsCode(err, ENotFound):
		return last, nil
	case err != nil:
		return time.Time{}, err
	}
	if off.OfferedOn.After(last) {
		last = off.OfferedOn
	}
	return last, nil
}

// ProposeDiscontinuance puts a micro-credential not offered for a year to
// the Provost for discontinuance (the central office).
func (s *Service) ProposeDiscontinuance(ctx context.Context, p Principal, credentialID, comment string) (*Version, error) {
	if err := authorize(p, ActProposeDiscont); err != nil {
		return nil, err
	}
	return s.actOnCredential(ctx, p, credentialID, comment, func(*Version) approval.Event { return approval.ProposeDiscontinue },
		func(ctx context.Context, tx Store, v *Version, _ *Credential, now time.Time) (step, error) {
			last, err := s.lastOffered(ctx, tx, credentialID, v)
			if err != nil {
				return step{}, err
			}
			if now.Sub(last) < s.cfg.DiscontinueAfter {
				return step{}, Errorf(ETransition, "last offered %s: not yet a year without an offering", last.Format(time.DateOnly))
			}
			return step{data: map[string]any{"last_offered": last}}, nil
		})
}

// DecideDiscontinuance is the Provost referring a proposed discontinuance to
// the SMC or keeping the credential, and the SMC Chair discontinuing or
// keeping it.
func (s *Service) DecideDiscontinuance(ctx context.Context, p Principal, credentialID string, discontinue bool, comment string) (*Version, error) {
	if err := authorize(p, ActDecideDiscont); err != nil {
		return nil, err
	}
	return s.actOnCredential(ctx, p, credentialID, comment, func(v *Version) approval.Event {
		switch {
		case !discontinue:
			return approval.Retain
		case v.State == approval.DiscontinueProposed:
			return approval.ReferDiscontinue
		}
		return approval.Discontinue
	}, nil)
}

// actOnCredential fires an event on the version a credential issues from:
// the credential-level actions of the policy (discontinuance) act on it.
func (s *Service) actOnCredential(ctx context.Context, p Principal, credentialID, comment string, event func(*Version) approval.Event,
	fn func(ctx context.Context, tx Store, v *Version, c *Credential, now time.Time) (step, error)) (*Version, error) {
	comment, err := checkComment(comment, false, "comment")
	if err != nil {
		return nil, err
	}
	var out *Version
	err = s.store.InTx(ctx, func(tx Store) error {
		v, err := s.issuableVersion(ctx, tx, credentialID)
		if err != nil {
			return err
		}
		out, err = s.actIn(ctx, tx, p, v.ID, event(v), comment, fn)
		return err
	})
	return out, err
}

// actIn is act inside a transaction the caller already holds.
func (s *Service) actIn(ctx context.Context, tx Store, p Principal, versionID string, ev approval.Event, comment string,
	fn func(ctx context.Context, tx Store, v *Version, c *Credential, now time.Time) (step, error)) (*Version, error) {
	inner := *s
	inner.store = tx
	return inner.act(ctx, p, versionID, ev, comment, fn)
}

// Overdue is a version past one of its deadlines.
type Overdue struct {
	Version  Version
	Deadline string // "review" or "department_response"
	DueAt    time.Time
}

// ListOverdue lists versions whose review window or Department Chair
// response window has passed while still open.
func (s *Service) ListOverdue(ctx context.Context, p Principal, pg Page) ([]Overdue, error) {
	if err := authorize(p, ActReadOverdue); err != nil {
		return nil, err
	}
	now := s.clock()
	vs, err := s.store.ListVersions(ctx, VersionFilter{States: []approval.State{approval.InReview, approval.DuplicationConsult}, DueBefore: &now}, pg.Normalize())
	if err != nil {
		return nil, err
	}
	var out []Overdue
	for _, v := range vs {
		if v.State == approval.DuplicationConsult && v.ConsultDueAt != nil && !now.Before(*v.ConsultDueAt) {
			out = append(out, Overdue{Version: v, Deadline: "department_response", DueAt: *v.ConsultDueAt})
		}
		if v.ReviewDueAt != nil && !now.Before(*v.ReviewDueAt) {
			out = append(out, Overdue{Version: v, Deadline: "review", DueAt: *v.ReviewDueAt})
		}
	}
	return out, nil
}
