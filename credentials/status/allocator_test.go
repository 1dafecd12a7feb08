package status_test

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"badged/credentials/status"
)

func TestAllocatorHandsOutEveryFreePositionOnce(t *testing.T) {
	t.Parallel()
	// All but five positions are taken by earlier credentials.
	free := []int{0, 63, 64, 70000, status.MinListEntries - 1}
	var used []int
	for i := range status.MinListEntries {
		if !contains(free, i) {
			used = append(used, i)
		}
	}
	a, err := status.NewAllocator(status.MinListEntries, used...)
	require.NoError(t, err)
	require.Equal(t, len(free), a.Free())
	var got []int
	for range free {
		i, err := a.Allocate()
		require.NoError(t, err)
		got = append(got, i)
	}
	require.ElementsMatch(t, free, got)
	_, err = a.Allocate()
	require.ErrorIs(t, err, status.ErrListFull)
}

func TestAllocatorIsRandom(t *testing.T) {
	t.Parallel()
	a, err := status.NewAllocator(status.MinListEntries)
	require.NoError(t, err)
	const n = 5000
	seen := map[int]bool{}
	sum, adjacent := 0, 0
	prev := -1
	for range n {
		i, err := a.Allocate()
		require.NoError(t, err)
		require.False(t, seen[i], "position %d handed out twice", i)
		seen[i] = true
		sum += i
		if i == prev+1 {
			adjacent++
		}
		prev = i
	}
	require.Equal(t, status.MinListEntries-n, a.Free())
	// A sequential allocator would give 4,999 adjacent pairs; a uniform one
	// about 5000/131072. The mean of uniform draws is within 5 standard
	// deviations (5 × 535) of 65,536 all but once in millions of runs.
	require.Less(t, adjacent, 10)
	mean := sum / n
	require.InDelta(t, status.MinListEntries/2, mean, 5*535)
}

func TestAllocatorConcurrent(t *testing.T) {
	t.Parallel()
	a, err := status.NewAllocator(status.MinListEntries)
	require.NoError(t, err)
	results := make([][]int, 8)
	var wg sync.WaitGroup
	for g := range results {
		wg.Go(func() {
			for range 500 {
				i, err := a.Allocate()
				if err != nil {
					return
				}
				results[g] = append(results[g], i)
			}
		})
	}
	wg.Wait()
	seen := map[int]bool{}
	for _, r := range results {
		require.Len(t, r, 500)
		for _, i := range r {
			require.False(t, seen[i])
			seen[i] = true
		}
	}
}

func TestNewAllocatorErrors(t *testing.T) {
	t.Parallel()
	_, err := status.NewAllocator(1000)
	require.ErrorIs(t, err, status.ErrListLength, "a list smaller than the minimum would not hide its members")
	_, err = status.NewAllocator(status.MinListEntries, status.MinListEntries)
	require.ErrorIs(t, err, status.ErrRange)
	a, err := status.NewAllocator(status.MinListEntries, 5, 5)
	require.NoError(t, err)
	require.Equal(t, status.MinListEntries-1, a.Free(), "marking twice counts once")
}

func contains(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
