package ob3

import (
	"regexp"
	"slices"
)

// extPattern is the form of a custom value of an extensible enumeration.
// The official schema leaves its pattern unanchored; a value here must be
// "ext:" followed by at least one such character and nothing else.
var extPattern = regexp.MustCompile(`^ext:[A-Za-z0-9.\-_|]+$`)

// AchievementType is the kind of achievement (an extensible enumeration:
// custom values start with "ext:").
type AchievementType string

// The AchievementType values of the specification, in the schema's order.
const (
	AchievementTypeAchievement                 AchievementType = "Achievement"
	AchievementTypeApprenticeshipCertificate   AchievementType = "ApprenticeshipCertificate"
	AchievementTypeAssessment                  AchievementType = "Assessment"
	AchievementTypeAssignment                  AchievementType = "Assignment"
	AchievementTypeAssociateDegree             AchievementType = "AssociateDegree"
	AchievementTypeAward                       AchievementType = "Award"
	AchievementTypeBadge                       AchievementType = "Badge"
	AchievementTypeBachelorDegree              AchievementType = "BachelorDegree"
	AchievementTypeCertificate                 AchievementType = "Certificate"
	AchievementTypeCertificateOfCompletion     AchievementType = "CertificateOfCompletion"
	AchievementTypeCertification               AchievementType = "Certification"
	AchievementTypeCommunityService            AchievementType = "CommunityService"
	AchievementTypeCompetency                  AchievementType = "Competency"
	AchievementTypeCourse                      AchievementType = "Course"
	AchievementTypeCoCurricular                AchievementType = "CoCurricular"
	AchievementTypeDegree                      AchievementType = "Degree"
	AchievementTypeDiploma                     AchievementType = "Diploma"
	AchievementTypeDoctoralDegree              AchievementType = "DoctoralDegree"
	AchievementTypeFieldwork                   AchievementType = "Fieldwork"
	AchievementTypeGeneralEducationDevelopment AchievementType = "GeneralEducationDevelopment"
	AchievementTypeJourneymanCertificate       AchievementType = "JourneymanCertificate"
	AchievementTypeLearningProgram             AchievementType = "LearningProgram"
	AchievementTypeLicense                     AchievementType = "License"
	AchievementTypeMembership                  AchievementType = "Membership"
	AchievementTypeProfessionalDoctorate       AchievementType = "ProfessionalDoctorate"
	AchievementTypeQualityAssuranceCredential  AchievementType = "QualityAssuranceCredential"
	AchievementTypeMasterCertificate           AchievementType = "MasterCertificate"
	AchievementTypeMasterDegree                AchievementType = "MasterDegree"
	AchievementTypeMicroCredential             AchievementType = "MicroCredential"
	AchievementTypeResearchDoctorate           AchievementType = "ResearchDoctorate"
	AchievementTypeSecondarySchoolDiploma      AchievementType = "SecondarySchoolDiploma"
)

var achievementTypes = []AchievementType{
	AchievementTypeAchievement, AchievementTypeApprenticeshipCertificate, AchievementTypeAssessment,
	AchievementTypeAssignment, AchievementTypeAssociateDegree, AchievementTypeAward, AchievementTypeBadge,
	AchievementTypeBachelorDegree, AchievementTypeCertificate, AchievementTypeCertificateOfCompletion,
	AchievementTypeCertification, AchievementTypeCommunityService, AchievementTypeCompetency,
	AchievementTypeCourse, AchievementTypeCoCurricular, AchievementTypeDegree, AchievementTypeDiploma,
	AchievementTypeDoctoralDegree, AchievementTypeFieldwork, AchievementTypeGeneralEducationDevelopment,
	AchievementTypeJourneymanCertificate, AchievementTypeLearningProgram, AchievementTypeLicense,
	AchievementTypeMembership, AchievementTypeProfessionalDoctorate, AchievementTypeQualityAssuranceCredential,
	AchievementTypeMasterCertificate, AchievementTypeMasterDegree, AchievementTypeMicroCredential,
	AchievementTypeResearchDoctorate, AchievementTypeSecondarySchoolDiploma,
}

// Valid reports whether t is a value of the specification or an "ext:" value.
func (t AchievementType) Valid() bool {
	return slices.Contains(achievementTypes, t) || isExt(string(t))
}

// IdentifierType is the kind of an identifier (an extensible enumeration).
type IdentifierType string

