package pdf

import (
	"strings"
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
}

// breaker turns runs into items and items into lines.
type breaker struct {
	m      *measurer
	styles []style
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
		text := b.m.sanitize(r.text, r.st.face, r.line)
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
			case (c == '-' || c == '\u2010') && wordRunes > 2 && letterFollows(text[next:], runs[ri+1:]):
				flush()
				items = append(items, item{kind: kPenalty, st: st})
			case len(urls) > 0 && urlBreak(text, i, next, urls):
				flush()
				items = append(items, item{kind: kPenalty, st: st})
			}
		}
	}
	flush()
	for len(items) > 0 && (items[len(items)-1].kind == kGlue || items[len(items)-1].kind == kBreak) {
		items = items[:len(items)-1]
	}
	return items
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

// breakLines breaks items greedily into lines of at most width points. A
// word wider than the line is split at the column edge, preferring a point
// after "/", "-", "." and the like, so nothing is ever drawn past the margin.
func (b *breaker) breakLines(items []item, width float64) []lineItems {
	var out []lineItems
	i, n := 0, len(items)
outer:
	for i < n {
		for i < n && (items[i].kind == kGlue || items[i].kind == kPenalty) {
			i++
		}
		if i >= n {
			break
		}
		x, brk := 0.0, -1
		for j := i; j < n; j++ {
			it := items[j]
			switch it.kind {
			case kBreak:
				out = append(out, lineItems{items: trimGlue(items[i:j]), last: true})
				i = j + 1
				continue outer
			case kGlue:
				brk = j
				x += it.w
			case kPenalty:
				if x+it.w <= width+eps {
					brk = j
				}
			case kBox:
				if x+it.w <= width+eps {
					x += it.w
					continue
				}
				if brk >= 0 {
					line := trimGlue(items[i:brk])
					if p := items[brk]; p.kind == kPenalty && p.text != "" {
						line = append(line[:len(line):len(line)], item{kind: kBox, st: p.st, text: p.text, w: p.w})
					}
					out = append(out, lineItems{items: line})
					i = brk + 1
					continue outer
				}
				head, tail, ok := b.split(it, width-x, x == 0)
				if !ok {
					out = append(out, lineItems{items: items[i:j]})
					i = j
					continue outer
				}
				line := append(items[i:j:j], head)
				out = append(out, lineItems{items: line})
				if tail.text == "" {
					i = j + 1
				} else {
					items[j] = tail
					i = j
				}
				continue outer
			}
		}
		out = append(out, lineItems{items: trimGlue(items[i:n]), last: true})
		break
	}
	return out
}

func trimGlue(items []item) []item {
	for len(items) > 0 && (items[len(items)-1].kind == kGlue || items[len(items)-1].kind == kPenalty) {
		items = items[:len(items)-1]
	}
	return items
}

// split cuts a box so that the head fits avail. At the start of a line at
// least one rune goes into the head, so breaking always makes progress.
func (b *breaker) split(it item, avail float64, atStart bool) (head, tail item, ok bool) {
	if head, tail, ok := b.hyphenate(it, avail); ok {
		return head, tail, true
	}
	st := b.styles[it.st]
	w, cut, good, goodW := 0.0, 0, 0, 0.0
	for i, r := range it.text {
		rw := b.m.runeWidth(r, st)
		if w+rw > avail+eps {
			break
		}
		w += rw
		cut = i + utf8.RuneLen(r)
		if strings.ContainsRune("/-.?&=_#:,;", r) {
			good, goodW = cut, w
		}
	}
	if cut == 0 {
		if !atStart {
			return item{}, item{}, false
		}
		r, size := utf8.DecodeRuneInString(it.text)
		cut, w = size, b.m.runeWidth(r, st)
	}
	// A URL reads better broken after a slash than mid-word, if that does
	// not waste more than half the line.
	if good > 0 && good < cut && goodW >= avail/2 {
		cut, w = good, goodW
	}
	head = item{kind: kBox, st: it.st, text: it.text[:cut], w: w}
	tail = item{kind: kBox, st: it.st, text: it.text[cut:], w: it.w - w}
	if tail.w < 0 {
		tail.w = 0
	}
	return head, tail, true
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
	x, w float64
	text string
	st   int32
}

// place positions a line's items. Justified lines spread the extra space
// over the glue; the last line of a paragraph stays ragged. Neighbouring
// items of one style are merged into one text op where the spacing allows.
func (b *breaker) place(li lineItems, width float64, align alignment) []seg {
	natural, glues, glueW := 0.0, 0, 0.0
	for _, it := range li.items {
		natural += it.w
		if it.kind == kGlue && !it.rigid {
			glues++
			glueW += it.w
		}
	}
	x, stretch := 0.0, 0.0
	switch align {
	case alignCenter:
		x = (width - natural) / 2
	case alignRight:
		x = width - natural
	case alignJustify:
		if !li.last && glues > 0 && natural < width {
			stretch = (width - natural) / float64(glues)
			// A line with a few words before something unbreakable would
			// get gaps wider than the words; leave such a line ragged.
			if stretch > 3*glueW/float64(glues) {
				stretch = 0
			}
		}
	}
	if x < 0 {
		x = 0
	}
	segs := make([]seg, 0, len(li.items))
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
			x += it.w + stretch
		case kBox:
			if n := len(segs); n > 0 && segs[n-1].st == it.st && abs(segs[n-1].x+segs[n-1].w-x) < eps {
				segs[n-1].text += it.text
				segs[n-1].w += it.w
			} else {
				segs = append(segs, seg{x: x, w: it.w, text: it.text, st: it.st})
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
			word = 0
		case kBreak:
			word, line = 0, 0
		}
		minW = max(minW, word)
		maxW = max(maxW, line)
	}
	return minW, maxW
}
