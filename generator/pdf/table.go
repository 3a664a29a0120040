package pdf

import (
	"math"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
)

// tableState collects a GFM table's cells while the walk visits them; the
// table is laid out when it is complete, since column widths depend on
// every cell.
type tableState struct {
	rows []tableRow
	line int
}

type tableRow struct {
	header bool
	cells  []tableCell
}

type tableCell struct {
	runs  []run
	align east.Alignment
}

func (r *nodeRenderer) table(_ util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	d := r.d
	if entering {
		d.blockLine(n)
		d.table = &tableState{line: d.line}
		return ast.WalkContinue, nil
	}
	if d.table != nil {
		d.layoutTable(d.table)
		d.table = nil
	}
	return ast.WalkContinue, nil
}

func (r *nodeRenderer) tableRow(_ util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if t := r.d.table; entering && t != nil {
		t.rows = append(t.rows, tableRow{header: n.Kind() == east.KindTableHeader})
	}
	return ast.WalkContinue, nil
}

func (r *nodeRenderer) tableCell(_ util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	d := r.d
	t := d.table
	if t == nil || len(t.rows) == 0 {
		return ast.WalkContinue, nil
	}
	row := &t.rows[len(t.rows)-1]
	if entering {
		st := style{size: d.t.tableSize, color: d.t.text}
		if row.header {
			st.face = faceBold
		}
		d.beginInline(st)
		return ast.WalkContinue, nil
	}
	row.cells = append(row.cells, tableCell{runs: d.endInline(), align: node.(*east.TableCell).Alignment})
	return ast.WalkContinue, nil
}

// fitColumns shares the width among columns the way browsers lay out
// auto tables: each gets at least its longest word, at most its natural
// width, and the rest in proportion; a table always spans the column.
func fitColumns(mins, maxs []float64, width float64) []float64 {
	n := len(mins)
	out := make([]float64, n)
	var sumMin, sumMax float64
	for i := range n {
		maxs[i] = max(maxs[i], mins[i])
		sumMin += mins[i]
		sumMax += maxs[i]
	}
	switch {
	case sumMax <= 0:
		for i := range out {
			out[i] = width / float64(n)
		}
	case sumMax <= width:
		for i := range out {
			out[i] = maxs[i] + (width-sumMax)*maxs[i]/sumMax
		}
	case sumMin >= width:
		// Too narrow for every word: narrow columns keep their longest
		// word, the wide ones share what is left (their words get split).
		fixed := make([]bool, n)
		for {
			rest, share, open := width, 0.0, 0
			for i := range n {
				if fixed[i] {
					rest -= mins[i]
				} else {
					share += mins[i]
					open++
				}
			}
			changed := false
			for i := range n {
				if !fixed[i] && mins[i] <= rest/float64(open) {
					fixed[i], changed = true, true
				}
			}
			if changed {
				continue
			}
			for i := range n {
				out[i] = mins[i]
				if !fixed[i] && share > 0 {
					out[i] = max(0, rest) * mins[i] / share
				}
			}
			return out
		}
	default:
		for i := range out {
			out[i] = mins[i] + (maxs[i]-mins[i])*(width-sumMin)/(sumMax-sumMin)
		}
	}
	return out
}

// tableGrid is a table after line breaking.
type tableGrid struct {
	b      *breaker
	x      float64
	widths []float64
	rows   [][]cellLines
	header int // number of header rows at the top (0 or 1), repeated on each page

	shadeFirst bool // the first row is a header too tall to repeat
	repeat     bool // the header row drawn now repeats it on a new page
}

type cellLines struct {
	lines []lineItems
	align alignment
	elem  int32 // its TH or TD
}

