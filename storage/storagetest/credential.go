package storagetest

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"badged/issuer"
	"badged/issuer/approval"
)

func testCredentials(t *testing.T, f *fixture) {
	st, ctx := f.st, f.ctx

	t.Run("ok/create and get", func(t *testing.T) {
		in := issuer.Credential{ID: f.id("cred"), Kind: approval.DigitalBadge, Title: "Academic integrity", DepartmentID: f.department.ID, ProponentID: f.proponent.ID, CreatedAt: f.tick()}
		c := in
		require.NoError(t, st.CreateCredential(ctx, &c))
		got, err := st.GetCredential(ctx, in.ID)
		require.NoError(t, err)
		want := in
		want.CreatedAt = norm(in.CreatedAt)
		require.Equal(t, want, *got)
	})

	t.Run("error/not found", func(t *testing.T) {
		_, err := st.GetCredential(ctx, "no-such-credential")
		requireCode(t, err, issuer.ENotFound)
	})

	t.Run("error/unknown department", func(t *testing.T) {
		c := issuer.Credential{ID: f.id("cred"), Kind: approval.DigitalBadge, Title: "Orphan", DepartmentID: "no-such-dept", ProponentID: f.proponent.ID, CreatedAt: f.tick()}
		requireCode(t, st.CreateCredential(ctx, &c), issuer.EInvalid)
	})

	t.Run("ok/list pages", func(t *testing.T) {
		for range 4 {
			f.credential(t, approval.MicroCredential)
		}
		all, err := st.ListCredentials(ctx, issuer.CredentialFilter{}, issuer.Page{})
		require.NoError(t, err)
		require.Len(t, all, 5)
		got := pages(t, 2, func(p issuer.Page) ([]issuer.Credential, error) {
			return st.ListCredentials(ctx, issuer.CredentialFilter{}, p)
		})
		require.Equal(t, [][]issuer.Credential{all[0:2], all[2:4], all[4:5]}, got)
		require.Equal(t, approval.DigitalBadge, all[0].Kind, "oldest first")
	})

	t.Run("ok/filter by proponent", func(t *testing.T) {
		other := f.user(t, "someone.else")
		c := issuer.Credential{ID: f.id("cred"), Kind: approval.MicroCredential, Title: "Theirs", DepartmentID: f.department.ID, ProponentID: other.ID, CreatedAt: f.tick()}
		require.NoError(t, st.CreateCredential(ctx, &c))
		mine, err := st.ListCredentials(ctx, issuer.CredentialFilter{ProponentID: other.ID}, issuer.Page{})
		require.NoError(t, err)
		require.Len(t, mine, 1)
		require.Equal(t, c.ID, mine[0].ID)
		none, err := st.ListCredentials(ctx, issuer.CredentialFilter{ProponentID: "nobody"}, issuer.Page{})
		require.NoError(t, err)
		require.Empty(t, none)
	})
}

