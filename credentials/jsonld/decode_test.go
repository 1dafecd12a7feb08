package jsonld

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"badged/credentials/proof"
)

func TestDecode(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		in   string
		want any
	}{
		"ok/object":            {`{"a":1,"b":[true,false,null],"c":{"d":"e"}}`, map[string]any{"a": 1.0, "b": []any{true, false, nil}, "c": map[string]any{"d": "e"}}},
		"ok/whitespace":        {" \t\r\n[ 1 , -0.5e+2 ]\n", []any{1.0, -50.0}},
		"ok/escapes":           {`"\"\\\/\b\f\n\r\t\u00e9\u0007"`, "\"\\/\b\f\n\r\té\a"},
		"ok/surrogate pair":    {`"\ud83c\udf93"`, "🎓"},
		"ok/lone surrogate":    {`"\ud83c."`, "\ufffd."},
		"ok/reversed pair":     {`"\udf93\ud83c"`, "\ufffd\ufffd"},
		"ok/same key, nested":  {`{"a":{"a":1}}`, map[string]any{"a": map[string]any{"a": 1.0}}},
		"ok/empty containers":  {`[{},[]]`, []any{map[string]any{}, []any{}}},
		"ok/big exponent zero": {`1e-400`, 0.0},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, err := Decode([]byte(tc.in))
			require.NoError(t, err)
			require.Equal(t, tc.want, got)
		})
	}
}

func TestDecodeRefuses(t *testing.T) {
	t.Parallel()
	tests := map[string]struct{ in, want string }{
		"error/duplicate member":     {`{"name":"A","name":"B"}`, `member "name" appears twice`},
		"error/duplicate via escape": {`{"name":"A","n\u0061me":"B"}`, `member "name" appears twice`},
		"error/too deep":             {strings.Repeat("[", MaxNestingDepth+1) + strings.Repeat("]", MaxNestingDepth+1), "nested more than"},
		"error/trailing data":        {`{} x`, "data after"},
		"error/trailing comma":       {`[1,]`, "invalid character"},
		"error/leading zero":         {`01`, "data after"},
		"error/bare dot":             {`1.`, "no digits after"},
		"error/number out of range":  {`1e400`, "out of range"},
		"error/control char":         {"\"a\x01\"", "control character"},
		"error/bad escape":           {`"\x"`, "invalid escape"},
		"error/bad unicode escape":   {`"\u12g4"`, `invalid \u escape`},
		"error/surrogate bad escape": {`"\ud83c\uzzzz"`, `invalid \u escape`},
		"error/unterminated string":  {`"abc`, "unexpected end"},
		"error/unterminated object":  {`{"a":1`, "unexpected end"},
		"error/key not string":       {`{a:1}`, "not a string"},
		"error/missing colon":        {`{"a" 1}`, "missing ':'"},
		"error/bad literal":          {`tru`, "want true"},
		"error/empty":                {``, "unexpected end"},
		"error/invalid UTF-8":        {"\"\xff\"", "UTF-8"},
		"error/too large":            {`"` + strings.Repeat("a", MaxDocumentSize) + `"`, "more than"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, err := Decode([]byte(tc.in))
			require.Nil(t, got)
			require.ErrorIs(t, err, proof.ErrMalformed)
			require.ErrorContains(t, err, tc.want)
		})
	}
}

// FuzzDecode checks Decode against encoding/json: the same values for every
// document both accept, and Decode refuses only what encoding/json refuses,
// duplicate members, deep nesting and invalid UTF-8.
func FuzzDecode(f *testing.F) {
	for _, dir := range []string{"testdata", filepath.Join("testdata", "ob3-eddsa-rdfc-2022")} {
		entries, err := os.ReadDir(dir)
		require.NoError(f, err)
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".json") {
				b, err := os.ReadFile(filepath.Join(dir, e.Name()))
				require.NoError(f, err)
				f.Add(b)
			}
		}
	}
	for _, s := range []string{`{"a":1,"a":2}`, `"\ud800\udc00"`, `[1e5,-0,0.5E-3]`, `"\u0000"`, `{"":{}}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := Decode(b)
		var want any
		wantErr := json.Unmarshal(b, &want)
		if err == nil {
			if wantErr != nil {
				t.Fatalf("Decode accepted what encoding/json refuses (%v): %q", wantErr, b)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("Decode(%q) = %#v, encoding/json gives %#v", b, got, want)
			}
			return
		}
		if wantErr == nil && !strings.Contains(err.Error(), "appears twice") &&
			!strings.Contains(err.Error(), "nested more than") && !strings.Contains(err.Error(), "UTF-8") {
			t.Fatalf("Decode refused what encoding/json accepts: %v: %q", err, b)
		}
	})
}
