package multikey

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"badged/credentials/proof"
)

func readJSON(t *testing.T, name string, v any) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, v))
}

func mustHex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	require.NoError(t, err)
	return b
}

func TestOB3VectorKeys(t *testing.T) {
	t.Parallel()
	var v struct {
		PublicKeyHex, PrivateKeyHex, PublicKeyMultibase, SecretKeyMultibase string
		SignatureHex, ProofValue                                            string
	}
	readJSON(t, "ob3-vector.json", &v)
	pub := ed25519.PublicKey(mustHex(t, v.PublicKeyHex))
	priv := ed25519.PrivateKey(mustHex(t, v.PrivateKeyHex))

	require.Equal(t, v.PublicKeyMultibase, EncodePublicKey(pub))
	got, err := DecodePublicKey(v.PublicKeyMultibase)
	require.NoError(t, err)
	require.Equal(t, pub, got)

	// The OB vector writes seed ‖ public key; EncodeSecretKey writes the
	// seed alone, as the W3C vectors and the multicodec table do.
	gotPriv, err := DecodeSecretKey(v.SecretKeyMultibase)
	require.NoError(t, err)
	require.Equal(t, priv, gotPriv)
	gotPriv, err = DecodeSecretKey(EncodeSecretKey(priv))
	require.NoError(t, err)
	require.Equal(t, priv, gotPriv)

	require.Equal(t, v.ProofValue, EncodeMultibase(mustHex(t, v.SignatureHex)))
	sig, err := DecodeMultibase(v.ProofValue)
	require.NoError(t, err)
	require.Equal(t, mustHex(t, v.SignatureHex), sig)
}

func TestW3CVectorKeyPair(t *testing.T) {
	t.Parallel()
	var kp struct{ PublicKeyMultibase, PrivateKeyMultibase string }
	readJSON(t, "w3c-keyPair.json", &kp)
	priv, err := DecodeSecretKey(kp.PrivateKeyMultibase)
	require.NoError(t, err)
	require.Equal(t, kp.PublicKeyMultibase, EncodePublicKey(priv.Public().(ed25519.PublicKey)))
	require.Equal(t, kp.PrivateKeyMultibase, EncodeSecretKey(priv))
	require.Equal(t, "did:key:"+kp.PublicKeyMultibase, DIDKey(priv.Public().(ed25519.PublicKey)))
	// The verification method the W3C vc-di-eddsa vectors sign with.
	require.Equal(t,
		"did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2",
		DIDKeyVerificationMethod(priv.Public().(ed25519.PublicKey)))
}

// The examples of draft-msporny-base58-03 §5.
func TestBase58DraftExamples(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		in   []byte
		want string
	}{
		"ok/hello world":   {[]byte("Hello World!"), "2NEpo7TZRRrLZSi2U"},
		"ok/quick brown":   {[]byte("The quick brown fox jumps over the lazy dog."), "USm3fpXnKG5EUBx2ndxBDMPVciP5hGey2Jh4NDv6gmeo1LkMeiKrLJUUBk6Z"},
		"ok/leading zeros": {[]byte{0x00, 0x00, 0x28, 0x7f, 0xb4, 0xcd}, "11233QC4"},
		"ok/one zero byte": {[]byte{0}, "1"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, "z"+tc.want, EncodeMultibase(tc.in))
			got, err := DecodeMultibase("z" + tc.want)
			require.NoError(t, err)
			require.Equal(t, tc.in, got)
		})
	}
}

func TestDecodeMultibaseErrors(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		in      string
		wantErr error
		want    string
	}{
		"error/empty":               {"", proof.ErrMalformed, "empty"},
		"error/prefix only":         {"z", proof.ErrMalformed, "empty base58"},
		"error/base64 multibase":    {"mAQID", proof.ErrUnsupported, "not base58btc"},
		"error/zero is not base58":  {"z0abc", proof.ErrMalformed, `'0'`},
		"error/capital O":           {"zO", proof.ErrMalformed, `'O'`},
		"error/capital I":           {"zI", proof.ErrMalformed, `'I'`},
		"error/lower-case l":        {"zl", proof.ErrMalformed, `'l'`},
		"error/non-ASCII":           {"z6Mké", proof.ErrMalformed, "invalid base58 character"},
		"error/longer than allowed": {"z" + strings.Repeat("2", MaxMultibaseLength), proof.ErrMalformed, "longer than"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, err := DecodeMultibase(tc.in)
			require.Nil(t, got)
			require.ErrorIs(t, err, tc.wantErr)
			require.ErrorContains(t, err, tc.want)
		})
	}
}

