package pdf

import (
	"trustdocs/generator/plan"
)

// figure places an overview plan (package plan) in the text column as
// vector graphics: boxes, lines and text, no raster image, with its caption
// under it. The layout (its legend included) was computed when the
// Markdown was made; here it is only scaled down to the column (and to a
// page, for a plan taller than one) and centred. Drawing, legend and
// caption are one piece: where they do not fit, they float to the top of
// the next page and the text after them fills this one.
func (d *document) figure(lay *plan.Layout, caption string) {
	t := &d.t
	x, w := d.column()
	capSt := style{face: faceSans, size: captionSize, color: t.text}
	b := d.newBreaker()
	b.hy = nil
	capLines := b.breakLines(b.tokenize([]run{{text: d.m.sanitize(caption, capSt.face, d.line), st: capSt}}), w, true)
	if caption == "" {
		capLines = nil
	}
	capH := 0.0
	if len(capLines) > 0 {
		capH = captionGap + float64(len(capLines))*captionLead
	}
	maxH := t.pageH - t.top - t.bottom - capH
	s := 1.0
	if lay.W > w {
		s = w / lay.W
	}
	if lay.H*s > maxH {
		s = maxH / lay.H
	}
	l := d.body
	l.space(t.paraGap)
	// Rather than float, take a little less room.
	for _, shrink := range []float64{0.95, 0.9, 0.85} {
		if l.fits(lay.H*s+capH) || !l.fits(lay.H*s*shrink+capH) {
			continue
		}
		s *= shrink
		break
	}
	h := lay.H*s + capH
	elem := d.tags.current()
	draw := func(top float64) {
		prev := d.tags.enter(elem)
		defer d.tags.enter(prev)
		c := &figureCanvas{d: d, ox: x + (w-lay.W*s)/2, oy: top, s: s}
		lay.Draw(c)
		if len(capLines) == 0 {
			return
		}
		d.tags.begin(structCaption)
		defer d.tags.end()
		y := top + lay.H*s + captionGap
		for _, ln := range capLines {
			segs := b.place(ln, w, alignLeft)
			lw := 0.0
			if n := len(segs); n > 0 {
				lw = segs[n-1].x + segs[n-1].w
			}
			// Centred under the drawing, as the drawing is in the column.
			d.drawSegs(l, b, segs, x+(w-lw)/2, d.baseline(y, captionSize, captionLead), y, captionLead)
			y += captionLead
		}
	}
	if len(l.floats) == 0 && (l.fits(h) || l.atTop()) {
		l.ensure(h)
		draw(l.y)
		l.y += h
		l.space(t.paraGap)
		return
	}
	l.gap, l.fixed = 0, false
	l.floats = append(l.floats, float{h: h, draw: draw})
}

// The caption: a size smaller than the text, in the plan's sans face.
const (
	captionSize = 9
	captionLead = 12
	captionGap  = 6 // between the drawing and the caption
)

// figureCanvas turns plan's drawing calls into display-list ops.
type figureCanvas struct {
	d      *document
	ox, oy float64 // where the layout's origin lands on the page
	s      float64 // scale
}

func (c *figureCanvas) pt(p plan.Point) (float64, float64) { return c.ox + p.X*c.s, c.oy + p.Y*c.s }

func colour(v plan.RGB) rgb { return rgb{v.R, v.G, v.B} }

func (c *figureCanvas) Rect(x, y, w, h float64, st plan.Style) {
	o := op{kind: opBox, x: c.ox + x*c.s, y: c.oy + y*c.s, w: w * c.s, h: h * c.s,
		color: colour(st.Fill), stroke: colour(st.Stroke), size: st.LineWidth * c.s}
	if st.LineWidth <= 0 {
		o.n |= boxNoStroke
	}
	if st.Radius > 0 {
		o.n |= boxRound
		o.w2 = st.Radius * c.s
	}
	c.d.body.add(o)
}

func (c *figureCanvas) Line(pts []plan.Point, st plan.Style) {
	if len(pts) < 2 {
		return
	}
	o := op{kind: opStroke, stroke: colour(st.Stroke), size: st.LineWidth * c.s}
	for i, p := range pts {
		x, y := c.pt(p)
		k := byte('L')
		if i == 0 {
			k = 'M'
		}
		o.path = append(o.path, pathSeg{kind: k, x: x, y: y})
	}
	if st.Dashed {
		o.n |= boxDash
		o.w2 = c.s // the dash pattern scales with the drawing
	}
	c.d.body.add(o)
}

func (c *figureCanvas) Text(tx plan.Text, st plan.Style) {
	face := faceSans
	if tx.Bold {
		face |= faceBold
	}
	size := tx.Size * c.s
	text := c.d.m.sanitize(tx.S, face, c.d.line)
	x, y := c.pt(plan.Point{X: tx.X, Y: tx.Y})
	wd := c.d.m.width(text, style{face: face, size: size})
	shift := 0.0
	switch tx.Anchor {
	case "middle":
		shift = wd / 2
	case "end":
		shift = wd
	}
	if tx.Vertical {
		// Turned about (x, y) counter-clockwise: the text runs up the page.
		c.d.body.add(op{kind: opTextUp, face: face, size: size, color: colour(st.Fill), x: x, y: y + shift, s: text})
		return
	}
	c.d.body.add(op{kind: opText, face: face, size: size, color: colour(st.Fill), x: x - shift, y: y, s: text})
}

// shape paints an opBox, opStroke or opTextUp.
func (p *painter) shape(o op) {
	if o.kind == opTextUp {
		p.setFont(o.face, o.size)
		p.setFill(o.color)
		p.doc.TransformBegin()
		p.doc.TransformRotate(90, o.x, o.y)
		p.doc.Text(o.x, o.y, o.s)
		p.doc.TransformEnd()
		// Q restored the graphics state of before: font and colours may differ.
		p.hasFont, p.hasFill, p.hasStroke = false, false, false
		return
	}
	p.setStroke(o.stroke, o.size)
	style := ""
	if o.kind == opBox {
		if o.n&boxNoFill == 0 {
			p.setFill(o.color)
			style += "F"
		}
		if o.n&boxNoStroke == 0 {
			style += "D"
		}
		if style == "" {
			return
		}
	}
	if o.n&boxDash != 0 {
		p.doc.SetDashPattern([]float64{plan.DashOn * o.w2, plan.DashOff * o.w2}, 0)
		defer p.doc.SetDashPattern([]float64{}, 0)
	}
	switch o.kind {
	case opBox:
		if o.n&boxRound != 0 {
			p.doc.RoundedRect(o.x, o.y, o.w, o.h, min(o.w2, o.w/2, o.h/2), "1234", style)
		} else {
			p.doc.Rect(o.x, o.y, o.w, o.h, style)
		}
	case opStroke:
		for _, s := range o.path {
			if s.kind == 'M' {
				p.doc.MoveTo(s.x, s.y)
			} else {
				p.doc.LineTo(s.x, s.y)
			}
		}
		p.doc.DrawPath("D")
	}
}
