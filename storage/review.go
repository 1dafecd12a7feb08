package storage

import (
	"context"

	"badged/issuer"
)

type reviewRow struct {
	VersionID    string `gorm:"primaryKey"`
	Round        int    `gorm:"primaryKey"`
	ReviewerID   string `gorm:"primaryKey"`
	AssignedAt   dbTime `gorm:"column:assigned_at"`
	AnsweredAt   dbTime `gorm:"column:answered_at"`
	Duplicates   *bool
	DuplicateOf  string
	DuplicateDep string
	Competency   *bool
	CreditBased  *bool
	Comment      string
}

func (reviewRow) TableName() string { return "reviews" }

func (r reviewRow) review() issuer.Review {
	return issuer.Review{
		VersionID: r.VersionID, Round: r.Round, ReviewerID: r.ReviewerID,
		AssignedAt: r.AssignedAt.time(), AnsweredAt: r.AnsweredAt.ptr(),
		Duplicates: r.Duplicates, DuplicateOf: r.DuplicateOf, DuplicateDep: r.DuplicateDep,
		Competency: r.Competency, CreditBased: r.CreditBased, Comment: r.Comment,
	}
}

// reviewRowOf normalizes r's times to what is stored and returns its row.
func reviewRowOf(r *issuer.Review) reviewRow {
	r.AssignedAt, r.AnsweredAt = normTime(r.AssignedAt), normPtr(r.AnsweredAt)
	return reviewRow{
		VersionID: r.VersionID, Round: r.Round, ReviewerID: r.ReviewerID,
		AssignedAt: at(r.AssignedAt), AnsweredAt: atPtr(r.AnsweredAt),
		Duplicates: r.Duplicates, DuplicateOf: r.DuplicateOf, DuplicateDep: r.DuplicateDep,
		Competency: r.Competency, CreditBased: r.CreditBased, Comment: r.Comment,
	}
}

// CreateReview stores an assignment; a reviewer is assigned once per round.
func (d *DB) CreateReview(ctx context.Context, r *issuer.Review) error {
	r.AssignedAt = d.stamp(r.AssignedAt)
	row := reviewRowOf(r)
	return translate(d.db(ctx).Create(&row).Error, failure{
		op:         opf("create review of version %s", r.VersionID),
		duplicate:  opf("user %s already reviews version %s in round %d", r.ReviewerID, r.VersionID, r.Round),
		missingRef: opf("review of version %s names a version or reviewer that does not exist", r.VersionID),
	})
}

// UpdateReview writes the answers and comment of the review identified by
// (version, round, reviewer).
func (d *DB) UpdateReview(ctx context.Context, r *issuer.Review) error {
	row := reviewRowOf(r)
	res := d.db(ctx).Model(&reviewRow{}).
		Where("version_id = ? AND round = ? AND reviewer_id = ?", r.VersionID, r.Round, r.ReviewerID).
		Updates(map[string]any{
			"assigned_at":   row.AssignedAt,
			"answered_at":   row.AnsweredAt,
			"duplicates":    row.Duplicates,
			"duplicate_of":  row.DuplicateOf,
			"duplicate_dep": row.DuplicateDep,
			"competency":    row.Competency,
			"credit_based":  row.CreditBased,
			"comment":       row.Comment,
		})
	return updated(res, failure{
		op:       opf("update review of version %s", r.VersionID),
		notFound: opf("user %s has no review of version %s in round %d", r.ReviewerID, r.VersionID, r.Round),
	})
}

// ListReviews returns a round's reviews of a version, in assignment order.
func (d *DB) ListReviews(ctx context.Context, versionID string, round int) ([]issuer.Review, error) {
	var rows []reviewRow
	err := d.db(ctx).Where("version_id = ? AND round = ?", versionID, round).Order("assigned_at, reviewer_id").Find(&rows).Error
	if err != nil {
		return nil, translate(err, failure{op: opf("list reviews of version %s", versionID)})
	}
	return mapRows(rows, reviewRow.review), nil
}

type voteRow struct {
	VersionID string `gorm:"primaryKey"`
	Round     int    `gorm:"primaryKey"`
	Ballot    string `gorm:"primaryKey"`
	VoterID   string `gorm:"primaryKey"`
	Approve   bool
	Comment   string
	CastAt    dbTime `gorm:"column:cast_at"`
}

func (voteRow) TableName() string { return "votes" }

func (r voteRow) vote() issuer.Vote {
	return issuer.Vote{
		VersionID: r.VersionID, Round: r.Round, Ballot: issuer.Ballot(r.Ballot), VoterID: r.VoterID,
		Approve: r.Approve, Comment: r.Comment, CastAt: r.CastAt.time(),
	}
}

