package workday_test

import (
	"bytes"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"badged/issuer/workday"
)

// Any accepted list builds a calendar and survives WriteHolidays unchanged.
func FuzzParseHolidays(f *testing.F) {
	seed, err := os.ReadFile("testdata/ontario-2026-2027.txt")
	require.NoError(f, err)
	f.Add(seed)
	f.Add([]byte("\uFEFF2026-12-25\tChristmas\r\n"))
	f.Add([]byte("2026-12-25\n"))
	f.Add([]byte("2026-02-30 x\n2026-12-25 y\n2026-12-25 z"))
	f.Add([]byte("# only a comment"))
	f.Fuzz(func(t *testing.T, data []byte) {
		holidays, err := workday.ParseHolidays(bytes.NewReader(data))
		if err != nil {
			return
		}
		_, err = workday.New(time.UTC, holidays)
		require.NoError(t, err)
		var buf bytes.Buffer
		require.NoError(t, workday.WriteHolidays(&buf, holidays))
		again, err := workday.ParseHolidays(&buf)
		require.NoError(t, err)
		require.Equal(t, holidays, again)
	})
}

// Any accepted date prints back as the same text.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2026-12-25", "0001-01-01", "9999-12-31", "2100-02-29", "2026-1-1", "２０２６-12-25"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := workday.ParseDate(s)
		if err != nil {
			return
		}
		require.True(t, d.IsValid())
		require.Equal(t, s, d.String())
	})
}
