package keys

import "fmt"

// p256SignatureFromDER turns an ASN.1 ECDSA-Sig-Value (SEQUENCE of two
// INTEGERs, what ecdsa.SignASN1 and opaque crypto.Signers such as KMS keys
// return) into the fixed 64-byte R‖S form JWS uses (RFC 7518 §3.4). A P-256
// signature is at most 72 bytes, so every length is in DER's short form.
func p256SignatureFromDER(der []byte) ([]byte, error) {
	if len(der) < 8 || der[0] != 0x30 || int(der[1]) != len(der)-2 || der[1] >= 0x80 {
		return nil, fmt.Errorf("ECDSA signature is not a DER SEQUENCE")
	}
	sig := make([]byte, 64)
	rest := der[2:]
	for half := range 2 {
		if len(rest) < 2 || rest[0] != 0x02 || rest[1] == 0 || rest[1] >= 0x80 || int(rest[1]) > len(rest)-2 {
			return nil, fmt.Errorf("ECDSA signature is not two DER INTEGERs")
		}
		v := rest[2 : 2+int(rest[1])]
		rest = rest[2+int(rest[1]):]
		if v[0]&0x80 != 0 {
			return nil, fmt.Errorf("ECDSA signature has a negative scalar")
		}
		if len(v) > 1 && v[0] == 0 {
			if v[1]&0x80 == 0 {
				return nil, fmt.Errorf("ECDSA signature scalar is not minimally encoded")
			}
			v = v[1:]
		}
		if len(v) > 32 || v[0] == 0 {
			return nil, fmt.Errorf("ECDSA signature scalar out of range for P-256")
		}
		copy(sig[32*half+32-len(v):32*half+32], v)
	}
	if len(rest) != 0 {
		return nil, fmt.Errorf("data after the ECDSA signature")
	}
	return sig, nil
}
