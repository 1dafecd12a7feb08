package storage

import (
	"context"
	"encoding/json"
	"fmt"

	"gorm.io/gorm/clause"

	"badged/issuer/audit"
)

type auditRow struct {
	Seq         int64 `gorm:"primaryKey;autoIncrement:false"`
	SubjectType string
	SubjectID   string
	Action      string
	ActorID     string
	ActorRole   string
	At          dbTime `gorm:"column:at"`
	FromState   string
	ToState     string
	Comment     string
	// Data is the event's canonical JSON, NULL when it has none.
	Data     *string
	PrevHash string
	Hash     string
}

func (auditRow) TableName() string { return "audit_events" }

func (r auditRow) event() audit.Event {
	e := audit.Event{
		Seq: r.Seq, SubjectType: r.SubjectType, SubjectID: r.SubjectID, Action: r.Action,
		ActorID: r.ActorID, ActorRole: r.ActorRole, At: r.At.time(),
		FromState: r.FromState, ToState: r.ToState, Comment: r.Comment,
		PrevHash: r.PrevHash, Hash: r.Hash,
	}
	if r.Data != nil {
		e.Data = json.RawMessage(*r.Data)
	}
	return e
}

// auditHeadRow is the chain's last event: the single row appends lock.
type auditHeadRow struct {
	ID   int `gorm:"primaryKey;autoIncrement:false"`
	Seq  int64
	Hash string
}

func (auditHeadRow) TableName() string { return "audit_head" }

// AppendAudit seals e after the chain's head (audit.Seal sets Seq, PrevHash
// and Hash, and truncates At to microseconds; a zero At is set from the
// store's clock) and stores it, in the caller's transaction if there is
// one. On PostgreSQL the head row stays locked until that transaction ends,
// so a concurrent append waits and then links after this event; on SQLite
// the write transaction excludes every other writer.
//
// Append last in a transaction, after its other writes: every auditing
// transaction waits for the head while this one holds it, and taking row
// locks after the head (rather than before) could deadlock with a
// transaction that takes them in the other order.
func (d *DB) AppendAudit(ctx context.Context, e *audit.Event) error {
	return d.tx(ctx, func(tx *DB) error {
		var head auditHeadRow
		q := tx.db(ctx).Where("id = 1")
		if tx.dialect == Postgres {
			q = q.Clauses(clause.Locking{Strength: clause.LockingStrengthUpdate})
		}
		if err := q.Take(&head).Error; err != nil {
			return translate(err, failure{op: "append audit event: read the chain head"})
		}
		e.At = tx.stamp(e.At)
		audit.Seal(e, head.Seq, head.Hash)

		row := auditRow{
			Seq: e.Seq, SubjectType: e.SubjectType, SubjectID: e.SubjectID, Action: e.Action,
			ActorID: e.ActorID, ActorRole: e.ActorRole, At: at(e.At),
			FromState: e.FromState, ToState: e.ToState, Comment: e.Comment,
			PrevHash: e.PrevHash, Hash: e.Hash,
		}
		if len(e.Data) > 0 {
			data := string(e.Data)
			row.Data = &data
		}
		if err := tx.db(ctx).Create(&row).Error; err != nil {
			return translate(err, failure{op: opf("append audit event %d", e.Seq)})
		}
		res := tx.db(ctx).Model(&auditHeadRow{}).Where("id = 1 AND seq = ?", head.Seq).
			Updates(map[string]any{"seq": e.Seq, "hash": e.Hash})
		if res.Error != nil {
			return translate(res.Error, failure{op: opf("append audit event %d: move the chain head", e.Seq)})
		}
		if res.RowsAffected != 1 {
			// Unreachable while the head is locked or SQLite has one writer.
			return fmt.Errorf("store: append audit event %d: the chain head moved during the append", e.Seq)
		}
		return nil
	})
}

// ListAudit returns a subject's events in chain order.
func (d *DB) ListAudit(ctx context.Context, subjectType, subjectID string) ([]audit.Event, error) {
	var rows []auditRow
	err := d.db(ctx).Where("subject_type = ? AND subject_id = ?", subjectType, subjectID).Order("seq").Find(&rows).Error
	if err != nil {
		return nil, translate(err, failure{op: opf("list audit events of %s %s", subjectType, subjectID)})
	}
	return mapRows(rows, auditRow.event), nil
}

// ScanAudit calls fn for every event with Seq > after, in chain order. It
// reads the log in batches and holds no connection while fn runs, so fn may
// use the store. It stops at fn's first error and returns it unwrapped
// (an *audit.Break from a Verifier stays one).
func (d *DB) ScanAudit(ctx context.Context, after int64, fn func(audit.Event) error) error {
	for {
		var rows []auditRow
		err := d.db(ctx).Where("seq > ?", after).Order("seq").Limit(d.scanBatch).Find(&rows).Error
		if err != nil {
			return translate(err, failure{op: opf("scan audit events after %d", after)})
		}
		for _, r := range rows {
			if err := fn(r.event()); err != nil {
				return err
			}
			after = r.Seq
		}
		if len(rows) < d.scanBatch {
			return nil
		}
	}
}
