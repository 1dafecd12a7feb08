package verify

import (
	"context"
	"fmt"
	"time"

	"badged/credentials/jsonld"
	"badged/credentials/proof"
	"badged/credentials/proof/eddsardfc2022"
	"badged/credentials/proof/ob2jws"
	"badged/credentials/proof/vcjwt"
)

// MaxInputSize bounds what Verify reads: a baked image (the largest any
// credential library accepts, bake.MaxImageSize), or the JSON or compact JWS
// of a badge, whose own, smaller limits then apply.
const MaxInputSize = 16 << 20

// ErrMalformed is the error Verify wraps when the input is not a badge it
// can read: too large, not JSON, a JWS or a baked PNG or SVG, or an Open
// Badges document that is not a badge (a BadgeClass, an issuer profile).
// It is proof.ErrMalformed, so errors.Is works with either.
var ErrMalformed = proof.ErrMalformed

// Status is the verdict of a verification, for people: one word that the
// checks explain.
type Status string

// The verdicts. They are ordered by precedence: a badge verified in a form
// the verifier does not support is "unsupported" whatever else failed;
// a badge its issuer revoked is "revoked" even if it has also expired.
const (
	// StatusValid: every check ran and passed.
	StatusValid Status = "valid"
	// StatusInvalid: a check failed, e.g. the signature does not match,
	// the key is not the issuer's, or a document the verdict depends on
	// (a status list, the hosted copy) could not be fetched.
	StatusInvalid Status = "invalid"
	// StatusRevoked: the issuer revoked (or suspended) the badge.
	StatusRevoked Status = "revoked"
	// StatusExpired: the badge was valid but its expiry date has passed.
	StatusExpired Status = "expired"
	// StatusUnsupported: the badge uses a legacy or unknown form this
	// verifier does not check (a VC 1.1 JWT, the eddsa-2022 or
	// Ed25519Signature2020 suites, a context it does not hold, an unknown
	// status method). It is not called valid.
	StatusUnsupported Status = "unsupported"
)

// Format names how a badge is encoded and proved.
type Format string

// The formats Verify recognises.
const (
	FormatOB2Hosted        Format = "ob2-hosted"         // OB 2.0 assertion verified by fetching its hosted copy
	FormatOB2Signed        Format = "ob2-signed"         // OB 2.0 assertion as a JWS
	FormatOB3JWT           Format = "ob3-vc-jwt"         // OB 3.0 credential as a VC-JWT
	FormatOB3DataIntegrity Format = "ob3-data-integrity" // OB 3.0 credential with an embedded proof
	FormatOB3Unsigned      Format = "ob3-unsigned"       // OB 3.0 credential without any proof: never valid
	FormatOB1              Format = "ob1"                // Open Badges 1.x assertion: unsupported
)

// Container names the image a badge was baked into, if any.
type Container string

// The containers.
const (
	ContainerPNG Container = "baked-png"
	ContainerSVG Container = "baked-svg"
)

// Check names this package adds to those of credentials/proof.
const (
	// CheckHosted: the issuer hosts the OB 2.0 assertion at its id, and
	// the copy presented is the hosted one.
	CheckHosted = "hosted"
	// CheckIssuer: the OB 2.0 badge class and its issuer profile were
	// found, and the hosted assertion lies within the issuer's origin.
	CheckIssuer = "issuer"
)

// Result is the outcome of verifying one badge.
type Result struct {
	// Valid is true only when every check ran and passed (Status "valid").
	Valid  bool   `json:"valid"`
	Status Status `json:"status"`
	Format Format `json:"format"`
	// Container is the image the badge was extracted from, if any.
	Container Container `json:"container,omitempty"`
	// Checks are every check that ran, in order. A check that did not
	// apply (no status list named, say) is absent.
	Checks []proof.Check `json:"checks"`
	// Summary is what the badge says it certifies. It describes the
	// document as presented (for a hosted assertion, as the issuer hosts
	// it) and is vouched for only when Valid.
	Summary *Summary `json:"summary,omitempty"`
}

