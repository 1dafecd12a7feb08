package ob3_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"badged/credentials/ob3"
)

func TestValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		mutate  func(c *ob3.AchievementCredential)
		wantErr string
	}{
		{name: "ok", mutate: func(*ob3.AchievementCredential) {}},
		{name: "ok/AchievementCredential type name", mutate: func(c *ob3.AchievementCredential) {
			c.Type = ob3.Types{ob3.TypeVerifiableCredential, ob3.TypeAchievementCredential}
		}},
		{name: "ok/plain email identifier", mutate: func(c *ob3.AchievementCredential) {
			c.CredentialSubject.Identifier[0] = ob3.IdentityObject{Type: ob3.TypeIdentityObject, IdentityHash: "a@example.com", IdentityType: ob3.IdentifierEmailAddress}
		}},
		{name: "error/VCDM 1.1 context", mutate: func(c *ob3.AchievementCredential) { c.Context[0].URL = ob3.ContextVCv1 }, wantErr: "@context[0]: must be https://www.w3.org/ns/credentials/v2"},
		{name: "error/no Open Badges context", mutate: func(c *ob3.AchievementCredential) { c.Context[1].URL = "https://example.org/other" }, wantErr: "@context[1]"},
		{name: "error/1EdTech types without extensions.json", mutate: func(c *ob3.AchievementCredential) {
			c.Context = ob3.NewContext(ob3.ExtensionContextURL(testBase))
		}, wantErr: "must include https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"},
		{name: "error/no id", mutate: func(c *ob3.AchievementCredential) { c.ID = "" }, wantErr: "id is required"},
		{name: "error/not an Open Badge", mutate: func(c *ob3.AchievementCredential) { c.Type = ob3.Types{ob3.TypeVerifiableCredential} }, wantErr: "type: must include OpenBadgeCredential or AchievementCredential"},
		{name: "error/issuer without id", mutate: func(c *ob3.AchievementCredential) {
			c.Issuer = ob3.ProfileRef{Profile: &ob3.Profile{Type: ob3.Types{ob3.TypeProfile}}}
		}, wantErr: "issuer.id is required"},
		{name: "error/no issuer", mutate: func(c *ob3.AchievementCredential) { c.Issuer = ob3.ProfileRef{} }, wantErr: "issuer is required"},
		{name: "error/validFrom without time zone", mutate: func(c *ob3.AchievementCredential) { c.ValidFrom = "2025-09-01T14:30:00" }, wantErr: "validFrom: \"2025-09-01T14:30:00\" has no time zone"},
		{name: "error/validUntil before validFrom", mutate: func(c *ob3.AchievementCredential) { c.ValidUntil = "2020-01-01T00:00:00Z" }, wantErr: "validUntil: must be after validFrom"},
		{name: "error/awardedDate not a date", mutate: func(c *ob3.AchievementCredential) { c.AwardedDate = "yesterday" }, wantErr: "awardedDate"},
		{name: "error/subject without id or identifier", mutate: func(c *ob3.AchievementCredential) { c.CredentialSubject.Identifier = nil }, wantErr: "credentialSubject: needs an id or at least one identifier"},
		{name: "error/malformed identity hash", mutate: func(c *ob3.AchievementCredential) { c.CredentialSubject.Identifier[0].IdentityHash = "sha256$abc" }, wantErr: "identityHash: is not a sha256$ or md5$ hex IdentityHash"},
		{name: "error/unknown identity type", mutate: func(c *ob3.AchievementCredential) { c.CredentialSubject.Identifier[0].IdentityType = "email" }, wantErr: "identityType: \"email\""},
		{name: "ok/ext: identity type", mutate: func(c *ob3.AchievementCredential) {
			c.CredentialSubject.Identifier[0].IdentityType = "ext:studentNumber"
		}},
		{name: "error/no achievement", mutate: func(c *ob3.AchievementCredential) { c.CredentialSubject.Achievement = nil }, wantErr: "credentialSubject.achievement is required"},
		{name: "error/achievement without criteria", mutate: func(c *ob3.AchievementCredential) { c.CredentialSubject.Achievement.Criteria = &ob3.Criteria{} }, wantErr: "criteria: needs an id or a narrative"},
		{name: "error/unknown achievement type", mutate: func(c *ob3.AchievementCredential) {
			c.CredentialSubject.Achievement.AchievementType = "Microcredential"
		}, wantErr: "achievementType"},
		{name: "error/ext: with nothing after it", mutate: func(c *ob3.AchievementCredential) { c.CredentialSubject.Achievement.AchievementType = "ext:" }, wantErr: "achievementType"},
		{name: "error/alignment without URL", mutate: func(c *ob3.AchievementCredential) { c.CredentialSubject.Achievement.Alignment[1].TargetURL = "" }, wantErr: "alignment[1].targetUrl is required"},
		{name: "error/result points nowhere", mutate: func(c *ob3.AchievementCredential) { c.CredentialSubject.Result[0].ResultDescription = "urn:x" }, wantErr: "\"urn:x\" is not a result description of the achievement"},
		{name: "error/status result without status", mutate: func(c *ob3.AchievementCredential) {
			c.CredentialSubject.Achievement.ResultDescription[0].ResultType = ob3.ResultStatusType
		}, wantErr: "status: is required when the result description's resultType is Status"},
		{name: "error/unknown result status", mutate: func(c *ob3.AchievementCredential) { c.CredentialSubject.Result[0].Status = "Passed" }, wantErr: "\"Passed\" is not a result status"},
		{name: "error/image without type", mutate: func(c *ob3.AchievementCredential) { c.CredentialSubject.Achievement.Image.Type = "" }, wantErr: "achievement.image.type: must be Image"},
		{name: "error/bitstring index not a number", mutate: func(c *ob3.AchievementCredential) {
			c.CredentialStatus.StatusListIndex = ob3.StatusListIndex{}
		}, wantErr: "statusListIndex"},
		{name: "error/proof without type", mutate: func(c *ob3.AchievementCredential) { c.Proof[0].Type = "" }, wantErr: "proof[0].type is required"},
		{name: "error/embedded endorsement is validated", mutate: func(c *ob3.AchievementCredential) {
			e := endorsement()
			e.Name = ""
			c.CredentialSubject.Achievement.Endorsement = ob3.List[ob3.EndorsementCredential]{e}
		}, wantErr: "endorsement[0]: invalid Open Badges 3.0 document: endorsement credential urn:uuid:e1d2c3b4-a596-4877-8695-a4b3c2d1e0f9: name is required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := microCredential()
			tt.mutate(&c)
			err := c.Validate()
			if tt.wantErr == "" {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, ob3.ErrInvalid)
			require.ErrorContains(t, err, tt.wantErr)
		})
	}
}

