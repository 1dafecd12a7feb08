package eddsardfc2022

import (
	"context"
	"testing"
)

// FuzzVerify: any input gets a result, never a panic, and whatever verifies
// says exactly what one of the signed seeds says (the same canonical
// N-Quads): a change that verification accepts is one that changes nothing
// signed, such as white space or member order.
func FuzzVerify(f *testing.F) {
	suite := NewSuite(loader)
	signedContent := make(map[string]bool)
	seeds := [][]byte{readFile(f, "ob3-vector", "signed-credential.json"), readFile(f, "examples", "validator-simple-eddsa-2022.json"),
		[]byte(`{"@context":"https://www.w3.org/ns/credentials/v2","proof":{"type":"DataIntegrityProof","cryptosuite":"eddsa-rdfc-2022"}}`)}
	for _, name := range validExamples {
		seeds = append(seeds, readFile(f, "examples", name))
	}
	for _, seed := range seeds {
		f.Add(seed)
		if nq, ok := verifiedContent(f, suite, seed); ok {
			signedContent[nq] = true
		}
	}
	if len(signedContent) != len(validExamples)+1 {
		f.Fatalf("%d seeds verify, want %d", len(signedContent), len(validExamples)+1)
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		nq, ok := verifiedContent(t, suite, doc)
		if ok && !signedContent[nq] {
			t.Fatalf("verified content that no seed signed:\n%s", nq)
		}
	})
}

// verifiedContent returns the canonical N-Quads of doc if it verifies.
func verifiedContent(t testing.TB, suite *Suite, doc []byte) (string, bool) {
	res, err := suite.Verify(context.Background(), doc, nil)
	if err != nil || !res.Valid() {
		return "", false
	}
	obj, err := decodeObject(doc)
	if err != nil {
		t.Fatalf("verified, but does not decode: %v", err)
	}
	nq, err := suite.Transform(context.Background(), obj)
	if err != nil {
		t.Fatalf("verified, but does not canonicalize: %v", err)
	}
	return string(nq), true
}
