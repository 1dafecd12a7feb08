package workday_test

import (
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"badged/issuer/workday"
)

// March 2026 (Toronto springs forward on Sunday 8 March, 02:00 EST → 03:00 EDT):
//
//	Mo Tu We Th Fr Sa Su
//	 2  3  4  5  6  7  8
//	 9 10 11 12 13 14 15
//	16 17 18 19 20 21 22
//
// October/November 2026 (falls back on Sunday 1 November, 02:00 EDT → 01:00 EST;
// Thanksgiving is Monday 12 October):
//
//	Mo Tu We Th Fr Sa Su
//	 5  6  7  8  9 10 11
//	12 13 14 15 16 17 18
//	26 27 28 29 30 31  1
//	 2  3  4  5  6  7  8
//	 9 10 11 12 13 14 15
//
// December 2026/January 2027 (Christmas Friday 25, Boxing Day Saturday 26
// observed Monday 28, New Year's Day Friday 1):
//
//	Mo Tu We Th Fr Sa Su
//	14 15 16 17 18 19 20
//	21 22 23 24 25 26 27
//	28 29 30 31  1  2  3
//	 4  5  6  7  8  9 10
func TestDeadline(t *testing.T) {
	t.Parallel()
	c := torontoCalendar(t)
	vancouver := loadLocation(t, "America/Vancouver")

	tests := []struct {
		name  string
		start time.Time
		n     int
		want  string // RFC 3339 with Toronto's offset on that date
	}{
		// Sat 7 and Sun 8 skipped; Mon 9 is day 1; ends at midnight after it,
		// which is already EDT.
		{"ok/friday evening n=1", mustTime(t, "2026-03-06T18:00:00-05:00"), 1, "2026-03-10T00:00:00-04:00"},
		{"ok/saturday n=1", mustTime(t, "2026-03-07T10:00:00-05:00"), 1, "2026-03-10T00:00:00-04:00"},
		{"ok/sunday, the 23-hour day, n=1", mustTime(t, "2026-03-08T12:00:00-04:00"), 1, "2026-03-10T00:00:00-04:00"},
		// Mon 2 does not count; Mar 3 4 5 6 (4), 9 10 11 12 13 (9), 16 (10).
		{"ok/n=10 across spring forward", mustTime(t, "2026-03-02T09:00:00-05:00"), 10, "2026-03-17T00:00:00-04:00"},
		// Mon 2 March is day 1; still EST.
		{"ok/n=1 the week before spring forward", mustTime(t, "2026-02-27T09:00:00-05:00"), 1, "2026-03-03T00:00:00-05:00"},
		// Oct 27 28 29 30 (4), Nov 2 3 4 5 6 (9), 9 (10); ends in EST.
		{"ok/n=10 across fall back", mustTime(t, "2026-10-26T10:00:00-04:00"), 10, "2026-11-10T00:00:00-05:00"},
		// Sun 1 Nov skipped; Mon 2 is day 1.
		{"ok/saturday before fall back n=1", mustTime(t, "2026-10-31T12:00:00-04:00"), 1, "2026-11-03T00:00:00-05:00"},
		// 01:30 happens twice on the 25-hour day; both are Sunday 1 November.
		{"ok/first 01:30 of the 25-hour day", mustTime(t, "2026-11-01T01:30:00-04:00"), 1, "2026-11-03T00:00:00-05:00"},
		{"ok/second 01:30 of the 25-hour day", mustTime(t, "2026-11-01T01:30:00-05:00"), 1, "2026-11-03T00:00:00-05:00"},
		// Mon 12 is Thanksgiving; Tue 13 is day 1.
		{"ok/holiday inside the window n=1", mustTime(t, "2026-10-09T12:00:00-04:00"), 1, "2026-10-14T00:00:00-04:00"},
		// Fri 9 (1), Mon 12 holiday, Tue 13 (2) … Fri 16 (5).
		{"ok/holiday inside the window n=5", mustTime(t, "2026-10-08T09:00:00-04:00"), 5, "2026-10-17T00:00:00-04:00"},
		// Good Friday 3 April does not count either way; Easter Monday is a working day in Ontario.
		{"ok/start on a holiday", mustTime(t, "2026-04-03T11:00:00-04:00"), 1, "2026-04-07T00:00:00-04:00"},
		{"ok/start on canada day", mustTime(t, "2026-07-01T09:00:00-04:00"), 1, "2026-07-03T00:00:00-04:00"},
		// Fri 25 Christmas, Sat, Sun, Mon 28 Boxing Day observed: Tue 29 is day 1.
		{"ok/christmas, boxing day observed and a weekend", mustTime(t, "2026-12-24T14:00:00-05:00"), 1, "2026-12-30T00:00:00-05:00"},
		// Dec 29 30 31 (3), Fri 1 Jan holiday, weekend, Jan 4 (4), Jan 5 (5).
		{"ok/year boundary n=5", mustTime(t, "2026-12-24T14:00:00-05:00"), 5, "2027-01-06T00:00:00-05:00"},
		{"ok/new year's eve n=1", mustTime(t, "2026-12-31T16:00:00-05:00"), 1, "2027-01-05T00:00:00-05:00"},
		// Dec 15 16 17 18 (4), 21 22 23 24 (8), 29 (9), 30 (10).
		{"ok/smc review over the holidays n=10", mustTime(t, "2026-12-14T10:00:00-05:00"), 10, "2026-12-31T00:00:00-05:00"},
		// Monday counts as the start day even from its first instant.
		{"ok/start exactly at local midnight", mustTime(t, "2026-03-09T00:00:00-04:00"), 1, "2026-03-11T00:00:00-04:00"},
		{"ok/start at the last instant of sunday", mustTime(t, "2026-03-08T23:59:59.999999999-04:00"), 1, "2026-03-10T00:00:00-04:00"},
		// 03:59:59Z is Monday 23:59:59 EDT; 04:00Z is Tuesday 00:00 EDT.
		{"ok/utc input, monday in toronto", mustTime(t, "2026-03-10T03:59:59Z"), 1, "2026-03-11T00:00:00-04:00"},
		{"ok/utc input, tuesday in toronto", mustTime(t, "2026-03-10T04:00:00Z"), 1, "2026-03-12T00:00:00-04:00"},
		// Monday 22:30 in Vancouver is Tuesday 01:30 in Toronto: Toronto's day counts.
		{"ok/vancouver input", time.Date(2026, time.March, 9, 22, 30, 0, 0, vancouver), 1, "2026-03-12T00:00:00-04:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := c.Deadline(tt.start, tt.n)
			require.NoError(t, err)
			want := mustTime(t, tt.want)
			require.True(t, got.Equal(want), "got %s, want %s", got, want)
			require.Equal(t, c.Location(), got.Location())
			require.Equal(t, tt.want, got.Format(time.RFC3339))
		})
	}
}

