// Package ob3 is the Open Badges 3.0 data model: AchievementCredential
// (OpenBadgeCredential), Achievement, AchievementSubject, Profile, Result
// and the other classes of the 1EdTech Open Badges Specification 3.0
// (https://www.imsglobal.org/spec/ob/v3p0/, §"Data Model"; the project's
// standards brief summarises it in §2), with the W3C Verifiable Credentials
// Data Model 2.0 envelope (credentialStatus, credentialSchema,
// refreshService, termsOfUse, proof).
//
// # Serialization
//
// Marshalling follows the specification's serialization rules (standards
// brief §2.9), which the official JSON Schema enforces: every property that
// allows several values is written as an array, "type" is an array except
// on Image, IdentityObject, IdentifierEntry and GeoCoordinates (a single
// string there), and null values and empty arrays are left out.
//
// Parsing is tolerant where JSON-LD is: a single value where an array is
// expected (the "compacted" form verifiers should accept), an IRI where
// the context makes a node reference of it (image, criteria, evidence,
// credentialSchema, ...), and "issuer" as an IRI or a Profile. Members this
// package does not model are kept in each object's Extra map and written
// back, and values whose written form matters to JSON-LD (date-times, a
// numeric statusListIndex) are kept as written, so that a parsed signed
// credential re-marshals to the same JSON-LD meaning and its proof still
// verifies.
//
// # Extension
//
// Open Badges 3.0 has no property for the credit-bearing status of a
// micro-credential or for several elements of the EU micro-credential
// description (Council Recommendation 2022/C 243/02, Annex I). The
// extension context ExtensionContext defines them; see AchievementExtension
// for how each element maps onto Open Badges.
//
// The package neither signs nor verifies: proofs are made and checked by
// credentials/proof/..., and JSON Schema validation is credentials/schema.
package ob3