func testVersions(t *testing.T, f *fixture) {
	st, ctx := f.st, f.ctx
	c := f.credential(t, approval.MicroCredential)

	t.Run("ok/create and get every field", func(t *testing.T) {
		now := f.tick()
		due, submitted := now.Add(14*24*time.Hour), now.Add(time.Hour)
		in := issuer.Version{
			ID: f.id("ver"), CredentialID: c.ID, Kind: c.Kind, Number: 1, State: approval.InReview, Rev: 0,
			Outline: issuer.Outline{
				"title":             "Lab safety",
				"hours_of_learning": 12.5,
				"learning_outcomes": []any{"handle reagents", "read an SDS"},
				"competencies": []any{map[string]any{
					"targetName": "Chemical safety", "targetUrl": "https://example.org/c/1", "targetCode": "CS-1",
				}},
				"unicode": "Sécurité « labo » 化学",
			},
			CreditRequested: approval.CreditBearing, Credits: 0.5, CreditGranted: approval.NonCreditBearing,
			Round: 2, AppealUsed: true, ReviewDueAt: &due, SubmittedAt: &submitted,
			CreatedAt: now, UpdatedAt: now,
		}
		v := in
		require.NoError(t, st.CreateVersion(ctx, &v))
		got, err := st.GetVersion(ctx, in.ID)
		require.NoError(t, err)
		want := in
		want.CreatedAt, want.UpdatedAt = norm(now), norm(now)
		want.ReviewDueAt, want.SubmittedAt = normPtr(&due), normPtr(&submitted)
		require.Equal(t, want, *got)
	})

	t.Run("ok/empty outline", func(t *testing.T) {
		now := f.tick()
		v := issuer.Version{ID: f.id("ver"), CredentialID: c.ID, Kind: c.Kind, Number: 2, State: approval.Draft, CreatedAt: now, UpdatedAt: now}
		require.NoError(t, st.CreateVersion(ctx, &v))
		got, err := st.GetVersion(ctx, v.ID)
		require.NoError(t, err)
		require.Empty(t, got.Outline)
	})

	t.Run("error/duplicate number", func(t *testing.T) {
		now := f.tick()
		v := issuer.Version{ID: f.id("ver"), CredentialID: c.ID, Kind: c.Kind, Number: 1, State: approval.Draft, CreatedAt: now, UpdatedAt: now}
		err := st.CreateVersion(ctx, &v)
		requireCode(t, err, issuer.EConflict)
		_, err = st.GetVersion(ctx, v.ID)
		requireCode(t, err, issuer.ENotFound)
	})

	t.Run("error/not found", func(t *testing.T) {
		_, err := st.GetVersion(ctx, "no-such-version")
		requireCode(t, err, issuer.ENotFound)
		require.Contains(t, err.Error(), "no-such-version")
	})

	t.Run("error/unknown credential", func(t *testing.T) {
		now := f.tick()
		v := issuer.Version{ID: f.id("ver"), CredentialID: "no-such-credential", Kind: c.Kind, Number: 1, State: approval.Draft, CreatedAt: now, UpdatedAt: now}
		requireCode(t, st.CreateVersion(ctx, &v), issuer.EInvalid)
	})
}

