package storagetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"badged/issuer"
	"badged/issuer/approval"
	"badged/issuer/audit"
)

// Concurrency is how many goroutines the concurrency tests race.
const Concurrency = 50

// scanAll returns the whole chain through ScanAudit.
func scanAll(t *testing.T, ctx context.Context, st issuer.Store) []audit.Event {
	t.Helper()
	var all []audit.Event
	require.NoError(t, st.ScanAudit(ctx, 0, func(e audit.Event) error {
		all = append(all, e)
		return nil
	}))
	return all
}

func testAudit(t *testing.T, f *fixture) {
	st, ctx := f.st, f.ctx
	require.Empty(t, scanAll(t, ctx, st), "a new store has an empty chain")

	var appended []audit.Event
	appendEvent := func(t *testing.T, subjectID, action string, data json.RawMessage) audit.Event {
		t.Helper()
		e := audit.Event{
			SubjectType: "version", SubjectID: subjectID, Action: action,
			ActorID: f.proponent.ID, ActorRole: "proponent", At: f.tick(),
			FromState: "draft", ToState: "submitted", Comment: "first submission, « merci »", Data: data,
		}
		when := e.At
		require.NoError(t, st.AppendAudit(ctx, &e))
		require.Equal(t, norm(when), e.At, "At is the caller's time in UTC, to the microsecond")
		appended = append(appended, e)
		return e
	}

	t.Run("ok/append seals after the head", func(t *testing.T) {
		prev := audit.Genesis
		for i, subject := range []string{"ver-a", "ver-b", "ver-a", "ver-a", "ver-b"} {
			var data json.RawMessage
			if i%2 == 0 {
				data = audit.CanonicalJSON(map[string]any{"round": i, "members": []string{"u1", "u2"}})
			}
			e := appendEvent(t, subject, fmt.Sprintf("action-%d", i), data)
			require.Equal(t, int64(i+1), e.Seq)
			require.Equal(t, prev, e.PrevHash)
			require.Equal(t, e.ComputeHash(), e.Hash)
			prev = e.Hash
		}
	})

	t.Run("ok/list a subject in chain order", func(t *testing.T) {
		got, err := st.ListAudit(ctx, "version", "ver-a")
		require.NoError(t, err)
		require.Equal(t, []audit.Event{appended[0], appended[2], appended[3]}, got, "events read back exactly as sealed")

		got, err = st.ListAudit(ctx, "credential", "ver-a")
		require.NoError(t, err)
		require.Empty(t, got, "the subject type is part of the subject")
	})

	t.Run("ok/scan verifies", func(t *testing.T) {
		all := scanAll(t, ctx, st)
		require.Equal(t, appended, all)
		require.NoError(t, audit.Verify(all))

		var v audit.Verifier
		require.NoError(t, st.ScanAudit(ctx, 0, v.Add))
		require.Equal(t, int64(len(appended)), v.Count())
		require.Equal(t, appended[len(appended)-1].Hash, v.Head())
	})

	t.Run("ok/scan after a seq", func(t *testing.T) {
		var seqs []int64
		require.NoError(t, st.ScanAudit(ctx, 2, func(e audit.Event) error {
			seqs = append(seqs, e.Seq)
			return nil
		}))
		require.Equal(t, []int64{3, 4, 5}, seqs)

		seqs = nil
		require.NoError(t, st.ScanAudit(ctx, 5, func(e audit.Event) error {
			seqs = append(seqs, e.Seq)
			return nil
		}))
		require.Empty(t, seqs)
	})

	t.Run("error/scan stops at the first error", func(t *testing.T) {
		stop := errors.New("stop here")
		calls := 0
		err := st.ScanAudit(ctx, 0, func(e audit.Event) error {
			calls++
			if e.Seq == 2 {
				return stop
			}
			return nil
		})
		require.ErrorIs(t, err, stop)
		require.Equal(t, 2, calls)
	})

	t.Run("ok/the chain continues after a reread", func(t *testing.T) {
		e := appendEvent(t, "ver-c", "after", nil)
		require.Equal(t, int64(6), e.Seq)
		require.Equal(t, appended[4].Hash, e.PrevHash)
		require.NoError(t, audit.Verify(scanAll(t, ctx, st)))
	})
}

