package workday_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/stretchr/testify/require"

	"badged/issuer/workday"
)

func TestParseHolidays(t *testing.T) {
	t.Parallel()

	t.Run("ok/testdata list", func(t *testing.T) {
		t.Parallel()
		holidays := ontarioHolidays(t)
		require.Len(t, holidays, 22)
		require.Equal(t, workday.Holiday{Date: workday.Date{Year: 2026, Month: time.January, Day: 1}, Name: "New Year's Day"}, holidays[0])
		require.Equal(t, workday.Holiday{Date: workday.Date{Year: 2027, Month: time.December, Day: 28}, Name: "Boxing Day (observed)"}, holidays[21])
	})

	tests := []struct {
		name  string
		input string
		want  []workday.Holiday
	}{
		{"ok/empty", "", nil},
		{"ok/only comments and blanks", "# nothing yet\n\n   \n\t# indented comment\n", nil},
		{
			"ok/byte order mark, CRLF, tabs and spaces",
			"\uFEFF2026-12-25\tChristmas Day\r\n  2026-12-28   Boxing Day (observed)  \r\n",
			[]workday.Holiday{
				{Date: workday.Date{Year: 2026, Month: time.December, Day: 25}, Name: "Christmas Day"},
				{Date: workday.Date{Year: 2026, Month: time.December, Day: 28}, Name: "Boxing Day (observed)"},
			},
		},
		{
			"ok/list order kept, # inside a name, no final newline",
			"2027-01-01 Jour de l'An\n2026-12-31 Closure #2",
			[]workday.Holiday{
				{Date: workday.Date{Year: 2027, Month: time.January, Day: 1}, Name: "Jour de l'An"},
				{Date: workday.Date{Year: 2026, Month: time.December, Day: 31}, Name: "Closure #2"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := workday.ParseHolidays(strings.NewReader(tt.input))
			require.NoError(t, err)
			require.Equal(t, tt.want, got)
		})
	}
}

func TestParseHolidaysErrors(t *testing.T) {
	t.Parallel()
	var tooMany strings.Builder
	first := workday.Date{Year: 2026, Month: time.January, Day: 1}
	for i := range workday.MaxHolidays + 1 {
		tooMany.WriteString(first.AddDays(i).String() + " closed\n")
	}

	tests := []struct {
		name     string
		input    string
		wantLine int
		wantErr  string
	}{
		{"error/day first", "2026-12-25 Christmas Day\n26-12-2026 Boxing Day\n", 2, `"26-12-2026" is not YYYY-MM-DD`},
		{"error/single digit month", "2026-1-01 New Year's Day\n", 1, "is not YYYY-MM-DD"},
		{"error/date does not exist", "# leap years only\n2026-02-29 Leap Day\n", 2, `"2026-02-29" does not exist`},
		{"error/no name", "2026-12-25\n", 1, "2026-12-25: no holiday name"},
		{"error/blank name", "2026-12-25 \t \n", 1, "no holiday name"},
		{"error/duplicate date", "2026-12-25 Christmas Day\n\n2026-12-25 Winter closure\n", 3, "2026-12-25 is already listed on line 1"},
		{"error/not utf-8", "2026-12-25 No\xffl\n", 1, "not valid UTF-8"},
		{"error/control character", "2026-12-25 Christ\x00mas\n", 1, "control character U+0000"},
		{"error/line too long", "2026-12-25 Christmas Day\n2026-12-26 " + strings.Repeat("x", workday.MaxHolidayLineLength) + "\n", 2, "longer than 1024 bytes"},
		{"error/too many holidays", tooMany.String(), workday.MaxHolidays + 1, "more than 10000 holidays"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := workday.ParseHolidays(strings.NewReader(tt.input))
			require.ErrorIs(t, err, workday.ErrMalformed)
			var perr *workday.ParseError
			require.ErrorAs(t, err, &perr)
			require.Equal(t, tt.wantLine, perr.Line)
			require.ErrorContains(t, err, tt.wantErr)
			require.True(t, strings.HasPrefix(err.Error(), "holiday list line "), err.Error())
		})
	}

	t.Run("error/list too large", func(t *testing.T) {
		t.Parallel()
		big := strings.Repeat("# "+strings.Repeat("x", 97)+"\n", workday.MaxHolidayListSize/100+1)
		_, err := workday.ParseHolidays(strings.NewReader(big))
		require.ErrorIs(t, err, workday.ErrMalformed)
		require.ErrorContains(t, err, "larger than 1048576 bytes")
	})

	t.Run("error/reader fails", func(t *testing.T) {
		t.Parallel()
		cause := errors.New("disk on fire")
		_, err := workday.ParseHolidays(iotest.ErrReader(cause))
		require.ErrorIs(t, err, cause)
		require.NotErrorIs(t, err, workday.ErrMalformed)
	})
}

func TestWriteHolidays(t *testing.T) {
	t.Parallel()

	t.Run("ok/round trip", func(t *testing.T) {
		t.Parallel()
		want, err := workday.DefaultHolidays(workday.Ontario, 2026, 2030)
		require.NoError(t, err)
		var buf bytes.Buffer
		require.NoError(t, workday.WriteHolidays(&buf, want))
		got, err := workday.ParseHolidays(&buf)
		require.NoError(t, err)
		require.Equal(t, want, got)
	})

	t.Run("ok/format", func(t *testing.T) {
		t.Parallel()
		var buf bytes.Buffer
		require.NoError(t, workday.WriteHolidays(&buf, []workday.Holiday{
			{Date: workday.Date{Year: 2026, Month: time.July, Day: 1}, Name: "Canada Day"},
		}))
		require.Equal(t, "2026-07-01 Canada Day\n", buf.String())
	})

	tests := []struct {
		name    string
		holiday workday.Holiday
		wantErr string
	}{
		{"error/invalid date", workday.Holiday{Date: workday.Date{Year: 2026, Month: time.April, Day: 31}, Name: "x"}, "invalid date"},
		{"error/empty name", workday.Holiday{Date: workday.Date{Year: 2026, Month: time.July, Day: 1}}, "no holiday name"},
		{"error/name spans lines", workday.Holiday{Date: workday.Date{Year: 2026, Month: time.July, Day: 1}, Name: "Canada\nDay"}, "control character U+000A"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := workday.WriteHolidays(&bytes.Buffer{}, []workday.Holiday{tt.holiday})
			require.ErrorContains(t, err, tt.wantErr)
		})
	}
}
