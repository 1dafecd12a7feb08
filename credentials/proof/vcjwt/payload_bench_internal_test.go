package vcjwt

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"
)

func BenchmarkPayloadParts(b *testing.B) {
	raw, err := os.ReadFile("testdata/credential.json")
	if err != nil {
		b.Fatal(err)
	}
	var cred bytes.Buffer
	if err := json.Compact(&cred, raw); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(cred.Len()))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := payloadParts(cred.Bytes()); err != nil {
			b.Fatal(err)
		}
	}
}
