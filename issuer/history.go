package issuer

import (
	"cmp"
	"context"
	"errors"
	"slices"

	"badged/issuer/audit"
)

// History returns every audit event of a credential and its versions, in
// chain order: the record the consultation asked to keep as a reference.
func (s *Service) History(ctx context.Context, p Principal, credentialID string) ([]audit.Event, error) {
	if err := authorize(p, ActReadAudit); err != nil {
		return nil, err
	}
	if _, err := s.readableCredential(ctx, p, credentialID); err != nil {
		return nil, err
	}
	vs, err := s.store.ListVersions(ctx, VersionFilter{CredentialID: credentialID}, Page{Limit: MaxPageSize})
	if err != nil {
		return nil, err
	}
	var out []audit.Event
	for _, v := range vs {
		evs, err := s.store.ListAudit(ctx, "version", v.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, evs...)
	}
	evs, err := s.store.ListAudit(ctx, "credential", credentialID)
	if err != nil {
		return nil, err
	}
	out = append(out, evs...)
	slices.SortFunc(out, func(a, b audit.Event) int { return cmp.Compare(a.Seq, b.Seq) })
	return out, nil
}

// AuditReport is the result of verifying the whole audit chain.
type AuditReport struct {
	Events int64
	Head   string
	// Break is nil when the chain verifies.
	Break *audit.Break
}

// VerifyAudit walks the whole audit chain. A broken chain is reported in the
// result, not as an error; an error means the check could not run.
func (s *Service) VerifyAudit(ctx context.Context, p Principal) (*AuditReport, error) {
	if err := authorize(p, ActVerifyAudit); err != nil {
		return nil, err
	}
	return s.VerifyAuditAsSystem(ctx)
}

// VerifyAuditAsSystem is VerifyAudit for the command line.
func (s *Service) VerifyAuditAsSystem(ctx context.Context) (*AuditReport, error) {
	var v audit.Verifier
	var brk *audit.Break
	err := s.store.ScanAudit(ctx, 0, func(e audit.Event) error {
		err := v.Add(e)
		errors.As(err, &brk)
		return err
	})
	if brk != nil {
		return &AuditReport{Events: v.Count(), Head: v.Head(), Break: brk}, nil
	}
	if err != nil {
		return nil, err
	}
	return &AuditReport{Events: v.Count(), Head: v.Head()}, nil
}
