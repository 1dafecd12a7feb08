package audit_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"badged/issuer/audit"
)

func chain(n int) []audit.Event {
	var out []audit.Event
	var seq int64
	hash := ""
	for i := 0; i < n; i++ {
		e := audit.Event{
			SubjectType: "version", SubjectID: fmt.Sprintf("v%d", i%3), Action: "submit",
			ActorID: "u1", ActorRole: "proponent", At: time.Date(2026, 11, 30, 10, 0, i, 1234567, time.UTC),
			FromState: "draft", ToState: "submitted", Comment: "round " + fmt.Sprint(i),
			Data: audit.CanonicalJSON(map[string]any{"b": 1, "a": []string{"x"}}),
		}
		audit.Seal(&e, seq, hash)
		seq, hash = e.Seq, e.Hash
		out = append(out, e)
	}
	return out
}

func TestChainVerifies(t *testing.T) {
	t.Parallel()
	events := chain(10)
	require.NoError(t, audit.Verify(events))
	require.Equal(t, audit.Genesis, events[0].PrevHash)
	require.Equal(t, int64(10), events[9].Seq)
	require.Equal(t, time.Date(2026, 11, 30, 10, 0, 0, 1234000, time.UTC), events[0].At, "sealed times keep microseconds, as the databases do")
}

func TestTamperingIsDetected(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		mutate func([]audit.Event) []audit.Event
		seq    int64
	}{
		{"error/edited comment", func(e []audit.Event) []audit.Event { e[4].Comment = "changed"; return e }, 5},
		{"error/edited actor", func(e []audit.Event) []audit.Event { e[2].ActorID = "u2"; return e }, 3},
		{"error/edited state", func(e []audit.Event) []audit.Event { e[7].ToState = "approved"; return e }, 8},
		{"error/edited time", func(e []audit.Event) []audit.Event { e[0].At = e[0].At.Add(time.Second); return e }, 1},
		{"error/edited data", func(e []audit.Event) []audit.Event { e[5].Data = []byte(`{"a":["y"],"b":1}`); return e }, 6},
		{"error/deleted row", func(e []audit.Event) []audit.Event { return append(e[:3], e[4:]...) }, 5},
		{"error/swapped rows", func(e []audit.Event) []audit.Event { e[3], e[4] = e[4], e[3]; return e }, 5},
		{"error/rehashed edit", func(e []audit.Event) []audit.Event {
			e[6].Comment = "forged"
			e[6].Hash = e[6].ComputeHash() // the forger recomputes this row's hash, but the next link breaks
			return e
		}, 8},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := audit.Verify(tc.mutate(chain(10)))
			var br *audit.Break
			require.ErrorAs(t, err, &br)
			require.Equal(t, tc.seq, br.Seq, err.Error())
		})
	}
}
