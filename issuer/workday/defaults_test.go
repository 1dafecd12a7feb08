package workday_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"badged/issuer/workday"
)

func TestDefaultHolidaysOntarioMatchesHandWrittenList(t *testing.T) {
	t.Parallel()
	got, err := workday.DefaultHolidays(workday.Ontario, 2026, 2027)
	require.NoError(t, err)
	require.Equal(t, ontarioHolidays(t), got)
}

func TestDefaultHolidaysBritishColumbia2026(t *testing.T) {
	t.Parallel()
	got, err := workday.DefaultHolidays(workday.BritishColumbia, 2026, 2026)
	require.NoError(t, err)
	want := []workday.Holiday{
		{Date: mustDate(t, "2026-01-01"), Name: "New Year's Day"},
		{Date: mustDate(t, "2026-02-16"), Name: "Family Day"},
		{Date: mustDate(t, "2026-04-03"), Name: "Good Friday"},
		{Date: mustDate(t, "2026-05-18"), Name: "Victoria Day"},
		{Date: mustDate(t, "2026-07-01"), Name: "Canada Day"},
		{Date: mustDate(t, "2026-08-03"), Name: "British Columbia Day"},
		{Date: mustDate(t, "2026-09-07"), Name: "Labour Day"},
		{Date: mustDate(t, "2026-09-30"), Name: "National Day for Truth and Reconciliation"},
		{Date: mustDate(t, "2026-10-12"), Name: "Thanksgiving Day"},
		{Date: mustDate(t, "2026-11-11"), Name: "Remembrance Day"},
		{Date: mustDate(t, "2026-12-25"), Name: "Christmas Day"},
	}
	require.Equal(t, want, got)
}

// Weekend observance, worked out from the weekday of each date.
func TestDefaultHolidaysObservance(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		region workday.Region
		year   int
		want   []workday.Holiday // must all be in the year's list
	}{
		{"ok/christmas on sunday, boxing day on monday (2033)", workday.Ontario, 2033, []workday.Holiday{
			{Date: mustDate(t, "2033-12-26"), Name: "Christmas Day (observed)"},
			{Date: mustDate(t, "2033-12-27"), Name: "Boxing Day (observed)"},
		}},
		{"ok/new year's day on saturday (2028)", workday.Ontario, 2028, []workday.Holiday{
			{Date: mustDate(t, "2028-01-03"), Name: "New Year's Day (observed)"},
		}},
		{"ok/new year's day on sunday (2034)", workday.Ontario, 2034, []workday.Holiday{
			{Date: mustDate(t, "2034-01-02"), Name: "New Year's Day (observed)"},
		}},
		{"ok/canada day on saturday (2028)", workday.Ontario, 2028, []workday.Holiday{
			{Date: mustDate(t, "2028-07-03"), Name: "Canada Day (observed)"},
		}},
		{"ok/canada day on sunday (2029)", workday.Ontario, 2029, []workday.Holiday{
			{Date: mustDate(t, "2029-07-02"), Name: "Canada Day (observed)"},
		}},
		{"ok/truth and reconciliation on saturday (2028)", workday.Ontario, 2028, []workday.Holiday{
			{Date: mustDate(t, "2028-10-02"), Name: "National Day for Truth and Reconciliation (observed)"},
		}},
		{"ok/remembrance day on saturday (2028)", workday.BritishColumbia, 2028, []workday.Holiday{
			{Date: mustDate(t, "2028-11-13"), Name: "Remembrance Day (observed)"},
		}},
		// 25 May 2027 is a Tuesday.
		{"ok/victoria day on 24 may (2027)", workday.Ontario, 2027, []workday.Holiday{
			{Date: mustDate(t, "2027-05-24"), Name: "Victoria Day"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := workday.DefaultHolidays(tt.region, tt.year, tt.year)
			require.NoError(t, err)
			require.Subset(t, got, tt.want)
		})
	}
}

// Every year of every region has its eleven holidays on distinct weekdays,
// in date order, within the year.
func TestDefaultHolidaysShape(t *testing.T) {
	t.Parallel()
	for _, region := range []workday.Region{workday.Ontario, workday.BritishColumbia} {
		t.Run(string(region), func(t *testing.T) {
			t.Parallel()
			holidays, err := workday.DefaultHolidays(region, workday.MinDefaultYear, workday.MaxDefaultYear)
			require.NoError(t, err)
			require.Len(t, holidays, 11*(workday.MaxDefaultYear-workday.MinDefaultYear+1))
			perYear := map[int]int{}
			for i, h := range holidays {
				wd := h.Date.Weekday()
				require.NotContains(t, []time.Weekday{time.Saturday, time.Sunday}, wd, h)
				if i > 0 {
					require.True(t, holidays[i-1].Date.Before(h.Date), "%v then %v", holidays[i-1], h)
				}
				perYear[h.Date.Year]++
			}
			for year, n := range perYear {
				require.Equal(t, 11, n, year)
			}
			_, err = workday.New(time.UTC, holidays)
			require.NoError(t, err)
		})
	}
}

func TestDefaultHolidaysErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		region      workday.Region
		first, last int
		wantErr     string
	}{
		{"error/unknown region", "CA-QC", 2026, 2026, `unknown region "CA-QC"`},
		{"error/empty region", "", 2026, 2026, "unknown region"},
		{"error/before the rules", workday.Ontario, 2022, 2026, "years 2022 to 2026, want 2023 to 2100"},
		{"error/too far ahead", workday.Ontario, 2026, 2101, "want 2023 to 2100"},
		{"error/reversed range", workday.BritishColumbia, 2027, 2026, "years 2027 to 2026"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := workday.DefaultHolidays(tt.region, tt.first, tt.last)
			require.ErrorContains(t, err, tt.wantErr)
		})
	}
}
