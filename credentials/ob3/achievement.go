package ob3

import (
	"encoding/json"

	"badged/credentials/internal/jsonobj"
)

// Achievement describes what is earned: a micro-credential, a badge, a
// course, a degree (specification §Achievement; standards brief §2.3). It
// has every property of the specification, plus the extension terms of
// AchievementExtension.
type Achievement struct {
	ID              string          `json:"id,omitempty"`
	Type            Types           `json:"type,omitempty"`
	AchievementType AchievementType `json:"achievementType,omitempty"`
	Name            string          `json:"name,omitempty"`
	Description     string          `json:"description,omitempty"`
	Criteria        *Criteria       `json:"criteria,omitempty"`
	Image           *Image          `json:"image,omitempty"`
	// Creator is who defined the achievement, where that differs from the
	// credential's issuer.
	Creator *Profile `json:"creator,omitempty"`
	// CreditsAvailable is the credit hours the achievement carries, in the
	// institution's own credit system (see AchievementExtension.ECTSCredits).
	CreditsAvailable  *float64                    `json:"creditsAvailable,omitempty"`
	FieldOfStudy      string                      `json:"fieldOfStudy,omitempty"`
	HumanCode         string                      `json:"humanCode,omitempty"`
	InLanguage        string                      `json:"inLanguage,omitempty"`
	Specialization    string                      `json:"specialization,omitempty"`
	Version           string                      `json:"version,omitempty"`
	Tag               List[string]                `json:"tag,omitempty"`
	Alignment         List[Alignment]             `json:"alignment,omitempty"`
	ResultDescription List[ResultDescription]     `json:"resultDescription,omitempty"`
	OtherIdentifier   List[IdentifierEntry]       `json:"otherIdentifier,omitempty"`
	Related           List[Related]               `json:"related,omitempty"`
	Endorsement       List[EndorsementCredential] `json:"endorsement,omitempty"`
	// EndorsementJwt holds VC-JWT endorsements of the achievement.
	EndorsementJwt List[string] `json:"endorsementJwt,omitempty"`
	// Extension holds the terms of this library's extension context.
	Extension AchievementExtension `json:",inline"`
	// Extra holds the members this type does not model.
	Extra map[string]json.RawMessage `json:"-" jsonobj:"extra"`
}

// MarshalJSON writes the achievement in the required serialization.
func (a Achievement) MarshalJSON() ([]byte, error) { return jsonobj.Marshal(a) }

// UnmarshalJSON reads an achievement.
func (a *Achievement) UnmarshalJSON(b []byte) error { return jsonobj.Unmarshal(b, a) }

// Criteria says how the achievement is earned: a page (ID), a Markdown
// narrative, or both. It should have at least one of them.
type Criteria struct {
	ID        string `json:"id,omitempty"`
	Narrative string `json:"narrative,omitempty"`
	// Extra holds the members this type does not model.
	Extra map[string]json.RawMessage `json:"-" jsonobj:"extra"`
}

// MarshalJSON writes the criteria.
func (c Criteria) MarshalJSON() ([]byte, error) { return jsonobj.Marshal(c) }

// UnmarshalJSON reads a criteria object, or the IRI of the criteria page.
func (c *Criteria) UnmarshalJSON(b []byte) error {
	return unmarshalNode(b, c, func(iri string) { *c = Criteria{ID: iri} })
}

// Alignment aligns an achievement (or a result) with a node of an
// educational framework: a competency, a learning outcome, a level, or the
// stacked credential it counts towards (StackAlignment).
type Alignment struct {
	Type              Types               `json:"type,omitempty"`
	TargetName        string              `json:"targetName,omitempty"`
	TargetURL         string              `json:"targetUrl,omitempty"`
	TargetDescription string              `json:"targetDescription,omitempty"`
	TargetCode        string              `json:"targetCode,omitempty"`
	TargetFramework   string              `json:"targetFramework,omitempty"`
	TargetType        AlignmentTargetType `json:"targetType,omitempty"`
	// Extra holds the members this type does not model.
	Extra map[string]json.RawMessage `json:"-" jsonobj:"extra"`
}

