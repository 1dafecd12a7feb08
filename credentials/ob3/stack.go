package ob3

import (
	"fmt"
	"slices"
)

// Open Badges 3.0 has no construct for a stack of micro-credentials (it
// leaves bundles to CLR 2.0). This library follows option 1 of the
// standards brief §2.10, which needs only Open Badges properties:
//
//   - each component achievement aligns to the stacked credential it counts
//     towards (StackAlignment), and is marked Stackable;
//   - the stacked credential awarded on completion lists the component
//     credentials the learner holds as evidence (ComponentEvidence).

// StackAlignment returns the alignment a component achievement carries to
// the stacked credential it counts towards: targetType ceterms:Credential,
// the stacked achievement's URL and name, and an optional description of
// the pathway.
func StackAlignment(stackedURL, stackedName, description string) Alignment {
	return Alignment{
		Type:              Types{TypeAlignment},
		TargetName:        stackedName,
		TargetURL:         stackedURL,
		TargetDescription: description,
		TargetType:        TargetCredential,
	}
}

// StackedInto returns the URLs of the stacked credentials the achievement
// counts towards: the targets of its ceterms:Credential alignments.
func (a Achievement) StackedInto() []string {
	var urls []string
	for _, al := range a.Alignment {
		if al.TargetType == TargetCredential && al.TargetURL != "" && !slices.Contains(urls, al.TargetURL) {
			urls = append(urls, al.TargetURL)
		}
	}
	return urls
}

// ComponentEvidence returns the evidence a stacked credential carries for
// one component: the component credential's id (its URL, where the
// learner may show it) and the component's name.
func ComponentEvidence(componentCredentialID, componentName string) Evidence {
	return Evidence{
		ID:          componentCredentialID,
		Type:        Types{TypeEvidence},
		Name:        componentName,
		Description: "Component credential of this stacked credential",
	}
}

// EQFAlignment returns the alignment that states an achievement's level in
// the European Qualifications Framework (EU micro-credential element
// "level"), pointing at the level's concept in the EU's published
// vocabulary. The level must be 1 to 8.
func EQFAlignment(level int) (Alignment, error) {
	if level < 1 || level > 8 {
		return Alignment{}, fmt.Errorf("EQF level %d is not 1 to 8", level)
	}
	return Alignment{
		Type:            Types{TypeAlignment},
		TargetName:      fmt.Sprintf("EQF level %d", level),
		TargetURL:       fmt.Sprintf("http://data.europa.eu/snb/eqf/%d", level),
		TargetCode:      fmt.Sprint(level),
		TargetFramework: "European Qualifications Framework",
		TargetType:      "ext:QualificationLevel",
	}, nil
}
