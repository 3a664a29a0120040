package pdf

import (
	"strings"

	"trustdocs/generator/hyphen"
	"unicode"
	"unicode/utf8"
)

// The line breaker works on items, TeX-style: boxes (text that stays
// together), glue (a breakable, stretchable space), penalties (a possible
// break inside a word) and forced breaks. It breaks greedily (first fit),
// which is what word processors do and what readers of contracts expect.

type itemKind uint8

const (
	kBox     itemKind = iota
	kGlue             // inter-word space; the line may break here
	kPenalty          // break opportunity inside a word; text is shown if taken
	kBreak            // forced line break
)

type item struct {
	kind  itemKind
	st    int32 // index into breaker.styles
	text  string
	w     float64
	rigid bool // glue that must not stretch (inside code spans)
	flag  bool // a break here ends the line with a hyphen
	disc  bool // a hyphenation point the patterns found (not the author)
	code  bool // a break after "_" inside an identifier: taken only to avoid a loose line
}

// breaker turns runs into items and items into lines.
type breaker struct {
	m      *measurer
	styles []style
	hy     *hyphen.Hyphenator // nil: no hyphenation
	cache  map[cutKey][]cut   // hyphenation points by box text, for all of a document's breakers
	sums   *[]float64         // scratch of knuthPlass, shared by a document's breakers
	glues  *[]int32           // the same, for its count of spaces
}

func (b *breaker) styleIndex(st style) int32 {
	for i := len(b.styles) - 1; i >= 0; i-- {
		if b.styles[i] == st {
			return int32(i)
		}
	}
	b.styles = append(b.styles, st)
	return int32(len(b.styles) - 1)
}

// isBreakingSpace reports spaces that separate words. No-break spaces
// (U+00A0, U+202F, U+2007) keep "§ 5" and "10 %" together.
func isBreakingSpace(r rune) bool {
	switch r {
	case '\u00A0', '\u202F', '\u2007', '\uFEFF':
		return false
	}
	return unicode.IsSpace(r)
}

// tokenize turns runs into items. Whitespace collapses into one glue; a
// hyphen inside a compound ("Kundenbestandsdaten-Verwaltung") becomes a
// break opportunity; a soft hyphen (U+00AD) is a break that shows "-" only
// when taken.
func (b *breaker) tokenize(runs []run) []item {
	items := make([]item, 0, len(runs)*4)
	var box strings.Builder
	var boxW int // 1/1000 em of the box being built
	var boxSt int32 = -1
	wordRunes := 0 // runes since the last space, for the hyphen rule

	flush := func() {
		if box.Len() == 0 {
			return
		}
		st := b.styles[boxSt]
		items = append(items, item{kind: kBox, st: boxSt, text: box.String(), w: float64(boxW) * st.size / 1000})
		box.Reset()
		boxW = 0
	}
	glue := func(st int32, rigid bool) {
		flush()
		wordRunes = 0
		if n := len(items); n > 0 && items[n-1].kind == kGlue {
			return
		}
		if len(items) == 0 {
			return // leading space
		}
		s := b.styles[st]
		items = append(items, item{kind: kGlue, st: st, text: " ", w: b.m.runeWidth(' ', s), rigid: rigid})
	}

	for ri, r := range runs {
		if r.brk {
			flush()
			wordRunes = 0
			if n := len(items); n > 0 && items[n-1].kind == kGlue {
				items = items[:n-1]
			}
			items = append(items, item{kind: kBreak})
			continue
		}
		st := b.styleIndex(r.st)
		text := r.text
		if !r.rigid {
			text = hyphen.Ties(text) // "§ 5", "10 %", "z. B." stay on one line
		}
		text = b.m.sanitize(text, r.st.face, r.line)
		urls := urlRanges(text)
		for i, c := range text {
			switch {
			case c == '\u00AD' || c == '\u200B':
				flush()
				p := item{kind: kPenalty, st: st}
				if c == '\u00AD' {
					p.text, p.w = "-", b.m.runeWidth('-', r.st)
				}
				items = append(items, p)
				continue
			case isBreakingSpace(c):
				glue(st, r.rigid)
				continue
			}
			if boxSt != st {
				flush()
				boxSt = st
			}
			box.WriteRune(c)
			boxW += b.m.units(r.st.face, c)
			wordRunes++
			next := i + utf8.RuneLen(c)
			switch {
			case (c == '-' || c == '\u2010') && wordRunes > 2 && letterFollows(text[next:], runs[ri+1:]) && !inURL(i, urls):
				flush()
				items = append(items, item{kind: kPenalty, st: st, flag: true})
			case len(urls) > 0 && urlBreak(text, i, next, urls):
				flush()
				items = append(items, item{kind: kPenalty, st: st})
			case c == '_' && wordRunes > 2 && alnumFollows(text[next:], runs[ri+1:]):
				// TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 may break after an
				// underscore (no hyphen is added), as TeX's url package does.
				flush()
				items = append(items, item{kind: kPenalty, st: st, code: true})
			}
		}
	}
	flush()
	for len(items) > 0 && (items[len(items)-1].kind == kGlue || items[len(items)-1].kind == kBreak) {
		items = items[:len(items)-1]
	}
	return items
}

