// Package links is the one rule for which external links a document may
// carry, in the PDF and on the site alike: https and http with a host,
// mailto, and tel with a number of digits. Anything else (javascript:,
// data:, file:, smb:, ms-msdt:, relative paths) is shown as text only.
package links

import (
	"net/url"
	"strings"

	"github.com/yuin/goldmark/util"
)

// Safe returns dest as a URL to link to, escaped for an attribute or a PDF
// annotation, or "" if it must not be a link.
func Safe(dest string) string {
	u, err := url.Parse(strings.TrimSpace(dest))
	if err != nil {
		return ""
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Host == "" {
			return ""
		}
	case "mailto":
		if u.Opaque == "" || strings.ContainsAny(u.Opaque, ":/\\") {
			return ""
		}
	case "tel":
		if !phone(u.Opaque) {
			return ""
		}
	default:
		return ""
	}
	return string(util.URLEscape([]byte(u.String()), true))
}

// phone reports a telephone number: digits, with "+" in front and spaces,
// dots, dashes and parentheses between them (RFC 3966 visual separators).
func phone(s string) bool {
	s, err := url.PathUnescape(s)
	if err != nil {
		return false
	}
	digits := 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '+' && i == 0:
		case strings.ContainsRune(" .-()", r):
		default:
			return false
		}
	}
	return digits > 0
}
