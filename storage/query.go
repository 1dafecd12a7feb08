package storage

import (
	"gorm.io/gorm"

	"badged/issuer"
)

// paged applies a normalized page to a query.
func paged(g *gorm.DB, p issuer.Page) *gorm.DB {
	p = p.Normalize()
	return g.Limit(p.Limit).Offset(p.Offset)
}

// updated checks the result of an update by key: an error is translated,
// and no row matched means the row does not exist.
func updated(res *gorm.DB, f failure) error {
	if res.Error != nil {
		return translate(res.Error, f)
	}
	if res.RowsAffected == 0 {
		return notFound("%s", f.notFound)
	}
	return nil
}

// strPtr maps an optional reference: the empty string is NULL.
func strPtr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// str is the inverse of strPtr.
func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// mapRows maps gorm rows to domain values.
func mapRows[R, T any](rows []R, f func(R) T) []T {
	out := make([]T, len(rows))
	for i, r := range rows {
		out[i] = f(r)
	}
	return out
}
