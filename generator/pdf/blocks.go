package pdf

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"

	"trustdocs/generator/markdown"
	"trustdocs/generator/redline"
)

// nodeRenderer is the PDF backend as a goldmark NodeRenderer: one function
// per node kind, like goldmark's renderer/html. The functions do not write
// to the writer; they lay out into the document's display list.
type nodeRenderer struct{ d *document }

func (r *nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	// blocks
	reg.Register(ast.KindHeading, r.heading)
	reg.Register(ast.KindParagraph, r.paragraph)
	reg.Register(ast.KindTextBlock, r.textBlock)
	reg.Register(ast.KindBlockquote, r.blockquote)
	reg.Register(ast.KindCodeBlock, r.codeBlock)
	reg.Register(ast.KindFencedCodeBlock, r.codeBlock)
	reg.Register(ast.KindHTMLBlock, r.htmlBlock)
	reg.Register(ast.KindList, r.list)
	reg.Register(ast.KindListItem, r.listItem)
	reg.Register(ast.KindThematicBreak, r.thematicBreak)
	reg.Register(ast.KindLinkReferenceDefinition, skip)
	reg.Register(east.KindTable, r.table)
	reg.Register(east.KindTableHeader, r.tableRow)
	reg.Register(east.KindTableRow, r.tableRow)
	reg.Register(east.KindTableCell, r.tableCell)

	// inlines
	reg.Register(ast.KindText, r.text)
	reg.Register(ast.KindString, r.str)
	reg.Register(ast.KindCodeSpan, r.codeSpan)
	reg.Register(ast.KindEmphasis, r.emphasis)
	reg.Register(east.KindStrikethrough, r.strikethrough)
	reg.Register(ast.KindLink, r.link)
	reg.Register(ast.KindAutoLink, r.autoLink)
	reg.Register(ast.KindImage, r.image)
	reg.Register(ast.KindRawHTML, r.rawHTML)
	reg.Register(redline.KindInsert, r.mark)
	reg.Register(redline.KindDelete, r.mark)
}

func skip(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
	return ast.WalkSkipChildren, nil
}

// blockLine sets the current source line from a block's first line.
func (d *document) blockLine(n ast.Node) {
	if l := n.Lines(); l != nil && l.Len() > 0 {
		d.line = d.lineOf(l.At(0).Start)
	} else if p := n.Pos(); p >= 0 {
		d.line = d.lineOf(p)
	}
}

// bodyStyle is the base style of running text at the current position.
func (d *document) bodyStyle() style {
	st := style{face: 0, size: d.t.bodySize, color: d.t.text}
	if d.quote > 0 {
		st.color = d.t.muted
	}
	return st
}

// baseline is the baseline of a line of the given size in a line box of
// height lead starting at top: the glyphs' extent is centred in the box.
func (d *document) baseline(top, size, lead float64) float64 {
	m := d.fonts.faces[0].m
	return top + (lead-(m.Ascent+m.Descent)*size)/2 + m.Ascent*size
}

func (r *nodeRenderer) paragraph(_ util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	d := r.d
	if entering {
		d.blockLine(n)
		d.body.space(d.t.paraGap)
		d.beginInline(d.bodyStyle())
		d.tags.begin(structP)
		return ast.WalkContinue, nil
	}
	// The last line of a section ("Geprüft am 01.11.2026") before a
	// heading: it stays on its section's page, in the bottom margin if need be.
	_, heading := n.NextSibling().(*ast.Heading)
	d.closing = heading || n.NextSibling() == nil && n.Parent() != nil && n.Parent().Kind() == ast.KindDocument
	d.runIn = boldOnly(n, src) && n.NextSibling() != nil
	d.flow(d.endInline(), alignJustify, d.t.bodySize, d.t.bodyLead)
	d.closing, d.runIn = false, false
	d.tags.end()
	return ast.WalkContinue, nil
}

