package jsonobj

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

type inner struct {
	Note string `json:"note,omitempty"`
}

type sample struct {
	ID     string                     `json:"id,omitempty"`
	Name   string                     `json:"name,omitempty"`
	Flag   bool                       `json:"flag"`
	Tags   []string                   `json:"tags,omitempty"`
	Count  *int                       `json:"count,omitempty"`
	Inline inner                      `json:",inline"`
	Extra  map[string]json.RawMessage `json:"-" jsonobj:"extra"`
}

func TestUnmarshal(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		in      string
		want    sample
		wantErr string
	}{
		{
			name: "ok",
			in:   `{"id":"urn:x","name":"N","flag":true,"tags":["a"],"count":2,"note":"n"}`,
			want: sample{ID: "urn:x", Name: "N", Flag: true, Tags: []string{"a"}, Count: new(2), Inline: inner{Note: "n"}},
		},
		{
			name: "ok/names match exactly, other cases are kept as unknown members",
			in:   `{"Name":"upper","name":"lower"}`,
			want: sample{Name: "lower", Extra: map[string]json.RawMessage{"Name": json.RawMessage(`"upper"`)}},
		},
		{
			name: "ok/unknown members are compacted and escaped as the encoder writes them",
			in:   `{"ext": { "a" : "<b>" } }`,
			want: sample{Extra: map[string]json.RawMessage{"ext": json.RawMessage(`{"a":"\u003cb\u003e"}`)}},
		},
		{
			name: "ok/an empty array reads as absent",
			in:   `{"tags":[]}`,
			want: sample{},
		},
		{name: "ok/null leaves the value unset", in: `null`, want: sample{}},
		{name: "error/not an object", in: `["id"]`, wantErr: "not a JSON object: got an array"},
		{name: "error/wrong member type names the member", in: `{"tags":"a"}`, wantErr: "tags: unexpected string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var got sample
			err := Unmarshal([]byte(tt.in), &got)
			if tt.wantErr != "" {
				require.ErrorContains(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.want, got)
		})
	}
}

func TestMarshal(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		in      sample
		want    string
		wantErr string
	}{
		{
			name: "ok/declaration order, empty values left out, booleans kept",
			in:   sample{Name: "N", ID: "urn:x"},
			want: `{"id":"urn:x","name":"N","flag":false}`,
		},
		{
			name: "ok/inline fields and extra members sorted after the fields",
			in: sample{Inline: inner{Note: "n"}, Extra: map[string]json.RawMessage{
				"z": json.RawMessage(`1`), "a": json.RawMessage(`"x"`),
			}},
			want: `{"flag":false,"note":"n","a":"x","z":1}`,
		},
		{
			name:    "error/extra member named like a field",
			in:      sample{Extra: map[string]json.RawMessage{"name": json.RawMessage(`"x"`)}},
			wantErr: `extra member "name" has the name of a field`,
		},
		{
			name:    "error/extra member not JSON",
			in:      sample{Extra: map[string]json.RawMessage{"x": json.RawMessage(`{`)}},
			wantErr: `extra member "x": invalid JSON`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := Marshal(tt.in)
			if tt.wantErr != "" {
				require.ErrorContains(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.want, string(got))
		})
	}
}

func TestCheckDepth(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		in      string
		max     int
		wantErr bool
	}{
		{name: "ok", in: `{"a":[{"b":1}]}`, max: 3},
		{name: "ok/brackets inside strings do not count", in: `{"a":"[[[[\"{{{{"}`, max: 1},
		{name: "error/too deep", in: `{"a":[{"b":1}]}`, max: 2, wantErr: true},
		{name: "error/deep arrays", in: strings.Repeat("[", 100) + strings.Repeat("]", 100), max: 64, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := CheckDepth([]byte(tt.in), tt.max)
			if tt.wantErr {
				require.ErrorIs(t, err, ErrTooDeep)
				return
			}
			require.NoError(t, err)
		})
	}
}

func TestUnmarshalRefusesStructWithoutUnmarshalJSON(t *testing.T) {
	t.Parallel()
	type plain struct{ Name string }
	var v struct {
		Nested plain `json:"nested"`
	}
	err := Unmarshal([]byte(`{"nested":{"name":"x"}}`), &v)
	require.ErrorContains(t, err, "has no UnmarshalJSON method",
		"encoding/json would fill Name from \"name\", which JSON-LD treats as another term")
}
