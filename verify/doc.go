// Package verify is the single entry point of public verification: given
// the bytes a person has (a baked PNG or SVG, a compact JWS, or JSON), it
// tells what badge they hold, whether it verifies, and what it certifies.
//
// # Formats
//
// Verify detects the input and verifies it by its format's own rules:
//
//   - an Open Badges 2.0 signed badge, a JWS whose payload is an Assertion
//     (OB 2.0 §"Signed Badges", "Steps to verify a JWS-signed badge
//     Assertion"; implementation brief §1.6): the badge class and the
//     issuer's hosted profile are fetched, the key must be listed in the
//     profile's publicKey and name the profile as owner, then the JWS, the
//     expiry and the issuer's revocationList are checked;
//   - an Open Badges 2.0 hosted assertion, JSON or baked by its URL
//     (OB 2.0 §"Hosted Verification"; brief §1.6): the copy the issuer
//     hosts at the assertion's id is fetched and is the only truth; the
//     presented copy must equal it, the assertion's URL must lie within
//     the issuer's origin (or what its VerificationObject allows), and a
//     410 Gone or "revoked": true means revoked;
//   - an Open Badges 3.0 credential as a VC-JWT (OB 3.0 §8.2; brief §3.1)
//     or as JSON with an eddsa-rdfc-2022 Data Integrity proof (OB 3.0
//     §8.3; brief §3.2), verified by the algorithm of OB 3.0 §"Verification"
//     (brief §4): proof, dates (validFrom/validUntil, or VC 1.1
//     issuanceDate/expirationDate), credentialStatus, and the JSON Schema
//     the credential names. JSON without any proof is never valid.
//
// Baked images (brief §1.9 and §6) are opened first, an OB 3.0 credential
// taking precedence over an OB 2.0 assertion. The Result names the format,
// the container, every check that ran, a one-word Status and a Summary of
// what the badge certifies.
//
// # Status
//
// "valid" needs every check to pass. Otherwise, in this order of precedence:
// "unsupported" for forms this verifier does not check (Open Badges 1.x,
// VC 1.1 JWTs with a vc claim, the legacy eddsa-2022 and Ed25519Signature2020
// suites, a JSON-LD context it does not hold, an unknown status method);
// "revoked" when the issuer revoked or suspended the badge (its hosted copy,
// its revocation list or its status list says so, for a badge whose proof
// verified); "invalid" for any other failure; "expired" when only the
// expiry check failed, because the date passed.
//
// A status list, revocation list or hosted copy that cannot be fetched
// fails its check and the badge is "invalid": it may have been revoked, so
// it is not called valid, and the check's message says the status is
// unknown rather than that the badge is forged. A bitstring status list
// credential is verified as a credential in its own right (its proof with
// the same key rules, its issuer equal to the credential's, its dates)
// before its bits are believed.
//
// # Key provenance
//
// A signature proves only that the holder of a key signed; the badge is the
// issuer's only if the key is. Keys are therefore taken, in order, from:
// the keys the operator pins (WithKeys); a did:key that is itself the
// issuer's id; and the documents the issuer publishes, fetched through the
// DocumentSource: for OB 2.0 the CryptographicKey its hosted profile lists,
// for OB 3.0 the verification methods its profile (or did:web document)
// lists under assertionMethod and its JWK Set at /.well-known/jwks.json.
//
// The 1EdTech validator instead trusts a Data Integrity verification method
// "<issuer id>#z6Mk…" for the key in its fragment, without asking the
// issuer: anyone can then sign a badge in any issuer's name. This verifier
// does not, unless the operator passes multikey.Resolver to WithKeys.
//
// # Documents and the network
//
// Everything outside the badge comes from a DocumentSource: issuer profiles,
// badge classes, keys, JWK Sets, status lists and hosted assertions. Pinned
// serves them from memory, which is all this package ships: it never touches
// the network itself, and JSON-LD contexts come only from the embedded
// loader. A network DocumentSource must refuse internal addresses; Verify
// asks it only for absolute http(s) URLs, at most MaxDocumentsPerBadge of
// them per badge, and only consults status lists of badges whose proof
// verified.
//
// # Not done
//
// Embedded endorsements (OB 3.0 verification step 6) are neither verified
// nor summarised; refreshService is not followed; the recipient is shown
// (hashed identities stay hashed) but not matched against a known identity.
//
// # References
//
//   - Open Badges 2.0, https://www.imsglobal.org/sites/default/files/Badges/OBv2p0Final/index.html
//     (§"Badge Verification", §"Signed Badges", §"RevocationList"; Baking 1.0);
//   - Open Badges 3.0, https://www.imsglobal.org/spec/ob/v3p0/ (§8 "Proofs",
//     §"Verification and Validation", §5.3 "Baked badges"), and the 1EdTech
//     Revocation List, https://www.imsglobal.org/spec/vcrl/v1p0/;
//   - W3C Bitstring Status List v1.0, https://www.w3.org/TR/vc-bitstring-status-list/,
//     and Controlled Identifiers v1.0, https://www.w3.org/TR/cid-1.0/;
//   - the project's implementation brief, shared/design/standards.md §1.6,
//     §1.7, §1.9, §2.7, §3 and §4.
//
// Verify returns an error only when it could not run: the input is not a
// badge (ErrMalformed), the context ended, or a pinned key resolver failed.
// A Verifier is safe for concurrent use.
package verify
