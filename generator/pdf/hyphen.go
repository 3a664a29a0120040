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
	out := make([]item, 0, 2*len(items))
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
	pre, word, _, ok := hyphen.Word(it.text)
	n := utf8.RuneCountInString(word)
	if !ok || n > maxHyphenWord || n < hyphen.Left+hyphen.Right || strings.ContainsAny(word, "-\u2010") {
		return append(out, it)
	}
	pts := b.hyphenPoints(word)
	if len(pts) == 0 {
		return append(out, it)
	}
	st := b.styles[it.st]
	hy := b.m.runeWidth('-', st)
	start, ri, k := 0, 0, 0
	base := len(pre)
	for off := range word {
		if k < len(pts) && pts[k] == ri {
			cut := base + off
			piece := it.text[start:cut]
			out = append(out, item{kind: kBox, st: it.st, text: piece, w: b.m.width(piece, st)},
				item{kind: kPenalty, st: it.st, text: "-", w: hy, flag: true, disc: true})
			start = cut
			k++
		}
		ri++
	}
	piece := it.text[start:]
	return append(out, item{kind: kBox, st: it.st, text: piece, w: b.m.width(piece, st)})
}

// hyphenPoints caches the patterns' answer per word: documents repeat
// their words.
func (b *breaker) hyphenPoints(word string) []int {
	if pts, ok := b.cache[word]; ok {
		return pts
	}
	pts := b.hy.Points(word)
	if b.cache == nil {
		b.cache = map[string][]int{}
	}
	b.cache[word] = pts
	return pts
}
