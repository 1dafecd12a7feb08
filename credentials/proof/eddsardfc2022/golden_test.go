package eddsardfc2022

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"badged/credentials/jsonld"
	"badged/credentials/multikey"
	"badged/credentials/proof"
)

// TestW3CVector reproduces every stage of the W3C vc-di-eddsa
// eddsa-rdfc-2022 test vector (testdata/w3c).
func TestW3CVector(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	suite := NewSuite(loader)
	unsigned := readObject(t, "w3c", "unsigned.json")
	options := readObject(t, "w3c", "proofConfigDataInt.json")

	canonicalDocument, err := suite.Transform(ctx, unsigned)
	require.NoError(t, err)
	require.Equal(t, string(readFile(t, "w3c", "canonDocDataInt.txt")), string(canonicalDocument))
	docHash := sha256.Sum256(canonicalDocument)
	require.Equal(t, readHex(t, "w3c", "docHashDataInt.txt"), docHash[:])

	canonicalConfig, err := suite.ProofConfig(ctx, options, unsigned["@context"])
	require.NoError(t, err)
	require.Equal(t, string(readFile(t, "w3c", "proofCanonDataInt.txt")), string(canonicalConfig))
	proofHash := sha256.Sum256(canonicalConfig)
	require.Equal(t, readHex(t, "w3c", "proofHashDataInt.txt"), proofHash[:])

	hashData := Hash(canonicalConfig, canonicalDocument)
	require.Equal(t, readHex(t, "w3c", "combinedHashDataInt.txt"), hashData)

	sig := ed25519.Sign(w3cKey(t), hashData)
	require.Equal(t, readHex(t, "w3c", "sigHexDataInt.txt"), sig)
	require.Equal(t, strings.TrimSpace(string(readFile(t, "w3c", "sigBTC58DataInt.txt"))), multikey.EncodeMultibase(sig))

	signed, err := suite.Sign(ctx, readFile(t, "w3c", "unsigned.json"), SignOptions{
		VerificationMethod: options["verificationMethod"].(string),
		PrivateKey:         w3cKey(t),
		Created:            time.Date(2023, 2, 24, 23, 36, 38, 0, time.UTC),
	})
	require.NoError(t, err)
	require.Equal(t, normalizeProof(t, readFile(t, "w3c", "signedDataInt.json")), normalizeProof(t, signed))

	// The vector's issuer (https://vc.example/issuers/5678) does not control
	// its did:key verification method. The signature is sound, but Verify
	// refuses the key: anyone can make a did:key, so accepting one that the
	// issuer does not control would let anyone sign as any issuer.
	res, err := suite.Verify(ctx, readFile(t, "w3c", "signedDataInt.json"), nil)
	require.NoError(t, err)
	require.False(t, res.Valid())
	for _, name := range []string{proof.CheckFormat, proof.CheckContext, proof.CheckAlgorithm} {
		c, ok := res.Check(name)
		require.True(t, ok && c.Passed, "%s: %+v", name, res.Checks)
	}
	c, _ := res.Check(proof.CheckKey)
	require.False(t, c.Passed)
	require.Contains(t, c.Message, "not by the issuer https://vc.example/issuers/5678")
	require.True(t, ed25519.Verify(w3cKey(t).Public().(ed25519.PublicKey), hashData, sig))
}