// textBlock is the paragraph of a tight list item: the item sets the gap.
func (r *nodeRenderer) textBlock(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	d := r.d
	if entering {
		d.blockLine(n)
		if n.PreviousSibling() != nil {
			d.body.space(d.t.tightGap)
		}
		d.beginInline(d.bodyStyle())
		d.tags.begin(structP)
		return ast.WalkContinue, nil
	}
	d.flow(d.endInline(), alignJustify, d.t.bodySize, d.t.bodyLead)
	d.tags.end()
	return ast.WalkContinue, nil
}

// flow breaks runs into lines across the current column and places them.
func (d *document) flow(runs []run, align alignment, size, lead float64) {
	b := d.newBreaker()
	x, w := d.column()
	lines := b.breakLines(b.tokenize(runs), w, align != alignJustify)
	if len(lines) == 0 {
		return
	}
	l := d.body
	label := len(lines) <= 2 && (isLabel(runs) || d.runIn)
	var mark keepMark
	if label {
		// "Schutzziele:" introduces what follows: keep it with two lines of
		// it and the gaps of a list; a label right before it
		// ("Gefährdungen:" then "Folgende Gefährdungen sind relevant:")
		// goes along to the next page.
		need := float64(len(lines))*lead + 2*d.t.paraGap + 2*d.t.bodyLead
		prev := d.keep
		if !l.fits(need) {
			prev = d.carryLabel()
		}
		l.ensure(need)
		p := l.page()
		mark = keepMark{page: len(l.pages) - 1, ops: len(p.ops), under: len(p.under), top: l.y, head: -1}
		if prev != nil && prev.page == mark.page && prev.end == mark.ops && prev.under == mark.under {
			// Right under a heading (or another label): the two go together.
			mark.ops, mark.top, mark.head = prev.ops, prev.top, prev.head
		}
	}
	if d.closing && len(lines) == 1 && !label && !l.fits(lead) && l.fits(lead-l.t.bottom/3) && len(d.lists) == 0 {
		// \enlargethispage: one line into the bottom margin (a third of
		// it; the footer stays clear) rather than alone on a new page.
		l.extra = l.t.bottom / 3
		defer func() { l.extra = 0 }()
	}
	l.placeLines(len(lines), lead, func(i int, top float64) {
		base := d.baseline(top, size, lead)
		if i == 0 {
			d.flushLabels(base)
		}
		d.drawLine(l, b, lines[i], w, align, x, base, top, lead)
	})
	d.keep = nil
	if p := l.page(); label && mark.page == len(l.pages)-1 {
		mark.end, mark.bottom = len(p.ops), l.y
		d.keep = &mark
	}
}

// keepMark is a label or heading just placed: its ops on its page, its
// extent, and the heading it begins with (an index into heads, or -1).
type keepMark struct {
	page, ops, under, end int
	top, bottom           float64
	head                  int
}

// carryLabel starts a new page and moves the label or heading placed last
// onto it, if nothing has been placed after it: a label must not stay
// alone at the foot of a page because the one after it did not fit. It
// returns where the moved piece now is, or nil.
func (d *document) carryLabel() *keepMark {
	k, l := d.keep, d.body
	d.keep = nil
	if k == nil || k.page != len(l.pages)-1 {
		return nil
	}
	p := l.page()
	if len(p.ops) != k.end || len(p.under) != k.under || l.atTop() {
		return nil
	}
	gap, fixed := l.gap, l.fixed
	moved := slices.Clone(p.ops[k.ops:])
	p.ops = p.ops[:k.ops]
	l.y = k.top
	l.newPage()
	dy := l.y - k.top
	p = l.page()
	at := &keepMark{page: len(l.pages) - 1, ops: len(p.ops), under: len(p.under), top: l.y, head: k.head}
	for _, o := range moved {
		o.y += dy
		if o.kind == opLine {
			o.h += dy
		}
		l.add(o)
	}
	if k.head >= 0 {
		h := &d.heads[k.head]
		h.page, h.y = at.page, h.y+dy
	}
	l.y += k.bottom - k.top
	at.end, at.bottom = len(p.ops), l.y
	l.fresh, l.gap, l.fixed = false, gap, fixed
	return at
}

