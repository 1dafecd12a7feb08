package workday_test

import (
	"os"
	"testing"
	"time"
	// The tests name zones such as America/Toronto and must not depend on the
	// machine's zoneinfo.
	_ "time/tzdata"

	"github.com/stretchr/testify/require"

	"badged/issuer/workday"
)

func loadLocation(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	require.NoError(t, err)
	return loc
}

// ontarioHolidays is the hand-written list in testdata.
func ontarioHolidays(t testing.TB) []workday.Holiday {
	t.Helper()
	f, err := os.Open("testdata/ontario-2026-2027.txt")
	require.NoError(t, err)
	defer f.Close()
	holidays, err := workday.ParseHolidays(f)
	require.NoError(t, err)
	return holidays
}

// torontoCalendar is America/Toronto with the hand-written Ontario
// holidays of 2026 and 2027.
func torontoCalendar(t testing.TB) *workday.Calendar {
	t.Helper()
	c, err := workday.New(loadLocation(t, "America/Toronto"), ontarioHolidays(t))
	require.NoError(t, err)
	return c
}

func mustTime(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339Nano, s)
	require.NoError(t, err)
	return v
}

func mustDate(t testing.TB, s string) workday.Date {
	t.Helper()
	d, err := workday.ParseDate(s)
	require.NoError(t, err)
	return d
}
