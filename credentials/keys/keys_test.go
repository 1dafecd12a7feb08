package keys_test

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"os"
	"strings"
	"testing"

	"github.com/lestrrat-go/jwx/v2/jwa"
	"github.com/stretchr/testify/require"

	"badged/credentials/keys"
	"badged/credentials/proof"
)

var allTypes = []keys.Type{keys.Ed25519, keys.P256, keys.RSA2048}

func TestGenerate(t *testing.T) {
	t.Parallel()
	wantAlg := map[keys.Type]jwa.SignatureAlgorithm{keys.Ed25519: jwa.EdDSA, keys.P256: jwa.ES256, keys.RSA2048: jwa.RS256}
	for _, typ := range allTypes {
		t.Run(string(typ), func(t *testing.T) {
			t.Parallel()
			priv, err := keys.Generate(typ)
			require.NoError(t, err)
			got, err := keys.TypeOf(priv)
			require.NoError(t, err)
			require.Equal(t, typ, got)
			alg, err := keys.Algorithm(priv.Public())
			require.NoError(t, err)
			require.Equal(t, wantAlg[typ], alg)

			other, err := keys.Generate(typ)
			require.NoError(t, err)
			require.True(t, keys.Equal(priv, priv.Public()))
			require.False(t, keys.Equal(priv, other))
		})
	}
	t.Run("error/unknown type", func(t *testing.T) {
		t.Parallel()
		_, err := keys.Generate("P-521")
		require.ErrorIs(t, err, proof.ErrUnsupported)
	})
}

func TestPublicKeyRefusesWeakOrForeignKeys(t *testing.T) {
	t.Parallel()
	rsa1024, err := rsa.GenerateKey(rand.Reader, 1024)
	require.NoError(t, err)
	p384, err := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	require.NoError(t, err)
	tests := map[string]any{
		"error/RSA-1024":          rsa1024,
		"error/P-384":             p384,
		"error/short Ed25519 key": ed25519.PublicKey(make([]byte, 31)),
		"error/HMAC secret":       []byte("secret"),
		"error/nil":               nil,
	}
	for name, key := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := keys.PublicKey(key)
			require.ErrorIs(t, err, keys.ErrUnsupportedKey)
			_, err = keys.Algorithm(key)
			require.ErrorIs(t, err, proof.ErrUnsupported)
		})
	}
}

// Thumbprint vectors from the RFCs themselves.
func TestThumbprintRFCVectors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, jwk, want string
	}{
		{
			name: "ok/RFC 7638 §3.1 RSA",
			jwk:  `{"kty":"RSA","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQAB","alg":"RS256","kid":"2011-04-29"}`,
			want: "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs",
		},
		{
			name: "ok/RFC 8037 A.3 Ed25519",
			jwk:  `{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}`,
			want: "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			pub, err := keys.ParseJWK([]byte(tc.jwk))
			require.NoError(t, err)
			got, err := keys.Thumbprint(pub)
			require.NoError(t, err)
			require.Equal(t, tc.want, got)
			uri, err := keys.ThumbprintURI(pub)
			require.NoError(t, err)
			require.Equal(t, "urn:ietf:params:oauth:jwk-thumbprint:sha-256:"+tc.want, uri)
		})
	}
}

func TestPublicJWKRoundTrip(t *testing.T) {
	t.Parallel()
	for _, typ := range allTypes {
		t.Run(string(typ), func(t *testing.T) {
			t.Parallel()
			priv, err := keys.Generate(typ)
			require.NoError(t, err)
			key, err := keys.PublicJWK(priv) // from the private key on purpose
			require.NoError(t, err)
			data, err := json.Marshal(key)
			require.NoError(t, err)

			var members map[string]any
			require.NoError(t, json.Unmarshal(data, &members))
			require.NotContains(t, members, "d", "a public JWK must not carry the private key")
			thumb, err := keys.Thumbprint(priv)
			require.NoError(t, err)
			require.Equal(t, thumb, members["kid"])
			alg, err := keys.Algorithm(priv)
			require.NoError(t, err)
			require.Equal(t, alg.String(), members["alg"])

			pub, err := keys.ParseJWK(data)
			require.NoError(t, err)
			require.True(t, keys.Equal(priv.Public(), pub))
		})
	}
}