func testVersionFilters(t *testing.T, f *fixture) {
	st, ctx := f.st, f.ctx
	mc, badge := f.credential(t, approval.MicroCredential), f.credential(t, approval.DigitalBadge)
	cut := f.tick()
	before, after := cut.Add(-time.Hour), cut.Add(time.Hour)

	mk := func(c issuer.Credential, n int, s approval.State, edit func(v *issuer.Version)) issuer.Version {
		t.Helper()
		now := f.tick()
		v := issuer.Version{ID: f.id("ver"), CredentialID: c.ID, Kind: c.Kind, Number: n, State: s, Outline: issuer.Outline{}, CreatedAt: now, UpdatedAt: now}
		if edit != nil {
			edit(&v)
		}
		require.NoError(t, st.CreateVersion(ctx, &v))
		return v
	}
	draft := mk(mc, 1, approval.Draft, nil)
	reviewDue := mk(mc, 2, approval.InReview, func(v *issuer.Version) { v.ReviewDueAt = &before })
	reviewLater := mk(mc, 3, approval.InReview, func(v *issuer.Version) { v.ReviewDueAt = &after })
	consultDue := mk(mc, 4, approval.DuplicationConsult, func(v *issuer.Version) { v.ReviewDueAt, v.ConsultDueAt = &after, &before })
	oldBadge := mk(badge, 1, approval.Superseded, func(v *issuer.Version) { v.ApprovedAt = &before })
	reported := mk(badge, 2, approval.Approved, func(v *issuer.Version) { v.ApprovedAt, v.ReportedAt = &after, &after })
	unreported := mk(badge, 3, approval.Approved, func(v *issuer.Version) { v.ApprovedAt = &after })

	tests := []struct {
		name   string
		filter issuer.VersionFilter
		want   []issuer.Version
	}{
		{"ok/none", issuer.VersionFilter{}, []issuer.Version{draft, reviewDue, reviewLater, consultDue, oldBadge, reported, unreported}},
		{"ok/credential", issuer.VersionFilter{CredentialID: badge.ID}, []issuer.Version{oldBadge, reported, unreported}},
		{"ok/kind", issuer.VersionFilter{Kind: approval.MicroCredential}, []issuer.Version{draft, reviewDue, reviewLater, consultDue}},
		{"ok/one state", issuer.VersionFilter{States: []approval.State{approval.InReview}}, []issuer.Version{reviewDue, reviewLater}},
		{"ok/states", issuer.VersionFilter{States: []approval.State{approval.Draft, approval.Approved}}, []issuer.Version{draft, reported, unreported}},
		{"ok/due before: review or consultation", issuer.VersionFilter{DueBefore: &cut}, []issuer.Version{reviewDue, consultDue}},
		{"ok/approved after", issuer.VersionFilter{ApprovedAfter: &cut}, []issuer.Version{reported, unreported}},
		{"ok/approved after, unreported", issuer.VersionFilter{Kind: approval.DigitalBadge, ApprovedAfter: &cut, Unreported: true}, []issuer.Version{unreported}},
		{"ok/unreported", issuer.VersionFilter{CredentialID: badge.ID, Unreported: true}, []issuer.Version{oldBadge, unreported}},
		{"ok/everything at once", issuer.VersionFilter{CredentialID: mc.ID, Kind: approval.MicroCredential, States: []approval.State{approval.InReview, approval.DuplicationConsult}, DueBefore: &cut, Unreported: true}, []issuer.Version{reviewDue, consultDue}},
		{"ok/nothing", issuer.VersionFilter{CredentialID: "no-such-credential"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := st.ListVersions(ctx, tt.filter, issuer.Page{})
			require.NoError(t, err)
			require.Equal(t, versionIDs(tt.want), versionIDs(got))
		})
	}

	t.Run("ok/pages", func(t *testing.T) {
		got := pages(t, 3, func(p issuer.Page) ([]issuer.Version, error) { return st.ListVersions(ctx, issuer.VersionFilter{}, p) })
		require.Len(t, got, 3)
		require.Equal(t, versionIDs([]issuer.Version{draft, reviewDue, reviewLater}), versionIDs(got[0]))
		require.Equal(t, versionIDs([]issuer.Version{unreported}), versionIDs(got[2]))
	})
}

func versionIDs(vs []issuer.Version) []string {
	var ids []string
	for _, v := range vs {
		ids = append(ids, v.ID)
	}
	return ids
}

