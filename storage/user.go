package storage

import (
	"context"
	"strings"
	"time"

	"gorm.io/gorm"

	"badged/issuer"
)

type userRow struct {
	ID       string `gorm:"primaryKey"`
	Email    string
	EmailKey string
	Name     string
	Disabled bool
	Created  dbTime `gorm:"column:created_at"`
}

func (userRow) TableName() string { return "users" }

type roleRow struct {
	UserID       string `gorm:"primaryKey"`
	Position     int    `gorm:"primaryKey"`
	Role         string
	DepartmentID *string
}

func (roleRow) TableName() string { return "user_roles" }

type tokenRow struct {
	ID         string `gorm:"primaryKey"`
	UserID     string
	Name       string
	SecretHash []byte
	Created    dbTime `gorm:"column:created_at"`
	ExpiresAt  dbTime `gorm:"column:expires_at"`
	RevokedAt  dbTime `gorm:"column:revoked_at"`
	LastUsedAt dbTime `gorm:"column:last_used_at"`
}

func (tokenRow) TableName() string { return "api_tokens" }

// emailKey is what makes two emails the same person's: case does not matter.
func emailKey(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

func (r userRow) user(roles []issuer.RoleGrant) issuer.User {
	return issuer.User{ID: r.ID, Email: r.Email, Name: r.Name, Roles: roles, Disabled: r.Disabled, CreatedAt: r.Created.time()}
}

// CreateUser stores u and its roles. It assigns an ID and CreatedAt when
// they are empty and normalizes u's times to what was stored.
func (d *DB) CreateUser(ctx context.Context, u *issuer.User) error {
	if u.ID == "" {
		u.ID = issuer.NewID()
	}
	u.CreatedAt = d.stamp(u.CreatedAt)
	row := userRow{ID: u.ID, Email: u.Email, EmailKey: emailKey(u.Email), Name: u.Name, Disabled: u.Disabled, Created: at(u.CreatedAt)}
	return d.tx(ctx, func(tx *DB) error {
		err := tx.db(ctx).Create(&row).Error
		if err := translate(err, failure{
			op:        opf("create user %s", u.ID),
			duplicate: opf("a user with email %s already exists", u.Email),
		}); err != nil {
			return err
		}
		return tx.insertRoles(ctx, u.ID, u.Roles)
	})
}

// GetUser returns the user with its granted roles.
func (d *DB) GetUser(ctx context.Context, id string) (*issuer.User, error) {
	return d.getUser(ctx, "id = ?", id, failure{op: opf("get user %s", id), notFound: opf("user %s not found", id)})
}

// GetUserByEmail finds a user by email, ignoring case.
func (d *DB) GetUserByEmail(ctx context.Context, email string) (*issuer.User, error) {
	return d.getUser(ctx, "email_key = ?", emailKey(email), failure{op: "get user by email", notFound: opf("no user with email %s", email)})
}

func (d *DB) getUser(ctx context.Context, where string, arg any, f failure) (*issuer.User, error) {
	var row userRow
	if err := translate(d.db(ctx).Where(where, arg).Take(&row).Error, f); err != nil {
		return nil, err
	}
	roles, err := d.roles(ctx, row.ID)
	if err != nil {
		return nil, err
	}
	u := row.user(roles[row.ID])
	return &u, nil
}

// ListUsers returns a page of users, oldest first, with their roles.
func (d *DB) ListUsers(ctx context.Context, p issuer.Page) ([]issuer.User, error) {
	var rows []userRow
	if err := paged(d.db(ctx), p).Order("created_at, id").Find(&rows).Error; err != nil {
		return nil, translate(err, failure{op: "list users"})
	}
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	roles, err := d.roles(ctx, ids...)
	if err != nil {
		return nil, err
	}
	out := make([]issuer.User, len(rows))
	for i, r := range rows {
		out[i] = r.user(roles[r.ID])
	}
	return out, nil
}

// roles returns the granted roles of the users, in the order granted.
func (d *DB) roles(ctx context.Context, userIDs ...string) (map[string][]issuer.RoleGrant, error) {
	out := map[string][]issuer.RoleGrant{}
	if len(userIDs) == 0 {
		return out, nil
	}
	var rows []roleRow
	if err := d.db(ctx).Where("user_id IN ?", userIDs).Order("user_id, position").Find(&rows).Error; err != nil {
		return nil, translate(err, failure{op: "list roles"})
	}
	for _, r := range rows {
		out[r.UserID] = append(out[r.UserID], issuer.RoleGrant{Role: issuer.Role(r.Role), DepartmentID: str(r.DepartmentID)})
	}
	return out, nil
}

// SetRoles replaces the user's granted roles. A grant listed twice is kept once.
func (d *DB) SetRoles(ctx context.Context, userID string, roles []issuer.RoleGrant) error {
	return d.tx(ctx, func(tx *DB) error {
		var n int64
		if err := tx.db(ctx).Model(&userRow{}).Where("id = ?", userID).Count(&n).Error; err != nil {
			return translate(err, failure{op: opf("set roles of user %s", userID)})
		}
		if n == 0 {
			return notFound("user %s not found", userID)
		}
		if err := tx.db(ctx).Where("user_id = ?", userID).Delete(&roleRow{}).Error; err != nil {
			return translate(err, failure{op: opf("set roles of user %s", userID)})
		}
		return tx.insertRoles(ctx, userID, roles)
	})
}

func (d *DB) insertRoles(ctx context.Context, userID string, roles []issuer.RoleGrant) error {
	rows := make([]roleRow, 0, len(roles))
	seen := map[issuer.RoleGrant]bool{}
	for _, g := range roles {
		if seen[g] {
			continue
		}
		seen[g] = true
		rows = append(rows, roleRow{UserID: userID, Position: len(rows), Role: string(g.Role), DepartmentID: strPtr(g.DepartmentID)})
	}
	if len(rows) == 0 {
		return nil
	}
	return translate(d.db(ctx).Create(&rows).Error, failure{
		op:         opf("set roles of user %s", userID),
		missingRef: opf("a role of user %s names a department that does not exist", userID),
	})
}

func (r tokenRow) token() issuer.Token {
	return issuer.Token{
		ID: r.ID, UserID: r.UserID, Name: r.Name, SecretHash: r.SecretHash,
		CreatedAt: r.Created.time(), ExpiresAt: r.ExpiresAt.time(),
		RevokedAt: r.RevokedAt.ptr(), LastUsedAt: r.LastUsedAt.ptr(),
	}
}

// CreateToken stores t. A zero ExpiresAt is stored as no expiry.
func (d *DB) CreateToken(ctx context.Context, t *issuer.Token) error {
	if t.ID == "" {
		t.ID = issuer.NewID()
	}
	t.CreatedAt = d.stamp(t.CreatedAt)
	if !t.ExpiresAt.IsZero() {
		t.ExpiresAt = normTime(t.ExpiresAt)
	}
	t.RevokedAt, t.LastUsedAt = normPtr(t.RevokedAt), normPtr(t.LastUsedAt)
	row := tokenRow{
		ID: t.ID, UserID: t.UserID, Name: t.Name, SecretHash: t.SecretHash,
		Created: at(t.CreatedAt), ExpiresAt: atOrNull(t.ExpiresAt),
		RevokedAt: atPtr(t.RevokedAt), LastUsedAt: atPtr(t.LastUsedAt),
	}
	if row.SecretHash == nil {
		row.SecretHash = []byte{}
	}
	return translate(d.db(ctx).Create(&row).Error, failure{
		op:         opf("create token %s", t.ID),
		duplicate:  opf("a token with id %s already exists", t.ID),
		missingRef: opf("user %s not found", t.UserID),
	})
}

// GetToken returns a token.
func (d *DB) GetToken(ctx context.Context, id string) (*issuer.Token, error) {
	var row tokenRow
	err := d.db(ctx).Where("id = ?", id).Take(&row).Error
	if err := translate(err, failure{op: opf("get token %s", id), notFound: opf("token %s not found", id)}); err != nil {
		return nil, err
	}
	t := row.token()
	return &t, nil
}

// ListTokens returns a page of the user's tokens, oldest first.
func (d *DB) ListTokens(ctx context.Context, userID string, p issuer.Page) ([]issuer.Token, error) {
	var rows []tokenRow
	err := paged(d.db(ctx), p).Where("user_id = ?", userID).Order("created_at, id").Find(&rows).Error
	if err != nil {
		return nil, translate(err, failure{op: opf("list tokens of user %s", userID)})
	}
	return mapRows(rows, tokenRow.token), nil
}

// RevokeToken marks the token revoked at the given time. Revoking a revoked
// token keeps the first revocation time.
func (d *DB) RevokeToken(ctx context.Context, id string, when time.Time) error {
	res := d.db(ctx).Model(&tokenRow{}).Where("id = ?", id).
		Update("revoked_at", gorm.Expr("COALESCE(revoked_at, ?)", at(when)))
	return updated(res, failure{op: opf("revoke token %s", id), notFound: opf("token %s not found", id)})
}

// TouchToken records that the token was used at the given time.
func (d *DB) TouchToken(ctx context.Context, id string, when time.Time) error {
	res := d.db(ctx).Model(&tokenRow{}).Where("id = ?", id).Update("last_used_at", at(when))
	return updated(res, failure{op: opf("touch token %s", id), notFound: opf("token %s not found", id)})
}
