package workday

import (
	"fmt"
	"slices"
	"time"
)

// Region selects a set of default holidays: an ISO 3166-2 subdivision code.
type Region string

// Regions with default holidays.
const (
	// Ontario: the eleven days Ontario universities commonly close for: the
	// nine public holidays of the Employment Standards Act, plus the Civic
	// Holiday and the National Day for Truth and Reconciliation, which are
	// not statutory in Ontario but which universities commonly observe.
	Ontario Region = "CA-ON"
	// BritishColumbia: the eleven statutory holidays of the Employment
	// Standards Act. Boxing Day and any winter closure are not statutory in
	// British Columbia; an institution that closes then lists them itself.
	BritishColumbia Region = "CA-BC"
)

// Years for which DefaultHolidays applies its rules. 2023 is the first year
// every rule below was in force (British Columbia made the National Day for
// Truth and Reconciliation statutory that year); earlier lists would be
// wrong, not merely old.
const (
	MinDefaultYear = 2023
	MaxDefaultYear = 2100
)

// holidayRule places one holiday in a year.
type holidayRule struct {
	name string
	date func(year int) Date
	// fixedDate marks holidays on a fixed day of the month. When that day is
	// a Saturday or a Sunday, or already taken by another holiday, the
	// holiday is observed on the next free weekday. Other rules always land
	// on a weekday.
	fixedDate bool
}

var regionRules = map[Region][]holidayRule{
	Ontario: {
		fixed("New Year's Day", time.January, 1),
		{name: "Family Day", date: nthWeekday(time.February, time.Monday, 3)},
		{name: "Good Friday", date: goodFriday},
		{name: "Victoria Day", date: victoriaDay},
		fixed("Canada Day", time.July, 1),
		{name: "Civic Holiday", date: nthWeekday(time.August, time.Monday, 1)},
		{name: "Labour Day", date: nthWeekday(time.September, time.Monday, 1)},
		fixed("National Day for Truth and Reconciliation", time.September, 30),
		{name: "Thanksgiving Day", date: nthWeekday(time.October, time.Monday, 2)},
		fixed("Christmas Day", time.December, 25),
		fixed("Boxing Day", time.December, 26),
	},
	BritishColumbia: {
		fixed("New Year's Day", time.January, 1),
		{name: "Family Day", date: nthWeekday(time.February, time.Monday, 3)},
		{name: "Good Friday", date: goodFriday},
		{name: "Victoria Day", date: victoriaDay},
		fixed("Canada Day", time.July, 1),
		{name: "British Columbia Day", date: nthWeekday(time.August, time.Monday, 1)},
		{name: "Labour Day", date: nthWeekday(time.September, time.Monday, 1)},
		fixed("National Day for Truth and Reconciliation", time.September, 30),
		{name: "Thanksgiving Day", date: nthWeekday(time.October, time.Monday, 2)},
		fixed("Remembrance Day", time.November, 11),
		fixed("Christmas Day", time.December, 25),
	},
}

// DefaultHolidays returns the default holidays of region for the years
// firstYear to lastYear, sorted by date. It is a starting point: an
// institution's own list (see ParseHolidays), which also carries its winter
// closure and any other day it closes, replaces it.
//
// A holiday on a fixed date that falls on a weekend is observed on the next
// weekday that is not already a holiday, and named "… (observed)": in 2027,
// Christmas Day (Saturday) is observed on Monday 27 December and Boxing Day
// (Sunday) on Tuesday 28 December. Only the observed day is listed.
// Good Friday follows the Gregorian date of Easter; Victoria Day is the
// Monday before 25 May.
func DefaultHolidays(region Region, firstYear, lastYear int) ([]Holiday, error) {
	rules, ok := regionRules[region]
	if !ok {
		return nil, fmt.Errorf("workday: default holidays: unknown region %q (have %q, %q)", region, Ontario, BritishColumbia)
	}
	if firstYear > lastYear || firstYear < MinDefaultYear || lastYear > MaxDefaultYear {
		return nil, fmt.Errorf("workday: default holidays: %w: years %d to %d, want %d to %d",
			ErrOutOfRange, firstYear, lastYear, MinDefaultYear, MaxDefaultYear)
	}
	var holidays []Holiday
	for year := firstYear; year <= lastYear; year++ {
		holidays = append(holidays, holidaysOfYear(rules, year)...)
	}
	return holidays, nil
}

func holidaysOfYear(rules []holidayRule, year int) []Holiday {
	taken := make(map[Date]bool, len(rules))
	holidays := make([]Holiday, 0, len(rules))
	for _, r := range rules {
		if !r.fixedDate {
			d := r.date(year)
			taken[d] = true
			holidays = append(holidays, Holiday{Date: d, Name: r.name})
		}
	}
	// Rules are in date order, so Christmas is placed before Boxing Day
	// and pushes it along when both need moving.
	for _, r := range rules {
		if !r.fixedDate {
			continue
		}
		d, name := r.date(year), r.name
		if d.isWeekend() || taken[d] {
			name += " (observed)"
			for d.isWeekend() || taken[d] {
				d = d.AddDays(1)
			}
		}
		taken[d] = true
		holidays = append(holidays, Holiday{Date: d, Name: name})
	}
	slices.SortFunc(holidays, func(a, b Holiday) int { return a.Date.Compare(b.Date) })
	return holidays
}

func fixed(name string, month time.Month, day int) holidayRule {
	return holidayRule{
		name:      name,
		date:      func(year int) Date { return Date{Year: year, Month: month, Day: day} },
		fixedDate: true,
	}
}

// nthWeekday places a holiday on the n-th given weekday of month.
func nthWeekday(month time.Month, weekday time.Weekday, n int) func(year int) Date {
	return func(year int) Date {
		first := Date{Year: year, Month: month, Day: 1}
		shift := (int(weekday) - int(first.Weekday()) + 7) % 7
		return first.AddDays(shift + 7*(n-1))
	}
}

// victoriaDay is the last Monday before 25 May.
func victoriaDay(year int) Date {
	may25 := Date{Year: year, Month: time.May, Day: 25}
	back := (int(may25.Weekday()) - int(time.Monday) + 7) % 7
	if back == 0 {
		back = 7
	}
	return may25.AddDays(-back)
}

func goodFriday(year int) Date { return easterSunday(year).AddDays(-2) }

// easterSunday computes Western (Gregorian) Easter with the anonymous
// Gregorian algorithm (Meeus, Astronomical Algorithms, ch. 8).
func easterSunday(year int) Date {
	a := year % 19
	b, c := year/100, year%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return Date{Year: year, Month: time.Month(month), Day: day}
}
