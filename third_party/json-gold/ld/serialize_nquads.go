// Copyright 2015-2017 Piprate Limited
//
// Licensed under the Apache License, Version 2.0 (the "License");
// you may not use this file except in compliance with the License.
// You may obtain a copy of the License at
//
//     http://www.apache.org/licenses/LICENSE-2.0
//
// Unless required by applicable law or agreed to in writing, software
// distributed under the License is distributed on an "AS IS" BASIS,
// WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
// See the License for the specific language governing permissions and
// limitations under the License.

package ld

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
)

// NQuadRDFSerializer parses and serializes N-Quads.
type NQuadRDFSerializer struct {
}

// Parse N-Quads from string into an RDFDataset.
func (s *NQuadRDFSerializer) Parse(input interface{}) (*RDFDataset, error) {
	return ParseNQuadsFrom(input)
}

// SerializeTo writes RDFDataset as N-Quad into a writer.
func (s *NQuadRDFSerializer) SerializeTo(w io.Writer, dataset *RDFDataset) error {
	for graphName, triples := range dataset.Graphs {
		if graphName == "@default" {
			graphName = ""
		}
		for _, triple := range triples {
			q := toNQuad(triple, graphName)
			if _, err := fmt.Fprint(w, q); err != nil {
				return NewJsonLdError(IOError, err)
			}
		}
	}
	return nil
}

// Serialize an RDFDataset into N-Quad string.
func (s *NQuadRDFSerializer) Serialize(dataset *RDFDataset) (interface{}, error) {
	buf := bytes.NewBuffer(nil)
	if err := s.SerializeTo(buf, dataset); err != nil {
		return nil, err
	}
	return buf.String(), nil
}

func toNQuad(triple *Quad, graphName string) string {
	// PATCHED (badged): built in one strings.Builder; upstream concatenated
	// a string per term, which showed in profiles of canonicalization.
	var b strings.Builder
	b.Grow(nquadSizeHint(triple, graphName))
	writeNQuad(&b, triple, graphName)
	return b.String()
}

// nquadSizeHint is about the length of the quad's N-Quads line.
func nquadSizeHint(q *Quad, graphName string) int {
	n := len(graphName) + 16
	for _, node := range [...]Node{q.Subject, q.Predicate, q.Object} {
		if node != nil {
			n += len(node.GetValue()) + 4
		}
	}
	if l, ok := q.Object.(Literal); ok {
		n += len(l.Datatype) + len(l.Language) + 4
	}
	return n
}

func writeNQuad(b *strings.Builder, triple *Quad, graphName string) {
	s := triple.Subject
	p := triple.Predicate
	o := triple.Object

	// subject is an IRI or bnode
	if IsIRI(s) {
		b.WriteByte('<')
		b.WriteString(escape(s.GetValue()))
		b.WriteByte('>')
	} else {
		b.WriteString(s.GetValue())
	}

	if IsIRI(p) {
		b.WriteString(" <")
		b.WriteString(escape(p.GetValue()))
		b.WriteString("> ")
	} else {
		b.WriteByte(' ')
		b.WriteString(escape(p.GetValue()))
		b.WriteByte(' ')
	}

	// object is IRI, bnode or literal
	if IsIRI(o) {
		b.WriteByte('<')
		b.WriteString(escape(o.GetValue()))
		b.WriteByte('>')
	} else if IsBlankNode(o) {
		b.WriteString(o.GetValue())
	} else {
		literal := o.(Literal)
		b.WriteByte('"')
		b.WriteString(escape(literal.GetValue()))
		b.WriteByte('"')
		if literal.Datatype == RDFLangString {
			b.WriteByte('@')
			b.WriteString(literal.Language)
		} else if literal.Datatype != XSDString {
			b.WriteString("^^<")
			b.WriteString(escape(literal.Datatype))
			b.WriteByte('>')
		}
	}

	// graph
	if graphName != "" {
		if strings.Index(graphName, "_:") != 0 {
			b.WriteString(" <")
			b.WriteString(escape(graphName))
			b.WriteByte('>')
		} else {
			b.WriteByte(' ')
			b.WriteString(graphName)
		}
	}

	b.WriteString(" .\n")
}

