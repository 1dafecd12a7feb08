package vcjwt

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

func TestScannerAgreesWithEncodingJSON(t *testing.T) {
	t.Parallel()
	cred, err := os.ReadFile("testdata/credential.json")
	require.NoError(t, err)
	tests := map[string]struct {
		doc   string
		valid bool
	}{
		"ok/credential":              {string(cred), true},
		"ok/empty object":            {`{}`, true},
		"ok/nested":                  {`{"a":[1,-0.5e+3,true,false,null,{"b":"\u00e9\n\""}],"c":{}}`, true},
		"ok/whitespace":              {" \t\n{ \"a\" : [ ] } \r\n", true},
		"ok/array":                   {`[1,2]`, true},
		"ok/raw UTF-8":               {`{"a":"é 日本"}`, true},
		"error/empty":                {``, false},
		"error/trailing comma":       {`{"a":1,}`, false},
		"error/leading zero":         {`{"a":01}`, false},
		"error/bare minus":           {`{"a":-}`, false},
		"error/dot without digits":   {`{"a":1.}`, false},
		"error/exponent w/o digits":  {`{"a":1e}`, false},
		"error/control in string":    {"{\"a\":\"\x01\"}", false},
		"error/bad escape":           {`{"a":"\x"}`, false},
		"error/short unicode escape": {`{"a":"\u12"}`, false},
		"error/unterminated string":  {`{"a":"b}`, false},
		"error/literal typo":         {`{"a":tru}`, false},
		"error/literal suffix":       {`{"a":truex}`, false},
		"error/two values":           {`{} {}`, false},
		"error/unquoted name":        {`{a:1}`, false},
		"error/missing colon":        {`{"a" 1}`, false},
		"error/unclosed":             {`{"a":[1,2}`, false},
		"error/too deep":             {strings.Repeat("[", maxDepth+1) + strings.Repeat("]", maxDepth+1), false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tc.valid, json.Valid([]byte(tc.doc)), "the case itself is wrong")
			require.Equal(t, tc.valid, validJSON([]byte(tc.doc)))
		})
	}
}

func TestSpecial8(t *testing.T) {
	t.Parallel()
	for c := range 256 {
		want := c == '"' || c == '\\' || c < 0x20
		for pos := range 8 {
			b := []byte("abcdefgh")
			b[pos] = byte(c)
			require.Equal(t, want, special8(binary.LittleEndian.Uint64(b)), "byte %#x at %d", c, pos)
		}
	}
	// Mixed words, where borrows between bytes could fool the bit tricks.
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte{0, 0x1f, 0x20, 0x21, '"', '\\', 0x7f, 0x80, 0xa0, 0xdc, 0xff, 'a'}
	for range 200000 {
		var b [8]byte
		want := false
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
			want = want || b[i] == '"' || b[i] == '\\' || b[i] < 0x20
		}
		require.Equal(t, want, special8(binary.LittleEndian.Uint64(b[:])), "%x", b)
	}
}

func TestObjectMembers(t *testing.T) {
	t.Parallel()
	m, err := objectMembers([]byte(` {"a" : 1, "b":{"c":[2]}, "\u0064":"x"} `))
	require.NoError(t, err)
	require.Equal(t, map[string]json.RawMessage{"a": json.RawMessage("1"), "b": json.RawMessage(`{"c":[2]}`), "d": json.RawMessage(`"x"`)}, m)

	list, err := members([]byte(` {"a" : 1, "\u0064":"x"} `), nil)
	require.NoError(t, err)
	require.Equal(t, []rawMember{{[]byte("a"), json.RawMessage("1")}, {[]byte("d"), json.RawMessage(`"x"`)}}, list)

	for name, doc := range map[string]string{
		"error/array":              `[]`,
		"error/duplicate":          `{"a":1,"a":2}`,
		"error/duplicate empty":    `{"":0,"":0}`,
		"error/escaped duplicate":  `{"a":1,"\u0061":2}`,
		"error/trailing data":      `{"a":1}x`,
		"error/invalid nested":     `{"a":[1,]}`,
		"error/truncated":          `{"a":`,
		"error/string not object":  `"{}"`,
		"error/number not object":  `1`,
		"error/empty":              ``,
		"error/only whitespace":    "  \n",
		"error/unterminated value": `{"a":"b`,
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := objectMembers([]byte(doc))
			require.Error(t, err)
			_, err = members([]byte(doc), nil)
			require.Error(t, err)
		})
	}
}

// FuzzScanner holds the hand-written scanner to encoding/json: the same
// documents are valid, and an object's members are the ones json.Unmarshal
// finds (unless a name repeats, which objectMembers refuses).
func FuzzScanner(f *testing.F) {
	cred, err := os.ReadFile("testdata/credential.json")
	require.NoError(f, err)
	f.Add(cred)
	for _, seed := range []string{`{}`, `[1,"a",{"b":null}]`, `{"a":"\u00e9","b":-1.5e3}`, `{"a":1,"a":2}`, `"x"`, `tru`, `{"a":[}`} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		valid := json.Valid(doc)
		if validJSON(doc) != valid {
			t.Fatalf("validJSON(%q) = %v, json.Valid = %v", doc, !valid, valid)
		}
		if !utf8.Valid(doc) {
			return // callers refuse non-UTF-8 first; encoding/json would replace it
		}
		byName, err := objectMembers(doc)
		list, listErr := members(doc, nil)
		if (err == nil) != (listErr == nil) || len(list) != len(byName) {
			t.Fatalf("members(%q) = %v, %v; objectMembers: %v, %v", doc, list, listErr, byName, err)
		}
		for _, m := range list {
			if !bytes.Equal(byName[string(m.name)], m.value) {
				t.Fatalf("members(%q): %q = %q; objectMembers: %q", doc, m.name, m.value, byName[string(m.name)])
			}
		}
		var want map[string]json.RawMessage
		wantErr := json.Unmarshal(doc, &want)
		if err == nil {
			if wantErr != nil || len(byName) != len(want) {
				t.Fatalf("objectMembers(%q) = %v, json.Unmarshal: %v, %v", doc, byName, want, wantErr)
			}
			for k, v := range want {
				if !bytes.Equal(bytes.TrimSpace(v), byName[k]) {
					t.Fatalf("member %q: %q, json.Unmarshal: %q", k, byName[k], v)
				}
			}
		} else if wantErr == nil && want != nil && !strings.Contains(err.Error(), "twice") {
			t.Fatalf("objectMembers(%q): %v, but json.Unmarshal accepts it", doc, err)
		}
	})
}

func TestMember(t *testing.T) {
	t.Parallel()
	obj := []byte(`{"id":"a","type":["x"],"nested":{"id":"b"}}`)
	got, err := member(obj, "id")
	require.NoError(t, err)
	require.Equal(t, `"a"`, string(got))
	got, err = member(obj, "missing")
	require.NoError(t, err)
	require.Nil(t, got)
	got, err = member([]byte(`{"\u0069d":"escaped"}`), "id")
	require.NoError(t, err)
	require.Equal(t, `"escaped"`, string(got))
	_, err = member([]byte(`{"id":"a","\u0069d":"b"}`), "id")
	require.ErrorContains(t, err, "twice")
	_, err = member([]byte(`["id"]`), "id")
	require.Error(t, err)
}
