package pdf

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// Furniture is everything around the body text: the cover page, the table
// of contents and the running header and footer.

// simpleLines breaks a plain string in one style into placed lines.
func (d *document) simpleLines(s string, st style, width float64, line int) (*breaker, [][]seg) {
	b := d.newBreaker()
	var out [][]seg
	for _, li := range b.breakLines(b.tokenize([]run{{text: s, st: st, line: line}}), width) {
		out = append(out, b.place(li, width, alignLeft))
	}
	return b, out
}

// coverPage lays out the title page: organisation above a rule, title and
// subtitle in the upper third, version and date below, the classification
// at the foot of the page.
func (d *document) coverPage() *page {
	t := &d.t
	l := &layout{t: t, pages: []*page{{}}}
	x, w := t.left, t.textWidth()
	text := func(s string, st style, lead float64) {
		if strings.TrimSpace(s) == "" {
			return
		}
		b, lines := d.simpleLines(s, st, w, 0)
		for _, segs := range lines {
			if l.y+lead > t.pageH-t.bottom {
				return // an absurdly long cover line; keep the page clean
			}
			d.drawSegs(l, b, segs, x, d.baseline(l.y, st.size, lead), l.y, lead)
			l.y += lead
		}
	}
	l.y = 48 * mm
	text(d.meta.Organisation, style{face: faceBold, size: 13, color: t.heading}, 17)
	l.y += 6
	l.add(op{kind: opLine, x: x, y: l.y, w: x + w, h: l.y, size: 1.2, color: t.heading})

	l.y = 100 * mm
	text(d.meta.Title, style{face: faceBold, size: 26, color: t.heading}, 32)
	l.y += 8
	text(d.meta.Subtitle, style{size: 15, color: t.text}, 19.5)
	l.y += 34
	text(d.meta.Version, style{size: 12, color: t.text}, 16)
	text(d.meta.Date, style{size: 12, color: t.text}, 16)

	if strings.TrimSpace(d.meta.Classification) != "" {
		l.y = t.pageH - t.bottom - 16
		l.add(op{kind: opLine, x: x, y: l.y - 6, w: x + w, h: l.y - 6, size: 0.5, color: t.rule})
		text(d.meta.Classification, style{face: faceBold, size: 11, color: t.text}, 15)
	}
	return l.page()
}

// tocNumber is a page number the contents print once the number of
// contents pages, and so every page number, is known.
type tocNumber struct {
	page int // index into the contents pages
	base float64
	head int
	st   style
}

// contents lays out the table of contents: one entry per heading, number
// in a column per level, the title wrapping beside it, dot leaders to the
// page number, the whole entry a link to the heading.
func (d *document) contents() ([]*page, []tocNumber) {
	if d.meta.NoContents || !slices.ContainsFunc(d.heads, func(h heading) bool { return !h.deleted }) {
		return nil, nil
	}
	t := &d.t
	l := newLayout(t)
	x, w := t.left, t.textWidth()

	// Title, styled like a chapter heading but without a number.
	st := style{face: faceBold, size: t.headSize[1], color: t.heading}
	if strings.TrimSpace(d.meta.ContentsTitle) != "" {
		l.add(op{kind: opBookmark, s: pdfString(d.meta.ContentsTitle), n: 0, y: l.y})
		b, lines := d.simpleLines(d.meta.ContentsTitle, st, w, 0)
		for _, segs := range lines {
			d.drawSegs(l, b, segs, x, d.baseline(l.y, st.size, t.headLead[1]), l.y, t.headLead[1])
			l.y += t.headLead[1]
		}
		l.y += t.headAfter[1] + 6
	}

	numW := d.m.width("0000", style{face: faceBold, size: t.bodySize})
	indent := [5]float64{0, 0, 22, 52, 90}
	numCol := [5]float64{0, 22, 30, 38, 46}
	lead := t.bodyLead
	var nums []tocNumber
	for i, h := range d.heads {
		if h.deleted {
			continue
		}
		lv := min(h.level, 4)
		st := style{size: t.bodySize, color: t.text}
		if h.level == 1 {
			st.face = faceBold
			l.space(6)
		} else {
			l.space(1)
		}
		nx := x + indent[lv]
		number := d.m.sanitize(h.number, st.face, h.line)
		tx := nx
		if number != "" {
			tx += max(numCol[lv], d.m.width(number, st)+6)
		}
		tw := x + w - numW - 10 - tx
		b, lines := d.simpleLines(h.title, st, tw, h.line)
		if len(lines) == 0 {
			lines = [][]seg{nil}
		}
		l.ensure(float64(len(lines)) * lead)
		top := l.y
		for k, segs := range lines {
			base := d.baseline(l.y, st.size, lead)
			if k == 0 && number != "" {
				l.add(op{kind: opText, face: st.face, size: st.size, color: st.color, x: nx, y: base, s: number})
			}
			d.drawSegs(l, b, segs, tx, base, l.y, lead)
			if k == len(lines)-1 {
				end := tx
				if n := len(segs); n > 0 {
					end += segs[n-1].x + segs[n-1].w
				}
				d.leaders(l, end+4, x+w-numW-4, base)
				nums = append(nums, tocNumber{page: len(l.pages) - 1, base: base, head: i, st: st})
			}
			l.y += lead
		}
		l.add(op{kind: opLinkDest, x: nx, y: top, w: x + w - nx, h: l.y - top, n: i})
	}
	return l.pages, nums
}

