package ob3_test

import (
	"time"

	"badged/credentials/ob3"
)

// Realistic credentials built with this package's types, as the issuer
// builds them. Fixed ids and dates keep them stable.

var (
	issuedAt   = time.Date(2025, 9, 1, 14, 30, 0, 0, time.UTC)
	university = ob3.Profile{
		ID:          testBase + "/issuers/university",
		Type:        ob3.Types{ob3.TypeProfile},
		Name:        "Example University",
		URL:         "https://www.example.edu",
		Email:       "registrar@example.edu",
		Description: "A public research university.",
		Image:       ob3.NewImage(testBase+"/issuers/university/logo.png", "Example University logo"),
		Address: &ob3.Address{
			Type:               ob3.Types{ob3.TypeAddress},
			AddressCountry:     "Canada",
			AddressCountryCode: "CA",
			AddressRegion:      "ON",
			AddressLocality:    "Kingston",
		},
		OtherIdentifier: ob3.List[ob3.IdentifierEntry]{{
			Type: ob3.TypeIdentifierEntry, Identifier: "EXU-001", IdentifierType: ob3.IdentifierSourcedID,
		}},
	}
)

func ptr[T any](v T) *T { return &v }

func proofFor(issuer string) ob3.List[ob3.Proof] {
	return ob3.List[ob3.Proof]{{
		Type:               ob3.TypeDataIntegrityProof,
		Created:            ob3.NewDateTime(issuedAt),
		VerificationMethod: issuer + "#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi",
		Cryptosuite:        "eddsa-rdfc-2022",
		ProofPurpose:       "assertionMethod",
		ProofValue:         "z41ZsNkz78FHSGkAD5J4b8EN49DkywMMJSL3UdUNffbsCAWmTLPvtnJpd3JGGooYX7TNrzgsTLkXUWiGsRRZ788ML",
	}}
}

func hashedEmail(salt string) ob3.IdentityObject {
	return ob3.IdentityObject{
		Type:         ob3.TypeIdentityObject,
		IdentityHash: "sha256$" + "b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399",
		IdentityType: ob3.IdentifierEmailAddress,
		Hashed:       true,
		Salt:         salt,
	}
}

