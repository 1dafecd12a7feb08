package status

import (
	"crypto/rand"
	"errors"
	"fmt"
	"math/big"
	"math/bits"
	"sync"
)

// ErrListFull reports that every position of a list has been handed out.
var ErrListFull = errors.New("status list has no unused position")

// Allocator hands out the positions of one status list. Each position is
// chosen uniformly at random (crypto/rand) among those not yet used, and
// never handed out twice: sequential positions would tell a verifier the
// order of issue and which badges were issued together (Bitstring Status
// List §"Privacy Considerations").
//
// The allocator holds only which positions are taken; the issuer stores
// each credential's position and rebuilds the allocator from them
// (NewAllocator's used) when it starts. It is safe for concurrent use.
type Allocator struct {
	mu   sync.Mutex
	used []uint64 // bit i%64 of used[i/64] is set when position i is taken
	size int
	free int
}

// NewAllocator returns an allocator for a list of size positions (at least
// MinListEntries, at most what MaxListBytes holds) in which the positions
// in used are already taken.
func NewAllocator(size int, used ...int) (*Allocator, error) {
	if size < MinListEntries || size > MaxListBytes*8 {
		return nil, fmt.Errorf("new allocator: %w: %d positions, want %d to %d", ErrListLength, size, MinListEntries, MaxListBytes*8)
	}
	a := &Allocator{used: make([]uint64, (size+63)/64), size: size, free: size}
	for _, i := range used {
		if err := a.MarkUsed(i); err != nil {
			return nil, fmt.Errorf("new allocator: %w", err)
		}
	}
	return a, nil
}

// Size returns the number of positions of the list.
func (a *Allocator) Size() int { return a.size }

// Free returns the number of positions not yet handed out.
func (a *Allocator) Free() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.free
}

// MarkUsed records that position i is taken (by a credential issued
// before). Marking a taken position again is not an error.
func (a *Allocator) MarkUsed(i int) error {
	if i < 0 || i >= a.size {
		return fmt.Errorf("mark used: %w: %d of %d", ErrRange, i, a.size)
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	w, bit := i/64, uint64(1)<<(i%64)
	if a.used[w]&bit == 0 {
		a.used[w] |= bit
		a.free--
	}
	return nil
}

// Allocate returns an unused position, chosen uniformly at random, and
// marks it used. It returns ErrListFull when none is left; the issuer then
// starts a new list.
func (a *Allocator) Allocate() (int, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.free == 0 {
		return 0, ErrListFull
	}
	r, err := rand.Int(rand.Reader, big.NewInt(int64(a.free)))
	if err != nil {
		return 0, fmt.Errorf("allocate: %w", err)
	}
	i := a.nthFree(int(r.Int64()))
	if i < 0 {
		return 0, errors.New("allocate: free count out of step with the bitmap") // cannot happen
	}
	a.used[i/64] |= uint64(1) << (i % 64)
	a.free--
	return i, nil
}

// nthFree returns the position of the n-th (from 0) unused position, or -1
// if there are not that many. It counts whole words at a time, so a list of
// 131,072 positions takes 2,048 steps at most.
func (a *Allocator) nthFree(n int) int {
	for w, word := range a.used {
		free := ^word
		if last := a.size - w*64; last < 64 { // positions past the end are not free
			free &= (uint64(1) << last) - 1
		}
		c := bits.OnesCount64(free)
		if n >= c {
			n -= c
			continue
		}
		for ; n > 0; n-- {
			free &= free - 1 // clear the lowest free bit
		}
		return w*64 + bits.TrailingZeros64(free)
	}
	return -1
}
