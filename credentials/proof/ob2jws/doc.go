// Package ob2jws signs and verifies Open Badges 2.0 signed badges
// (Open Badges 2.0 §"Signed Badges" and "Steps to verify a JWS-signed badge
// Assertion"; implementation brief §1.6).
//
// A signed badge is a JWS in compact serialization whose payload is the
// Assertion JSON, with verification {"type": "SignedBadge", "creator":
// <CryptographicKey URL>}. The key is an RSA key published as a
// CryptographicKey document whose publicKeyPem is an SPKI PEM; the
// algorithm is RS256, the only one the 1EdTech validators accept.
//
// Verification reports named checks (proof.Result): format, algorithm, key,
// signature, expiry (the assertion's expires) and, when the caller supplies
// the issuer's revocation list, revocation. The key is looked up through the
// resolver by the creator URL; the resolver must answer only for keys the
// issuer profile links in publicKey (NewKeySet builds one from those
// CryptographicKey documents). Fetching the issuer profile, the key and the
// revocation list is the caller's job: this package never uses the network.
package ob2jws
