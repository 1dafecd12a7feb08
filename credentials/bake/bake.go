package bake

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"unicode/utf8"

	"badged/credentials/proof"
)

// Input limits.
const (
	// MaxImageSize bounds an image to bake or extract from. Badge images
	// are small; the largest sample is 84 KB.
	MaxImageSize = 16 << 20
	// MaxPayloadSize bounds a baked assertion, credential or JWS.
	MaxPayloadSize = 4 << 20
	// MaxSVGDepth bounds element nesting in an SVG.
	MaxSVGDepth = 256
)

// ErrNotBaked reports an image that holds no badge of the version asked for.
var ErrNotBaked = errors.New("no baked badge")

// Version selects the Open Badges version, which decides the PNG keyword and
// the SVG element.
type Version int

// The versions.
const (
	OB2 Version = 2 // Open Badges 2.0: iTXt "openbadges", <openbadges:assertion>
	OB3 Version = 3 // Open Badges 3.0: iTXt "openbadgecredential", <openbadges:credential>
)

func (v Version) String() string {
	switch v {
	case OB2:
		return "Open Badges 2.0"
	case OB3:
		return "Open Badges 3.0"
	default:
		return fmt.Sprintf("Version(%d)", int(v))
	}
}

// keyword is the PNG iTXt keyword of the version.
func (v Version) keyword() string {
	if v == OB2 {
		return "openbadges"
	}
	return "openbadgecredential"
}

// namespace and element are the SVG element's namespace and local name.
func (v Version) namespace() string {
	if v == OB2 {
		return "http://openbadges.org"
	}
	return "https://purl.imsglobal.org/ob/v3p0"
}

func (v Version) element() string {
	if v == OB2 {
		return "assertion"
	}
	return "credential"
}

func (v Version) check() error {
	if v != OB2 && v != OB3 {
		return fmt.Errorf("unknown Open Badges version %d", int(v))
	}
	return nil
}

// Format is an image format that can carry a badge.
type Format string

// The formats.
const (
	PNG Format = "PNG"
	SVG Format = "SVG"
)

var pngSignature = []byte("\x89PNG\r\n\x1a\n")

// Detect tells a PNG from an SVG (any XML document; Extract and Bake then
// check that its root is svg).
func Detect(img []byte) (Format, error) {
	if bytes.HasPrefix(img, pngSignature) {
		return PNG, nil
	}
	text := bytes.TrimLeft(bytes.TrimPrefix(img, []byte("\xef\xbb\xbf")), " \t\r\n")
	if bytes.HasPrefix(text, []byte("<")) {
		return SVG, nil
	}
	return "", fmt.Errorf("image is neither PNG nor SVG: %w", proof.ErrMalformed)
}

// Bake returns a copy of a PNG or SVG image with the badge payload (the
// assertion or credential JSON, or a compact JWS) baked in, replacing any
// badge of the same version it held.
func Bake(img []byte, v Version, payload []byte) ([]byte, error) {
	f, err := Detect(img)
	if err != nil {
		return nil, fmt.Errorf("bake: %w", err)
	}
	if f == PNG {
		return BakePNG(img, v, payload)
	}
	return BakeSVG(img, v, payload)
}

// Extract returns the badge of version v baked into a PNG or SVG image.
func Extract(img []byte, v Version) ([]byte, error) {
	f, err := Detect(img)
	if err != nil {
		return nil, fmt.Errorf("extract: %w", err)
	}
	if f == PNG {
		return ExtractPNG(img, v)
	}
	return ExtractSVG(img, v)
}

// payloadKind is what a payload to bake is.
type payloadKind int

const (
	jsonPayload payloadKind = iota + 1
	jwsPayload
)

// checkPayload validates a payload to bake and returns it without
// surrounding whitespace.
func checkPayload(payload []byte) ([]byte, payloadKind, error) {
	payload = bytes.TrimSpace(payload)
	switch {
	case len(payload) == 0:
		return nil, 0, fmt.Errorf("empty payload: %w", proof.ErrMalformed)
	case len(payload) > MaxPayloadSize:
		return nil, 0, fmt.Errorf("payload of %d bytes exceeds %d: %w", len(payload), MaxPayloadSize, proof.ErrMalformed)
	case !utf8.Valid(payload):
		return nil, 0, fmt.Errorf("payload is not UTF-8: %w", proof.ErrMalformed)
	case payload[0] == '{':
		if !json.Valid(payload) {
			return nil, 0, fmt.Errorf("payload is not valid JSON: %w", proof.ErrMalformed)
		}
		return payload, jsonPayload, nil
	case isCompactJWS(payload):
		return payload, jwsPayload, nil
	default:
		return nil, 0, fmt.Errorf("payload is neither a JSON object nor a compact JWS: %w", proof.ErrMalformed)
	}
}

// isCompactJWS reports whether p is three base64url parts joined by dots.
func isCompactJWS(p []byte) bool {
	dots := 0
	for _, c := range p {
		switch {
		case c == '.':
			dots++
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '-', c == '_':
		default:
			return false
		}
	}
	return dots == 2
}

func checkImage(img []byte) error {
	if len(img) > MaxImageSize {
		return fmt.Errorf("image of %d bytes exceeds %d: %w", len(img), MaxImageSize, proof.ErrMalformed)
	}
	return nil
}
