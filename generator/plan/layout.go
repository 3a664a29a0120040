package plan

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
)

// spacing holds the distances that a tight layout shrinks.
type spacing struct {
	itemGap  float64 // between boxes of a column
	compGap  float64 // between the components of a site
	padY     float64 // above and below the text of a box
	groupPad float64 // site border to its components
	keep     float64 // keep services right unless that is keep × taller
}

var (
	normalSpacing = spacing{itemGap: 10, compGap: 5, padY: 4, groupPad: 6, keep: 1.15}
	tightSpacing  = spacing{itemGap: 5, compGap: 3, padY: 2.5, groupPad: 4, keep: 1}
)

const (
	margin     = 4.0  // around the drawing, keeps strokes inside
	padX       = 5.0  // box side to text
	labelSize  = 9.0  // node label; site header (bold)
	noteSize   = 7.5  // note line, legend
	hubSize    = 10.0 // Internet label (bold)
	linkSize   = 7.0  // link labels
	leading    = 1.2  // line height / font size
	ascent     = 0.95 // baseline below the top of its line / font size
	minBoxH    = 20.0
	laneStep   = 7.0   // a lane line from the next band inward
	laneLabelW = 120.0 // widest line of a label under the drawing
	minGap     = 20.0  // column to bus
	maxGap     = 44.0  // wider connector labels wrap
	minColW    = 40.0
	dropBelow  = 2.5 // a connector label's last baseline above its line
	linkLineH  = linkSize * leading
)

type item struct {
	kind  string
	node  Node
	comps []Node
}

// ref locates an ID: the item, and the component in it or -1.
type ref struct{ item, comp int }

// hubLink is the one connector of a node to the bus.
type hubLink struct {
	id, from, to string
	labels       []string
	dashed       bool
	lines        []string // wrapped to the gap
}

// laneLink is a link between two nodes, routed outside the columns.
type laneLink struct {
	from, to, label string
	dashed          bool
	size            float64  // of its label
	lines           []string // wrapped to laneLabelW, for a track below
	labelW          float64  // of the label in one line, along a lane
}

type builder struct {
	d   *Diagram
	m   Metrics
	sp  spacing
	k   float64 // text size factor: narrowScale for a phone, else 1
	w   float64
	def int // default split: company and sites left, services right
	its []item
	// narrow puts all items in one column right of the bus.
	narrow bool
	// sides holds the column of each item, -1 left or +1 right, for the
	// arrangement being measured or placed.
	sides []int
	// In a narrow layout lanes share tracks: band is the width assumed for
	// them (< 0: one track a lane), tracks the width place used.
	band, tracks float64
	at           map[string]ref
	hubs         []hubLink
	hub          map[string]int // ID → index in hubs
	lns          []laneLink
	// edges in link order: index into hubs (hub) or lns
	order     []edgeRef
	busW      float64
	hubLines  []string
	legendLns []string
}

// laneEnd is where a lane leaves a shape.
type laneEnd struct {
	shape int
	y     float64
}

type edgeRef struct {
	hub bool
	i   int
}

// shape is a placed box with what routing needs to know about it.
type shape struct {
	box  Box
	side int     // -1 left of the bus, +1 right
	conn float64 // y of the bus connector
	hdr  float64 // height of the band for outer attachments
	outs []attach
}

type attach struct {
	lane   int
	other  float64 // y of the other end, to order attachments
	isFrom bool
}

// columns lists the items of the left and the right column, top down, by
// index into builder.its.
type columns struct{ left, right []int }

// splitAt is the usual arrangement: items before s left, the rest right.
func (b *builder) splitAt(s int) columns {
	var c columns
	for i := range b.its {
		if i < s {
			c.left = append(c.left, i)
		} else {
			c.right = append(c.right, i)
		}
	}
	return c
}

// sitesRight moves the last k sites below the services in the right column.
func (b *builder) sitesRight(k int) columns {
	var c columns
	for i := range b.its {
		if i < b.def-k {
			c.left = append(c.left, i)
		} else if i >= b.def {
			c.right = append(c.right, i)
		}
	}
	for i := b.def - k; i < b.def; i++ {
		c.right = append(c.right, i)
	}
	return c
}

// arrange records which side each item of c stands on.
func (b *builder) arrange(c columns) {
	if len(b.sides) != len(b.its) {
		b.sides = make([]int, len(b.its))
	}
	for _, i := range c.left {
		b.sides[i] = -1
	}
	for _, i := range c.right {
		b.sides[i] = 1
	}
}

// siteGain is how much shorter moving sites right must make the drawing.
const siteGain = 0.85