// The IdentifierTypeEnum values of the specification.
const (
	IdentifierName                   IdentifierType = "name"
	IdentifierSourcedID              IdentifierType = "sourcedId"
	IdentifierSystemID               IdentifierType = "systemId"
	IdentifierProductID              IdentifierType = "productId"
	IdentifierUserName               IdentifierType = "userName"
	IdentifierAccountID              IdentifierType = "accountId"
	IdentifierEmailAddress           IdentifierType = "emailAddress"
	IdentifierNationalIdentityNumber IdentifierType = "nationalIdentityNumber"
	IdentifierISBN                   IdentifierType = "isbn"
	IdentifierISSN                   IdentifierType = "issn"
	IdentifierLISSourcedID           IdentifierType = "lisSourcedId"
	IdentifierOneRosterSourcedID     IdentifierType = "oneRosterSourcedId"
	IdentifierSISSourcedID           IdentifierType = "sisSourcedId"
	IdentifierLTIContextID           IdentifierType = "ltiContextId"
	IdentifierLTIDeploymentID        IdentifierType = "ltiDeploymentId"
	IdentifierLTIToolID              IdentifierType = "ltiToolId"
	IdentifierLTIPlatformID          IdentifierType = "ltiPlatformId"
	IdentifierLTIUserID              IdentifierType = "ltiUserId"
	IdentifierIdentifier             IdentifierType = "identifier"
)

var identifierTypes = []IdentifierType{
	IdentifierName, IdentifierSourcedID, IdentifierSystemID, IdentifierProductID, IdentifierUserName,
	IdentifierAccountID, IdentifierEmailAddress, IdentifierNationalIdentityNumber, IdentifierISBN,
	IdentifierISSN, IdentifierLISSourcedID, IdentifierOneRosterSourcedID, IdentifierSISSourcedID,
	IdentifierLTIContextID, IdentifierLTIDeploymentID, IdentifierLTIToolID, IdentifierLTIPlatformID,
	IdentifierLTIUserID, IdentifierIdentifier,
}

// Valid reports whether t is a value of the specification or an "ext:" value.
func (t IdentifierType) Valid() bool { return slices.Contains(identifierTypes, t) || isExt(string(t)) }

// AlignmentTargetType is the kind of framework node an alignment points
// at (an extensible enumeration).
type AlignmentTargetType string

// The AlignmentTargetType values of the specification.
const (
	TargetCompetency             AlignmentTargetType = "ceasn:Competency"
	TargetCredential             AlignmentTargetType = "ceterms:Credential"
	TargetCFItem                 AlignmentTargetType = "CFItem"
	TargetCFRubric               AlignmentTargetType = "CFRubric"
	TargetCFRubricCriterion      AlignmentTargetType = "CFRubricCriterion"
	TargetCFRubricCriterionLevel AlignmentTargetType = "CFRubricCriterionLevel"
	TargetCTDL                   AlignmentTargetType = "CTDL"
)

var alignmentTargetTypes = []AlignmentTargetType{
	TargetCompetency, TargetCredential, TargetCFItem, TargetCFRubric, TargetCFRubricCriterion,
	TargetCFRubricCriterionLevel, TargetCTDL,
}

// Valid reports whether t is a value of the specification or an "ext:" value.
func (t AlignmentTargetType) Valid() bool {
	return slices.Contains(alignmentTargetTypes, t) || isExt(string(t))
}

// ResultType is the kind of a result (an extensible enumeration).
type ResultType string

// The ResultType values of the specification.
const (
	ResultGradePointAverage    ResultType = "GradePointAverage"
	ResultLetterGrade          ResultType = "LetterGrade"
	ResultPercent              ResultType = "Percent"
	ResultPerformanceLevel     ResultType = "PerformanceLevel"
	ResultPredictedScore       ResultType = "PredictedScore"
	ResultRawScore             ResultType = "RawScore"
	ResultResult               ResultType = "Result"
	ResultRubricCriterion      ResultType = "RubricCriterion"
	ResultRubricCriterionLevel ResultType = "RubricCriterionLevel"
	ResultRubricScore          ResultType = "RubricScore"
	ResultScaledScore          ResultType = "ScaledScore"
	ResultStatusType           ResultType = "Status"
)

var resultTypes = []ResultType{
	ResultGradePointAverage, ResultLetterGrade, ResultPercent, ResultPerformanceLevel, ResultPredictedScore,
	ResultRawScore, ResultResult, ResultRubricCriterion, ResultRubricCriterionLevel, ResultRubricScore,
	ResultScaledScore, ResultStatusType,
}

// Valid reports whether t is a value of the specification or an "ext:" value.
func (t ResultType) Valid() bool { return slices.Contains(resultTypes, t) || isExt(string(t)) }

// ResultStatus is the status of a result (a closed enumeration).
type ResultStatus string

// The ResultStatusType values of the specification.
const (
	StatusCompleted   ResultStatus = "Completed"
	StatusEnrolled    ResultStatus = "Enrolled"
	StatusFailed      ResultStatus = "Failed"
	StatusInProgress  ResultStatus = "InProgress"
	StatusOnHold      ResultStatus = "OnHold"
	StatusProvisional ResultStatus = "Provisional"
	StatusWithdrew    ResultStatus = "Withdrew"
)

// Valid reports whether s is a value of the specification.
func (s ResultStatus) Valid() bool {
	return slices.Contains([]ResultStatus{
		StatusCompleted, StatusEnrolled, StatusFailed, StatusInProgress, StatusOnHold, StatusProvisional, StatusWithdrew,
	}, s)
}

func isExt(s string) bool { return extPattern.MatchString(s) }
