package jsonld

import (
	"context"
	"errors"
	"fmt"

	"github.com/piprate/json-gold/ld"

	"badged/credentials/proof"
)

// ErrUndefinedTerm is returned for content that JSON-LD processing would
// leave out of the canonical N-Quads, and so out of any signature: a property
// or type that the document's contexts do not define, a relative or invalid
// IRI, a JSON literal that cannot be serialised. Errors that wrap it name the
// offending term or IRI.
var ErrUndefinedTerm = fmt.Errorf("JSON-LD content not defined by the document's contexts: %w", proof.ErrMalformed)

// ErrTooComplex is returned for a document whose blank nodes are so alike
// that canonicalizing it would take more than MaxNDegreeSteps steps of
// RDFC-1.0's Hash N-Degree Quads algorithm (a "poison" dataset, RDFC-1.0
// §6.1). Credentials written by people never come near the limit.
var ErrTooComplex = fmt.Errorf("JSON-LD document too complex to canonicalize: %w", proof.ErrUnsupported)

// MaxNDegreeSteps bounds the RDFC-1.0 work of one canonicalization: runs of
// the Hash N-Degree Quads algorithm (RDFC-1.0 §4.8), which only blank nodes
// that their own statements cannot tell apart need, plus the permutations
// those runs examine. The hardest "computable" poison datasets of the W3C
// test suite (test044-046) take 3,348 steps; a ten-node blank-node clique
// (test074) would take millions and is refused after about 0.3 s of work.
const MaxNDegreeSteps = 10000

// Canonicalize returns the RDFC-1.0 canonical N-Quads of a JSON-LD document
// (https://www.w3.org/TR/rdf-canon/), loading contexts only from loader.
//
// doc is either the document's JSON text ([]byte, decoded with Decode and its
// limits) or an already decoded document: a map[string]any or []any as
// encoding/json produces. Canonicalize does not modify doc.
//
// Expansion runs in safe mode, so anything that JSON-LD would silently drop
// is an error that names it and wraps ErrUndefinedTerm; a context URL that
// loader does not serve is an error that names it and wraps
// ErrUnknownContext.
func Canonicalize(ctx context.Context, doc any, loader *Loader) (nquads []byte, err error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if loader == nil {
		return nil, errors.New("canonicalize: no document loader")
	}
	if raw, ok := doc.([]byte); ok {
		if doc, err = Decode(raw); err != nil {
			return nil, fmt.Errorf("canonicalize: %w", err)
		}
	}
	switch doc.(type) {
	case map[string]any, []any:
	default:
		return nil, fmt.Errorf("canonicalize: %w: a document is a JSON object or array, not %T", proof.ErrMalformed, doc)
	}

	// json-gold asserts the types of what it has built as it goes; a
	// document shaped in a way it does not expect can make it panic. That
	// must never take a request down: report it as a malformed document.
	defer func() {
		if r := recover(); r != nil {
			nquads, err = nil, fmt.Errorf("canonicalize: %w: the JSON-LD processor failed: %v", proof.ErrMalformed, r)
		}
	}()

	opts := loader.options()
	dataset, err := ld.NewJsonLdProcessor().ToRDF(doc, opts)
	if err != nil {
		return nil, fmt.Errorf("canonicalize: %w", translate(err))
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := checkIRIs(dataset.(*ld.RDFDataset)); err != nil {
		return nil, fmt.Errorf("canonicalize: %w", err)
	}
	out, err := normalize(dataset.(*ld.RDFDataset), opts)
	if err != nil {
		return nil, fmt.Errorf("canonicalize: %w", err)
	}
	return out, nil
}

// normalize runs RDFC-1.0 over a dataset and returns its canonical N-Quads.
func normalize(ds *ld.RDFDataset, opts *ld.JsonLdOptions) ([]byte, error) {
	nq := *opts
	nq.Format = "application/n-quads" // (ToRDF must not have it: it would serialize)
	out, err := ld.NewJsonLdApi().Normalize(ds, &nq)
	if err != nil {
		return nil, translate(err)
	}
	return []byte(out.(string)), nil
}

// options returns the JSON-LD options every canonicalization uses. Each
// setting is explicit, because json-gold's defaults are wrong for signing:
// its default algorithm is URGNA2012, and its default document loader
// fetches from the network.
func (l *Loader) options() *ld.JsonLdOptions {
	opts := ld.NewJsonLdOptions("")
	opts.DocumentLoader = l
	opts.ProcessingMode = ld.JsonLd_1_1
	opts.SafeMode = true
	opts.Algorithm = ld.AlgorithmURDNA2015 // = RDFC-1.0 for these inputs (rdf-canon appendix B)
	opts.MaxNDegreeSteps = MaxNDegreeSteps
	opts.ContextCache = l.cache
	return opts
}

// translate maps json-gold's errors onto this package's sentinels, keeping
// the detail that names the term, IRI or URL.
func translate(err error) error {
	var uce *unknownContextError
	if errors.As(err, &uce) {
		return uce
	}
	var jerr *ld.JsonLdError
	if !errors.As(err, &jerr) {
		return fmt.Errorf("%w: %w", proof.ErrMalformed, err)
	}
	switch jerr.Code {
	case ld.InvalidProperty, ld.StatementDropped:
		return fmt.Errorf("%w: %v", ErrUndefinedTerm, jerr.Details)
	case ld.NormalizationLimitExceeded:
		return fmt.Errorf("%w: %v", ErrTooComplex, jerr.Details)
	case ld.LoadingRemoteContextFailed, ld.LoadingDocumentFailed:
		if errors.Is(err, proof.ErrMalformed) { // a context registered with an invalid document
			return err
		}
	}
	return fmt.Errorf("%w: JSON-LD: %w", proof.ErrMalformed, err)
}

// checkIRIs refuses a dataset holding an IRI that canonical N-Quads cannot
// carry as it is: one without a scheme, or with a character that the IRIREF
// production excludes (controls, space, <>"{}|^`\). json-gold writes such
// IRIs out verbatim, which other processors would read differently or not
// at all, so a signature over them would not be portable.
func checkIRIs(ds *ld.RDFDataset) error {
	for _, quads := range ds.Graphs {
		for _, q := range quads {
			for _, n := range [...]ld.Node{q.Subject, q.Predicate, q.Object, q.Graph} {
				var iri string
				switch n := n.(type) {
				case ld.IRI:
					iri = n.Value
				case ld.Literal:
					iri = n.Datatype
				default:
					continue
				}
				if err := checkIRI(iri); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func checkIRI(iri string) error {
	if !hasScheme(iri) {
		return fmt.Errorf("%w: IRI %q is not absolute", ErrUndefinedTerm, iri)
	}
	for i := 0; i < len(iri); i++ {
		if notInIRIREF[iri[i]] {
			return fmt.Errorf("%w: IRI %q contains %q, which N-Quads does not allow", ErrUndefinedTerm, iri, rune(iri[i]))
		}
	}
	return nil
}

// notInIRIREF marks the bytes that N-Quads' IRIREF production excludes:
// controls, space and <>"{}|^`\ (bytes of multi-byte UTF-8 are all allowed).
var notInIRIREF = func() (t [256]bool) {
	for c := 0; c <= 0x20; c++ {
		t[c] = true
	}
	for _, c := range []byte("<>\"{}|^`\\") {
		t[c] = true
	}
	return t
}()

// hasScheme reports whether iri starts with an RFC 3986 scheme and a colon.
func hasScheme(iri string) bool {
	for i := 0; i < len(iri); i++ {
		c := iri[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return true
		default:
			return false
		}
	}
	return false
}
