package bake_test

import (
	"bytes"
	"errors"
	"testing"

	"badged/credentials/bake"
)

// checkRoundTrip holds Extract and Bake to their contract on any input:
// no panic; a badge that extracts can be baked back, and then extracts the
// same, and baking it again changes nothing; an image without a badge takes
// one.
func checkRoundTrip(t *testing.T, img []byte, extract func([]byte, bake.Version) ([]byte, error), bakeFunc func([]byte, bake.Version, []byte) ([]byte, error)) {
	for _, v := range []bake.Version{bake.OB2, bake.OB3} {
		payload, err := extract(img, v)
		if errors.Is(err, bake.ErrNotBaked) {
			payload = []byte(testJWS)
		} else if err != nil {
			continue
		}
		baked, err := bakeFunc(img, v, payload)
		if err != nil {
			continue // e.g. a legacy URL, or text that is neither JSON nor a JWS
		}
		got, err := extract(baked, v)
		if err != nil {
			t.Fatalf("%v: extract after bake: %v", v, err)
		}
		if !bytes.Equal(got, bytes.TrimSpace(payload)) {
			t.Fatalf("%v: baked %q, extracted %q", v, payload, got)
		}
		again, err := bakeFunc(baked, v, got)
		if err != nil || !bytes.Equal(again, baked) {
			t.Fatalf("%v: baking again is not stable: %v", v, err)
		}
	}
}

func FuzzExtractPNG(f *testing.F) {
	for _, name := range []string{"validator-simple-badge.png", "validator-simple-json.png"} {
		f.Add(readFile(f, name))
	}
	f.Add(plainPNG(f))
	f.Add(insertAfterIHDR(plainPNG(f), makeChunk("tEXt", []byte("openbadges\x00https://example.org/a"))))
	f.Fuzz(func(t *testing.T, img []byte) {
		checkRoundTrip(t, img, bake.ExtractPNG, bake.BakePNG)
	})
}

func FuzzExtractSVG(f *testing.F) {
	for _, name := range []string{"validator-simple-json.svg", "validator-simple-jwt.svg", "plain.svg"} {
		f.Add(readFile(f, name))
	}
	f.Add([]byte(`<svg xmlns:openbadges="http://openbadges.org"><openbadges:assertion verify="https://example.org/a.json"><![CDATA[{"id":"x"}]]></openbadges:assertion></svg>`))
	f.Fuzz(func(t *testing.T, img []byte) {
		checkRoundTrip(t, img, bake.ExtractSVG, bake.BakeSVG)
	})
}
