package issuer

import "github.com/google/uuid"

// NewID returns a new identifier: a UUIDv7, so identifiers sort by creation
// time, which keeps lists and indexes in a useful order.
func NewID() string { return uuid.Must(uuid.NewV7()).String() }
