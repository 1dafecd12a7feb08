package workday

import (
	"errors"
	"fmt"
	"time"
)

// Supported years. A Date outside them is not valid: the text form has exactly
// four year digits, and the limit keeps every day number far from overflow.
const (
	MinYear = 1
	MaxYear = 9999
)

// ErrInvalidDate reports a date that is not a real day of the Gregorian
// calendar in years MinYear to MaxYear, or text that is not "YYYY-MM-DD".
var ErrInvalidDate = errors.New("workday: invalid date")

// Date is a civil date: a day of the (proleptic Gregorian) calendar with no
// time zone. A Calendar turns it into instants in the institution's zone.
// The zero Date is not valid. Dates are comparable with ==, so they serve as
// map keys; compare order with Compare, Before and After.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate parses the ISO 8601 calendar date "YYYY-MM-DD" (for example
// "2026-12-25"). Nothing else is accepted: no time, no zone, no other widths.
func ParseDate(s string) (Date, error) {
	if len(s) != len("2006-01-02") || s[4] != '-' || s[7] != '-' {
		return Date{}, fmt.Errorf("%w: %q is not YYYY-MM-DD", ErrInvalidDate, s)
	}
	year, okY := digits(s[0:4])
	month, okM := digits(s[5:7])
	day, okD := digits(s[8:10])
	if !okY || !okM || !okD {
		return Date{}, fmt.Errorf("%w: %q is not YYYY-MM-DD", ErrInvalidDate, s)
	}
	d := Date{Year: year, Month: time.Month(month), Day: day}
	if !d.IsValid() {
		return Date{}, fmt.Errorf("%w: %q does not exist", ErrInvalidDate, s)
	}
	return d, nil
}

// digits parses a run of ASCII decimal digits (no sign, no spaces).
func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// IsValid reports whether d names a real day in years MinYear to MaxYear.
func (d Date) IsValid() bool {
	if d.Year < MinYear || d.Year > MaxYear || d.Month < time.January || d.Month > time.December || d.Day < 1 {
		return false
	}
	// time.Date normalises 31 April to 1 May: a valid date survives unchanged.
	y, m, dd := d.utcMidnight().Date()
	return y == d.Year && m == d.Month && dd == d.Day
}

// String returns "YYYY-MM-DD" for a valid date. An invalid one is printed
// field by field so that it is still recognisable in error messages.
func (d Date) String() string {
	if d.Year >= 0 && d.Year <= MaxYear {
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
	}
	return fmt.Sprintf("%d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// MarshalText implements encoding.TextMarshaler ("YYYY-MM-DD"), so a Date is a
// JSON string and a configuration value.
func (d Date) MarshalText() ([]byte, error) {
	if !d.IsValid() {
		return nil, fmt.Errorf("%w: %s", ErrInvalidDate, d)
	}
	return []byte(d.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler with ParseDate.
func (d *Date) UnmarshalText(text []byte) error {
	parsed, err := ParseDate(string(text))
	if err != nil {
		return err
	}
	*d = parsed
	return nil
}

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday { return d.utcMidnight().Weekday() }

// AddDays returns the date n calendar days after d (before it if n < 0).
func (d Date) AddDays(n int) Date {
	return dateOfDayNumber(d.dayNumber() + int64(n))
}

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return cmpInt(d.Year, e.Year)
	case d.Month != e.Month:
		return cmpInt(int(d.Month), int(e.Month))
	default:
		return cmpInt(d.Day, e.Day)
	}
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// isWeekend reports whether d is a Saturday or a Sunday.
func (d Date) isWeekend() bool {
	wd := d.Weekday()
	return wd == time.Saturday || wd == time.Sunday
}

func (d Date) utcMidnight() time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
}

// secondsPerDay is exact for civil days counted in UTC, which has no DST.
const secondsPerDay = 24 * 60 * 60

// dayNumber counts days since 1970-01-01 (negative before). Day arithmetic
// on these numbers is plain integer arithmetic.
func (d Date) dayNumber() int64 {
	return floorDiv(d.utcMidnight().Unix(), secondsPerDay)
}

func dateOfDayNumber(n int64) Date {
	y, m, d := time.Unix(n*secondsPerDay, 0).UTC().Date()
	return Date{Year: y, Month: m, Day: d}
}

// floorDiv divides rounding towards minus infinity, so that days before 1970
// number correctly.
func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}