func TestDeadlineInstantFollowsTheOffset(t *testing.T) {
	t.Parallel()
	c := torontoCalendar(t)
	deadline := func(start string) time.Time {
		got, err := c.Deadline(mustTime(t, start), 1)
		require.NoError(t, err)
		return got
	}
	// One week apart in local time, but the week holds the 23-hour day:
	// 05:00Z (EST) then 04:00Z (EDT).
	before, after := deadline("2026-02-27T12:00:00-05:00"), deadline("2026-03-06T12:00:00-05:00")
	require.Equal(t, "2026-03-03T05:00:00Z", before.UTC().Format(time.RFC3339))
	require.Equal(t, "2026-03-10T04:00:00Z", after.UTC().Format(time.RFC3339))
	require.Equal(t, 7*24*time.Hour-time.Hour, after.Sub(before))

	// The week holding the 25-hour day: 04:00Z (EDT) then 05:00Z (EST).
	before, after = deadline("2026-10-23T12:00:00-04:00"), deadline("2026-10-30T12:00:00-04:00")
	require.Equal(t, "2026-10-27T04:00:00Z", before.UTC().Format(time.RFC3339))
	require.Equal(t, "2026-11-03T05:00:00Z", after.UTC().Format(time.RFC3339))
	require.Equal(t, 7*24*time.Hour+time.Hour, after.Sub(before))
}

func TestDeadlineErrors(t *testing.T) {
	t.Parallel()
	c := torontoCalendar(t)
	start := mustTime(t, "2026-03-06T18:00:00-05:00")
	tests := []struct {
		name  string
		start time.Time
		n     int
	}{
		{"error/zero days", start, 0},
		{"error/negative days", start, -1},
		{"error/more than MaxWorkingDays", start, workday.MaxWorkingDays + 1},
		{"error/result after year 9999", mustTime(t, "9999-12-31T12:00:00-05:00"), 1},
		{"error/start before year 1", time.Time{}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := c.Deadline(tt.start, tt.n)
			require.ErrorIs(t, err, workday.ErrOutOfRange)
			_, err = c.CalendarDayDeadline(tt.start, tt.n)
			require.ErrorIs(t, err, workday.ErrOutOfRange)
		})
	}
}

