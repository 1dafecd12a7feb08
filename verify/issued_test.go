package verify_test

import (
	"bytes"
	"context"
	"crypto"
	"crypto/ed25519"
	"encoding/json"
	"image"
	"image/png"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"badged/credentials/bake"
	"badged/credentials/jsonld"
	"badged/credentials/keys"
	"badged/credentials/multikey"
	"badged/credentials/ob2"
	"badged/credentials/ob3"
	"badged/credentials/proof"
	"badged/credentials/proof/eddsardfc2022"
	"badged/credentials/proof/ob2jws"
	"badged/credentials/proof/vcjwt"
	"badged/credentials/status"
	"badged/verify"
)

// Our own issuer, as testdata/issued/credential.json names it.
const (
	ourBase        = "https://badges.example.edu"
	ourIssuer      = ourBase + "/issuers/school-of-computing"
	ourJWKS        = ourBase + "/.well-known/jwks.json"
	ourRevocations = ourBase + "/status/revocations"
	ourStatusList  = ourBase + "/status/lists/1"
	ourCredential  = "urn:uuid:6f0a3c2e-5b7d-4e21-9c8a-2d4f1b3e7a90"
)

// issuer holds an issuer's keys and the documents it publishes: its profile
// (listing its Ed25519 key under assertionMethod), its JWK Set, and its
// 1EdTech revocation list.
type issuer struct {
	id     string
	ed     ed25519.PrivateKey
	rsa    crypto.Signer
	p256   crypto.Signer
	loader *jsonld.Loader
	docs   verify.Pinned
}

func newIssuer(t testing.TB, id string) *issuer {
	t.Helper()
	gen := func(typ keys.Type) crypto.Signer {
		k, err := keys.Generate(typ)
		require.NoError(t, err)
		return k
	}
	is := &issuer{id: id, ed: gen(keys.Ed25519).(ed25519.PrivateKey), rsa: gen(keys.RSA2048), p256: gen(keys.P256)}
	is.loader = jsonld.NewLoader(jsonld.WithDocument(ob3.ExtensionContextURL(ourBase), ob3.ExtensionContext))
	require.NoError(t, is.loader.Err())

	vm := is.verificationMethod()
	profile, err := json.Marshal(map[string]any{
		"id": id, "type": []string{"Profile"}, "name": "Example University, School of Computing",
		"verificationMethod": []map[string]string{{
			"id": vm, "type": "Multikey", "controller": id,
			"publicKeyMultibase": multikey.EncodePublicKey(is.ed.Public().(ed25519.PublicKey)),
		}},
		"assertionMethod": []string{vm},
	})
	require.NoError(t, err)
	set := keys.NewSet()
	for _, k := range []crypto.Signer{is.rsa, is.p256, is.ed} {
		require.NoError(t, set.Add(id, "", k))
	}
	jwks, err := set.MarshalJWKS(id)
	require.NoError(t, err)
	is.docs = verify.Pinned{id: profile, ourJWKS: jwks, ourRevocations: revocationList(t)}
	return is
}

func (is *issuer) verificationMethod() string {
	return is.id + "#" + multikey.EncodePublicKey(is.ed.Public().(ed25519.PublicKey))
}

func (is *issuer) verifier(t testing.TB, docs verify.Pinned) *verify.Verifier {
	t.Helper()
	return newVerifier(t, docs, verify.WithLoader(is.loader))
}

func (is *issuer) signDI(t testing.TB, cred []byte) []byte {
	t.Helper()
	signed, err := eddsardfc2022.NewSuite(is.loader).Sign(context.Background(), cred, eddsardfc2022.SignOptions{
		VerificationMethod: is.verificationMethod(),
		PrivateKey:         is.ed,
		Created:            time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC),
	})
	require.NoError(t, err)
	return signed
}

func signJWT(t testing.TB, key crypto.Signer, cred []byte) []byte {
	t.Helper()
	signer, err := vcjwt.NewSigner(key)
	require.NoError(t, err)
	token, err := signer.Sign(cred)
	require.NoError(t, err)
	return token
}

