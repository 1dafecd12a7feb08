package storage

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"badged/issuer"
	"badged/issuer/approval"
	"badged/issuer/audit"
)

// pending returns the versions of the migrations not applied.
func pending(ms []Migration) []int {
	var out []int
	for _, m := range ms {
		if !m.Applied() {
			out = append(out, m.Version)
		}
	}
	return out
}

func TestMigrationFiles(t *testing.T) {
	t.Parallel()

	t.Run("ok/both dialects have the same migrations", func(t *testing.T) {
		t.Parallel()
		pg, err := migrations(Postgres)
		require.NoError(t, err)
		lite, err := migrations(SQLite)
		require.NoError(t, err)
		require.GreaterOrEqual(t, len(pg), 2)
		require.Len(t, lite, len(pg))
		for i := range pg {
			require.Equal(t, pg[i].version, lite[i].version)
			require.Equal(t, pg[i].name, lite[i].name)
		}
		require.Equal(t, 1, pg[0].version)
		require.Equal(t, "init", pg[0].name)
	})

	t.Run("names", func(t *testing.T) {
		t.Parallel()
		tests := []struct {
			name, file string
			version    int
			wantErr    bool
		}{
			{"ok", "0002_default_outline_fields.sql", 2, false},
			{"ok/no padding", "17_x.sql", 17, false},
			{"error/no name", "0003.sql", 0, true},
			{"error/empty name", "0003_.sql", 0, true},
			{"error/not sql", "0003_x.txt", 0, true},
			{"error/not a number", "v3_x.sql", 0, true},
			{"error/zero", "0000_x.sql", 0, true},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				t.Parallel()
				m, err := parseMigrationName(tt.file)
				if tt.wantErr {
					require.Error(t, err)
					return
				}
				require.NoError(t, err)
				require.Equal(t, tt.version, m.version)
			})
		}
	})
}

