package ob2

import (
	"bytes"
	"encoding/json"

	"badged/credentials/internal/jsonobj"
)

// RevocationList lists the signed assertions an issuer has revoked. It is
// hosted at the URL in the issuer profile's revocationList
// (specification §RevocationList). Endorsements are revoked the same way.
type RevocationList struct {
	Context           Context                `json:"@context,omitempty"`
	Type              Types                  `json:"type,omitempty"`
	ID                string                 `json:"id,omitempty"`
	Issuer            Ref[Profile]           `json:"issuer,omitempty"`
	RevokedAssertions List[RevokedAssertion] `json:"revokedAssertions"`
	// Extra holds the members this type does not model (extensions).
	Extra map[string]json.RawMessage `json:"-" jsonobj:"extra"`
}

// MarshalJSON writes the list. revokedAssertions is required, so an empty
// list is written as [].
func (l RevocationList) MarshalJSON() ([]byte, error) {
	if l.RevokedAssertions == nil {
		l.RevokedAssertions = List[RevokedAssertion]{}
	}
	return jsonobj.Marshal(l)
}

// UnmarshalJSON reads a revocation list.
func (l *RevocationList) UnmarshalJSON(b []byte) error { return unmarshalObject(b, l) }

// Lookup returns the entry that revokes the assertion with the given id or,
// for Open Badges 1.x assertions, uid (either may be empty). An entry whose
// revoked is false does not revoke.
func (l RevocationList) Lookup(id, uid string) (RevokedAssertion, bool) {
	for _, e := range l.RevokedAssertions {
		if !e.IsRevoked() {
			continue
		}
		if (id != "" && e.ID == id) || (uid != "" && e.UID == uid) {
			return e, true
		}
	}
	return RevokedAssertion{}, false
}

// RevokedAssertion is one entry of a revocation list: an assertion id,
// written as a bare string when nothing else is said, or an object with
// the id (or legacy uid) and the reason.
type RevokedAssertion struct {
	ID               string `json:"id,omitempty"`
	UID              string `json:"uid,omitempty"`
	Revoked          *bool  `json:"revoked,omitempty"`
	RevocationReason string `json:"revocationReason,omitempty"`
	// Extra holds the members this type does not model (extensions).
	Extra map[string]json.RawMessage `json:"-" jsonobj:"extra"`
}

// IsRevoked reports whether the entry revokes: revoked defaults to true.
func (r RevokedAssertion) IsRevoked() bool { return r.Revoked == nil || *r.Revoked }

// MarshalJSON writes a bare id as a string and anything more as an object.
func (r RevokedAssertion) MarshalJSON() ([]byte, error) {
	if r.ID != "" && r.UID == "" && r.Revoked == nil && r.RevocationReason == "" && r.Extra == nil {
		return json.Marshal(r.ID)
	}
	return jsonobj.Marshal(r)
}

// UnmarshalJSON reads an id string or an entry object.
func (r *RevokedAssertion) UnmarshalJSON(b []byte) error {
	if jsonobj.Kind(bytes.TrimSpace(b)) == "a string" {
		*r = RevokedAssertion{}
		return json.Unmarshal(b, &r.ID)
	}
	return unmarshalObject(b, r)
}