// revocationList is a 1EdTech revocation list revoking ids.
func revocationList(t testing.TB, ids ...string) []byte {
	t.Helper()
	var revoked []status.Revocation
	for _, id := range ids {
		revoked = append(revoked, status.Revocation{ID: id, Reason: "Issued in error"})
	}
	doc, err := json.Marshal(status.NewRevocationList(ourRevocations, revoked))
	require.NoError(t, err)
	return doc
}

func plainPNG(t testing.TB) []byte {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, png.Encode(&b, image.NewGray(image.Rect(0, 0, 8, 8))))
	return b.Bytes()
}

// containerName names a container in a subtest's name.
func containerName(c verify.Container) string {
	if c == "" {
		return "bare"
	}
	return string(c)
}

const plainSVG = `<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8"/></svg>`

// containers bakes a badge into nothing, a PNG and an SVG.
func containers(t testing.TB, v bake.Version, badge []byte) map[verify.Container][]byte {
	t.Helper()
	out := map[verify.Container][]byte{"": badge}
	for c, img := range map[verify.Container][]byte{verify.ContainerPNG: plainPNG(t), verify.ContainerSVG: []byte(plainSVG)} {
		baked, err := bake.Bake(img, v, badge)
		require.NoError(t, err)
		out[c] = baked
	}
	return out
}

// A credential we issue verifies in each proof format, bare and baked, and
// its summary tells an employer what testdata/issued/credential.json says.
func TestIssuedOB3Credential(t *testing.T) {
	t.Parallel()
	is := newIssuer(t, ourIssuer)
	cred := readTestdata(t, "issued/credential.json")
	signed := map[string]struct {
		badge  []byte
		format verify.Format
	}{
		"Data Integrity": {is.signDI(t, cred), verify.FormatOB3DataIntegrity},
		"VC-JWT RS256":   {signJWT(t, is.rsa, cred), verify.FormatOB3JWT},
		"VC-JWT ES256":   {signJWT(t, is.p256, cred), verify.FormatOB3JWT},
		"VC-JWT EdDSA":   {signJWT(t, is.ed, cred), verify.FormatOB3JWT},
	}
	v := is.verifier(t, is.docs)
	for name, s := range signed {
		for container, input := range containers(t, bake.OB3, s.badge) {
			t.Run(name+" "+containerName(container), func(t *testing.T) {
				t.Parallel()
				res := mustVerify(t, v, input)
				requireResult(t, res, want{status: verify.StatusValid, format: s.format, container: container})
				requireOurSummary(t, res.Summary)
			})
		}
	}
}

func requireOurSummary(t testing.TB, s *verify.Summary) {
	t.Helper()
	require.NotNil(t, s)
	require.Equal(t, ourCredential, s.ID)
	require.Equal(t, verify.Party{ID: ourIssuer, Name: "Example University, School of Computing",
		URL: "https://www.example.edu/computing", Email: "badges@example.edu"}, s.Issuer)
	a := s.Achievement
	require.NotNil(t, a)
	require.Equal(t, "Data Analysis with Python", a.Name)
	require.Equal(t, "MicroCredential", a.Type)
	require.Equal(t, "CreditBearing", a.CreditStatus)
	require.Equal(t, 3.0, *a.CreditsAvailable)
	require.Equal(t, 6.0, *a.ECTSCredits)
	require.Equal(t, "CS-MC-204", a.HumanCode)
	require.Contains(t, a.CriteriaNarrative, "Complete the four modules")
	require.Equal(t, []verify.Alignment{
		{Name: "Analyse data using statistical and computational methods",
			URL:       "https://credentialengine.example.org/resources/ce-5b0a7c1e-data-analysis",
			Framework: "Example University Digital Skills Framework", Code: "DSF-3.2", Type: "ceasn:Competency"},
		{Name: "Bachelor of Science in Data Science",
			URL:  "https://credentialengine.example.org/resources/ce-0d9f3e2a-bsc-data-science",
			Type: "ceterms:Credential"},
	}, a.Alignments)
	require.Equal(t, 3.0, *s.CreditsEarned)
	require.Equal(t, &verify.Recipient{
		ID: "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
		Identities: []verify.Identity{{Type: "emailAddress", Hashed: true,
			Value: "sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399"}},
	}, s.Recipient)
	require.Equal(t, time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC), s.IssuedOn)
	require.Equal(t, time.Date(2030, 9, 1, 0, 0, 0, 0, time.UTC), s.ValidUntil)
	require.Equal(t, []verify.Evidence{{URL: "https://portfolio.example.edu/students/4711/capstone",
		Name: "Capstone analysis", Description: "An analysis of municipal air-quality measurements, 2015-2024."}}, s.Evidence)
}

