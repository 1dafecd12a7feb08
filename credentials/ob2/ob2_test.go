package ob2_test

import (
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"badged/credentials/ob2"
	"badged/credentials/proof"
)

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return b
}

// roundTrip marshals v, parses the result and requires the same value and,
// on a second marshal, the same bytes.
func roundTrip[T any](t *testing.T, v *T, parse func([]byte) (*T, error)) []byte {
	t.Helper()
	out, err := json.Marshal(v)
	require.NoError(t, err)
	again, err := parse(out)
	require.NoError(t, err, "re-parse %s", out)
	require.Equal(t, v, again)
	out2, err := json.Marshal(again)
	require.NoError(t, err)
	require.JSONEq(t, string(out), string(out2))
	return out
}

func TestParseAssertionExamples(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		file  string
		check func(t *testing.T, a *ob2.Assertion)
	}{
		{
			name: "ok/hosted assertion with IRI badge and evidence",
			file: "spec-assertion-hosted.json",
			check: func(t *testing.T, a *ob2.Assertion) {
				require.Equal(t, "https://example.org/robotics-badge.json", a.Badge.IRI)
				require.Nil(t, a.Badge.Object)
				require.Len(t, a.Evidence, 1)
				require.Equal(t, "https://example.org/beths-robot-work.html", a.Evidence[0].ID())
				require.Equal(t, "https://example.org/beths-robot-badge.png", a.Image.ID())
				require.True(t, a.Verification.IsHosted())
				exp, err := a.Expires.Time()
				require.NoError(t, err)
				require.Equal(t, time.Date(2017, 6, 30, 23, 59, 59, 0, time.UTC), exp)
				require.NoError(t, a.Validate())
			},
		},
		{
			name: "ok/signed assertion payload names its key",
			file: "spec-signed-assertion-payload.json",
			check: func(t *testing.T, a *ob2.Assertion) {
				require.True(t, a.Verification.IsSigned())
				require.Equal(t, "https://example.org/publicKey.json", a.Verification.Creator)
				require.Equal(t, "urn:uuid:a953081a-4bbd-4927-9653-7219bca00e3b", a.ID)
				require.NoError(t, a.Validate())
			},
		},
		{
			name: "ok/revoked hosted assertion needs only id",
			file: "spec-revoked-hosted-assertion.json",
			check: func(t *testing.T, a *ob2.Assertion) {
				require.NotNil(t, a.Revoked)
				require.True(t, *a.Revoked)
				require.Contains(t, a.RevocationReason, "trenchcoat")
				require.NoError(t, a.Validate())
			},
		},
		{
			name: "ok/validator basic assertion",
			file: "validator-basic-assertion.json",
			check: func(t *testing.T, a *ob2.Assertion) {
				require.True(t, a.Recipient.Matches("nobody@example.org"))
				require.NoError(t, a.Validate())
			},
		},
		{
			name: "ok/validator expired assertion",
			file: "validator-basic-assertion-expired.json",
			check: func(t *testing.T, a *ob2.Assertion) {
				exp, err := a.Expires.Time()
				require.NoError(t, err)
				require.True(t, exp.Before(time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)))
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			a, err := ob2.ParseAssertion(readTestdata(t, tt.file))
			require.NoError(t, err)
			tt.check(t, a)
			roundTrip(t, a, ob2.ParseAssertion)
		})
	}
}