// boldOnly reports a paragraph that is all strong emphasis ("**Homeoffice**"):
// a heading in all but name, so it is kept with what follows like a label.
func boldOnly(n ast.Node, src []byte) bool {
	strong := false
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch e := c.(type) {
		case *ast.Emphasis:
			if e.Level < 2 {
				return false
			}
			strong = true
		case *ast.Text:
			if len(strings.TrimSpace(string(e.Segment.Value(src)))) > 0 && !e.SoftLineBreak() {
				return false
			}
		default:
			return false
		}
	}
	return strong
}

// isLabel reports a paragraph that ends in a colon: a label or an
// introduction to a list ("Gefährdungen:", "Relevante Schutzziele sind:").
func isLabel(runs []run) bool {
	for i := len(runs) - 1; i >= 0; i-- {
		if t := strings.TrimRightFunc(runs[i].text, unicode.IsSpace); t != "" {
			return strings.HasSuffix(t, ":")
		}
	}
	return false
}

// drawLine places line li w wide and adds it at x (drawSegs).
func (d *document) drawLine(l *layout, b *breaker, li lineItems, w float64, align alignment, x, base, top, lead float64) {
	d.segs = b.placeInto(d.segs, li, w, align)
	d.drawSegs(l, b, d.segs, x, base, top, lead)
}

// drawSegs adds a placed line's text, link areas, strike-through and
// underlines, and a change bar when the line holds a redline mark.
func (d *document) drawSegs(l *layout, b *breaker, segs []seg, x0, base, top, lead float64) {
	changed := false
	for k := 0; k < len(segs); {
		s := segs[k]
		st := b.styles[s.st]
		changed = changed || st.mark != markNone
		j, gap := d.justifiedRun(b, segs, k)
		if j == k {
			l.add(op{kind: opText, face: st.face, size: st.size, color: st.color, x: x0 + s.x, y: base, s: spaced(segs, k), tag: d.segTag(st, s)})
			k++
			continue
		}
		// One text for the words k…j, their gaps spread by fpdf (opText's n).
		var text strings.Builder
		for i := k; i <= j; i++ {
			if i > k {
				text.WriteByte(' ')
			}
			text.WriteString(segs[i].text)
		}
		w, spaces := segs[j].x+segs[j].w-s.x, j-k
		if strings.HasSuffix(spaced(segs, j), " ") {
			text.WriteByte(' ')
			w, spaces = w+gap, spaces+1
		}
		l.add(op{kind: opText, face: st.face, size: st.size, color: st.color, x: x0 + s.x, y: base, w: w, n: spaces, s: text.String(), tag: d.segTag(st, s)})
		k = j + 1
	}
	// One link rectangle and one line per run of neighbouring segs.
	for k := 0; k < len(segs); {
		st := b.styles[segs[k].st]
		j := k
		for j+1 < len(segs) {
			nx := b.styles[segs[j+1].st]
			if nx.link != st.link || nx.strike != st.strike || nx.mark != st.mark || nx.color != st.color {
				break
			}
			j++
		}
		x1, x2 := x0+segs[k].x, x0+segs[j].x+segs[j].w
		if st.link > 0 {
			l.add(op{kind: opLink, x: x1, y: top, w: x2 - x1, h: lead, n: st.link, tag: d.linkTag(st)})
		}
		if st.strike || st.mark == markDelete {
			y := base - 0.28*st.size
			l.add(op{kind: opLine, x: x1, y: y, w: x2, h: y, size: 0.05 * st.size, color: st.color})
		}
		if st.mark == markInsert {
			y := base + 0.12*st.size
			l.add(op{kind: opLine, x: x1, y: y, w: x2, h: y, size: 0.06 * st.size, color: st.color})
		}
		k = j + 1
	}
	if changed {
		p := l.page()
		p.bars = append(p.bars, [2]float64{top, top + lead})
	}
}

func (r *nodeRenderer) heading(_ util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	d := r.d
	if entering {
		d.blockLine(node)
		h := &d.heads[d.nextHead]
		d.beginInline(style{face: faceBold, size: d.t.headSize[min(h.level, 4)], color: d.t.heading})
		d.tags.begin(headingType(h.level))
		return ast.WalkContinue, nil
	}
	runs := d.endInline()
	h := &d.heads[d.nextHead]
	d.nextHead++
	d.placeHeading(h, runs)
	d.tags.end()
	return ast.WalkContinue, nil
}

