package storage

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"badged/issuer/audit"
)

// appendEvents appends n events and returns them as sealed.
func appendEvents(t *testing.T, db *DB, n int) []audit.Event {
	t.Helper()
	at := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	var out []audit.Event
	for i := range n {
		e := audit.Event{SubjectType: "version", SubjectID: "ver-1", Action: "record_review", ActorID: "user-1",
			At: at.Add(time.Duration(i) * time.Second), Comment: "fine", Data: audit.CanonicalJSON(map[string]int{"i": i})}
		require.NoError(t, db.AppendAudit(t.Context(), &e))
		out = append(out, e)
	}
	return out
}

// testAuditLog checks the database's guard on the audit log and scanning
// in batches, on fresh databases from newDSN.
func testAuditLog(t *testing.T, newDSN func(t *testing.T) string) {
	t.Run("error/the database refuses edits", func(t *testing.T) {
		t.Parallel()
		db := openMigrated(t, newDSN(t))
		events := appendEvents(t, db, 3)
		g := db.db(t.Context())

		require.ErrorContains(t, g.Exec("UPDATE audit_events SET comment = 'rewritten' WHERE seq = 2").Error, "append-only")
		require.ErrorContains(t, g.Exec("DELETE FROM audit_events WHERE seq = 3").Error, "append-only")

		var got []audit.Event
		require.NoError(t, db.ScanAudit(t.Context(), 0, func(e audit.Event) error {
			got = append(got, e)
			return nil
		}))
		require.Equal(t, events, got)
	})

	t.Run("ok/an edited row breaks the chain", func(t *testing.T) {
		t.Parallel()
		db := openMigrated(t, newDSN(t))
		appendEvents(t, db, 3)
		g := db.db(t.Context())

		// The steps doc.go gives for tests that tamper on purpose.
		lift := map[Dialect]string{
			Postgres: "ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only",
			SQLite:   "DROP TRIGGER audit_events_no_update",
		}[db.Dialect()]
		require.NoError(t, g.Exec(lift).Error)
		require.NoError(t, g.Exec("UPDATE audit_events SET comment = 'rewritten' WHERE seq = 2").Error)

		var v audit.Verifier
		err := db.ScanAudit(t.Context(), 0, v.Add)
		var brk *audit.Break
		require.ErrorAs(t, err, &brk, "ScanAudit returns fn's error as is")
		require.Equal(t, int64(2), brk.Seq)
		require.Equal(t, int64(1), v.Count())
	})

	t.Run("ok/scan reads in batches", func(t *testing.T) {
		t.Parallel()
		db := openMigrated(t, newDSN(t))
		db.scanBatch = 2
		events := appendEvents(t, db, 5)

		var got []audit.Event
		require.NoError(t, db.ScanAudit(t.Context(), 1, func(e audit.Event) error {
			got = append(got, e)
			return nil
		}))
		require.Equal(t, events[1:], got, "batches of 2 after seq 1: 2-3, 4-5, then an empty one")

		stop := errors.New("stop")
		var seen []int64
		err := db.ScanAudit(t.Context(), 0, func(e audit.Event) error {
			seen = append(seen, e.Seq)
			if e.Seq == 3 {
				return stop
			}
			return nil
		})
		require.ErrorIs(t, err, stop)
		require.Equal(t, []int64{1, 2, 3}, seen, "no event after the error, even in a later batch")
	})
}