func testTransactions(t *testing.T, f *fixture) {
	st := f.st
	// A deadlock (a nested call that waits for the pool while the
	// transaction holds its only connection) fails in seconds, not minutes.
	ctx, cancel := context.WithTimeout(f.ctx, 30*time.Second)
	defer cancel()
	v := f.version(t, f.credential(t, approval.MicroCredential), 1, approval.Draft)
	boom := errors.New("boom")

	event := func(subject string) *audit.Event {
		return &audit.Event{SubjectType: "user", SubjectID: subject, Action: "test", At: f.tick()}
	}
	newUser := func(name string) *issuer.User {
		return &issuer.User{ID: f.id("user"), Email: f.id(name) + "@example.edu", Name: name, CreatedAt: f.tick()}
	}
	exists := func(t *testing.T, id string) bool {
		t.Helper()
		_, err := st.GetUser(ctx, id)
		if issuer.IsCode(err, issuer.ENotFound) {
			return false
		}
		require.NoError(t, err)
		return true
	}

	t.Run("ok/commit", func(t *testing.T) {
		u := newUser("committed")
		err := st.InTx(ctx, func(tx issuer.Store) error {
			if err := tx.CreateUser(ctx, u); err != nil {
				return err
			}
			got, err := tx.GetUser(ctx, u.ID)
			if err != nil {
				return err
			}
			require.Equal(t, u.Name, got.Name, "the transaction reads its own writes")
			require.NoError(t, tx.Ping(ctx))
			return tx.AppendAudit(ctx, event(u.ID))
		})
		require.NoError(t, err)
		require.True(t, exists(t, u.ID))
		events, err := st.ListAudit(ctx, "user", u.ID)
		require.NoError(t, err)
		require.Len(t, events, 1)
	})

	t.Run("error/rollback writes nothing", func(t *testing.T) {
		before := scanAll(t, ctx, st)
		u := newUser("rolled back")
		err := st.InTx(ctx, func(tx issuer.Store) error {
			require.NoError(t, tx.CreateUser(ctx, u))
			w := v
			w.State = approval.Submitted
			require.NoError(t, tx.UpdateVersion(ctx, &w))
			require.NoError(t, tx.AppendAudit(ctx, event(u.ID)))
			require.NoError(t, tx.AppendAudit(ctx, event(u.ID)))
			return boom
		})
		require.ErrorIs(t, err, boom, "fn's error comes back")
		require.False(t, exists(t, u.ID))
		got, err := st.GetVersion(ctx, v.ID)
		require.NoError(t, err)
		require.Equal(t, v.Rev, got.Rev)
		require.Equal(t, approval.Draft, got.State)
		require.Equal(t, before, scanAll(t, ctx, st), "no audit event survives a rollback")

		e := event("after rollback")
		require.NoError(t, st.AppendAudit(ctx, e))
		require.Equal(t, int64(len(before)+1), e.Seq, "the chain head rolled back too")
		require.NoError(t, audit.Verify(scanAll(t, ctx, st)))
	})

	t.Run("ok/an operation that fails in a transaction leaves no trace", func(t *testing.T) {
		u := newUser("regranted")
		admin := []issuer.RoleGrant{{Role: issuer.RoleAdmin}}
		u.Roles = admin
		err := st.InTx(ctx, func(tx issuer.Store) error {
			require.NoError(t, tx.CreateUser(ctx, u))
			// SetRoles deletes the old grants, then inserts the new ones:
			// the insert fails, and the delete must not survive it.
			err := tx.SetRoles(ctx, u.ID, []issuer.RoleGrant{{Role: issuer.RoleDelegate, DepartmentID: "no-such-dept"}})
			requireCode(t, err, issuer.EInvalid)
			got, err := tx.GetUser(ctx, u.ID)
			if err != nil {
				return err
			}
			require.Equal(t, admin, got.Roles)
			return nil
		})
		require.NoError(t, err)
		got, err := st.GetUser(ctx, u.ID)
		require.NoError(t, err)
		require.Equal(t, admin, got.Roles)
	})

	t.Run("error/a store error rolls back", func(t *testing.T) {
		u := newUser("duplicate in tx")
		err := st.InTx(ctx, func(tx issuer.Store) error {
			require.NoError(t, tx.CreateUser(ctx, u))
			dup := newUser("dup")
			dup.Email = u.Email
			return tx.CreateUser(ctx, dup)
		})
		requireCode(t, err, issuer.EConflict)
		require.False(t, exists(t, u.ID))
	})

	t.Run("error/panic rolls back", func(t *testing.T) {
		u := newUser("panicked")
		require.Panics(t, func() {
			_ = st.InTx(ctx, func(tx issuer.Store) error {
				require.NoError(t, tx.CreateUser(ctx, u))
				panic("boom")
			})
		})
		require.False(t, exists(t, u.ID))
	})

	t.Run("ok/nested runs in the same transaction", func(t *testing.T) {
		outer, inner := newUser("outer"), newUser("inner")
		err := st.InTx(ctx, func(tx issuer.Store) error {
			require.NoError(t, tx.CreateUser(ctx, outer))
			require.NoError(t, tx.InTx(ctx, func(tx issuer.Store) error {
				if _, err := tx.GetUser(ctx, outer.ID); err != nil {
					return err
				}
				if err := tx.CreateUser(ctx, inner); err != nil {
					return err
				}
				return tx.AppendAudit(ctx, event(inner.ID))
			}))
			return boom
		})
		require.ErrorIs(t, err, boom)
		require.False(t, exists(t, outer.ID))
		require.False(t, exists(t, inner.ID), "the inner InTx committed nothing on its own")
	})

	t.Run("ok/nested failure undoes only the inner fn", func(t *testing.T) {
		before := scanAll(t, ctx, st)
		outer, inner, after := newUser("outer kept"), newUser("inner undone"), newUser("after inner")
		err := st.InTx(ctx, func(tx issuer.Store) error {
			require.NoError(t, tx.CreateUser(ctx, outer))
			require.NoError(t, tx.AppendAudit(ctx, event(outer.ID)))
			innerErr := tx.InTx(ctx, func(tx issuer.Store) error {
				require.NoError(t, tx.CreateUser(ctx, inner))
				require.NoError(t, tx.AppendAudit(ctx, event(inner.ID)))
				dup := newUser("dup")
				dup.Email = inner.Email
				return tx.CreateUser(ctx, dup) // fails: on PostgreSQL this aborts all but a savepoint
			})
			requireCode(t, innerErr, issuer.EConflict)
			require.NoError(t, tx.CreateUser(ctx, after), "the outer transaction is still usable")
			return tx.AppendAudit(ctx, event(after.ID))
		})
		require.NoError(t, err)
		require.True(t, exists(t, outer.ID))
		require.False(t, exists(t, inner.ID))
		require.True(t, exists(t, after.ID))

		all := scanAll(t, ctx, st)
		require.Len(t, all, len(before)+2)
		require.Equal(t, outer.ID, all[len(before)].SubjectID)
		require.Equal(t, after.ID, all[len(before)+1].SubjectID)
		require.NoError(t, audit.Verify(all))
	})
}