// placeHeading sets a heading with its number in a hanging column, keeps it
// together and with the start of the following text, and records where it
// landed for the contents, the outline and links.
func (d *document) placeHeading(h *heading, runs []run) {
	lv := min(h.level, 4)
	t := &d.t
	l := d.body
	if h.level == 1 && d.meta.ChapterNewPage && !l.atTop() {
		l.newPage()
	}
	if h.level == 1 {
		l.keepTop(t.headBefore[lv])
	} else {
		l.space(t.headBefore[lv])
	}
	st := style{face: faceBold, size: t.headSize[lv], color: t.heading}
	b := d.newBreaker()
	b.hy = nil // headings are not hyphenated
	x, w := d.column()
	numCol := 0.0
	number := d.m.sanitize(h.number, st.face, h.line)
	if number != "" {
		// A gap of about an em: wide enough to set the number apart, narrow
		// enough that text extraction reads "1.2 Title" as one line.
		numCol = d.m.width(number, st) + 0.8*st.size
	}
	lines := b.breakLines(b.tokenize(runs), w-numCol, true)
	if len(lines) == 0 {
		lines = []lineItems{{}}
	}
	lead := t.headLead[lv]
	// Keep the heading and the start of what follows together, unless the
	// heading alone fills a page (then it breaks like a paragraph).
	l.ensure(min(float64(len(lines))*lead+t.headFollow, l.limit()-t.top))
	p := l.page()
	mark := keepMark{page: len(l.pages) - 1, ops: len(p.ops), under: len(p.under), top: l.y, head: d.nextHead - 1}
	l.placeLines(len(lines), lead, func(i int, top float64) {
		base := d.baseline(top, st.size, lead)
		if i == 0 {
			h.page, h.y = len(l.pages)-1, top
			if !h.deleted {
				l.add(op{kind: opBookmark, s: pdfString(strings.TrimSpace(h.number + " " + h.title)), n: h.level - 1, y: top})
			}
			d.flushLabels(base)
			if number != "" {
				l.add(op{kind: opText, face: st.face, size: st.size, color: st.color, x: x, y: base, s: number + " "})
			}
		}
		d.drawLine(l, b, lines[i], w-numCol, alignLeft, x+numCol, base, top, lead)
	})
	l.setGap(t.headAfter[lv])
	// A label or short list right after it that does not fit takes the
	// heading along (carryLabel).
	d.keep = nil
	if p := l.page(); mark.page == len(l.pages)-1 {
		mark.end, mark.bottom = len(p.ops), l.y
		d.keep = &mark
	}
}

func (r *nodeRenderer) blockquote(_ util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	d := r.d
	if entering {
		d.blockLine(n)
		d.body.space(d.t.paraGap)
		x, _ := d.column()
		d.body.openFrame(&frame{x: x + 1, w: 2.2, color: d.t.quoteBar}, 2*d.t.bodyLead)
		d.left += d.t.quoteInset
		d.quote++
		d.tags.begin(structBlockQuote)
		return ast.WalkContinue, nil
	}
	d.tags.end()
	d.quote--
	d.left -= d.t.quoteInset
	d.body.closeFrame()
	d.body.space(d.t.paraGap)
	return ast.WalkContinue, nil
}