func TestDeadlineLongestWindow(t *testing.T) {
	t.Parallel()
	// Weekends only: MaxWorkingDays = 3660 = 732 whole weeks, so from a
	// Friday the last working day is the Friday 732 weeks later.
	c, err := workday.New(time.UTC, nil)
	require.NoError(t, err)
	got, err := c.Deadline(mustTime(t, "2026-03-06T12:00:00Z"), workday.MaxWorkingDays)
	require.NoError(t, err)
	want := time.Date(2026, time.March, 6+732*7+1, 0, 0, 0, 0, time.UTC)
	require.True(t, got.Equal(want), "got %s, want %s", got, want)
}

func TestCalendarDayDeadline(t *testing.T) {
	t.Parallel()
	c := torontoCalendar(t)
	tests := []struct {
		name  string
		start string
		n     int
		want  string
	}{
		// Sat 7, Sun 8 (23 hours), Mon 9, Tue 10, Wed 11 all count.
		{"ok/five days across a weekend and spring forward", "2026-03-06T18:00:00-05:00", 5, "2026-03-12T00:00:00-04:00"},
		// Fri 25, Sat 26, Sun 27, Mon 28, Tue 29: holidays count too.
		{"ok/five days over christmas", "2026-12-24T09:00:00-05:00", 5, "2026-12-30T00:00:00-05:00"},
		{"ok/one day from local midnight", "2026-11-01T00:00:00-04:00", 1, "2026-11-03T00:00:00-05:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := c.CalendarDayDeadline(mustTime(t, tt.start), tt.n)
			require.NoError(t, err)
			require.Equal(t, tt.want, got.Format(time.RFC3339))
		})
	}
}

func TestAddWorkingDays(t *testing.T) {
	t.Parallel()
	c := torontoCalendar(t)
	tests := []struct {
		name string
		from string
		n    int
		want string
	}{
		{"ok/next day", "2026-03-09", 1, "2026-03-10"},
		{"ok/friday to monday", "2026-03-06", 1, "2026-03-09"},
		{"ok/over christmas and new year", "2026-12-24", 5, "2027-01-05"},
		// 2027: Christmas (Sat) observed Mon 27, Boxing Day (Sun) Tue 28.
		{"ok/over christmas 2027", "2027-12-24", 1, "2027-12-29"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := c.AddWorkingDays(mustDate(t, tt.from), tt.n)
			require.NoError(t, err)
			require.Equal(t, tt.want, got.String())
		})
	}

	t.Run("error/invalid date", func(t *testing.T) {
		t.Parallel()
		_, err := c.AddWorkingDays(workday.Date{Year: 2026, Month: time.February, Day: 30}, 1)
		require.ErrorIs(t, err, workday.ErrOutOfRange)
	})
}

func TestWorkingDaysBetween(t *testing.T) {
	t.Parallel()
	c := torontoCalendar(t)
	tests := []struct {
		name     string
		from, to string
		want     int
	}{
		{"ok/exactly at a one-day deadline", "2026-03-06T18:00:00-05:00", "2026-03-10T00:00:00-04:00", 1},
		{"ok/just before a one-day deadline", "2026-03-06T18:00:00-05:00", "2026-03-09T23:59:59.999999999-04:00", 0},
		{"ok/same day", "2026-03-09T08:00:00-04:00", "2026-03-09T20:00:00-04:00", 0},
		{"ok/to before from", "2026-03-10T00:00:00-04:00", "2026-03-06T18:00:00-05:00", 0},
		// Dec 15-18 (4), 21-24 (8), 29 30 31 (11), Jan 4 5 (13).
		{"ok/over the holidays", "2026-12-14T10:00:00-05:00", "2027-01-06T00:00:00-05:00", 13},
		// 2026 has 261 weekdays (52 weeks and a Thursday); all 11 holidays are weekdays.
		{"ok/the whole of 2026", "2025-12-31T12:00:00-05:00", "2027-01-01T00:00:00-05:00", 250},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tt.want, c.WorkingDaysBetween(mustTime(t, tt.from), mustTime(t, tt.to)))
		})
	}

	t.Run("ok/extreme instants are clamped, not looped over", func(t *testing.T) {
		t.Parallel()
		far := time.Date(1<<30, time.January, 1, 0, 0, 0, 0, time.UTC)
		got := c.WorkingDaysBetween(time.Time{}, far)
		// Years 1 to 9999 hold 3652059 days; about 5/7 of them are weekdays.
		require.InDelta(t, 3652059*5/7, got, 30)
	})
}