func TestParseJWKRefuses(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		jwk  string
		want error
	}{
		"error/private RSA": {`{"kty":"RSA","n":"AQAB","e":"AQAB","d":"AQAB"}`, proof.ErrUnsupported},
		"error/private OKP": {`{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"}`, proof.ErrUnsupported},
		"error/oct secret":  {`{"kty":"oct","k":"c2VjcmV0"}`, proof.ErrUnsupported},
		"error/not JSON":    {`kty=RSA`, proof.ErrMalformed},
		"error/array":       {`[]`, proof.ErrMalformed},
		"error/unknown kty": {`{"kty":"XYZ"}`, proof.ErrMalformed},
		"error/too large":   {`{"kty":"RSA","n":"` + strings.Repeat("A", keys.MaxJWKSize) + `"}`, proof.ErrMalformed},
		// RFC 7518 appendix C's P-256 key with x one byte too long, and
		// with y+1, which is off the curve.
		"error/EC coordinate too long": {`{"kty":"EC","crv":"P-256","x":"AYCNBgCCwXbu0-d2pKxZjMhnLBd5-XTuzJsDQRyluUld","y":"SLW_xSffzlPWrHEVI30DHM_4egVwt3NQqeUD7nMFpps"}`, proof.ErrUnsupported},
		"error/EC point off the curve": {`{"kty":"EC","crv":"P-256","x":"gI0GAILBdu7T53akrFmMyGcsF3n5dO7MmwNBHKW5SV0","y":"SLW_xSffzlPWrHEVI30DHM_4egVwt3NQqeUD7nMFppw"}`, proof.ErrUnsupported},
		"error/RSA even modulus":       {`{"kty":"RSA","n":"gA` + strings.Repeat("A", 338) + `EA","e":"AQAB"}`, proof.ErrUnsupported},
		"ok/EC point on the curve":     {`{"kty":"EC","crv":"P-256","x":"gI0GAILBdu7T53akrFmMyGcsF3n5dO7MmwNBHKW5SV0","y":"SLW_xSffzlPWrHEVI30DHM_4egVwt3NQqeUD7nMFpps"}`, nil},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := keys.ParseJWK([]byte(tc.jwk))
			if tc.want == nil {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, tc.want)
		})
	}
}

func TestPEMRoundTrip(t *testing.T) {
	t.Parallel()
	for _, typ := range allTypes {
		t.Run(string(typ), func(t *testing.T) {
			t.Parallel()
			priv, err := keys.Generate(typ)
			require.NoError(t, err)

			pubPEM, err := keys.MarshalPublicKeyPEM(priv)
			require.NoError(t, err)
			require.True(t, strings.HasPrefix(string(pubPEM), "-----BEGIN PUBLIC KEY-----\n"))
			pub, err := keys.ParsePublicKeyPEM(pubPEM)
			require.NoError(t, err)
			require.True(t, keys.Equal(priv, pub))

			privPEM, err := keys.MarshalPrivateKeyPEM(priv)
			require.NoError(t, err)
			require.True(t, strings.HasPrefix(string(privPEM), "-----BEGIN PRIVATE KEY-----\n"))
			back, err := keys.ParsePrivateKeyPEM(privPEM)
			require.NoError(t, err)
			require.True(t, back.(interface{ Equal(crypto.PrivateKey) bool }).Equal(priv))
		})
	}
}

// The 1EdTech validator's CryptographicKey holds an SPKI PEM without a final newline.
func TestParsePublicKeyPEMValidatorKey(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("testdata/validator-assets-key1.json")
	require.NoError(t, err)
	var doc struct {
		PublicKeyPem string `json:"publicKeyPem"`
	}
	require.NoError(t, json.Unmarshal(data, &doc))
	pub, err := keys.ParsePublicKeyPEM([]byte(doc.PublicKeyPem))
	require.NoError(t, err)
	rsaPub, ok := pub.(*rsa.PublicKey)
	require.True(t, ok)
	require.Equal(t, 2048, rsaPub.N.BitLen())
	require.Equal(t, 65537, rsaPub.E)
}

func TestParsePEMRefuses(t *testing.T) {
	t.Parallel()
	priv, err := keys.Generate(keys.P256)
	require.NoError(t, err)
	pubPEM, err := keys.MarshalPublicKeyPEM(priv)
	require.NoError(t, err)
	privPEM, err := keys.MarshalPrivateKeyPEM(priv)
	require.NoError(t, err)
	p384, err := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	require.NoError(t, err)
	p384PEM := mustPKCS8PEM(t, p384)
	withHeaders := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Headers: map[string]string{"Proc-Type": "4,ENCRYPTED"}, Bytes: []byte{1}})

	t.Run("error/public: garbage", func(t *testing.T) {
		t.Parallel()
		_, err := keys.ParsePublicKeyPEM([]byte("not pem"))
		require.ErrorIs(t, err, proof.ErrMalformed)
	})
	t.Run("error/public: private block", func(t *testing.T) {
		t.Parallel()
		_, err := keys.ParsePublicKeyPEM(privPEM)
		require.ErrorIs(t, err, proof.ErrMalformed)
	})
	t.Run("error/public: trailing data", func(t *testing.T) {
		t.Parallel()
		_, err := keys.ParsePublicKeyPEM(append(append([]byte{}, pubPEM...), pubPEM...))
		require.ErrorIs(t, err, proof.ErrMalformed)
	})
	t.Run("error/private: public block", func(t *testing.T) {
		t.Parallel()
		_, err := keys.ParsePrivateKeyPEM(pubPEM)
		require.ErrorIs(t, err, proof.ErrMalformed)
	})
	t.Run("error/private: encrypted headers", func(t *testing.T) {
		t.Parallel()
		_, err := keys.ParsePrivateKeyPEM(withHeaders)
		require.ErrorIs(t, err, proof.ErrMalformed)
	})
	t.Run("error/private: P-384", func(t *testing.T) {
		t.Parallel()
		_, err := keys.ParsePrivateKeyPEM(p384PEM)
		require.ErrorIs(t, err, keys.ErrUnsupportedKey)
	})
}

