package vcjwt

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"time"
)

// registeredClaims are the JWT claims VC-JWT derives from the credential (and
// the legacy vc claim). A credential handed to Sign must not carry them: the
// signer adds them, and a payload with two values for one name would read
// differently in different JSON parsers.
var registeredClaims = []string{"iss", "sub", "aud", "exp", "nbf", "iat", "jti", "vc"}

// credential holds the credential properties the JWT claims repeat, each as
// its raw JSON value (nil when absent) so the signer can copy it verbatim.
type credential struct {
	id, issuerID, subjectID json.RawMessage // JSON strings
	validFrom, validUntil   json.RawMessage // JSON strings (DateTimeZ)
}

// readCredential picks the claim-bearing properties out of a credential's
// top-level members, which get returns by name (nil when absent). legacy
// selects VC 1.1's issuanceDate/expirationDate.
func readCredential(get func(name string) json.RawMessage, legacy bool) (credential, error) {
	c := credential{id: get("id"), validFrom: get("validFrom"), validUntil: get("validUntil")}
	if legacy {
		c.validFrom, c.validUntil = get("issuanceDate"), get("expirationDate")
	}
	if issuer := get("issuer"); issuer != nil {
		id, err := idOf(issuer)
		if err != nil {
			return c, fmt.Errorf("issuer: %w", err)
		}
		c.issuerID = id
	}
	if subject := get("credentialSubject"); subject != nil {
		if !isObject(subject) {
			return c, fmt.Errorf("credentialSubject must be a single object")
		}
		id, err := member(subject, "id")
		if err != nil {
			return c, fmt.Errorf("credentialSubject: %w", err)
		}
		c.subjectID = id
	}
	for _, f := range []struct {
		name  string
		value json.RawMessage
	}{{"id", c.id}, {"issuer id", c.issuerID}, {"credentialSubject.id", c.subjectID}, {"validFrom", c.validFrom}, {"validUntil", c.validUntil}} {
		if f.value != nil && !isString(f.value) {
			return c, fmt.Errorf("%s is not a string", f.name)
		}
	}
	return c, nil
}

// fromMap looks members up in a map.
func fromMap(m map[string]json.RawMessage) func(string) json.RawMessage {
	return func(name string) json.RawMessage { return m[name] }
}

// fromList looks members up in a list.
func fromList(list []rawMember) func(string) json.RawMessage {
	return func(name string) json.RawMessage {
		for _, m := range list {
			if string(m.name) == name {
				return m.value
			}
		}
		return nil
	}
}

// idOf reads a reference that is either a URI string or an object with an id.
func idOf(raw json.RawMessage) (json.RawMessage, error) {
	if isString(raw) {
		return raw, nil
	}
	if !isObject(raw) {
		return nil, fmt.Errorf("neither a string nor an object")
	}
	return member(raw, "id")
}

func isString(raw json.RawMessage) bool {
	raw = bytes.TrimSpace(raw)
	return len(raw) > 1 && raw[0] == '"'
}

// str decodes a raw JSON string; "" for nil or a non-string.
func str(raw json.RawMessage) string {
	s, err := unquote(bytes.TrimSpace(raw))
	if err != nil {
		return ""
	}
	return s
}

// dateTime parses a DateTimeZ (RFC 3339 with a time zone).
func dateTime(raw json.RawMessage) (time.Time, error) {
	s, err := unquote(bytes.TrimSpace(raw))
	if err != nil {
		return time.Time{}, fmt.Errorf("not a string")
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not an RFC 3339 date-time with a time zone", s)
	}
	return t, nil
}

// numericDate parses a JWT NumericDate (RFC 7519 §2): seconds since the
// epoch, possibly fractional.
func numericDate(raw json.RawMessage) (time.Time, error) {
	var n json.Number
	if err := json.Unmarshal(raw, &n); err != nil {
		return time.Time{}, fmt.Errorf("not a number")
	}
	f, err := n.Float64()
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) > 1<<53 {
		return time.Time{}, fmt.Errorf("%s is not a NumericDate", n)
	}
	sec, frac := math.Modf(f)
	return time.Unix(int64(sec), int64(frac*1e9)).UTC(), nil
}

// sameSecond reports whether a NumericDate claim stands for a credential
// date. NumericDate is usually whole seconds, so the date is compared
// truncated to the second.
func sameSecond(claim, date time.Time) bool {
	return claim.Unix() == date.Unix()
}
