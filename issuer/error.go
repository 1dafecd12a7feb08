package issuer

import (
	"errors"
	"fmt"
)

// Error codes. Every error a user sees carries one of these; api maps each
// code to an HTTP status in exactly one table.
const (
	EConflict     = "conflict"      // the state changed under you; a duplicate
	EForbidden    = "forbidden"     // authenticated, but this actor may not do this
	EInternal     = "internal"      // detail logged, never shown
	EInvalid      = "invalid"       // bad input
	ENotFound     = "not_found"     // no such thing (or not visible to you)
	EUnauthorized = "unauthorized"  // no valid credentials
	ETransition   = "invalid_state" // the policy does not allow this action in the current state
	ETooLarge     = "too_large"     // a body, batch or page over its limit
)

// Error is a domain error with a machine-readable code and a human message.
type Error struct {
	Code    string
	Message string
	// Err is the underlying cause, for errors.Is/As; never shown to users.
	Err error
}

func (e *Error) Error() string {
	if e.Err != nil && e.Code == EInternal {
		return e.Message + ": " + e.Err.Error()
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Wrap returns an *Error with code and message that wraps err.
func Wrap(code string, err error, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...), Err: err}
}

// ErrorCode returns the code of err, or EInternal for an error that is not
// an *Error.
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}

// ErrorMessage returns the message a user may see for err.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Code != EInternal {
		return e.Message
	}
	return "internal error"
}

// Sentinels returned by stores. Stores wrap them in *Error with a code.
var (
	ErrNotFound = &Error{Code: ENotFound, Message: "not found"}
	ErrConflict = &Error{Code: EConflict, Message: "conflict"}
)

// IsCode reports whether err carries code.
func IsCode(err error, code string) bool { return ErrorCode(err) == code }
