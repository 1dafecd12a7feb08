// Package issuer is the domain of the badged service: the institution and
// its people, committees, credentials and their versions, and the approval
// workflow that the university's Micro-credentials Policy and Procedure
// requires before any badge is issued (see docs/approval.md and
// shared/design/policy.md).
//
// The package holds domain types free of HTTP and SQL, the Store interface
// that storage implements, and Service, which enforces the policy: every
// action checks who may take it, fires one event through the approval table
// (issuer/approval), persists the change with a compare-and-swap on the
// version's revision, and appends an audit event in the same transaction.
package issuer