func TestDecodeKeyErrors(t *testing.T) {
	t.Parallel()
	pub := make([]byte, 32)
	tests := map[string]struct {
		in      string
		wantErr error
		want    string
	}{
		// The P-256 did:key of the W3C vc-di-eddsa "employ" vector's issuer.
		"error/P-256 key":     {"zDnaegE6RR3atJtHKwTRTWHsJ3kNHqFwv7n9YjTgmU7TyfU76", proof.ErrUnsupported, "multicodec prefix 0x8024"},
		"error/secret key":    {EncodeMultibase(append([]byte{0x80, 0x26}, pub...)), proof.ErrUnsupported, "multicodec prefix 0x8026"},
		"error/short key":     {EncodeMultibase(append([]byte{0xed, 0x01}, pub[:31]...)), proof.ErrMalformed, "31 key bytes, want [32]"},
		"error/long key":      {EncodeMultibase(append([]byte{0xed, 0x01}, make([]byte, 33)...)), proof.ErrMalformed, "33 key bytes"},
		"error/one byte":      {EncodeMultibase([]byte{0xed}), proof.ErrMalformed, "too short"},
		"error/not multibase": {"6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi", proof.ErrUnsupported, "not base58btc"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, err := DecodePublicKey(tc.in)
			require.Nil(t, got)
			require.ErrorIs(t, err, tc.wantErr)
			require.ErrorContains(t, err, tc.want)
		})
	}
	_, err := DecodeSecretKey(EncodePublicKey(pub))
	require.ErrorIs(t, err, proof.ErrUnsupported)
	seed := make([]byte, 32)
	mismatched := append(append([]byte{0x80, 0x26}, seed...), make([]byte, 32)...) // public key all zero
	_, err = DecodeSecretKey(EncodeMultibase(mismatched))
	require.ErrorIs(t, err, proof.ErrMalformed)
	require.ErrorContains(t, err, "not the seed's")
}

func TestResolver(t *testing.T) {
	t.Parallel()
	const key = "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi"
	want, err := DecodePublicKey(key)
	require.NoError(t, err)
	canceled, cancel := context.WithCancel(context.Background())
	cancel()

	tests := map[string]struct {
		ctx     context.Context
		vm      string
		wantErr error
		want    string
	}{
		"ok/issuer URL and key fragment":    {vm: "https://example.edu/issuers/565049#" + key},
		"ok/did:web and key fragment":       {vm: "did:web:example.edu#" + key},
		"ok/did:key":                        {vm: "did:key:" + key},
		"ok/did:key verification method":    {vm: "did:key:" + key + "#" + key},
		"error/did:key with other fragment": {vm: "did:key:" + key + "#key-1", wantErr: proof.ErrMalformed, want: "fragment"},
		"error/named key":                   {vm: "https://example.edu/issuers/565049#key-1", wantErr: proof.ErrKeyNotFound, want: "not fetched"},
		"error/no fragment":                 {vm: "https://example.edu/keys/1", wantErr: proof.ErrKeyNotFound, want: "not fetched"},
		"error/did:web without fragment":    {vm: "did:web:example.edu", wantErr: proof.ErrKeyNotFound},
		"error/P-256 did:key":               {vm: "did:key:zDnaegE6RR3atJtHKwTRTWHsJ3kNHqFwv7n9YjTgmU7TyfU76", wantErr: proof.ErrUnsupported},
		"error/corrupt key":                 {vm: "https://example.edu/issuers/1#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hw0", wantErr: proof.ErrMalformed},
		"error/too long":                    {vm: "https://example.edu/" + strings.Repeat("a", MaxVerificationMethodLength) + "#" + key, wantErr: proof.ErrMalformed, want: "longer than"},
		"error/canceled":                    {ctx: canceled, vm: "did:key:" + key, wantErr: context.Canceled},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx := tc.ctx
			if ctx == nil {
				ctx = context.Background()
			}
			got, err := Resolver{}.ResolveKey(ctx, tc.vm)
			if tc.wantErr == nil {
				require.NoError(t, err)
				require.Equal(t, want, got)
				return
			}
			require.Nil(t, got)
			require.ErrorIs(t, err, tc.wantErr)
			require.ErrorContains(t, err, tc.want)
		})
	}
}

func TestController(t *testing.T) {
	t.Parallel()
	for vm, want := range map[string]string{
		"https://example.edu/issuers/565049#z6Mk": "https://example.edu/issuers/565049",
		"did:key:z6Mk#z6Mk":                       "did:key:z6Mk",
		"did:key:z6Mk":                            "did:key:z6Mk",
		"https://example.edu/keys/1":              "https://example.edu/keys/1",
		"https://example.edu/a#b#c":               "https://example.edu/a",
	} {
		require.Equal(t, want, Controller(vm), vm)
	}
}

func FuzzMultibase(f *testing.F) {
	for _, s := range []string{"z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi", "z11233QC4", "z", "z1", "z0", "mAQID",
		"z5x9aCBYovW3CQCbKdNyhEm7ffYSw1YpEdPywQJoNbzDD2gkzQDKJ1sYKJaWvqZtkMtSbz35HcbgXVEDYHxCzgkCr"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b, err := DecodeMultibase(s)
		if err != nil {
			return
		}
		// Base58 has one spelling per byte string, so decoding then encoding
		// gives back the input.
		if got := EncodeMultibase(b); got != s {
			t.Fatalf("EncodeMultibase(DecodeMultibase(%q)) = %q", s, got)
		}
		_, _ = DecodePublicKey(s)
		_, _ = Resolver{}.ResolveKey(context.Background(), "https://example.edu/i#"+s)
	})
}