func testConcurrentVersionUpdates(t *testing.T, f *fixture) {
	st, ctx := f.st, f.ctx
	v := f.version(t, f.credential(t, approval.MicroCredential), 1, approval.InReview)

	var (
		wg        sync.WaitGroup
		start     = make(chan struct{})
		mu        sync.Mutex
		won       []int
		conflicts int
		others    []error
	)
	for i := range Concurrency {
		wg.Go(func() {
			w := v
			w.Round = i + 1
			w.UpdatedAt = f.tick()
			<-start
			err := st.UpdateVersion(ctx, &w)
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil:
				won = append(won, w.Round)
			case issuer.IsCode(err, issuer.EConflict):
				conflicts++
			default:
				others = append(others, err)
			}
		})
	}
	close(start)
	wg.Wait()

	require.Empty(t, others)
	require.Len(t, won, 1, "exactly one update wins")
	require.Equal(t, Concurrency-1, conflicts)
	got, err := st.GetVersion(ctx, v.ID)
	require.NoError(t, err)
	require.Equal(t, v.Rev+1, got.Rev)
	require.Equal(t, won[0], got.Round, "the winner's write is the one stored")
}

func testConcurrentAuditAppends(t *testing.T, f *fixture) {
	st, ctx := f.st, f.ctx

	var (
		wg    sync.WaitGroup
		start = make(chan struct{})
		errs  = make([]error, Concurrency)
	)
	for i := range Concurrency {
		wg.Go(func() {
			<-start
			errs[i] = st.InTx(ctx, func(tx issuer.Store) error {
				e := audit.Event{SubjectType: "version", SubjectID: fmt.Sprintf("racer-%02d", i), Action: "race", At: f.tick()}
				return tx.AppendAudit(ctx, &e)
			})
		})
	}
	close(start)
	wg.Wait()
	for i, err := range errs {
		require.NoError(t, err, "appender %d", i)
	}

	all := scanAll(t, ctx, st)
	require.Len(t, all, Concurrency)
	subjects := map[string]bool{}
	for i, e := range all {
		require.Equal(t, int64(i+1), e.Seq)
		subjects[e.SubjectID] = true
	}
	require.Len(t, subjects, Concurrency, "every append is in the chain once")
	require.NoError(t, audit.Verify(all), "the chain did not fork")
}