func TestParseOtherExamples(t *testing.T) {
	t.Parallel()
	t.Run("ok/badge class", func(t *testing.T) {
		t.Parallel()
		c, err := ob2.ParseBadgeClass(readTestdata(t, "spec-badgeclass.normalized.json"))
		require.NoError(t, err)
		require.Equal(t, ob2.List[string]{"robots", "awesome"}, c.Tags)
		require.Len(t, c.Alignment, 2)
		require.Equal(t, "Mozilla 21st Century Skills", c.Alignment[1].TargetFramework)
		require.Equal(t, "https://example.org/robotics-badge.html", c.Criteria.IRI)
		require.Equal(t, "https://example.org/organization.json", c.Issuer.ID())
		require.NoError(t, c.Validate())
		roundTrip(t, c, ob2.ParseBadgeClass)
	})
	t.Run("ok/validator badge class", func(t *testing.T) {
		t.Parallel()
		c, err := ob2.ParseBadgeClass(readTestdata(t, "validator-assets-robotics-badge.json"))
		require.NoError(t, err)
		require.NoError(t, c.Validate())
		roundTrip(t, c, ob2.ParseBadgeClass)
	})
	for _, file := range []string{"spec-issuer.json", "validator-assets-organization.json", "validator-assets-organization-with-revocation-list.json"} {
		t.Run("ok/issuer "+file, func(t *testing.T) {
			t.Parallel()
			p, err := ob2.ParseProfile(readTestdata(t, file))
			require.NoError(t, err)
			require.NoError(t, p.ValidateIssuer())
			require.Len(t, p.PublicKey, 1)
			require.NotEmpty(t, p.PublicKey[0].IRI)
			roundTrip(t, p, ob2.ParseProfile)
		})
	}
	for _, file := range []string{"spec-cryptographickey.json", "validator-assets-key1.json"} {
		t.Run("ok/key "+file, func(t *testing.T) {
			t.Parallel()
			k, err := ob2.ParseCryptographicKey(readTestdata(t, file))
			require.NoError(t, err)
			require.Equal(t, "https://example.org/organization.json", k.Owner)
			require.True(t, strings.HasPrefix(k.PublicKeyPem, "-----BEGIN PUBLIC KEY-----"))
			roundTrip(t, k, ob2.ParseCryptographicKey)
		})
	}
	for _, file := range []string{"spec-endorsement.json", "validator-assets-endorsement-1.json"} {
		t.Run("ok/endorsement "+file, func(t *testing.T) {
			t.Parallel()
			e, err := ob2.ParseEndorsement(readTestdata(t, file))
			require.NoError(t, err)
			require.NotEmpty(t, e.Claim.EndorsementComment)
			require.NoError(t, e.Validate(), "ISO 8601 forms such as 2017-10-01T00:00Z and +00:00 are valid")
			roundTrip(t, e, ob2.ParseEndorsement)
		})
	}
}

func TestRevocationList(t *testing.T) {
	t.Parallel()
	spec, err := ob2.ParseRevocationList(readTestdata(t, "spec-revocationlist.json"))
	require.NoError(t, err)
	validator, err := ob2.ParseRevocationList(readTestdata(t, "validator-assets-revocation-list.json"))
	require.NoError(t, err)
	tests := []struct {
		name       string
		list       *ob2.RevocationList
		id, uid    string
		wantReason string
		wantFound  bool
	}{
		{name: "ok/bare id", list: spec, id: "urn:uuid:3c574c87-b96f-4f06-8eb5-68a29335b60e", wantFound: true},
		{name: "ok/id with reason", list: spec, id: "urn:uuid:e79a6c18-787e-4868-8e65-e6a4530fb418", wantReason: "Honor code violation", wantFound: true},
		{name: "ok/legacy uid", list: spec, uid: "abc123", wantReason: "Issued in error.", wantFound: true},
		{name: "ok/object without reason", list: validator, id: "urn:uuid:52e4c6b3-8c13-4fa8-8482-a5cf34ef37a9", wantFound: true},
		{name: "ok/not listed", list: validator, id: "urn:uuid:00000000-0000-0000-0000-000000000000"},
		{name: "ok/empty id matches nothing", list: spec},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			entry, found := tt.list.Lookup(tt.id, tt.uid)
			require.Equal(t, tt.wantFound, found)
			require.Equal(t, tt.wantReason, entry.RevocationReason)
		})
	}
	t.Run("ok/revoked false does not revoke", func(t *testing.T) {
		t.Parallel()
		l, err := ob2.ParseRevocationList([]byte(`{"type":"RevocationList","revokedAssertions":[{"id":"urn:x","revoked":false}]}`))
		require.NoError(t, err)
		_, found := l.Lookup("urn:x", "")
		require.False(t, found)
	})
	t.Run("ok/round trip keeps bare ids bare", func(t *testing.T) {
		t.Parallel()
		out := roundTrip(t, spec, ob2.ParseRevocationList)
		require.Contains(t, string(out), `"revokedAssertions":["urn:uuid:3c574c87-b96f-4f06-8eb5-68a29335b60e",{"id":"urn:uuid:e79a6c18`)
	})
	t.Run("ok/empty list writes an empty array", func(t *testing.T) {
		t.Parallel()
		out, err := json.Marshal(ob2.RevocationList{Type: ob2.Types{ob2.TypeRevocationList}})
		require.NoError(t, err)
		require.JSONEq(t, `{"type":"RevocationList","revokedAssertions":[]}`, string(out))
	})
}

