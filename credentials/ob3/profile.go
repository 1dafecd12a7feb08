package ob3

import (
	"encoding/json"

	"badged/credentials/internal/jsonobj"
)

// Profile describes a person or an organisation: an issuer, a creator, an
// endorser, a source (specification §Profile). Unlike Open Badges 2.0, an
// issuer needs only id, type and, by recommendation, name.
type Profile struct {
	ID               string                      `json:"id,omitempty"`
	Type             Types                       `json:"type,omitempty"`
	Name             string                      `json:"name,omitempty"`
	URL              string                      `json:"url,omitempty"`
	Phone            string                      `json:"phone,omitempty"`
	Description      string                      `json:"description,omitempty"`
	Image            *Image                      `json:"image,omitempty"`
	Email            string                      `json:"email,omitempty"`
	Address          *Address                    `json:"address,omitempty"`
	OtherIdentifier  List[IdentifierEntry]       `json:"otherIdentifier,omitempty"`
	Official         string                      `json:"official,omitempty"`
	ParentOrg        *Profile                    `json:"parentOrg,omitempty"`
	FamilyName       string                      `json:"familyName,omitempty"`
	GivenName        string                      `json:"givenName,omitempty"`
	AdditionalName   string                      `json:"additionalName,omitempty"`
	PatronymicName   string                      `json:"patronymicName,omitempty"`
	HonorificPrefix  string                      `json:"honorificPrefix,omitempty"`
	HonorificSuffix  string                      `json:"honorificSuffix,omitempty"`
	FamilyNamePrefix string                      `json:"familyNamePrefix,omitempty"`
	DateOfBirth      string                      `json:"dateOfBirth,omitempty"`
	Endorsement      List[EndorsementCredential] `json:"endorsement,omitempty"`
	EndorsementJwt   List[string]                `json:"endorsementJwt,omitempty"`
	// Extra holds the members this type does not model (for an issuer's
	// published profile: verificationMethod, assertionMethod, ...).
	Extra map[string]json.RawMessage `json:"-" jsonobj:"extra"`
}

// MarshalJSON writes the profile.
func (p Profile) MarshalJSON() ([]byte, error) { return jsonobj.Marshal(p) }

// UnmarshalJSON reads a profile.
func (p *Profile) UnmarshalJSON(b []byte) error { return jsonobj.Unmarshal(b, p) }

// Image is an image with an optional caption. ID is its URL or a data:
// URI. The official schema allows no other members.
type Image struct {
	ID      string   `json:"id,omitempty"`
	Type    TypeName `json:"type,omitempty"`
	Caption string   `json:"caption,omitempty"`
	// Extra holds the members this type does not model.
	Extra map[string]json.RawMessage `json:"-" jsonobj:"extra"`
}

// NewImage returns an image of the given URL or data: URI.
func NewImage(id, caption string) *Image {
	return &Image{ID: id, Type: TypeImage, Caption: caption}
}

// MarshalJSON writes the image.
func (i Image) MarshalJSON() ([]byte, error) { return jsonobj.Marshal(i) }

// UnmarshalJSON reads an image object, or the image's IRI.
func (i *Image) UnmarshalJSON(b []byte) error {
	return unmarshalNode(b, i, func(iri string) { *i = Image{ID: iri} })
}

// Address is a postal address. AddressCountryCode is an ISO 3166-1
// alpha-2 code (for the EU micro-credential element "country of the
// issuer").
type Address struct {
	Type                Types           `json:"type,omitempty"`
	AddressCountry      string          `json:"addressCountry,omitempty"`
	AddressCountryCode  string          `json:"addressCountryCode,omitempty"`
	AddressRegion       string          `json:"addressRegion,omitempty"`
	AddressLocality     string          `json:"addressLocality,omitempty"`
	StreetAddress       string          `json:"streetAddress,omitempty"`
	PostOfficeBoxNumber string          `json:"postOfficeBoxNumber,omitempty"`
	PostalCode          string          `json:"postalCode,omitempty"`
	Geo                 *GeoCoordinates `json:"geo,omitempty"`
	// Extra holds the members this type does not model.
	Extra map[string]json.RawMessage `json:"-" jsonobj:"extra"`
}

// MarshalJSON writes the address.
func (a Address) MarshalJSON() ([]byte, error) { return jsonobj.Marshal(a) }

// UnmarshalJSON reads an address.
func (a *Address) UnmarshalJSON(b []byte) error { return jsonobj.Unmarshal(b, a) }

// GeoCoordinates is a WGS84 position. Both coordinates are always written:
// 0 is a position.
type GeoCoordinates struct {
	Type      TypeName `json:"type,omitempty"`
	Latitude  float64  `json:"latitude"`
	Longitude float64  `json:"longitude"`
	// Extra holds the members this type does not model.
	Extra map[string]json.RawMessage `json:"-" jsonobj:"extra"`
}

// MarshalJSON writes the coordinates.
func (g GeoCoordinates) MarshalJSON() ([]byte, error) { return jsonobj.Marshal(g) }

// UnmarshalJSON reads the coordinates.
func (g *GeoCoordinates) UnmarshalJSON(b []byte) error { return jsonobj.Unmarshal(b, g) }

// Evidence describes work that shows the recipient met the criteria, or,
// on a stacked credential, a component credential (ComponentEvidence).
type Evidence struct {
	ID          string `json:"id,omitempty"`
	Type        Types  `json:"type,omitempty"`
	Name        string `json:"name,omitempty"`
	Description string `json:"description,omitempty"`
	Narrative   string `json:"narrative,omitempty"`
	Genre       string `json:"genre,omitempty"`
	Audience    string `json:"audience,omitempty"`
	// Extra holds the members this type does not model.
	Extra map[string]json.RawMessage `json:"-" jsonobj:"extra"`
}

// MarshalJSON writes the evidence.
func (e Evidence) MarshalJSON() ([]byte, error) { return jsonobj.Marshal(e) }

// UnmarshalJSON reads an evidence object, or the evidence's IRI.
func (e *Evidence) UnmarshalJSON(b []byte) error {
	return unmarshalNode(b, e, func(iri string) { *e = Evidence{ID: iri} })
}
