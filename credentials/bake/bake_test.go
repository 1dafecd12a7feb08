package bake_test

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"encoding/xml"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"badged/credentials/bake"
	"badged/credentials/proof"
)

const (
	ob2Namespace = "http://openbadges.org"
	ob3Namespace = "https://purl.imsglobal.org/ob/v3p0"
	testJWS      = "eyJhbGciOiJFZERTQSJ9.eyJpZCI6InVybjp1dWlkOjEifQ.c2lnbmF0dXJl"
	testJSON     = `{"@context":["https://www.w3.org/ns/credentials/v2"],"id":"urn:uuid:1","name":"Ünïcödé ]]> badge"}`
	testHosted   = `{"@context":"https://w3id.org/openbadges/v2","type":"Assertion","id":"https://example.org/a?x=1&y=2","verification":{"type":"hosted"}}`
)

func readFile(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	require.NoError(t, err)
	return data
}

// plainPNG encodes a small image with the standard library: a PNG nobody
// baked.
func plainPNG(t testing.TB) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 4, 3))
	for x := range 4 {
		img.Set(x, 1, color.NRGBA{R: 200, A: 255})
	}
	var b bytes.Buffer
	require.NoError(t, png.Encode(&b, img))
	return b.Bytes()
}

// pngChunk is a chunk as an independent, minimal reader in this test sees it.
type pngChunk struct {
	typ  string
	data []byte
	raw  []byte
}

func chunksOf(t testing.TB, img []byte) []pngChunk {
	t.Helper()
	require.True(t, bytes.HasPrefix(img, []byte("\x89PNG\r\n\x1a\n")))
	var out []pngChunk
	for rest := img[8:]; len(rest) > 0; {
		n := int(binary.BigEndian.Uint32(rest))
		c := pngChunk{typ: string(rest[4:8]), data: rest[8 : 8+n], raw: rest[:12+n]}
		require.Equal(t, crc32.ChecksumIEEE(rest[4:8+n]), binary.BigEndian.Uint32(rest[8+n:]), "CRC of %s", c.typ)
		out = append(out, c)
		rest = rest[12+n:]
	}
	return out
}

// withoutKeyword drops the text chunks with a keyword.
func withoutKeyword(chunks []pngChunk, keyword string) []pngChunk {
	var out []pngChunk
	for _, c := range chunks {
		if (c.typ == "iTXt" || c.typ == "tEXt") && bytes.HasPrefix(c.data, []byte(keyword+"\x00")) {
			continue
		}
		out = append(out, c)
	}
	return out
}

func types(chunks []pngChunk) []string {
	var out []string
	for _, c := range chunks {
		out = append(out, c.typ)
	}
	return out
}

// makeChunk encodes a chunk, for building unusual PNGs.
func makeChunk(typ string, data []byte) []byte {
	c := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	c = append(c, typ...)
	c = append(c, data...)
	return binary.BigEndian.AppendUint32(c, crc32.ChecksumIEEE(c[4:]))
}

// insertAfterIHDR splices extra chunks in after IHDR (8 + 25 bytes in).
func insertAfterIHDR(img []byte, extra ...[]byte) []byte {
	out := append([]byte{}, img[:33]...)
	for _, e := range extra {
		out = append(out, e...)
	}
	return append(out, img[33:]...)
}

func decodePixels(t testing.TB, img []byte) image.Image {
	t.Helper()
	m, err := png.Decode(bytes.NewReader(img))
	require.NoError(t, err)
	return m
}

