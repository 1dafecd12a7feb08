// Package eddsardfc2022 signs and verifies Open Badges 3.0 credentials with
// a Data Integrity proof of type DataIntegrityProof and cryptosuite
// eddsa-rdfc-2022: Ed25519 over RDFC-1.0 canonical N-Quads, the only Data
// Integrity suite 1EdTech certifies (OB 3.0 §8.3; standards.md §3.2).
//
// The algorithm is that of W3C "Data Integrity EdDSA Cryptosuites v1.0"
// §3.2 (https://www.w3.org/TR/vc-di-eddsa/#eddsa-rdfc-2022), with its stages
// exposed so that each can be checked against the test vectors:
//
//   - Transform: the RDFC-1.0 canonical N-Quads of the credential without
//     its proof (§3.2.3);
//   - ProofConfig: the canonical N-Quads of the proof options, without
//     proofValue and with the credential's @context (§3.2.5);
//   - Hash: SHA-256(canonical proof config) ‖ SHA-256(canonical document),
//     64 bytes, proof configuration first (§3.2.4);
//   - the Ed25519 signature (RFC 8032) of that hash, written as proofValue
//     "z" + base58btc(signature) (§3.2.6).
//
// Verification reports the checks of credentials/proof: format, context
// (every term is defined by a context the loader serves), algorithm (type
// DataIntegrityProof, cryptosuite eddsa-rdfc-2022, proofPurpose
// assertionMethod; the legacy eddsa-2022 and Ed25519Signature2020 suites are
// reported as unsupported), key (resolved, and controlled by the issuer:
// the verification method without its fragment is the issuer's id, as the
// 1EdTech validator requires; a did:key counts only when it is the issuer's
// id, since anyone can make one) and signature.
package eddsardfc2022