func (d *document) layoutTable(ts *tableState) {
	if len(ts.rows) == 0 {
		return
	}
	t := &d.t
	ncol := 0
	for _, r := range ts.rows {
		ncol = max(ncol, len(r.cells))
	}
	if ncol == 0 {
		return
	}
	g := &tableGrid{b: d.newBreaker()}
	items := make([][][]item, len(ts.rows))
	mins, maxs := make([]float64, ncol), make([]float64, ncol)
	for ri, r := range ts.rows {
		items[ri] = make([][]item, ncol)
		for ci := range ncol {
			if ci < len(r.cells) {
				items[ri][ci] = g.b.tokenize(r.cells[ci].runs)
			}
			lo, hi := minMax(items[ri][ci])
			mins[ci] = max(mins[ci], lo+2*t.cellPadX)
			maxs[ci] = max(maxs[ci], hi+2*t.cellPadX)
		}
		if r.header && ri == 0 {
			g.header = 1
		}
	}
	var w float64
	g.x, w = d.column()
	g.widths = fitColumns(mins, maxs, w)
	if sum(maxs) > w+eps && len(ts.rows) <= balanceRows {
		g.widths = d.balanceColumns(g.b, items, g.widths, g.header > 0)
	}
	if ncol == 2 && g.header == 1 && d.meta.ColumnHeads != [2]string{} && len(ts.rows[0].cells) == 2 &&
		plainRuns(ts.rows[0].cells[0].runs) == d.meta.ColumnHeads[0] && plainRuns(ts.rows[0].cells[1].runs) == d.meta.ColumnHeads[1] {
		// Anlage 1's technical | organisational table: two equal halves, as
		// on the forms it follows, however long the one side's measures.
		g.widths = []float64{w / 2, w / 2}
	}
	d.tags.begin(structTable)
	for ri, r := range ts.rows {
		row := make([]cellLines, ncol)
		d.tags.begin(structTR)
		for ci := range ncol {
			row[ci].elem = d.tags.cell(r.header)
			row[ci].lines = g.b.breakLines(items[ri][ci], g.widths[ci]-2*t.cellPadX, true)
			if ci < len(r.cells) {
				row[ci].align = cellAlign(r.cells[ci].align)
			}
		}
		d.tags.end()
		g.rows = append(g.rows, row)
	}
	d.tags.end()
	d.drawTable(g, ts.line)
}

// balanceRows is the largest table whose column widths are balanced: the
// cost grows with the rows, and a long table's rows are read one by one.
const balanceRows = 30

// balanceColumns moves width between the columns of a table that must
// wrap, as long as that makes the table shorter: fitColumns shares the
// width by the length of the text, so a column of short words beside one
// of long sentences can come out narrow and its cells many lines tall.
// Each step moves a few points from one column to another where that
// saves lines; the first best move wins ties, so it is deterministic.
func (d *document) balanceColumns(b *breaker, items [][][]item, widths []float64, header bool) []float64 {
	t := &d.t
	ncol := len(widths)
	// A column keeps room for a few letters, and for the longest word of
	// its header if it had that room to begin with.
	floor := make([]float64, ncol)
	for c := range ncol {
		floor[c] = 2*t.cellPadX + 4*t.tableSize
		if header {
			lo, _ := minMax(items[0][c])
			floor[c] = max(floor[c], min(lo+2*t.cellPadX, widths[c]))
		}
	}
	widths = slices.Clone(widths)
	type key struct {
		col int
		w   int64
	}
	memo := map[key][]int{}
	linesAt := func(c int, w float64) []int {
		k := key{c, int64(math.Round(w * 8))}
		if n, ok := memo[k]; ok {
			return n
		}
		n := make([]int, len(items))
		for r := range items {
			cell := items[r][c]
			n[r] = max(1, len(b.breakLines(cell[:len(cell):len(cell)], w-2*t.cellPadX, true)))
		}
		memo[k] = n
		return n
	}
	cur := make([][]int, ncol)
	for c := range ncol {
		cur[c] = linesAt(c, widths[c])
	}
	height := func(i, j int, li, lj []int) int {
		h := 0
		for r := range items {
			m := 0
			for c := range ncol {
				n := cur[c][r]
				switch c {
				case i:
					n = li[r]
				case j:
					n = lj[r]
				}
				m = max(m, n)
			}
			h += m
		}
		return h
	}
	best := height(-1, -1, nil, nil)
	for range 4 * ncol * ncol {
		bi, bj, bd := -1, -1, 0.0
		var bli, blj []int
		for _, delta := range []float64{3, 9, 18, 30} {
			for i := range ncol {
				if widths[i]-delta < floor[i] {
					continue
				}
				li := linesAt(i, widths[i]-delta)
				for j := range ncol {
					if j == i {
						continue
					}
					lj := linesAt(j, widths[j]+delta)
					if h := height(i, j, li, lj); h < best {
						best, bi, bj, bd, bli, blj = h, i, j, delta, li, lj
					}
				}
			}
		}
		if bi < 0 {
			break
		}
		widths[bi] -= bd
		widths[bj] += bd
		cur[bi], cur[bj] = bli, blj
	}
	return widths
}

