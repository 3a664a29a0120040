package pdf

import (
	"strings"
	"unicode/utf8"

	"trustdocs/generator/hyphen"
)

// Hyphenation: as in TeX, a paragraph is first broken without hyphens;
// only if that leaves a loose line does every word of letters get a
// discretionary hyphen at each point the TeX patterns of the document's
// language allow (generator/hyphen, minimums 2|3), and the line breaker
// decides which to take. URLs, e-mail
// addresses and codes (hyphen.Word) get none.

// maxHyphenWord is the longest word given to the patterns; anything longer
// is no word but a string (and is split at the column edge if need be).
const maxHyphenWord = 80

// hyphenateItems inserts discretionary hyphens into the boxes of items.
// A word is a run of boxes and penalties between glues; its text decides
// whether it is a word at all (hyphen.Word), each box's letters are
// hyphenated on their own (the parts of "Daten-Verwaltung" are words).
func (b *breaker) hyphenateItems(items []item) []item {
	if b.hy == nil {
		return items
	}
	out := make([]item, 0, 3*len(items))
	for i := 0; i < len(items); {
		j := i
		for j < len(items) && (items[j].kind == kBox || items[j].kind == kPenalty) {
			j++
		}
		switch {
		case j == i:
			out = append(out, items[i])
			i++
			continue
		case j == i+1: // one box: the common case
			out = b.hyphenateBox(out, items[i])
			i = j
			continue
		}
		var token strings.Builder
		for k := i; k < j; k++ {
			token.WriteString(items[k].text)
		}
		_, _, _, ok := hyphen.Word(token.String())
		for k := i; k < j; k++ {
			if ok && items[k].kind == kBox {
				out = b.hyphenateBox(out, items[k])
			} else {
				out = append(out, items[k])
			}
		}
		i = j
	}
	return out
}

// hyphenateBox appends it to out split at its hyphenation points.
func (b *breaker) hyphenateBox(out []item, it item) []item {
	if len(it.text) < hyphen.Left+hyphen.Right {
		return append(out, it)
	}
	st := b.styles[it.st]
	cuts := b.cuts(it.text, st.face)
	if len(cuts) == 0 {
		return append(out, it)
	}
	hy := b.m.runeWidth('-', st)
	start := 0
	for _, c := range cuts {
		out = append(out, item{kind: kBox, st: it.st, text: it.text[start:c.at], w: float64(c.units) * st.size / 1000},
			item{kind: kPenalty, st: it.st, text: "-", w: hy, flag: true, disc: true})
		start = c.at
	}
	piece := it.text[start:]
	return append(out, item{kind: kBox, st: it.st, text: piece, w: b.m.width(piece, st)})
}

// cut is a hyphenation point of a box: its byte offset, and the width of
// the piece before it (from the previous cut) in 1/1000 em.
type cut struct{ at, units int }

type cutKey struct {
	text string
	face faceID
}

// cuts gives the hyphenation points of a box's text, cached per document:
// documents repeat their words, and hyphen.Word and the patterns cost more
// than a map look-up.
func (b *breaker) cuts(text string, face faceID) []cut {
	k := cutKey{text, face}
	if c, ok := b.cache[k]; ok {
		return c
	}
	var out []cut
	pre, word, _, ok := hyphen.Word(text)
	n := utf8.RuneCountInString(word)
	if ok && n <= maxHyphenWord && n >= hyphen.Left+hyphen.Right && !strings.ContainsAny(word, "-\u2010") {
		fm := b.m.fonts.faces[face].m
		pts := b.hy.Points(word)
		start, ri, k := 0, 0, 0
		for off := range word {
			if k < len(pts) && pts[k] == ri {
				at := len(pre) + off
				units := 0
				for _, r := range text[start:at] {
					units += fm.Width(r)
				}
				out = append(out, cut{at, units})
				start = at
				k++
			}
			ri++
		}
	}
	if b.cache == nil {
		b.cache = map[cutKey][]cut{}
	}
	b.cache[k] = out
	return out
}
