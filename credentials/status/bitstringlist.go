package status

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"badged/credentials/internal/jsonobj"
	"badged/credentials/ob3"
	"badged/credentials/proof"
)

// Purpose is what a set bit means (statusPurpose).
type Purpose string

// Status purposes of the Bitstring Status List. This package builds and
// checks lists for revocation and suspension; refresh and message lists
// are recognised and refused as unsupported.
const (
	PurposeRevocation Purpose = "revocation" // set: revoked for good
	PurposeSuspension Purpose = "suspension" // set: suspended, may be cleared
	PurposeRefresh    Purpose = "refresh"
	PurposeMessage    Purpose = "message"
)

// Type names of the Bitstring Status List.
const (
	TypeListCredential = "BitstringStatusListCredential"
	TypeList           = "BitstringStatusList"
)

// MaxListCredentialBytes is the largest list credential ParseListCredential
// reads: the longest encoded list and room for the rest.
const MaxListCredentialBytes = MaxEncodedListLength + 64<<10

func (p Purpose) supported() bool { return p == PurposeRevocation || p == PurposeSuspension }

// NewBitstringEntry returns the credentialStatus of a credential whose
// status is position index of the list credential at listURL: id
// "<listURL>#<index>", the index as a base-10 string.
func NewBitstringEntry(listURL string, purpose Purpose, index int) (ob3.CredentialStatus, error) {
	if !purpose.supported() {
		return ob3.CredentialStatus{}, fmt.Errorf("new status entry: %w: purpose %q", proof.ErrUnsupported, purpose)
	}
	if index < 0 || index >= MaxListBytes*8 {
		return ob3.CredentialStatus{}, fmt.Errorf("new status entry: %w: %d", ErrRange, index)
	}
	return ob3.CredentialStatus{
		ID:                   listURL + "#" + strconv.Itoa(index),
		Type:                 ob3.TypeBitstringStatusListEntry,
		StatusPurpose:        string(purpose),
		StatusListIndex:      ob3.NewStatusListIndex(index),
		StatusListCredential: listURL,
	}, nil
}

// ListCredential is a BitstringStatusListCredential: the signed credential
// that publishes a status list.
type ListCredential struct {
	Context           ob3.Context         `json:"@context,omitempty"`
	ID                string              `json:"id,omitempty"`
	Type              ob3.Types           `json:"type,omitempty"`
	Issuer            ob3.ProfileRef      `json:"issuer,omitempty"`
	ValidFrom         ob3.DateTime        `json:"validFrom,omitempty"`
	ValidUntil        ob3.DateTime        `json:"validUntil,omitempty"`
	CredentialSubject ListSubject         `json:"credentialSubject,omitempty"`
	Proof             ob3.List[ob3.Proof] `json:"proof,omitempty"`
	// Extra holds the members this type does not model.
	Extra map[string]json.RawMessage `json:"-" jsonobj:"extra"`
}

// MarshalJSON writes the list credential.
func (c ListCredential) MarshalJSON() ([]byte, error) { return jsonobj.Marshal(c) }

// UnmarshalJSON reads a list credential.
func (c *ListCredential) UnmarshalJSON(b []byte) error { return jsonobj.Unmarshal(b, c) }

// ListSubject is the list itself: its purpose and the encoded bits.
type ListSubject struct {
	ID            string       `json:"id,omitempty"`
	Type          ob3.TypeName `json:"type,omitempty"`
	StatusPurpose Purpose      `json:"statusPurpose,omitempty"`
	EncodedList   string       `json:"encodedList,omitempty"`
	// TTL is how long, in milliseconds, a verifier may cache the list.
	TTL *int64 `json:"ttl,omitempty"`
	// Extra holds the members this type does not model.
	Extra map[string]json.RawMessage `json:"-" jsonobj:"extra"`
}

// MarshalJSON writes the subject.
func (s ListSubject) MarshalJSON() ([]byte, error) { return jsonobj.Marshal(s) }

// UnmarshalJSON reads the subject.
func (s *ListSubject) UnmarshalJSON(b []byte) error { return jsonobj.Unmarshal(b, s) }

