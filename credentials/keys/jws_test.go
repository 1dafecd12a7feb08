package keys_test

import (
	"crypto"
	"encoding/base64"
	"io"
	"strings"
	"testing"

	"github.com/lestrrat-go/jwx/v2/jwa"
	"github.com/lestrrat-go/jwx/v2/jws"
	"github.com/stretchr/testify/require"

	"badged/credentials/keys"
	"badged/credentials/proof"
)

// opaqueSigner hides the concrete key type, as a KMS- or HSM-backed signer does.
type opaqueSigner struct{ crypto.Signer }

func (o opaqueSigner) Sign(r io.Reader, digest []byte, opts crypto.SignerOpts) ([]byte, error) {
	return o.Signer.Sign(r, digest, opts)
}

const testInput = "eyJhbGciOiJFUzI1NiJ9.eyJoZWxsbyI6IndvcmxkIn0"

// Signatures made with the standard library verify with jwx's own jws.Verify.
func TestSignJWSVerifiesWithJWX(t *testing.T) {
	t.Parallel()
	for _, typ := range allTypes {
		for _, opaque := range []bool{false, true} {
			name := string(typ)
			if opaque {
				name += "/opaque signer"
			}
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				priv, err := keys.Generate(typ)
				require.NoError(t, err)
				var signer crypto.Signer = priv
				if opaque {
					signer = opaqueSigner{priv}
				}
				wantAlg, err := keys.Algorithm(priv)
				require.NoError(t, err)
				header := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"` + wantAlg.String() + `"}`))
				input := header + ".eyJoZWxsbyI6IndvcmxkIn0"

				alg, sig, err := keys.SignJWS(signer, []byte(input))
				require.NoError(t, err)
				require.Equal(t, wantAlg, alg)
				require.Len(t, sig, keys.SignatureSize(priv.Public()))
				token := input + "." + base64.RawURLEncoding.EncodeToString(sig)

				payload, err := jws.Verify([]byte(token), jws.WithKey(alg, priv.Public()))
				require.NoError(t, err)
				require.Equal(t, `{"hello":"world"}`, string(payload))
				require.NoError(t, keys.VerifyJWS(alg, priv.Public(), []byte(input), sig))
			})
		}
	}
}

// Signatures made with jwx verify with VerifyJWS.
func TestVerifyJWSAcceptsJWXSignatures(t *testing.T) {
	t.Parallel()
	for _, typ := range allTypes {
		t.Run(string(typ), func(t *testing.T) {
			t.Parallel()
			priv, err := keys.Generate(typ)
			require.NoError(t, err)
			alg, err := keys.Algorithm(priv)
			require.NoError(t, err)
			token, err := jws.Sign([]byte(`{"hello":"world"}`), jws.WithKey(alg, priv))
			require.NoError(t, err)
			parts := strings.Split(string(token), ".")
			require.Len(t, parts, 3)
			sig, err := base64.RawURLEncoding.DecodeString(parts[2])
			require.NoError(t, err)
			require.NoError(t, keys.VerifyJWS(alg, priv.Public(), []byte(parts[0]+"."+parts[1]), sig))
		})
	}
}

func TestVerifyJWSRefuses(t *testing.T) {
	t.Parallel()
	rsaKey, err := keys.Generate(keys.RSA2048)
	require.NoError(t, err)
	ecKey, err := keys.Generate(keys.P256)
	require.NoError(t, err)
	_, rsaSig, err := keys.SignJWS(rsaKey, []byte(testInput))
	require.NoError(t, err)
	_, ecSig, err := keys.SignJWS(ecKey, []byte(testInput))
	require.NoError(t, err)

	tests := map[string]struct {
		alg   jwa.SignatureAlgorithm
		key   any
		input string
		sig   []byte
		want  error
	}{
		"error/HS256 with an RSA public key": {jwa.HS256, rsaKey.Public(), testInput, rsaSig, proof.ErrUnsupported},
		"error/none":                         {jwa.NoSignature, rsaKey.Public(), testInput, nil, proof.ErrUnsupported},
		"error/ES256 with an RSA key":        {jwa.ES256, rsaKey.Public(), testInput, ecSig, proof.ErrUnsupported},
		"error/RS256 with an EC key":         {jwa.RS256, ecKey.Public(), testInput, rsaSig, proof.ErrUnsupported},
		"error/PS256 with an RSA key":        {jwa.PS256, rsaKey.Public(), testInput, rsaSig, proof.ErrUnsupported},
		"error/HMAC secret as key":           {jwa.HS256, []byte("secret"), testInput, rsaSig, proof.ErrUnsupported},
		"error/tampered input":               {jwa.ES256, ecKey.Public(), testInput + "x", ecSig, proof.ErrInvalidProof},
		"error/truncated signature":          {jwa.ES256, ecKey.Public(), testInput, ecSig[:63], proof.ErrInvalidProof},
		"error/empty signature":              {jwa.RS256, rsaKey.Public(), testInput, nil, proof.ErrInvalidProof},
		"error/other key":                    {jwa.RS256, mustGenerate(t, keys.RSA2048).Public(), testInput, rsaSig, proof.ErrInvalidProof},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			err := keys.VerifyJWS(tc.alg, tc.key, []byte(tc.input), tc.sig)
			require.ErrorIs(t, err, tc.want)
		})
	}
}

func mustGenerate(t testing.TB, typ keys.Type) crypto.Signer {
	t.Helper()
	k, err := keys.Generate(typ)
	require.NoError(t, err)
	return k
}

func TestJWSSigner(t *testing.T) {
	t.Parallel()
	want := map[keys.Type]struct {
		alg  jwa.SignatureAlgorithm
		size int
	}{keys.Ed25519: {jwa.EdDSA, 64}, keys.P256: {jwa.ES256, 64}, keys.RSA2048: {jwa.RS256, 256}}
	for typ, w := range want {
		t.Run(string(typ), func(t *testing.T) {
			t.Parallel()
			s, err := keys.NewJWSSigner(mustGenerate(t, typ))
			require.NoError(t, err)
			require.Equal(t, w.alg, s.Algorithm())
			require.Equal(t, w.size, s.SignatureSize())
			sig, err := s.Sign([]byte(testInput))
			require.NoError(t, err)
			require.Len(t, sig, w.size)
		})
	}
	t.Run("error/no key", func(t *testing.T) {
		t.Parallel()
		_, err := keys.NewJWSSigner(nil)
		require.ErrorIs(t, err, proof.ErrUnsupported)
	})
	t.Run("error/signer returns a short signature", func(t *testing.T) {
		t.Parallel()
		s, err := keys.NewJWSSigner(truncatingSigner{mustGenerate(t, keys.RSA2048)})
		require.NoError(t, err)
		_, err = s.Sign([]byte(testInput))
		require.Error(t, err)
	})
}

// truncatingSigner is a broken HSM: its signatures lose their last byte.
type truncatingSigner struct{ crypto.Signer }

func (s truncatingSigner) Sign(r io.Reader, digest []byte, opts crypto.SignerOpts) ([]byte, error) {
	sig, err := s.Signer.Sign(r, digest, opts)
	return sig[:len(sig)-1], err
}