// Verifier verifies Open Badges 2.0 and 3.0 badges. It holds no mutable
// state, so one Verifier serves any number of goroutines.
type Verifier struct {
	loader  *jsonld.Loader
	now     func() time.Time
	keys    proof.KeyResolver
	sources DocumentSource

	suite *eddsardfc2022.Suite
	ob2   *ob2jws.Verifier
	jwt   *vcjwt.Verifier
}

// Option configures a Verifier.
type Option func(*Verifier)

// WithLoader sets the JSON-LD loader Data Integrity proofs are checked with,
// e.g. one that also serves the service's extension context (default
// jsonld.NewLoader(): the embedded contexts only).
func WithLoader(l *jsonld.Loader) Option { return func(v *Verifier) { v.loader = l } }

// WithClock sets the clock the date checks use (default time.Now).
func WithClock(now func() time.Time) Option { return func(v *Verifier) { v.now = now } }

// WithKeys sets keys the operator trusts without asking the issuer's
// documents: a keys.Set of the service's own issuers, say. They are
// consulted first; a key not found there is looked up in the issuer's
// published documents through the DocumentSource (see the package comment
// on key provenance). Pass multikey.Resolver here only to reproduce the
// 1EdTech validator, which trusts any key a credential names.
func WithKeys(r proof.KeyResolver) Option { return func(v *Verifier) { v.keys = r } }

// WithDocuments sets where issuer profiles, keys, status lists and hosted
// assertions come from (default: nowhere, so every such lookup fails and
// the checks that need it say so).
func WithDocuments(s DocumentSource) Option { return func(v *Verifier) { v.sources = s } }

// New returns a Verifier.
func New(opts ...Option) *Verifier {
	v := &Verifier{now: time.Now}
	for _, opt := range opts {
		opt(v)
	}
	if v.loader == nil {
		v.loader = jsonld.NewLoader()
	}
	if v.sources == nil {
		v.sources = Pinned(nil)
	}
	v.suite = eddsardfc2022.NewSuite(v.loader)
	v.ob2 = ob2jws.NewVerifier(ob2jws.WithClock(v.now))
	v.jwt = vcjwt.NewVerifier(vcjwt.WithClock(v.now))
	return v
}

// Verify verifies a badge: a baked PNG or SVG, a compact JWS (an OB 2.0
// signed assertion or an OB 3.0 VC-JWT), or JSON (an OB 3.0 credential with
// an embedded proof, or an OB 2.0 hosted assertion).
//
// A badge that fails verification is a Result whose checks say why, not an
// error. The error is non-nil only when verification could not run: the
// input is not a badge (wrapping ErrMalformed), the context ended, or a key
// resolver failed for another reason than not knowing a key.
func (v *Verifier) Verify(ctx context.Context, input []byte) (*Result, error) {
	if len(input) > MaxInputSize {
		return nil, fmt.Errorf("verify: %w: %d bytes, more than %d", ErrMalformed, len(input), MaxInputSize)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	in, err := detect(input)
	if err != nil {
		return nil, fmt.Errorf("verify: %w", err)
	}
	r := &run{v: v, docs: newFetcher(v.sources)}
	var res *Result
	switch in.kind {
	case kindOB2Signed:
		res, err = r.ob2Signed(ctx, in.ob2Token)
	case kindOB2Hosted:
		res, err = r.ob2Hosted(ctx, in.payload, in.url)
	case kindOB1:
		res = ob1Result()
	case kindOB3JWT:
		res, err = r.ob3JWT(ctx, in.vcToken)
	case kindOB3JSON:
		res, err = r.ob3JSON(ctx, in.payload)
	}
	if err != nil {
		return nil, fmt.Errorf("verify: %w", err)
	}
	res.Container = in.container
	return res, nil
}

// run is the state of one Verify call: the documents fetched so far.
type run struct {
	v    *Verifier
	docs *fetcher
}
