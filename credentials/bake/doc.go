// Package bake embeds a badge in its image and extracts it again ("baking",
// Open Badges Baking 1.0 for OB 2.0, OB 3.0 §5.3 "Baked badges"; the
// implementation brief's §1.9 and §6).
//
// PNG: the badge is an iTXt chunk, uncompressed, with empty language tag and
// translated keyword, whose keyword is "openbadges" (OB 2.0) or
// "openbadgecredential" (OB 3.0) and whose text is the assertion or
// credential JSON, or the compact JWS. A new chunk goes just before the
// first IDAT; baking again replaces the chunk where it is. Every other chunk
// is copied byte for byte.
//
// SVG: the badge is the element <openbadges:assertion> (namespace
// http://openbadges.org, OB 2.0) or <openbadges:credential> (namespace
// https://purl.imsglobal.org/ob/v3p0, OB 3.0) directly inside the <svg>
// root. A JWS goes in its verify attribute; JSON goes in its body as CDATA
// (an OB 2.0 hosted assertion also names its URL in verify). Baking adds or
// replaces that element and, if the root lacks it, the xmlns:openbadges
// declaration, and changes no other byte.
//
// Inputs are bounded (MaxImageSize, MaxPayloadSize, MaxSVGDepth). Malformed
// images fail with errors wrapping proof.ErrMalformed: a bad PNG signature,
// a truncated chunk, a CRC mismatch, an SVG that is not well-formed XML or
// whose root is not svg, and any DTD internal subset (where entity
// declarations, and XML bombs, live). An image without a badge fails with
// ErrNotBaked.
package bake
