package plan

import (
	"strings"
	"unicode/utf8"
)

// wrap breaks s into lines no wider than maxW: at spaces first; a word
// wider than a line breaks after a hyphen or slash, else between runes.
// A single rune wider than maxW still gets a line of its own.
func wrap(m Metrics, s string, size float64, bold bool, maxW float64) []string {
	var lines []string
	cur := ""
	fits := func(t string) bool { return m.Width(t, size, bold) <= maxW }
	for _, word := range strings.Fields(s) {
		try := word
		if cur != "" {
			try = cur + " " + word
		}
		if fits(try) {
			cur = try
			continue
		}
		if cur != "" {
			lines = append(lines, cur)
			cur = ""
		}
		if fits(word) {
			cur = word
			continue
		}
		parts := breakWord(fits, word)
		lines = append(lines, parts[:len(parts)-1]...)
		cur = parts[len(parts)-1]
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

// breakWord cuts an over-long word into pieces that fit, preferring to cut
// after the last hyphen or slash that keeps the piece within the line.
func breakWord(fits func(string) bool, word string) []string {
	var parts []string
	for word != "" {
		end, soft := 0, 0
		for end < len(word) {
			r, n := utf8.DecodeRuneInString(word[end:])
			next := end + n
			if end > 0 && !fits(word[:next]) {
				break
			}
			end = next
			if (r == '-' || r == '/') && next < len(word) {
				soft = next
			}
		}
		if end < len(word) && soft > 0 {
			end = soft
		}
		parts = append(parts, word[:end])
		word = word[end:]
	}
	return parts
}