// CreateVote stores a vote; a member votes once per ballot of a round.
func (d *DB) CreateVote(ctx context.Context, v *issuer.Vote) error {
	v.CastAt = d.stamp(v.CastAt)
	row := voteRow{
		VersionID: v.VersionID, Round: v.Round, Ballot: string(v.Ballot), VoterID: v.VoterID,
		Approve: v.Approve, Comment: v.Comment, CastAt: at(v.CastAt),
	}
	return translate(d.db(ctx).Create(&row).Error, failure{
		op:         opf("create vote on version %s", v.VersionID),
		duplicate:  opf("user %s has already voted on the %s ballot of version %s, round %d", v.VoterID, v.Ballot, v.VersionID, v.Round),
		missingRef: opf("vote on version %s names a version or voter that does not exist", v.VersionID),
	})
}

// ListVotes returns the votes of one ballot, in the order cast.
func (d *DB) ListVotes(ctx context.Context, versionID string, round int, b issuer.Ballot) ([]issuer.Vote, error) {
	var rows []voteRow
	err := d.db(ctx).Where("version_id = ? AND round = ? AND ballot = ?", versionID, round, string(b)).
		Order("cast_at, voter_id").Find(&rows).Error
	if err != nil {
		return nil, translate(err, failure{op: opf("list votes on version %s", versionID)})
	}
	return mapRows(rows, voteRow.vote), nil
}

type consultationRow struct {
	ID           string `gorm:"primaryKey"`
	VersionID    string
	Round        int
	DepartmentID string
	DuplicateOf  string
	RequestedAt  dbTime `gorm:"column:requested_at"`
	DueAt        dbTime `gorm:"column:due_at"`
	Response     string
	RespondedBy  string
	RespondedAt  dbTime `gorm:"column:responded_at"`
	ClosedAt     dbTime `gorm:"column:closed_at"`
}

func (consultationRow) TableName() string { return "consultations" }

func (r consultationRow) consultation() issuer.Consultation {
	return issuer.Consultation{
		ID: r.ID, VersionID: r.VersionID, Round: r.Round, DepartmentID: r.DepartmentID,
		DuplicateOf: r.DuplicateOf, RequestedAt: r.RequestedAt.time(), DueAt: r.DueAt.time(),
		Response: r.Response, RespondedBy: r.RespondedBy, RespondedAt: r.RespondedAt.ptr(), ClosedAt: r.ClosedAt.ptr(),
	}
}

// consultationRowOf normalizes c's times to what is stored and returns its row.
func consultationRowOf(c *issuer.Consultation) consultationRow {
	c.RequestedAt, c.DueAt = normTime(c.RequestedAt), normTime(c.DueAt)
	c.RespondedAt, c.ClosedAt = normPtr(c.RespondedAt), normPtr(c.ClosedAt)
	return consultationRow{
		ID: c.ID, VersionID: c.VersionID, Round: c.Round, DepartmentID: c.DepartmentID,
		DuplicateOf: c.DuplicateOf, RequestedAt: at(c.RequestedAt), DueAt: at(c.DueAt),
		Response: c.Response, RespondedBy: c.RespondedBy, RespondedAt: atPtr(c.RespondedAt), ClosedAt: atPtr(c.ClosedAt),
	}
}

// CreateConsultation stores c; its version and department must exist.
func (d *DB) CreateConsultation(ctx context.Context, c *issuer.Consultation) error {
	if c.ID == "" {
		c.ID = issuer.NewID()
	}
	c.RequestedAt = d.stamp(c.RequestedAt)
	row := consultationRowOf(c)
	return translate(d.db(ctx).Create(&row).Error, failure{
		op:         opf("create consultation %s", c.ID),
		duplicate:  opf("consultation %s already exists", c.ID),
		missingRef: opf("consultation %s names a version or department that does not exist", c.ID),
	})
}

// UpdateConsultation writes every field of c but its ID and version.
func (d *DB) UpdateConsultation(ctx context.Context, c *issuer.Consultation) error {
	row := consultationRowOf(c)
	res := d.db(ctx).Model(&consultationRow{}).Where("id = ?", c.ID).Updates(map[string]any{
		"round":         row.Round,
		"department_id": row.DepartmentID,
		"duplicate_of":  row.DuplicateOf,
		"requested_at":  row.RequestedAt,
		"due_at":        row.DueAt,
		"response":      row.Response,
		"responded_by":  row.RespondedBy,
		"responded_at":  row.RespondedAt,
		"closed_at":     row.ClosedAt,
	})
	return updated(res, failure{
		op:         opf("update consultation %s", c.ID),
		notFound:   opf("consultation %s not found", c.ID),
		missingRef: opf("department %s not found", c.DepartmentID),
	})
}

// ListConsultations returns a version's consultations, oldest first.
func (d *DB) ListConsultations(ctx context.Context, versionID string) ([]issuer.Consultation, error) {
	var rows []consultationRow
	err := d.db(ctx).Where("version_id = ?", versionID).Order("requested_at, id").Find(&rows).Error
	if err != nil {
		return nil, translate(err, failure{op: opf("list consultations of version %s", versionID)})
	}
	return mapRows(rows, consultationRow.consultation), nil
}
