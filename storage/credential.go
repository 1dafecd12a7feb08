package storage

import (
	"context"
	"encoding/json"
	"fmt"

	"gorm.io/gorm"

	"badged/issuer"
	"badged/issuer/approval"
)

type credentialRow struct {
	ID           string `gorm:"primaryKey"`
	Kind         string
	Title        string
	DepartmentID string
	ProponentID  string
	Created      dbTime `gorm:"column:created_at"`
}

func (credentialRow) TableName() string { return "credentials" }

func (r credentialRow) credential() issuer.Credential {
	return issuer.Credential{
		ID: r.ID, Kind: approval.Kind(r.Kind), Title: r.Title, DepartmentID: r.DepartmentID,
		ProponentID: r.ProponentID, CreatedAt: r.Created.time(),
	}
}

// CreateCredential stores c; its department and proponent must exist.
func (d *DB) CreateCredential(ctx context.Context, c *issuer.Credential) error {
	if c.ID == "" {
		c.ID = issuer.NewID()
	}
	c.CreatedAt = d.stamp(c.CreatedAt)
	row := credentialRow{
		ID: c.ID, Kind: string(c.Kind), Title: c.Title, DepartmentID: c.DepartmentID,
		ProponentID: c.ProponentID, Created: at(c.CreatedAt),
	}
	return translate(d.db(ctx).Create(&row).Error, failure{
		op:         opf("create credential %s", c.ID),
		duplicate:  opf("credential %s already exists", c.ID),
		missingRef: opf("credential %s names a department or proponent that does not exist", c.ID),
	})
}

// GetCredential returns a credential.
func (d *DB) GetCredential(ctx context.Context, id string) (*issuer.Credential, error) {
	var row credentialRow
	err := d.db(ctx).Where("id = ?", id).Take(&row).Error
	if err := translate(err, failure{op: opf("get credential %s", id), notFound: opf("credential %s not found", id)}); err != nil {
		return nil, err
	}
	c := row.credential()
	return &c, nil
}

// ListCredentials returns a page of credentials, oldest first.
func (d *DB) ListCredentials(ctx context.Context, f issuer.CredentialFilter, p issuer.Page) ([]issuer.Credential, error) {
	var rows []credentialRow
	q := paged(d.db(ctx), p)
	if f.ProponentID != "" {
		q = q.Where("proponent_id = ?", f.ProponentID)
	}
	if err := q.Order("created_at, id").Find(&rows).Error; err != nil {
		return nil, translate(err, failure{op: "list credentials"})
	}
	return mapRows(rows, credentialRow.credential), nil
}

type versionRow struct {
	ID              string `gorm:"primaryKey"`
	CredentialID    string
	Kind            string
	Number          int
	State           string
	Rev             int64
	Outline         string
	CreditRequested string
	Credits         float64
	CreditGranted   string
	Round           int
	AppealUsed      bool
	ReviewDueAt     dbTime `gorm:"column:review_due_at"`
	ConsultDueAt    dbTime `gorm:"column:consult_due_at"`
	SubmittedAt     dbTime `gorm:"column:submitted_at"`
	ApprovedAt      dbTime `gorm:"column:approved_at"`
	ReportedAt      dbTime `gorm:"column:reported_at"`
	Created         dbTime `gorm:"column:created_at"`
	Updated         dbTime `gorm:"column:updated_at"`
}

func (versionRow) TableName() string { return "versions" }

func (r versionRow) version() (issuer.Version, error) {
	var o issuer.Outline
	if err := json.Unmarshal([]byte(r.Outline), &o); err != nil {
		return issuer.Version{}, fmt.Errorf("store: version %s: decode outline: %w", r.ID, err)
	}
	return issuer.Version{
		ID: r.ID, CredentialID: r.CredentialID, Kind: approval.Kind(r.Kind), Number: r.Number,
		State: approval.State(r.State), Rev: r.Rev, Outline: o,
		CreditRequested: approval.CreditStatus(r.CreditRequested), Credits: r.Credits,
		CreditGranted: approval.CreditStatus(r.CreditGranted), Round: r.Round, AppealUsed: r.AppealUsed,
		ReviewDueAt: r.ReviewDueAt.ptr(), ConsultDueAt: r.ConsultDueAt.ptr(),
		SubmittedAt: r.SubmittedAt.ptr(), ApprovedAt: r.ApprovedAt.ptr(), ReportedAt: r.ReportedAt.ptr(),
		CreatedAt: r.Created.time(), UpdatedAt: r.Updated.time(),
	}, nil
}

