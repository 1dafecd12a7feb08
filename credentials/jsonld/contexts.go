package jsonld

import "embed"

// contextFS holds the embedded contexts. They are copies of the files in the
// team's reference set (shared/openbadges/contexts, whose README says where
// each came from). Never edit them: canonical N-Quads, and therefore every
// signature, depend on their exact content (standards.md §3.2, pitfall 6).
// TestEmbeddedContextsUnchanged compares each with the SHA-256 below.
//
//go:embed contexts/*
var contextFS embed.FS

// embeddedContext is one context URL the Loader serves from contextFS.
type embeddedContext struct {
	URL    string
	File   string // under contexts/
	SHA256 string // hex SHA-256 of the file
}

// Context URLs that documents name and that the Loader serves.
const (
	CredentialsV2URL   = "https://www.w3.org/ns/credentials/v2"
	CredentialsV1URL   = "https://www.w3.org/2018/credentials/v1"
	OpenBadgesV3URL    = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
	OpenBadgesV3ExtURL = "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"
	DataIntegrityV2URL = "https://w3id.org/security/data-integrity/v2"
	MultikeyV1URL      = "https://w3id.org/security/multikey/v1"
	DIDV1URL           = "https://www.w3.org/ns/did/v1"
	OpenBadgesV2URL    = "https://w3id.org/openbadges/v2"
)

// embeddedContexts maps every served URL to its file.
var embeddedContexts = []embeddedContext{
	{CredentialsV2URL, "w3c-credentials-v2.jsonld",
		"59955ced6697d61e03f2b2556febe5308ab16842846f5b586d7f1f7adec92734"},
	{CredentialsV1URL, "w3c-credentials-v1.jsonld",
		"ab4ddd9a531758807a79a5b450510d61ae8d147eab966cc9a200c07095b0cdcc"},
	// Only the W3C vc-di-eddsa test vector names the examples context; it
	// defines generic example terms, so a credential can only use it on purpose.
	{"https://www.w3.org/ns/credentials/examples/v2", "w3c-credentials-examples-v2.jsonld",
		"57393fbc69d6efb9b9b5dc9cb6b9880b0944360abfe2eaf459c9e58cf2279d7c"},

	// Context 3.0.3 exists in two variants (standards.md §8.1): the copy in
	// the 1EdTech specification repository (served here) and the copy in the
	// 1EdTech validator, which also defines top-level `endorsementJwt` and
	// `jti`. Which one purl.imsglobal.org serves is unknown. The validator's
	// copy only adds terms, so every document that canonicalizes under the
	// specification copy canonicalizes to the same N-Quads under both. Serving
	// the smaller one therefore makes every signature this service issues or
	// accepts mean the same thing to every verifier: a credential that uses
	// `endorsementJwt` or `jti` is refused by name (ErrUndefinedTerm) instead
	// of being signed with terms that another verifier may drop.
	{OpenBadgesV3URL, "ob-v3p0-context-3.0.3.json",
		"ef2fa9c7846dce233cc166b43639027278be4ee44f00bb1d45c75de2dd0cd761"},
	{"https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json", "ob-v3p0-context-3.0.2.json",
		"00666ad080ba407687ed1846b7f5e7495f5019042b202a727de47c48a1755c53"},
	{"https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json", "ob-v3p0-context-3.0.1.json",
		"d582f3564282fb3b709136d28412e78e70b678b4dbc2f0221f67d84932748355"},
	{"https://purl.imsglobal.org/spec/ob/v3p0/context.json", "ob-v3p0-context.json",
		"b077fa134d909d92c1dcd1c153f2af1b244aeb415967fdc1467d7fc5dd48ac10"},
	{OpenBadgesV3ExtURL, "ob-v3p0-extensions.json",
		"146f85aa16effd7ca1da8056eb443f53ce1eca8a34186cb062832c0a97d889c3"},

	{DataIntegrityV2URL, "w3id-security-data-integrity-v2.jsonld",
		"67f21e6e33a6c14e5ccfd2fc7865f7474fb71a04af7e94136cb399dfac8ae8f4"},
	{"https://w3id.org/security/data-integrity/v1", "w3id-security-data-integrity-v1.jsonld",
		"b5d829bd09aa7c42abc6efa0c8ed7635313b5487f37ccfce3ecd149ca9418554"},
	{MultikeyV1URL, "w3id-security-multikey-v1.jsonld",
		"ba2c182de2d92f7e47184bcca8fcf0beaee6d3986c527bf664c195bbc7c58597"},
	{DIDV1URL, "w3-ns-did-v1.jsonld",
		"adefa50311393eb1bd788a38ac9fe2696c65367928f6996812cd54577394f4da"},
	// Only for reading legacy Ed25519Signature2020 credentials, which the
	// proof suites report as unsupported.
	{"https://w3id.org/security/suites/ed25519-2020/v1", "w3id-security-suites-ed25519-2020-v1.jsonld",
		"67646fbc0d6582ad7fbf08ccf0d3a4bedbb4177fd2d63385de52dc1b092ed6c5"},

	// The OB 2.0 context as the specification repository publishes it
	// (`targetFramework` is schema:educationalFramework; the validators' copy
	// says schema:targetFramework). OB 2.0 signatures are JWS over the JSON
	// bytes, so the difference never reaches a signature.
	{OpenBadgesV2URL, "openbadges-v2.context.json",
		"3c0c25a0e581c64cbe632197377c4f334c6c0b95f0d90e3b74449781612b153d"},
}