// Extraction gives exactly what the 1EdTech samples hold.
func TestExtractValidatorSamples(t *testing.T) {
	t.Parallel()
	t.Run("ok/OB 2.0 PNG", func(t *testing.T) {
		t.Parallel()
		img := readFile(t, "validator-simple-badge.png")
		got, err := bake.Extract(img, bake.OB2)
		require.NoError(t, err)
		var want []byte
		for _, c := range chunksOf(t, img) {
			if c.typ == "iTXt" && bytes.HasPrefix(c.data, []byte("openbadges\x00")) {
				want = c.data[len("openbadges")+5:]
			}
		}
		require.Equal(t, string(want), string(got))
		var a map[string]any
		require.NoError(t, json.Unmarshal(got, &a))
		require.Equal(t, "https://example.org/beths-robotics-badge.json", a["id"])
		_, err = bake.Extract(img, bake.OB3)
		require.ErrorIs(t, err, bake.ErrNotBaked)
	})
	t.Run("ok/OB 3.0 PNG and SVG carry the same credential", func(t *testing.T) {
		t.Parallel()
		fromPNG, err := bake.Extract(readFile(t, "validator-simple-json.png"), bake.OB3)
		require.NoError(t, err)
		fromSVG, err := bake.Extract(readFile(t, "validator-simple-json.svg"), bake.OB3)
		require.NoError(t, err)
		require.JSONEq(t, string(fromPNG), string(fromSVG))
		require.True(t, bytes.HasPrefix(fromSVG, []byte("{")) && bytes.HasSuffix(fromSVG, []byte("}")))
		require.Contains(t, string(fromPNG), "z76jrNcyxHg5fV17h96yCRwqUaTQZD2QQivyNqHyLSvqu3aWGC3nLShzZEGbH3LnVFodwov9rPQxi3QRP7adCrzV")
	})
	t.Run("ok/OB 3.0 SVG with a VC-JWT", func(t *testing.T) {
		t.Parallel()
		got, err := bake.Extract(readFile(t, "validator-simple-jwt.svg"), bake.OB3)
		require.NoError(t, err)
		require.Equal(t, string(readFile(t, "validator-simple-jwt.extracted-from-svg.jws")), string(got))
		_, err = bake.Extract(readFile(t, "validator-simple-jwt.svg"), bake.OB2)
		require.ErrorIs(t, err, bake.ErrNotBaked)
	})
}

func TestBakePNG(t *testing.T) {
	t.Parallel()
	images := map[string][]byte{
		"plain":                        plainPNG(t),
		"baked OB 2.0":                 readFile(t, "validator-simple-badge.png"),
		"baked OB 3.0 (after 3 IDATs)": readFile(t, "validator-simple-json.png"),
	}
	for name, img := range images {
		for _, v := range []bake.Version{bake.OB2, bake.OB3} {
			for _, payload := range []string{testJWS, testJSON} {
				t.Run(name+"/"+v.String()+"/"+payload[:4], func(t *testing.T) {
					t.Parallel()
					keyword := map[bake.Version]string{bake.OB2: "openbadges", bake.OB3: "openbadgecredential"}[v]
					baked, err := bake.Bake(img, v, []byte(payload))
					require.NoError(t, err)

					got, err := bake.Extract(baked, v)
					require.NoError(t, err)
					require.Equal(t, payload, string(got))

					// Exactly one badge chunk, uncompressed, with empty
					// language tag and translated keyword.
					before, after := chunksOf(t, img), chunksOf(t, baked)
					var badges []pngChunk
					for _, c := range after {
						if c.typ == "iTXt" && bytes.HasPrefix(c.data, []byte(keyword+"\x00")) {
							badges = append(badges, c)
						}
					}
					require.Len(t, badges, 1)
					require.Equal(t, keyword+"\x00\x00\x00\x00\x00"+payload, string(badges[0].data))

					// Every other chunk is the original, byte for byte, in order.
					require.Equal(t, withoutKeyword(before, keyword), withoutKeyword(after, keyword))
					require.Equal(t, decodePixels(t, img), decodePixels(t, baked))

					// A new chunk goes before the first IDAT; a replaced one
					// stays where it was.
					at := func(chunks []pngChunk, pred func(pngChunk) bool) int {
						for i, c := range chunks {
							if pred(c) {
								return i
							}
						}
						return -1
					}
					isBadge := func(c pngChunk) bool {
						return c.typ == "iTXt" && bytes.HasPrefix(c.data, []byte(keyword+"\x00"))
					}
					if old := at(before, isBadge); old >= 0 {
						require.Equal(t, old, at(after, isBadge))
					} else {
						require.Equal(t, at(after, func(c pngChunk) bool { return c.typ == "IDAT" })-1, at(after, isBadge))
					}

					// Baking again replaces rather than adds.
					again, err := bake.Bake(baked, v, []byte(payload))
					require.NoError(t, err)
					require.Equal(t, baked, again)
				})
			}
		}
	}
}