// versionRowOf normalizes v's times to what is stored and returns its row.
// A nil outline is stored as JSON null and reads back nil.
func versionRowOf(v *issuer.Version) (versionRow, error) {
	outline, err := json.Marshal(v.Outline)
	if err != nil {
		return versionRow{}, issuer.Wrap(issuer.EInvalid, err, "the outline of version %s is not valid JSON", v.ID)
	}
	v.CreatedAt, v.UpdatedAt = normTime(v.CreatedAt), normTime(v.UpdatedAt)
	v.ReviewDueAt, v.ConsultDueAt = normPtr(v.ReviewDueAt), normPtr(v.ConsultDueAt)
	v.SubmittedAt, v.ApprovedAt, v.ReportedAt = normPtr(v.SubmittedAt), normPtr(v.ApprovedAt), normPtr(v.ReportedAt)
	return versionRow{
		ID: v.ID, CredentialID: v.CredentialID, Kind: string(v.Kind), Number: v.Number,
		State: string(v.State), Rev: v.Rev, Outline: string(outline),
		CreditRequested: string(v.CreditRequested), Credits: v.Credits, CreditGranted: string(v.CreditGranted),
		Round: v.Round, AppealUsed: v.AppealUsed,
		ReviewDueAt: atPtr(v.ReviewDueAt), ConsultDueAt: atPtr(v.ConsultDueAt),
		SubmittedAt: atPtr(v.SubmittedAt), ApprovedAt: atPtr(v.ApprovedAt), ReportedAt: atPtr(v.ReportedAt),
		Created: at(v.CreatedAt), Updated: at(v.UpdatedAt),
	}, nil
}

// CreateVersion stores v; (credential, number) is unique.
func (d *DB) CreateVersion(ctx context.Context, v *issuer.Version) error {
	if v.ID == "" {
		v.ID = issuer.NewID()
	}
	v.CreatedAt = d.stamp(v.CreatedAt)
	if v.UpdatedAt.IsZero() {
		v.UpdatedAt = v.CreatedAt
	}
	row, err := versionRowOf(v)
	if err != nil {
		return err
	}
	return translate(d.db(ctx).Create(&row).Error, failure{
		op:         opf("create version %s", v.ID),
		duplicate:  opf("credential %s already has a version %d", v.CredentialID, v.Number),
		missingRef: opf("credential %s not found", v.CredentialID),
	})
}

// GetVersion returns a version.
func (d *DB) GetVersion(ctx context.Context, id string) (*issuer.Version, error) {
	var row versionRow
	err := d.db(ctx).Where("id = ?", id).Take(&row).Error
	if err := translate(err, failure{op: opf("get version %s", id), notFound: opf("version %s not found", id)}); err != nil {
		return nil, err
	}
	v, err := row.version()
	if err != nil {
		return nil, err
	}
	return &v, nil
}

// UpdateVersion writes every mutable field of v (all but its credential,
// kind, number and CreatedAt) if the stored revision is still v.Rev, in one
// compare-and-swap statement, and then sets v.Rev to the new revision. A
// zero UpdatedAt is set from the store's clock.
func (d *DB) UpdateVersion(ctx context.Context, v *issuer.Version) error {
	v.UpdatedAt = d.stamp(v.UpdatedAt)
	row, err := versionRowOf(v)
	if err != nil {
		return err
	}
	f := failure{op: opf("update version %s", v.ID), notFound: opf("version %s not found", v.ID)}
	res := d.db(ctx).Model(&versionRow{}).Where("id = ? AND rev = ?", v.ID, v.Rev).Updates(map[string]any{
		"state":            row.State,
		"rev":              gorm.Expr("rev + 1"),
		"outline":          row.Outline,
		"credit_requested": row.CreditRequested,
		"credits":          row.Credits,
		"credit_granted":   row.CreditGranted,
		"round":            row.Round,
		"appeal_used":      row.AppealUsed,
		"review_due_at":    row.ReviewDueAt,
		"consult_due_at":   row.ConsultDueAt,
		"submitted_at":     row.SubmittedAt,
		"approved_at":      row.ApprovedAt,
		"reported_at":      row.ReportedAt,
		"updated_at":       row.Updated,
	})
	if res.Error != nil {
		return translate(res.Error, f)
	}
	if res.RowsAffected == 0 {
		var n int64
		if err := d.db(ctx).Model(&versionRow{}).Where("id = ?", v.ID).Count(&n).Error; err != nil {
			return translate(err, f)
		}
		if n == 0 {
			return notFound("%s", f.notFound)
		}
		return conflict("version %s changed under you; reload and retry", v.ID)
	}
	v.Rev++
	return nil
}

