// Package jsonld turns JSON-LD credentials into the canonical RDF that Data
// Integrity proofs sign, without ever touching the network.
//
// A Loader serves the JSON-LD contexts that Open Badges 2.0 and 3.0
// documents name (VCDM 1.1 and 2.0, Data Integrity, Multikey, DID, OB 2.0
// and every OB 3.0 context version) from files embedded in the binary, plus
// any context the service registers with WithDocument. Every other URL is
// refused (ErrUnknownContext): fetching contexts at verification time is a
// signature-forgery, availability and privacy risk (standards.md §3.2,
// pitfall 1).
//
// Canonicalize produces the RDF Dataset Canonicalization (RDFC-1.0,
// https://www.w3.org/TR/rdf-canon/) N-Quads of a document, the
// "Transformation" step of the eddsa-rdfc-2022 cryptosuite
// (https://www.w3.org/TR/vc-di-eddsa/#transformation-eddsa-rdfc-2022). It is
// strict where JSON-LD is lenient, because what JSON-LD drops is not signed:
// a property or type that the contexts do not define, a relative IRI, or any
// statement JSON-LD would leave out is an error naming it (ErrUndefinedTerm),
// never a silent omission (standards.md §3.2, pitfalls 2 and 4).
//
// The JSON-LD processor is github.com/piprate/json-gold, patched under
// third_party/json-gold: RDFC-1.0 string escaping, safe mode that names what
// it refuses, and a shared cache of processed contexts (see its README).
package jsonld
