package eddsardfc2022

import (
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"badged/credentials/jsonld"
	"badged/credentials/multikey"
)

// loader is shared by the tests, as the service shares one: it is read-only.
var loader = jsonld.NewLoader()

func readFile(t testing.TB, name ...string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(append([]string{"testdata"}, name...)...))
	require.NoError(t, err)
	return b
}

// readHex reads a file holding hex digits (the vectors' *Hex*.txt files).
func readHex(t testing.TB, name ...string) []byte {
	t.Helper()
	b, err := hex.DecodeString(strings.TrimSpace(string(readFile(t, name...))))
	require.NoError(t, err)
	return b
}

func readObject(t testing.TB, name ...string) map[string]any {
	t.Helper()
	var v map[string]any
	require.NoError(t, json.Unmarshal(readFile(t, name...), &v))
	return v
}

// normalizeProof returns doc with proof as an array, so that a credential
// signed here (proof array) compares with a vector's (proof object).
func normalizeProof(t testing.TB, doc []byte) map[string]any {
	t.Helper()
	var v map[string]any
	require.NoError(t, json.Unmarshal(doc, &v))
	if p, ok := v["proof"].(map[string]any); ok {
		v["proof"] = []any{p}
	}
	return v
}

// w3cKey is the key pair of the W3C vc-di-eddsa vectors.
func w3cKey(t testing.TB) ed25519.PrivateKey {
	t.Helper()
	var kp struct{ PrivateKeyMultibase string }
	require.NoError(t, json.Unmarshal(readFile(t, "w3c", "keyPair.json"), &kp))
	priv, err := multikey.DecodeSecretKey(kp.PrivateKeyMultibase)
	require.NoError(t, err)
	return priv
}

// ob3Vector is the OB 3.0 vector's vector.json.
type ob3Vector struct {
	PrivateKeyHex, VerificationMethod, DocumentHashHex, ProofHashHex string
	DataToSignHex, SignatureHex, ProofValue                          string
}

func readOB3Vector(t testing.TB) (ob3Vector, ed25519.PrivateKey) {
	t.Helper()
	var v ob3Vector
	require.NoError(t, json.Unmarshal(readFile(t, "ob3-vector", "vector.json"), &v))
	key, err := hex.DecodeString(v.PrivateKeyHex)
	require.NoError(t, err)
	return v, ed25519.PrivateKey(key)
}
