package bake

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"unicode/utf8"

	"badged/credentials/proof"
)

// chunk is one PNG chunk (PNG §5.3) as it lies in the file.
type chunk struct {
	typ  string
	data []byte
	raw  []byte // length, type, data and CRC: what baking copies verbatim
}

// maxChunkLength is the PNG limit on a chunk's data length (2^31-1).
const maxChunkLength = 1<<31 - 1

// readChunks splits a PNG into its chunks, checking the signature, every
// chunk's bounds and CRC, that IHDR comes first and IEND last, and that
// nothing follows IEND.
func readChunks(img []byte) ([]chunk, error) {
	if err := checkImage(img); err != nil {
		return nil, err
	}
	if !bytes.HasPrefix(img, pngSignature) {
		return nil, fmt.Errorf("not a PNG (bad signature): %w", proof.ErrMalformed)
	}
	var chunks []chunk
	for rest := img[len(pngSignature):]; ; {
		if len(rest) < 12 {
			return nil, fmt.Errorf("PNG truncated after %d chunks: %w", len(chunks), proof.ErrMalformed)
		}
		n := binary.BigEndian.Uint32(rest)
		if n > maxChunkLength || uint64(n)+12 > uint64(len(rest)) {
			return nil, fmt.Errorf("PNG chunk %d is truncated: %w", len(chunks), proof.ErrMalformed)
		}
		typ := rest[4:8]
		for _, c := range typ {
			if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') {
				return nil, fmt.Errorf("PNG chunk %d has an invalid type %q: %w", len(chunks), typ, proof.ErrMalformed)
			}
		}
		c := chunk{typ: string(typ), data: rest[8 : 8+n], raw: rest[:12+n]}
		if crc32.ChecksumIEEE(rest[4:8+n]) != binary.BigEndian.Uint32(rest[8+n:]) {
			return nil, fmt.Errorf("PNG chunk %d (%s) has a bad CRC: %w", len(chunks), c.typ, proof.ErrMalformed)
		}
		if len(chunks) == 0 && c.typ != "IHDR" {
			return nil, fmt.Errorf("PNG does not start with IHDR: %w", proof.ErrMalformed)
		}
		chunks = append(chunks, c)
		rest = rest[12+n:]
		if c.typ == "IEND" {
			if len(rest) != 0 {
				return nil, fmt.Errorf("PNG has %d bytes after IEND: %w", len(rest), proof.ErrMalformed)
			}
			return chunks, nil
		}
	}
}

// textChunk is a decoded iTXt or tEXt chunk.
type textChunk struct {
	keyword    string
	compressed bool
	text       []byte
}

// parseText decodes an iTXt (PNG §11.3.4.5) or tEXt chunk, or reports false
// for other chunks.
func parseText(c chunk) (textChunk, bool, error) {
	if c.typ != "iTXt" && c.typ != "tEXt" {
		return textChunk{}, false, nil
	}
	keyword, rest, ok := bytes.Cut(c.data, []byte{0})
	if !ok || len(keyword) == 0 || len(keyword) > 79 {
		return textChunk{}, true, fmt.Errorf("%s chunk without a valid keyword: %w", c.typ, proof.ErrMalformed)
	}
	// The keyword is returned even when the rest is malformed, so that a
	// broken badge chunk is reported by Extract and replaced by Bake.
	t := textChunk{keyword: string(keyword)}
	if c.typ == "tEXt" {
		t.text = rest
		return t, true, nil
	}
	truncated := fmt.Errorf("iTXt %q is truncated: %w", keyword, proof.ErrMalformed)
	if len(rest) < 2 {
		return t, true, truncated
	}
	t.compressed = rest[0] != 0
	rest = rest[2:]
	if _, rest, ok = bytes.Cut(rest, []byte{0}); !ok { // language tag
		return t, true, truncated
	}
	if _, rest, ok = bytes.Cut(rest, []byte{0}); !ok { // translated keyword
		return t, true, truncated
	}
	t.text = rest
	return t, true, nil
}

// isBadgeChunk reports whether a text chunk holds a badge of version v: the
// iTXt of the baking specifications or, for OB 2.0, a pre-specification
// tEXt "openbadges" chunk (which held the assertion URL).
func isBadgeChunk(c chunk, t textChunk, v Version) bool {
	return t.keyword == v.keyword() && (c.typ == "iTXt" || v == OB2)
}