func TestBakePNGReplacesEveryBadgeChunk(t *testing.T) {
	t.Parallel()
	itxt := func(keyword, text string, compressed byte) []byte {
		return makeChunk("iTXt", append([]byte(keyword+"\x00"+string([]byte{compressed, 0})+"\x00\x00"), text...))
	}
	img := insertAfterIHDR(plainPNG(t),
		makeChunk("tEXt", []byte("openbadges\x00https://example.org/assertion/1")),
		itxt("openbadges", `{"old":1}`, 0),
		itxt("openbadges", "x", 1),
		itxt("openbadgecredential", testJWS, 0),
	)

	t.Run("ok/legacy tEXt is read when no iTXt", func(t *testing.T) {
		t.Parallel()
		legacy := insertAfterIHDR(plainPNG(t), makeChunk("tEXt", []byte("openbadges\x00https://example.org/caf\xe9")))
		got, err := bake.Extract(legacy, bake.OB2)
		require.NoError(t, err)
		require.Equal(t, "https://example.org/café", string(got))
		_, err = bake.Extract(legacy, bake.OB3)
		require.ErrorIs(t, err, bake.ErrNotBaked)
	})
	t.Run("ok/first iTXt wins", func(t *testing.T) {
		t.Parallel()
		got, err := bake.Extract(img, bake.OB2)
		require.NoError(t, err)
		require.Equal(t, `{"old":1}`, string(got))
	})
	t.Run("ok/one chunk left, the other version's kept", func(t *testing.T) {
		t.Parallel()
		baked, err := bake.Bake(img, bake.OB2, []byte(testHosted))
		require.NoError(t, err)
		require.Equal(t, []string{"IHDR", "iTXt", "iTXt", "IDAT", "IEND"}, types(chunksOf(t, baked)))
		got, err := bake.Extract(baked, bake.OB2)
		require.NoError(t, err)
		require.Equal(t, testHosted, string(got))
		got, err = bake.Extract(baked, bake.OB3)
		require.NoError(t, err)
		require.Equal(t, testJWS, string(got))
	})
	t.Run("error/compressed badge chunk", func(t *testing.T) {
		t.Parallel()
		_, err := bake.Extract(insertAfterIHDR(plainPNG(t), itxt("openbadgecredential", "x", 1)), bake.OB3)
		require.ErrorIs(t, err, proof.ErrMalformed)
	})
	t.Run("error/truncated badge chunk", func(t *testing.T) {
		t.Parallel()
		broken := insertAfterIHDR(plainPNG(t), makeChunk("iTXt", []byte("openbadgecredential\x00\x00")))
		_, err := bake.Extract(broken, bake.OB3)
		require.ErrorIs(t, err, proof.ErrMalformed)
		baked, err := bake.Bake(broken, bake.OB3, []byte(testJWS))
		require.NoError(t, err, "baking replaces a broken badge chunk")
		got, err := bake.Extract(baked, bake.OB3)
		require.NoError(t, err)
		require.Equal(t, testJWS, string(got))
	})
}