// testMigrate runs the migrations on fresh databases from newDSN.
func testMigrate(t *testing.T, newDSN func(t *testing.T) string) {
	t.Run("ok/up on a fresh database", func(t *testing.T) {
		t.Parallel()
		db := open(t, newDSN(t))
		before, err := db.MigrationStatus(t.Context())
		require.NoError(t, err)
		require.Equal(t, []int{1, 2}, pending(before), "a fresh database has every migration pending")

		start := time.Now().Add(-time.Second)
		require.NoError(t, db.Migrate(t.Context()))
		require.NoError(t, db.Migrate(t.Context()), "migrating again is a no-op")

		after, err := db.MigrationStatus(t.Context())
		require.NoError(t, err)
		require.Empty(t, pending(after))
		require.Len(t, after, 2)
		for _, m := range after {
			require.False(t, m.Unknown)
			require.Equal(t, time.UTC, m.AppliedAt.Location())
			require.WithinRange(t, *m.AppliedAt, start, time.Now().Add(time.Second))
		}
		require.Equal(t, "default_outline_fields", after[1].Name)
	})

	t.Run("ok/upgrade in place keeps data", func(t *testing.T) {
		t.Parallel()
		ctx := t.Context()
		db := open(t, newDSN(t))
		require.NoError(t, db.migrateTo(ctx, 1))
		status, err := db.MigrationStatus(ctx)
		require.NoError(t, err)
		require.Equal(t, []int{2}, pending(status))
		fields, err := db.ListOutlineFields(ctx, approval.MicroCredential)
		require.NoError(t, err)
		require.Empty(t, fields, "version 1 has no form yet")

		// Data written by the previous release.
		now := time.Date(2026, 1, 15, 10, 30, 0, 0, time.UTC)
		fac := issuer.Faculty{ID: "fac-1", Code: "SCI", Name: "Science", CreatedAt: now}
		require.NoError(t, db.CreateFaculty(ctx, &fac))
		dep := issuer.Department{ID: "dep-1", FacultyID: fac.ID, Code: "CHEM", Name: "Chemistry", CreatedAt: now}
		require.NoError(t, db.CreateDepartment(ctx, &dep))
		u := issuer.User{ID: "user-1", Email: "chair@example.edu", Name: "Chair", CreatedAt: now,
			Roles: []issuer.RoleGrant{{Role: issuer.RoleDepartmentChair, DepartmentID: dep.ID}}}
		require.NoError(t, db.CreateUser(ctx, &u))
		cred := issuer.Credential{ID: "cred-1", Kind: approval.MicroCredential, Title: "GIS", DepartmentID: dep.ID, ProponentID: u.ID, CreatedAt: now}
		require.NoError(t, db.CreateCredential(ctx, &cred))
		v := issuer.Version{ID: "ver-1", CredentialID: cred.ID, Kind: cred.Kind, Number: 1, State: approval.Approved,
			Outline: issuer.Outline{"title": "GIS"}, CreatedAt: now, UpdatedAt: now}
		require.NoError(t, db.CreateVersion(ctx, &v))
		for range 3 {
			require.NoError(t, db.AppendAudit(ctx, &audit.Event{SubjectType: "version", SubjectID: v.ID, Action: "approve", At: now}))
		}

		require.NoError(t, db.Migrate(ctx))
		status, err = db.MigrationStatus(ctx)
		require.NoError(t, err)
		require.Empty(t, pending(status), "nothing pending after the upgrade")

		gotUser, err := db.GetUser(ctx, u.ID)
		require.NoError(t, err)
		require.Equal(t, u, *gotUser)
		gotVersion, err := db.GetVersion(ctx, v.ID)
		require.NoError(t, err)
		require.Equal(t, v, *gotVersion)
		events, err := db.ListAudit(ctx, "version", v.ID)
		require.NoError(t, err)
		require.Len(t, events, 3)
		require.NoError(t, audit.Verify(events))
		fields, err = db.ListOutlineFields(ctx, approval.MicroCredential)
		require.NoError(t, err)
		require.NotEmpty(t, fields, "the upgrade seeded the form")
	})

	t.Run("error/database newer than the binary", func(t *testing.T) {
		t.Parallel()
		ctx := t.Context()
		db := openMigrated(t, newDSN(t))
		future := schemaMigration{Version: 9999, Name: "from_the_future", AppliedAt: at(time.Now())}
		require.NoError(t, db.db(ctx).Create(&future).Error)

		err := db.Migrate(ctx)
		require.ErrorIs(t, err, ErrSchemaNewer)
		require.ErrorContains(t, err, "9999")

		status, err := db.MigrationStatus(ctx)
		require.NoError(t, err)
		last := status[len(status)-1]
		require.Equal(t, 9999, last.Version)
		require.Equal(t, "from_the_future", last.Name)
		require.True(t, last.Unknown)
		require.True(t, last.Applied())
	})

	t.Run("ok/default outline form", func(t *testing.T) {
		t.Parallel()
		ctx := t.Context()
		db := openMigrated(t, newDSN(t))
		keys := func(k approval.Kind) map[string]issuer.OutlineField {
			t.Helper()
			fields, err := db.ListOutlineFields(ctx, k)
			require.NoError(t, err)
			out := map[string]issuer.OutlineField{}
			for i, f := range fields {
				require.Equal(t, k, f.Kind)
				require.Equal(t, i+1, f.Position, "positions run 1, 2, 3, ...")
				require.NotEmpty(t, f.Label)
				require.NotEmpty(t, f.Help)
				out[f.Key] = f
			}
			return out
		}

		mc := keys(approval.MicroCredential)
		wantMC := map[string]issuer.FieldType{
			"title": issuer.FieldText, "description": issuer.FieldLongText, "learning_outcomes": issuer.FieldList,
			"competencies": issuer.FieldAlignments, "assessment": issuer.FieldLongText,
			"hours_of_learning": issuer.FieldNumber, "credit_request": issuer.FieldChoice, "credits": issuer.FieldNumber,
			"stacking": issuer.FieldLongText, "expiry_policy": issuer.FieldText, "target_audience": issuer.FieldText,
			"offering_department": issuer.FieldDepartment,
		}
		require.Len(t, mc, len(wantMC))
		for key, typ := range wantMC {
			require.Equal(t, typ, mc[key].Type, key)
		}
		require.Equal(t, []string{string(approval.NonCreditBearing), string(approval.CreditBearing), string(approval.Embedded)},
			mc["credit_request"].Options)
		for _, key := range []string{"title", "credit_request", "offering_department", "learning_outcomes", "competencies"} {
			require.True(t, mc[key].Required, key)
		}
		require.False(t, mc["credits"].Required, "credits only matter for a credit request")

		badge := keys(approval.DigitalBadge)
		wantBadge := map[string]issuer.FieldType{
			"title": issuer.FieldText, "description": issuer.FieldLongText, "completion_criteria": issuer.FieldLongText,
			"target_audience": issuer.FieldText, "offering_department": issuer.FieldDepartment, "expiry_policy": issuer.FieldText,
		}
		require.Len(t, badge, len(wantBadge))
		for key, typ := range wantBadge {
			require.Equal(t, typ, badge[key].Type, key)
		}
		for _, f := range badge {
			require.Nil(t, f.Options)
		}
	})
}
