package vcjwt

import (
	"context"
	"crypto"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"badged/credentials/keys"
	"badged/credentials/proof"
)

// resolveIssuerKey returns the key a VC-JWT names, provided it is the
// issuer's. It returns a reason instead when the key is missing, unusable or
// not the issuer's, and an error only when the resolver itself failed.
//
// A kid is resolved as is. The key belongs to the issuer if the kid lies
// under the issuer id (issuer#fragment, as a Data Integrity verification
// method does) or if the resolver also answers for keys.OwnerKeyID(issuer,
// thumbprint) with the same key. A header jwk is never trusted for what it
// is: only the second test applies to it.
func resolveIssuerKey(ctx context.Context, h Header, issuer string, resolver proof.KeyResolver) (crypto.PublicKey, string, error) {
	switch {
	case h.KeyID != "" && h.JWK != nil:
		return nil, "the header has both kid and jwk; OB 3.0 allows exactly one", nil
	case h.KeyID == "" && h.JWK == nil:
		return nil, "the header names no key (neither kid nor jwk)", nil
	case issuer == "":
		return nil, "the credential has no issuer id to bind the key to", nil
	case resolver == nil:
		return nil, "no key resolver was given", nil
	}

	if h.JWK != nil {
		pub, err := keys.ParseJWK(h.JWK)
		if err != nil {
			return nil, "header jwk: " + err.Error(), nil
		}
		var members struct {
			Iss *string `json:"iss"`
		}
		if json.Unmarshal(h.JWK, &members) == nil && members.Iss != nil && *members.Iss != issuer {
			return nil, fmt.Sprintf("header jwk says it belongs to %q, not the issuer %q", *members.Iss, issuer), nil
		}
		return ownedBy(ctx, resolver, issuer, pub)
	}

	found, err := resolver.ResolveKey(ctx, h.KeyID)
	if errors.Is(err, proof.ErrKeyNotFound) {
		return nil, fmt.Sprintf("kid %q: no such key", h.KeyID), nil
	}
	if err != nil {
		return nil, "", fmt.Errorf("resolve kid %q: %w", h.KeyID, err)
	}
	pub, err := keys.PublicKey(found)
	if err != nil {
		return nil, fmt.Sprintf("kid %q: %v", h.KeyID, err), nil
	}
	if strings.HasPrefix(h.KeyID, issuer+"#") {
		return pub, "", nil
	}
	return ownedBy(ctx, resolver, issuer, pub)
}

// ownedBy asks the resolver whether the issuer published pub.
func ownedBy(ctx context.Context, resolver proof.KeyResolver, issuer string, pub crypto.PublicKey) (crypto.PublicKey, string, error) {
	thumb, err := keys.Thumbprint(pub)
	if err != nil {
		return nil, err.Error(), nil
	}
	published, err := resolver.ResolveKey(ctx, keys.OwnerKeyID(issuer, thumb))
	if errors.Is(err, proof.ErrKeyNotFound) {
		return nil, fmt.Sprintf("key %s is not one the issuer %q published", thumb, issuer), nil
	}
	if err != nil {
		return nil, "", fmt.Errorf("resolve the issuer's key %s: %w", thumb, err)
	}
	if !keys.Equal(published, pub) {
		return nil, fmt.Sprintf("the issuer's key %s differs from the token's", thumb), nil
	}
	return pub, "", nil
}
