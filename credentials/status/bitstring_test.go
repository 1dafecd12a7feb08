package status_test

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"badged/credentials/ob3"
	"badged/credentials/proof"
	"badged/credentials/status"
)

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return b
}

// gzipBase64 encodes raw bits as an encodedList would, without the
// package's encoder, so the decoder is tested against an independent
// encoding.
func gzipBase64(t testing.TB, raw []byte) string {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	_, err := zw.Write(raw)
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	return "u" + base64.RawURLEncoding.EncodeToString(buf.Bytes())
}

func TestDecodeValidatorList(t *testing.T) {
	t.Parallel()
	list, err := status.ParseListCredential(readTestdata(t, "validator-bitstring-status-list-credential.json"))
	require.NoError(t, err)
	bits, err := list.Bitstring()
	require.NoError(t, err)
	require.Equal(t, status.MinListEntries, bits.Len())
	var set []int
	for i := range bits.Len() {
		if v, _ := bits.Get(i); v {
			set = append(set, i)
		}
	}
	require.Equal(t, []int{23}, set, "the 1EdTech sample list revokes index 23 only")
}

func TestBitOrder(t *testing.T) {
	t.Parallel()
	raw := make([]byte, status.MinListEntries/8)
	raw[0] = 0x80 // position 0 is the most significant bit of byte 0
	raw[2] = 0x01 // position 23 is the least significant bit of byte 2
	bits, err := status.DecodeBitstring(gzipBase64(t, raw))
	require.NoError(t, err)
	for i, want := range map[int]bool{0: true, 1: false, 7: false, 22: false, 23: true, 24: false} {
		got, err := bits.Get(i)
		require.NoError(t, err)
		require.Equal(t, want, got, "position %d", i)
	}
}

func TestBitstringRoundTrip(t *testing.T) {
	t.Parallel()
	bits, err := status.NewBitstring(200000)
	require.NoError(t, err)
	require.Equal(t, 200000, bits.Len(), "rounded up to whole bytes only")
	r := rand.New(rand.NewPCG(1, 2))
	want := map[int]bool{}
	for range 500 {
		i := r.IntN(bits.Len())
		want[i] = true
		require.NoError(t, bits.Set(i, true))
	}
	require.NoError(t, bits.Set(bits.Len()-1, true))
	require.NoError(t, bits.Set(bits.Len()-1, false))
	encoded, err := bits.Encode()
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(encoded, "u"), "multibase base64url prefix")
	require.NotContains(t, encoded, "=", "no padding")
	again, err := bits.Encode()
	require.NoError(t, err)
	require.Equal(t, encoded, again, "encoding is deterministic")

	decoded, err := status.DecodeBitstring(encoded)
	require.NoError(t, err)
	require.Equal(t, bits.Len(), decoded.Len())
	got := map[int]bool{}
	for i := range decoded.Len() {
		if v, _ := decoded.Get(i); v {
			got[i] = true
		}
	}
	require.Equal(t, want, got)
}

func TestNewBitstring(t *testing.T) {
	t.Parallel()
	small, err := status.NewBitstring(10)
	require.NoError(t, err)
	require.Equal(t, status.MinListEntries, small.Len(), "never smaller than the specification's minimum")
	_, err = status.NewBitstring(status.MaxListBytes*8 + 1)
	require.ErrorIs(t, err, status.ErrListLength)
	_, err = small.Get(status.MinListEntries)
	require.ErrorIs(t, err, status.ErrRange)
	require.ErrorIs(t, small.Set(-1, true), status.ErrRange)
}

func TestDecodeBitstringErrors(t *testing.T) {
	t.Parallel()
	full := make([]byte, status.MinListEntries/8)
	var bomb bytes.Buffer
	zw, err := gzip.NewWriterLevel(&bomb, gzip.BestSpeed)
	require.NoError(t, err)
	_, err = zw.Write(make([]byte, status.MaxListBytes+1)) // zeros compress a thousandfold
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	tests := []struct {
		name    string
		encoded string
		wantErr error
		wantMsg string
	}{
		{name: "error/no multibase prefix", encoded: gzipBase64(t, full)[1:], wantErr: proof.ErrMalformed, wantMsg: "multibase prefix"},
		{name: "error/base64 with padding characters", encoded: "uH4sI=", wantErr: proof.ErrMalformed, wantMsg: "base64url"},
		{name: "error/not gzip", encoded: "u" + base64.RawURLEncoding.EncodeToString(full), wantErr: proof.ErrMalformed, wantMsg: "gzip"},
		{name: "error/truncated gzip", encoded: gzipBase64(t, full)[:40], wantErr: proof.ErrMalformed, wantMsg: "gzip"},
		{name: "error/shorter than 131,072 entries", encoded: gzipBase64(t, full[:len(full)-1]), wantErr: status.ErrListLength, wantMsg: "fewer than 131072"},
		{
			name:    "error/decompression bomb is refused",
			encoded: "u" + base64.RawURLEncoding.EncodeToString(bomb.Bytes()),
			wantErr: status.ErrListLength, wantMsg: "inflates to more than",
		},
		{name: "error/encoded list too long", encoded: "u" + strings.Repeat("A", status.MaxEncodedListLength), wantErr: status.ErrListLength},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := status.DecodeBitstring(tt.encoded)
			require.ErrorIs(t, err, tt.wantErr)
			require.ErrorIs(t, err, proof.ErrMalformed)
			require.ErrorContains(t, err, tt.wantMsg)
		})
	}
}

