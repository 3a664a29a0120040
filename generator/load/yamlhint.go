package load

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// yamlHint turns a YAML parser message about line (1-based) of data into
// one a person who edits YAML rarely understands: it names the usual cause
// (a tab, a colon or comma in unquoted text) and the fix, and gives the
// column of the culprit. It returns the column 1 and the message unchanged
// when it knows no better. atLine is the line to report, which differs from
// line where the parser names the line before the culprit.
func yamlHint(data []byte, line int, msg string) (atLine, col int, text string) {
	lines := strings.Split(string(data), "\n")
	get := func(n int) string {
		if n < 1 || n > len(lines) {
			return ""
		}
		return strings.TrimSuffix(lines[n-1], "\r")
	}
	cur := get(line)
	// A tab in the indentation, or anywhere outside quotes: YAML forbids
	// tabs for indentation, and the parser says "cannot start any token".
	if i := strings.IndexByte(cur, '\t'); i >= 0 && (strings.Contains(msg, "cannot start any token") || strings.TrimLeft(cur[:i], " ") == "") {
		return line, runeCol(cur, i), "a tab character: YAML indents with spaces only; replace the tab with spaces"
	}
	if strings.Contains(msg, "mapping values are not allowed") {
		// "key: text: more" — the second ": " starts a key that cannot be.
		if first := strings.Index(cur, ": "); first >= 0 {
			if second := strings.Index(cur[first+2:], ": "); second >= 0 {
				at := first + 2 + second
				return line, runeCol(cur, at), "a colon followed by a space inside unquoted text: put the whole text in quotes, e.g. " + quoteExample(cur, first)
			}
		}
	}
	if strings.Contains(msg, "mapping values are not allowed") {
		// A key indented under a key that already has a value on its line.
		prev := ""
		for n := line - 1; n >= 1 && prev == ""; n-- {
			if t := strings.TrimSpace(get(n)); t != "" && !strings.HasPrefix(t, "#") {
				prev = get(n)
			}
		}
		if indent(cur) > indent(prev) && strings.Contains(prev, ": ") && !strings.HasSuffix(strings.TrimSpace(prev), ":") {
			key := strings.TrimSpace(prev[:strings.Index(prev, ": ")])
			return line, indent(cur) + 1, fmt.Sprintf("this line is indented deeper than %q above it, which already has a value: indent it as far as %q", key, key)
		}
	}
	if strings.Contains(msg, "did not find expected ',' or '}'") || strings.Contains(msg, "did not find expected ',' or ']'") {
		// yaml.v3 names the line before the one whose { } or [ ] holds
		// the culprit: a colon or comma in unquoted text. Point at it.
		for _, n := range []int{line + 1, line} {
			l := get(n)
			open := strings.IndexAny(l, "{[")
			if open < 0 {
				continue
			}
			at := open + 1
			for _, part := range strings.Split(l[open+1:], ",") {
				first := strings.Index(part, ": ")
				if first < 0 {
					return n, runeCol(l, at), "inside { } or [ ], a comma in unquoted text ends the text: put the whole text in quotes, e.g. {de: \"Technische Störungen, Ausfälle\", en: …}"
				}
				if second := strings.Index(part[first+2:], ": "); second >= 0 {
					return n, runeCol(l, at+first+2+second), "inside { } or [ ], a colon followed by a space in unquoted text ends the text: put the whole text in quotes, e.g. {de: \"Hinweis: …\", en: \"Note: …\"}"
				}
				at += len(part) + 1
			}
			return n, runeCol(l, open), "inside { } or [ ], a colon or a comma in unquoted text ends the text: put each such text in quotes, e.g. {de: \"Hinweis: …\", en: \"Note: …\"}"
		}
	}
	return line, 1, msg
}

// indent is the number of leading spaces of s.
func indent(s string) int { return len(s) - len(strings.TrimLeft(s, " ")) }

// runeCol is the 1-based column of byte offset i of s, counted in runes.
func runeCol(s string, i int) int { return utf8.RuneCountInString(s[:i]) + 1 }

// quoteExample shows the line's value in quotes: `summary: "Hinweis: …"`.
func quoteExample(line string, colon int) string {
	key := strings.TrimSpace(line[:colon])
	val := strings.TrimSpace(line[colon+2:])
	if len([]rune(val)) > 40 {
		val = string([]rune(val)[:40]) + "…"
	}
	return key + `: "` + val + `"`
}
