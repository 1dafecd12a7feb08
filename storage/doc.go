// Package storage keeps the issuing domain's data in PostgreSQL or SQLite
// with gorm: [DB] implements [issuer.Store].
//
// [Open] picks the database from the DSN: postgres:// or postgresql:// URLs
// select PostgreSQL; anything else is a SQLite file (a path, a sqlite:
// prefix or a file: URI), opened with a pure-Go driver and a single
// connection, because SQLite has a single writer.
//
// The schema is versioned: [DB.Migrate] applies the SQL files embedded from
// migrations/postgres and migrations/sqlite in order, each in its own
// transaction, and records them in schema_migrations. A binary refuses to
// migrate a database that a newer binary has migrated ([ErrSchemaNewer]).
//
// The gorm models are private to this package and map to and from the
// issuer types, so domain types carry no gorm tags and NULL handling stays
// here. Driver errors are translated in one place: a missing row becomes an
// issuer.ENotFound error (wrapping issuer.ErrNotFound), a unique violation
// an issuer.EConflict error (wrapping issuer.ErrConflict), a reference to a
// missing row an issuer.EInvalid error; anything else is wrapped with the
// operation and is internal. Lists are in a stable order, oldest first
// (offerings by date, annual reviews by year), and honour issuer.Page.
// Emails are unique and looked up without regard to case.
//
// Times are stored in UTC with microsecond precision, the precision both
// databases keep: a time read back equals the time written after
// Truncate(time.Microsecond).
//
// # Audit chain
//
// The audit log (issuer/audit) is append-only here and in the database:
// the store has no method that changes or removes an event, and triggers
// refuse UPDATE and DELETE on audit_events. [DB.AppendAudit] seals each event
// after the chain's head row; on PostgreSQL it locks that row (SELECT ... FOR
// UPDATE) until the transaction ends, and on SQLite the single write
// transaction serializes appends, so the chain never forks.
//
// A test that must tamper with a stored event, to prove that verification
// catches it, first lifts the guard:
//
//	PostgreSQL (as the table owner): ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only;
//	SQLite:                          DROP TRIGGER audit_events_no_update;
//
// The contract every implementation of issuer.Store must meet is the suite
// in storage/storagetest, which runs here on both databases.
package storage
