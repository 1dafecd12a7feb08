package ob2_test

import (
	"crypto/md5"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"badged/credentials/ob2"
)

func TestHashIdentity(t *testing.T) {
	t.Parallel()
	// Vectors from the Open Badges specifications (standards brief §1.5).
	tests := []struct {
		name, identity, salt, want string
	}{
		{"ok/validator vector", "nobody@example.org", "deadsea", "sha256$ecf5409f3f4b91ab60cc5ef4c02aef7032354375e70cf4d8e43f6a1d29891942"},
		{"ok/OB 3.0 data model vector", "a@example.com", "Kosher", "sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399"},
		{"ok/no salt", "mayze", "", "sha256$7a1a1b3f7d40552e4299180e346e3add12bf9a751a43d9c4ca4518febc2c60c6"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tt.want, ob2.HashIdentity(tt.identity, tt.salt))
		})
	}
}

func TestIdentityObjectMatches(t *testing.T) {
	t.Parallel()
	sha := "sha256$ecf5409f3f4b91ab60cc5ef4c02aef7032354375e70cf4d8e43f6a1d29891942"
	md5sum := md5.Sum([]byte("nobody@example.orgdeadsea"))
	tests := []struct {
		name     string
		obj      ob2.IdentityObject
		identity string
		want     bool
	}{
		{"ok/sha256", ob2.IdentityObject{Type: "email", Hashed: true, Salt: "deadsea", Identity: sha}, "nobody@example.org", true},
		{"ok/upper-case hex", ob2.IdentityObject{Type: "email", Hashed: true, Salt: "deadsea", Identity: strings.ToUpper(sha[:7]) + strings.ToUpper(sha[7:])}, "nobody@example.org", true},
		{"ok/md5 is read", ob2.IdentityObject{Type: "email", Hashed: true, Salt: "deadsea", Identity: "md5$" + hex.EncodeToString(md5sum[:])}, "nobody@example.org", true},
		{"ok/email case and spaces ignored", ob2.IdentityObject{Type: "email", Hashed: true, Salt: "deadsea", Identity: sha}, " NoBody@Example.org", true},
		{"ok/plain email ignores case", ob2.IdentityObject{Type: "email", Identity: "Nobody@Example.org"}, "nobody@example.org", true},
		{"error/plain url is exact", ob2.IdentityObject{Type: "url", Identity: "https://Example.org/me"}, "https://example.org/me", false},
		{"error/non-email hashes are case-sensitive", ob2.IdentityObject{Type: "url", Hashed: true, Salt: "deadsea", Identity: sha}, "Nobody@example.org", false},
		{"error/wrong salt", ob2.IdentityObject{Type: "email", Hashed: true, Salt: "dead", Identity: sha}, "nobody@example.org", false},
		{"error/other person", ob2.IdentityObject{Type: "email", Hashed: true, Salt: "deadsea", Identity: sha}, "somebody@example.org", false},
		{"error/unknown algorithm", ob2.IdentityObject{Type: "email", Hashed: true, Salt: "deadsea", Identity: "sha1$" + sha[7:]}, "nobody@example.org", false},
		{"error/truncated digest", ob2.IdentityObject{Type: "email", Hashed: true, Salt: "deadsea", Identity: sha[:40]}, "nobody@example.org", false},
		{"error/no algorithm", ob2.IdentityObject{Type: "email", Hashed: true, Salt: "deadsea", Identity: sha[7:]}, "nobody@example.org", false},
		{"error/hashed but compared with the hash itself", ob2.IdentityObject{Type: "email", Hashed: true, Salt: "deadsea", Identity: sha}, sha, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tt.want, tt.obj.Matches(tt.identity))
		})
	}
}

func TestNewHashedRecipient(t *testing.T) {
	t.Parallel()
	a, err := ob2.NewHashedRecipient(ob2.IdentityEmail, " Learner@University.example ")
	require.NoError(t, err)
	b, err := ob2.NewHashedRecipient(ob2.IdentityEmail, "learner@university.example")
	require.NoError(t, err)
	require.True(t, a.Hashed)
	require.Len(t, a.Salt, 32)
	require.NotEqual(t, a.Salt, b.Salt, "every recipient gets a fresh salt")
	require.NotEqual(t, a.Identity, b.Identity)
	require.Equal(t, ob2.HashIdentity("learner@university.example", a.Salt), a.Identity, "email is normalized before hashing")
	require.True(t, a.Matches("LEARNER@university.example"))
	require.False(t, a.Matches("other@university.example"))
}
