package storage

import (
	"errors"
	"fmt"

	"gorm.io/gorm"

	"badged/issuer"
)

// failure says what an operation's errors mean to its caller. Empty
// messages leave the error to the generic wrapping.
type failure struct {
	op string // "get version 0193…", for wrapped errors
	// notFound is the message when no row matched: "version 0193… not found".
	notFound string
	// duplicate is the message on a unique violation: "a user with email x already exists".
	duplicate string
	// missingRef is the message on a foreign key violation: "department x does not exist".
	missingRef string
}

// translate maps a gorm error to the domain. It is the only place that
// looks at driver errors: TranslateError makes both drivers report unique
// and foreign key violations as gorm.ErrDuplicatedKey and
// gorm.ErrForeignKeyViolated.
func translate(err error, f failure) error {
	switch {
	case err == nil:
		return nil
	case f.notFound != "" && errors.Is(err, gorm.ErrRecordNotFound):
		return &issuer.Error{Code: issuer.ENotFound, Message: f.notFound, Err: issuer.ErrNotFound}
	case f.duplicate != "" && errors.Is(err, gorm.ErrDuplicatedKey):
		return &issuer.Error{Code: issuer.EConflict, Message: f.duplicate, Err: issuer.ErrConflict}
	case f.missingRef != "" && errors.Is(err, gorm.ErrForeignKeyViolated):
		return &issuer.Error{Code: issuer.EInvalid, Message: f.missingRef, Err: err}
	}
	return fmt.Errorf("store: %s: %w", f.op, err)
}

// notFound is the error for a missing row found by other means than a
// gorm lookup (an update that matched nothing).
func notFound(format string, args ...any) error {
	return &issuer.Error{Code: issuer.ENotFound, Message: fmt.Sprintf(format, args...), Err: issuer.ErrNotFound}
}

// conflict is the error for a compare-and-swap that lost.
func conflict(format string, args ...any) error {
	return &issuer.Error{Code: issuer.EConflict, Message: fmt.Sprintf(format, args...), Err: issuer.ErrConflict}
}

// opf formats an operation name.
func opf(format string, args ...any) string { return fmt.Sprintf(format, args...) }
