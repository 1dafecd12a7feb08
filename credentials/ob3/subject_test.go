package ob3_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"badged/credentials/ob3"
)

func TestHashedIdentity(t *testing.T) {
	t.Parallel()
	id, err := ob3.NewHashedIdentity(ob3.IdentifierEmailAddress, " Conformance@IMSGlobal.org ")
	require.NoError(t, err)
	require.Equal(t, ob3.TypeName(ob3.TypeIdentityObject), id.Type)
	require.True(t, id.Hashed)
	require.NotEmpty(t, id.Salt)
	require.True(t, id.Matches("conformance@imsglobal.org"))
	require.True(t, id.Matches("CONFORMANCE@imsglobal.org"))
	require.False(t, id.Matches("someone@imsglobal.org"))
	other, err := ob3.NewHashedIdentity(ob3.IdentifierEmailAddress, "conformance@imsglobal.org")
	require.NoError(t, err)
	require.NotEqual(t, id.IdentityHash, other.IdentityHash, "a fresh salt for every credential")

	// The specification's own example: 'a@example.com' salted with 'Kosher'.
	spec := ob3.IdentityObject{
		Type: ob3.TypeIdentityObject, IdentityType: ob3.IdentifierEmailAddress, Hashed: true, Salt: "Kosher",
		IdentityHash: "sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399",
	}
	require.True(t, spec.Matches("a@example.com"))
}

func TestSubjectMatches(t *testing.T) {
	t.Parallel()
	s := ob3.AchievementSubject{
		ID: "did:example:123",
		Identifier: ob3.List[ob3.IdentityObject]{
			{Type: ob3.TypeIdentityObject, IdentityType: ob3.IdentifierType("ext:studentNumber"), IdentityHash: "S-42"},
			{Type: ob3.TypeIdentityObject, IdentityType: ob3.IdentifierEmailAddress, Hashed: true, Salt: "Kosher",
				IdentityHash: "sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399"},
		},
	}
	tests := []struct {
		name         string
		identityType ob3.IdentifierType
		identity     string
		want         bool
	}{
		{"ok/by id", "", "did:example:123", true},
		{"ok/by hashed email", ob3.IdentifierEmailAddress, "A@Example.com", true},
		{"ok/by plain identifier", ob3.IdentifierType("ext:studentNumber"), "S-42", true},
		{"error/type must match", ob3.IdentifierEmailAddress, "S-42", false},
		{"error/wrong id", "", "did:example:124", false},
		{"error/empty id never matches", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tt.want, s.Matches(tt.identityType, tt.identity))
		})
	}
}

func TestStatusListIndex(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		in      string
		want    int
		wantOut string
		wantErr bool
	}{
		{name: "ok/string", in: `"94567"`, want: 94567, wantOut: `"94567"`},
		{name: "ok/number", in: `23`, want: 23, wantOut: `23`},
		{name: "error/negative", in: `"-1"`, wantOut: `"-1"`, wantErr: true},
		{name: "error/fraction", in: `2.5`, wantOut: `2.5`, wantErr: true},
		{name: "error/hex", in: `"0x17"`, wantOut: `"0x17"`, wantErr: true},
		{name: "error/too long", in: `"12345678901"`, wantOut: `"12345678901"`, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var x ob3.StatusListIndex
			require.NoError(t, json.Unmarshal([]byte(tt.in), &x))
			out, err := json.Marshal(x)
			require.NoError(t, err)
			require.Equal(t, tt.wantOut, string(out), "written as read")
			n, err := x.Int()
			if tt.wantErr {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.want, n)
		})
	}
	out, err := json.Marshal(ob3.NewStatusListIndex(7))
	require.NoError(t, err)
	require.Equal(t, `"7"`, string(out))
}

func TestEnumerations(t *testing.T) {
	t.Parallel()
	require.True(t, ob3.AchievementTypeMicroCredential.Valid())
	require.True(t, ob3.AchievementType("ext:MicroCourse").Valid())
	require.False(t, ob3.AchievementType("MicroCourse").Valid())
	require.False(t, ob3.AchievementType("ext:Micro Course").Valid())
	require.True(t, ob3.TargetCompetency.Valid())
	require.True(t, ob3.ResultLetterGrade.Valid())
	require.False(t, ob3.ResultType("Grade").Valid())
	require.True(t, ob3.StatusCompleted.Valid())
	require.False(t, ob3.ResultStatus("ext:Done").Valid(), "result status is a closed enumeration")
}
