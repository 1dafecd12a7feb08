package keys

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"encoding/asn1"
	"math/big"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestP256SignatureFromDER(t *testing.T) {
	t.Parallel()
	der := func(r, s *big.Int) []byte {
		out, err := asn1.Marshal(struct{ R, S *big.Int }{r, s})
		require.NoError(t, err)
		return out
	}
	n := elliptic.P256().Params().N
	small := big.NewInt(1)
	max := new(big.Int).Sub(n, big.NewInt(1))
	high := new(big.Int).Lsh(big.NewInt(1), 255) // needs a 0x00 pad byte in DER

	for name, tc := range map[string]struct{ r, s *big.Int }{
		"ok/small scalars": {small, big.NewInt(2)},
		"ok/max scalars":   {max, max},
		"ok/high bit set":  {high, small},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			sig, err := p256SignatureFromDER(der(tc.r, tc.s))
			require.NoError(t, err)
			require.Len(t, sig, 64)
			require.Equal(t, 0, tc.r.Cmp(new(big.Int).SetBytes(sig[:32])))
			require.Equal(t, 0, tc.s.Cmp(new(big.Int).SetBytes(sig[32:])))
		})
	}
	t.Run("ok/real signatures", func(t *testing.T) {
		t.Parallel()
		priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		require.NoError(t, err)
		digest := sha256.Sum256([]byte("hello"))
		for range 50 {
			d, err := ecdsa.SignASN1(rand.Reader, priv, digest[:])
			require.NoError(t, err)
			sig, err := p256SignatureFromDER(d)
			require.NoError(t, err)
			r, s := new(big.Int).SetBytes(sig[:32]), new(big.Int).SetBytes(sig[32:])
			require.True(t, ecdsa.Verify(&priv.PublicKey, digest[:], r, s))
		}
	})
	good := der(high, small)
	for name, bad := range map[string][]byte{
		"error/empty":          nil,
		"error/not a sequence": append([]byte{0x31}, good[1:]...),
		"error/wrong length":   append(append([]byte{}, good...), 0),
		"error/negative":       der(big.NewInt(-1), small),
		"error/zero":           der(big.NewInt(0), small),
		"error/too large":      der(new(big.Int).Lsh(big.NewInt(1), 256), small),
		"error/one integer":    {0x30, 0x03, 0x02, 0x01, 0x01},
		"error/truncated":      good[:len(good)-1],
		"error/padded":         {0x30, 0x07, 0x02, 0x02, 0x00, 0x01, 0x02, 0x01, 0x01},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := p256SignatureFromDER(bad)
			require.Error(t, err)
		})
	}
}

func FuzzP256SignatureFromDER(f *testing.F) {
	f.Add([]byte{0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x02})
	f.Fuzz(func(t *testing.T, der []byte) {
		sig, err := p256SignatureFromDER(der)
		var v struct{ R, S *big.Int }
		rest, aerr := asn1.Unmarshal(der, &v)
		if err == nil {
			if aerr != nil || len(rest) != 0 || v.R.Sign() <= 0 || v.S.Sign() <= 0 {
				t.Fatalf("accepted %x that encoding/asn1 reads as %v, %v", der, v, aerr)
			}
			if new(big.Int).SetBytes(sig[:32]).Cmp(v.R) != 0 || new(big.Int).SetBytes(sig[32:]).Cmp(v.S) != 0 {
				t.Fatalf("%x: got %x, want r=%v s=%v", der, sig, v.R, v.S)
			}
		}
	})
}