// ExtractPNG returns the badge of version v baked into a PNG: the text of
// the first iTXt chunk with the version's keyword or, failing that for
// OB 2.0, of a legacy tEXt "openbadges" chunk (then a hosted assertion URL).
func ExtractPNG(img []byte, v Version) ([]byte, error) {
	if err := v.check(); err != nil {
		return nil, fmt.Errorf("extract from PNG: %w", err)
	}
	chunks, err := readChunks(img)
	if err != nil {
		return nil, fmt.Errorf("extract from PNG: %w", err)
	}
	var legacy []byte
	for _, c := range chunks {
		t, isText, err := parseText(c)
		if !isText || t.keyword != v.keyword() {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("extract from PNG: %w", err)
		}
		if c.typ == "tEXt" {
			if legacy == nil && v == OB2 {
				legacy = t.text
			}
			continue
		}
		if t.compressed {
			return nil, fmt.Errorf("extract from PNG: the %q iTXt chunk is compressed, which baking forbids: %w", t.keyword, proof.ErrMalformed)
		}
		return checkExtracted(t.text)
	}
	if legacy != nil {
		return checkExtracted(latin1ToUTF8(legacy))
	}
	return nil, fmt.Errorf("extract from PNG: no %q chunk: %w", v.keyword(), ErrNotBaked)
}

func checkExtracted(text []byte) ([]byte, error) {
	switch {
	case len(text) > MaxPayloadSize:
		return nil, fmt.Errorf("extract: baked payload of %d bytes exceeds %d: %w", len(text), MaxPayloadSize, proof.ErrMalformed)
	case !utf8.Valid(text):
		return nil, fmt.Errorf("extract: baked payload is not UTF-8: %w", proof.ErrMalformed)
	case len(bytes.TrimSpace(text)) == 0:
		return nil, fmt.Errorf("extract: baked payload is empty: %w", proof.ErrMalformed)
	}
	return bytes.Clone(text), nil
}

// latin1ToUTF8 converts tEXt text, which PNG defines as ISO 8859-1.
func latin1ToUTF8(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for _, c := range b {
		out = utf8.AppendRune(out, rune(c))
	}
	return out
}

// BakePNG returns a copy of a PNG with the payload in an uncompressed iTXt
// chunk of version v. The chunk replaces the first chunk that held a badge
// of that version (other such chunks are dropped); without one, it goes
// just before the first IDAT. All other chunks are copied byte for byte.
func BakePNG(img []byte, v Version, payload []byte) ([]byte, error) {
	if err := v.check(); err != nil {
		return nil, fmt.Errorf("bake PNG: %w", err)
	}
	payload, _, err := checkPayload(payload)
	if err != nil {
		return nil, fmt.Errorf("bake PNG: %w", err)
	}
	chunks, err := readChunks(img)
	if err != nil {
		return nil, fmt.Errorf("bake PNG: %w", err)
	}
	badge := iTXtChunk(v.keyword(), payload)

	isBadge := make([]bool, len(chunks))
	replacing := false
	for i, c := range chunks {
		t, isText, _ := parseText(c) // a malformed badge chunk is replaced too
		isBadge[i] = isText && isBadgeChunk(c, t, v)
		replacing = replacing || isBadge[i]
	}

	out := make([]byte, 0, len(img)+len(badge))
	out = append(out, pngSignature...)
	placed := false
	for i, c := range chunks {
		if isBadge[i] {
			if !placed {
				out = append(out, badge...)
				placed = true
			}
			continue
		}
		if c.typ == "IDAT" && !placed && !replacing {
			out = append(out, badge...)
			placed = true
		}
		out = append(out, c.raw...)
	}
	if !placed {
		return nil, fmt.Errorf("bake PNG: no IDAT chunk: %w", proof.ErrMalformed)
	}
	return out, nil
}

// iTXtChunk encodes an uncompressed iTXt chunk with empty language tag and
// translated keyword: keyword NUL 0 0 NUL NUL text.
func iTXtChunk(keyword string, text []byte) []byte {
	n := len(keyword) + 5 + len(text)
	c := make([]byte, 0, 12+n)
	c = binary.BigEndian.AppendUint32(c, uint32(n))
	c = append(c, "iTXt"...)
	c = append(c, keyword...)
	c = append(c, 0, 0, 0, 0, 0)
	c = append(c, text...)
	return binary.BigEndian.AppendUint32(c, crc32.ChecksumIEEE(c[4:]))
}