// FuzzDecodeBitstring checks the decoder on any input: no panic, and a
// decoded list encodes and decodes to the same bits.
func FuzzDecodeBitstring(f *testing.F) {
	list, err := status.ParseListCredential(readTestdata(f, "validator-bitstring-status-list-credential.json"))
	require.NoError(f, err)
	f.Add(list.CredentialSubject.EncodedList)
	f.Add("uH4sI")
	f.Fuzz(func(t *testing.T, encoded string) {
		bits, err := status.DecodeBitstring(encoded)
		if err != nil {
			return
		}
		again, err := bits.Encode()
		require.NoError(t, err)
		decoded, err := status.DecodeBitstring(again)
		require.NoError(t, err)
		require.Equal(t, bits, decoded)
	})
}

func TestCheckBitstringValidatorExample(t *testing.T) {
	t.Parallel()
	list, err := status.ParseListCredential(readTestdata(t, "validator-bitstring-status-list-credential.json"))
	require.NoError(t, err)
	c, err := ob3.ParseCredential(readTestdata(t, "validator-bitstring-credential-status-revoked.json"))
	require.NoError(t, err)
	revoked, err := status.CheckBitstring(*c.CredentialStatus, list)
	require.NoError(t, err)
	require.True(t, revoked, "the credential's index 23 is set")

	other := *c.CredentialStatus
	other.StatusListIndex = ob3.NewStatusListIndex(22)
	revoked, err = status.CheckBitstring(other, list)
	require.NoError(t, err)
	require.False(t, revoked)
}

func TestCheckBitstringErrors(t *testing.T) {
	t.Parallel()
	list, err := status.ParseListCredential(readTestdata(t, "validator-bitstring-status-list-credential.json"))
	require.NoError(t, err)
	c, err := ob3.ParseCredential(readTestdata(t, "validator-bitstring-credential-status-revoked.json"))
	require.NoError(t, err)
	tests := []struct {
		name       string
		mutate     func(e *ob3.CredentialStatus, l *status.ListCredential)
		wantErr    error
		wantErrMsg string
	}{
		{name: "error/purpose differs from the list's", mutate: func(e *ob3.CredentialStatus, _ *status.ListCredential) { e.StatusPurpose = "suspension" }, wantErr: status.ErrMismatch},
		{name: "error/message purpose", mutate: func(e *ob3.CredentialStatus, _ *status.ListCredential) { e.StatusPurpose = "message" }, wantErr: proof.ErrUnsupported},
		{name: "error/status size 2", mutate: func(e *ob3.CredentialStatus, _ *status.ListCredential) { e.StatusSize = new(2) }, wantErr: proof.ErrUnsupported},
		{name: "error/not a bitstring entry", mutate: func(e *ob3.CredentialStatus, _ *status.ListCredential) { e.Type = ob3.TypeRevocationList }, wantErr: proof.ErrUnsupported},
		{name: "error/not a list credential", mutate: func(_ *ob3.CredentialStatus, l *status.ListCredential) { l.Type = ob3.Types{"VerifiableCredential"} }, wantErr: status.ErrMismatch},
		{name: "error/index past the end", mutate: func(e *ob3.CredentialStatus, _ *status.ListCredential) {
			e.StatusListIndex = ob3.NewStatusListIndex(status.MinListEntries)
		}, wantErr: status.ErrRange},
		{name: "error/index not a number", mutate: func(e *ob3.CredentialStatus, _ *status.ListCredential) { e.StatusListIndex = ob3.StatusListIndex{} }, wantErr: proof.ErrMalformed},
		{name: "error/list not decodable", mutate: func(_ *ob3.CredentialStatus, l *status.ListCredential) { l.CredentialSubject.EncodedList = "zabc" }, wantErr: proof.ErrMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e, l := *c.CredentialStatus, *list
			tt.mutate(&e, &l)
			_, err := status.CheckBitstring(e, &l)
			require.ErrorIs(t, err, tt.wantErr)
		})
	}
}