func TestParseForms(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		in    string
		check func(t *testing.T, a *ob2.Assertion)
	}{
		{
			name: "ok/@type, @id and verify aliases",
			in:   `{"@context":"https://w3id.org/openbadges/v2","@type":"Assertion","@id":"urn:uuid:1","verify":{"type":"signed","creator":"https://k"}}`,
			check: func(t *testing.T, a *ob2.Assertion) {
				require.Equal(t, ob2.Types{"Assertion"}, a.Type)
				require.Equal(t, "urn:uuid:1", a.ID)
				require.True(t, a.Verification.IsSigned())
				require.Nil(t, a.Extra)
			},
		},
		{
			name: "ok/type array, context array with an inline context",
			in:   `{"@context":["https://w3id.org/openbadges/v2",{"ext":"https://ext.example/#"}],"type":["Assertion","ext:Thing"]}`,
			check: func(t *testing.T, a *ob2.Assertion) {
				require.Equal(t, ob2.Types{"Assertion", "ext:Thing"}, a.Type)
				require.Len(t, a.Context, 2)
				require.True(t, a.Context.HasURL(ob2.ContextURL))
				require.JSONEq(t, `{"ext":"https://ext.example/#"}`, string(a.Context[1].Inline))
			},
		},
		{
			name: "ok/embedded badge class with embedded issuer, criteria and image objects",
			in: `{"type":"Assertion","badge":{"type":"BadgeClass","id":"https://b","name":"B","description":"D",
				"image":{"id":"data:image/png;base64,AA==","caption":"c"},"criteria":{"narrative":"Do it"},
				"issuer":{"type":"Issuer","id":"https://i","name":"I","url":"https://i","email":"i@example.org"}}}`,
			check: func(t *testing.T, a *ob2.Assertion) {
				require.NotNil(t, a.Badge.Object)
				require.Equal(t, "https://b", a.Badge.ID())
				c := a.Badge.Object
				require.Equal(t, "c", c.Image.Object.Caption)
				require.Equal(t, "Do it", c.Criteria.Object.Narrative)
				require.Equal(t, "https://i", c.Issuer.ID())
				require.NoError(t, c.Validate())
			},
		},
		{
			name: "ok/evidence array mixing IRIs and objects",
			in:   `{"type":"Assertion","evidence":["https://e1",{"id":"https://e2","narrative":"n","genre":"Film"}]}`,
			check: func(t *testing.T, a *ob2.Assertion) {
				require.Len(t, a.Evidence, 2)
				require.Equal(t, "https://e1", a.Evidence[0].IRI)
				require.Equal(t, "Film", a.Evidence[1].Object.Genre)
			},
		},
		{
			name: "ok/extension members are kept exactly and case-sensitively",
			in:   `{"type":"Assertion","extensions:ExampleExtension":{"@context":"https://x","exampleProperty":"v"},"Badge":"not the badge"}`,
			check: func(t *testing.T, a *ob2.Assertion) {
				require.True(t, a.Badge.IsZero())
				require.JSONEq(t, `"not the badge"`, string(a.Extra["Badge"]))
				require.JSONEq(t, `{"@context":"https://x","exampleProperty":"v"}`, string(a.Extra["extensions:ExampleExtension"]))
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			a, err := ob2.ParseAssertion([]byte(tt.in))
			require.NoError(t, err)
			tt.check(t, a)
			roundTrip(t, a, ob2.ParseAssertion)
		})
	}
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		in      string
		wantErr string
	}{
		{name: "error/not JSON", in: `{"type":`, wantErr: "invalid JSON"},
		{name: "error/array", in: `[{"type":"Assertion"}]`, wantErr: "want a JSON object, got an array"},
		{name: "error/recipient is a string", in: `{"recipient":"a@example.org"}`, wantErr: "recipient"},
		{name: "error/evidence is a number", in: `{"evidence":3}`, wantErr: "evidence"},
		{name: "error/issuedOn is an integer timestamp", in: `{"issuedOn":1483228799}`, wantErr: "issuedOn: date and time: want a string"},
		{name: "error/type is an object", in: `{"type":{"a":1}}`, wantErr: "type"},
		{name: "error/too deep", in: `{"badge":` + strings.Repeat(`{"x":[`, 40) + strings.Repeat(`]}`, 40) + `}`, wantErr: "nested too deeply"},
		{name: "error/too large", in: `{"narrative":"` + strings.Repeat("a", ob2.MaxDocumentBytes) + `"}`, wantErr: "more than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := ob2.ParseAssertion([]byte(tt.in))
			require.ErrorIs(t, err, proof.ErrMalformed)
			require.ErrorContains(t, err, tt.wantErr)
		})
	}
}

