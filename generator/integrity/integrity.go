// Package integrity lets a customer check that the documents they
// downloaded are the ones that were published: the SHA256SUMS file lists the
// SHA-256 of every published file (pages, PDFs, model.json, feeds, the
// theme's static files), optionally signed with an Ed25519
// key into SHA256SUMS.sig, and VerifyDir checks a published directory
// against both.
//
// It takes the output files (slash path → bytes) or a directory and gives
// the checksum file, a signature, or the list of problems, each naming the
// file at fault. Keys are PEM files as OpenSSL writes them (PKCS #8 private
// keys, PKIX public keys), so that
//
//	openssl genpkey -algorithm ed25519 -out signing.key
//	openssl pkey -in signing.key -pubout -out signing.pub
//	openssl pkeyutl -verify -pubin -inkey signing.pub -rawin -in SHA256SUMS -sigfile SHA256SUMS.sig
//
// work alongside trustdocs keygen, build --sign-key and verify. The
// signature file holds the 64 raw bytes of the Ed25519 signature of the
// SHA256SUMS file's bytes.
package integrity

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path"
	"sort"
	"strings"
)

// File names at the root of the output.
const (
	SumsFile = "SHA256SUMS"
	SigFile  = "SHA256SUMS.sig"
)

// Published reports whether an output file is listed in SHA256SUMS: every
// file of the site (pages, PDFs, model.json, feeds, the theme's static
// files) but the checksum file and its signature, and the output
// directory's marker, which the output package writes.
func Published(name string) bool {
	return name != SumsFile && name != SigFile && name != marker
}

// marker is output.Marker (not imported: output does not depend on this).
const marker = ".trustdocs-output"

// Sums gives the SHA256SUMS of files, in the format of sha256sum: one line
// "<64 hex digits>  <path>" per file, sorted by path.
func Sums(files map[string][]byte) []byte {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	var b bytes.Buffer
	for _, n := range names {
		sum := sha256.Sum256(files[n])
		b.WriteString(hex.EncodeToString(sum[:]))
		b.WriteString("  ")
		b.WriteString(n)
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// Entry is one line of a SHA256SUMS file.
type Entry struct {
	Name string // slash path relative to the file's directory
	Sum  [sha256.Size]byte
	Line int // 1-based
}

// ParseSums reads a SHA256SUMS file. Every line must be "<hex>  <path>"
// (sha256sum's text mode) or "<hex> *<path>" (binary mode), with a path
// that stays inside the directory; a path may be listed once.
func ParseSums(data []byte) ([]Entry, error) {
	var out []Entry
	seen := map[string]int{}
	text := string(data)
	if text != "" && !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	line := 0
	for text != "" {
		var l string
		l, text, _ = strings.Cut(text, "\n")
		line++
		l = strings.TrimSuffix(l, "\r")
		if l == "" {
			continue
		}
		sum, name, ok := strings.Cut(l, " ")
		name = strings.TrimPrefix(strings.TrimPrefix(name, " "), "*")
		if !ok || len(sum) != 2*sha256.Size || name == "" {
			return nil, &LineError{line, "not a checksum line: want \"<64 hex digits>  <file>\""}
		}
		raw, err := hex.DecodeString(sum)
		if err != nil {
			return nil, &LineError{line, "the checksum is not 64 hex digits"}
		}
		if !SafePath(name) {
			return nil, &LineError{line, fmt.Sprintf("%q is not a path inside the directory", name)}
		}
		if prev, dup := seen[name]; dup {
			return nil, &LineError{line, fmt.Sprintf("%s is listed twice (first on line %d)", name, prev)}
		}
		seen[name] = line
		e := Entry{Name: name, Line: line}
		copy(e.Sum[:], raw)
		out = append(out, e)
	}
	return out, nil
}

// LineError is a malformed line of a SHA256SUMS file.
type LineError struct {
	Line int
	Msg  string
}

func (e *LineError) Error() string { return fmt.Sprintf("%s:%d: %s", SumsFile, e.Line, e.Msg) }

// SafePath reports whether name is a clean relative slash path that stays
// inside its directory.
func SafePath(name string) bool {
	if name == "" || strings.ContainsAny(name, "\\\x00") || path.IsAbs(name) {
		return false
	}
	clean := path.Clean(name)
	return clean == name && clean != "." && clean != ".." && !strings.HasPrefix(clean, "../")
}

// Sign signs the bytes of a SHA256SUMS file: the 64-byte signature that
// SHA256SUMS.sig holds.
func Sign(key ed25519.PrivateKey, sums []byte) []byte {
	return ed25519.Sign(key, sums)
}

// Seal adds to files (a complete output) its SHA256SUMS, computed here
// and nowhere else, over every published file, and, if key is not nil,
// SHA256SUMS.sig. It is the last step of a build before the output is
// written: nothing may be added to files after it.
func Seal(files map[string][]byte, key ed25519.PrivateKey) error {
	listed := map[string][]byte{}
	for name, data := range files {
		if !Published(name) {
			continue
		}
		if !SafePath(name) || strings.ContainsAny(name, "\n\r") {
			return fmt.Errorf("integrity: the output file %q has a name SHA256SUMS cannot list", name)
		}
		listed[name] = data
	}
	delete(files, SigFile)
	sums := Sums(listed)
	files[SumsFile] = sums
	if key != nil {
		files[SigFile] = Sign(key, sums)
	}
	return nil
}