// build lays the diagram out in width w with spacing sp: in one column if
// narrow, else in two, balanced by moving services left or sites right.
func build(d *Diagram, m Metrics, w float64, sp spacing, narrow bool, k float64) (*Layout, error) {
	b := &builder{d: d, m: m, sp: sp, w: w, narrow: narrow, k: k, at: map[string]ref{}, hub: map[string]int{}}
	b.collect()
	tooNarrow := func(cw float64) error {
		what := "columns"
		if narrow {
			what = "a column"
		}
		return fmt.Errorf("plan: width %.0f pt leaves %s of %.0f pt, less than %.0f", w, what, cw, minColW)
	}
	if narrow {
		// Shared tracks need less room than one a lane, which widens the
		// column, which moves the lanes: repeat while the lanes still fit.
		c := b.splitAt(0)
		b.band = -1
		cw := b.colW(c)
		if cw < minColW {
			return nil, tooNarrow(cw)
		}
		_, lBand, _, _ := b.widths(c)
		l, _ := b.place(c, cw)
		for range 6 {
			want := b.tracks
			if want >= lBand {
				break
			}
			b.band = want
			next, _ := b.place(c, b.colW(c))
			if b.tracks <= b.band { // else the wider column needs more room for lanes
				l, lBand = next, b.band
			}
		}
		return l, nil
	}
	s := b.def
	for range 4 {
		next := b.balance(b.colW(b.splitAt(s)))
		if next == s {
			break
		}
		s = next
	}
	c := b.splitAt(s)
	cw := b.colW(c)
	if cw < minColW {
		return nil, tooNarrow(cw)
	}
	l, body := b.place(c, cw)
	if s == b.def {
		if alt, altBody := b.moveSites(); alt != nil && altBody <= siteGain*body {
			l = alt
		}
	}
	return l, nil
}

// moveSites lays the diagram out with the sites that balance the columns
// best moved to the bottom of the right column, and returns it with the
// height of its drawing without the legend, or nil if no site can move.
// The caller keeps it only if that is much shorter: a site right of the bus
// reads less naturally.
func (b *builder) moveSites() (*Layout, float64) {
	nsites := b.def
	if nsites > 0 && b.its[0].kind == KindCompany {
		nsites--
	}
	if nsites == 0 {
		return nil, 0
	}
	k := 0
	for range 4 {
		c := b.splitAt(b.def)
		if k > 0 {
			c = b.sitesRight(k)
		}
		next := b.siteSplit(b.colW(c), nsites)
		if next == k {
			break
		}
		k = next
	}
	if k == 0 {
		return nil, 0
	}
	// The estimate ignores lanes and connector labels: try its neighbours.
	var best *Layout
	bestBody := 0.0
	for _, n := range []int{k, k - 1, k + 1} {
		if n < 1 || n > nsites {
			continue
		}
		c := b.sitesRight(n)
		cw := b.colW(c)
		if cw < minColW {
			continue
		}
		if l, body := b.place(c, cw); best == nil || body < bestBody {
			best, bestBody = l, body
		}
	}
	return best, bestBody
}

// siteSplit returns how many of the last sites to move right so that the
// columns are about equally tall, 0 for none.
func (b *builder) siteSplit(cw float64, nsites int) int {
	h := make([]float64, len(b.its))
	for i, it := range b.its {
		last := math.Inf(-1)
		sh := b.placeItem(it, 0, 0, cw, -1, &last)
		h[i] = sh[0].box.H + b.sp.itemGap
	}
	left, right := 0.0, 0.0
	for i, v := range h {
		if i < b.def {
			left += v
		} else {
			right += v
		}
	}
	best, bestH := 0, left
	for k := 1; k <= nsites; k++ {
		left -= h[b.def-k]
		right += h[b.def-k]
		if t := max(left, right); t < bestH {
			best, bestH = k, t
		}
	}
	return best
}

