package issuer

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"badged/issuer/approval"
	"badged/issuer/audit"
	"badged/issuer/workday"
)

// Config configures a Service.
type Config struct {
	Store    Store
	Calendar *workday.Calendar
	// Clock returns the current time; tests fix it.
	Clock  func() time.Time
	Logger *slog.Logger
	// ReviewWorkingDays is the SMC review window (policy: 10 working days).
	ReviewWorkingDays int
	// ConsultWorkingDays is the Department Chair's response window in the
	// duplication branch (policy: 5 days; counted as working days).
	ConsultWorkingDays int
	// EarlyCall lets the SMC Chair call the question before the review window
	// ends once all three reviews are in (a choice the policy leaves open).
	EarlyCall bool
	// DBCDecision is how the Digital Badge Committee decides: DBCMajority (a
	// majority of current members) or DBCChair (the Chair's decision).
	DBCDecision DBCDecision
	// DiscontinueAfter is how long without an offering or award before a
	// micro-credential may be put to the Provost for discontinuance (one year).
	DiscontinueAfter time.Duration
	// TokenTTL is the default lifetime of new API tokens.
	TokenTTL time.Duration
}

// DBCDecision says how the Digital Badge Committee decides.
type DBCDecision string

const (
	DBCMajority DBCDecision = "majority"
	DBCChair    DBCDecision = "chair"
)

// Service enforces the approval policy over a Store.
type Service struct {
	store Store
	cal   *workday.Calendar
	now   func() time.Time
	log   *slog.Logger
	cfg   Config
}