// What the issuer publishes decides: a revoked credential is revoked, an
// unreachable list leaves the status unknown, and keys the issuer does not
// publish are not the issuer's.
func TestIssuedOB3CredentialPublishedDocuments(t *testing.T) {
	t.Parallel()
	is := newIssuer(t, ourIssuer)
	cred := readTestdata(t, "issued/credential.json")
	other := newIssuer(t, ourIssuer) // same id, keys the real issuer never published
	tests := []struct {
		name  string
		badge []byte
		docs  map[string][]byte
		want  want
	}{
		{name: "error/no issuer documents for a VC-JWT", badge: signJWT(t, is.rsa, cred), docs: map[string][]byte{ourIssuer: nil, ourJWKS: nil},
			want: want{status: verify.StatusInvalid, failed: []string{proof.CheckKey, proof.CheckSignature}, note: "unavailable"}},
		{name: "revoked/1EdTech revocation list", badge: is.signDI(t, cred), docs: map[string][]byte{ourRevocations: revocationList(t, ourCredential)},
			want: want{status: verify.StatusRevoked, failed: []string{proof.CheckRevocation}, note: "revoked by the issuer: Issued in error"}},
		{name: "error/revocation list unreachable", badge: signJWT(t, is.p256, cred), docs: map[string][]byte{ourRevocations: nil},
			want: want{status: verify.StatusInvalid, failed: []string{proof.CheckRevocation}, note: "whether the credential is revoked is unknown"}},
		{name: "error/revocation list is not one", badge: is.signDI(t, cred), docs: map[string][]byte{ourRevocations: []byte(`[1]`)},
			want: want{status: verify.StatusInvalid, failed: []string{proof.CheckRevocation}, note: "does not parse"}},
		{name: "error/Data Integrity key not in the issuer's profile", badge: other.signDI(t, cred),
			want: want{status: verify.StatusInvalid, failed: []string{proof.CheckKey, proof.CheckSignature}, note: "not among the keys the issuer publishes"}},
		{name: "error/VC-JWT key not in the issuer's JWK Set", badge: signJWT(t, other.rsa, cred),
			want: want{status: verify.StatusInvalid, failed: []string{proof.CheckKey, proof.CheckSignature}, note: "not one the issuer"}},
		{name: "error/no issuer documents for Data Integrity", badge: is.signDI(t, cred), docs: map[string][]byte{ourIssuer: nil, ourJWKS: nil},
			want: want{status: verify.StatusInvalid, failed: []string{proof.CheckKey, proof.CheckSignature}, note: "the issuer's profile is unavailable"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			docs := verify.Pinned{}
			for u, d := range is.docs {
				docs[u] = d
			}
			for u, d := range tt.docs {
				if d == nil {
					delete(docs, u)
				} else {
					docs[u] = d
				}
			}
			res := mustVerify(t, is.verifier(t, docs), tt.badge)
			requireResult(t, res, tt.want)
		})
	}

	t.Run("ok/keys the operator pins", func(t *testing.T) {
		t.Parallel()
		set := keys.NewSet()
		require.NoError(t, set.Add(ourIssuer, "", is.rsa))
		require.NoError(t, set.Add(ourIssuer, is.verificationMethod(), is.ed))
		docs := verify.Pinned{ourRevocations: is.docs[ourRevocations]}
		v := newVerifier(t, docs, verify.WithLoader(is.loader), verify.WithKeys(set))
		for _, badge := range [][]byte{signJWT(t, is.rsa, cred), is.signDI(t, cred)} {
			requireResult(t, mustVerify(t, v, badge), want{status: verify.StatusValid})
		}
	})
}