// leaders draws dots from x1 to x2 on a grid shared by all entries, so the
// dots of consecutive lines stand in columns.
func (d *document) leaders(l *layout, x1, x2, base float64) {
	st := style{size: d.t.bodySize, color: d.t.muted}
	step := d.m.width(". ", st)
	if step <= 0 {
		return
	}
	start := d.t.left + math.Ceil((x1-d.t.left)/step)*step
	n := int((x2 - start) / step)
	if n < 1 {
		return
	}
	s := strings.TrimRight(strings.Repeat(". ", n), " ")
	l.add(op{kind: opText, face: st.face, size: st.size, color: st.color, x: start, y: base, s: s})
}

// furniture returns the running header and footer of page n of total.
func (d *document) furniture(n, total int) []op {
	t := &d.t
	st := style{size: t.furnitureSize, color: t.muted}
	x, w := t.left, t.textWidth()
	var ops []op
	text := func(s string, x, y, maxW float64, right bool) {
		s = d.fit(d.m.sanitize(s, st.face, 0), st, maxW)
		if s == "" {
			return
		}
		if right {
			x -= d.m.width(s, st)
		}
		ops = append(ops, op{kind: opText, face: st.face, size: st.size, color: st.color, x: x, y: y, s: s})
	}
	rule := func(y float64) {
		ops = append(ops, op{kind: opLine, x: x, y: y, w: x + w, h: y, size: 0.4, color: t.rule})
	}

	class := d.m.sanitize(d.meta.Classification, st.face, 0)
	classW := min(d.m.width(class, st), w/3)
	text(class, x+w, t.headerY, w/3, true)
	text(d.meta.Header, x, t.headerY, w-classW-12, false)
	rule(t.headerY + 4)

	format := d.meta.PageOf
	if format == "" {
		format = "%d / %d"
	}
	pageOf := fmt.Sprintf(format, n, total)
	pw := min(d.m.width(d.m.sanitize(pageOf, st.face, 0), st), w/2)
	rule(t.footerY - 9)
	text(d.meta.Footer, x, t.footerY, w-pw-12, false)
	text(pageOf, x+w, t.footerY, w/2, true)
	return ops
}

// fit shortens s with an ellipsis until it is at most w wide.
func (d *document) fit(s string, st style, w float64) string {
	if d.m.width(s, st) <= w {
		return s
	}
	room := w - d.m.width("…", st)
	acc := 0.0
	for i, r := range s {
		acc += d.m.runeWidth(r, st)
		if acc > room {
			if s = strings.TrimSpace(s[:i]); s == "" {
				return ""
			}
			return s + "…"
		}
	}
	return s
}
