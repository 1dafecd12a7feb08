package verify

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"slices"

	"badged/credentials/bake"
	"badged/credentials/jsonld"
	"badged/credentials/ob2"
	"badged/credentials/proof/ob2jws"
	"badged/credentials/proof/vcjwt"
)

// MaxURLLength bounds a URL Verify fetches (a hosted assertion baked by its
// URL, a key, a status list).
const MaxURLLength = 2048

// kind is what the input turned out to be.
type kind int

const (
	kindOB2Hosted kind = iota + 1
	kindOB2Signed
	kindOB1
	kindOB3JWT
	kindOB3JSON
)

// input is the classified input.
type input struct {
	kind      kind
	container Container
	payload   []byte        // JSON (kindOB2Hosted, kindOB3JSON)
	url       string        // kindOB2Hosted baked by its URL alone
	ob2Token  *ob2jws.Token // kindOB2Signed
	vcToken   *vcjwt.Token  // kindOB3JWT
}

var (
	utf8BOM   = []byte("\xef\xbb\xbf")
	pngMagic  = []byte("\x89PNG\r\n\x1a\n")
	errNotOB  = fmt.Errorf("%w: not an Open Badges assertion or credential", ErrMalformed)
	vcContext = []string{jsonld.CredentialsV1URL, jsonld.CredentialsV2URL}
)

// ob1Context is the JSON-LD context of Open Badges 1.1 assertions.
const ob1Context = "https://w3id.org/openbadges/v1"

// detect tells what the input is: a baked image is opened first, then its
// badge is classified like any other input.
func detect(data []byte) (input, error) {
	text := bytes.TrimSpace(bytes.TrimPrefix(data, utf8BOM))
	if bytes.HasPrefix(data, pngMagic) || bytes.HasPrefix(text, []byte("<")) {
		return detectBaked(data)
	}
	return classify(text)
}

// detectBaked extracts the badge of a PNG or SVG: an OB 3.0 credential if
// there is one, else an OB 2.0 assertion.
func detectBaked(img []byte) (input, error) {
	format, err := bake.Detect(img)
	if err != nil {
		return input{}, err
	}
	container := ContainerPNG
	if format == bake.SVG {
		container = ContainerSVG
	}
	payload, err := bake.Extract(img, bake.OB3)
	if errors.Is(err, bake.ErrNotBaked) {
		payload, err = bake.Extract(img, bake.OB2)
	}
	if errors.Is(err, bake.ErrNotBaked) {
		return input{}, fmt.Errorf("%w: the %s image carries no Open Badges 2.0 or 3.0 badge", ErrMalformed, format)
	}
	if err != nil {
		return input{}, err
	}
	text := bytes.TrimSpace(payload)
	if bytes.HasPrefix(text, []byte("<")) || bytes.HasPrefix(text, pngMagic) {
		return input{}, fmt.Errorf("%w: the badge baked into the %s image is itself an image", ErrMalformed, format)
	}
	in, err := classify(text)
	if err != nil {
		return input{}, fmt.Errorf("badge baked into the %s image: %w", format, err)
	}
	in.container = container
	return in, nil
}

// classify tells JSON, a compact JWS and a hosted assertion's URL apart.
func classify(text []byte) (input, error) {
	switch {
	case len(text) == 0:
		return input{}, fmt.Errorf("%w: empty input", ErrMalformed)
	case text[0] == '{':
		return classifyJSON(text)
	case isHTTPURL(string(text)):
		// An OB 2.0 hosted assertion baked by its URL alone (the legacy
		// tEXt chunk, or an SVG verify attribute).
		return input{kind: kindOB2Hosted, url: string(text)}, nil
	case bytes.Count(text, []byte(".")) == 2:
		return classifyJWS(text)
	}
	return input{}, fmt.Errorf("%w: neither JSON, a compact JWS, nor a baked PNG or SVG", ErrMalformed)
}

// head is what classification reads of a JSON document: its context and
// type, and the members that tell an assertion from other documents.
type head struct {
	contexts []string
	types    []string
	members  map[string]json.RawMessage
}

func (h head) has(member string) bool { _, ok := h.members[member]; return ok }

