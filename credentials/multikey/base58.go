package multikey

import (
	"errors"
	"fmt"
	"strings"

	"badged/credentials/proof"
)

// MaxMultibaseLength is the longest multibase string DecodeMultibase
// accepts. Base58 decoding is quadratic in the length; keys and Ed25519
// signatures are under 100 characters.
const MaxMultibaseLength = 256

// The Bitcoin base58 alphabet (draft-msporny-base58 §2), which the multibase
// prefix "z" denotes.
const base58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

// base58Digits maps an ASCII character to its digit value, or -1.
var base58Digits = func() (d [256]int8) {
	for i := range d {
		d[i] = -1
	}
	for i := 0; i < len(base58Alphabet); i++ {
		d[base58Alphabet[i]] = int8(i)
	}
	return d
}()

// EncodeMultibase returns b as a base58btc multibase string: "z" followed by
// the base58 digits. Each leading zero byte becomes a leading "1".
//
// Base58 is written here rather than imported: it is forty lines over short,
// fixed-size inputs, and the test vectors of Multikey, did:key and the
// Data Integrity suites pin it down.
func EncodeMultibase(b []byte) string {
	zeros := 0
	for zeros < len(b) && b[zeros] == 0 {
		zeros++
	}
	// log(256)/log(58) < 1.37: the most base58 digits len(b) bytes need.
	digits := make([]byte, 0, len(b)*137/100+1)
	for _, c := range b[zeros:] {
		carry := int(c)
		for i := range digits {
			carry += int(digits[i]) << 8
			digits[i] = byte(carry % 58)
			carry /= 58
		}
		for carry > 0 {
			digits = append(digits, byte(carry%58))
			carry /= 58
		}
	}
	var s strings.Builder
	s.Grow(1 + zeros + len(digits))
	s.WriteByte('z')
	for range zeros {
		s.WriteByte('1')
	}
	for i := len(digits) - 1; i >= 0; i-- { // digits are little-endian
		s.WriteByte(base58Alphabet[digits[i]])
	}
	return s.String()
}

// DecodeMultibase decodes a base58btc multibase string ("z" + base58). Any
// other multibase encoding is refused.
func DecodeMultibase(s string) ([]byte, error) {
	switch {
	case s == "":
		return nil, fmt.Errorf("%w: empty multibase string", proof.ErrMalformed)
	case len(s) > MaxMultibaseLength:
		return nil, fmt.Errorf("%w: multibase string longer than %d characters", proof.ErrMalformed, MaxMultibaseLength)
	case s[0] != 'z':
		return nil, fmt.Errorf("%w: multibase prefix %q is not base58btc (z)", proof.ErrUnsupported, s[0])
	}
	b, err := decodeBase58(s[1:])
	if err != nil {
		return nil, fmt.Errorf("%w: %w", proof.ErrMalformed, err)
	}
	return b, nil
}

func decodeBase58(s string) ([]byte, error) {
	if s == "" {
		return nil, errors.New("empty base58 string")
	}
	zeros := 0
	for zeros < len(s) && s[zeros] == '1' {
		zeros++
	}
	// log(58)/log(256) < 0.74: the most bytes len(s) digits make.
	out := make([]byte, 0, len(s)*74/100+1) // little-endian while decoding
	for i := zeros; i < len(s); i++ {
		d := base58Digits[s[i]]
		if d < 0 {
			return nil, fmt.Errorf("invalid base58 character %q at %d", s[i], i)
		}
		carry := int(d)
		for j := range out {
			carry += int(out[j]) * 58
			out[j] = byte(carry)
			carry >>= 8
		}
		for carry > 0 {
			out = append(out, byte(carry))
			carry >>= 8
		}
	}
	res := make([]byte, zeros+len(out))
	for i, c := range out {
		res[len(res)-1-i] = c
	}
	return res, nil
}
