// Package multikey encodes and decodes Ed25519 keys in the Multikey format
// (W3C Controlled Identifiers 1.0 §2.2.2, "Multikey"; W3C Data Integrity
// EdDSA Cryptosuites v1.0 §2.1.1), names them as did:key identifiers
// (did:key method v0.7), and resolves verification methods that carry their
// key in their own identifier, offline.
//
// A public key is written "z" + base58btc(0xed 0x01 ‖ 32-byte key): the
// multibase prefix "z" (base58btc) and the multicodec varint for
// ed25519-pub, which is why every such key starts "z6Mk". A secret key uses
// the ed25519-priv multicodec (0x80 0x26) over the 32-byte seed.
//
// Open Badges 3.0 verifiers (the 1EdTech validator) accept a verification
// method of the form <issuer id>#<publicKeyMultibase> and decode the key from
// the fragment without fetching anything (standards.md §3.2); Resolver does
// the same, and resolves did:key identifiers.
package multikey
