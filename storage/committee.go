package storage

import (
	"context"

	"badged/issuer"
)

type membershipRow struct {
	ID         string `gorm:"primaryKey"`
	Committee  string
	UserID     string
	Seat       string
	FacultyID  *string
	ValidFrom  dbTime `gorm:"column:valid_from"`
	ValidUntil dbTime `gorm:"column:valid_until"`
	Chair      bool
	Created    dbTime `gorm:"column:created_at"`
}

func (membershipRow) TableName() string { return "memberships" }

func (r membershipRow) membership() issuer.Membership {
	return issuer.Membership{
		ID: r.ID, Committee: issuer.Committee(r.Committee), UserID: r.UserID, Seat: issuer.Seat(r.Seat),
		FacultyID: str(r.FacultyID), From: r.ValidFrom.time(), Until: r.ValidUntil.ptr(),
		Chair: r.Chair, CreatedAt: r.Created.time(),
	}
}

// membershipRowOf normalizes m's times to what is stored and returns its row.
func membershipRowOf(m *issuer.Membership) membershipRow {
	m.CreatedAt = normTime(m.CreatedAt)
	m.From, m.Until = normTime(m.From), normPtr(m.Until)
	return membershipRow{
		ID: m.ID, Committee: string(m.Committee), UserID: m.UserID, Seat: string(m.Seat),
		FacultyID: strPtr(m.FacultyID), ValidFrom: at(m.From), ValidUntil: atPtr(m.Until),
		Chair: m.Chair, Created: at(m.CreatedAt),
	}
}

// CreateMembership stores m; its user and faculty must exist.
func (d *DB) CreateMembership(ctx context.Context, m *issuer.Membership) error {
	if m.ID == "" {
		m.ID = issuer.NewID()
	}
	m.CreatedAt = d.stamp(m.CreatedAt)
	row := membershipRowOf(m)
	return translate(d.db(ctx).Create(&row).Error, failure{
		op:         opf("create membership %s", m.ID),
		duplicate:  opf("membership %s already exists", m.ID),
		missingRef: opf("membership %s names a user or faculty that does not exist", m.ID),
	})
}

// GetMembership returns a membership.
func (d *DB) GetMembership(ctx context.Context, id string) (*issuer.Membership, error) {
	var row membershipRow
	err := d.db(ctx).Where("id = ?", id).Take(&row).Error
	if err := translate(err, failure{op: opf("get membership %s", id), notFound: opf("membership %s not found", id)}); err != nil {
		return nil, err
	}
	m := row.membership()
	return &m, nil
}

// UpdateMembership writes every field of m but its ID and CreatedAt.
func (d *DB) UpdateMembership(ctx context.Context, m *issuer.Membership) error {
	row := membershipRowOf(m)
	res := d.db(ctx).Model(&membershipRow{}).Where("id = ?", m.ID).Updates(map[string]any{
		"committee":   row.Committee,
		"user_id":     row.UserID,
		"seat":        row.Seat,
		"faculty_id":  row.FacultyID,
		"valid_from":  row.ValidFrom,
		"valid_until": row.ValidUntil,
		"chair":       row.Chair,
	})
	return updated(res, failure{
		op:         opf("update membership %s", m.ID),
		notFound:   opf("membership %s not found", m.ID),
		missingRef: opf("membership %s names a user or faculty that does not exist", m.ID),
	})
}

// ListMemberships returns every membership of the committee, past and
// present, oldest first.
func (d *DB) ListMemberships(ctx context.Context, c issuer.Committee) ([]issuer.Membership, error) {
	var rows []membershipRow
	if err := d.db(ctx).Where("committee = ?", string(c)).Order("valid_from, created_at, id").Find(&rows).Error; err != nil {
		return nil, translate(err, failure{op: opf("list memberships of %s", c)})
	}
	return mapRows(rows, membershipRow.membership), nil
}

// ListUserMemberships returns every membership of the user, oldest first.
func (d *DB) ListUserMemberships(ctx context.Context, userID string) ([]issuer.Membership, error) {
	var rows []membershipRow
	if err := d.db(ctx).Where("user_id = ?", userID).Order("valid_from, created_at, id").Find(&rows).Error; err != nil {
		return nil, translate(err, failure{op: opf("list memberships of user %s", userID)})
	}
	return mapRows(rows, membershipRow.membership), nil
}