// microCredential is a credit-bearing micro-credential with every EU
// element, a grade, a bitstring status entry and a proof.
func microCredential() ob3.AchievementCredential {
	eqf, err := ob3.EQFAlignment(6)
	if err != nil {
		panic(err)
	}
	achievementURL := testBase + "/achievements/gis-fundamentals"
	gradeID := achievementURL + "#grade"
	return ob3.AchievementCredential{
		Context:     ob3.NewContext(ob3.ContextOBExtensions, ob3.ExtensionContextURL(testBase)),
		ID:          testBase + "/credentials/3f2a9c1e-4b7d-4e0a-9f6b-2c8d1e5a7b90",
		Type:        ob3.Types{ob3.TypeVerifiableCredential, ob3.TypeOpenBadgeCredential},
		Name:        "GIS Fundamentals (micro-credential)",
		Description: "Credit-bearing micro-credential in geographic information systems.",
		Issuer:      ob3.ProfileRef{Profile: &university},
		AwardedDate: ob3.NewDateTime(issuedAt),
		ValidFrom:   ob3.NewDateTime(issuedAt),
		ValidUntil:  ob3.NewDateTime(issuedAt.AddDate(5, 0, 0)),
		CredentialSubject: ob3.AchievementSubject{
			Type:              ob3.Types{ob3.TypeAchievementSubject},
			Identifier:        ob3.List[ob3.IdentityObject]{hashedEmail("Kosher")},
			ActivityStartDate: ob3.NewDateTime(issuedAt.AddDate(0, -4, 0)),
			ActivityEndDate:   ob3.NewDateTime(issuedAt.AddDate(0, 0, -7)),
			CreditsEarned:     ptr(3.0),
			Term:              "Summer 2025",
			Result: ob3.List[ob3.Result]{{
				Type: ob3.Types{ob3.TypeResult}, ResultDescription: gradeID, Value: "A-",
			}},
			Achievement: &ob3.Achievement{
				ID:              achievementURL,
				Type:            ob3.Types{ob3.TypeAchievement},
				AchievementType: ob3.AchievementTypeMicroCredential,
				Name:            "GIS Fundamentals",
				Description:     "Spatial data, projections and analysis with open GIS tools.",
				Criteria: &ob3.Criteria{
					ID:        achievementURL + "/criteria",
					Narrative: "Complete four modules and a graded capstone map project.",
				},
				Image:            ob3.NewImage(achievementURL+"/image.png", "GIS Fundamentals badge"),
				CreditsAvailable: ptr(3.0),
				FieldOfStudy:     "Geography",
				HumanCode:        "GEOG 220",
				InLanguage:       "en-CA",
				Version:          "2025.1",
				Tag:              ob3.List[string]{"GIS", "mapping"},
				Alignment: ob3.List[ob3.Alignment]{
					eqf,
					{
						Type: ob3.Types{ob3.TypeAlignment}, TargetName: "Produce thematic maps from spatial data",
						TargetURL: achievementURL + "#outcome-1", TargetType: ob3.TargetCompetency,
						TargetFramework: "Example University learning outcomes",
					},
				},
				ResultDescription: ob3.List[ob3.ResultDescription]{{
					ID: gradeID, Type: ob3.Types{ob3.TypeResultDescription}, Name: "Final grade",
					ResultType: ob3.ResultLetterGrade, AllowedValue: ob3.OrderedList{"F", "D", "C", "B", "A-", "A"},
					RequiredValue: "D",
				}},
				OtherIdentifier: ob3.List[ob3.IdentifierEntry]{{
					Type: ob3.TypeIdentifierEntry, Identifier: "GEOG220-MC", IdentifierType: ob3.IdentifierSystemID,
				}},
				Extension: ob3.AchievementExtension{
					CreditStatus:          ob3.CreditBearing,
					RecognisedAsRequisite: ptr(true),
					ECTSCredits:           ptr(6.0),
					NotionalWorkload:      ob3.WorkloadHours(150),
					AssessmentType:        "Graded capstone project and online quizzes",
					AssessmentSupervision: ob3.SupervisedOnlineIdentityVerification,
					ParticipationForm:     ob3.ParticipationBlended,
					QualityAssurance:      "Approved by the Senate Micro-credential Committee and Senate",
					Prerequisite:          ob3.List[string]{"Introductory statistics"},
					Stackability:          ob3.Standalone,
				},
			},
		},
		CredentialSchema: ob3.List[ob3.CredentialSchema]{ob3.AchievementCredentialSchema()},
		CredentialStatus: &ob3.CredentialStatus{
			ID:                   testBase + "/status/revocation/1#94567",
			Type:                 ob3.TypeBitstringStatusListEntry,
			StatusPurpose:        "revocation",
			StatusListIndex:      ob3.NewStatusListIndex(94567),
			StatusListCredential: testBase + "/status/revocation/1",
		},
		Proof: proofFor(university.ID),
	}
}

// digitalBadge is a completion badge: non credit-bearing, minimal, the
// recipient known only by a hashed email, no proof yet.
func digitalBadge() ob3.AchievementCredential {
	return ob3.AchievementCredential{
		Context:   ob3.NewContext(ob3.ExtensionContextURL(testBase)),
		ID:        "urn:uuid:6d1f4a2b-8c3e-4f5a-9b7c-0e1d2c3b4a59",
		Type:      ob3.Types{ob3.TypeVerifiableCredential, ob3.TypeOpenBadgeCredential},
		Name:      "Academic Integrity Tutorial",
		Issuer:    ob3.ProfileRef{Profile: &ob3.Profile{ID: university.ID, Type: ob3.Types{ob3.TypeProfile}, Name: university.Name}},
		ValidFrom: ob3.NewDateTime(issuedAt),
		CredentialSubject: ob3.AchievementSubject{
			Type:       ob3.Types{ob3.TypeAchievementSubject},
			Identifier: ob3.List[ob3.IdentityObject]{hashedEmail("pepper")},
			Achievement: &ob3.Achievement{
				ID:              testBase + "/achievements/academic-integrity",
				Type:            ob3.Types{ob3.TypeAchievement},
				AchievementType: ob3.AchievementTypeBadge,
				Name:            "Academic Integrity Tutorial",
				Description:     "Completed the academic integrity tutorial.",
				Criteria:        &ob3.Criteria{Narrative: "Complete every module of the tutorial."},
				Extension:       ob3.AchievementExtension{CreditStatus: ob3.NonCreditBearing},
			},
		},
	}
}