// plainRuns is the text of a cell, trimmed.
func plainRuns(runs []run) string {
	var b strings.Builder
	for _, r := range runs {
		b.WriteString(r.text)
	}
	return strings.TrimSpace(b.String())
}

func cellAlign(a east.Alignment) alignment {
	switch a {
	case east.AlignCenter:
		return alignCenter
	case east.AlignRight:
		return alignRight
	}
	return alignLeft
}

func (d *document) rowHeight(row []cellLines) float64 {
	n := 1
	for _, c := range row {
		n = max(n, len(c.lines))
	}
	return float64(n)*d.t.tableLead + 2*d.t.cellPadY
}

// drawTable places the rows page by page. A row that does not fit moves to
// the next page, which starts with the header row again; a row taller than
// a whole page is split between lines.
func (d *document) drawTable(g *tableGrid, line int) {
	t := &d.t
	l := d.body
	l.space(t.paraGap + 2)
	room := l.limit() - t.top // a fresh page
	headH := 0.0
	if g.header > 0 {
		headH = d.rowHeight(g.rows[0])
		if headH > room/3 {
			// Repeating a header this tall would leave no room for rows.
			g.header, g.shadeFirst = 0, true
			headH = 0
		}
	}
	body := g.rows[g.header:]
	first := headH
	if len(body) > 0 {
		if h := d.rowHeight(body[0]); headH+h <= room {
			first += h
		} else {
			first += t.tableLead + 2*t.cellPadY
		}
	}
	if !l.fits(first) {
		d.carryLabel() // "… process these data:" goes along
	}
	l.ensure(first)
	d.flushLabels(d.baseline(l.y+t.cellPadY, t.bodySize, t.tableLead))

	var seg tableSeg
	startPage := func() {
		seg = tableSeg{top: l.y}
		if g.header > 0 {
			d.drawRow(g, g.rows[0], nil, &seg, true)
		}
	}
	nextPage := func() {
		d.finishSeg(g, &seg)
		l.continuePage()
		startPage()
	}
	startPage()
	g.repeat = true
	split := false
	for i, row := range body {
		shade := i == 0 && g.shadeFirst
		h := d.rowHeight(row)
		// The last row alone on a new page under a repeated header: like a
		// section's closing line it may run into the bottom margin instead
		// (\enlargethispage), ending 6 pt above the footer's rule.
		if room := t.footerY - 15 - (t.pageH - t.bottom); i == len(body)-1 && i > 0 && l.extra == 0 &&
			l.y+h > l.limit()+eps && l.y+h <= l.limit()+room+eps {
			l.extra = room
			defer func() { l.extra = 0 }()
		}
		if l.y+h > l.limit()+eps && len(seg.rows) > g.header {
			nextPage()
		}
		if l.y+h <= l.limit()+eps {
			d.drawRow(g, row, nil, &seg, shade)
			continue
		}
		// Taller than a page: draw it in slices of whole lines.
		split = true
		from := make([]int, len(row))
		for {
			if l.y+t.tableLead+2*t.cellPadY > l.limit()+eps && len(seg.rows) > g.header {
				nextPage()
			}
			if d.drawRow(g, row, from, &seg, shade) {
				break
			}
			nextPage()
		}
	}
	d.finishSeg(g, &seg)
	if split {
		d.warn.add(line, "a table row is taller than a page and is split across pages")
	}
	l.space(t.paraGap + 2)
}

