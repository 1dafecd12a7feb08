package storage

import (
	"database/sql/driver"
	"fmt"
	"time"
)

// timeLayout is how times are written: UTC, fixed width, microseconds. On
// SQLite, which has no time type, the fixed width makes comparing and
// sorting the text compare and sort the times; PostgreSQL parses it into
// timestamptz.
const timeLayout = "2006-01-02 15:04:05.000000+00:00"

// dbTime is a time column, NULL when not valid. It is written in UTC,
// truncated to microseconds, the precision both databases keep.
type dbTime struct {
	t     time.Time
	valid bool
}

// at returns t as a non-NULL column value.
func at(t time.Time) dbTime { return dbTime{t: t, valid: true} }

// atPtr returns t as a column value, NULL when t is nil.
func atPtr(t *time.Time) dbTime {
	if t == nil {
		return dbTime{}
	}
	return at(*t)
}

// atOrNull returns t as a column value, NULL when t is zero.
func atOrNull(t time.Time) dbTime {
	if t.IsZero() {
		return dbTime{}
	}
	return at(t)
}

// normTime is t as it reads back from the database.
func normTime(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

// normPtr is normTime for an optional time.
func normPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	n := normTime(*t)
	return &n
}

// time returns the column's time, the zero time for NULL.
func (d dbTime) time() time.Time {
	if !d.valid {
		return time.Time{}
	}
	return d.t
}

// ptr returns the column's time, nil for NULL.
func (d dbTime) ptr() *time.Time {
	if !d.valid {
		return nil
	}
	t := d.t
	return &t
}

// Value implements driver.Valuer.
func (d dbTime) Value() (driver.Value, error) {
	if !d.valid {
		return nil, nil
	}
	t := normTime(d.t)
	if y := t.Year(); y < 1 || y > 9999 {
		return nil, fmt.Errorf("time %s is outside the years 1 to 9999", t)
	}
	return t.Format(timeLayout), nil
}

// Scan implements sql.Scanner: PostgreSQL returns a time.Time, SQLite the
// text written by Value.
func (d *dbTime) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*d = dbTime{}
		return nil
	case time.Time:
		*d = at(normTime(v))
		return nil
	case string:
		return d.parse(v)
	case []byte:
		return d.parse(string(v))
	default:
		return fmt.Errorf("scan time: unsupported type %T", src)
	}
}

func (d *dbTime) parse(s string) error {
	t, err := time.Parse(timeLayout, s)
	if err != nil {
		return fmt.Errorf("scan time: %w", err)
	}
	*d = at(t.UTC())
	return nil
}
