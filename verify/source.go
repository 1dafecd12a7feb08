package verify

import (
	"context"
	"errors"
	"fmt"
	"net/url"
)

// MaxDocumentSize bounds a document taken from a DocumentSource: the largest
// is a bitstring status list credential (status.MaxListCredentialBytes).
const MaxDocumentSize = 8<<20 + 64<<10

// MaxDocumentsPerBadge bounds the documents one verification asks its
// DocumentSource for. Verifying an OB 2.0 signed badge needs four (badge
// class, issuer profile, key, revocation list); an OB 3.0 credential needs
// at most its issuer's two key documents, a status list, and that list's
// issuer's. The bound keeps a hostile badge from making the verifier fetch
// without end.
const MaxDocumentsPerBadge = 12

// Errors a DocumentSource returns for what an HTTP fetcher reports as a
// status code; wrap them with detail.
var (
	// ErrDocumentNotFound: there is no document at the URL (404, or not
	// pinned).
	ErrDocumentNotFound = errors.New("document not found")
	// ErrDocumentGone: the document was deliberately removed (410 Gone).
	// For a hosted OB 2.0 assertion this means the issuer revoked it.
	ErrDocumentGone = errors.New("document gone")
)

// DocumentSource supplies the documents verification depends on: issuer
// profiles, badge classes, CryptographicKey documents, key sets, status
// lists and hosted assertions. Verify asks only for absolute http(s) URLs
// without a fragment, and treats any error other than a canceled context as
// "the document is unavailable", which fails the check that needed it.
//
// Pinned is the offline implementation; a network fetcher (which must
// guard against requests to internal addresses) implements the same
// interface.
type DocumentSource interface {
	Document(ctx context.Context, url string) ([]byte, error)
}

// DocumentSourceFunc adapts a function to DocumentSource.
type DocumentSourceFunc func(ctx context.Context, url string) ([]byte, error)

// Document calls f.
func (f DocumentSourceFunc) Document(ctx context.Context, url string) ([]byte, error) {
	return f(ctx, url)
}

// Pinned is an offline DocumentSource: documents by URL, such as the
// service's own issuer profiles and status lists, or fixtures in tests.
// A URL it does not hold is ErrDocumentNotFound. The documents are shared,
// not copied: do not change them while a Verifier uses the map.
type Pinned map[string][]byte

// Document returns the document pinned at url.
func (p Pinned) Document(_ context.Context, url string) ([]byte, error) {
	if doc, ok := p[url]; ok {
		return doc, nil
	}
	return nil, fmt.Errorf("%w: %s is not pinned", ErrDocumentNotFound, url)
}

// fetcher is one verification's view of the DocumentSource: it asks for
// each URL once, within MaxDocumentsPerBadge and MaxDocumentSize.
type fetcher struct {
	src   DocumentSource
	got   map[string]fetched
	asked int
}

type fetched struct {
	doc []byte
	err error
}

func newFetcher(src DocumentSource) *fetcher {
	return &fetcher{src: src, got: map[string]fetched{}}
}

// get returns the document at rawURL (its fragment dropped). The error is a
// context error, which ends verification, or a reason the document is
// unavailable, which the caller records in a check (errors.Is tells the
// two apart: see isContextErr).
func (f *fetcher) get(ctx context.Context, rawURL string) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	u, err := url.Parse(rawURL)
	if err != nil || !isHTTPURL(rawURL) {
		return nil, fmt.Errorf("%q is not an http(s) URL that can be fetched", rawURL)
	}
	u.Fragment, u.RawFragment = "", ""
	key := u.String()
	if f.got == nil {
		f.got = map[string]fetched{}
	}
	if r, ok := f.got[key]; ok {
		return r.doc, r.err
	}
	if f.asked >= MaxDocumentsPerBadge {
		return nil, fmt.Errorf("%s not fetched: verifying one badge may take at most %d documents", key, MaxDocumentsPerBadge)
	}
	f.asked++
	doc, err := f.src.Document(ctx, key)
	switch {
	case err != nil && ctx.Err() != nil:
		return nil, ctx.Err()
	case err != nil:
		err = fmt.Errorf("%s: %w", key, err)
	case len(doc) > MaxDocumentSize:
		doc, err = nil, fmt.Errorf("%s: %d bytes, more than %d", key, len(doc), MaxDocumentSize)
	}
	f.got[key] = fetched{doc, err}
	return doc, err
}

// isContextErr reports whether err ends verification rather than failing a
// check.
func isContextErr(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}
