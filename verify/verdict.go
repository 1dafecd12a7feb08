package verify

import (
	"slices"

	"badged/credentials/proof"
)

// outcome is what the checks established beyond pass and fail, which the
// verdict needs: whether a failed expiry check means the badge expired
// (rather than that its date is unreadable), whether a failed revocation
// check is the issuer's word (rather than an unreachable list), and
// whether the badge's form is one this verifier does not support.
type outcome struct {
	unsupported bool
	revoked     bool
	expired     bool
}

// finish sets the result's Status and Valid from its checks.
func (o outcome) finish(res *Result) *Result {
	revoked := o.revoked && failed(res.Checks, proof.CheckRevocation)
	expired := o.expired && failed(res.Checks, proof.CheckExpiry)
	otherFailure := len(res.Checks) == 0
	for _, c := range res.Checks {
		excused := (c.Name == proof.CheckExpiry && expired) || (c.Name == proof.CheckRevocation && revoked)
		if !c.Passed && !excused {
			otherFailure = true
		}
	}
	switch {
	case o.unsupported:
		res.Status = StatusUnsupported
	case revoked:
		res.Status = StatusRevoked
	case otherFailure:
		res.Status = StatusInvalid
	case expired:
		res.Status = StatusExpired
	default:
		res.Status = StatusValid
	}
	res.Valid = res.Status == StatusValid
	return res
}

func failed(checks []proof.Check, name string) bool {
	return slices.ContainsFunc(checks, func(c proof.Check) bool { return c.Name == name && !c.Passed })
}

// proofChecks are the checks that establish who issued a badge and that
// it is unchanged. Status lists are consulted only when all of them
// passed: a forged badge's revocation status means nothing, and looking it
// up would let anyone make the verifier fetch what they like.
var proofChecks = []string{
	proof.CheckFormat, proof.CheckContext, proof.CheckAlgorithm, proof.CheckKey,
	proof.CheckSignature, proof.CheckClaims, CheckHosted, CheckIssuer,
}

func proofPassed(checks []proof.Check) bool {
	for _, c := range checks {
		if !c.Passed && slices.Contains(proofChecks, c.Name) {
			return false
		}
	}
	return len(checks) > 0
}
