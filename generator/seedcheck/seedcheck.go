// Package seedcheck tells which sentences of a seed document (the real
// document trustdocs must reproduce) are missing from a generated text.
//
// It takes the seed text, a list of deliberate edits (typo fixes, merged
// wordings — each with its reason, kept in an .edits file beside the test),
// and the extracted text of the generated document; it gives the seed
// sentences not found. Whitespace, hyphens and Markdown emphasis are ignored,
// since line breaking and hyphenation differ between the two.
package seedcheck

import (
	"bufio"
	"fmt"
	"regexp"
	"strings"
	"unicode"
)

// Edit replaces a fragment of the seed before comparing.
type Edit struct {
	From, To string
	Line     int
}

// ParseEdits reads lines "seed text => replacement  # reason". Blank lines
// and lines starting with # are comments. An empty replacement removes the
// fragment (e.g. the seed's table of contents or lost picture captions).
func ParseEdits(src string) ([]Edit, error) {
	var edits []Edit
	sc := bufio.NewScanner(strings.NewReader(src))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		from, to, ok := strings.Cut(line, "=>")
		if !ok {
			return nil, fmt.Errorf("line %d: want \"seed text => replacement  # reason\"", n)
		}
		if i := strings.Index(to, " #"); i >= 0 {
			to = to[:i]
		}
		from, to = strings.TrimSpace(from), strings.TrimSpace(to)
		if from == "" {
			return nil, fmt.Errorf("line %d: empty seed text", n)
		}
		edits = append(edits, Edit{From: from, To: to, Line: n})
	}
	return edits, sc.Err()
}

var sentenceEnd = regexp.MustCompile(`([.!?:;])\s+`)

// Sentences splits text into sentences (and list items, lines).
func Sentences(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(line), "-•*"))
		if line == "" {
			continue
		}
		marked := sentenceEnd.ReplaceAllString(line, "$1\x00")
		for _, s := range strings.Split(marked, "\x00") {
			if s = strings.TrimSpace(s); len(normalize(s)) >= 4 {
				out = append(out, s)
			}
		}
	}
	return out
}

// normalize drops what differs between a seed and a typeset PDF: white
// space, hyphens and dashes, soft hyphens, Markdown emphasis and brackets.
func normalize(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsSpace(r), r == '-', r == '‐', r == '‑', r == '–', r == '—', r == '\u00ad', r == '*', r == '<', r == '>', r == '\\', r == ':':
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Result says how a seed compares to a generated text.
type Result struct {
	Sentences int      // seed sentences compared
	Missing   []string // of those, not found in the generated text
	Unused    []Edit   // edits whose seed text does not occur in the seed
}

// Compare applies the edits to the seed and looks up each sentence.
func Compare(seed string, edits []Edit, generated string) Result {
	var r Result
	for _, e := range edits {
		if !strings.Contains(seed, e.From) {
			r.Unused = append(r.Unused, e)
			continue
		}
		seed = strings.ReplaceAll(seed, e.From, e.To)
	}
	hay := normalize(generated)
	for _, s := range Sentences(seed) {
		r.Sentences++
		if !strings.Contains(hay, normalize(s)) {
			r.Missing = append(r.Missing, s)
		}
	}
	return r
}
