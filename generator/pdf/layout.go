package pdf

// Layout produces a display list: pages of positioned drawing operations.
// Nothing touches fpdf until every page is known, so the table of contents
// can print exact page numbers and the footer the page count without
// fpdf's page-number alias.

type opKind uint8

const (
	opText     opKind = iota // s at (x, y = baseline) in face/size/color
	opFill                   // rectangle x, y, w, h filled with color
	opLine                   // from (x, y) to (w, h), line width size
	opLink                   // clickable rectangle to document link n (URL or heading)
	opLinkDest               // clickable rectangle to heading n
	opBookmark               // outline entry s at level n, y
	opClip                   // clip what follows to the rectangle x, y, w, h
	opClipEnd                // end the clipping (restores graphics state)
	opPath                   // fill path in color, with opacity size (1 opaque)
	opBox                    // rectangle x, y, w, h filled with color, outlined in stroke (width size), corner radius w2 if n&boxRound
	opStroke                 // path outlined in stroke, line width size, dashed (scaled by w2) if n&boxDash
	opTextUp                 // s like opText, turned 90° counter-clockwise about (x, y)
)

// Flags of opBox and opStroke in op.n.
const (
	boxNoFill = 1 << iota
	boxNoStroke
	boxRound
	boxDash
)

type op struct {
	kind   opKind
	face   faceID
	color  rgb
	stroke rgb     // opBox, opStroke
	w2     float64 // opBox: corner radius; opStroke: dash scale
	x, y   float64
	w, h   float64
	size   float64
	s      string
	n      int // opText: spaces of a justified run (justify.go); opLink: the link
	path   []pathSeg
	tag    int32 // content slot in the structure tree (tagger.go); 0: untagged
}

// page is one page of the display list. under is drawn first
// (backgrounds); bars are the vertical extents of lines with redline
// changes, which get a change bar in the margin.
type page struct {
	under, ops []op
	bars       [][2]float64
}

// frame is a decoration around a run of blocks that may cross pages: the
// bar of a block quote or the background of a code block. It is drawn as
// one piece per page.
type frame struct {
	fill           bool // background (else a vertical bar)
	x, w           float64
	color          rgb
	padTop, padBot float64
	startY         float64
}

// layout is the vertical cursor over a list of pages.
type layout struct {
	t      *theme
	pages  []*page
	y      float64
	gap    float64 // pending space before the next block; collapses (max)
	fixed  bool    // gap is set exactly (after a heading, at a frame top)
	frames []*frame
	fresh  bool    // nothing placed on this page yet
	tg     *tagger // stamps what is added with the current element
	extra  float64 // room lent from the bottom margin for a section's last line
	floats []float // figures waiting for the top of the next page
	top    float64 // space before the next block that stays at a page top (keepTop)
}

// float is a figure that did not fit where it stands in the text. Like
// LaTeX's [tp] placement it goes to the top of the next page, in the order
// the figures come, while the text after it fills the page it was met on.
type float struct {
	h    float64           // height, caption and legend included
	draw func(top float64) // adds its ops with their top at top
}

// floatSep is the space between a float at a page top and the text under
// it (LaTeX's \textfloatsep is 20 pt at 10 pt; ours is a little less).
const floatSep = 15

func newLayout(t *theme) *layout {
	l := &layout{t: t}
	l.newPage()
	return l
}

func (l *layout) page() *page { return l.pages[len(l.pages)-1] }

// limit is the lowest y content may reach, leaving room for the bottom
// padding of open frames.
func (l *layout) limit() float64 {
	y := l.t.pageH - l.t.bottom + l.extra
	for _, f := range l.frames {
		y -= f.padBot
	}
	return y
}

// space asks for at least g points before the next block.
func (l *layout) space(g float64) {
	if !l.fixed {
		l.gap = max(l.gap, g)
	}
}

// setGap fixes the space before the next block, ignoring its own request.
func (l *layout) setGap(g float64) {
	l.gap, l.fixed = g, true
}

// ensure makes room for h points (after the pending gap), starting a new
// page if needed, and moves the cursor past the gap. It reports whether a
// page was started.
//
// At a page top the space before a block is dropped, as TeX discards glue
// at a break: a paragraph or a section heading starts flush with the top
// of the text area. Only a block that asked with keepTop (a chapter
// heading, like LaTeX's \vspace* before \chapter) keeps it there, so a
// chapter opens a little lower on its page whether or not it starts one.
func (l *layout) ensure(h float64) bool {
	gap, top := l.gap, l.top
	if l.fresh {
		gap = top
	}
	l.gap, l.fixed, l.top = 0, false, 0
	if l.y+gap+h <= l.limit()+eps || l.fresh {
		l.y += gap
		l.fresh = false
		return false
	}
	l.newPage()
	if l.atTop() {
		l.y += top
	}
	l.fresh = false
	return true
}