// tableSeg is the part of a table on one page, for drawing its rules.
type tableSeg struct {
	top  float64
	rows []float64 // bottom of each row drawn on this page
	head bool      // the first row is the header
}

// drawRow draws a row at the cursor. With from == nil the whole row is
// drawn; otherwise as many lines as fit, from[c] onwards, and it reports
// whether the row is complete.
func (d *document) drawRow(g *tableGrid, row []cellLines, from []int, seg *tableSeg, header bool) bool {
	t := &d.t
	l := d.body
	top := l.y
	n := 0 // lines in this slice
	done := true
	for ci, c := range row {
		k := len(c.lines)
		if from != nil {
			fit := max(1, int((l.limit()-top-2*t.cellPadY)/t.tableLead+eps))
			k = max(0, min(k-from[ci], fit))
			if from[ci]+k < len(c.lines) {
				done = false
			}
		}
		n = max(n, k)
	}
	h := float64(max(n, 1))*t.tableLead + 2*t.cellPadY
	if header {
		seg.head = true
		l.addUnder(op{kind: opFill, x: g.x, y: top, w: sum(g.widths), h: h, color: t.tableHead})
	}
	x := g.x
	for ci, c := range row {
		start, end := 0, len(c.lines)
		if from != nil {
			start = from[ci]
			end = min(end, start+n)
			from[ci] = end
		}
		inner := g.widths[ci] - 2*t.cellPadX
		clipped := false
		prev := d.tags.enter(c.elem)
		if header && g.repeat && g.header > 0 {
			d.tags.enter(-1) // a repeated header row is an artifact
		}
		for k := start; k < end; k++ {
			lt := top + t.cellPadY + float64(k-start)*t.tableLead
			base := d.baseline(lt, t.tableSize, t.tableLead)
			d.segs = g.b.placeInto(d.segs, c.lines[k], inner, c.align)
			segs := d.segs
			if n := len(segs); n > 0 && segs[n-1].x+segs[n-1].w > inner+eps && !clipped {
				// A column narrower than a single letter: keep the overflow
				// inside the cell rather than on its neighbour or the margin.
				clipped = true
				l.add(op{kind: opClip, x: x, y: top, w: g.widths[ci], h: h})
			}
			d.drawSegs(l, g.b, segs, x+t.cellPadX, base, lt, t.tableLead)
		}
		if clipped {
			l.add(op{kind: opClipEnd})
		}
		d.tags.enter(prev)
		x += g.widths[ci]
	}
	l.y = top + h
	seg.rows = append(seg.rows, l.y)
	return done
}

// finishSeg draws the rules of the table part on the current page: a full
// grid in a light grey, the line under the header a little stronger.
func (d *document) finishSeg(g *tableGrid, seg *tableSeg) {
	if len(seg.rows) == 0 {
		return
	}
	t := &d.t
	l := d.body
	x2 := g.x + sum(g.widths)
	bottom := seg.rows[len(seg.rows)-1]
	hline := func(y, w float64, c rgb) {
		l.add(op{kind: opLine, x: g.x, y: y, w: x2, h: y, size: w, color: c})
	}
	hline(seg.top, 0.6, t.rule)
	for i, y := range seg.rows {
		if i == 0 && seg.head {
			hline(y, 0.9, t.muted)
			continue
		}
		hline(y, 0.4, t.rule)
	}
	x := g.x
	for i := 0; i <= len(g.widths); i++ {
		l.add(op{kind: opLine, x: x, y: seg.top, w: x, h: bottom, size: 0.4, color: t.rule})
		if i < len(g.widths) {
			x += g.widths[i]
		}
	}
	seg.rows = nil
}

func sum(fs []float64) float64 {
	s := 0.0
	for _, f := range fs {
		s += f
	}
	return s
}
