// Package proof holds what every proof format of the credentials library
// shares: the named checks a verification reports, the key resolver a
// verifier asks for public keys, and the sentinel errors callers match on.
//
// Verification reports every check it ran rather than stopping at the first
// failure, so that a person looking at a badge sees all that is wrong with
// it. A verifier returns an error only when it could not run at all.
package proof

import (
	"context"
	"crypto"
	"errors"
	"strings"
)

// Sentinel errors. Wrap them with detail; match them with errors.Is.
var (
	// ErrMalformed: the input is not a well-formed document of the format.
	ErrMalformed = errors.New("malformed")
	// ErrUnsupported: a well-formed document in a form this library refuses
	// (a legacy suite, an unsupported algorithm).
	ErrUnsupported = errors.New("unsupported")
	// ErrKeyNotFound: the resolver has no key for a verification method.
	ErrKeyNotFound = errors.New("key not found")
	// ErrInvalidProof: the signature or proof does not verify.
	ErrInvalidProof = errors.New("invalid proof")
)

// Check is one named step of a verification.
type Check struct {
	Name    string `json:"name"`
	Passed  bool   `json:"passed"`
	Message string `json:"message,omitempty"`
}

// Result is the outcome of one verification: every check that ran, in order.
type Result struct {
	Checks []Check `json:"checks"`
}

// Valid reports whether at least one check ran and every check passed.
func (r Result) Valid() bool {
	if len(r.Checks) == 0 {
		return false
	}
	for _, c := range r.Checks {
		if !c.Passed {
			return false
		}
	}
	return true
}

// Pass records a passed check.
func (r *Result) Pass(name string) { r.Checks = append(r.Checks, Check{Name: name, Passed: true}) }

// Fail records a failed check with a human-readable reason.
func (r *Result) Fail(name string, reason string) {
	r.Checks = append(r.Checks, Check{Name: name, Passed: false, Message: reason})
}

// Record records a check that passed if err is nil and failed with err's text otherwise.
func (r *Result) Record(name string, err error) bool {
	if err != nil {
		r.Fail(name, err.Error())
		return false
	}
	r.Pass(name)
	return true
}

// Check returns the named check and whether it ran.
func (r Result) Check(name string) (Check, bool) {
	for _, c := range r.Checks {
		if c.Name == name {
			return c, true
		}
	}
	return Check{}, false
}

// Failures returns the failed checks' names and messages, one per line.
func (r Result) Failures() string {
	var b strings.Builder
	for _, c := range r.Checks {
		if !c.Passed {
			b.WriteString(c.Name)
			b.WriteString(": ")
			b.WriteString(c.Message)
			b.WriteString("\n")
		}
	}
	return b.String()
}

// KeyResolver finds the public key for a verification method (a key id, a
// DID URL, a JWK thumbprint URL). Implementations must not fetch from the
// network unless the caller has guarded the fetch; the library's own
// resolvers are offline.
type KeyResolver interface {
	ResolveKey(ctx context.Context, verificationMethod string) (crypto.PublicKey, error)
}

// KeyResolverFunc adapts a function to KeyResolver.
type KeyResolverFunc func(ctx context.Context, verificationMethod string) (crypto.PublicKey, error)

// ResolveKey calls f.
func (f KeyResolverFunc) ResolveKey(ctx context.Context, vm string) (crypto.PublicKey, error) {
	return f(ctx, vm)
}

// Standard check names, shared by every format so reports read alike.
const (
	CheckFormat     = "format"     // the document parses as its format
	CheckContext    = "context"    // every JSON-LD term is defined by an embedded context
	CheckAlgorithm  = "algorithm"  // the algorithm or cryptosuite is allowed
	CheckKey        = "key"        // the verification key was resolved and belongs to the issuer
	CheckSignature  = "signature"  // the signature verifies over the exact bytes
	CheckExpiry     = "expiry"     // not expired
	CheckNotBefore  = "not_before" // already valid
	CheckClaims     = "claims"     // a proof's own claims (VC-JWT iss, jti, nbf, sub, exp) agree with the credential
	CheckRecipient  = "recipient"
	CheckRevocation = "revocation"
	CheckSchema     = "schema"
)
