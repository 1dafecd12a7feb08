package bake

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"badged/credentials/proof"
)

const svgNamespace = "http://www.w3.org/2000/svg"

// svgDoc is what baking needs to know of an SVG: where the root start tag
// ends, how it binds the openbadges prefix, and where the badge elements of
// one version are.
type svgDoc struct {
	rootOpenEnd int    // just past the root start tag's '>'
	prefixNS    string // the root's xmlns:openbadges, if declared
	hasPrefix   bool
	badges      []svgBadge
}

// svgBadge is one badge element, as byte offsets into the document.
type svgBadge struct {
	start, end int
	verify     string
	hasVerify  bool
	body       []byte // the text and CDATA directly inside
}

// parseSVG reads an SVG with encoding/xml (strict, no entities but XML's
// five, no charset other than UTF-8), refusing DTD internal subsets, roots
// other than svg, and nesting deeper than MaxSVGDepth.
func parseSVG(svg []byte, v Version) (*svgDoc, error) {
	if err := checkImage(svg); err != nil {
		return nil, err
	}
	base := 0
	if bytes.HasPrefix(svg, []byte("\xef\xbb\xbf")) { // a UTF-8 byte order mark
		base = 3
	}
	d := xml.NewDecoder(bytes.NewReader(svg[base:]))
	d.Strict = true

	var doc svgDoc
	depth, rootSeen := 0, false
	inBadge, badgeDepth := false, 0
	var cur svgBadge
	for {
		off := base + int(d.InputOffset())
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("SVG is not well-formed XML: %w: %w", proof.ErrMalformed, err)
		}
		switch t := tok.(type) {
		case xml.Directive:
			// A DOCTYPE naming an external DTD (as Illustrator writes) is
			// harmless: it is never fetched. An internal subset is where
			// entity declarations, and so XML bombs, live.
			if bytes.ContainsAny(t, "[") || bytes.Contains(t, []byte("ENTITY")) {
				return nil, fmt.Errorf("SVG declares a DTD internal subset or entities: %w", proof.ErrMalformed)
			}
		case xml.StartElement:
			depth++
			if depth > MaxSVGDepth {
				return nil, fmt.Errorf("SVG nests elements deeper than %d: %w", MaxSVGDepth, proof.ErrMalformed)
			}
			end := base + int(d.InputOffset())
			if depth == 1 {
				if rootSeen {
					return nil, fmt.Errorf("SVG has more than one root element: %w", proof.ErrMalformed)
				}
				rootSeen = true
				if t.Name.Local != "svg" || (t.Name.Space != svgNamespace && t.Name.Space != "") {
					return nil, fmt.Errorf("root element is <%s>, not <svg>: %w", t.Name.Local, proof.ErrMalformed)
				}
				if bytes.HasSuffix(svg[:end], []byte("/>")) {
					return nil, fmt.Errorf("SVG root element is empty: %w", proof.ErrMalformed)
				}
				doc.rootOpenEnd = end
				for _, a := range t.Attr {
					if a.Name.Space == "xmlns" && a.Name.Local == "openbadges" {
						doc.prefixNS, doc.hasPrefix = a.Value, true
					}
				}
				continue
			}
			if !inBadge && isBadgeElement(t.Name, v) {
				inBadge, badgeDepth = true, depth
				cur = svgBadge{start: off}
				for _, a := range t.Attr {
					if a.Name.Space == "" && a.Name.Local == "verify" {
						cur.verify, cur.hasVerify = a.Value, true
					}
				}
			}
		case xml.CharData:
			if inBadge && depth == badgeDepth {
				cur.body = append(cur.body, t...)
			}
		case xml.EndElement:
			if inBadge && depth == badgeDepth {
				cur.end = base + int(d.InputOffset())
				doc.badges = append(doc.badges, cur)
				inBadge = false
			}
			depth--
		}
	}
	if !rootSeen {
		return nil, fmt.Errorf("SVG has no root element: %w", proof.ErrMalformed)
	}
	return &doc, nil
}

// isBadgeElement matches the version's element by namespace, or by the
// conventional prefix when a document forgot to declare it.
func isBadgeElement(n xml.Name, v Version) bool {
	return n.Local == v.element() && (n.Space == v.namespace() || n.Space == "openbadges")
}

// ExtractSVG returns the badge of version v baked into an SVG, from the
// first such element: for OB 3.0 its verify attribute (a VC-JWT) or else its
// body (the credential JSON); for OB 2.0 its body (a hosted assertion's
// JSON) or else its verify attribute (a signed badge's JWS, or the URL of a
// hosted assertion baked without its JSON).
func ExtractSVG(svg []byte, v Version) ([]byte, error) {
	if err := v.check(); err != nil {
		return nil, fmt.Errorf("extract from SVG: %w", err)
	}
	doc, err := parseSVG(svg, v)
	if err != nil {
		return nil, fmt.Errorf("extract from SVG: %w", err)
	}
	if len(doc.badges) == 0 {
		return nil, fmt.Errorf("extract from SVG: no <openbadges:%s>: %w", v.element(), ErrNotBaked)
	}
	b := doc.badges[0]
	body := bytes.TrimSpace(b.body)
	verify := []byte(b.verify)
	var out []byte
	switch {
	case v == OB3 && b.hasVerify && len(bytes.TrimSpace(verify)) > 0:
		out = verify
	case len(body) > 0:
		out = body
	default:
		out = verify
	}
	return checkExtracted(bytes.TrimSpace(out))
}