// collect indexes the nodes, merges the links to the bus per node and
// sizes the bus from its label.
func (b *builder) collect() {
	d := b.d
	if d.Company != nil {
		b.its = append(b.its, item{kind: KindCompany, node: *d.Company})
	}
	for _, g := range d.Sites {
		b.its = append(b.its, item{kind: KindSite, node: g.Node, comps: g.Components})
	}
	b.def = len(b.its)
	for _, s := range d.Services {
		b.its = append(b.its, item{kind: KindService, node: s})
	}
	for i, it := range b.its {
		b.at[it.node.ID] = ref{i, -1}
		for j, c := range it.comps {
			b.at[c.ID] = ref{i, j}
		}
	}
	for _, l := range d.Links {
		if l.From != Hub && l.To != Hub {
			b.order = append(b.order, edgeRef{false, len(b.lns)})
			ln := laneLink{from: l.From, to: l.To, label: strings.TrimSpace(l.Label), dashed: l.Dashed}
			ln.size = b.fs(linkSize)
			ln.lines = wrap(b.m, ln.label, ln.size, false, laneLabelW)
			ln.labelW = b.m.Width(ln.label, b.fs(linkSize), false)
			b.lns = append(b.lns, ln)
			continue
		}
		id := l.From
		if id == Hub {
			id = l.To
		}
		i, ok := b.hub[id]
		if !ok {
			i = len(b.hubs)
			b.hub[id] = i
			b.hubs = append(b.hubs, hubLink{id: id, from: l.From, to: l.To, dashed: true})
			b.order = append(b.order, edgeRef{true, i})
		}
		h := &b.hubs[i]
		h.dashed = h.dashed && l.Dashed // solid if any link is
		if lb := strings.TrimSpace(l.Label); lb != "" && !slices.Contains(h.labels, lb) {
			h.labels = append(h.labels, lb)
		}
	}

	word := 0.0
	for _, f := range strings.Fields(d.Hub) {
		word = max(word, b.m.Width(f, b.hubSize(), true))
	}
	b.busW = min(max(word+2*padX, 36), 90, b.w*0.2)
	b.hubLines = wrap(b.m, d.Hub, b.hubSize(), true, b.busW-2*padX)
	for _, t := range d.Legend {
		b.legendLns = append(b.legendLns, wrap(b.m, t, b.fs(noteSize), false, b.w-2*margin)...)
	}
}

// side is the column of the item that holds id, as arranged last.
func (b *builder) side(id string) int {
	return b.sides[b.at[id].item]
}

// narrowScales enlarge the text of a narrow layout, the first that fits:
// a phone of 390 CSS px shows the plan's NarrowWidth in about 340 px, so
// at 1.4 its smallest text (7 pt link labels) is 7 × 1.4 × 340/300 ≈ 11 px.
// A plan with many lanes gets a smaller factor rather than none.
var narrowScales = []float64{1.4, 1.3, 1.2, 1.1, 1}

// fs is the size of text of base size in this layout.
func (b *builder) fs(base float64) float64 { return base * b.k }

// hubSize is the size of the hub's label, enlarged less: the bus is at
// most a fifth of the width, and its word must not break.
func (b *builder) hubSize() float64 { return hubSize * min(b.k, 1.2) }

// bandW is the width a lane takes beside the column: the line, and for a
// link between two nodes of one side, its label written along the line.
func (l *laneLink) bandW(labelled bool) float64 {
	if labelled && l.labelW > 0 {
		return laneStep + alongGap + l.size*(textAscent+textDescent) + 1
	}
	return laneStep
}

// Ink extent of a line of text, over its size, for labels along a lane.
const (
	textAscent  = 0.9
	textDescent = 0.22
	alongGap    = 2.5 // lane line to the ink of its label
)

// widths arranges the items as c and returns the lane bands left and
// right of the columns and the gaps between columns and bus. A narrow
// layout has no left column: its gapL is 0.
func (b *builder) widths(c columns) (bandL, bandR, gapL, gapR float64) {
	b.arrange(c)
	for i := range b.lns {
		l := &b.lns[i]
		sf, st := b.side(l.from), b.side(l.to)
		switch {
		case sf != st:
			bandL += l.bandW(false)
			bandR += l.bandW(false)
		case sf < 0:
			bandL += l.bandW(true)
		default:
			bandR += l.bandW(true)
		}
	}
	// The gaps hold the connector labels; wider ones wrap.
	gapL, gapR = minGap, minGap
	for _, h := range b.hubs {
		g := min(b.m.Width(strings.Join(h.labels, ", "), b.fs(linkSize), false)+8, maxGap)
		if b.side(h.id) < 0 {
			gapL = max(gapL, g)
		} else {
			gapR = max(gapR, g)
		}
	}
	if b.narrow {
		gapL = 0
		if b.band >= 0 {
			bandR = b.band
		}
	}
	return
}

// colW is the column width when the items are arranged as c.
func (b *builder) colW(c columns) float64 {
	bandL, bandR, gapL, gapR := b.widths(c)
	if b.narrow {
		return b.w - 2*margin - bandL - bandR - gapR - b.busW
	}
	return (b.w - 2*margin - bandL - bandR - gapL - gapR - b.busW) / 2
}

// balance returns the split that makes the columns about equally tall:
// services move from the right column to the bottom of the left one if
// that makes the drawing shorter by more than the spacing's keep factor.
func (b *builder) balance(cw float64) int {
	n := len(b.its)
	sum := make([]float64, n+1)
	for i, it := range b.its {
		last := math.Inf(-1)
		sh := b.placeItem(it, 0, 0, cw, -1, &last)
		sum[i+1] = sum[i] + sh[0].box.H + b.sp.itemGap
	}
	height := func(s int) float64 {
		return max(sum[s], sum[n]-sum[s])
	}
	best := b.def
	for s := b.def + 1; s <= n; s++ {
		if height(s) < height(best) {
			best = s
		}
	}
	if height(b.def) <= b.sp.keep*height(best) {
		return b.def
	}
	return best
}