func testVersionCAS(t *testing.T, f *fixture) {
	st, ctx := f.st, f.ctx
	c := f.credential(t, approval.MicroCredential)

	t.Run("ok/update writes every mutable field and bumps rev", func(t *testing.T) {
		v := f.version(t, c, 1, approval.Draft)
		rev := v.Rev
		now := f.tick()
		due, consult := now.Add(10*24*time.Hour), now.Add(5*24*time.Hour)
		v.State, v.Round, v.AppealUsed = approval.InReview, 1, true
		v.Outline = issuer.Outline{"title": "Lab safety II", "credits": 3.0}
		v.CreditRequested, v.Credits, v.CreditGranted = approval.Embedded, 3, approval.Embedded
		v.ReviewDueAt, v.ConsultDueAt, v.SubmittedAt, v.ApprovedAt, v.ReportedAt = &due, &consult, &now, &now, &now
		v.UpdatedAt = now
		in := v
		require.NoError(t, st.UpdateVersion(ctx, &v))
		require.Equal(t, rev+1, v.Rev, "UpdateVersion sets the new revision")

		got, err := st.GetVersion(ctx, v.ID)
		require.NoError(t, err)
		want := in
		want.Rev = rev + 1
		want.CreatedAt, want.UpdatedAt = norm(in.CreatedAt), norm(now)
		want.ReviewDueAt, want.ConsultDueAt = normPtr(&due), normPtr(&consult)
		want.SubmittedAt, want.ApprovedAt, want.ReportedAt = normPtr(&now), normPtr(&now), normPtr(&now)
		require.Equal(t, want, *got)

		// Clearing optional fields writes NULLs.
		v.ReviewDueAt, v.ConsultDueAt, v.ApprovedAt, v.ReportedAt = nil, nil, nil, nil
		v.UpdatedAt = f.tick()
		require.NoError(t, st.UpdateVersion(ctx, &v))
		got, err = st.GetVersion(ctx, v.ID)
		require.NoError(t, err)
		require.Equal(t, rev+2, got.Rev)
		require.Nil(t, got.ReviewDueAt)
		require.Nil(t, got.ApprovedAt)
		require.Equal(t, normPtr(&now), got.SubmittedAt)
	})

	t.Run("error/stale rev writes nothing", func(t *testing.T) {
		v := f.version(t, c, 2, approval.Draft)
		first, stale := v, v
		first.State = approval.Submitted
		require.NoError(t, st.UpdateVersion(ctx, &first))
		before, err := st.GetVersion(ctx, v.ID)
		require.NoError(t, err)

		stale.State, stale.Outline = approval.Withdrawn, issuer.Outline{"title": "lost update"}
		err = st.UpdateVersion(ctx, &stale)
		requireCode(t, err, issuer.EConflict)
		require.Equal(t, v.Rev, stale.Rev, "a losing update leaves Rev alone")

		after, err := st.GetVersion(ctx, v.ID)
		require.NoError(t, err)
		require.Equal(t, before, after)
	})

	t.Run("error/not found", func(t *testing.T) {
		v := issuer.Version{ID: "no-such-version", CredentialID: c.ID, Kind: c.Kind, Number: 9, State: approval.Draft, UpdatedAt: f.tick()}
		requireCode(t, st.UpdateVersion(ctx, &v), issuer.ENotFound)
	})

	t.Run("ok/immutable fields stay", func(t *testing.T) {
		v := f.version(t, c, 3, approval.Draft)
		created := norm(v.CreatedAt)
		v.Number, v.Kind, v.CreatedAt = 99, approval.DigitalBadge, f.tick()
		require.NoError(t, st.UpdateVersion(ctx, &v))
		got, err := st.GetVersion(ctx, v.ID)
		require.NoError(t, err)
		require.Equal(t, 3, got.Number)
		require.Equal(t, approval.MicroCredential, got.Kind)
		require.Equal(t, created, got.CreatedAt)
	})
}

func testOfferings(t *testing.T, f *fixture) {
	st, ctx := f.st, f.ctx
	c, other := f.credential(t, approval.MicroCredential), f.credential(t, approval.MicroCredential)

	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	mk := func(c issuer.Credential, on time.Time) issuer.Offering {
		t.Helper()
		o := issuer.Offering{ID: f.id("off"), CredentialID: c.ID, OfferedOn: on, Note: "cohort", RecordedBy: f.proponent.ID, CreatedAt: f.tick()}
		in := o
		require.NoError(t, st.CreateOffering(ctx, &o))
		return in
	}
	second := mk(c, day(2026, 9, 1))
	first := mk(c, day(2026, 1, 5))
	third := mk(c, day(2027, 1, 4))
	mk(other, day(2026, 2, 1))

	t.Run("ok/list earliest first", func(t *testing.T) {
		got, err := st.ListOfferings(ctx, c.ID, issuer.Page{})
		require.NoError(t, err)
		want := []issuer.Offering{first, second, third}
		for i := range want {
			want[i].CreatedAt = norm(want[i].CreatedAt)
		}
		require.Equal(t, want, got)
	})

	t.Run("ok/pages", func(t *testing.T) {
		got := pages(t, 2, func(p issuer.Page) ([]issuer.Offering, error) { return st.ListOfferings(ctx, c.ID, p) })
		require.Len(t, got, 2)
		require.Equal(t, third.ID, got[1][0].ID)
	})

	t.Run("ok/latest is the latest date, not the latest recorded", func(t *testing.T) {
		got, err := st.LatestOffering(ctx, c.ID)
		require.NoError(t, err)
		require.Equal(t, third.ID, got.ID)
		_, err = st.LatestOffering(ctx, f.credential(t, approval.MicroCredential).ID)
		requireCode(t, err, issuer.ENotFound)
	})

	t.Run("error/unknown credential", func(t *testing.T) {
		o := issuer.Offering{ID: f.id("off"), CredentialID: "no-such-credential", OfferedOn: day(2026, 1, 1), CreatedAt: f.tick()}
		requireCode(t, st.CreateOffering(ctx, &o), issuer.EInvalid)
	})
}