// inURL reports whether byte i of a text lies in one of its URLs: a
// hyphen there is part of the address, and a break after it would read as
// a hyphenation.
func inURL(i int, urls [][2]int) bool {
	for _, u := range urls {
		if i >= u[0] && i < u[1] {
			return true
		}
	}
	return false
}

// urlRanges finds the words of s that are URLs ("://", "www.", "mailto:").
func urlRanges(s string) [][2]int {
	if !strings.Contains(s, "://") && !strings.Contains(s, "www.") && !strings.Contains(s, "mailto:") {
		return nil
	}
	var out [][2]int
	start := -1
	for i, c := range s + " " {
		if isBreakingSpace(c) {
			if start >= 0 {
				w := s[start:i]
				if strings.Contains(w, "://") || strings.HasPrefix(w, "www.") || strings.HasPrefix(w, "mailto:") {
					out = append(out, [2]int{start, i})
				}
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	return out
}

// urlBreak reports whether a URL may break after the character at s[i:next]:
// after a slash of the path (not inside "://"), "?", "&" or "#".
func urlBreak(s string, i, next int, urls [][2]int) bool {
	in := false
	for _, u := range urls {
		if i >= u[0] && next < u[1] { // not after the last character
			in = true
			break
		}
	}
	if !in {
		return false
	}
	switch s[i] {
	case '/':
		return s[next] != '/' && i > 0 && s[i-1] != '/' && s[i-1] != ':'
	case '?', '&', '#':
		return true
	}
	return false
}

// alnumFollows reports whether the next rune (in rest, or else in the next
// text run: goldmark makes "_" a text node of its own) is a letter or digit.
func alnumFollows(rest string, next []run) bool {
	if rest == "" {
		if len(next) == 0 || next[0].brk {
			return false
		}
		rest = next[0].text
	}
	r, _ := utf8.DecodeRuneInString(rest)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// letterFollows reports whether the next rune (in rest, or else in the next
// text run) is a letter: a hyphen between letters joins a compound.
func letterFollows(rest string, next []run) bool {
	if rest == "" {
		if len(next) == 0 || next[0].brk {
			return false
		}
		rest = next[0].text
	}
	r, _ := utf8.DecodeRuneInString(rest)
	return unicode.IsLetter(r)
}

// lineItems is one broken line: its items without leading or trailing glue.
type lineItems struct {
	items []item
	last  bool // last line of the paragraph or before a forced break: not justified
}

const eps = 1e-6

// breakLines breaks items into lines of at most width points: justified
// text (ragged false) with even word spaces, ragged text with even line
// ends. A word wider than the line is first cut at the column edge
// (chop), so nothing is ever drawn past the margin.
func (b *breaker) breakLines(items []item, width float64, ragged bool) []lineItems {
	if b.hy != nil {
		// TeX's \pretolerance: a paragraph that sets well without
		// hyphens gets none (and costs no pattern look-ups).
		if lines := b.knuthPlass(items, width, ragged, pretolerance); lines != nil {
			return lines
		}
		items = b.hyphenateItems(items)
	}
	items = b.chop(items, width)
	return b.knuthPlass(items, width, ragged, 0)
}

func trimGlue(items []item) []item {
	for len(items) > 0 && (items[len(items)-1].kind == kGlue || items[len(items)-1].kind == kPenalty) {
		items = items[:len(items)-1]
	}
	return items
}

// chop makes every word fit a line: where the boxes between two break
// points (one box, or several of different styles) are wider than width, it
// adds a break between them and cuts a box that is wider alone, in one pass
// over its text (linear in the length of the word: issue 20). A piece ends
// after "/", "-", ".", "?" and the like if that keeps half the line. At
// least one rune goes into each piece.
func (b *breaker) chop(items []item, width float64) []item {
	wide, run := false, 0.0
	for _, it := range items {
		if it.kind == kBox {
			run += it.w
			wide = wide || run > width+eps
		} else {
			run = 0
		}
	}
	if !wide {
		return items
	}
	out := make([]item, 0, len(items)+8)
	run = 0
	for _, it := range items {
		if it.kind != kBox {
			out = append(out, it)
			run = 0
			continue
		}
		if run > 0 && run+it.w > width+eps {
			out = append(out, item{kind: kPenalty, st: it.st}) // break between two styles of one word
			run = 0
		}
		if it.w <= width+eps {
			out = append(out, it)
			run += it.w
			continue
		}
		st := b.styles[it.st]
		hy := b.m.runeWidth('-', st)
		start, w := 0, 0.0 // the piece being built: it.text[start:i], w wide
		good, goodW := -1, 0.0
		prev, prevW := -1, 0.0 // the piece without its last rune
		prevLetter := false
		// emit adds the piece up to end and, unless it is the last, the
		// break after it: with a hyphen between two letters if it fits.
		emit := func(end int, pw float64, hyphen bool) {
			out = append(out, item{kind: kBox, st: it.st, text: it.text[start:end], w: pw})
			if end < len(it.text) {
				p := item{kind: kPenalty, st: it.st}
				if hyphen && pw+hy <= width+eps && utf8.RuneCountInString(it.text[start:end]) > 1 {
					p.text, p.w, p.flag = "-", hy, true
				}
				out = append(out, p)
			}
			start = end
		}
		for i, r := range it.text {
			rw := b.m.runeWidth(r, st)
			letter := unicode.IsLetter(r)
			switch {
			case i == start:
			case good > start && goodW >= width/2 && w+rw > width+eps:
				emit(good, goodW, false)
				w -= goodW
				prev = -1
			case letter && prevLetter && w+hy > width+eps && prev > start:
				// no room for the hyphen: cut one letter earlier
				emit(prev, prevW, true)
				w -= prevW
				prev = -1
			case w+rw > width+eps:
				emit(i, w, letter && prevLetter)
				w = 0
				prev = -1
			}
			if i > start {
				prev, prevW = i, w
			}
			w += rw
			prevLetter = letter
			if strings.ContainsRune("/-.?&=_#:,;", r) {
				good, goodW = i+utf8.RuneLen(r), w
			}
		}
		emit(len(it.text), w, false)
		run = w
	}
	return out
}

// alignment of a line within its column.
type alignment uint8

const (
	alignLeft alignment = iota
	alignCenter
	alignRight
	alignJustify
)

// seg is a piece of text placed on a line, x relative to the line start.
type seg struct {
	x, w   float64
	text   string
	st     int32
	hyphen bool // the hyphen of a break inside a word (an artifact: the word reads whole)
}

// place positions a line's items. Justified lines spread the extra space
// over the glue; the last line of a paragraph stays ragged. Neighbouring
// items of one style are merged into one text op where the spacing allows.
func (b *breaker) place(li lineItems, width float64, align alignment) []seg {
	return b.placeInto(nil, li, width, align)
}

// placeInto is place reusing dst's array (a line painted at once needs
// no segs of its own: a long document placed some 60 MB of them).
func (b *breaker) placeInto(dst []seg, li lineItems, width float64, align alignment) []seg {
	natural, glues, glueW := 0.0, 0, 0.0
	for _, it := range li.items {
		if it.kind == kPenalty {
			continue // a break not taken shows nothing
		}
		natural += it.w
		if it.kind == kGlue && !it.rigid {
			glues++
			glueW += it.w
		}
	}
	x, stretch := 0.0, 0.0 // stretch: extra width per point of glue
	switch align {
	case alignCenter:
		x = (width - natural) / 2
	case alignRight:
		x = width - natural
	case alignJustify:
		if !li.last && glues > 0 && natural < width {
			stretch = (width - natural) / glueW
			// A line with a few words before something unbreakable would
			// get gaps wider than the words; leave such a line ragged.
			if stretch > 3 {
				stretch = 0
			}
		}
		if glues > 0 && natural > width+eps {
			stretch = max(-shrinkRatio, (width-natural)/glueW) // the breaker allowed it
		}
	}
	if x < 0 {
		x = 0
	}
	segs := dst[:0]
	if cap(segs) < len(li.items) {
		segs = make([]seg, 0, len(li.items))
	}
	for k, it := range li.items {
		switch it.kind {
		case kGlue:
			if stretch == 0 || it.rigid {
				// Merge "word space word" of one style into one text.
				if n := len(segs); n > 0 && segs[n-1].st == it.st && k+1 < len(li.items) && li.items[k+1].st == it.st && li.items[k+1].kind == kBox {
					segs[n-1].text += " "
					segs[n-1].w += it.w
					x += it.w
					continue
				}
				x += it.w
				continue
			}
			x += it.w * (1 + stretch)
		case kBox:
			if n := len(segs); n > 0 && segs[n-1].st == it.st && abs(segs[n-1].x+segs[n-1].w-x) < eps && !it.flag {
				segs[n-1].text += it.text
				segs[n-1].w += it.w
			} else {
				segs = append(segs, seg{x: x, w: it.w, text: it.text, st: it.st, hyphen: it.flag})
			}
			x += it.w
		}
	}
	return segs
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

// minMax returns the widest unbreakable piece (the narrowest column that
// avoids splitting words) and the natural width of the longest line.
func minMax(items []item) (minW, maxW float64) {
	word, line := 0.0, 0.0
	for _, it := range items {
		switch it.kind {
		case kBox:
			word += it.w
			line += it.w
		case kGlue:
			word = 0
			line += it.w
		case kPenalty:
			if !it.disc {
				word = 0 // hyphenation points do not narrow a column: it keeps whole words where it can
			}
		case kBreak:
			word, line = 0, 0
		}
		minW = max(minW, word)
		maxW = max(maxW, line)
	}
	return minW, maxW
}
