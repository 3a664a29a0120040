// Package hyphen finds the points where a word may be hyphenated, with
// Liang's algorithm and the TeX hyphenation patterns of hyph-utf8
// (German, reformed spelling: hyph-de-1996; English: hyph-en-us, Knuth's
// patterns extended by Gerard Kuiken, as LaTeX uses them for "english"),
// embedded from patterns/ with their licence headers.
//
//	h := hyphen.For("de")                  // nil for a language without patterns
//	h.Points("Auftragsverarbeiter")        // rune offsets: Auf-trags-ver-ar-bei-ter
//
// Only words of letters are hyphenated; Word decides what counts as one
// (no URLs, e-mail addresses, codes or abbreviations).
package hyphen

import (
	"embed"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

//go:embed patterns/*.tex
var files embed.FS

// Minimums: at least Left letters before a hyphen and Right after it
// (TeX's \lefthyphenmin and \righthyphenmin as the issue asks, 2|3).
const (
	Left  = 2
	Right = 3
)

// Hyphenator holds one language's patterns.
type Hyphenator struct {
	pats       map[string][]uint8 // letters of a pattern → its digits (len+1)
	maxLen     int                // longest pattern in runes
	exceptions map[string][]int   // \hyphenation{} words → rune offsets
}

var (
	once  = map[string]*sync.Once{"de": {}, "en": {}}
	langs = map[string]*Hyphenator{}
	mu    sync.Mutex
	file  = map[string]string{"de": "patterns/hyph-de-1996.tex", "en": "patterns/hyph-en-us.tex"}
)

// For returns the hyphenator of a language tag ("de", "de-DE", "en-GB"),
// or nil when there are no patterns for it. Patterns are parsed once.
func For(lang string) *Hyphenator {
	base := strings.ToLower(lang)
	if i := strings.IndexAny(base, "-_"); i >= 0 {
		base = base[:i]
	}
	o, ok := once[base]
	if !ok {
		return nil
	}
	o.Do(func() {
		src, err := files.ReadFile(file[base])
		if err != nil {
			panic(err) // embedded: cannot happen
		}
		h := parse(string(src))
		mu.Lock()
		langs[base] = h
		mu.Unlock()
	})
	mu.Lock()
	defer mu.Unlock()
	return langs[base]
}

// parse reads a hyph-utf8 .tex file: \patterns{...} and \hyphenation{...},
// with % comments.
func parse(src string) *Hyphenator {
	h := &Hyphenator{pats: map[string][]uint8{}, exceptions: map[string][]int{}}
	var b strings.Builder
	for _, line := range strings.Split(src, "\n") {
		if i := strings.IndexByte(line, '%'); i >= 0 {
			line = line[:i]
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	body := b.String()
	block := func(cmd string) []string {
		i := strings.Index(body, cmd+"{")
		if i < 0 {
			return nil
		}
		rest := body[i+len(cmd)+1:]
		j := strings.IndexByte(rest, '}')
		if j < 0 {
			j = len(rest)
		}
		return strings.Fields(rest[:j])
	}
	for _, p := range block(`\patterns`) {
		var letters strings.Builder
		var digits []uint8
		pending := uint8(0)
		for _, r := range p {
			if r >= '0' && r <= '9' {
				pending = uint8(r - '0')
				continue
			}
			digits = append(digits, pending)
			pending = 0
			letters.WriteRune(r)
		}
		digits = append(digits, pending)
		key := letters.String()
		h.pats[key] = digits
		h.maxLen = max(h.maxLen, utf8.RuneCountInString(key))
	}
	for _, w := range block(`\hyphenation`) {
		var pts []int
		n := 0
		for _, r := range w {
			if r == '-' {
				pts = append(pts, n)
				continue
			}
			n++
		}
		h.exceptions[strings.ReplaceAll(w, "-", "")] = pts
	}
	return h
}

// Points returns the rune offsets in word before which a hyphen may go,
// keeping Left and Right letters on either side. word must be letters
// only (see Word); case does not matter.
func (h *Hyphenator) Points(word string) []int {
	return h.PointsMin(word, Left, Right)
}

// PointsMin is Points with other minimums.
func (h *Hyphenator) PointsMin(word string, left, right int) []int {
	if h == nil {
		return nil
	}
	lower := strings.ToLower(word)
	n := utf8.RuneCountInString(lower)
	if n < left+right {
		return nil
	}
	if pts, ok := h.exceptions[lower]; ok {
		return clip(pts, n, left, right)
	}
	dotted := "." + lower + "."
	// off[i] is the byte offset of rune i of dotted.
	off := make([]int, 0, n+3)
	for i := range dotted {
		off = append(off, i)
	}
	off = append(off, len(dotted))
	m := n + 2
	vals := make([]uint8, m+1) // vals[g]: the gap before rune g of dotted
	for i := 0; i < m; i++ {
		for l := 1; l <= h.maxLen && i+l <= m; l++ {
			d, ok := h.pats[dotted[off[i]:off[i+l]]]
			if !ok {
				continue
			}
			for j, v := range d {
				if v > vals[i+j] {
					vals[i+j] = v
				}
			}
		}
	}
	var pts []int
	for p := left; p <= n-right; p++ {
		if vals[p+1]%2 == 1 { // the gap before word rune p is before dotted rune p+1
			pts = append(pts, p)
		}
	}
	return pts
}

func clip(pts []int, n, left, right int) []int {
	var out []int
	for _, p := range pts {
		if p >= left && p <= n-right {
			out = append(out, p)
		}
	}
	return out
}

// Hyphenated returns word with "-" at every point, for tests and messages.
func (h *Hyphenator) Hyphenated(word string) string {
	return Join(word, h.Points(word), "-")
}

// Join inserts sep before each rune offset of pts in word.
func Join(word string, pts []int, sep string) string {
	var b strings.Builder
	k, i := 0, 0
	for _, r := range word {
		if k < len(pts) && pts[k] == i {
			b.WriteString(sep)
			k++
		}
		b.WriteRune(r)
		i++
	}
	return b.String()
}

// Word splits a whitespace-delimited token into the punctuation before it,
// the word that may be hyphenated, and the punctuation after it: "(Racks),"
// → "(", "Racks", "),". ok is false for a token that must never get a
// hyphen: a URL, an e-mail address, a path, a code or cipher name (digits,
// underscores, dots or slashes inside, all capitals as in "AES-GCM" or
// "TKG"), or a word with other characters inside.
func Word(token string) (pre, word, post string, ok bool) {
	a := strings.IndexFunc(token, unicode.IsLetter)
	if a < 0 {
		return token, "", "", false
	}
	z := strings.LastIndexFunc(token, unicode.IsLetter)
	_, size := utf8.DecodeRuneInString(token[z:])
	z += size
	pre, word, post = token[:a], token[a:z], token[z:]
	if strings.ContainsFunc(token, unicode.IsDigit) ||
		strings.ContainsAny(pre, "/@#\\<[{_") || strings.ContainsAny(post, "/@\\>]}_") ||
		strings.Contains(token, "://") || strings.HasPrefix(strings.ToLower(token), "www.") {
		return pre, word, post, false
	}
	upper, lower := 0, 0
	for _, r := range word {
		switch {
		case unicode.IsUpper(r):
			upper++
		case unicode.IsLower(r):
			lower++
		case r == '-' || r == '\u2010':
			// a compound: each part is checked for capitals below
		default:
			return pre, word, post, false // digits, "_", ".", "@", "/", "'"
		}
	}
	if lower == 0 || upper > 1 && upper*2 >= lower {
		return pre, word, post, false // "TKG", "AES-GCM", "ECDHE-RSA"
	}
	return pre, word, post, true
}