func TestIsWorkingDay(t *testing.T) {
	t.Parallel()
	c := torontoCalendar(t)
	tests := []struct {
		date string
		want bool
	}{
		{"2026-03-06", true},  // Friday
		{"2026-03-07", false}, // Saturday
		{"2026-03-08", false}, // Sunday
		{"2026-03-09", true},  // Monday
		{"2026-04-03", false}, // Good Friday
		{"2026-04-06", true},  // Easter Monday: not an Ontario holiday
		{"2026-11-11", true},  // Remembrance Day: not an Ontario holiday
		{"2026-12-25", false}, // Christmas, Friday
		{"2026-12-26", false}, // Boxing Day, Saturday
		{"2026-12-28", false}, // Boxing Day observed
		{"2026-12-29", true},
		{"2028-12-25", true}, // no holidays listed for 2028: only weekends are closed
	}
	for _, tt := range tests {
		t.Run(tt.date, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tt.want, c.IsWorkingDay(mustDate(t, tt.date)))
		})
	}
}

// StartOfDay in zones whose clocks change at midnight; the expected instants
// are read from zdump -v for 2026.
func TestStartOfDayWhereMidnightMoves(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, zone, date, want string
	}{
		{"ok/toronto spring forward at 02:00", "America/Toronto", "2026-03-08", "2026-03-08T05:00:00Z"},
		{"ok/toronto fall back at 02:00", "America/Toronto", "2026-11-01", "2026-11-01T04:00:00Z"},
		// 00:00 CST → 01:00 CDT: midnight never happens, the day starts at 01:00 CDT.
		{"ok/havana midnight skipped", "America/Havana", "2026-03-08", "2026-03-08T05:00:00Z"},
		// 01:00 CDT → 00:00 CST: midnight happens twice, the day starts at the first.
		{"ok/havana midnight twice", "America/Havana", "2026-11-01", "2026-11-01T04:00:00Z"},
		// East of Greenwich time.Date resolves a repeated midnight differently:
		// 00:59:59 EEST → 00:00 EET, so the day starts at 00:00 EEST.
		{"ok/amman midnight twice", "Asia/Amman", "2021-10-29", "2021-10-28T21:00:00Z"},
		{"ok/amman midnight skipped", "Asia/Amman", "2021-03-26", "2021-03-25T22:00:00Z"},
		// Sat 24:00 -03 → Sat 23:00 -04: the repeated hour is Saturday's; Sunday starts at 00:00 -04.
		{"ok/santiago fall back at midnight", "America/Santiago", "2026-04-05", "2026-04-05T04:00:00Z"},
		// Sat 24:00 -04 → Sun 01:00 -03.
		{"ok/santiago midnight skipped", "America/Santiago", "2026-09-06", "2026-09-06T04:00:00Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, err := workday.New(loadLocation(t, tt.zone), nil)
			require.NoError(t, err)
			d := mustDate(t, tt.date)
			start := c.StartOfDay(d)
			require.Equal(t, tt.want, start.UTC().Format(time.RFC3339))
			require.Equal(t, d, c.DateOf(start))
			require.Equal(t, d.AddDays(-1), c.DateOf(start.Add(-time.Nanosecond)))
			require.True(t, c.EndOfDay(d.AddDays(-1)).Equal(start))
		})
	}
}

