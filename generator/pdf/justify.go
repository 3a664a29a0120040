package pdf

import (
	"math"
	"strconv"
	"strings"
)

// A justified line used to be painted word by word, one "BT x y Td (…) Tj
// ET" each: a third of the content stream, of the bytes deflated and of
// fpdf's work. Words of one style with equal gaps are painted as one TJ
// array instead, by fpdf's CellFormat with align "J": it spreads the
// difference between the cell width and the text's own width evenly over
// the spaces, which puts every word where the breaker placed it (to 1/1000
// em), keeps a real space glyph between the words for text extraction and
// registers the runes for the font subset. fpdf formats each word with
// fmt, so once a face has drawn every rune of a run, the painter writes
// the same bytes itself (justified).

// gapTolerance is how far two gaps of a run may differ, in pt: the
// breaker stretches every gap of a line by the same ratio, so the gaps of
// one style are equal but for rounding.
const gapTolerance = 0.001

// justifiedRun returns the last seg j of the run that starts at seg k and
// its gap; j == k when the seg is painted alone. A run is segs of one
// style, none a hyphen or with a space of its own (a non-breaking space
// must not stretch), none in need of the symbol face, separated by equal
// gaps wider than nothing.
func (d *document) justifiedRun(b *breaker, segs []seg, k int) (j int, gap float64) {
	if !d.runnable(b, segs[k]) {
		return k, 0
	}
	j = k
	for j+1 < len(segs) {
		next := segs[j+1]
		g := next.x - (segs[j].x + segs[j].w)
		if next.st != segs[k].st || g < 0.5 || (j > k && abs(g-gap) > gapTolerance) || !d.runnable(b, next) {
			break
		}
		gap = g
		j++
	}
	return j, gap
}

// runnable says whether seg s may be part of a justified run.
func (d *document) runnable(b *breaker, s seg) bool {
	if s.hyphen || s.text == "" || strings.Contains(s.text, " ") {
		return false
	}
	face := b.styles[s.st].face
	for _, r := range s.text {
		if d.fonts.fallback(face, r) {
			return false
		}
	}
	return true
}

// runeSet is a set of runes of the Basic Multilingual Plane.
type runeSet [0x10000 / 64]uint64

func (s *runeSet) has(r rune) bool { return r < 0x10000 && s[r>>6]&(1<<(r&63)) != 0 }
func (s *runeSet) add(r rune) {
	if r < 0x10000 {
		s[r>>6] |= 1 << (r & 63)
	}
}

// justified paints a run as fpdf's CellFormat(o.w, 0, o.s, "", 0, "J", …)
// at (o.x, o.y − 0.3 em) does: the first run with a rune the face has not
// drawn yet through CellFormat (which adds the runes to the subset), the
// others by writing CellFormat's bytes here.
func (p *painter) justified(o op) {
	p.setFont(o.face, o.size)
	p.setFill(o.color)
	used := p.used[o.face]
	if used == nil {
		used = new(runeSet)
		p.used[o.face] = used
	}
	known := true
	for _, r := range o.s {
		if !used.has(r) {
			known = false
			used.add(r)
		}
	}
	y := o.y - 0.3*o.size // CellFormat's baseline is 0.3 em below its y
	if !known {
		p.doc.SetXY(o.x, y)
		p.doc.CellFormat(o.w, 0, o.s, "", 0, "J", false, 0, "")
		return
	}
	// CellFormat's arithmetic, in its order, for the same digits.
	m := p.fonts.faces[o.face].m
	size := 0
	for _, r := range o.s {
		size += m.Width(r)
	}
	words := strings.Count(o.s, " ") + 1
	wmax := int(math.Ceil(o.w * 1000 / o.size))
	shift := float64(wmax-size) / float64(words-1)
	_, h := p.doc.GetPageSize()
	b := append(p.buf[:0], "BT 0 Tw "...)
	b = strconv.AppendFloat(b, o.x, 'f', 2, 64)
	b = append(b, ' ')
	b = strconv.AppendFloat(b, h-(y+0.3*o.size), 'f', 2, 64)
	b = append(b, " Td ["...)
	for i, w := range strings.Split(o.s, " ") {
		if i > 0 {
			b = strconv.AppendFloat(b, -shift, 'f', 3, 64)
			b = append(b, "(\x00 ) "...)
		}
		b = append(b, '(')
		b = appendUTF16(b, w)
		b = append(b, ") "...)
	}
	b = append(b, "] TJ ET"...)
	p.buf = b
	p.doc.RawWriteStr(string(b))
}

// appendUTF16 appends s as UTF-16BE with fpdf's escapes of a string's
// bytes: backslash, parentheses and carriage return.
func appendUTF16(b []byte, s string) []byte {
	for _, r := range s {
		for _, c := range [2]byte{byte(r >> 8), byte(r)} {
			switch c {
			case '\\', '(', ')':
				b = append(b, '\\', c)
			case '\r':
				b = append(b, '\\', 'r')
			default:
				b = append(b, c)
			}
		}
	}
	return b
}