type spec struct {
	s    string
	size float64
	bold bool
}

func (b *builder) specs(n Node, width, size float64, bold bool) []spec {
	var out []spec
	for _, t := range wrap(b.m, n.Label, size, bold, width) {
		out = append(out, spec{t, size, bold})
	}
	for _, t := range wrap(b.m, n.Note, b.fs(noteSize), false, width) {
		out = append(out, spec{t, b.fs(noteSize), false})
	}
	return out
}

func blockH(sp []spec) float64 {
	h := 0.0
	for _, s := range sp {
		h += s.size * leading
	}
	return h
}

// lines sets the specs one under the other from top, anchored at x.
func lines(sp []spec, x, top float64, anchor string) []Text {
	out := make([]Text, 0, len(sp))
	for _, s := range sp {
		out = append(out, Text{X: x, Y: top + ascent*s.size, S: s.s, Size: s.size, Bold: s.bold, Anchor: anchor})
		top += s.size * leading
	}
	return out
}

func title(n Node) string {
	if strings.TrimSpace(n.Note) == "" {
		return n.Label
	}
	return n.Label + " (" + n.Note + ")"
}

// above is the room a connector's label needs above its line.
func (b *builder) above(id string) float64 {
	i, ok := b.hub[id]
	if !ok || len(b.hubs[i].lines) == 0 {
		return 0
	}
	return float64(len(b.hubs[i].lines))*(b.fs(linkSize)*leading) + 1
}

// fit moves a box down so that its connector label clears the connector
// above it; *last is the y of that connector.
func (b *builder) fit(id string, conn float64, last *float64) float64 {
	if _, ok := b.hub[id]; !ok {
		return 0
	}
	push := max(0, *last+2+b.above(id)-conn)
	*last = conn + push
	return push
}

// placeItem places one column item at y; a site comes first, its
// components after it.
func (b *builder) placeItem(it item, x, y, cw float64, side int, last *float64) []shape {
	sp := b.sp
	if it.kind != KindSite {
		text := b.specs(it.node, cw-2*padX, b.fs(labelSize), false)
		h := max(minBoxH, 2*sp.padY+blockH(text))
		y += b.fit(it.node.ID, y+h/2, last)
		box := Box{ID: it.node.ID, Kind: it.kind, X: x, Y: y, W: cw, H: h, Title: title(it.node),
			Lines: lines(text, x+cw/2, y+(h-blockH(text))/2, "middle")}
		return []shape{{box: box, side: side, conn: y + h/2, hdr: h}}
	}
	head := b.specs(it.node, cw-2*padX, b.fs(labelSize), true)
	hdr := 2*sp.padY + blockH(head)
	y += b.fit(it.node.ID, y+hdr/2, last)
	group := Box{ID: it.node.ID, Kind: KindSite, X: x, Y: y, W: cw, Title: title(it.node),
		Lines: lines(head, x+padX, y+sp.padY, "start")}
	out := []shape{{side: side, conn: y + hdr/2, hdr: hdr}}
	cx, cwi := x+sp.groupPad, cw-2*sp.groupPad
	cy := y + hdr
	for _, c := range it.comps {
		text := b.specs(c, cwi-2*padX, b.fs(labelSize), false)
		h := max(minBoxH, 2*sp.padY+blockH(text))
		cy += b.fit(c.ID, cy+h/2, last)
		box := Box{ID: c.ID, Kind: KindComponent, X: cx, Y: cy, W: cwi, H: h, Title: title(c),
			Lines: lines(text, cx+cwi/2, cy+(h-blockH(text))/2, "middle")}
		out = append(out, shape{box: box, side: side, conn: cy + h/2, hdr: h})
		cy += h + sp.compGap
	}
	group.H = hdr
	if len(it.comps) > 0 {
		group.H = cy - sp.compGap + sp.groupPad - y
	}
	out[0].box = group
	return out
}