// BakeSVG returns a copy of an SVG with the payload baked into the version's
// element. The element replaces the first one already there (others are
// removed) or else goes directly after the <svg> start tag, which gains
// xmlns:openbadges if it lacks it. No other byte changes.
func BakeSVG(svg []byte, v Version, payload []byte) ([]byte, error) {
	if err := v.check(); err != nil {
		return nil, fmt.Errorf("bake SVG: %w", err)
	}
	payload, kind, err := checkPayload(payload)
	if err != nil {
		return nil, fmt.Errorf("bake SVG: %w", err)
	}
	if !isXMLText(payload) {
		return nil, fmt.Errorf("bake SVG: payload has characters XML does not allow: %w", proof.ErrMalformed)
	}
	doc, err := parseSVG(svg, v)
	if err != nil {
		return nil, fmt.Errorf("bake SVG: %w", err)
	}

	declareOnRoot := !doc.hasPrefix
	declareOnElement := doc.hasPrefix && doc.prefixNS != v.namespace()
	element, err := badgeElement(v, kind, payload, declareOnElement)
	if err != nil {
		return nil, fmt.Errorf("bake SVG: %w", err)
	}

	out := make([]byte, 0, len(svg)+len(element)+64)
	rootTagClose := doc.rootOpenEnd - 1 // the root start tag's '>'
	out = append(out, svg[:rootTagClose]...)
	if declareOnRoot {
		out = append(out, ` xmlns:openbadges="`...)
		out = append(out, v.namespace()...)
		out = append(out, '"')
	}
	out = append(out, svg[rootTagClose:doc.rootOpenEnd]...)
	pos := doc.rootOpenEnd
	if len(doc.badges) == 0 {
		out = append(out, element...)
	}
	for i, b := range doc.badges {
		out = append(out, svg[pos:b.start]...)
		if i == 0 {
			out = append(out, element...)
		}
		pos = b.end
	}
	return append(out, svg[pos:]...), nil
}

// badgeElement writes the version's element for a payload.
func badgeElement(v Version, kind payloadKind, payload []byte, declare bool) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("<openbadges:")
	b.WriteString(v.element())
	if declare {
		b.WriteString(` xmlns:openbadges="`)
		b.WriteString(v.namespace())
		b.WriteByte('"')
	}
	switch {
	case kind == jwsPayload && v == OB2:
		// Baking 1.0: a signed assertion's element is empty.
		writeAttr(&b, "verify", payload)
		b.WriteString("/>")
		return b.Bytes(), nil
	case kind == jwsPayload:
		writeAttr(&b, "verify", payload)
		b.WriteString("></openbadges:credential>")
		return b.Bytes(), nil
	case v == OB2:
		// Baking 1.0: a hosted assertion's element names its URL too.
		var a struct {
			ID string `json:"id"`
		}
		if err := json.Unmarshal(payload, &a); err != nil || a.ID == "" {
			return nil, fmt.Errorf("a hosted assertion needs its id for the verify attribute: %w", proof.ErrMalformed)
		}
		writeAttr(&b, "verify", []byte(a.ID))
	}
	b.WriteByte('>')
	writeCDATA(&b, payload)
	b.WriteString("</openbadges:")
	b.WriteString(v.element())
	b.WriteByte('>')
	return b.Bytes(), nil
}

func writeAttr(b *bytes.Buffer, name string, value []byte) {
	b.WriteByte(' ')
	b.WriteString(name)
	b.WriteString(`="`)
	_ = xml.EscapeText(b, value) // a bytes.Buffer does not fail
	b.WriteByte('"')
}

// writeCDATA wraps text in CDATA sections, splitting any "]]>" across two.
func writeCDATA(b *bytes.Buffer, text []byte) {
	b.WriteString("<![CDATA[")
	b.Write(bytes.ReplaceAll(text, []byte("]]>"), []byte("]]]]><![CDATA[>")))
	b.WriteString("]]>")
}

// isXMLText reports whether every character is an XML 1.0 Char (§2.2).
func isXMLText(b []byte) bool {
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		b = b[n:]
		switch {
		case r == '\t' || r == '\n' || r == '\r':
		case r >= 0x20 && r <= 0xD7FF, r >= 0xE000 && r <= 0xFFFD, r >= 0x10000 && r <= 0x10FFFF:
		default:
			return false
		}
	}
	return true
}