func readHead(doc []byte) (head, error) {
	var members map[string]json.RawMessage
	if err := json.Unmarshal(doc, &members); err != nil {
		return head{}, fmt.Errorf("%w: invalid JSON: %v", ErrMalformed, err)
	}
	if members == nil {
		return head{}, fmt.Errorf("%w: JSON null", ErrMalformed)
	}
	h := head{members: members}
	h.contexts = stringsOf(members["@context"])
	h.types = stringsOf(members["type"])
	if len(h.types) == 0 {
		h.types = stringsOf(members["@type"])
	}
	return h, nil
}

// stringsOf returns the strings of a JSON string or array (other values
// in an array, such as inline contexts, are skipped).
func stringsOf(raw json.RawMessage) []string {
	var one string
	if json.Unmarshal(raw, &one) == nil {
		return []string{one}
	}
	var many []json.RawMessage
	if json.Unmarshal(raw, &many) != nil {
		return nil
	}
	var out []string
	for _, m := range many {
		if json.Unmarshal(m, &one) == nil {
			out = append(out, one)
		}
	}
	return out
}

func (h head) isVC() bool {
	return slices.Contains(h.types, "VerifiableCredential") ||
		slices.ContainsFunc(h.contexts, func(c string) bool { return slices.Contains(vcContext, c) })
}

func (h head) isOB2() bool { return slices.Contains(h.contexts, ob2.ContextURL) }

// isOB1 recognises an Open Badges 1.x assertion: its context, or no context
// and the 1.0 members.
func (h head) isOB1() bool {
	if slices.Contains(h.contexts, ob1Context) {
		return true
	}
	return !h.has("@context") && h.has("recipient") && h.has("badge") && (h.has("verify") || h.has("uid"))
}

// ob2Kind names the OB 2.0 document a non-assertion is, for the error.
func (h head) ob2Kind() string {
	if len(h.types) > 0 {
		return "an Open Badges 2.0 " + h.types[0]
	}
	return "an Open Badges 2.0 document without a type"
}

func classifyJSON(doc []byte) (input, error) {
	h, err := readHead(doc)
	if err != nil {
		return input{}, err
	}
	switch {
	case h.isVC():
		return input{kind: kindOB3JSON, payload: doc}, nil
	case h.isOB2():
		// A revoked hosted assertion may be reduced to its id, revoked
		// and revocationReason (the body of a 410 Gone).
		revokedStub := len(h.types) == 0 && h.has("id") && h.has("revoked")
		if slices.Contains(h.types, ob2.TypeAssertion) || revokedStub {
			return input{kind: kindOB2Hosted, payload: doc}, nil
		}
		return input{}, fmt.Errorf("%w: %s, not an assertion", ErrMalformed, h.ob2Kind())
	case h.isOB1():
		return input{kind: kindOB1}, nil
	}
	return input{}, errNotOB
}

// classifyJWS tells an OB 2.0 signed assertion from an OB 3.0 VC-JWT by its
// payload, then parses it with the format's own parser.
func classifyJWS(token []byte) (input, error) {
	parts := bytes.Split(token, []byte("."))
	payload := make([]byte, base64.RawURLEncoding.DecodedLen(len(parts[1])))
	n, err := base64.RawURLEncoding.Strict().Decode(payload, parts[1])
	if err != nil {
		return input{}, fmt.Errorf("%w: JWS payload is not base64url: %v", ErrMalformed, err)
	}
	payload = bytes.TrimSpace(payload[:n])
	if len(payload) == 0 || payload[0] != '{' {
		return input{}, fmt.Errorf("%w: the JWS payload is not a JSON object", ErrMalformed)
	}
	h, err := readHead(payload)
	if err != nil {
		return input{}, fmt.Errorf("JWS payload: %w", err)
	}
	switch {
	case h.isVC() || h.has("vc"):
		t, err := vcjwt.Parse(token)
		if err != nil {
			return input{}, err
		}
		return input{kind: kindOB3JWT, vcToken: t}, nil
	case h.isOB2():
		t, err := ob2jws.Parse(token)
		if err != nil {
			return input{}, err
		}
		return input{kind: kindOB2Signed, ob2Token: t}, nil
	}
	return input{}, fmt.Errorf("JWS payload: %w", errNotOB)
}

// isHTTPURL reports whether s is an absolute http or https URL with a host,
// short enough to fetch.
func isHTTPURL(s string) bool {
	if len(s) > MaxURLLength {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" && u.User == nil
}
