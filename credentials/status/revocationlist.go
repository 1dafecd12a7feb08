package status

import (
	"encoding/json"

	"badged/credentials/internal/jsonobj"
	"badged/credentials/ob2"
	"badged/credentials/ob3"
)

// Revocation is one revoked credential or assertion, and why.
type Revocation struct {
	ID     string
	Reason string
}

// MaxRevocationListBytes is the largest 1EdTech revocation list
// ParseRevocationList reads: about 80,000 entries with reasons. (Open
// Badges 2.0 lists are read by ob2.ParseRevocationList, with the same
// limit.)
const MaxRevocationListBytes = 8 << 20

// NewRevocationListEntry returns the credentialStatus of a credential that
// the 1EdTech Revocation List at listURL lists once revoked. A credential
// that carries it must name ob3.ContextOBExtensions in its @context.
func NewRevocationListEntry(listURL string) ob3.CredentialStatus {
	return ob3.CredentialStatus{ID: listURL, Type: ob3.TypeRevocationList}
}

// RevocationList is the document served at a 1EdTech Revocation List URL
// (VCRL 1.0): the revoked credentials' ids, each with an optional
// revoked flag (default true) and reason. The 1EdTech validator reads the
// member "revokedCredentials"; "revokedCredential" is read too.
type RevocationList struct {
	ID                 string                      `json:"id,omitempty"`
	RevokedCredentials ob3.List[RevokedCredential] `json:"revokedCredentials"`
	// Extra holds the members this type does not model.
	Extra map[string]json.RawMessage `json:"-" jsonobj:"extra"`
}

// RevokedCredential is one entry of a RevocationList.
type RevokedCredential struct {
	ID               string `json:"id,omitempty"`
	Revoked          *bool  `json:"revoked,omitempty"`
	RevocationReason string `json:"revocationReason,omitempty"`
	// Extra holds the members this type does not model.
	Extra map[string]json.RawMessage `json:"-" jsonobj:"extra"`
}

// IsRevoked reports whether the entry revokes: revoked defaults to true.
func (r RevokedCredential) IsRevoked() bool { return r.Revoked == nil || *r.Revoked }

// MarshalJSON writes the entry.
func (r RevokedCredential) MarshalJSON() ([]byte, error) { return jsonobj.Marshal(r) }

// UnmarshalJSON reads an entry.
func (r *RevokedCredential) UnmarshalJSON(b []byte) error { return jsonobj.Unmarshal(b, r) }

// NewRevocationList returns the list served at listURL, revoking each of
// revoked with its reason.
func NewRevocationList(listURL string, revoked []Revocation) RevocationList {
	entries := make(ob3.List[RevokedCredential], 0, len(revoked))
	for _, r := range revoked {
		entries = append(entries, RevokedCredential{ID: r.ID, Revoked: new(true), RevocationReason: r.Reason})
	}
	return RevocationList{ID: listURL, RevokedCredentials: entries}
}

// MarshalJSON writes the list; an empty list is written as [].
func (l RevocationList) MarshalJSON() ([]byte, error) {
	if l.RevokedCredentials == nil {
		l.RevokedCredentials = ob3.List[RevokedCredential]{}
	}
	return jsonobj.Marshal(l)
}

// UnmarshalJSON reads a list, taking "revokedCredential" for
// "revokedCredentials" when only the former is present.
func (l *RevocationList) UnmarshalJSON(b []byte) error {
	m, err := jsonobj.Members(b)
	if err != nil || m == nil {
		return err
	}
	if v, ok := m["revokedCredential"]; ok {
		if _, both := m["revokedCredentials"]; !both {
			m["revokedCredentials"] = v
			delete(m, "revokedCredential")
		}
	}
	return jsonobj.Decode(m, l)
}

// ParseRevocationList parses a 1EdTech Revocation List document. Errors
// wrap proof.ErrMalformed.
func ParseRevocationList(b []byte) (*RevocationList, error) {
	const op = "parse revocation list"
	if len(b) > MaxRevocationListBytes {
		return nil, malformed(op, "%d bytes, more than %d", len(b), MaxRevocationListBytes)
	}
	if err := jsonobj.CheckDepth(b, ob3.MaxDepth); err != nil {
		return nil, malformed(op, "%w", err)
	}
	var l RevocationList
	if err := json.Unmarshal(b, &l); err != nil {
		return nil, malformed(op, "%w", err)
	}
	return &l, nil
}

// Lookup returns the entry that revokes the credential with the given id.
// An entry whose revoked is false does not revoke.
func (l RevocationList) Lookup(credentialID string) (RevokedCredential, bool) {
	if credentialID == "" {
		return RevokedCredential{}, false
	}
	for _, e := range l.RevokedCredentials {
		if e.ID == credentialID && e.IsRevoked() {
			return e, true
		}
	}
	return RevokedCredential{}, false
}

// NewOB2RevocationList returns the Open Badges 2.0 revocation list hosted
// at listURL for the issuer issuerID (linked from the issuer profile's
// revocationList). An assertion revoked without a reason is listed by id
// alone.
func NewOB2RevocationList(listURL, issuerID string, revoked []Revocation) ob2.RevocationList {
	entries := make(ob2.List[ob2.RevokedAssertion], 0, len(revoked))
	for _, r := range revoked {
		entries = append(entries, ob2.RevokedAssertion{ID: r.ID, RevocationReason: r.Reason})
	}
	return ob2.RevocationList{
		Context:           ob2.V2Context(),
		Type:              ob2.Types{ob2.TypeRevocationList},
		ID:                listURL,
		Issuer:            ob2.RefTo[ob2.Profile](issuerID),
		RevokedAssertions: entries,
	}
}

// CheckOB2 reports whether list revokes the assertion, by its id or, for
// an Open Badges 1.x assertion, its uid, and returns the reason.
func CheckOB2(list *ob2.RevocationList, a *ob2.Assertion) (Revocation, bool) {
	e, ok := list.Lookup(a.ID, a.UID)
	if !ok {
		return Revocation{}, false
	}
	return Revocation{ID: a.ID, Reason: e.RevocationReason}, true
}
