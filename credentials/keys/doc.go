// Package keys handles an issuer's signing key material: generating Ed25519,
// P-256 and RSA-2048 keys, naming them with a stable key id (the RFC 7638 JWK
// thumbprint), converting them to and from JWK (a thin layer over jwx), PEM
// encoding (SPKI for public keys, as the OB 2.0 CryptographicKey's
// publicKeyPem requires; PKCS#8 for private keys at rest), an offline
// proof.KeyResolver over a set of known public keys, and the raw JWS
// signature primitives (RFC 7515 §5, RFC 7518 §3) that the VC-JWT and OB 2.0
// signed-badge formats share. Each key type signs with exactly one JWS
// algorithm, which is what shuts out algorithm confusion.
//
// Which key serves which proof format (Open Badges implementation brief §9):
//   - Ed25519: OB 3.0 Data Integrity (eddsa-rdfc-2022) and VC-JWT EdDSA;
//   - P-256: OB 3.0 VC-JWT ES256;
//   - RSA-2048: OB 3.0 VC-JWT RS256 (the one algorithm every verifier must
//     support) and OB 2.0 signed badges (RS256 only).
//
// References: RFC 7517 (JWK), RFC 7638 (JWK thumbprint), RFC 8037 (OKP keys),
// RFC 5280 §4.1 (SubjectPublicKeyInfo), RFC 5208 (PKCS#8), Open Badges 2.0
// §"CryptographicKey", Open Badges 3.0 §8.2 (VC-JWT key provenance).
//
// Private keys are marshalled in clear: encrypting them at rest is the
// storage layer's job, with the service's master key.
package keys