func mustPKCS8PEM(t *testing.T, k crypto.Signer) []byte {
	t.Helper()
	der, err := x509.MarshalPKCS8PrivateKey(k)
	require.NoError(t, err)
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
}

func TestSetResolve(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	const issuer = "https://example.edu/issuers/1"
	priv, err := keys.Generate(keys.P256)
	require.NoError(t, err)
	stranger, err := keys.Generate(keys.P256)
	require.NoError(t, err)
	thumb, err := keys.Thumbprint(priv)
	require.NoError(t, err)
	strangerThumb, err := keys.Thumbprint(stranger)
	require.NoError(t, err)

	set := keys.NewSet()
	require.NoError(t, set.Add(issuer, issuer+"#key-1", priv))
	require.NoError(t, set.Add(issuer, issuer+"#key-1", priv.Public()), "re-adding the same key is a no-op")
	require.Error(t, set.Add(issuer, issuer+"#key-1", stranger), "an id names one key")
	require.Error(t, set.Add("https://evil.example", issuer+"#key-1", priv), "an id has one owner")
	require.NoError(t, set.Add("", "", stranger))

	tests := map[string]struct {
		vm   string
		want crypto.PublicKey
	}{
		"ok/by id":                            {issuer + "#key-1", priv.Public()},
		"ok/by owner and thumbprint":          {keys.OwnerKeyID(issuer, thumb), priv.Public()},
		"ok/by thumbprint URI":                {keys.ThumbprintURIPrefix + thumb, priv.Public()},
		"ok/ownerless key by its thumbprint":  {strangerThumb, stranger.Public()},
		"error/ownerless key under an issuer": {keys.OwnerKeyID(issuer, strangerThumb), nil},
		"error/other owner":                   {keys.OwnerKeyID("https://evil.example", thumb), nil},
		"error/unknown id":                    {issuer + "#key-2", nil},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, err := set.ResolveKey(ctx, tc.vm)
			if tc.want == nil {
				require.ErrorIs(t, err, proof.ErrKeyNotFound)
				return
			}
			require.NoError(t, err)
			require.True(t, keys.Equal(tc.want, got))
		})
	}
	t.Run("error/cancelled context", func(t *testing.T) {
		t.Parallel()
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		_, err := set.ResolveKey(cctx, issuer+"#key-1")
		require.ErrorIs(t, err, context.Canceled)
	})
}

func TestSetJWKS(t *testing.T) {
	t.Parallel()
	const issuer = "https://example.edu/issuers/1"
	published := keys.NewSet()
	var added []crypto.Signer
	for _, typ := range allTypes {
		priv, err := keys.Generate(typ)
		require.NoError(t, err)
		require.NoError(t, published.Add(issuer, "", priv))
		added = append(added, priv)
	}
	other, err := keys.Generate(keys.Ed25519)
	require.NoError(t, err)
	require.NoError(t, published.Add("https://other.example", "", other))

	jwks, err := published.MarshalJWKS(issuer)
	require.NoError(t, err)
	require.NotContains(t, string(jwks), `"d"`)

	fetched := keys.NewSet()
	require.NoError(t, fetched.AddJWKS(issuer, jwks))
	require.Len(t, fetched.Entries(), len(added), "only the issuer's keys are published")
	for _, priv := range added {
		thumb, err := keys.Thumbprint(priv)
		require.NoError(t, err)
		got, err := fetched.ResolveKey(context.Background(), keys.OwnerKeyID(issuer, thumb))
		require.NoError(t, err)
		require.True(t, keys.Equal(priv, got))
	}

	t.Run("error/published under another issuer", func(t *testing.T) {
		t.Parallel()
		require.Error(t, keys.NewSet().AddJWKS("https://evil.example", jwks))
	})
	t.Run("error/private key", func(t *testing.T) {
		t.Parallel()
		err := keys.NewSet().AddJWKS(issuer, []byte(`{"keys":[{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"}]}`))
		require.ErrorIs(t, err, proof.ErrUnsupported)
	})
	t.Run("ok/unusable keys skipped", func(t *testing.T) {
		t.Parallel()
		set := keys.NewSet()
		require.NoError(t, set.AddJWKS(issuer, []byte(`{"keys":[{"kty":"OKP","crv":"X25519","x":"hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo"}]}`)))
		require.Empty(t, set.Entries())
	})
	t.Run("error/not a JWK Set", func(t *testing.T) {
		t.Parallel()
		require.ErrorIs(t, keys.NewSet().AddJWKS(issuer, []byte(`{"kty":"RSA"}`)), proof.ErrMalformed)
	})
}
