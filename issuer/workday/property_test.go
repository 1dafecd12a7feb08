package workday_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"badged/issuer/workday"
)

// For random starts and window lengths, in zones with and without DST and
// in zones whose clocks change at midnight, a deadline is a day boundary
// after start with exactly n working days in between, counted day by day
// with IsWorkingDay.
func TestDeadlineProperties(t *testing.T) {
	t.Parallel()
	holidays, err := workday.DefaultHolidays(workday.Ontario, 2024, 2030)
	require.NoError(t, err)

	zones := []struct {
		name string
		// midnightAlways: local midnight exists every day of 2024-2030,
		// so every deadline reads exactly 00:00:00.
		midnightAlways bool
	}{
		{"America/Toronto", true},
		{"America/Vancouver", true},
		{"UTC", true},
		{"Asia/Kathmandu", true},      // +05:45
		{"Australia/Lord_Howe", true}, // 30-minute DST
		{"America/Havana", false},     // DST changes at midnight
		{"America/Santiago", false},   // DST changes at midnight
	}
	for _, zone := range zones {
		t.Run(zone.name, func(t *testing.T) {
			t.Parallel()
			loc := loadLocation(t, zone.name)
			c, err := workday.New(loc, holidays)
			require.NoError(t, err)
			rng := rand.New(rand.NewPCG(1, uint64(len(zone.name))))
			lo := time.Date(2024, time.January, 1, 0, 0, 0, 0, time.UTC).Unix()
			hi := time.Date(2029, time.June, 30, 0, 0, 0, 0, time.UTC).Unix()

			for range 1000 {
				start := time.Unix(lo+rng.Int64N(hi-lo), rng.Int64N(1e9))
				if rng.IntN(4) == 0 {
					// Exactly at a day boundary, the likeliest edge.
					start = c.StartOfDay(c.DateOf(start))
				}
				n := 1 + rng.IntN(30)
				deadline, err := c.Deadline(start, n)
				require.NoError(t, err)

				require.True(t, deadline.After(start), "start %s n %d deadline %s", start, n, deadline)
				require.Equal(t, loc, deadline.Location())
				last := c.DateOf(deadline).AddDays(-1)
				require.True(t, deadline.Equal(c.EndOfDay(last)), "deadline %s is not a day boundary", deadline)
				if zone.midnightAlways {
					require.Equal(t, "00:00:00.000000000", deadline.Format("15:04:05.000000000"), "deadline %s", deadline)
				} else {
					require.LessOrEqual(t, deadline.Hour(), 1, "deadline %s", deadline)
				}

				// Brute force: count working days after the start day up to the last day.
				require.True(t, c.IsWorkingDay(last), "last day %s", last)
				count := 0
				for d := c.DateOf(start).AddDays(1); !d.After(last); d = d.AddDays(1) {
					if c.IsWorkingDay(d) {
						count++
					}
				}
				require.Equal(t, n, count, "start %s deadline %s", start, deadline)

				require.Equal(t, n, c.WorkingDaysBetween(start, deadline))
				require.Equal(t, n-1, c.WorkingDaysBetween(start, deadline.Add(-time.Nanosecond)))
				require.True(t, workday.Overdue(deadline, deadline))
				require.False(t, workday.Overdue(deadline.Add(-time.Nanosecond), deadline))

				// The day of start contains start.
				day := c.DateOf(start)
				require.False(t, start.Before(c.StartOfDay(day)), "start %s day %s", start, day)
				require.True(t, start.Before(c.EndOfDay(day)), "start %s day %s", start, day)
			}
		})
	}
}

// WorkingDaysBetween counts in constant time; check it against a day-by-day
// count over random intervals, including reversed ones.
func TestWorkingDaysBetweenMatchesDayByDay(t *testing.T) {
	t.Parallel()
	holidays, err := workday.DefaultHolidays(workday.BritishColumbia, 2024, 2030)
	require.NoError(t, err)
	c, err := workday.New(loadLocation(t, "America/Vancouver"), holidays)
	require.NoError(t, err)
	rng := rand.New(rand.NewPCG(2, 3))
	lo := time.Date(2024, time.January, 1, 0, 0, 0, 0, time.UTC).Unix()
	span := int64(3 * 365 * 24 * 3600)

	for range 500 {
		from := time.Unix(lo+rng.Int64N(span), 0)
		to := from.Add(time.Duration(rng.Int64N(200*24*3600)-10*24*3600) * time.Second)
		want := 0
		if to.After(from) {
			for d := c.DateOf(from).AddDays(1); c.EndOfDay(d).Compare(to) <= 0; d = d.AddDays(1) {
				if c.IsWorkingDay(d) {
					want++
				}
			}
		}
		require.Equal(t, want, c.WorkingDaysBetween(from, to), "from %s to %s", from, to)
	}
}