// NewService checks cfg and returns a Service. Zero values take the policy defaults.
func NewService(cfg Config) (*Service, error) {
	if cfg.Store == nil {
		return nil, errors.New("issuer: no store")
	}
	if cfg.Calendar == nil {
		return nil, errors.New("issuer: no working-day calendar")
	}
	if cfg.Clock == nil {
		cfg.Clock = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.ReviewWorkingDays == 0 {
		cfg.ReviewWorkingDays = 10
	}
	if cfg.ConsultWorkingDays == 0 {
		cfg.ConsultWorkingDays = 5
	}
	if cfg.DBCDecision == "" {
		cfg.DBCDecision = DBCMajority
	}
	if cfg.DBCDecision != DBCMajority && cfg.DBCDecision != DBCChair {
		return nil, fmt.Errorf("issuer: unknown DBC decision rule %q", cfg.DBCDecision)
	}
	if cfg.DiscontinueAfter == 0 {
		cfg.DiscontinueAfter = 365 * 24 * time.Hour
	}
	if cfg.TokenTTL == 0 {
		cfg.TokenTTL = 90 * 24 * time.Hour
	}
	return &Service{store: cfg.Store, cal: cfg.Calendar, now: cfg.Clock, log: cfg.Logger, cfg: cfg}, nil
}

// Calendar returns the working-day calendar in force.
func (s *Service) Calendar() *workday.Calendar { return s.cal }

// Ping checks the store.
func (s *Service) Ping(ctx context.Context) error { return s.store.Ping(ctx) }

func (s *Service) clock() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

// record appends an audit event in tx.
func record(ctx context.Context, tx Store, e audit.Event) error {
	if err := tx.AppendAudit(ctx, &e); err != nil {
		return fmt.Errorf("append audit event: %w", err)
	}
	return nil
}

func primaryRole(p Principal, preferred Role) string {
	if preferred != "" && p.Has(preferred) {
		return string(preferred)
	}
	if names := p.RoleNames(); len(names) > 0 {
		return string(names[0])
	}
	return ""
}

// step is the outcome of one action on a version, beyond its main event.
type step struct {
	// data is recorded with the main event.
	data any
	// then are derived events fired after the main one, each recorded as a
	// system event with its own data.
	then []derived
}

type derived struct {
	event   approval.Event
	comment string
	data    any
}

// act runs one workflow event on a version: it checks the policy table and
// the actor, lets fn apply the action's own changes, saves the version with a
// compare-and-swap, fires derived events and records every transition in the
// audit chain, all in one transaction.
func (s *Service) act(ctx context.Context, p Principal, versionID string, ev approval.Event, comment string,
	fn func(ctx context.Context, tx Store, v *Version, c *Credential, now time.Time) (step, error)) (*Version, error) {
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
		t, err := approval.Next(v.Kind, v.State, ev)
		if err != nil {
			return Wrap(ETransition, err, "%s", err.Error())
		}
		role, err := s.actorMay(ctx, tx, p, t, v, c)
		if err != nil {
			return err
		}
		now := s.clock()
		from := v.State
		v.State = t.To
		st := step{}
		if fn != nil {
			if st, err = fn(ctx, tx, v, c, now); err != nil {
				return err
			}
		}
		v.UpdatedAt = now
		// The audit events are appended last, after the compare-and-swap:
		// appending holds the chain's head until commit, so an action that
		// loses the race fails before it queues behind the winners.
		events := []audit.Event{{
			SubjectType: "version", SubjectID: v.ID, Action: string(ev),
			ActorID: p.User.ID, ActorRole: string(role), At: now,
			FromState: string(from), ToState: string(t.To), Comment: comment, Data: audit.CanonicalJSON(st.data),
		}}
		for _, d := range st.then {
			dt, err := approval.Next(v.Kind, v.State, d.event)
			if err != nil {
				return fmt.Errorf("derived event %s: %w", d.event, err) // a bug in the service, not the caller's fault
			}
			from := v.State
			v.State = dt.To
			events = append(events, audit.Event{
				SubjectType: "version", SubjectID: v.ID, Action: string(d.event),
				ActorID: p.User.ID, ActorRole: string(approval.ActorSystem), At: now,
				FromState: string(from), ToState: string(dt.To), Comment: d.comment, Data: audit.CanonicalJSON(d.data),
			})
		}
		var more []audit.Event
		if v.State == approval.Approved && from != approval.Approved {
			if v.ApprovedAt == nil {
				v.ApprovedAt = &now
			}
			if v.CreditGranted == "" {
				v.CreditGranted = approval.NonCreditBearing
			}
		}
		if err := tx.UpdateVersion(ctx, v); err != nil {
			return err
		}
		if v.State == approval.Approved && from != approval.Approved {
			if more, err = s.supersedeOlder(ctx, tx, v, now); err != nil {
				return err
			}
		}
		for _, e := range append(events, more...) {
			if err := record(ctx, tx, e); err != nil {
				return err
			}
		}
		out = v
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// supersedeOlder retires the previously approved version of the same
// credential once a newer one is approved: until then the older one stayed
// issuable.
func (s *Service) supersedeOlder(ctx context.Context, tx Store, v *Version, now time.Time) ([]audit.Event, error) {
	older, err := tx.ListVersions(ctx, VersionFilter{CredentialID: v.CredentialID}, Page{Limit: MaxPageSize})
	if err != nil {
		return nil, err
	}
	var events []audit.Event
	for i := range older {
		o := &older[i]
		if o.ID == v.ID || o.Number > v.Number {
			continue
		}
		t, err := approval.Next(o.Kind, o.State, approval.Supersede)
		if err != nil {
			continue // not in a state a newer approval retires
		}
		from := o.State
		o.State, o.UpdatedAt = t.To, now
		if err := tx.UpdateVersion(ctx, o); err != nil {
			return nil, err
		}
		events = append(events, audit.Event{
			SubjectType: "version", SubjectID: o.ID, Action: string(approval.Supersede),
			ActorRole: string(approval.ActorSystem), At: now, FromState: string(from), ToState: string(t.To),
			Comment: fmt.Sprintf("version %d was approved", v.Number), Data: audit.CanonicalJSON(map[string]any{"superseded_by": v.ID}),
		})
	}
	return events, nil
}

// actorMay checks that p may fire t on v, including the relational checks,
// and returns the role p acts in.
func (s *Service) actorMay(ctx context.Context, tx Store, p Principal, t approval.Transition, v *Version, c *Credential) (Role, error) {
	for _, a := range t.Actors {
		role, ok := actorRole(a)
		if !ok || !p.Has(role) {
			continue
		}
		switch a {
		case approval.ActorProponent:
			if p.User.ID != c.ProponentID {
				continue
			}
		case approval.ActorReviewer:
			if _, err := s.assignedReview(ctx, tx, v, p.User.ID); err != nil {
				if IsCode(err, ENotFound) {
					continue
				}
				return "", err
			}
		case approval.ActorDepartmentChair:
			dep, err := s.departmentFor(ctx, tx, t.Event, v, c)
			if err != nil {
				return "", err
			}
			if !p.HasFor(RoleDepartmentChair, dep) {
				continue
			}
		}
		return role, nil
	}
	return "", Errorf(EForbidden, "you may not %s this %s: %s", t.Event, v.Kind, describeActors(t.Actors))
}

func describeActors(as []approval.Actor) string {
	switch len(as) {
	case 0:
		return "nobody may"
	case 1:
		if as[0] == approval.ActorSystem {
			return "the service does this itself"
		}
		return "only the " + actorLabel(as[0]) + " may"
	}
	s := "only the "
	for i, a := range as {
		if i > 0 {
			s += " or the "
		}
		s += actorLabel(a)
	}
	return s + " may"
}

func actorLabel(a approval.Actor) string {
	switch a {
	case approval.ActorProponent:
		return "proposal's proponent"
	case approval.ActorReviewer:
		return "reviewers assigned to it"
	case approval.ActorSMCMember:
		return "SMC members"
	case approval.ActorDepartmentChair:
		return "chair of the department concerned"
	}
	return string(a)
}

// departmentFor is the department whose chair acts on an event.
func (s *Service) departmentFor(ctx context.Context, tx Store, ev approval.Event, v *Version, c *Credential) (string, error) {
	if ev == approval.DepartmentRespond {
		cons, err := openConsultation(ctx, tx, v)
		if err != nil {
			return "", err
		}
		return cons.DepartmentID, nil
	}
	return c.DepartmentID, nil
}

func (s *Service) assignedReview(ctx context.Context, tx Store, v *Version, userID string) (*Review, error) {
	reviews, err := tx.ListReviews(ctx, v.ID, v.Round)
	if err != nil {
		return nil, err
	}
	for i := range reviews {
		if reviews[i].ReviewerID == userID {
			return &reviews[i], nil
		}
	}
	return nil, Errorf(ENotFound, "you are not an assigned reviewer of this proposal")
}

func openConsultation(ctx context.Context, tx Store, v *Version) (*Consultation, error) {
	cs, err := tx.ListConsultations(ctx, v.ID)
	if err != nil {
		return nil, err
	}
	for i := range cs {
		if cs[i].Round == v.Round && cs[i].RespondedAt == nil && cs[i].ClosedAt == nil {
			return &cs[i], nil
		}
	}
	return nil, Errorf(ENotFound, "no open duplication consultation")
}