func TestPNGMalformed(t *testing.T) {
	t.Parallel()
	good := plainPNG(t)
	badCRC := append([]byte{}, good...)
	badCRC[32] ^= 0xff // the last byte of IHDR's CRC
	badLength := append([]byte{}, good...)
	binary.BigEndian.PutUint32(badLength[8:], 0x7fffffff)
	badType := append([]byte{}, good...)
	copy(badType[12:16], "IH1R")
	iend := makeChunk("IEND", nil)
	noIHDR := append(append([]byte{}, good[:8]...), good[33:]...)
	noIDAT := append(append([]byte{}, good[:33]...), iend...)

	tests := map[string][]byte{
		"error/empty":            nil,
		"error/bad signature":    append([]byte("\x89PNX\r\n\x1a\n"), good[8:]...),
		"error/signature only":   good[:8],
		"error/truncated chunk":  good[:len(good)-20],
		"error/truncated IEND":   good[:len(good)-1],
		"error/bad CRC":          badCRC,
		"error/huge length":      badLength,
		"error/bad chunk type":   badType,
		"error/no IHDR first":    noIHDR,
		"error/data after IEND":  append(append([]byte{}, good...), "junk"...),
		"error/chunk after IEND": append(append([]byte{}, good...), iend...),
		"error/too large":        append(append([]byte{}, good...), make([]byte, bake.MaxImageSize)...),
	}
	for name, img := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := bake.ExtractPNG(img, bake.OB3)
			require.ErrorIs(t, err, proof.ErrMalformed)
			_, err = bake.BakePNG(img, bake.OB3, []byte(testJWS))
			require.ErrorIs(t, err, proof.ErrMalformed)
		})
	}
	t.Run("error/no IDAT to bake before", func(t *testing.T) {
		t.Parallel()
		_, err := bake.BakePNG(noIDAT, bake.OB3, []byte(testJWS))
		require.ErrorIs(t, err, proof.ErrMalformed)
		_, err = bake.ExtractPNG(noIDAT, bake.OB3)
		require.ErrorIs(t, err, bake.ErrNotBaked)
	})
}

func TestBakePayloadRefused(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"error/empty":           "  ",
		"error/text":            "hello",
		"error/JSON array":      "[1]",
		"error/invalid JSON":    `{"a":}`,
		"error/two-part JWS":    "a.b",
		"error/JWS with spaces": "a.b c.d",
		"error/not UTF-8":       "{\"a\":\"\xff\"}",
		"error/too large":       `{"a":"` + strings.Repeat("x", bake.MaxPayloadSize) + `"}`,
	}
	for name, payload := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			for _, img := range [][]byte{plainPNG(t), readFile(t, "plain.svg")} {
				_, err := bake.Bake(img, bake.OB3, []byte(payload))
				require.ErrorIs(t, err, proof.ErrMalformed)
			}
		})
	}
	t.Run("error/unknown version", func(t *testing.T) {
		t.Parallel()
		_, err := bake.Bake(plainPNG(t), bake.Version(4), []byte(testJWS))
		require.Error(t, err)
		_, err = bake.Extract(readFile(t, "plain.svg"), bake.Version(0))
		require.Error(t, err)
	})
	t.Run("error/neither PNG nor SVG", func(t *testing.T) {
		t.Parallel()
		_, err := bake.Bake([]byte("GIF89a"), bake.OB3, []byte(testJWS))
		require.ErrorIs(t, err, proof.ErrMalformed)
		_, err = bake.Extract(nil, bake.OB3)
		require.ErrorIs(t, err, proof.ErrMalformed)
	})
	t.Run("error/hosted OB 2.0 JSON without id in SVG", func(t *testing.T) {
		t.Parallel()
		_, err := bake.Bake(readFile(t, "plain.svg"), bake.OB2, []byte(`{"type":"Assertion"}`))
		require.ErrorIs(t, err, proof.ErrMalformed)
	})
	t.Run("error/JSON with a character XML forbids in SVG", func(t *testing.T) {
		t.Parallel()
		_, err := bake.Bake(readFile(t, "plain.svg"), bake.OB3, []byte("{\"a\":\"\uFFFE\"}"))
		require.ErrorIs(t, err, proof.ErrMalformed)
		_, err = bake.Bake(plainPNG(t), bake.OB3, []byte("{\"a\":\"\uFFFE\"}"))
		require.NoError(t, err, "PNG text takes any UTF-8")
	})
}

