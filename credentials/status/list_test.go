package status_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/piprate/json-gold/ld"
	"github.com/stretchr/testify/require"

	"badged/credentials/ob2"
	"badged/credentials/ob3"
	"badged/credentials/proof"
	"badged/credentials/status"
)

const (
	issuerID = "https://issuer.example.edu/issuers/university"
	listURL  = "https://issuer.example.edu/status/revocation/1"
)

func TestBuildAndCheckBitstringList(t *testing.T) {
	t.Parallel()
	a, err := status.NewAllocator(status.MinListEntries)
	require.NoError(t, err)
	bits, err := status.NewBitstring(status.MinListEntries)
	require.NoError(t, err)

	var entries []ob3.CredentialStatus
	for range 3 {
		i, err := a.Allocate()
		require.NoError(t, err)
		e, err := status.NewBitstringEntry(listURL, status.PurposeRevocation, i)
		require.NoError(t, err)
		require.Equal(t, fmt.Sprintf("%s#%d", listURL, i), e.ID)
		entries = append(entries, e)
	}
	revokedIndex, err := entries[1].StatusListIndex.Int()
	require.NoError(t, err)
	require.NoError(t, bits.Set(revokedIndex, true))

	lc, err := status.NewListCredential(listURL, issuerID, status.PurposeRevocation, bits, time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC))
	require.NoError(t, err)
	doc, err := json.Marshal(lc)
	require.NoError(t, err)
	requireAllTermsDefined(t, doc)

	parsed, err := status.ParseListCredential(doc)
	require.NoError(t, err)
	require.Equal(t, &lc, parsed)
	for i, e := range entries {
		revoked, err := status.CheckBitstring(e, parsed)
		require.NoError(t, err)
		require.Equal(t, i == 1, revoked, "entry %d", i)
	}

	// The entry is written in the form the specification shows.
	entryJSON, err := json.Marshal(entries[0])
	require.NoError(t, err)
	require.Contains(t, string(entryJSON), `"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"`)
}

// requireAllTermsDefined expands doc in safe mode with the VCDM 2.0
// context: every term of the list credential is defined, so all of it is
// signed.
func requireAllTermsDefined(t *testing.T, doc []byte) {
	t.Helper()
	var ctx any
	require.NoError(t, json.Unmarshal(readTestdata(t, "w3c-credentials-v2.jsonld"), &ctx))
	opts := ld.NewJsonLdOptions("")
	opts.SafeMode = true
	opts.ProcessingMode = ld.JsonLd_1_1
	opts.DocumentLoader = loaderFunc(func(u string) (*ld.RemoteDocument, error) {
		if u != ob3.ContextVCv2 {
			return nil, fmt.Errorf("context %s is not available offline", u)
		}
		return &ld.RemoteDocument{DocumentURL: u, Document: ctx}, nil
	})
	var m any
	require.NoError(t, json.Unmarshal(doc, &m))
	expanded, err := ld.NewJsonLdProcessor().Expand(m, opts)
	require.NoError(t, err)
	out, err := json.Marshal(expanded)
	require.NoError(t, err)
	require.Contains(t, string(out), "https://www.w3.org/ns/credentials/status#encodedList")
}

type loaderFunc func(string) (*ld.RemoteDocument, error)

func (f loaderFunc) LoadDocument(u string) (*ld.RemoteDocument, error) { return f(u) }

func TestNewBitstringEntryErrors(t *testing.T) {
	t.Parallel()
	_, err := status.NewBitstringEntry(listURL, status.PurposeMessage, 1)
	require.ErrorIs(t, err, proof.ErrUnsupported)
	_, err = status.NewBitstringEntry(listURL, status.PurposeRevocation, -1)
	require.ErrorIs(t, err, status.ErrRange)
	bits, err := status.NewBitstring(0)
	require.NoError(t, err)
	_, err = status.NewListCredential(listURL, issuerID, status.PurposeRefresh, bits, time.Now())
	require.ErrorIs(t, err, proof.ErrUnsupported)
}

func TestParseListCredentialErrors(t *testing.T) {
	t.Parallel()
	for name, in := range map[string]string{
		"error/not JSON":  `{"id":`,
		"error/too large": `{"id":"` + strings.Repeat("a", status.MaxListCredentialBytes) + `"}`,
		"error/too deep":  strings.Repeat(`{"a":`, 40) + `1` + strings.Repeat(`}`, 40),
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := status.ParseListCredential([]byte(in))
			require.ErrorIs(t, err, proof.ErrMalformed)
		})
	}
}

