package jsonld

import (
	"encoding/json"
	"errors"
	"fmt"
	"path"
	"sync"

	"github.com/piprate/json-gold/ld"

	"badged/credentials/proof"
)

// MaxContextSize is the largest context document WithDocument accepts.
const MaxContextSize = 256 << 10

// ErrUnknownContext is returned for a context URL that is neither embedded
// nor registered with WithDocument. Errors that wrap it name the URL.
var ErrUnknownContext = fmt.Errorf("JSON-LD context not available offline: %w", proof.ErrUnsupported)

// Loader is an ld.DocumentLoader that serves contexts from memory only: the
// embedded contexts, plus those registered with WithDocument. It never
// touches the network.
//
// A Loader is read-only after NewLoader returns, so one Loader is safe for
// concurrent use by any number of goroutines (json-gold's own
// CachingDocumentLoader is not: it writes a plain map on every miss). It
// also carries the cache of processed contexts that makes Canonicalize fast;
// that cache is bounded and synchronised (see third_party/json-gold).
type Loader struct {
	docs    map[string]*ld.RemoteDocument
	refused map[string]error // URLs registered with an invalid document
	errs    []error          // every registration problem, reported by Err
	cache   *ld.ContextCache // processed contexts, shared by every Canonicalize
}

// MaxCachedContexts bounds the processed contexts a Loader keeps. A document
// shape (its @context list and the types of its nested objects) needs a few
// dozen; the cache starts afresh when it is full.
const MaxCachedContexts = 256

// Option configures a Loader.
type Option func(*Loader)

// WithDocument registers a context document served at url, such as the
// service's own extension context under its public base URL. doc must be a
// JSON object with an "@context" member, at most MaxContextSize bytes. An
// embedded URL cannot be replaced. A document that cannot be registered is
// refused when a document names url, and reported by Err.
func WithDocument(url string, doc []byte) Option {
	return func(l *Loader) {
		if err := l.register(url, doc); err != nil {
			l.errs = append(l.errs, err)
		}
	}
}

// NewLoader returns a Loader serving the embedded contexts and those
// registered by opts.
func NewLoader(opts ...Option) *Loader {
	embedded, err := embeddedDocuments()
	l := &Loader{
		docs:    make(map[string]*ld.RemoteDocument, len(embedded)),
		refused: make(map[string]error),
		cache:   ld.NewContextCache(MaxCachedContexts),
	}
	if err != nil {
		// Unreachable while the embedded files are valid JSON, which
		// TestEmbeddedContextsParse proves; reported rather than panicking.
		l.errs = append(l.errs, err)
	}
	for url, doc := range embedded {
		l.docs[url] = doc
	}
	for _, opt := range opts {
		opt(l)
	}
	// Every document served is read-only, so the scoped contexts inside
	// them can key the cache of processed contexts.
	for _, doc := range l.docs {
		l.cache.Trust(doc.Document)
	}
	return l
}

// Err reports the documents that WithDocument could not register. A service
// should refuse to start when it is not nil.
func (l *Loader) Err() error {
	return errors.Join(l.errs...)
}

// LoadDocument implements ld.DocumentLoader. It returns the registered or
// embedded document for url, or an error wrapping ErrUnknownContext that
// names url. The document returned is shared: it must not be modified (the
// JSON-LD processor only reads it).
func (l *Loader) LoadDocument(url string) (*ld.RemoteDocument, error) {
	doc, ok := l.docs[url]
	if !ok {
		if err, refused := l.refused[url]; refused {
			return nil, err
		}
		return nil, &unknownContextError{url: url}
	}
	rd := *doc // a copy, so a caller that sets fields does not affect others
	return &rd, nil
}

// unknownContextError names the URL that was refused.
type unknownContextError struct{ url string }

func (e *unknownContextError) Error() string {
	return fmt.Sprintf("JSON-LD context %s is not available offline (not embedded or registered)", e.url)
}

func (e *unknownContextError) Unwrap() error { return ErrUnknownContext }

func (l *Loader) register(url string, doc []byte) error {
	if _, served := l.docs[url]; served {
		return fmt.Errorf("register JSON-LD context %s: the URL is already served", url)
	}
	parsed, err := parseContext(doc)
	if err != nil {
		err = fmt.Errorf("register JSON-LD context %s: %w", url, err)
		// Remember it, so that a document naming url gets this reason
		// rather than "not available offline".
		l.refused[url] = err
		return err
	}
	l.docs[url] = &ld.RemoteDocument{DocumentURL: url, Document: parsed}
	return nil
}

// parseContext parses a context document: a JSON object with "@context".
func parseContext(doc []byte) (any, error) {
	if len(doc) > MaxContextSize {
		return nil, fmt.Errorf("context document is %d bytes, more than %d: %w", len(doc), MaxContextSize, proof.ErrMalformed)
	}
	var parsed any
	if err := json.Unmarshal(doc, &parsed); err != nil {
		return nil, fmt.Errorf("context document is not JSON: %w: %w", proof.ErrMalformed, err)
	}
	obj, ok := parsed.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("context document is not a JSON object: %w", proof.ErrMalformed)
	}
	if _, ok := obj["@context"]; !ok {
		return nil, fmt.Errorf(`context document has no "@context" member: %w`, proof.ErrMalformed)
	}
	return parsed, nil
}

// embeddedDocuments parses the embedded contexts once per process; every
// Loader shares the (read-only) result.
var embeddedDocuments = sync.OnceValues(func() (map[string]*ld.RemoteDocument, error) {
	docs := make(map[string]*ld.RemoteDocument, len(embeddedContexts))
	var errs []error
	for _, c := range embeddedContexts {
		raw, err := contextFS.ReadFile(path.Join("contexts", c.File))
		var parsed any
		if err == nil {
			parsed, err = parseContext(raw)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("embedded JSON-LD context %s: %w", c.File, err))
			continue
		}
		docs[c.URL] = &ld.RemoteDocument{DocumentURL: c.URL, Document: parsed}
	}
	return docs, errors.Join(errs...)
})
