package integrity

import (
	"crypto/ed25519"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"os"
)

// PEM block types of the key files.
const (
	privateKeyType = "PRIVATE KEY" // PKCS #8
	publicKeyType  = "PUBLIC KEY"  // PKIX
)

// GenerateKey makes a new Ed25519 key pair from rand (crypto/rand.Reader).
func GenerateKey(rand io.Reader) (ed25519.PrivateKey, error) {
	_, key, err := ed25519.GenerateKey(rand)
	return key, err
}

// MarshalPrivateKey encodes a private key as a PKCS #8 PEM file, as
// `openssl genpkey -algorithm ed25519` writes it.
func MarshalPrivateKey(key ed25519.PrivateKey) ([]byte, error) {
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, err
	}
	return pem.EncodeToMemory(&pem.Block{Type: privateKeyType, Bytes: der}), nil
}

// MarshalPublicKey encodes a public key as a PKIX PEM file, as
// `openssl pkey -pubout` writes it.
func MarshalPublicKey(key ed25519.PublicKey) ([]byte, error) {
	der, err := x509.MarshalPKIXPublicKey(key)
	if err != nil {
		return nil, err
	}
	return pem.EncodeToMemory(&pem.Block{Type: publicKeyType, Bytes: der}), nil
}

// ParsePrivateKey decodes an unencrypted PKCS #8 PEM Ed25519 private key.
func ParsePrivateKey(data []byte) (ed25519.PrivateKey, error) {
	block, err := onePEM(data)
	if err != nil {
		return nil, err
	}
	switch block.Type {
	case privateKeyType:
	case "ENCRYPTED PRIVATE KEY":
		return nil, errors.New("the key is encrypted: trustdocs needs it unencrypted (keep it in your CI's secret store instead)")
	case publicKeyType:
		return nil, errors.New("this is a public key: --sign-key needs the private key")
	default:
		return nil, fmt.Errorf("a %q PEM block is not an Ed25519 private key: make one with 'trustdocs keygen' or 'openssl genpkey -algorithm ed25519'", block.Type)
	}
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("not a PKCS #8 private key: %v", err)
	}
	key, ok := k.(ed25519.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("a %T is not an Ed25519 key: make one with 'trustdocs keygen' or 'openssl genpkey -algorithm ed25519'", k)
	}
	return key, nil
}

// ParsePublicKey decodes a PKIX PEM Ed25519 public key.
func ParsePublicKey(data []byte) (ed25519.PublicKey, error) {
	block, err := onePEM(data)
	if err != nil {
		return nil, err
	}
	switch block.Type {
	case publicKeyType:
	case privateKeyType, "ENCRYPTED PRIVATE KEY":
		return nil, errors.New("this is a private key: give the public key (trustdocs keygen writes it beside the private key, as FILE.pub; or 'openssl pkey -in KEY -pubout')")
	default:
		return nil, fmt.Errorf("a %q PEM block is not an Ed25519 public key", block.Type)
	}
	k, err := x509.ParsePKIXPublicKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("not a PKIX public key: %v", err)
	}
	key, ok := k.(ed25519.PublicKey)
	if !ok {
		return nil, fmt.Errorf("a %T is not an Ed25519 key", k)
	}
	return key, nil
}

func onePEM(data []byte) (*pem.Block, error) {
	block, _ := pem.Decode(data)
	if block == nil {
		return nil, errors.New("not a PEM key file (no -----BEGIN … KEY----- line)")
	}
	return block, nil
}

// maxKeyFile bounds what a key file may hold; a PEM Ed25519 key is ~120 bytes.
const maxKeyFile = 64 << 10

// ReadPrivateKey reads a private key file; errors name the file.
func ReadPrivateKey(file string) (ed25519.PrivateKey, error) {
	data, err := readSmall(file)
	if err != nil {
		return nil, err
	}
	key, err := ParsePrivateKey(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", file, err)
	}
	return key, nil
}

// ReadPublicKey reads a public key file; errors name the file.
func ReadPublicKey(file string) (ed25519.PublicKey, error) {
	data, err := readSmall(file)
	if err != nil {
		return nil, err
	}
	key, err := ParsePublicKey(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", file, err)
	}
	return key, nil
}

func readSmall(file string) ([]byte, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxKeyFile+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", file, err)
	}
	if len(data) > maxKeyFile {
		return nil, fmt.Errorf("%s: too large for a key file", file)
	}
	return data, nil
}

// WriteKeyPair writes a new key pair: the private key to file (readable by
// its owner only) and the public key to file+".pub". It refuses to
// overwrite either.
func WriteKeyPair(file string, key ed25519.PrivateKey) (pubFile string, err error) {
	priv, err := MarshalPrivateKey(key)
	if err != nil {
		return "", err
	}
	pub, err := MarshalPublicKey(key.Public().(ed25519.PublicKey))
	if err != nil {
		return "", err
	}
	pubFile = file + ".pub"
	for _, f := range []string{file, pubFile} {
		if _, err := os.Lstat(f); err == nil {
			return "", fmt.Errorf("%s exists already: keys are never overwritten; choose another --out", f)
		}
	}
	if err := writeNew(file, priv, 0o600); err != nil {
		return "", err
	}
	if err := writeNew(pubFile, pub, 0o644); err != nil {
		os.Remove(file)
		return "", err
	}
	return pubFile, nil
}

func writeNew(file string, data []byte, perm os.FileMode) error {
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(file)
		return err
	}
	return f.Close()
}
