// Package audit defines the append-only, tamper-evident audit log: every
// action on any subject (a credential version, a user, a committee, later an
// award) is one Event, and each event carries the hash of the one before it,
// so editing, deleting or reordering a stored row breaks the chain at that
// row. Verify walks a chain and names the first event that does not fit.
//
// The hash covers every field but Hash itself, in a fixed canonical
// encoding, so it does not depend on how a database returns the row.
package audit

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Genesis is the PrevHash of the first event of a chain.
const Genesis = "0000000000000000000000000000000000000000000000000000000000000000"

// Event is one recorded action.
type Event struct {
	// Seq is the event's position in the chain, from 1, without gaps.
	Seq         int64
	SubjectType string // "version", "credential", "user", "committee", ...
	SubjectID   string
	Action      string // the approval event or an administrative action
	ActorID     string
	ActorRole   string
	At          time.Time
	FromState   string
	ToState     string
	Comment     string
	// Data holds action details as canonical JSON (sorted keys), e.g. a vote
	// or the committee members at the time of a decision.
	Data     json.RawMessage
	PrevHash string
	Hash     string
}

// canonical is the byte string the hash covers. Each field is length-prefixed
// so no two different events encode alike.
func (e Event) canonical() []byte {
	var b strings.Builder
	field := func(s string) {
		b.WriteString(strconv.Itoa(len(s)))
		b.WriteByte(':')
		b.WriteString(s)
		b.WriteByte(';')
	}
	field("badged-audit-v1")
	field(strconv.FormatInt(e.Seq, 10))
	field(e.SubjectType)
	field(e.SubjectID)
	field(e.Action)
	field(e.ActorID)
	field(e.ActorRole)
	field(e.At.UTC().Format(time.RFC3339Nano))
	field(e.FromState)
	field(e.ToState)
	field(e.Comment)
	field(string(e.Data))
	field(e.PrevHash)
	return []byte(b.String())
}

// ComputeHash returns the hash the event must carry.
func (e Event) ComputeHash() string {
	sum := sha256.Sum256(e.canonical())
	return hex.EncodeToString(sum[:])
}

// Seal links e after prev (nil for the first event): it sets Seq, PrevHash
// and Hash. At is truncated to microseconds, the precision both databases keep.
func Seal(e *Event, prevSeq int64, prevHash string) {
	if prevHash == "" {
		prevHash = Genesis
	}
	e.At = e.At.UTC().Truncate(time.Microsecond)
	e.Seq = prevSeq + 1
	e.PrevHash = prevHash
	e.Hash = e.ComputeHash()
}

// Break describes where a chain fails to verify.
type Break struct {
	Seq    int64
	Reason string
}

func (b *Break) Error() string {
	return fmt.Sprintf("audit chain broken at event %d: %s", b.Seq, b.Reason)
}

// Verifier checks a chain incrementally, one event at a time, in Seq order,
// so a long log is verified without holding it in memory.
type Verifier struct {
	seq  int64
	hash string
	n    int64
}

// Add checks the next event and returns a *Break if it does not fit.
func (v *Verifier) Add(e Event) error {
	prev := v.hash
	if prev == "" {
		prev = Genesis
	}
	if e.Seq != v.seq+1 {
		return &Break{Seq: e.Seq, Reason: fmt.Sprintf("expected event %d (an event is missing or out of order)", v.seq+1)}
	}
	if e.PrevHash != prev {
		return &Break{Seq: e.Seq, Reason: "previous-hash link does not match the event before it"}
	}
	if got := e.ComputeHash(); got != e.Hash {
		return &Break{Seq: e.Seq, Reason: "content does not match its hash (the row was edited)"}
	}
	v.seq, v.hash = e.Seq, e.Hash
	v.n++
	return nil
}

// Count is how many events verified so far.
func (v *Verifier) Count() int64 { return v.n }

// Head is the last verified event's hash.
func (v *Verifier) Head() string { return v.hash }

// Verify checks a whole chain held in memory.
func Verify(events []Event) error {
	var v Verifier
	for _, e := range events {
		if err := v.Add(e); err != nil {
			return err
		}
	}
	return nil
}

// CanonicalJSON marshals v with sorted object keys (encoding/json sorts map
// keys; structs keep their field order, which is fixed by the code).
func CanonicalJSON(v any) json.RawMessage {
	if v == nil {
		return nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		// Data is built by the service from plain values; failing to encode is a programming error.
		panic(fmt.Sprintf("audit: encode data: %v", err))
	}
	return b
}
