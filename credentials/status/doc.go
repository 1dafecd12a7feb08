// Package status builds and reads the three ways an Open Badges issuer
// says that a badge is revoked (standards brief §1.7 and §2.7):
//
//   - the Open Badges 2.0 RevocationList, hosted at the issuer profile's
//     revocationList URL, for signed 2.0 assertions
//     (https://www.imsglobal.org/sites/default/files/Badges/OBv2p0Final/index.html#RevocationList);
//   - the 1EdTech Revocation List (credentialStatus type
//     1EdTechRevocationList, VCRL 1.0), a JSON document listing revoked
//     credential ids;
//   - the W3C Bitstring Status List v1.0
//     (https://www.w3.org/TR/vc-bitstring-status-list/): a credentialStatus
//     BitstringStatusListEntry pointing at one bit of a signed
//     BitstringStatusListCredential whose encodedList is the multibase
//     ("u", base64url without padding) GZIP of a bitstring of at least
//     131,072 entries.
//
// An issuer hands out bitstring positions with an Allocator, at random
// rather than in order, so that a position says nothing about when a badge
// was issued or which badges were issued together. Reading a list is
// bounded: an encoded list that inflates past MaxListBytes (a
// decompression bomb) is refused before it is held in memory.
//
// The package neither fetches nor signs: the verifier fetches the list, the
// proof packages sign and verify the list credential.
package status