// place lays out the columns, the bus and the links. It also returns the
// height of the drawing without the legend under it.
func (b *builder) place(cols columns, cw float64) (*Layout, float64) {
	bandL, _, gapL, gapR := b.widths(cols)
	for i := range b.hubs {
		h := &b.hubs[i]
		g := gapL
		if b.side(h.id) > 0 {
			g = gapR
		}
		h.lines = wrap(b.m, strings.Join(h.labels, ", "), b.fs(linkSize), false, g-6)
	}
	colL := margin + bandL
	busX := colL + cw + gapL
	if b.narrow {
		busX = colL // nothing stands left of the bus
	}
	colR := busX + b.busW + gapR

	// Columns.
	var shapes []shape
	idx := map[string]int{}
	bottom := [2]float64{margin, margin}
	for c, x := range []float64{colL, colR} {
		col, side := cols.left, -1
		if c == 1 {
			col, side = cols.right, 1
		}
		y, last := margin, margin-2
		for _, i := range col {
			sh := b.placeItem(b.its[i], x, y, cw, side, &last)
			for _, s := range sh {
				idx[s.box.ID] = len(shapes)
				shapes = append(shapes, s)
			}
			bottom[c] = sh[0].box.Y + sh[0].box.H
			y = bottom[c] + b.sp.itemGap
		}
	}

	// The bus, with its label at the top.
	hubText := make([]spec, 0, len(b.hubLines))
	for _, t := range b.hubLines {
		hubText = append(hubText, spec{t, b.hubSize(), true})
	}
	busBottom := max(bottom[0], bottom[1], margin+2*b.sp.padY+blockH(hubText))
	hub := Box{ID: Hub, Kind: KindHub, X: busX, Y: margin, W: b.busW, H: busBottom - margin, Title: b.d.Hub,
		Lines: lines(hubText, busX+b.busW/2, margin+b.sp.padY, "middle")}

	l := &Layout{W: b.w, Title: b.d.Title, Desc: b.d.Desc}
	l.Boxes = append(l.Boxes, hub)
	for _, s := range shapes {
		l.Boxes = append(l.Boxes, s.box)
	}

	// Connectors to the bus, labels centred in the gap above the line.
	edges := make([]Edge, len(b.order))
	var labels [][]Text
	hubEdge := func(h *hubLink) (Edge, []Text) {
		s := shapes[idx[h.id]]
		bx := s.box
		x1, x2, mid := bx.X+bx.W, busX, (colL+cw+busX)/2
		if s.side > 0 {
			x1, x2, mid = bx.X, busX+b.busW, (busX+b.busW+colR)/2
		}
		pts := []Point{{x1, s.conn}, {x2, s.conn}}
		if h.from == Hub {
			pts[0], pts[1] = pts[1], pts[0]
		}
		return Edge{From: h.from, To: h.to, Points: pts, Dashed: h.dashed},
			stackAbove(h.lines, mid, s.conn, "middle", b.fs(linkSize))
	}

	// Links between two nodes: attachment points on the outer sides first.
	ends := make([][2]laneEnd, len(b.lns))
	for i := range b.lns {
		ln := &b.lns[i]
		f, t := idx[ln.from], idx[ln.to]
		ends[i] = [2]laneEnd{{shape: f}, {shape: t}}
		of, ot := shapes[t].conn, shapes[f].conn
		if shapes[f].side != shapes[t].side {
			of, ot = math.Inf(1), math.Inf(1) // they leave downwards
		}
		shapes[f].outs = append(shapes[f].outs, attach{lane: i, other: of, isFrom: true})
		shapes[t].outs = append(shapes[t].outs, attach{lane: i, other: ot})
	}
	for si := range shapes {
		s := &shapes[si]
		slices.SortStableFunc(s.outs, func(a, c attach) int {
			return cmp.Or(cmp.Compare(a.other, c.other), cmp.Compare(a.lane, c.lane))
		})
		for k, a := range s.outs {
			y := s.box.Y + s.hdr*float64(k+1)/float64(len(s.outs)+1)
			e := 1
			if a.isFrom {
				e = 0
			}
			ends[a.lane][e].y = y
		}
	}

	// Lanes per side, innermost first. Links across nest: the one leaving
	// lowest innermost. A label runs beside its line, where only lanes
	// further out cross, so labelled links within a side go outermost.
	var same [2][]int
	var cross []int
	for i := range b.lns {
		sf, st := shapes[ends[i][0].shape].side, shapes[ends[i][1].shape].side
		switch {
		case sf != st:
			cross = append(cross, i)
		case sf < 0:
			same[0] = append(same[0], i)
		default:
			same[1] = append(same[1], i)
		}
	}
	leftY := func(i int) float64 {
		if shapes[ends[i][0].shape].side < 0 {
			return ends[i][0].y
		}
		return ends[i][1].y
	}
	slices.SortStableFunc(cross, func(a, c int) int {
		return cmp.Or(cmp.Compare(leftY(c), leftY(a)), cmp.Compare(a, c))
	})
	span := func(i int) float64 { return math.Abs(ends[i][0].y - ends[i][1].y) }

	laneX := make([][2]float64, len(b.lns)) // line x on the left, right side
	laneEdges := make([]Edge, len(b.lns))
	laneLabels := make([][]Text, len(b.lns))
	labelBottom := 0.0
	for side := range 2 {
		if b.narrow {
			if side == 1 {
				labelBottom = b.shareTracks(same[1], ends, shapes, colR+cw, laneEdges, laneLabels)
			}
			continue
		}
		var plain, labelled []int
		for _, i := range same[side] {
			if b.lns[i].labelW > 0 {
				labelled = append(labelled, i)
			} else {
				plain = append(plain, i)
			}
		}
		bySpan := func(a, c int) int { return cmp.Or(cmp.Compare(span(a), span(c)), cmp.Compare(a, c)) }
		slices.SortStableFunc(plain, bySpan)
		slices.SortStableFunc(labelled, bySpan)
		// labelSpot places the label of labelled[j]: the connections of
		// the lanes outside it cross its band.
		labelSpot := func(order []int, j int) (float64, int) {
			var blocked []float64
			for _, k := range order[j+1:] {
				for _, en := range ends[k] {
					if shapes[en.shape].side == 2*side-1 {
						blocked = append(blocked, en.y)
					}
				}
			}
			a, c := ends[order[j]][0].y, ends[order[j]][1].y
			half := b.lns[order[j]].labelW / 2
			return clearSpot(max(min(a, c), margin+half), max(a, c, margin+half), half, blocked)
		}
		hits := func(order []int) int {
			n := 0
			for j := range order {
				_, h := labelSpot(order, j)
				n += h
			}
			return n
		}
		// Neighbours swap while that clears labels; bounded, as it is
		// quadratic in the lanes per pass.
		if len(labelled) <= 40 {
			best := hits(labelled)
			for pass := 0; pass < len(labelled) && best > 0; pass++ {
				improved := false
				for k := 0; k+1 < len(labelled); k++ {
					labelled[k], labelled[k+1] = labelled[k+1], labelled[k]
					if h := hits(labelled); h < best {
						best, improved = h, true
					} else {
						labelled[k], labelled[k+1] = labelled[k+1], labelled[k]
					}
				}
				if !improved {
					break
				}
			}
		}

		order := slices.Concat(plain, cross, labelled)
		dir, e := -1.0, colL
		if side == 1 {
			dir, e = 1, colR+cw
		}
		for j, i := range order {
			ln := &b.lns[i]
			isCross := j >= len(plain) && j < len(plain)+len(cross)
			x := e + dir*laneStep
			laneX[i][side] = x
			e += dir * ln.bandW(!isCross)
			if isCross {
				continue
			}
			a, c := ends[i][0], ends[i][1]
			outer := func(le laneEnd) float64 {
				bx := shapes[le.shape].box
				if side == 1 {
					return bx.X + bx.W
				}
				return bx.X
			}
			laneEdges[i] = Edge{From: ln.from, To: ln.to, Dashed: ln.dashed,
				Points: []Point{{outer(a), a.y}, {x, a.y}, {x, c.y}, {outer(c), c.y}}}
			if ln.labelW == 0 {
				continue
			}
			// The label reads upwards along the outer side of the line.
			cy, _ := labelSpot(labelled, j-len(plain)-len(cross))
			tx := x - alongGap - textDescent*b.fs(linkSize)
			if side == 1 {
				tx = x + alongGap + textAscent*b.fs(linkSize)
			}
			laneLabels[i] = []Text{{X: tx, Y: cy, S: ln.label, Size: b.fs(linkSize), Anchor: "middle", Vertical: true}}
			labelBottom = max(labelBottom, cy+ln.labelW/2)
		}
	}

	// Links across run below everything, the innermost on the highest track.
	y := max(busBottom, labelBottom)
	for _, i := range cross {
		ln := &b.lns[i]
		y += 4
		if len(ln.lines) > 0 {
			y += float64(len(ln.lines))*(b.fs(linkSize)*leading) + 1
		}
		a, c := ends[i][0], ends[i][1]
		if shapes[a.shape].side > 0 {
			a, c = c, a
		}
		la, lc := shapes[a.shape].box, shapes[c.shape].box
		xl, xr := laneX[i][0], laneX[i][1]
		pts := []Point{{la.X, a.y}, {xl, a.y}, {xl, y}, {xr, y}, {xr, c.y}, {lc.X + lc.W, c.y}}
		if a.shape != ends[i][0].shape {
			slices.Reverse(pts)
		}
		laneEdges[i] = Edge{From: ln.from, To: ln.to, Points: pts, Dashed: ln.dashed}
		laneLabels[i] = stackAbove(ln.lines, (xl+xr)/2, y, "middle", b.fs(linkSize))
	}

	for k, r := range b.order {
		if r.hub {
			var t []Text
			edges[k], t = hubEdge(&b.hubs[r.i])
			labels = append(labels, t)
		} else {
			edges[k] = laneEdges[r.i]
			labels = append(labels, laneLabels[r.i])
		}
	}
	l.Edges = edges
	for _, t := range labels {
		l.Texts = append(l.Texts, t...)
	}

	// The legend goes under the drawing, or into the corner under the left
	// column if that ends high enough: only connectors above it and lanes
	// left of it reach there.
	legend, lx, ly, under := b.legendLns, margin, y+8, true
	if !b.narrow && len(cols.left) > 0 && len(legend) > 0 {
		var lns []string
		for _, t := range b.d.Legend {
			lns = append(lns, wrap(b.m, t, b.fs(noteSize), false, busX-4-colL)...)
		}
		if bottom[0]+8+float64(len(lns))*b.fs(noteSize)*leading <= busBottom {
			legend, lx, ly, under = lns, colL, bottom[0]+8, false
		}
	}
	for _, t := range legend {
		l.Texts = append(l.Texts, Text{X: lx, Y: ly + ascent*b.fs(noteSize), S: t, Size: b.fs(noteSize), Anchor: "start"})
		ly += b.fs(noteSize) * leading
	}
	body := y + margin
	if under && len(legend) > 0 {
		y = ly
	}
	l.H = y + margin
	l.round()
	l.normalize()
	return l, body
}