func testAnnualReviews(t *testing.T, f *fixture) {
	st, ctx := f.st, f.ctx
	c := f.credential(t, approval.MicroCredential)
	v := f.version(t, c, 1, approval.Approved)

	mk := func(year int, versionID string) issuer.AnnualReview {
		return issuer.AnnualReview{ID: f.id("ar"), CredentialID: c.ID, VersionID: versionID, Year: year, Outcome: "current", Comment: "still taught", ReviewedBy: f.proponent.ID, ReviewedAt: f.tick()}
	}
	r2027, r2026 := mk(2027, ""), mk(2026, v.ID)

	t.Run("ok/create and list by year", func(t *testing.T) {
		for _, r := range []issuer.AnnualReview{r2027, r2026} {
			require.NoError(t, st.CreateAnnualReview(ctx, &r))
		}
		got, err := st.ListAnnualReviews(ctx, c.ID, issuer.Page{})
		require.NoError(t, err)
		want := []issuer.AnnualReview{r2026, r2027}
		for i := range want {
			want[i].ReviewedAt = norm(want[i].ReviewedAt)
		}
		require.Equal(t, want, got)

		page, err := st.ListAnnualReviews(ctx, c.ID, issuer.Page{Limit: 1, Offset: 1})
		require.NoError(t, err)
		require.Equal(t, want[1:], page)
	})

	t.Run("error/second review of a year", func(t *testing.T) {
		again := mk(2026, "")
		err := st.CreateAnnualReview(ctx, &again)
		requireCode(t, err, issuer.EConflict)
		require.Contains(t, err.Error(), "2026")
	})

	t.Run("ok/nothing for another credential", func(t *testing.T) {
		got, err := st.ListAnnualReviews(ctx, "no-such-credential", issuer.Page{})
		require.NoError(t, err)
		require.Empty(t, got)
	})
}

func testReports(t *testing.T, f *fixture) {
	st, ctx := f.st, f.ctx
	badge := f.credential(t, approval.DigitalBadge)
	v1, v2, v3 := f.version(t, badge, 1, approval.Approved), f.version(t, badge, 2, approval.Approved), f.version(t, badge, 3, approval.Approved)

	first := issuer.Report{ID: f.id("rep"), CreatedBy: f.proponent.ID, CreatedAt: f.tick(), Meeting: "SSCC 2026-03", VersionIDs: []string{v3.ID, v1.ID}}
	empty := issuer.Report{ID: f.id("rep"), CreatedBy: f.proponent.ID, CreatedAt: f.tick(), Meeting: "SSCC 2026-04"}
	second := issuer.Report{ID: f.id("rep"), CreatedBy: f.proponent.ID, CreatedAt: f.tick(), Meeting: "SSCC 2026-05", VersionIDs: []string{v2.ID}}
	normed := func(r issuer.Report) issuer.Report {
		r.CreatedAt = norm(r.CreatedAt)
		return r
	}

	t.Run("ok/create and get keeps the order of versions", func(t *testing.T) {
		for _, r := range []issuer.Report{first, empty, second} {
			require.NoError(t, st.CreateReport(ctx, &r))
		}
		got, err := st.GetReport(ctx, first.ID)
		require.NoError(t, err)
		require.Equal(t, normed(first), *got)
		got, err = st.GetReport(ctx, empty.ID)
		require.NoError(t, err)
		require.Empty(t, got.VersionIDs)
	})

	t.Run("ok/list pages", func(t *testing.T) {
		all, err := st.ListReports(ctx, issuer.Page{})
		require.NoError(t, err)
		require.Len(t, all, 3)
		require.Equal(t, normed(first), all[0])
		require.Equal(t, normed(second), all[2])
		page, err := st.ListReports(ctx, issuer.Page{Limit: 2, Offset: 1})
		require.NoError(t, err)
		require.Equal(t, all[1:], page)
	})

	t.Run("error/not found", func(t *testing.T) {
		_, err := st.GetReport(ctx, "no-such-report")
		requireCode(t, err, issuer.ENotFound)
	})

	t.Run("error/bad items write nothing", func(t *testing.T) {
		twice := issuer.Report{ID: f.id("rep"), CreatedAt: f.tick(), VersionIDs: []string{v1.ID, v1.ID}}
		requireCode(t, st.CreateReport(ctx, &twice), issuer.EConflict)
		_, err := st.GetReport(ctx, twice.ID)
		requireCode(t, err, issuer.ENotFound)

		missing := issuer.Report{ID: f.id("rep"), CreatedAt: f.tick(), VersionIDs: []string{"no-such-version"}}
		requireCode(t, st.CreateReport(ctx, &missing), issuer.EInvalid)
		_, err = st.GetReport(ctx, missing.ID)
		requireCode(t, err, issuer.ENotFound)
	})
}