// TestW3CEmployVector checks the W3C "employ" vector as far as its missing
// context allows: the canonical N-Quads are given, so hashing and signing
// are reproduced from them, and the credential itself is refused by naming
// the context.
func TestW3CEmployVector(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	suite := NewSuite(loader)
	const missing = "https://w3id.org/citizenship/v4rc1"

	canonicalDocument := readFile(t, "w3c", "employ", "canonDocDataInt.txt")
	canonicalConfig := readFile(t, "w3c", "employ", "proofCanonDataInt.txt")
	docHash := sha256.Sum256(canonicalDocument)
	require.Equal(t, readHex(t, "w3c", "employ", "docHashDataInt.txt"), docHash[:])
	proofHash := sha256.Sum256(canonicalConfig)
	require.Equal(t, readHex(t, "w3c", "employ", "proofHashDataInt.txt"), proofHash[:])
	hashData := Hash(canonicalConfig, canonicalDocument)
	require.Equal(t, readHex(t, "w3c", "employ", "combinedHashDataInt.txt"), hashData)
	sig := ed25519.Sign(w3cKey(t), hashData)
	require.Equal(t, readHex(t, "w3c", "employ", "sigHexDataInt.txt"), sig)
	require.Equal(t, strings.TrimSpace(string(readFile(t, "w3c", "employ", "sigBTC58DataInt.txt"))), multikey.EncodeMultibase(sig))

	_, err := suite.Transform(ctx, readObject(t, "w3c", "employmentAuth.json"))
	require.ErrorIs(t, err, jsonld.ErrUnknownContext)
	require.ErrorContains(t, err, missing)
	options := readObject(t, "w3c", "employ", "proofConfigDataInt.json")
	_, err = suite.ProofConfig(ctx, options, options["@context"])
	require.ErrorIs(t, err, jsonld.ErrUnknownContext)
	require.ErrorContains(t, err, missing)

	res, err := suite.Verify(ctx, readFile(t, "w3c", "employ", "signedDataInt.json"), nil)
	require.NoError(t, err)
	require.False(t, res.Valid())
	c, _ := res.Check(proof.CheckContext)
	require.False(t, c.Passed)
	require.Contains(t, c.Message, missing)
	c, _ = res.Check(proof.CheckSignature)
	require.False(t, c.Passed)
	require.Contains(t, c.Message, "not checked")
}

// TestOB3Vector reproduces every stage of the OB 3.0 vector
// (testdata/ob3-vector).
func TestOB3Vector(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	suite := NewSuite(loader)
	v, key := readOB3Vector(t)
	unsigned := readObject(t, "ob3-vector", "unsigned-credential.json")

	canonicalDocument, err := suite.Transform(ctx, unsigned)
	require.NoError(t, err)
	require.Equal(t, string(readFile(t, "ob3-vector", "document-canon.nq")), string(canonicalDocument))
	docHash := sha256.Sum256(canonicalDocument)
	require.Equal(t, v.DocumentHashHex, hex.EncodeToString(docHash[:]))

	canonicalConfig, err := suite.ProofConfig(ctx, readObject(t, "ob3-vector", "proof-options.json"), unsigned["@context"])
	require.NoError(t, err)
	require.Equal(t, string(readFile(t, "ob3-vector", "proof-canon.nq")), string(canonicalConfig))
	proofHash := sha256.Sum256(canonicalConfig)
	require.Equal(t, v.ProofHashHex, hex.EncodeToString(proofHash[:]))

	hashData := Hash(canonicalConfig, canonicalDocument)
	require.Equal(t, v.DataToSignHex, hex.EncodeToString(hashData))
	sig := ed25519.Sign(key, hashData)
	require.Equal(t, v.SignatureHex, hex.EncodeToString(sig))
	require.Equal(t, v.ProofValue, multikey.EncodeMultibase(sig))

	signed, err := suite.Sign(ctx, readFile(t, "ob3-vector", "unsigned-credential.json"), SignOptions{
		VerificationMethod: v.VerificationMethod,
		PrivateKey:         key,
		Created:            time.Date(2010, 1, 1, 19, 23, 24, 0, time.UTC),
	})
	require.NoError(t, err)
	require.Equal(t, normalizeProof(t, readFile(t, "ob3-vector", "signed-credential.json")), normalizeProof(t, signed))

	for name, doc := range map[string][]byte{"vector (proof object)": readFile(t, "ob3-vector", "signed-credential.json"), "signed here (proof array)": signed} {
		res, err := suite.Verify(ctx, doc, nil)
		require.NoError(t, err, name)
		require.True(t, res.Valid(), "%s: %s", name, res.Failures())
		require.Len(t, res.Checks, 5)
	}
}
