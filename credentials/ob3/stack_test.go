package ob3_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"badged/credentials/ob3"
)

func TestStacking(t *testing.T) {
	t.Parallel()
	component := stackedComponent().CredentialSubject.Achievement
	require.Equal(t, []string{testBase + "/achievements/gis-certificate"}, component.StackedInto())
	require.Equal(t, ob3.Stackable, component.Extension.Stackability)
	require.Empty(t, microCredential().CredentialSubject.Achievement.StackedInto(), "an EQF or outcome alignment is not a stack")

	parent := stackedParent()
	require.Len(t, parent.Evidence, 2)
	require.Equal(t, microCredential().ID, parent.Evidence[0].ID)
	require.Equal(t, ob3.Types{ob3.TypeEvidence}, parent.Evidence[0].Type)
}

func TestEQFAlignment(t *testing.T) {
	t.Parallel()
	a, err := ob3.EQFAlignment(6)
	require.NoError(t, err)
	require.Equal(t, "http://data.europa.eu/snb/eqf/6", a.TargetURL)
	require.Equal(t, "6", a.TargetCode)
	require.True(t, a.TargetType.Valid())
	for _, level := range []int{0, 9} {
		_, err := ob3.EQFAlignment(level)
		require.Error(t, err)
	}
}
