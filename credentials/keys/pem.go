package keys

import (
	"bytes"
	"crypto"
	"crypto/x509"
	"encoding/pem"
	"fmt"

	"badged/credentials/proof"
)

// MaxPEMSize bounds a PEM document read by this package.
const MaxPEMSize = 64 << 10

// PEM block types.
const (
	publicKeyBlock  = "PUBLIC KEY"  // SubjectPublicKeyInfo (RFC 5280)
	privateKeyBlock = "PRIVATE KEY" // PKCS#8 (RFC 5208), unencrypted
)

// MarshalPublicKeyPEM encodes a key's public half as an SPKI PEM block
// ("-----BEGIN PUBLIC KEY-----"), the form of an OB 2.0 CryptographicKey's
// publicKeyPem.
func MarshalPublicKeyPEM(k any) ([]byte, error) {
	pub, err := PublicKey(k)
	if err != nil {
		return nil, err
	}
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return nil, fmt.Errorf("marshal SPKI: %w", err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: publicKeyBlock, Bytes: der}), nil
}

// ParsePublicKeyPEM reads exactly one SPKI PEM block. Surrounding whitespace
// is allowed, anything else is not.
func ParsePublicKeyPEM(data []byte) (crypto.PublicKey, error) {
	der, err := onePEMBlock(data, publicKeyBlock)
	if err != nil {
		return nil, fmt.Errorf("parse public key PEM: %w", err)
	}
	pub, err := x509.ParsePKIXPublicKey(der)
	if err != nil {
		return nil, fmt.Errorf("parse public key PEM: %w: %w", proof.ErrMalformed, err)
	}
	if pub, err = PublicKey(pub); err != nil {
		return nil, fmt.Errorf("parse public key PEM: %w", err)
	}
	return pub, nil
}

// MarshalPrivateKeyPEM encodes a private key as unencrypted PKCS#8 PEM for
// storage. The caller encrypts it at rest.
func MarshalPrivateKeyPEM(k crypto.Signer) ([]byte, error) {
	if _, err := PublicKey(k); err != nil {
		return nil, err
	}
	der, err := x509.MarshalPKCS8PrivateKey(k)
	if err != nil {
		return nil, fmt.Errorf("marshal PKCS#8: %w", err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: privateKeyBlock, Bytes: der}), nil
}

// ParsePrivateKeyPEM reads exactly one unencrypted PKCS#8 PEM block holding
// an Ed25519, P-256 or RSA (2048 bits or more) key.
func ParsePrivateKeyPEM(data []byte) (crypto.Signer, error) {
	der, err := onePEMBlock(data, privateKeyBlock)
	if err != nil {
		return nil, fmt.Errorf("parse private key PEM: %w", err)
	}
	k, err := x509.ParsePKCS8PrivateKey(der)
	if err != nil {
		return nil, fmt.Errorf("parse private key PEM: %w: %w", proof.ErrMalformed, err)
	}
	signer, ok := k.(crypto.Signer)
	if !ok {
		return nil, fmt.Errorf("parse private key PEM: %T: %w", k, ErrUnsupportedKey)
	}
	if _, err := PublicKey(signer); err != nil {
		return nil, fmt.Errorf("parse private key PEM: %w", err)
	}
	return signer, nil
}

func onePEMBlock(data []byte, blockType string) ([]byte, error) {
	if len(data) > MaxPEMSize {
		return nil, fmt.Errorf("%d bytes exceeds %d: %w", len(data), MaxPEMSize, proof.ErrMalformed)
	}
	block, rest := pem.Decode(data)
	if block == nil {
		return nil, fmt.Errorf("no PEM block: %w", proof.ErrMalformed)
	}
	if block.Type != blockType {
		return nil, fmt.Errorf("PEM block %q, want %q: %w", block.Type, blockType, proof.ErrMalformed)
	}
	if len(block.Headers) != 0 {
		return nil, fmt.Errorf("PEM block has headers (encrypted?): %w", proof.ErrMalformed)
	}
	if len(bytes.TrimSpace(rest)) != 0 {
		return nil, fmt.Errorf("data after the PEM block: %w", proof.ErrMalformed)
	}
	return block.Bytes, nil
}
