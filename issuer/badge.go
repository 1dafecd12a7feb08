package issuer

import (
	"context"
	"time"

	"badged/issuer/approval"
	"badged/issuer/audit"
)

// DBCDecide is the DBC Chair's decision on a digital badge, where the
// committee decides by its Chair (Config.DBCDecision = DBCChair).
func (s *Service) DBCDecide(ctx context.Context, p Principal, versionID string, approve bool, comment string) (*Version, error) {
	if err := authorize(p, ActDBCDecide); err != nil {
		return nil, err
	}
	comment, err := checkComment(comment, !approve, "the reason the DBC does not approve it")
	if err != nil {
		return nil, err
	}
	if s.cfg.DBCDecision != DBCChair {
		return nil, Errorf(ETransition, "the DBC decides by a majority of its members here: members vote")
	}
	ev := approval.DBCApprove
	if !approve {
		ev = approval.DBCReject
	}
	return s.act(ctx, p, versionID, ev, comment, func(ctx context.Context, tx Store, _ *Version, _ *Credential, now time.Time) (step, error) {
		members, err := s.memberIDs(ctx, tx, DBC, now)
		return step{data: map[string]any{"dbc_members": members}}, err
	})
}

// MaxReportItems bounds one SSCC report.
const MaxReportItems = 1000

// ReportToSSCC is the Provost's regular report to SSCC listing every digital
// badge approved since the last report. Each listed badge records it.
func (s *Service) ReportToSSCC(ctx context.Context, p Principal, meeting string) (*Report, error) {
	if err := authorize(p, ActReportToSSCC); err != nil {
		return nil, err
	}
	meeting, err := checkComment(meeting, true, "the SSCC meeting")
	if err != nil {
		return nil, err
	}
	var r *Report
	err = s.store.InTx(ctx, func(tx Store) error {
		now := s.clock()
		vs, err := tx.ListVersions(ctx, VersionFilter{Kind: approval.DigitalBadge, Unreported: true,
			States: []approval.State{approval.Approved, approval.SSCCQuery, approval.Explained, approval.SenateReferral}}, Page{Limit: MaxReportItems})
		if err != nil {
			return err
		}
		r = &Report{ID: NewID(), CreatedBy: p.User.ID, CreatedAt: now, Meeting: meeting}
		for i := range vs {
			if vs[i].ApprovedAt == nil {
				continue
			}
			r.VersionIDs = append(r.VersionIDs, vs[i].ID)
		}
		if err := tx.CreateReport(ctx, r); err != nil {
			return err
		}
		if err := record(ctx, tx, audit.Event{SubjectType: "report", SubjectID: r.ID, Action: "report_to_sscc",
			ActorID: p.User.ID, ActorRole: string(RoleProvost), At: now, Comment: meeting,
			Data: audit.CanonicalJSON(map[string]any{"versions": r.VersionIDs})}); err != nil {
			return err
		}
		for _, id := range r.VersionIDs {
			_, err := s.actIn(ctx, tx, systemActor(p), id, approval.ReportToSSCC, "listed in report "+r.ID,
				func(_ context.Context, _ Store, v *Version, _ *Credential, now time.Time) (step, error) {
					v.ReportedAt = &now
					return step{data: map[string]any{"report_id": r.ID}}, nil
				})
			if err != nil {
				return err
			}
		}
		return nil
	})
	return r, err
}

// roleSystem marks a principal acting for the service itself; it is never
// granted and only the service adds it, for events the table fires as
// system events on a person's behalf (listing badges in the Provost's report).
const roleSystem Role = "system"

func systemActor(p Principal) Principal {
	sys := Principal{User: p.User, Roles: []RoleGrant{{Role: roleSystem}}}
	return sys
}

// ListReports lists the reports to SSCC, oldest first.
func (s *Service) ListReports(ctx context.Context, p Principal, pg Page) ([]Report, error) {
	if err := authorize(p, ActReadReports); err != nil {
		return nil, err
	}
	return s.store.ListReports(ctx, pg.Normalize())
}

// GetReport returns one report.
func (s *Service) GetReport(ctx context.Context, p Principal, id string) (*Report, error) {
	if err := authorize(p, ActReadReports); err != nil {
		return nil, err
	}
	return s.store.GetReport(ctx, id)
}

// SSCCQuery records SSCC's determination that a digital badge may have been
// created erroneously; the Provost is asked for a more detailed explanation.
func (s *Service) SSCCQuery(ctx context.Context, p Principal, versionID, concern string) (*Version, error) {
	if err := authorize(p, ActSSCCQuery); err != nil {
		return nil, err
	}
	concern, err := checkComment(concern, true, "SSCC's concern")
	if err != nil {
		return nil, err
	}
	return s.act(ctx, p, versionID, approval.SSCCQueryBadge, concern, nil)
}

// ProvostExplain records the Provost's explanation at the next SSCC meeting.
func (s *Service) ProvostExplain(ctx context.Context, p Principal, versionID, explanation string) (*Version, error) {
	if err := authorize(p, ActProvostExplain); err != nil {
		return nil, err
	}
	explanation, err := checkComment(explanation, true, "the explanation")
	if err != nil {
		return nil, err
	}
	return s.act(ctx, p, versionID, approval.ProvostExplain, explanation, nil)
}

// SSCCResolve records whether SSCC is satisfied by the Provost's explanation
// or refers the badge to Senate.
func (s *Service) SSCCResolve(ctx context.Context, p Principal, versionID string, referToSenate bool, comment string) (*Version, error) {
	if err := authorize(p, ActSSCCDecide); err != nil {
		return nil, err
	}
	comment, err := checkComment(comment, referToSenate, "the reason for the referral")
	if err != nil {
		return nil, err
	}
	ev := approval.SSCCAccept
	if referToSenate {
		ev = approval.SSCCReferSenate
	}
	return s.act(ctx, p, versionID, ev, comment, nil)
}

// SenateResolve records Senate's final decision on a referred badge: retain
// it, or rescind it, which stops new issuance.
func (s *Service) SenateResolve(ctx context.Context, p Principal, versionID string, rescind bool, comment string) (*Version, error) {
	if err := authorize(p, ActSenateDecide); err != nil {
		return nil, err
	}
	comment, err := checkComment(comment, rescind, "the reason Senate rescinds it")
	if err != nil {
		return nil, err
	}
	ev := approval.SenateRetain
	if rescind {
		ev = approval.SenateRescind
	}
	return s.act(ctx, p, versionID, ev, comment, nil)
}
