package model

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// HashLen is the number of hex digits of a source hash.
const HashLen = 8

// SourceHash is the short hash recorded next to a translation: the first
// eight hex digits of the SHA-256 of the normalised source text. Normalised
// means: Unicode NFC, line ends as \n, no trailing spaces on a line, no
// leading or trailing blank lines, runs of blank lines as one. So changing
// a block scalar (|) into a quoted string, or re-saving a file on Windows,
// does not make a translation stale; changing a word or a paragraph break
// does.
func SourceHash(text string) string {
	sum := sha256.Sum256([]byte(NormaliseSource(text)))
	return hex.EncodeToString(sum[:])[:HashLen]
}

// PageHash is the source hash of a page: its title and its body.
func PageHash(title, body string) string {
	return SourceHash(title + "\n\n" + body)
}

// NormaliseSource is the form of a text that its hash is taken of.
func NormaliseSource(text string) string {
	text = norm.NFC.String(text)
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	var out []string
	blank := false
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimRight(l, " \t")
		if l == "" {
			blank = len(out) > 0
			continue
		}
		if blank {
			out = append(out, "")
			blank = false
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// ValidHash reports whether s looks like a source hash: eight hex digits.
func ValidHash(s string) bool {
	if len(s) != HashLen {
		return false
	}
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}