// On 18 October 1867 (Alaska's purchase) Sitka's clocks went from Saturday
// 19 October 15:29:59 back to Friday 18 October 15:30:00 (zdump -v). Days
// must still follow each other: the repeated Friday afternoon belongs to
// Saturday, which had already begun, and Saturday lasts 48 hours.
func TestDateOfWhereTheClockWentBackADay(t *testing.T) {
	t.Parallel()
	c, err := workday.New(loadLocation(t, "America/Sitka"), nil)
	require.NoError(t, err)
	saturday := mustDate(t, "1867-10-19")
	jump := mustTime(t, "1867-10-19T00:31:13Z")

	require.Equal(t, "1867-10-18", jump.In(c.Location()).Format(time.DateOnly), "the wall clock reads Friday")
	require.Equal(t, saturday, c.DateOf(jump))
	require.Equal(t, saturday, c.DateOf(jump.Add(-time.Second)))
	require.Equal(t, "1867-10-18T09:01:13Z", c.StartOfDay(saturday).UTC().Format(time.RFC3339))
	require.Equal(t, "1867-10-20T09:01:13Z", c.EndOfDay(saturday).UTC().Format(time.RFC3339))
}

func TestNew(t *testing.T) {
	t.Parallel()
	toronto := loadLocation(t, "America/Toronto")

	t.Run("ok/sorts and keeps the first name of a repeated date", func(t *testing.T) {
		t.Parallel()
		c, err := workday.New(toronto, []workday.Holiday{
			{Date: mustDate(t, "2026-12-25"), Name: "Christmas Day"},
			{Date: mustDate(t, "2026-07-01"), Name: "Canada Day"},
			{Date: mustDate(t, "2026-12-25"), Name: "Winter closure"},
		})
		require.NoError(t, err)
		require.Equal(t, []workday.Holiday{
			{Date: mustDate(t, "2026-07-01"), Name: "Canada Day"},
			{Date: mustDate(t, "2026-12-25"), Name: "Christmas Day"},
		}, c.Holidays())
		h, ok := c.Holiday(mustDate(t, "2026-12-25"))
		require.True(t, ok)
		require.Equal(t, "Christmas Day", h.Name)
		_, ok = c.Holiday(mustDate(t, "2026-12-24"))
		require.False(t, ok)
	})

	t.Run("ok/holidays returns a copy", func(t *testing.T) {
		t.Parallel()
		c := torontoCalendar(t)
		c.Holidays()[0].Date = mustDate(t, "2026-03-09")
		require.True(t, c.IsWorkingDay(mustDate(t, "2026-03-09")))
		require.False(t, c.IsWorkingDay(mustDate(t, "2026-01-01")))
	})

	tooMany := make([]workday.Holiday, workday.MaxHolidays+1)
	for i := range tooMany {
		tooMany[i] = workday.Holiday{Date: mustDate(t, "2026-01-01").AddDays(i), Name: "closed"}
	}
	errorTests := []struct {
		name     string
		loc      *time.Location
		holidays []workday.Holiday
		wantErr  string
	}{
		{"error/no time zone", nil, nil, "no time zone"},
		{"error/time.Local", time.Local, nil, "time.Local"},
		{"error/invalid holiday date", toronto, []workday.Holiday{{Date: workday.Date{Year: 2026, Month: time.February, Day: 30}, Name: "x"}}, "invalid date"},
		{"error/zero holiday date", toronto, []workday.Holiday{{Name: "x"}}, "invalid date"},
		{"error/too many holidays", toronto, tooMany, "more than 10000"},
	}
	for _, tt := range errorTests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := workday.New(tt.loc, tt.holidays)
			require.ErrorContains(t, err, tt.wantErr)
		})
	}
}

func TestOverdue(t *testing.T) {
	t.Parallel()
	deadline := mustTime(t, "2026-03-10T00:00:00-04:00")
	tests := []struct {
		name string
		now  time.Time
		want bool
	}{
		{"ok/before", deadline.Add(-time.Nanosecond), false},
		{"ok/at the deadline", deadline, true},
		{"ok/at the deadline in another zone", deadline.UTC(), true},
		{"ok/after", deadline.Add(time.Hour), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tt.want, workday.Overdue(tt.now, deadline))
		})
	}
}

// Run with -race: a Calendar is shared by all request handlers.
func TestConcurrentUse(t *testing.T) {
	t.Parallel()
	c := torontoCalendar(t)
	start := mustTime(t, "2026-12-14T10:00:00-05:00")
	want := mustTime(t, "2026-12-31T00:00:00-05:00")
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 100 {
				got, err := c.Deadline(start, 10)
				if err != nil || !got.Equal(want) {
					t.Errorf("Deadline = %v, %v; want %v", got, err, want)
					return
				}
				_ = c.Holidays()
			}
		})
	}
	wg.Wait()
}
