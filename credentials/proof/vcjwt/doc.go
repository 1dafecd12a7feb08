// Package vcjwt signs and verifies Open Badges 3.0 credentials as VC-JWTs,
// the "external proof" of OB 3.0 §8.2 (implementation brief §3.1).
//
// The JWT payload is the credential JSON itself (VCDM 2.0 style) with the
// registered claims added at its top level:
//
//	iss = issuer.id, jti = id, nbf = validFrom, sub = credentialSubject.id,
//	exp = validUntil (when the credential has one).
//
// The JOSE header holds only alg, typ ("JWT") and exactly one of kid or jwk.
// Signing supports RS256 (the algorithm every OB 3.0 verifier must accept),
// ES256 and EdDSA; the key decides the algorithm.
//
// Verification reports named checks (proof.Result): format, algorithm, key,
// signature, claims (the JWT claims agree with the credential), not_before
// and expiry. It refuses alg "none", symmetric algorithms, an alg that does
// not match the key, keys too weak or of the wrong type, and a key the
// issuer has not published: a key named by kid must be the issuer's (its id
// lies under the issuer id, or the resolver knows its thumbprint for the
// issuer), and a key carried in the header as jwk is trusted only if the
// resolver answers for keys.OwnerKeyID(issuer, thumbprint), i.e. the issuer
// published it.
//
// The legacy VC 1.1 form (the credential inside a "vc" claim) is read, with
// issuanceDate/expirationDate as its dates, and is reported as legacy in the
// format check; like any token it verifies only with a key the issuer owns.
//
// Verify returns an error only when it could not run: the input is not a
// compact JWS with a JSON header and payload (proof.ErrMalformed), or the key
// resolver failed for another reason than an unknown key.
package vcjwt