// minimalCredential has only what the specification requires.
func minimalCredential() ob3.AchievementCredential {
	return ob3.AchievementCredential{
		Context:   ob3.NewContext(),
		ID:        "urn:uuid:0b9e8d7c-6a5f-4e3d-8c2b-1a0f9e8d7c6b",
		Type:      ob3.Types{ob3.TypeVerifiableCredential, ob3.TypeAchievementCredential},
		Issuer:    ob3.ProfileRef{IRI: university.ID},
		ValidFrom: ob3.NewDateTime(issuedAt),
		CredentialSubject: ob3.AchievementSubject{
			ID:   "did:example:ebfeb1f712ebc6f1c276e12ec21",
			Type: ob3.Types{ob3.TypeAchievementSubject},
			Achievement: &ob3.Achievement{
				ID: "urn:uuid:5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d1c", Type: ob3.Types{ob3.TypeAchievement},
				Name: "Teamwork", Description: "Collaborates within a group.",
				Criteria: &ob3.Criteria{ID: testBase + "/criteria/teamwork"},
			},
		},
	}
}

// stackedComponent counts towards the GIS certificate and says so.
func stackedComponent() ob3.AchievementCredential {
	c := microCredential()
	c.ID = testBase + "/credentials/a7c1e3f5-0b2d-4e6f-8a9c-1b3d5f7e9a2c"
	a := c.CredentialSubject.Achievement
	a.ID = testBase + "/achievements/gis-remote-sensing"
	a.Name = "Remote Sensing"
	a.ResultDescription = nil
	c.CredentialSubject.Result = nil
	a.Alignment = append(a.Alignment, ob3.StackAlignment(
		testBase+"/achievements/gis-certificate", "GIS Certificate",
		"One of three micro-credentials that together earn the GIS Certificate."))
	a.Extension.Stackability = ob3.Stackable
	a.Extension.RecognisedAsRequisite = nil
	c.CredentialStatus = &ob3.CredentialStatus{ID: testBase + "/revocations", Type: ob3.TypeRevocationList}
	c.RefreshService = &ob3.RefreshService{ID: c.ID, Type: ob3.TypeCredentialRefresh}
	return c
}

// stackedParent is the certificate earned by holding its components,
// which it lists as evidence.
func stackedParent() ob3.AchievementCredential {
	c := digitalBadge()
	c.ID = testBase + "/credentials/c0ffee00-1234-4abc-8def-0123456789ab"
	c.Name = "GIS Certificate"
	a := c.CredentialSubject.Achievement
	a.ID = testBase + "/achievements/gis-certificate"
	a.AchievementType = ob3.AchievementTypeCertificate
	a.Name = "GIS Certificate"
	a.Description = "Earned by completing three GIS micro-credentials."
	a.Extension = ob3.AchievementExtension{CreditStatus: ob3.CreditBearing, ECTSCredits: ptr(18.0)}
	c.Evidence = ob3.List[ob3.Evidence]{
		ob3.ComponentEvidence(microCredential().ID, "GIS Fundamentals"),
		ob3.ComponentEvidence(stackedComponent().ID, "Remote Sensing"),
	}
	return c
}

// endorsement is a professional body's endorsement of the achievement.
func endorsement() ob3.EndorsementCredential {
	return ob3.EndorsementCredential{
		Context:     ob3.NewContext(ob3.ContextOBExtensions),
		ID:          "urn:uuid:e1d2c3b4-a596-4877-8695-a4b3c2d1e0f9",
		Type:        ob3.Types{ob3.TypeVerifiableCredential, ob3.TypeEndorsementCredential},
		Name:        "Endorsement by the Association of Geomatics Professionals",
		Description: "Professional body endorsement.",
		Issuer: ob3.ProfileRef{Profile: &ob3.Profile{
			ID: "https://geomatics.example.org/issuer", Type: ob3.Types{ob3.TypeProfile}, Name: "Association of Geomatics Professionals",
		}},
		ValidFrom:  ob3.NewDateTime(issuedAt),
		ValidUntil: ob3.NewDateTime(issuedAt.AddDate(3, 0, 0)),
		CredentialSubject: ob3.EndorsementSubject{
			ID:                 testBase + "/achievements/gis-fundamentals",
			Type:               ob3.Types{ob3.TypeEndorsementSubject},
			EndorsementComment: "Meets our entry-level competency standard.",
		},
		CredentialSchema: ob3.List[ob3.CredentialSchema]{{ID: ob3.SchemaEndorsementCredential, Type: ob3.TypeJSONSchemaValidator}},
		Proof:            proofFor("https://geomatics.example.org/issuer"),
	}
}

// endorsedMicroCredential embeds the endorsement in the achievement.
func endorsedMicroCredential() ob3.AchievementCredential {
	c := microCredential()
	c.CredentialSubject.Achievement.Endorsement = ob3.List[ob3.EndorsementCredential]{endorsement()}
	return c
}