// keepTop asks for g points before the next block that stay at a page top.
func (l *layout) keepTop(g float64) {
	l.space(g)
	l.top = g
}

// fits reports whether h points fit below the cursor and pending gap.
func (l *layout) fits(h float64) bool {
	gap := l.gap
	if l.fresh {
		gap = 0
	}
	return l.y+gap+h <= l.limit()+eps
}

// newPage ends the current page, closing every open frame's piece on it,
// and opens the frames again at the top of the next one.
func (l *layout) newPage() {
	if len(l.pages) > 0 {
		end := l.y
		for i := len(l.frames) - 1; i >= 0; i-- {
			f := l.frames[i]
			if l.y <= f.startY+f.padTop+eps {
				continue // nothing of this frame on the page
			}
			end += f.padBot
			l.drawFrame(f, end)
		}
	}
	// A page holds about as many ops as the one before: room for them at
	// once, not by doubling (the display list is most of the allocations).
	hint := 0
	if n := len(l.pages); n > 0 {
		hint = len(l.pages[n-1].ops)
	}
	l.pages = append(l.pages, &page{ops: make([]op, 0, hint)})
	l.y = l.t.top
	placed := l.placeFloats()
	for _, f := range l.frames {
		f.startY = l.y
		l.y += f.padTop
	}
	l.gap, l.fixed, l.fresh = 0, true, !placed
}

// placeFloats puts the waiting figures at the top of a new page, as many as
// fit (the first always does: it was sized for a page). It reports whether
// it placed any.
func (l *layout) placeFloats() bool {
	n := 0
	for n < len(l.floats) && (n == 0 || l.y+l.floats[n].h <= l.limit()+eps) {
		l.floats[n].draw(l.y)
		l.y += l.floats[n].h + floatSep
		n++
	}
	l.floats = l.floats[n:]
	return n > 0
}

// flushFloats ends the body: figures still waiting get pages of their own.
func (l *layout) flushFloats() {
	for len(l.floats) > 0 {
		l.newPage()
	}
}

// continuePage starts a new page for a block that carries on across the
// break: the block's remaining content follows at the top without a gap.
func (l *layout) continuePage() {
	l.newPage()
	l.fresh, l.fixed = false, false
}

func (l *layout) drawFrame(f *frame, end float64) {
	if end <= f.startY {
		return
	}
	p := l.page()
	if f.fill {
		p.under = append(p.under, op{kind: opFill, x: f.x, y: f.startY, w: f.w, h: end - f.startY, color: f.color})
	} else {
		p.ops = append(p.ops, op{kind: opFill, x: f.x, y: f.startY, w: f.w, h: end - f.startY, color: f.color})
	}
}

// openFrame starts a decoration; minH is the content that must fit with it
// on this page (so a code block does not start with its padding alone).
func (l *layout) openFrame(f *frame, minH float64) {
	l.ensure(f.padTop + minH + f.padBot)
	f.startY = l.y
	l.y += f.padTop
	l.frames = append(l.frames, f)
	l.gap, l.fixed = 0, true
}

func (l *layout) closeFrame() {
	f := l.frames[len(l.frames)-1]
	l.frames = l.frames[:len(l.frames)-1]
	l.y += f.padBot
	l.drawFrame(f, l.y)
	l.gap, l.fixed = 0, false
}

// placeLines places n lines of height lh, calling draw with each line's top.
// It keeps at least two lines of a paragraph together at the foot of a page
// (no orphan) and does not carry a single last line over (no widow).
func (l *layout) placeLines(n int, lh float64, draw func(i int, top float64)) {
	i := 0
	for i < n {
		l.ensure(lh)
		fit := int((l.limit()-l.y)/lh + eps)
		if fit < 1 {
			fit = 1 // a fresh page always takes a line
		}
		left := n - i
		if fit < left {
			switch {
			case fit == 1 && left >= 2 && i == 0 && !l.atTop():
				l.newPage()
				continue
			case left-fit == 1 && (fit >= 3 || i > 0 && fit >= 2):
				fit-- // carry two lines, not one (no widow)
			case left-fit == 1 && i == 0 && !l.atTop():
				l.newPage() // two here and one there: all three there
				continue
			}
		}
		take := min(fit, left)
		for k := 0; k < take; k++ {
			draw(i+k, l.y)
			l.y += lh
		}
		i += take
		if i < n {
			l.continuePage()
		}
	}
}

// atTop reports whether the cursor is at the top of the page's text area.
func (l *layout) atTop() bool {
	y := l.t.top
	for _, f := range l.frames {
		y += f.padTop
	}
	return l.y <= y+eps
}

func (l *layout) add(o op) {
	if o.tag == 0 {
		o.tag = l.tg.slot()
	}
	p := l.page()
	p.ops = append(p.ops, o)
}

func (l *layout) addUnder(o op) { p := l.page(); p.under = append(p.under, o) }
