// Package ob2 is the Open Badges 2.0 data model: Assertion, BadgeClass,
// Profile (Issuer), IdentityObject, VerificationObject, CryptographicKey,
// RevocationList, Evidence, Alignment, Endorsement, Criteria and Image.
//
// Specification: IMS Open Badges 2.0 (Final Release, 12 April 2018, revised
// 21 May 2021), https://www.imsglobal.org/sites/default/files/Badges/OBv2p0Final/index.html
// (in the specification repository, ob_v2p0/index.md). The sections this
// package follows are summarised in the project's standards brief, §1.1–1.8.
//
// Parsing accepts every form the specification allows: a single value or an
// array where several are allowed, an IRI or an embedded object where a
// linked document is allowed (Ref), "type" or its JSON-LD keyword "@type",
// and "verify", the context's alias of "verification". Members this package
// does not model are kept in each object's Extra map and written back.
//
// Recipient identities are hashed as the specification's IdentityHash:
// "sha256$" followed by the hex SHA-256 of identity ‖ salt (HashIdentity).
// "md5$" hashes are read but never written.
//
// The package does not sign or fetch anything: the JWS of a signed badge is
// handled by credentials/proof/ob2jws, and hosted documents are fetched by
// the verifier.
package ob2