// ListVersions returns a page of the versions f selects, oldest first.
func (d *DB) ListVersions(ctx context.Context, f issuer.VersionFilter, p issuer.Page) ([]issuer.Version, error) {
	q := paged(d.db(ctx), p).Order("created_at, id")
	if f.CredentialID != "" {
		q = q.Where("credential_id = ?", f.CredentialID)
	}
	if f.Kind != "" {
		q = q.Where("kind = ?", string(f.Kind))
	}
	if len(f.States) > 0 {
		states := make([]string, len(f.States))
		for i, s := range f.States {
			states[i] = string(s)
		}
		q = q.Where("state IN ?", states)
	}
	if f.DueBefore != nil {
		due := at(*f.DueBefore)
		q = q.Where("(review_due_at < ? OR consult_due_at < ?)", due, due)
	}
	if f.ApprovedAfter != nil {
		q = q.Where("approved_at > ?", at(*f.ApprovedAfter))
	}
	if f.Unreported {
		q = q.Where("reported_at IS NULL")
	}
	var rows []versionRow
	if err := q.Find(&rows).Error; err != nil {
		return nil, translate(err, failure{op: "list versions"})
	}
	out := make([]issuer.Version, len(rows))
	for i, r := range rows {
		v, err := r.version()
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

type offeringRow struct {
	ID           string `gorm:"primaryKey"`
	CredentialID string
	OfferedOn    dbTime `gorm:"column:offered_on"`
	Note         string
	RecordedBy   string
	Created      dbTime `gorm:"column:created_at"`
}

func (offeringRow) TableName() string { return "offerings" }

func (r offeringRow) offering() issuer.Offering {
	return issuer.Offering{
		ID: r.ID, CredentialID: r.CredentialID, OfferedOn: r.OfferedOn.time(), Note: r.Note,
		RecordedBy: r.RecordedBy, CreatedAt: r.Created.time(),
	}
}

// CreateOffering stores o; its credential must exist.
func (d *DB) CreateOffering(ctx context.Context, o *issuer.Offering) error {
	if o.ID == "" {
		o.ID = issuer.NewID()
	}
	o.CreatedAt = d.stamp(o.CreatedAt)
	o.OfferedOn = normTime(o.OfferedOn)
	row := offeringRow{
		ID: o.ID, CredentialID: o.CredentialID, OfferedOn: at(o.OfferedOn), Note: o.Note,
		RecordedBy: o.RecordedBy, Created: at(o.CreatedAt),
	}
	return translate(d.db(ctx).Create(&row).Error, failure{
		op:         opf("create offering %s", o.ID),
		duplicate:  opf("offering %s already exists", o.ID),
		missingRef: opf("credential %s not found", o.CredentialID),
	})
}

// ListOfferings returns a page of the credential's offerings, earliest first.
func (d *DB) ListOfferings(ctx context.Context, credentialID string, p issuer.Page) ([]issuer.Offering, error) {
	var rows []offeringRow
	err := paged(d.db(ctx), p).Where("credential_id = ?", credentialID).Order("offered_on, created_at, id").Find(&rows).Error
	if err != nil {
		return nil, translate(err, failure{op: opf("list offerings of credential %s", credentialID)})
	}
	return mapRows(rows, offeringRow.offering), nil
}

// LatestOffering returns the credential's offering with the latest date.
func (d *DB) LatestOffering(ctx context.Context, credentialID string) (*issuer.Offering, error) {
	var row offeringRow
	err := d.db(ctx).Where("credential_id = ?", credentialID).Order("offered_on DESC, created_at DESC, id DESC").Take(&row).Error
	if err != nil {
		return nil, translate(err, failure{op: opf("latest offering of credential %s", credentialID),
			notFound: opf("credential %s has no offerings", credentialID)})
	}
	o := row.offering()
	return &o, nil
}

type annualReviewRow struct {
	ID           string `gorm:"primaryKey"`
	CredentialID string
	VersionID    *string
	Year         int
	Outcome      string
	Comment      string
	ReviewedBy   string
	ReviewedAt   dbTime `gorm:"column:reviewed_at"`
}

func (annualReviewRow) TableName() string { return "annual_reviews" }

func (r annualReviewRow) annualReview() issuer.AnnualReview {
	return issuer.AnnualReview{
		ID: r.ID, CredentialID: r.CredentialID, VersionID: str(r.VersionID), Year: r.Year,
		Outcome: r.Outcome, Comment: r.Comment, ReviewedBy: r.ReviewedBy, ReviewedAt: r.ReviewedAt.time(),
	}
}

// CreateAnnualReview stores r; a credential has at most one review a year.
func (d *DB) CreateAnnualReview(ctx context.Context, r *issuer.AnnualReview) error {
	if r.ID == "" {
		r.ID = issuer.NewID()
	}
	r.ReviewedAt = d.stamp(r.ReviewedAt)
	row := annualReviewRow{
		ID: r.ID, CredentialID: r.CredentialID, VersionID: strPtr(r.VersionID), Year: r.Year,
		Outcome: r.Outcome, Comment: r.Comment, ReviewedBy: r.ReviewedBy, ReviewedAt: at(r.ReviewedAt),
	}
	return translate(d.db(ctx).Create(&row).Error, failure{
		op:         opf("create annual review %s", r.ID),
		duplicate:  opf("credential %s already has an annual review for %d", r.CredentialID, r.Year),
		missingRef: opf("annual review %s names a credential or version that does not exist", r.ID),
	})
}

// ListAnnualReviews returns a page of the credential's annual reviews, by year.
func (d *DB) ListAnnualReviews(ctx context.Context, credentialID string, p issuer.Page) ([]issuer.AnnualReview, error) {
	var rows []annualReviewRow
	err := paged(d.db(ctx), p).Where("credential_id = ?", credentialID).Order("year, id").Find(&rows).Error
	if err != nil {
		return nil, translate(err, failure{op: opf("list annual reviews of credential %s", credentialID)})
	}
	return mapRows(rows, annualReviewRow.annualReview), nil
}

type reportRow struct {
	ID        string `gorm:"primaryKey"`
	CreatedBy string
	Created   dbTime `gorm:"column:created_at"`
	Meeting   string
}

func (reportRow) TableName() string { return "reports" }

type reportItemRow struct {
	ReportID  string `gorm:"primaryKey"`
	Position  int    `gorm:"primaryKey"`
	VersionID string
}

func (reportItemRow) TableName() string { return "report_items" }

// CreateReport stores r and the versions it lists, in its order; each
// version must exist and be listed once.
func (d *DB) CreateReport(ctx context.Context, r *issuer.Report) error {
	if r.ID == "" {
		r.ID = issuer.NewID()
	}
	r.CreatedAt = d.stamp(r.CreatedAt)
	row := reportRow{ID: r.ID, CreatedBy: r.CreatedBy, Created: at(r.CreatedAt), Meeting: r.Meeting}
	return d.tx(ctx, func(tx *DB) error {
		err := tx.db(ctx).Create(&row).Error
		if err := translate(err, failure{op: opf("create report %s", r.ID), duplicate: opf("report %s already exists", r.ID)}); err != nil {
			return err
		}
		if len(r.VersionIDs) == 0 {
			return nil
		}
		items := make([]reportItemRow, len(r.VersionIDs))
		for i, id := range r.VersionIDs {
			items[i] = reportItemRow{ReportID: r.ID, Position: i, VersionID: id}
		}
		return translate(tx.db(ctx).Create(&items).Error, failure{
			op:         opf("create report %s", r.ID),
			duplicate:  opf("report %s lists a version more than once", r.ID),
			missingRef: opf("report %s lists a version that does not exist", r.ID),
		})
	})
}

// GetReport returns a report with the versions it lists.
func (d *DB) GetReport(ctx context.Context, id string) (*issuer.Report, error) {
	var row reportRow
	err := d.db(ctx).Where("id = ?", id).Take(&row).Error
	if err := translate(err, failure{op: opf("get report %s", id), notFound: opf("report %s not found", id)}); err != nil {
		return nil, err
	}
	reports, err := d.withItems(ctx, []reportRow{row})
	if err != nil {
		return nil, err
	}
	return &reports[0], nil
}

// ListReports returns a page of reports, oldest first, with their versions.
func (d *DB) ListReports(ctx context.Context, p issuer.Page) ([]issuer.Report, error) {
	var rows []reportRow
	if err := paged(d.db(ctx), p).Order("created_at, id").Find(&rows).Error; err != nil {
		return nil, translate(err, failure{op: "list reports"})
	}
	return d.withItems(ctx, rows)
}

// withItems maps report rows and loads their items in one query.
func (d *DB) withItems(ctx context.Context, rows []reportRow) ([]issuer.Report, error) {
	out := make([]issuer.Report, len(rows))
	if len(rows) == 0 {
		return out, nil
	}
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	var items []reportItemRow
	if err := d.db(ctx).Where("report_id IN ?", ids).Order("report_id, position").Find(&items).Error; err != nil {
		return nil, translate(err, failure{op: "list report items"})
	}
	byReport := map[string][]string{}
	for _, it := range items {
		byReport[it.ReportID] = append(byReport[it.ReportID], it.VersionID)
	}
	for i, r := range rows {
		out[i] = issuer.Report{ID: r.ID, CreatedBy: r.CreatedBy, CreatedAt: r.Created.time(), Meeting: r.Meeting, VersionIDs: byReport[r.ID]}
	}
	return out, nil
}

type outlineFieldRow struct {
	Kind     string `gorm:"primaryKey"`
	Key      string `gorm:"primaryKey"`
	Label    string
	Help     string
	Type     string
	Required bool
	// Options is a JSON array, NULL when the field has none.
	Options  *string
	Position int
}

func (outlineFieldRow) TableName() string { return "outline_fields" }

func (r outlineFieldRow) field() (issuer.OutlineField, error) {
	f := issuer.OutlineField{
		Kind: approval.Kind(r.Kind), Key: r.Key, Label: r.Label, Help: r.Help,
		Type: issuer.FieldType(r.Type), Required: r.Required, Position: r.Position,
	}
	if r.Options != nil {
		if err := json.Unmarshal([]byte(*r.Options), &f.Options); err != nil {
			return f, fmt.Errorf("store: outline field %s/%s: decode options: %w", r.Kind, r.Key, err)
		}
	}
	return f, nil
}

// ListOutlineFields returns the form's fields for a kind, by Position.
func (d *DB) ListOutlineFields(ctx context.Context, k approval.Kind) ([]issuer.OutlineField, error) {
	var rows []outlineFieldRow
	if err := d.db(ctx).Where("kind = ?", string(k)).Order("position, key").Find(&rows).Error; err != nil {
		return nil, translate(err, failure{op: opf("list outline fields of %s", k)})
	}
	out := make([]issuer.OutlineField, len(rows))
	for i, r := range rows {
		f, err := r.field()
		if err != nil {
			return nil, err
		}
		out[i] = f
	}
	return out, nil
}

// ReplaceOutlineFields replaces the form's fields for a kind, atomically.
// Each field is stored under k, whatever its Kind says; a key may appear
// once.
func (d *DB) ReplaceOutlineFields(ctx context.Context, k approval.Kind, fields []issuer.OutlineField) error {
	rows := make([]outlineFieldRow, len(fields))
	seen := map[string]bool{}
	for i, f := range fields {
		if seen[f.Key] {
			return issuer.Errorf(issuer.EInvalid, "outline field %q appears more than once", f.Key)
		}
		seen[f.Key] = true
		rows[i] = outlineFieldRow{
			Kind: string(k), Key: f.Key, Label: f.Label, Help: f.Help,
			Type: string(f.Type), Required: f.Required, Position: f.Position,
		}
		if f.Options != nil {
			b, err := json.Marshal(f.Options)
			if err != nil {
				return fmt.Errorf("store: encode options of outline field %s: %w", f.Key, err)
			}
			opts := string(b)
			rows[i].Options = &opts
		}
	}
	return d.tx(ctx, func(tx *DB) error {
		f := failure{op: opf("replace outline fields of %s", k)}
		if err := tx.db(ctx).Where("kind = ?", string(k)).Delete(&outlineFieldRow{}).Error; err != nil {
			return translate(err, f)
		}
		if len(rows) == 0 {
			return nil
		}
		return translate(tx.db(ctx).Create(&rows).Error, f)
	})
}
