package workday_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"badged/issuer/workday"
)

func TestParseDate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		input   string
		want    workday.Date
		wantErr string
	}{
		{name: "ok", input: "2026-12-25", want: workday.Date{Year: 2026, Month: time.December, Day: 25}},
		{name: "ok/leap day", input: "2028-02-29", want: workday.Date{Year: 2028, Month: time.February, Day: 29}},
		{name: "ok/first supported day", input: "0001-01-01", want: workday.Date{Year: 1, Month: time.January, Day: 1}},
		{name: "ok/last supported day", input: "9999-12-31", want: workday.Date{Year: 9999, Month: time.December, Day: 31}},
		{name: "error/empty", input: "", wantErr: "is not YYYY-MM-DD"},
		{name: "error/with time", input: "2026-12-25T00:00:00Z", wantErr: "is not YYYY-MM-DD"},
		{name: "error/slashes", input: "2026/12/25", wantErr: "is not YYYY-MM-DD"},
		{name: "error/sign", input: "+026-12-25", wantErr: "is not YYYY-MM-DD"},
		{name: "error/spaces", input: "2026-12- 5", wantErr: "is not YYYY-MM-DD"},
		{name: "error/month 13", input: "2026-13-01", wantErr: "does not exist"},
		{name: "error/month 0", input: "2026-00-10", wantErr: "does not exist"},
		{name: "error/day 0", input: "2026-01-00", wantErr: "does not exist"},
		{name: "error/31 april", input: "2026-04-31", wantErr: "does not exist"},
		{name: "error/no leap day in 2100", input: "2100-02-29", wantErr: "does not exist"},
		{name: "error/year 0", input: "0000-01-01", wantErr: "does not exist"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := workday.ParseDate(tt.input)
			if tt.wantErr != "" {
				require.ErrorIs(t, err, workday.ErrInvalidDate)
				require.ErrorContains(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.want, got)
			require.Equal(t, tt.input, got.String())
		})
	}
}

func TestDateArithmetic(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		from    string
		days    int
		want    string
		weekday time.Weekday // of want
	}{
		{"ok/next day", "2026-12-31", 1, "2027-01-01", time.Friday},
		{"ok/leap day", "2028-02-28", 1, "2028-02-29", time.Tuesday},
		{"ok/no leap day in 2100", "2100-02-28", 1, "2100-03-01", time.Monday},
		{"ok/backwards", "2026-03-01", -1, "2026-02-28", time.Saturday},
		{"ok/zero", "2026-03-08", 0, "2026-03-08", time.Sunday},
		{"ok/before 1970", "1970-01-01", -1, "1969-12-31", time.Wednesday},
		{"ok/a long way", "2000-01-01", 10000, "2027-05-19", time.Wednesday},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := mustDate(t, tt.from).AddDays(tt.days)
			require.Equal(t, tt.want, got.String())
			require.Equal(t, tt.weekday, got.Weekday())
		})
	}
}

func TestDateCompare(t *testing.T) {
	t.Parallel()
	tests := []struct {
		a, b string
		want int
	}{
		{"2026-12-25", "2026-12-25", 0},
		{"2026-12-25", "2026-12-26", -1},
		{"2026-12-25", "2026-11-30", 1},
		{"2026-12-25", "2027-01-01", -1},
	}
	for _, tt := range tests {
		t.Run(tt.a+" vs "+tt.b, func(t *testing.T) {
			t.Parallel()
			a, b := mustDate(t, tt.a), mustDate(t, tt.b)
			require.Equal(t, tt.want, a.Compare(b))
			require.Equal(t, -tt.want, b.Compare(a))
			require.Equal(t, tt.want < 0, a.Before(b))
			require.Equal(t, tt.want > 0, a.After(b))
		})
	}
}

func TestDateJSON(t *testing.T) {
	t.Parallel()

	t.Run("ok/round trip as a string", func(t *testing.T) {
		t.Parallel()
		type deadline struct {
			Due workday.Date `json:"due"`
		}
		b, err := json.Marshal(deadline{Due: mustDate(t, "2026-03-10")})
		require.NoError(t, err)
		require.JSONEq(t, `{"due":"2026-03-10"}`, string(b))
		var got deadline
		require.NoError(t, json.Unmarshal(b, &got))
		require.Equal(t, mustDate(t, "2026-03-10"), got.Due)
	})

	t.Run("error/invalid date does not marshal", func(t *testing.T) {
		t.Parallel()
		_, err := json.Marshal(workday.Date{})
		require.ErrorIs(t, err, workday.ErrInvalidDate)
	})

	t.Run("error/bad text does not unmarshal", func(t *testing.T) {
		t.Parallel()
		var d workday.Date
		err := json.Unmarshal([]byte(`"2026-02-30"`), &d)
		require.ErrorIs(t, err, workday.ErrInvalidDate)
		require.Equal(t, workday.Date{}, d)
	})
}
