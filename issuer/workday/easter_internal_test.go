package workday

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// Known dates of Western Easter, including the earliest (22 March) and the
// latest (25 April) possible; cross-checked with python-dateutil's easter().
func TestEasterSunday(t *testing.T) {
	t.Parallel()
	tests := []struct {
		year int
		want string
	}{
		{1818, "1818-03-22"},
		{1943, "1943-04-25"},
		{2000, "2000-04-23"},
		{2008, "2008-03-23"},
		{2011, "2011-04-24"},
		{2019, "2019-04-21"},
		{2024, "2024-03-31"},
		{2025, "2025-04-20"},
		{2026, "2026-04-05"},
		{2027, "2027-03-28"},
		{2038, "2038-04-25"},
		{2285, "2285-03-22"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tt.want, easterSunday(tt.year).String())
		})
	}
}