// NewListCredential returns the unsigned list credential publishing list
// at listURL for the issuer issuerID. It uses only the VCDM 2.0 context,
// which defines every term; the issuer signs it like any credential.
func NewListCredential(listURL, issuerID string, purpose Purpose, list *Bitstring, validFrom time.Time) (ListCredential, error) {
	if !purpose.supported() {
		return ListCredential{}, fmt.Errorf("new list credential: %w: purpose %q", proof.ErrUnsupported, purpose)
	}
	encoded, err := list.Encode()
	if err != nil {
		return ListCredential{}, fmt.Errorf("new list credential: %w", err)
	}
	return ListCredential{
		Context:   ob3.Context{{URL: ob3.ContextVCv2}},
		ID:        listURL,
		Type:      ob3.Types{ob3.TypeVerifiableCredential, TypeListCredential},
		Issuer:    ob3.ProfileRef{IRI: issuerID},
		ValidFrom: ob3.NewDateTime(validFrom),
		CredentialSubject: ListSubject{
			ID:            listURL + "#list",
			Type:          TypeList,
			StatusPurpose: purpose,
			EncodedList:   encoded,
		},
	}, nil
}

// ParseListCredential parses a BitstringStatusListCredential. Errors wrap
// proof.ErrMalformed.
func ParseListCredential(b []byte) (*ListCredential, error) {
	const op = "parse status list credential"
	if len(b) > MaxListCredentialBytes {
		return nil, malformed(op, "%d bytes, more than %d", len(b), MaxListCredentialBytes)
	}
	if err := jsonobj.CheckDepth(b, ob3.MaxDepth); err != nil {
		return nil, malformed(op, "%w", err)
	}
	var c ListCredential
	if err := json.Unmarshal(b, &c); err != nil {
		return nil, malformed(op, "%w", err)
	}
	return &c, nil
}

// Bitstring decodes the list's bits.
func (c ListCredential) Bitstring() (*Bitstring, error) {
	return DecodeBitstring(c.CredentialSubject.EncodedList)
}

// ErrMismatch reports a status entry and a list credential that do not
// belong together (STATUS_VERIFICATION_ERROR).
var ErrMismatch = errors.New("status entry does not match the status list")

// CheckBitstring reports whether the bit of a credential's status entry is
// set in list: for a revocation entry, whether the credential is revoked;
// for a suspension entry, whether it is suspended. It checks that entry and
// list belong together (the purposes agree, the types are right) and
// refuses status sizes other than 1 and the refresh and message purposes as
// unsupported.
//
// The caller fetches list from entry.StatusListCredential (the list's own
// id need not be that URL: the 1EdTech validator's sample list differs),
// verifies its proof, and checks that its issuer is the credential's issuer
// and that it is within its validity period.
func CheckBitstring(entry ob3.CredentialStatus, list *ListCredential) (bool, error) {
	const op = "check status"
	if entry.Type != ob3.TypeBitstringStatusListEntry {
		return false, fmt.Errorf("%s: %w: credentialStatus type %q", op, proof.ErrUnsupported, entry.Type)
	}
	if entry.StatusSize != nil && *entry.StatusSize != 1 {
		return false, fmt.Errorf("%s: %w: statusSize %d", op, proof.ErrUnsupported, *entry.StatusSize)
	}
	purpose := Purpose(entry.StatusPurpose)
	if !purpose.supported() {
		return false, fmt.Errorf("%s: %w: statusPurpose %q", op, proof.ErrUnsupported, purpose)
	}
	switch {
	case !list.Type.Has(TypeListCredential):
		return false, fmt.Errorf("%s: %w: list credential type %q lacks %s", op, ErrMismatch, list.Type, TypeListCredential)
	case list.CredentialSubject.Type != TypeList:
		return false, fmt.Errorf("%s: %w: list subject type %q is not %s", op, ErrMismatch, list.CredentialSubject.Type, TypeList)
	case list.CredentialSubject.StatusPurpose != purpose:
		return false, fmt.Errorf("%s: %w: entry purpose %q, list purpose %q", op, ErrMismatch, purpose, list.CredentialSubject.StatusPurpose)
	}
	index, err := entry.StatusListIndex.Int()
	if err != nil {
		return false, malformed(op, "%w", err)
	}
	bits, err := list.Bitstring()
	if err != nil {
		return false, fmt.Errorf("%s: %w", op, err)
	}
	set, err := bits.Get(index)
	if err != nil {
		return false, fmt.Errorf("%s: %w", op, err)
	}
	return set, nil
}
