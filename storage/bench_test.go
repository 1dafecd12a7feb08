package storage

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"badged/internal/pgtest"
	"badged/issuer"
	"badged/issuer/approval"
	"badged/issuer/audit"
)

// benchDialects runs fn on a migrated SQLite file and a migrated
// PostgreSQL schema.
func benchDialects(b *testing.B, fn func(b *testing.B, db *DB)) {
	b.Run("sqlite", func(b *testing.B) {
		fn(b, openMigrated(b, filepath.Join(b.TempDir(), "badged.db")))
	})
	b.Run("postgres", func(b *testing.B) {
		// The database as given: commits wait for the WAL flush, as in production.
		fn(b, openMigrated(b, pgtest.NewDatabase(b)))
	})
}

// benchVersion creates the rows a version needs and the version.
func benchVersion(b *testing.B, db *DB) issuer.Version {
	b.Helper()
	ctx := b.Context()
	now := time.Now()
	fac := issuer.Faculty{Code: "SCI", Name: "Science", CreatedAt: now}
	require.NoError(b, db.CreateFaculty(ctx, &fac))
	dep := issuer.Department{FacultyID: fac.ID, Code: "CHEM", Name: "Chemistry", CreatedAt: now}
	require.NoError(b, db.CreateDepartment(ctx, &dep))
	u := issuer.User{Email: "p@example.edu", Name: "Proponent", CreatedAt: now}
	require.NoError(b, db.CreateUser(ctx, &u))
	c := issuer.Credential{Kind: approval.MicroCredential, Title: "GIS", DepartmentID: dep.ID, ProponentID: u.ID, CreatedAt: now}
	require.NoError(b, db.CreateCredential(ctx, &c))
	v := issuer.Version{CredentialID: c.ID, Kind: c.Kind, Number: 1, State: approval.InReview,
		Outline: issuer.Outline{"title": "GIS", "learning_outcomes": []any{"map", "analyse"}}, CreatedAt: now}
	require.NoError(b, db.CreateVersion(ctx, &v))
	return v
}

// BenchmarkTransition is one workflow step: a version's compare-and-swap
// update and its audit event, in one transaction.
func BenchmarkTransition(b *testing.B) {
	benchDialects(b, func(b *testing.B, db *DB) {
		ctx := b.Context()
		v := benchVersion(b, db)
		i := 0
		for b.Loop() {
			i++
			err := db.InTx(ctx, func(tx issuer.Store) error {
				v.Round, v.UpdatedAt = i, time.Now()
				if err := tx.UpdateVersion(ctx, &v); err != nil {
					return err
				}
				return tx.AppendAudit(ctx, &audit.Event{SubjectType: "version", SubjectID: v.ID, Action: "record_review",
					ActorID: "user", At: time.Now(), Data: audit.CanonicalJSON(map[string]int{"round": i})})
			})
			if err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkAppendAuditParallel measures appends that queue for the chain
// head from many goroutines.
func BenchmarkAppendAuditParallel(b *testing.B) {
	benchDialects(b, func(b *testing.B, db *DB) {
		ctx := b.Context()
		b.SetParallelism(4)
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				e := audit.Event{SubjectType: "user", SubjectID: "u", Action: "touch", At: time.Now()}
				if err := db.AppendAudit(ctx, &e); err != nil {
					b.Error(err)
					return
				}
			}
		})
		var v audit.Verifier
		require.NoError(b, db.ScanAudit(ctx, 0, v.Add))
	})
}