// codeBlock sets indented and fenced code in the mono face on a tinted
// background, wrapping lines longer than the column.
func (r *nodeRenderer) codeBlock(_ util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	d := r.d
	t := &d.t
	d.blockLine(n)
	if fig, ok, err := markdown.Plan(n, src); ok {
		if err != nil {
			return ast.WalkStop, fmt.Errorf("line %d: %v", d.line, err)
		}
		d.tags.begin(structFigure)
		d.tags.setAlt(fig.Wide.Title, fig.Wide.Desc)
		d.figure(fig.Wide, fig.Caption)
		d.tags.end()
		return ast.WalkSkipChildren, nil
	}
	st := style{face: faceMono, size: t.codeSize, color: t.text}
	x, w := d.column()
	inner := w - 2*t.codePad
	type codeLine struct {
		text string
		line int
	}
	var lines []codeLine
	segs := n.Lines()
	for i := range segs.Len() {
		s := segs.At(i)
		ln := d.lineOf(s.Start)
		v := strings.TrimRight(string(s.Value(src)), "\r\n")
		v = d.m.sanitize(expandTabs(v), st.face, ln)
		for _, part := range d.wrapCode(v, st, inner) {
			lines = append(lines, codeLine{part, ln})
		}
	}
	if len(lines) == 0 {
		return ast.WalkSkipChildren, nil
	}
	d.body.space(t.paraGap)
	d.tags.begin(structCode)
	defer d.tags.end()
	d.body.openFrame(&frame{fill: true, x: x, w: w, color: t.codeBG, padTop: t.codePad, padBot: t.codePad}, float64(min(len(lines), 2))*t.codeLead)
	d.body.placeLines(len(lines), t.codeLead, func(i int, top float64) {
		base := d.baseline(top, st.size, t.codeLead)
		if i == 0 {
			d.flushLabels(d.baseline(top, t.bodySize, t.codeLead))
		}
		if s := strings.TrimRight(lines[i].text, " "); s != "" {
			d.body.add(op{kind: opText, face: st.face, size: st.size, color: st.color, x: x + t.codePad, y: base, s: s})
		}
	})
	d.body.closeFrame()
	d.body.space(t.paraGap)
	return ast.WalkSkipChildren, nil
}

func expandTabs(s string) string {
	if !strings.Contains(s, "\t") {
		return s
	}
	var b strings.Builder
	col := 0
	for _, r := range s {
		if r == '\t' {
			n := 4 - col%4
			b.WriteString(strings.Repeat(" ", n))
			col += n
			continue
		}
		b.WriteRune(r)
		col++
	}
	return b.String()
}

// wrapCode breaks a code line at the column edge, after the last space
// that keeps at least half the line, else mid-token.
func (d *document) wrapCode(s string, st style, width float64) []string {
	var out []string
	for {
		w, cut, space := 0.0, 0, 0
		for i, r := range s {
			rw := d.m.runeWidth(r, st)
			if w+rw > width+eps {
				break
			}
			w += rw
			cut = i + utf8.RuneLen(r)
			if r == ' ' && w > width/2 {
				space = cut
			}
		}
		if cut >= len(s) {
			return append(out, s)
		}
		if cut == 0 {
			_, cut = utf8.DecodeRuneInString(s)
		}
		if space > 0 {
			cut = space
		}
		out = append(out, s[:cut])
		s = s[cut:]
	}
}

func (r *nodeRenderer) htmlBlock(_ util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		n := node.(*ast.HTMLBlock)
		r.d.blockLine(n)
		if n.HTMLBlockType != ast.HTMLBlockType2 { // comments are fine
			first := ""
			if n.Lines().Len() > 0 {
				seg := n.Lines().At(0)
				first = strings.TrimSpace(string(seg.Value(src)))
			}
			r.d.warn.add(r.d.line, "HTML block %q is left out of the PDF", shorten(first, 40))
		}
	}
	return ast.WalkSkipChildren, nil
}

func (r *nodeRenderer) thematicBreak(_ util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	d := r.d
	d.blockLine(n)
	l := d.body
	l.space(d.t.paraGap + 4)
	l.ensure(1)
	x, w := d.column()
	l.add(op{kind: opLine, x: x, y: l.y, w: x + w, h: l.y, size: 0.6, color: d.t.rule})
	l.y += 1
	l.space(d.t.paraGap + 4)
	return ast.WalkContinue, nil
}

// listHeight estimates the height of a list from the width of its items'
// text, without nested blocks' own spacing: enough to keep a short list
// together. It is at most half a page.
func (d *document) listHeight(n ast.Node) float64 {
	_, w := d.column()
	w -= d.t.listIndent + 4
	h := 0.0
	for it := n.FirstChild(); it != nil; it = it.NextSibling() {
		for c := it.FirstChild(); c != nil; c = c.NextSibling() {
			lines := math.Ceil(d.m.width(d.m.sanitize(d.plainText(c), 0, d.line), d.bodyStyle())/max(w, 1) + 0.15)
			h += max(1, lines)*d.t.bodyLead + d.t.tightGap
		}
	}
	return min(h, (d.body.limit()-d.t.top)/2)
}