// The exact SVG bytes baking must produce, written out independently.
func TestBakeSVGExactBytes(t *testing.T) {
	t.Parallel()
	plain := string(readFile(t, "plain.svg"))
	root := `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="120" viewBox="0 0 120 120">`
	require.Contains(t, plain, root)
	rootWith := func(ns string) string {
		return strings.TrimSuffix(root, ">") + ` xmlns:openbadges="` + ns + `">`
	}
	tests := []struct {
		name    string
		v       bake.Version
		payload string
		element string
	}{
		{"ok/OB 3.0 VC-JWT", bake.OB3, testJWS, `<openbadges:credential verify="` + testJWS + `"></openbadges:credential>`},
		{"ok/OB 3.0 JSON", bake.OB3, testJSON, `<openbadges:credential><![CDATA[` + strings.Replace(testJSON, "]]>", "]]]]><![CDATA[>", 1) + `]]></openbadges:credential>`},
		{"ok/OB 2.0 signed", bake.OB2, testJWS, `<openbadges:assertion verify="` + testJWS + `"/>`},
		{"ok/OB 2.0 hosted", bake.OB2, testHosted, `<openbadges:assertion verify="https://example.org/a?x=1&amp;y=2"><![CDATA[` + testHosted + `]]></openbadges:assertion>`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ns := map[bake.Version]string{bake.OB2: ob2Namespace, bake.OB3: ob3Namespace}[tc.v]
			baked, err := bake.Bake([]byte(plain), tc.v, []byte("\n"+tc.payload+"\n"))
			require.NoError(t, err)
			want := strings.Replace(plain, root, rootWith(ns)+tc.element, 1)
			require.Equal(t, want, string(baked))
			requireWellFormed(t, baked)

			got, err := bake.Extract(baked, tc.v)
			require.NoError(t, err)
			require.Equal(t, tc.payload, string(got))

			again, err := bake.Bake(baked, tc.v, []byte(tc.payload))
			require.NoError(t, err)
			require.Equal(t, string(baked), string(again), "baking again replaces the element")
		})
	}
}

func requireWellFormed(t testing.TB, doc []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(doc))
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return
		}
		require.NoError(t, err)
	}
}

// Baking into the 1EdTech samples replaces their element in place and
// leaves every other byte alone.
func TestBakeSVGReplacesInPlace(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"validator-simple-json.svg", "validator-simple-jwt.svg"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			orig := string(readFile(t, name))
			start := strings.Index(orig, "<openbadges:credential")
			end := strings.Index(orig, "</openbadges:credential>") + len("</openbadges:credential>")
			require.True(t, start > 0 && end > start)

			baked, err := bake.Bake([]byte(orig), bake.OB3, []byte(testJSON))
			require.NoError(t, err)
			element := `<openbadges:credential><![CDATA[` + strings.Replace(testJSON, "]]>", "]]]]><![CDATA[>", 1) + `]]></openbadges:credential>`
			require.Equal(t, orig[:start]+element+orig[end:], string(baked), "the root already declares the namespace")

			// An OB 2.0 badge added beside it declares its own namespace,
			// since the root binds the prefix to OB 3.0's.
			both, err := bake.Bake(baked, bake.OB2, []byte(testJWS))
			require.NoError(t, err)
			requireWellFormed(t, both)
			require.Contains(t, string(both), `<openbadges:assertion xmlns:openbadges="http://openbadges.org" verify="`+testJWS+`"/>`)
			got, err := bake.Extract(both, bake.OB2)
			require.NoError(t, err)
			require.Equal(t, testJWS, string(got))
			got, err = bake.Extract(both, bake.OB3)
			require.NoError(t, err)
			require.Equal(t, testJSON, string(got))
		})
	}
}