// escape encodes str for a STRING_LITERAL_QUOTE (and, as before, an IRIREF)
// in canonical N-Quads form, as RDF Dataset Canonicalization (RDFC-1.0,
// W3C Recommendation 2024, appendix A "A Canonical form of N-Quads") requires:
//
//   - BS, HT, LF, FF, CR, '"' and '\' are written as the ECHARs
//     \b \t \n \f \r \" \\;
//   - U+0000..U+0007, VT (U+000B), U+000E..U+001F, DEL (U+007F) and the
//     code points that are not XML 1.1 Chars (U+FFFE, U+FFFF) are written
//     as UCHARs, a lowercase \u and four uppercase hex digits;
//   - every other character is written as itself, and bytes that are not
//     valid UTF-8 are copied unchanged, as upstream did.
//
// PATCHED (badged): upstream escaped only \, ", LF, CR and HT, so a literal
// holding any other control character serialised (and hashed) differently
// from RDFC-1.0, and a signature over it could not be verified elsewhere.
func escape(str string) string {
	i := 0
	for i < len(str) && !needsEscape(str, i) {
		i++
	}
	if i == len(str) {
		return str // the common case: nothing to escape, no allocation
	}
	var b strings.Builder
	b.Grow(len(str) + 8)
	b.WriteString(str[:i])
	for i < len(str) {
		r, size := utf8.DecodeRuneInString(str[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteByte(str[i])
			i++
			continue
		}
		i += size
		switch r {
		case '\b':
			b.WriteString(`\b`)
		case '\t':
			b.WriteString(`\t`)
		case '\n':
			b.WriteString(`\n`)
		case '\f':
			b.WriteString(`\f`)
		case '\r':
			b.WriteString(`\r`)
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		default:
			if r <= 0x1F || r == 0x7F || r == 0xFFFE || r == 0xFFFF {
				const hex = "0123456789ABCDEF"
				b.WriteString(`\u`)
				b.WriteByte(hex[r>>12&0xF])
				b.WriteByte(hex[r>>8&0xF])
				b.WriteByte(hex[r>>4&0xF])
				b.WriteByte(hex[r&0xF])
			} else {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

// needsEscape reports whether the byte at str[i] starts a character that
// escape rewrites. U+FFFE and U+FFFF are the UTF-8 sequences EF BF BE/BF.
func needsEscape(str string, i int) bool {
	c := str[i]
	switch {
	case c <= 0x1F, c == '"', c == '\\', c == 0x7F:
		return true
	case c == 0xEF:
		return i+2 < len(str) && str[i+1] == 0xBF && (str[i+2] == 0xBE || str[i+2] == 0xBF)
	}
	return false
}

type lineScanner interface {
	Bytes() []byte
	Scan() bool
	Err() error
}

type bytesLineScanner struct {
	err   error
	b     []byte
	token []byte
	i     int
}

func (ls *bytesLineScanner) Err() error { return ls.err }
func (ls *bytesLineScanner) Scan() bool {
	b, i := ls.b, ls.i
	if ls.err != nil || i >= len(b) {
		return false
	}
	di, token, err := bufio.ScanLines(b[i:], true)
	if err != nil {
		ls.err = err
		return false
	}
	ls.token = token
	ls.i += di
	return true
}
func (ls *bytesLineScanner) Bytes() []byte {
	return ls.token
}

func newScannerFor(o interface{}) (lineScanner, error) {
	switch inp := o.(type) {
	case []byte:
		return &bytesLineScanner{b: inp}, nil
	case string:
		return &bytesLineScanner{b: []byte(inp)}, nil
	case io.Reader:
		return bufio.NewScanner(inp), nil
	default:
		return nil, NewJsonLdError(InvalidInput, "expected []byte, string or io.Reader")
	}
}

// ParseNQuadsFrom parses RDF in the form of N-Quads from io.Reader, []byte or string.
func ParseNQuadsFrom(o interface{}) (*RDFDataset, error) {

	// build RDF dataset
	dataset := NewRDFDataset()

	// maintain a set of triples for each graph to check for duplicates
	triplesByGraph := make(map[string]map[Quad]struct{})
	dataset.parsedWithoutDuplicates = true // the following code ensures that no duplicate quads are added

	scanner, err := newScannerFor(o)
	if err != nil {
		return nil, err
	}

	// scan N-Quad input lines
	lineNumber := 0
	for scanner.Scan() {
		line := scanner.Bytes()
		lineNumber++

		// skip empty lines
		if isEmpty(line) {
			continue
		}

		// parse quad
		q, err := nquads.ParseRaw(string(line))
		if err != nil {
			return nil, NewJsonLdError(SyntaxError, fmt.Errorf("error while parsing N-Quads; invalid quad. line: %d. reason: %w", lineNumber, err))
		}

		// get subject
		var subject Node
		switch v := q.Subject.(type) {
		case quad.IRI:
			subject = NewIRI(string(v))
		case quad.BNode:
			subject = NewBlankNode(v.String())
		default:
			return nil, fmt.Errorf("invalid subject: %s", q.Subject.String())
		}

		// get predicate
		var predicate Node
		if iri, ok := q.Predicate.(quad.IRI); ok {
			predicate = NewIRI(string(iri))
		} else {
			return nil, fmt.Errorf("invalid predicate: %s", q.Predicate.String())
		}

		// get object
		var object Node
		switch obj := q.Object.(type) {
		case quad.IRI:
			object = NewIRI(string(obj))
		case quad.BNode:
			object = NewBlankNode(obj.String())
		case quad.TypedString:
			object = NewLiteral(string(obj.Value), string(obj.Type), "")
		case quad.LangString:
			object = NewLiteral(string(obj.Value), RDFLangString, obj.Lang)
		case quad.String:
			object = NewLiteral(string(obj), XSDString, "")
		default:
			return nil, fmt.Errorf("invalid object: %s", q.Object.String())
		}

		// get graph name ('@default' is used for the default graph)
		name := "@default"
		if label := q.Label; label != nil {
			switch label := label.(type) {
			case quad.IRI:
				name = string(label)
			case quad.BNode:
				name = label.String()
			default:
				return nil, fmt.Errorf("invalid label: %s", q.Label.String())
			}
		}

		triple := NewQuad(subject, predicate, object, name)

		// initialise graph in dataset
		triples, present := dataset.Graphs[name]
		if triplesByGraph[name] == nil {
			triplesByGraph[name] = make(map[Quad]struct{})
		}

		if !present {
			dataset.Graphs[name] = []*Quad{triple}
		} else {
			// add triple if unique to its graph
			if _, hasTriple := triplesByGraph[name][*triple]; !hasTriple {
				dataset.Graphs[name] = append(triples, triple)
			}
		}
		triplesByGraph[name][*triple] = struct{}{}
	}
	if err := scanner.Err(); err != nil {
		return nil, NewJsonLdError(IOError, err)
	}

	return dataset, nil
}

// ParseNQuads parses RDF in the form of N-Quads.
func ParseNQuads(input string) (*RDFDataset, error) {
	return ParseNQuadsFrom(input)
}

func isEmpty(line []byte) bool {
	for _, b := range line {
		if b != ' ' && b != '\t' {
			return false
		}
	}
	return true
}