// A tampered copy of a credential we issue is invalid, however it is
// presented.
func TestIssuedOB3CredentialTampered(t *testing.T) {
	t.Parallel()
	is := newIssuer(t, ourIssuer)
	cred := readTestdata(t, "issued/credential.json")
	v := is.verifier(t, is.docs)
	di := is.signDI(t, cred)
	jwt := signJWT(t, is.rsa, cred)
	tampered := map[string][]byte{
		"Data Integrity, achievement renamed": replaceJSON(t, di, "Data Analysis with R", "credentialSubject", "achievement", "name"),
		"Data Integrity, credits raised":      replaceJSON(t, di, 30.0, "credentialSubject", "creditsEarned"),
		"Data Integrity, expiry moved":        replaceJSON(t, di, "2099-01-01T00:00:00Z", "validUntil"),
		"VC-JWT, payload changed":             tamperJWTPayload(t, jwt, "Data Analysis with Python", "Data Analysis with Rust"),
		"VC-JWT, signature changed":           flipSignature(t, jwt),
	}
	for name, badge := range tampered {
		for container, input := range containers(t, bake.OB3, badge) {
			t.Run(name+" "+containerName(container), func(t *testing.T) {
				t.Parallel()
				res := mustVerify(t, v, input)
				requireResult(t, res, want{status: verify.StatusInvalid, container: container})
				require.True(t, failed(res, proof.CheckSignature), checksText(res.Checks))
			})
		}
	}
}

func failed(res *verify.Result, name string) bool {
	for _, c := range res.Checks {
		if c.Name == name && !c.Passed {
			return true
		}
	}
	return false
}

