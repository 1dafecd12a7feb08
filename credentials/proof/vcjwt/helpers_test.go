package vcjwt_test

import (
	"bytes"
	"context"
	"crypto"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"badged/credentials/keys"
	"badged/credentials/proof"
)

const testIssuer = "https://badges.example.edu/issuers/school-of-computing"

// testNow lies between the test credential's validFrom and validUntil.
var testNow = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func readFile(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	require.NoError(t, err)
	return data
}

func generate(t testing.TB, typ keys.Type) crypto.Signer {
	t.Helper()
	k, err := keys.Generate(typ)
	require.NoError(t, err)
	return k
}

// issuerKeys is the resolver a verifier builds from the issuer's published keys.
func issuerKeys(t testing.TB, owner string, signers ...crypto.Signer) *keys.Set {
	t.Helper()
	set := keys.NewSet()
	for _, s := range signers {
		require.NoError(t, set.Add(owner, "", s))
	}
	return set
}

// editCredential returns the test credential with one top-level member set
// (or removed, for a nil value).
func editCredential(t testing.TB, edits map[string]any) []byte {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal(readFile(t, "credential.json"), &m))
	for k, v := range edits {
		if v == nil {
			delete(m, k)
		} else {
			m[k] = v
		}
	}
	out, err := json.Marshal(m)
	require.NoError(t, err)
	return out
}

// b64 encodes a JSON value (or raw string) as base64url.
func b64(v any) string {
	var raw []byte
	switch v := v.(type) {
	case string:
		raw = []byte(v)
	case []byte:
		raw = v
	default:
		var err error
		if raw, err = json.Marshal(v); err != nil {
			panic(err)
		}
	}
	return base64.RawURLEncoding.EncodeToString(raw)
}

// signRaw makes a compact JWS over any header and payload with the stdlib
// signer, to build tokens Signer would refuse to make.
func signRaw(t testing.TB, key crypto.Signer, header any, payload []byte) []byte {
	t.Helper()
	input := b64(header) + "." + b64(payload)
	_, sig, err := keys.SignJWS(key, []byte(input))
	require.NoError(t, err)
	return []byte(input + "." + b64(sig))
}

// hmacToken signs header.payload with HMAC-SHA256 under secret.
func hmacToken(header any, payload []byte, secret []byte) []byte {
	input := b64(header) + "." + b64(payload)
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte(input))
	return []byte(input + "." + b64(mac.Sum(nil)))
}

func publicJWK(t testing.TB, k any) map[string]any {
	t.Helper()
	key, err := keys.PublicJWK(k)
	require.NoError(t, err)
	raw, err := json.Marshal(key)
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(raw, &m))
	return m
}

// decodePayload returns the payload of a compact token as a map.
func decodePayload(t testing.TB, token []byte) map[string]any {
	t.Helper()
	parts := strings.Split(string(token), ".")
	require.Len(t, parts, 3)
	raw, err := base64.RawURLEncoding.DecodeString(parts[1])
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(raw, &m))
	return m
}

func checkFailed(t testing.TB, res proof.Result, name string) {
	t.Helper()
	c, ok := res.Check(name)
	require.True(t, ok, "check %q did not run: %+v", name, res.Checks)
	require.False(t, c.Passed, "check %q passed: %+v", name, res.Checks)
	require.False(t, res.Valid())
}

func checkPassed(t testing.TB, res proof.Result, name string) {
	t.Helper()
	c, ok := res.Check(name)
	require.True(t, ok, "check %q did not run: %+v", name, res.Checks)
	require.True(t, c.Passed, "check %q failed: %s", name, c.Message)
}

// failingResolver fails as a resolver whose backing store is down does.
type failingResolver struct{}

func (failingResolver) ResolveKey(context.Context, string) (crypto.PublicKey, error) {
	return nil, fmt.Errorf("key store unavailable")
}

// jsonLeaves re-encodes compact JSON token by token, so that every leaf can
// be changed while every other byte stays as signed. It returns one variant
// per leaf, each differing from the original in exactly that leaf.
func jsonLeaves(t testing.TB, compact []byte) (identity []byte, variants map[string][]byte) {
	t.Helper()
	count := 0
	identity = rewriteLeaf(t, compact, -1, &count)
	variants = map[string][]byte{}
	for i := range count {
		var n int
		out := rewriteLeaf(t, compact, i, &n)
		variants[fmt.Sprintf("leaf %d", i)] = out
	}
	return identity, variants
}

// rewriteLeaf emits data compactly with leaf number target changed.
func rewriteLeaf(t testing.TB, data []byte, target int, count *int) []byte {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var out bytes.Buffer
	type frame struct {
		object bool
		n      int // values (arrays) or keys+values (objects) written
	}
	var stack []frame
	enc := func(v any) []byte {
		var b bytes.Buffer
		e := json.NewEncoder(&b)
		e.SetEscapeHTML(false)
		require.NoError(t, e.Encode(v))
		return bytes.TrimRight(b.Bytes(), "\n")
	}
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		isKey := false
		if len(stack) > 0 {
			top := &stack[len(stack)-1]
			if _, isDelim := tok.(json.Delim); !isDelim || tok == json.Delim('{') || tok == json.Delim('[') {
				if top.object {
					isKey = top.n%2 == 0
					if top.n > 0 && isKey {
						out.WriteByte(',')
					} else if !isKey {
						out.WriteByte(':')
					}
				} else if top.n > 0 {
					out.WriteByte(',')
				}
				top.n++
			}
		}
		switch v := tok.(type) {
		case json.Delim:
			out.WriteByte(byte(v))
			switch v {
			case '{':
				stack = append(stack, frame{object: true})
			case '[':
				stack = append(stack, frame{})
			default:
				stack = stack[:len(stack)-1]
			}
			continue
		case string:
			if !isKey {
				if *count == target {
					v += "x"
				}
				*count++
			}
			out.Write(enc(v))
			continue
		case json.Number:
			if *count == target {
				v += "1"
			}
			*count++
			out.WriteString(v.String())
		case bool:
			if *count == target {
				v = !v
			}
			*count++
			out.Write(enc(v))
		case nil:
			if *count == target {
				out.WriteString(`"x"`)
			} else {
				out.WriteString("null")
			}
			*count++
		}
	}
	return out.Bytes()
}

func b64Decode(s string) ([]byte, error) { return base64.RawURLEncoding.DecodeString(s) }