func TestRevocationList(t *testing.T) {
	t.Parallel()
	l := status.NewRevocationList(listURL, []status.Revocation{
		{ID: "urn:uuid:1", Reason: "Issued in error"},
		{ID: "https://issuer.example.edu/credentials/2"},
	})
	out, err := json.Marshal(l)
	require.NoError(t, err)
	require.JSONEq(t, `{
		"id": "https://issuer.example.edu/status/revocation/1",
		"revokedCredentials": [
			{"id": "urn:uuid:1", "revoked": true, "revocationReason": "Issued in error"},
			{"id": "https://issuer.example.edu/credentials/2", "revoked": true}
		]
	}`, string(out))
	parsed, err := status.ParseRevocationList(out)
	require.NoError(t, err)
	require.Equal(t, &l, parsed)

	tests := []struct {
		name       string
		list       string
		id         string
		wantFound  bool
		wantReason string
	}{
		{name: "ok/listed with reason", list: string(out), id: "urn:uuid:1", wantFound: true, wantReason: "Issued in error"},
		{name: "ok/listed without reason", list: string(out), id: "https://issuer.example.edu/credentials/2", wantFound: true},
		{name: "ok/not listed", list: string(out), id: "urn:uuid:3"},
		{name: "ok/revoked omitted means revoked", list: `{"revokedCredentials":[{"id":"urn:uuid:9"}]}`, id: "urn:uuid:9", wantFound: true},
		{name: "ok/revoked false does not revoke", list: `{"revokedCredentials":[{"id":"urn:uuid:9","revoked":false}]}`, id: "urn:uuid:9"},
		{name: "ok/singular member name is read", list: `{"revokedCredential":[{"id":"urn:uuid:9"}]}`, id: "urn:uuid:9", wantFound: true},
		{name: "ok/empty id matches nothing", list: `{"revokedCredentials":[{"revocationReason":"x"}]}`, id: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			l, err := status.ParseRevocationList([]byte(tt.list))
			require.NoError(t, err)
			e, found := l.Lookup(tt.id)
			require.Equal(t, tt.wantFound, found)
			require.Equal(t, tt.wantReason, e.RevocationReason)
		})
	}

	empty, err := json.Marshal(status.NewRevocationList(listURL, nil))
	require.NoError(t, err)
	require.JSONEq(t, `{"id":"https://issuer.example.edu/status/revocation/1","revokedCredentials":[]}`, string(empty))

	_, err = status.ParseRevocationList([]byte(`{"revokedCredentials":"urn:x"}`))
	require.ErrorIs(t, err, proof.ErrMalformed)
}

func TestRevocationListEntryInACredential(t *testing.T) {
	t.Parallel()
	e := status.NewRevocationListEntry(listURL)
	out, err := json.Marshal(e)
	require.NoError(t, err)
	require.JSONEq(t, `{"id":"https://issuer.example.edu/status/revocation/1","type":"1EdTechRevocationList"}`, string(out))
}

func TestOB2RevocationList(t *testing.T) {
	t.Parallel()
	l := status.NewOB2RevocationList(listURL, issuerID, []status.Revocation{
		{ID: "urn:uuid:3c574c87-b96f-4f06-8eb5-68a29335b60e"},
		{ID: "urn:uuid:e79a6c18-787e-4868-8e65-e6a4530fb418", Reason: "Honor code violation"},
	})
	out, err := json.Marshal(l)
	require.NoError(t, err)
	require.JSONEq(t, `{
		"@context": "https://w3id.org/openbadges/v2",
		"type": "RevocationList",
		"id": "https://issuer.example.edu/status/revocation/1",
		"issuer": "https://issuer.example.edu/issuers/university",
		"revokedAssertions": [
			"urn:uuid:3c574c87-b96f-4f06-8eb5-68a29335b60e",
			{"id": "urn:uuid:e79a6c18-787e-4868-8e65-e6a4530fb418", "revocationReason": "Honor code violation"}
		]
	}`, string(out))

	spec, err := ob2.ParseRevocationList(readTestdata(t, "spec-revocationlist.json"))
	require.NoError(t, err)
	tests := []struct {
		name       string
		assertion  ob2.Assertion
		wantFound  bool
		wantReason string
	}{
		{name: "ok/by id", assertion: ob2.Assertion{ID: "urn:uuid:e79a6c18-787e-4868-8e65-e6a4530fb418"}, wantFound: true, wantReason: "Honor code violation"},
		{name: "ok/by legacy uid", assertion: ob2.Assertion{ID: "https://example.org/old.json", UID: "abc123"}, wantFound: true, wantReason: "Issued in error."},
		{name: "ok/not revoked", assertion: ob2.Assertion{ID: "urn:uuid:00000000-0000-0000-0000-000000000000"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r, found := status.CheckOB2(spec, &tt.assertion)
			require.Equal(t, tt.wantFound, found)
			require.Equal(t, tt.wantReason, r.Reason)
		})
	}
}