// MarshalJSON writes the alignment.
func (a Alignment) MarshalJSON() ([]byte, error) { return jsonobj.Marshal(a) }

// UnmarshalJSON reads an alignment.
func (a *Alignment) UnmarshalJSON(b []byte) error { return jsonobj.Unmarshal(b, a) }

// ResultDescription describes a result a recipient may get: a grade scale,
// a rubric, a status.
type ResultDescription struct {
	ID                   string                     `json:"id,omitempty"`
	Type                 Types                      `json:"type,omitempty"`
	Name                 string                     `json:"name,omitempty"`
	ResultType           ResultType                 `json:"resultType,omitempty"`
	AllowedValue         OrderedList                `json:"allowedValue,omitempty"`
	RequiredLevel        string                     `json:"requiredLevel,omitempty"`
	RequiredValue        string                     `json:"requiredValue,omitempty"`
	RubricCriterionLevel List[RubricCriterionLevel] `json:"rubricCriterionLevel,omitempty"`
	ValueMin             string                     `json:"valueMin,omitempty"`
	ValueMax             string                     `json:"valueMax,omitempty"`
	Alignment            List[Alignment]            `json:"alignment,omitempty"`
	// Extra holds the members this type does not model.
	Extra map[string]json.RawMessage `json:"-" jsonobj:"extra"`
}

// MarshalJSON writes the result description.
func (d ResultDescription) MarshalJSON() ([]byte, error) { return jsonobj.Marshal(d) }

// UnmarshalJSON reads a result description.
func (d *ResultDescription) UnmarshalJSON(b []byte) error { return jsonobj.Unmarshal(b, d) }

// RubricCriterionLevel is one level of a rubric criterion.
type RubricCriterionLevel struct {
	ID          string          `json:"id,omitempty"`
	Type        Types           `json:"type,omitempty"`
	Name        string          `json:"name,omitempty"`
	Description string          `json:"description,omitempty"`
	Level       string          `json:"level,omitempty"`
	Points      string          `json:"points,omitempty"`
	Alignment   List[Alignment] `json:"alignment,omitempty"`
	// Extra holds the members this type does not model.
	Extra map[string]json.RawMessage `json:"-" jsonobj:"extra"`
}

// MarshalJSON writes the level.
func (l RubricCriterionLevel) MarshalJSON() ([]byte, error) { return jsonobj.Marshal(l) }

// UnmarshalJSON reads a level.
func (l *RubricCriterionLevel) UnmarshalJSON(b []byte) error { return jsonobj.Unmarshal(b, l) }

// Related links an achievement to another edition of it: another language,
// or an earlier version (the migration guide also links an Open Badges 2.0
// BadgeClass this way).
type Related struct {
	ID         string `json:"id,omitempty"`
	Type       Types  `json:"type,omitempty"`
	InLanguage string `json:"inLanguage,omitempty"`
	Version    string `json:"version,omitempty"`
	// Extra holds the members this type does not model.
	Extra map[string]json.RawMessage `json:"-" jsonobj:"extra"`
}

// MarshalJSON writes the link.
func (r Related) MarshalJSON() ([]byte, error) { return jsonobj.Marshal(r) }

// UnmarshalJSON reads a link.
func (r *Related) UnmarshalJSON(b []byte) error { return jsonobj.Unmarshal(b, r) }

// IdentifierEntry is another identifier of an achievement or a profile
// (a course code in a catalogue, a national organisation number).
type IdentifierEntry struct {
	Type           TypeName       `json:"type,omitempty"`
	Identifier     string         `json:"identifier,omitempty"`
	IdentifierType IdentifierType `json:"identifierType,omitempty"`
	// Extra holds the members this type does not model (the official
	// schema allows none).
	Extra map[string]json.RawMessage `json:"-" jsonobj:"extra"`
}

// MarshalJSON writes the entry.
func (e IdentifierEntry) MarshalJSON() ([]byte, error) { return jsonobj.Marshal(e) }

// UnmarshalJSON reads an entry.
func (e *IdentifierEntry) UnmarshalJSON(b []byte) error { return jsonobj.Unmarshal(b, e) }