func TestValidate(t *testing.T) {
	t.Parallel()
	valid := func() ob2.Assertion {
		a, err := ob2.ParseAssertion(readTestdata(t, "spec-signed-assertion-payload.json"))
		require.NoError(t, err)
		return *a
	}
	tests := []struct {
		name    string
		mutate  func(a *ob2.Assertion)
		wantErr string
	}{
		{name: "ok", mutate: func(*ob2.Assertion) {}},
		{name: "error/no recipient", mutate: func(a *ob2.Assertion) { a.Recipient = nil }, wantErr: "recipient is required"},
		{name: "error/bad identity hash", mutate: func(a *ob2.Assertion) { a.Recipient.Identity = "sha256$xyz" }, wantErr: "not a sha256$ or md5$ hex IdentityHash"},
		{name: "error/issuedOn without zone", mutate: func(a *ob2.Assertion) { a.IssuedOn = "2016-12-31T23:59:59" }, wantErr: "no time zone"},
		{name: "error/unknown verification type", mutate: func(a *ob2.Assertion) { a.Verification.Type = ob2.Types{"Mystery"} }, wantErr: "neither HostedBadge nor SignedBadge"},
		{name: "error/wrong type", mutate: func(a *ob2.Assertion) { a.Type = ob2.Types{"BadgeClass"} }, wantErr: `type must include "Assertion"`},
		{
			name: "error/embedded badge class is validated",
			mutate: func(a *ob2.Assertion) {
				a.Badge = ob2.Embed(ob2.BadgeClass{Type: ob2.Types{ob2.TypeBadgeClass}, ID: "https://b"})
			},
			wantErr: "badge: badge class: name is required",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			a := valid()
			tt.mutate(&a)
			err := a.Validate()
			if tt.wantErr == "" {
				require.NoError(t, err)
				return
			}
			require.ErrorContains(t, err, tt.wantErr)
		})
	}
}

func TestMarshalBuiltAssertion(t *testing.T) {
	t.Parallel()
	a := ob2.Assertion{
		Context: ob2.V2Context(),
		Type:    ob2.Types{ob2.TypeAssertion},
		ID:      "urn:uuid:a953081a-4bbd-4927-9653-7219bca00e3b",
		Recipient: &ob2.IdentityObject{
			Type: ob2.IdentityEmail, Hashed: true, Salt: "deadsea",
			Identity: ob2.HashIdentity("nobody@example.org", "deadsea"),
		},
		Badge:        ob2.RefTo[ob2.BadgeClass]("https://example.org/robotics-badge.json"),
		Verification: ob2.Signed("https://example.org/publicKey.json"),
		IssuedOn:     ob2.NewDateTime(time.Date(2016, 12, 31, 23, 59, 59, 0, time.UTC)),
		Evidence:     ob2.List[ob2.Ref[ob2.Evidence]]{ob2.RefTo[ob2.Evidence]("https://example.org/beths-robot-work.html")},
	}
	require.NoError(t, a.Validate())
	out, err := json.Marshal(a)
	require.NoError(t, err)
	require.JSONEq(t, `{
		"@context": "https://w3id.org/openbadges/v2",
		"type": "Assertion",
		"id": "urn:uuid:a953081a-4bbd-4927-9653-7219bca00e3b",
		"recipient": {"type": "email", "identity": "sha256$ecf5409f3f4b91ab60cc5ef4c02aef7032354375e70cf4d8e43f6a1d29891942", "hashed": true, "salt": "deadsea"},
		"badge": "https://example.org/robotics-badge.json",
		"verification": {"type": "SignedBadge", "creator": "https://example.org/publicKey.json"},
		"issuedOn": "2016-12-31T23:59:59Z",
		"evidence": ["https://example.org/beths-robot-work.html"]
	}`, string(out))
	require.True(t, strings.HasPrefix(string(out), `{"@context":`), "members follow specification order")
}

func TestSignedBadgeJWTPayloadRecipient(t *testing.T) {
	t.Parallel()
	parts := strings.Split(strings.TrimSpace(string(readTestdata(t, "validator-simple.jwt"))), ".")
	require.Len(t, parts, 3)
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	require.NoError(t, err)
	a, err := ob2.ParseAssertion(payload)
	require.NoError(t, err)
	require.Equal(t, "sha256$"+"ecf5409f3f4b91ab60cc5ef4c02aef7032354375e70cf4d8e43f6a1d29891942", a.Recipient.Identity)
	require.Equal(t, a.Recipient.Identity, ob2.HashIdentity("nobody@example.org", "deadsea"))
	require.True(t, a.Recipient.Matches("nobody@example.org"))
	require.True(t, a.Recipient.Matches("Nobody@Example.ORG"), "email addresses match regardless of case")
	require.False(t, a.Recipient.Matches("somebody@example.org"))
	require.True(t, a.Verification.IsSigned(), `"signed" is the alias of SignedBadge`)
	require.Equal(t, "http://example.org/key1.json", a.Verification.Creator)
}
