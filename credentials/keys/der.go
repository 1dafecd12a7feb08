package keys

import (
	"encoding/asn1"
	"fmt"
	"math/big"
)

// p256SignatureFromDER turns an ASN.1 ECDSA-Sig-Value, what an opaque
// crypto.Signer such as a KMS key returns, into the fixed 64-byte R‖S form
// JWS uses (RFC 7518 §3.4).
func p256SignatureFromDER(der []byte) ([]byte, error) {
	var v struct{ R, S *big.Int }
	rest, err := asn1.Unmarshal(der, &v)
	if err != nil || len(rest) != 0 {
		return nil, fmt.Errorf("ECDSA signature is not valid DER")
	}
	if v.R.Sign() <= 0 || v.S.Sign() <= 0 || v.R.BitLen() > 256 || v.S.BitLen() > 256 {
		return nil, fmt.Errorf("ECDSA signature scalar out of range for P-256")
	}
	sig := make([]byte, 64)
	v.R.FillBytes(sig[:32])
	v.S.FillBytes(sig[32:])
	return sig, nil
}
