package workday

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"time"
)

// Limits on what a Calendar accepts.
const (
	// MaxWorkingDays is the longest window Deadline and AddWorkingDays
	// compute: about fourteen years of working days, far beyond any policy
	// deadline, so a larger n is a caller's mistake.
	MaxWorkingDays = 3660

	// MaxHolidays is the most holidays a Calendar (or a holiday list) holds:
	// several centuries of a dozen closures a year.
	MaxHolidays = 10000
)

// ErrOutOfRange reports a window length outside 1..MaxWorkingDays, or a
// start or result outside the years MinYear to MaxYear.
var ErrOutOfRange = errors.New("workday: out of range")

// Calendar knows which days are working days for one institution and turns
// windows of working days into deadline instants in its time zone.
//
// A Calendar is immutable after New and safe for concurrent use.
type Calendar struct {
	loc *time.Location
	// holidays is sorted by date, one entry per date.
	holidays []Holiday
	// closed holds the day numbers of the holidays that fall on a weekday,
	// sorted: the only holidays that change a count of working days.
	closed []int64
}

// New returns a calendar for the institution whose time zone is loc (for
// example time.LoadLocation("America/Toronto")) and whose days off, besides
// Saturdays and Sundays, are holidays.
//
// loc must not be nil or time.Local: a deadline must not depend on the zone
// of the server that computes it. Holidays may be in any order; when a date
// is listed twice, the first name is kept.
func New(loc *time.Location, holidays []Holiday) (*Calendar, error) {
	switch loc {
	case nil:
		return nil, errors.New("workday: new calendar: no time zone")
	case time.Local:
		return nil, errors.New(`workday: new calendar: time.Local depends on the server; load the institution's zone, e.g. time.LoadLocation("America/Toronto")`)
	}
	if len(holidays) > MaxHolidays {
		return nil, fmt.Errorf("workday: new calendar: %d holidays, more than %d", len(holidays), MaxHolidays)
	}
	c := &Calendar{loc: loc, holidays: make([]Holiday, 0, len(holidays))}
	for _, h := range holidays {
		if !h.Date.IsValid() {
			return nil, fmt.Errorf("workday: new calendar: holiday %q: %w: %s", h.Name, ErrInvalidDate, h.Date)
		}
		c.holidays = append(c.holidays, h)
	}
	// A stable sort keeps the first of duplicated dates first.
	slices.SortStableFunc(c.holidays, func(a, b Holiday) int { return a.Date.Compare(b.Date) })
	c.holidays = slices.CompactFunc(c.holidays, func(a, b Holiday) bool { return a.Date == b.Date })
	for _, h := range c.holidays {
		if !h.Date.isWeekend() {
			c.closed = append(c.closed, h.Date.dayNumber())
		}
	}
	return c, nil
}

// Location returns the institution's time zone.
func (c *Calendar) Location() *time.Location { return c.loc }

// Holidays returns the calendar's holidays sorted by date (a copy).
func (c *Calendar) Holidays() []Holiday { return slices.Clone(c.holidays) }

// Holiday returns the holiday on d, if d is one (whatever its weekday).
func (c *Calendar) Holiday(d Date) (Holiday, bool) {
	i, found := slices.BinarySearchFunc(c.holidays, d, func(h Holiday, d Date) int { return h.Date.Compare(d) })
	if !found {
		return Holiday{}, false
	}
	return c.holidays[i], true
}

// IsWorkingDay reports whether d is neither a Saturday, a Sunday nor a
// holiday.
func (c *Calendar) IsWorkingDay(d Date) bool {
	if d.isWeekend() {
		return false
	}
	_, closed := slices.BinarySearch(c.closed, d.dayNumber())
	return !closed
}

// DateOf returns the day, in the institution's time zone, that contains t.
// Days are the intervals [StartOfDay(d), StartOfDay(d+1)), so every instant
// belongs to exactly one day even where clocks jump around midnight.
func (c *Calendar) DateOf(t time.Time) Date {
	y, m, dd := t.In(c.loc).Date()
	d := Date{Year: y, Month: m, Day: dd}
	// Where the clock went back across midnight, the repeated minutes read
	// the previous date but come after the next day began.
	if next := d.AddDays(1); !t.Before(c.StartOfDay(next)) {
		return next
	}
	return d
}

// StartOfDay returns the first instant of d in the institution's time zone:
// local midnight, or, in a zone whose clocks skip midnight, the instant the
// clocks jump into d. The result is in the calendar's location. An invalid d
// is normalised as time.Date does (31 April is 1 May).
func (c *Calendar) StartOfDay(d Date) time.Time {
	t := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, c.loc)
	if c.localDate(t).Before(d) {
		// Midnight was skipped (for example America/Havana, 8 March 2026,
		// 00:00 → 01:00) and time.Date answered with a time on the previous
		// day: d begins when the clocks jump.
		if _, end := t.ZoneBounds(); !end.IsZero() {
			return end.In(c.loc)
		}
		return t
	}
	// Midnight happened twice (Asia/Amman, 29 October 2021, 01:00 → 00:00)
	// and time.Date may answer with the second, as it does east of
	// Greenwich: d began at the first, under the previous offset.
	start, _ := t.ZoneBounds()
	if start.IsZero() {
		return t
	}
	before := start.Add(-time.Nanosecond)
	if c.localDate(before).Before(d) {
		return t // the usual case: d had not begun when this offset took effect
	}
	_, prevOffset := before.Zone()
	first := time.Unix(d.utcMidnight().Unix()-int64(prevOffset), 0).In(c.loc)
	if first.Before(start) && c.localDate(first) == d && first.Hour() == 0 && first.Minute() == 0 {
		return first
	}
	return t
}