func TestSVGVariants(t *testing.T) {
	t.Parallel()
	t.Run("ok/several elements: first wins, baking leaves one", func(t *testing.T) {
		t.Parallel()
		svg := `<svg xmlns="http://www.w3.org/2000/svg" xmlns:ob="https://purl.imsglobal.org/ob/v3p0"><ob:credential verify="a.b.c"/><g/><ob:credential verify="d.e.f"/></svg>`
		got, err := bake.Extract([]byte(svg), bake.OB3)
		require.NoError(t, err)
		require.Equal(t, "a.b.c", string(got))
		baked, err := bake.Bake([]byte(svg), bake.OB3, []byte(testJWS))
		require.NoError(t, err)
		require.Equal(t, 1, strings.Count(string(baked), "<openbadges:credential"))
		require.NotContains(t, string(baked), "ob:credential")
		require.Contains(t, string(baked), "<g/>")
	})
	t.Run("ok/undeclared prefix read leniently", func(t *testing.T) {
		t.Parallel()
		got, err := bake.Extract([]byte(`<svg><openbadges:credential verify="a.b.c"></openbadges:credential></svg>`), bake.OB3)
		require.NoError(t, err)
		require.Equal(t, "a.b.c", string(got))
	})
	t.Run("ok/OB 2.0 hosted URL only", func(t *testing.T) {
		t.Parallel()
		got, err := bake.Extract([]byte(`<svg xmlns:openbadges="http://openbadges.org"><openbadges:assertion verify="https://example.org/a.json"/></svg>`), bake.OB2)
		require.NoError(t, err)
		require.Equal(t, "https://example.org/a.json", string(got))
	})
	t.Run("ok/byte order mark", func(t *testing.T) {
		t.Parallel()
		svg := "\xef\xbb\xbf" + string(readFile(t, "plain.svg"))
		baked, err := bake.Bake([]byte(svg), bake.OB3, []byte(testJWS))
		require.NoError(t, err)
		require.True(t, strings.HasPrefix(string(baked), "\xef\xbb\xbf<?xml"))
		got, err := bake.Extract(baked, bake.OB3)
		require.NoError(t, err)
		require.Equal(t, testJWS, string(got))
	})
	t.Run("error/element in another namespace", func(t *testing.T) {
		t.Parallel()
		_, err := bake.Extract([]byte(`<svg xmlns:x="http://example.org"><x:credential verify="a.b.c"/></svg>`), bake.OB3)
		require.ErrorIs(t, err, bake.ErrNotBaked)
	})
	t.Run("error/empty element", func(t *testing.T) {
		t.Parallel()
		_, err := bake.Extract([]byte(`<svg><openbadges:credential> </openbadges:credential></svg>`), bake.OB3)
		require.ErrorIs(t, err, proof.ErrMalformed)
	})
}

func TestSVGMalformed(t *testing.T) {
	t.Parallel()
	lol := `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><svg>&lol2;</svg>`
	xxe := `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><svg>&xxe;</svg>`
	tests := map[string]string{
		"error/not XML":             `<svg`,
		"error/unclosed root":       `<svg xmlns="http://www.w3.org/2000/svg"><g></g>`,
		"error/mismatched tags":     `<svg><g></svg></g>`,
		"error/root is not svg":     `<html><body/></html>`,
		"error/root in another ns":  `<svg xmlns="http://example.org/not-svg"><g/></svg>`,
		"error/empty root":          `<svg xmlns="http://www.w3.org/2000/svg"/>`,
		"error/two roots":           `<svg><g/></svg><svg><g/></svg>`,
		"error/billion laughs":      lol,
		"error/external entity":     xxe,
		"error/undefined entity":    `<svg>&nbsp;</svg>`,
		"error/Latin-1 declared":    `<?xml version="1.0" encoding="ISO-8859-1"?><svg><g/></svg>`,
		"error/too deep":            "<svg>" + strings.Repeat("<g>", bake.MaxSVGDepth) + strings.Repeat("</g>", bake.MaxSVGDepth) + "</svg>",
		"error/only a comment":      `<!-- nothing -->`,
		"error/too large":           "<svg><g/>" + strings.Repeat(" ", bake.MaxImageSize) + "</svg>",
		"error/bad char in element": "<svg><openbadges:credential verify=\"a.b.c\x01\"></openbadges:credential></svg>",
	}
	for name, svg := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := bake.ExtractSVG([]byte(svg), bake.OB3)
			require.ErrorIs(t, err, proof.ErrMalformed)
			_, err = bake.BakeSVG([]byte(svg), bake.OB3, []byte(testJWS))
			require.ErrorIs(t, err, proof.ErrMalformed)
		})
	}
}