// A bitstring status list is believed only once it verifies as the
// issuer's own, current credential.
func TestIssuedOB3CredentialBitstringStatus(t *testing.T) {
	t.Parallel()
	is := newIssuer(t, ourIssuer)
	const index = 94567
	cred := func(purpose status.Purpose) []byte {
		entry, err := status.NewBitstringEntry(ourStatusList, purpose, index)
		require.NoError(t, err)
		return replaceJSON(t, readTestdata(t, "issued/credential.json"), entry, "credentialStatus")
	}
	list := func(purpose status.Purpose, set bool, issuer string, validUntil time.Time) []byte {
		bits, err := status.NewBitstring(status.MinListEntries)
		require.NoError(t, err)
		require.NoError(t, bits.Set(index, set))
		lc, err := status.NewListCredential(ourStatusList, issuer, purpose, bits, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
		require.NoError(t, err)
		if !validUntil.IsZero() {
			lc.ValidUntil = ob3.NewDateTime(validUntil)
		}
		doc, err := json.Marshal(lc)
		require.NoError(t, err)
		return doc
	}
	revocation, suspension := status.PurposeRevocation, status.PurposeSuspension
	stranger := newIssuer(t, "https://badges.example.edu/issuers/someone-else")
	tests := []struct {
		name    string
		purpose status.Purpose
		list    []byte
		want    want
	}{
		{name: "ok/bit clear", purpose: revocation, list: is.signDI(t, list(revocation, false, ourIssuer, time.Time{})),
			want: want{status: verify.StatusValid}},
		{name: "ok/bit clear, list as a VC-JWT", purpose: revocation, list: signJWT(t, is.ed, list(revocation, false, ourIssuer, time.Time{})),
			want: want{status: verify.StatusValid}},
		{name: "revoked/bit set", purpose: revocation, list: is.signDI(t, list(revocation, true, ourIssuer, time.Time{})),
			want: want{status: verify.StatusRevoked, failed: []string{proof.CheckRevocation}, note: "revoked by the issuer (status list"}},
		{name: "revoked/suspended", purpose: suspension, list: is.signDI(t, list(suspension, true, ourIssuer, time.Time{})),
			want: want{status: verify.StatusRevoked, failed: []string{proof.CheckRevocation}, note: "suspended by the issuer"}},
		{name: "error/list purpose differs", purpose: revocation, list: is.signDI(t, list(suspension, true, ourIssuer, time.Time{})),
			want: want{status: verify.StatusInvalid, failed: []string{proof.CheckRevocation}, note: "does not fit"}},
		{name: "error/list not signed", purpose: revocation, list: list(revocation, false, ourIssuer, time.Time{}),
			want: want{status: verify.StatusInvalid, failed: []string{proof.CheckRevocation}, note: "cannot be trusted"}},
		{name: "error/list tampered", purpose: revocation,
			list: tamperedList(t, is.signDI(t, list(revocation, true, ourIssuer, time.Time{})), list(revocation, false, ourIssuer, time.Time{})),
			want: want{status: verify.StatusInvalid, failed: []string{proof.CheckRevocation}, note: "signature"}},
		{name: "error/list of another issuer", purpose: revocation, list: stranger.signDI(t, list(revocation, false, stranger.id, time.Time{})),
			want: want{status: verify.StatusInvalid, failed: []string{proof.CheckRevocation}, note: "not by the credential's issuer"}},
		{name: "error/list expired", purpose: revocation, list: is.signDI(t, list(revocation, false, ourIssuer, now.AddDate(0, 0, -1))),
			want: want{status: verify.StatusInvalid, failed: []string{proof.CheckRevocation}, note: "expired at"}},
		{name: "error/list unreachable", purpose: revocation, list: nil,
			want: want{status: verify.StatusInvalid, failed: []string{proof.CheckRevocation}, note: "could not be fetched"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			docs := verify.Pinned{}
			for u, d := range is.docs {
				docs[u] = d
			}
			if tt.list != nil {
				docs[ourStatusList] = tt.list
			}
			res := mustVerify(t, is.verifier(t, docs), is.signDI(t, cred(tt.purpose)))
			requireResult(t, res, tt.want)
		})
	}
}

// tamperedList puts the encodedList of unsigned into signed.
func tamperedList(t testing.TB, signed, unsigned []byte) []byte {
	t.Helper()
	var u map[string]any
	require.NoError(t, json.Unmarshal(unsigned, &u))
	encoded := u["credentialSubject"].(map[string]any)["encodedList"]
	return replaceJSON(t, signed, encoded, "credentialSubject", "encodedList")
}

// An OB 2.0 signed badge we issue verifies with the key the issuer profile
// links, and is revoked by the issuer's revocation list.
func TestIssuedOB2SignedBadge(t *testing.T) {
	t.Parallel()
	const (
		profileURL = ourBase + "/ob2/issuer.json"
		badgeURL   = ourBase + "/ob2/badges/data-analysis.json"
		keyURL     = ourBase + "/ob2/keys/1.json"
		listURL    = ourBase + "/ob2/revocations.json"
		assertion  = "urn:uuid:0b5e7a52-4d4c-4c57-9d0a-3c2f6f0c9e11"
	)
	rsaKey, err := keys.Generate(keys.RSA2048)
	require.NoError(t, err)
	signer, err := ob2jws.NewSigner(rsaKey, keyURL)
	require.NoError(t, err)
	recipient, err := ob2.NewHashedRecipient(ob2.IdentityEmail, "a@example.com")
	require.NoError(t, err)
	a := ob2.Assertion{
		Context: ob2.V2Context(), Type: ob2.Types{ob2.TypeAssertion}, ID: assertion,
		Recipient: &recipient, Badge: ob2.RefTo[ob2.BadgeClass](badgeURL),
		Verification: ob2.Signed(keyURL), IssuedOn: ob2.NewDateTime(time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC)),
	}
	payload, err := json.Marshal(a)
	require.NoError(t, err)
	token, err := signer.Sign(payload)
	require.NoError(t, err)

	marshal := func(v any) []byte {
		b, err := json.Marshal(v)
		require.NoError(t, err)
		return b
	}
	profile := ob2.Profile{Context: ob2.V2Context(), Type: ob2.Types{ob2.TypeIssuer}, ID: profileURL,
		Name: "Example University", URL: ourBase, Email: "badges@example.edu",
		PublicKey: ob2.List[ob2.Ref[ob2.CryptographicKey]]{ob2.RefTo[ob2.CryptographicKey](keyURL)}, RevocationList: listURL}
	badge := ob2.BadgeClass{Context: ob2.V2Context(), Type: ob2.Types{ob2.TypeBadgeClass}, ID: badgeURL,
		Name: "Data Analysis with Python", Description: "Awarded for the data analysis micro-credential.",
		Image: ob2.RefTo[ob2.Image](ourBase + "/images/data-analysis.png"), Criteria: ob2.RefTo[ob2.Criteria](ourBase + "/criteria"),
		Issuer: ob2.RefTo[ob2.Profile](profileURL),
		Alignment: ob2.List[ob2.AlignmentObject]{{TargetName: "Analyse data", TargetURL: "https://framework.example.org/dsf-3.2",
			TargetFramework: "Digital Skills Framework", TargetCode: "DSF-3.2"}}}
	key, err := ob2jws.NewCryptographicKey(keyURL, profileURL, rsaKey)
	require.NoError(t, err)
	strangerKey, err := ob2jws.NewCryptographicKey(keyURL, "https://evil.example/issuer.json", rsaKey)
	require.NoError(t, err)
	unlisted := profile
	unlisted.PublicKey = nil
	docs := verify.Pinned{
		profileURL: marshal(profile), badgeURL: marshal(badge), keyURL: marshal(key),
		listURL: marshal(status.NewOB2RevocationList(listURL, profileURL, nil)),
	}

	tests := []struct {
		name string
		docs map[string][]byte
		want want
	}{
		{name: "ok", want: want{status: verify.StatusValid, format: verify.FormatOB2Signed}},
		{name: "revoked/on the issuer's list",
			docs: map[string][]byte{listURL: marshal(status.NewOB2RevocationList(listURL, profileURL, []status.Revocation{{ID: assertion, Reason: "Issued in error"}}))},
			want: want{status: verify.StatusRevoked, failed: []string{proof.CheckRevocation}, note: "revoked by the issuer: Issued in error"}},
		{name: "error/revocation list unreachable", docs: map[string][]byte{listURL: nil},
			want: want{status: verify.StatusInvalid, failed: []string{proof.CheckRevocation}, note: "unknown"}},
		{name: "error/profile does not list the key", docs: map[string][]byte{profileURL: marshal(unlisted)},
			want: want{status: verify.StatusInvalid, failed: []string{proof.CheckKey, proof.CheckSignature}, note: "does not list"}},
		{name: "error/key owned by someone else", docs: map[string][]byte{keyURL: marshal(strangerKey)},
			want: want{status: verify.StatusInvalid, failed: []string{proof.CheckKey, proof.CheckSignature}, note: "owned by"}},
		{name: "error/badge class unavailable", docs: map[string][]byte{badgeURL: nil},
			want: want{status: verify.StatusInvalid, failed: []string{proof.CheckKey, proof.CheckSignature}, note: "badge class is unavailable"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			pins := verify.Pinned{}
			for u, d := range docs {
				pins[u] = d
			}
			for u, d := range tt.docs {
				if d == nil {
					delete(pins, u)
				} else {
					pins[u] = d
				}
			}
			v := newVerifier(t, pins)
			for container, input := range containers(t, bake.OB2, token) {
				w := tt.want
				w.container = container
				res := mustVerify(t, v, input)
				requireResult(t, res, w)
				if tt.name == "ok" {
					require.Equal(t, "Example University", res.Summary.Issuer.Name)
					require.Equal(t, "Data Analysis with Python", res.Summary.Achievement.Name)
					require.Equal(t, []verify.Alignment{{Name: "Analyse data", URL: "https://framework.example.org/dsf-3.2",
						Framework: "Digital Skills Framework", Code: "DSF-3.2"}}, res.Summary.Achievement.Alignments)
				}
			}
		})
	}
}