// trackGap keeps two lanes on one track apart, so they do not read as one.
const trackGap = 6.0

// shareTracks routes the lanes right of the one column of a narrow layout,
// from its edge e outwards. Lanes whose lines and labels are apart in y
// share a track: each goes on the innermost track where it fits, where its
// connections cross no label of a track inside and the connections of the
// tracks outside leave room for its label. It fills in the edges and
// labels, records the tracks' width in b.tracks and returns the bottom of
// the labels.
func (b *builder) shareTracks(lanes []int, ends [][2]laneEnd, shapes []shape, e float64, edges []Edge, labels [][]Text) float64 {
	span := func(i int) float64 { return math.Abs(ends[i][0].y - ends[i][1].y) }
	order := slices.Clone(lanes)
	slices.SortStableFunc(order, func(a, c int) int {
		la, lc := b.lns[a].labelW > 0, b.lns[c].labelW > 0
		if la != lc { // unlabelled lanes inside
			if lc {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(span(a), span(c)), cmp.Compare(a, c))
	})
	// Per lane: its track, the centre of its label and the run in y its
	// line and label take on the track.
	type run struct{ lo, hi float64 }
	var tracks [][]int // lanes, innermost track first
	trackOf := make([]int, len(b.lns))
	labelY := make([]float64, len(b.lns))
	taken := make([]run, len(b.lns))
	label := func(i int) run {
		h := b.lns[i].labelW / 2
		return run{labelY[i] - h, labelY[i] + h}
	}
	// crossesLabels: a connection at y of a lane outside track t.
	crossesLabels := func(y float64, t int) bool {
		for _, in := range tracks[:t] {
			for _, k := range in {
				if r := label(k); b.lns[k].labelW > 0 && y > r.lo-1 && y < r.hi+1 {
					return true
				}
			}
		}
		return false
	}
	stubsOutside := func(t int) []float64 {
		var ys []float64
		for _, out := range tracks[min(t+1, len(tracks)):] {
			for _, k := range out {
				ys = append(ys, ends[k][0].y, ends[k][1].y)
			}
		}
		return ys
	}
	// spot places the label of lane i on track t, and says if its run
	// there keeps clear of the other lanes of the track.
	spot := func(i, t int) (cy float64, r run, hits int, ok bool) {
		a, c := ends[i][0].y, ends[i][1].y
		r = run{min(a, c), max(a, c)}
		if half := b.lns[i].labelW / 2; half > 0 {
			cy, hits = clearSpot(max(r.lo, margin+half), max(r.hi, margin+half), half, stubsOutside(t))
			r = run{min(r.lo, cy-half), max(r.hi, cy+half)}
		}
		for _, k := range tracks[t] {
			if k != i && r.lo < taken[k].hi+trackGap && taken[k].lo < r.hi+trackGap {
				return cy, r, hits, false
			}
		}
		return cy, r, hits, true
	}
	for _, i := range order {
		a, c := ends[i][0].y, ends[i][1].y
		for t := 0; ; t++ {
			if t == len(tracks) {
				// A track of its own, outside all: the label is clear, but
				// the connections may cross labels inside; fixed below.
				tracks = append(tracks, nil)
				labelY[i], taken[i], _, _ = spot(i, t)
			} else {
				if crossesLabels(a, t) || crossesLabels(c, t) {
					continue
				}
				cy, r, hits, ok := spot(i, t)
				if hits > 0 || !ok {
					continue
				}
				labelY[i], taken[i] = cy, r
			}
			tracks[t] = append(tracks[t], i)
			trackOf[i] = t
			break
		}
	}
	// Move labels that connections of later lanes cross, where there is room.
	for t, tr := range tracks {
		for _, i := range tr {
			if b.lns[i].labelW == 0 {
				continue
			}
			r := label(i)
			if !slices.ContainsFunc(stubsOutside(t), func(y float64) bool { return math.Abs(y-labelY[i]) < r.hi-labelY[i]+1 }) {
				continue
			}
			if cy, r, hits, ok := spot(i, t); ok && hits == 0 {
				labelY[i], taken[i] = cy, r
			}
		}
	}
	xs := make([]float64, len(tracks))
	b.tracks = 0
	for t, tr := range tracks {
		xs[t] = e + b.tracks + laneStep
		w := 0.0
		for _, i := range tr {
			w = max(w, b.lns[i].bandW(true))
		}
		b.tracks += w
	}
	bottom := 0.0
	for _, i := range order {
		ln := &b.lns[i]
		x := xs[trackOf[i]]
		a, c := ends[i][0], ends[i][1]
		outer := func(le laneEnd) float64 {
			bx := shapes[le.shape].box
			return bx.X + bx.W
		}
		edges[i] = Edge{From: ln.from, To: ln.to, Dashed: ln.dashed,
			Points: []Point{{outer(a), a.y}, {x, a.y}, {x, c.y}, {outer(c), c.y}}}
		if ln.labelW == 0 {
			continue
		}
		tx := x + alongGap + textAscent*b.fs(linkSize)
		labels[i] = []Text{{X: tx, Y: labelY[i], S: ln.label, Size: b.fs(linkSize), Anchor: "middle", Vertical: true}}
		bottom = max(bottom, labelY[i]+ln.labelW/2)
	}
	return bottom
}

// stackAbove sets label lines centred on x, the last baseline just above y.
func stackAbove(ls []string, x, y float64, anchor string, size float64) []Text {
	out := make([]Text, 0, len(ls))
	for i, t := range ls {
		base := y - dropBelow - float64(len(ls)-1-i)*(size*leading)
		out = append(out, Text{X: x, Y: base, S: t, Size: size, Anchor: anchor})
	}
	return out
}

// clearSpot centres a label of half length half at a y in [lo, hi] where
// it covers as few blocked ys as it can, as near the middle as it can. It
// returns the y and how many blocked ys the label still covers.
func clearSpot(lo, hi, half float64, blocked []float64) (float64, int) {
	mid := (lo + hi) / 2
	covers := func(c float64) int {
		n := 0
		for _, y := range blocked {
			if math.Abs(y-c) < half+1 {
				n++
			}
		}
		return n
	}
	best, bestN := mid, covers(mid)
	for _, y := range blocked {
		if bestN == 0 {
			break
		}
		for _, c := range []float64{y - half - 1.5, y + half + 1.5} {
			c = min(max(c, lo), hi)
			n := covers(c)
			if n < bestN || n == bestN && math.Abs(c-mid) < math.Abs(best-mid) {
				best, bestN = c, n
			}
		}
	}
	return best, bestN
}

// round keeps coordinates to 0.01 pt so the JSON is short and stable.
func (l *Layout) round() {
	r := func(v *float64) {
		*v = math.Round(*v*100) / 100
		if *v == 0 {
			*v = 0 // no -0
		}
	}
	rt := func(t []Text) {
		for i := range t {
			r(&t[i].X)
			r(&t[i].Y)
			r(&t[i].Size)
		}
	}
	r(&l.W)
	r(&l.H)
	for i := range l.Boxes {
		bx := &l.Boxes[i]
		r(&bx.X)
		r(&bx.Y)
		r(&bx.W)
		r(&bx.H)
		rt(bx.Lines)
	}
	for i := range l.Edges {
		for j := range l.Edges[i].Points {
			r(&l.Edges[i].Points[j].X)
			r(&l.Edges[i].Points[j].Y)
		}
	}
	rt(l.Texts)
}

// normalize makes empty lists non-nil so JSON has [] and round trips.
func (l *Layout) normalize() {
	if l.Boxes == nil {
		l.Boxes = []Box{}
	}
	if l.Edges == nil {
		l.Edges = []Edge{}
	}
	if l.Texts == nil {
		l.Texts = []Text{}
	}
	for i := range l.Boxes {
		if l.Boxes[i].Lines == nil {
			l.Boxes[i].Lines = []Text{}
		}
	}
	for i := range l.Edges {
		if l.Edges[i].Points == nil {
			l.Edges[i].Points = []Point{}
		}
	}
}