// listState is an open list; label is the width of its label column.
type listState struct {
	ordered bool
	marker  byte
	next    int
	tight   bool
	label   float64
}

// label is a list bullet or number waiting for the first line of its item,
// so that it sits on that line's baseline whatever block comes first.
type label struct {
	text string
	x    float64 // right edge for numbers, left edge for bullets
	num  bool
	tag  int32 // the content slot of its Lbl
}

func (r *nodeRenderer) list(_ util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	d := r.d
	n := node.(*ast.List)
	if !entering {
		d.tags.end()
		ls := d.lists[len(d.lists)-1]
		d.lists = d.lists[:len(d.lists)-1]
		d.left -= ls.label
		if _, nested := n.Parent().(*ast.ListItem); nested && len(d.lists) > 0 && d.lists[len(d.lists)-1].tight {
			d.body.space(d.t.tightGap)
		} else {
			d.body.space(d.t.paraGap)
		}
		return ast.WalkContinue, nil
	}
	d.blockLine(n)
	if _, nested := n.Parent().(*ast.ListItem); nested && n.IsTight {
		d.body.space(d.t.tightGap)
	} else {
		d.body.space(d.t.paraGap)
	}
	if n.ChildCount() <= 4 {
		// A short list is not split: it moves to the next page whole.
		if h := d.listHeight(n); !d.body.fits(h) {
			d.carryLabel() // "Gefährdungen:" goes along
			d.body.ensure(h)
		}
	}
	ls := listState{ordered: n.IsOrdered(), marker: n.Marker, next: n.Start, tight: n.IsTight, label: d.t.listIndent}
	if ls.ordered {
		last := n.Start + n.ChildCount() - 1
		wide := max(d.m.width(fmt.Sprintf("%d%c", last, n.Marker), d.bodyStyle()),
			d.m.width(fmt.Sprintf("%d%c", n.Start, n.Marker), d.bodyStyle()))
		ls.label = max(ls.label+4, wide+7)
	}
	d.lists = append(d.lists, ls)
	d.left += ls.label
	d.tags.beginList(ls.ordered)
	return ast.WalkContinue, nil
}

func (r *nodeRenderer) listItem(_ util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	d := r.d
	if len(d.lists) == 0 {
		return ast.WalkContinue, nil
	}
	ls := &d.lists[len(d.lists)-1]
	if !entering {
		if len(d.labels) > 0 { // empty item: the label gets a line of its own
			d.body.ensure(d.t.bodyLead)
			d.flushLabels(d.baseline(d.body.y, d.t.bodySize, d.t.bodyLead))
			d.body.y += d.t.bodyLead
		}
		d.tags.end() // LBody
		d.tags.end() // LI
		return ast.WalkContinue, nil
	}
	d.blockLine(node)
	if node.PreviousSibling() != nil {
		if ls.tight {
			d.body.space(d.t.tightGap)
		} else {
			d.body.space(d.t.paraGap)
		}
	}
	x, _ := d.column()
	lb := label{x: x - 5, num: true}
	if ls.ordered {
		lb.text = fmt.Sprintf("%d%c", ls.next, ls.marker)
		ls.next++
	} else {
		bullets := []string{"•", "–", "◦"}
		lb.text = bullets[(len(d.lists)-1)%len(bullets)]
		lb.x, lb.num = x-ls.label+4, false
	}
	lb.tag = d.tags.beginItem()
	d.labels = append(d.labels, lb)
	return ast.WalkContinue, nil
}

// flushLabels draws the pending list labels on the baseline given.
func (d *document) flushLabels(base float64) {
	st := d.bodyStyle()
	for _, lb := range d.labels {
		s := d.m.sanitize(lb.text, st.face, d.line)
		x := lb.x
		if lb.num {
			x -= d.m.width(s, st)
		}
		d.body.add(op{kind: opText, face: st.face, size: st.size, color: st.color, x: x, y: base, s: s, tag: lb.tag})
	}
	d.labels = d.labels[:0]
}
