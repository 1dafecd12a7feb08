package jsonobj

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestMembersMatchesEncodingJSON(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
	}{
		{name: "ok/empty", in: `{}`},
		{name: "ok/spaces everywhere", in: " {\n\t\"a\" :\r 1 , \"b\":[ 1 , {\"c\":null} ] }\n"},
		{name: "ok/brackets and quotes in strings", in: `{"a":"}]\"{[","b":{"c":"\\"}}`},
		{name: "ok/escaped key", in: `{"\u0061b":1,"a\"b":2}`},
		{name: "ok/invalid UTF-8 key is replaced as encoding/json does", in: "{\"a\xffb\":1}"},
		{name: "ok/repeated key, last wins", in: `{"a":1,"a":2}`},
		{name: "ok/literals", in: `{"t":true,"f":false,"n":null,"x":-1.5e3}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			requireSameMembers(t, []byte(tt.in))
		})
	}
}

func TestElements(t *testing.T) {
	t.Parallel()
	elems, err := Elements([]byte(` [ 1, "a,]", {"b":[2,3]} , null ] `))
	require.NoError(t, err)
	require.Equal(t, []json.RawMessage{json.RawMessage(`1`), json.RawMessage(`"a,]"`), json.RawMessage(`{"b":[2,3]}`), json.RawMessage(`null`)}, elems)
	_, err = Elements([]byte(`{"a":1}`))
	require.Error(t, err)
}

func requireSameMembers(t *testing.T, in []byte) {
	t.Helper()
	var want map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(in, &want))
	got, err := Members(in)
	require.NoError(t, err)
	require.Equal(t, len(want), len(got))
	for k, v := range want {
		require.JSONEq(t, string(v), string(got[k]), "member %q", k)
	}
}

// FuzzMembers checks the splitter against encoding/json on every valid
// JSON object.
func FuzzMembers(f *testing.F) {
	f.Add([]byte(`{"a":{"b":[1,"}"]},"c\"d":null}`))
	f.Add([]byte(`{"@context":["x",{"y":"z"}],"type":"T"}`))
	f.Fuzz(func(t *testing.T, in []byte) {
		var want map[string]json.RawMessage
		if json.Unmarshal(in, &want) != nil || want == nil {
			return
		}
		requireSameMembers(t, in)
	})
}