// EndOfDay returns the instant d ends, which is the start of the next day:
// local midnight at the end of d.
func (c *Calendar) EndOfDay(d Date) time.Time { return c.StartOfDay(d.AddDays(1)) }

// localDate is the date a wall clock in the institution shows at t.
func (c *Calendar) localDate(t time.Time) Date {
	y, m, d := t.In(c.loc).Date()
	return Date{Year: y, Month: m, Day: d}
}

// AddWorkingDays returns the n-th working day after d; d itself never
// counts. n must be in 1..MaxWorkingDays.
func (c *Calendar) AddWorkingDays(d Date, n int) (Date, error) {
	if n < 1 || n > MaxWorkingDays {
		return Date{}, fmt.Errorf("%w: %d working days, want 1 to %d", ErrOutOfRange, n, MaxWorkingDays)
	}
	if !d.IsValid() {
		return Date{}, fmt.Errorf("%w: start %s", ErrOutOfRange, d)
	}
	first := d.dayNumber() + 1
	// Every 7 days hold 5 weekdays and at most len(closed) of all weekdays
	// are holidays, so the n-th working day lies within this many days: the
	// search below cannot run away, whatever the holiday list.
	limit := 7 * ((int64(n)+int64(len(c.closed)))/5 + 2)
	offset := sort.Search(int(limit), func(i int) bool {
		return c.countWorkingDays(first, first+int64(i)) >= n
	})
	end := dateOfDayNumber(first + int64(offset))
	if offset == int(limit) || !end.IsValid() {
		return Date{}, fmt.Errorf("%w: %d working days after %s", ErrOutOfRange, n, d)
	}
	return end, nil
}

// Deadline returns when a window of n working days that opens at start
// closes: at the end of the n-th working day after the day containing start,
// that is local midnight in the institution's time zone. The day of start
// never counts, whatever the hour. The result is in the calendar's location.
// n must be in 1..MaxWorkingDays.
func (c *Calendar) Deadline(start time.Time, n int) (time.Time, error) {
	last, err := c.AddWorkingDays(c.DateOf(start), n)
	if err != nil {
		return time.Time{}, fmt.Errorf("deadline: %w", err)
	}
	return c.EndOfDay(last), nil
}

// CalendarDayDeadline is Deadline counting every day, weekends and
// holidays included: the end of the n-th day after the day containing start.
// It serves a policy that says "days" rather than "working days".
func (c *Calendar) CalendarDayDeadline(start time.Time, n int) (time.Time, error) {
	if n < 1 || n > MaxWorkingDays {
		return time.Time{}, fmt.Errorf("calendar day deadline: %w: %d days, want 1 to %d", ErrOutOfRange, n, MaxWorkingDays)
	}
	d := c.DateOf(start)
	last := d.AddDays(n)
	if !d.IsValid() || !last.IsValid() {
		return time.Time{}, fmt.Errorf("calendar day deadline: %w: %d days after %s", ErrOutOfRange, n, d)
	}
	return c.EndOfDay(last), nil
}

// WorkingDaysBetween counts the working days that lie wholly between from
// and to: those after the day containing from that have ended by to. It is
// the inverse of Deadline: WorkingDaysBetween(s, Deadline(s, n)) is n, and
// one nanosecond earlier it is n-1. It returns 0 when to is not after from.
// Instants outside the years MinYear to MaxYear count as those bounds.
func (c *Calendar) WorkingDaysBetween(from, to time.Time) int {
	if !to.After(from) {
		return 0
	}
	first := clampDate(c.DateOf(from)).dayNumber() + 1
	last := clampDate(c.DateOf(to)).dayNumber() - 1
	return c.countWorkingDays(first, last)
}

// countWorkingDays counts the working days in the day numbers first..last,
// both included, in constant time plus two binary searches.
func (c *Calendar) countWorkingDays(first, last int64) int {
	if last < first {
		return 0
	}
	weekdays := weekdaysBefore(last+1) - weekdaysBefore(first)
	lo, _ := slices.BinarySearch(c.closed, first)
	hi, _ := slices.BinarySearch(c.closed, last+1)
	return int(weekdays) - (hi - lo)
}

// weekdaysBefore counts Mondays to Fridays from Monday 1969-12-29 (day
// number -3) up to, not including, day number n (negative before it).
func weekdaysBefore(n int64) int64 {
	sinceMonday := n + 3
	weeks := floorDiv(sinceMonday, 7)
	return 5*weeks + min(sinceMonday-7*weeks, 5)
}

func clampDate(d Date) Date {
	switch {
	case d.Year < MinYear:
		return Date{Year: MinYear, Month: time.January, Day: 1}
	case d.Year > MaxYear:
		return Date{Year: MaxYear, Month: time.December, Day: 31}
	}
	return d
}

// Overdue reports whether deadline has passed at now. A window is the
// half-open interval [start, deadline): at the deadline instant itself the
// item is overdue.
func Overdue(now, deadline time.Time) bool { return !now.Before(deadline) }