func testOutlineFields(t *testing.T, f *fixture) {
	st, ctx := f.st, f.ctx
	fields := []issuer.OutlineField{
		{Kind: approval.MicroCredential, Key: "credit_request", Label: "Credit request", Type: issuer.FieldChoice, Required: true,
			Options: []string{string(approval.NonCreditBearing), string(approval.CreditBearing), string(approval.Embedded)}, Position: 2},
		{Kind: approval.MicroCredential, Key: "title", Label: "Title", Help: "Shown on the badge", Type: issuer.FieldText, Required: true, Position: 1},
		{Kind: approval.MicroCredential, Key: "tags", Label: "Tags", Type: issuer.FieldList, Options: []string{}, Position: 3},
	}

	t.Run("ok/replace and list by position", func(t *testing.T) {
		badgeBefore, err := st.ListOutlineFields(ctx, approval.DigitalBadge)
		require.NoError(t, err)

		require.NoError(t, st.ReplaceOutlineFields(ctx, approval.MicroCredential, fields))
		got, err := st.ListOutlineFields(ctx, approval.MicroCredential)
		require.NoError(t, err)
		require.Equal(t, []issuer.OutlineField{fields[1], fields[0], fields[2]}, got)

		badgeAfter, err := st.ListOutlineFields(ctx, approval.DigitalBadge)
		require.NoError(t, err)
		require.Equal(t, badgeBefore, badgeAfter, "the other kind's form is untouched")
	})

	t.Run("ok/replace drops fields", func(t *testing.T) {
		require.NoError(t, st.ReplaceOutlineFields(ctx, approval.MicroCredential, fields[1:2]))
		got, err := st.ListOutlineFields(ctx, approval.MicroCredential)
		require.NoError(t, err)
		require.Equal(t, fields[1:2], got)
	})

	t.Run("ok/fields are stored under the kind replaced", func(t *testing.T) {
		f := fields[1]
		require.NoError(t, st.ReplaceOutlineFields(ctx, approval.DigitalBadge, []issuer.OutlineField{f}))
		got, err := st.ListOutlineFields(ctx, approval.DigitalBadge)
		require.NoError(t, err)
		f.Kind = approval.DigitalBadge
		require.Equal(t, []issuer.OutlineField{f}, got)
	})

	t.Run("error/duplicate key changes nothing", func(t *testing.T) {
		before, err := st.ListOutlineFields(ctx, approval.MicroCredential)
		require.NoError(t, err)
		err = st.ReplaceOutlineFields(ctx, approval.MicroCredential, []issuer.OutlineField{fields[0], fields[0]})
		requireCode(t, err, issuer.EInvalid)
		after, err := st.ListOutlineFields(ctx, approval.MicroCredential)
		require.NoError(t, err)
		require.Equal(t, before, after)
	})

	t.Run("ok/replace with none", func(t *testing.T) {
		require.NoError(t, st.ReplaceOutlineFields(ctx, approval.MicroCredential, nil))
		got, err := st.ListOutlineFields(ctx, approval.MicroCredential)
		require.NoError(t, err)
		require.Empty(t, got)
	})
}