func TestValidateListsEveryProblem(t *testing.T) {
	t.Parallel()
	c := minimalCredential()
	c.ID = ""
	c.ValidFrom = ""
	c.CredentialSubject.Achievement.Name = ""
	err := c.Validate()
	require.ErrorContains(t, err, "id is required")
	require.ErrorContains(t, err, "validFrom is required")
	require.ErrorContains(t, err, "credentialSubject.achievement.name is required")
}

func TestEndorsementValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		mutate  func(e *ob3.EndorsementCredential)
		wantErr string
	}{
		{name: "ok", mutate: func(*ob3.EndorsementCredential) {}},
		{name: "error/no name", mutate: func(e *ob3.EndorsementCredential) { e.Name = "" }, wantErr: "name is required"},
		{name: "error/no endorsed id", mutate: func(e *ob3.EndorsementCredential) { e.CredentialSubject.ID = "" }, wantErr: "credentialSubject.id is required"},
		{name: "error/wrong subject type", mutate: func(e *ob3.EndorsementCredential) { e.CredentialSubject.Type = ob3.Types{"AchievementSubject"} }, wantErr: "credentialSubject.type: must include EndorsementSubject"},
		{name: "error/not an endorsement", mutate: func(e *ob3.EndorsementCredential) { e.Type = ob3.Types{ob3.TypeVerifiableCredential} }, wantErr: "type: must include EndorsementCredential"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := endorsement()
			tt.mutate(&e)
			err := e.Validate()
			if tt.wantErr == "" {
				require.NoError(t, err)
				return
			}
			require.ErrorContains(t, err, tt.wantErr)
		})
	}
}
