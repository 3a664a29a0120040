package pdf

import (
	"fmt"
	"math"
	"slices"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"trustdocs/generator/ttf"
)

// The watermark ("ENTWURF") is drawn as glyph outlines, not as text: text
// would become part of what pdftotext, a search or copy and paste read,
// letter by letter between the lines of the body. The outlines of the bold
// face are read with golang.org/x/image/font/sfnt.

// pathSeg is one step of a filled path, in page coordinates: move to,
// line to, cubic curve to (via c1 and c2), close.
type pathSeg struct {
	kind     byte // 'M', 'L', 'C', 'Z'
	x, y     float64
	c1x, c1y float64
	c2x, c2y float64
}

// watermark lays out Meta.Watermark across the page, centred on the page
// and rising along its diagonal, as large as fits in about two thirds of
// the diagonal (at most 150 pt). It returns nil for an empty watermark.
func (d *document) watermark() (*op, error) {
	var runes []rune
	for _, r := range d.meta.Watermark {
		if d.fonts.faces[faceBold].m.Has(r) {
			runes = append(runes, r)
		}
	}
	if len(runes) == 0 {
		return nil, nil
	}
	f, err := sfnt.Parse(d.fonts.faces[faceBold].ttf)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ttf.ErrFont, err)
	}
	// At a size of one font unit per pixel the outlines come in font
	// units (26.6 fixed point), y pointing down.
	upem := float64(f.UnitsPerEm())
	ppem := fixed.Int26_6(f.UnitsPerEm()) << 6
	var buf sfnt.Buffer
	type placed struct {
		segs []sfnt.Segment
		pen  float64
	}
	var glyphs []placed
	pen, top, bottom := 0.0, math.Inf(1), math.Inf(-1)
	for _, r := range runes {
		gid, err := f.GlyphIndex(&buf, r)
		if err != nil || gid == 0 {
			continue
		}
		segs, err := f.LoadGlyph(&buf, gid, ppem, nil)
		if err != nil {
			return nil, fmt.Errorf("%w: glyph of %q: %v", ttf.ErrFont, r, err)
		}
		segs = slices.Clone(segs) // buf is reused
		glyphs = append(glyphs, placed{segs, pen})
		for _, sg := range segs {
			for _, p := range sg.Args[:argCount(sg.Op)] {
				y := fu(p.Y)
				top, bottom = min(top, y), max(bottom, y)
			}
		}
		adv, err := f.GlyphAdvance(&buf, gid, ppem, font.HintingNone)
		if err != nil {
			return nil, fmt.Errorf("%w: advance of %q: %v", ttf.ErrFont, r, err)
		}
		pen += fu(adv)
	}
	if pen <= 0 || math.IsInf(top, 0) {
		return nil, nil
	}
	t := &d.t
	angle := math.Atan2(t.pageH, t.pageW)
	size := min(150, 0.62*math.Hypot(t.pageW, t.pageH)/(pen/upem))
	s := size / upem
	cx, cy := t.pageW/2, t.pageH/2
	cos, sin := math.Cos(angle), math.Sin(angle)
	var path []pathSeg
	for _, g := range glyphs {
		tf := func(p fixed.Point26_6) (float64, float64) {
			u := (g.pen+fu(p.X))*s - pen*s/2
			v := (fu(p.Y) - (top+bottom)/2) * s // y already points down, as on the page
			return cx + u*cos + v*sin, cy - u*sin + v*cos
		}
		path = outlinePath(path, g.segs, tf)
	}
	return &op{kind: opPath, color: t.watermark, size: t.watermarkAlpha, path: path}, nil
}

// fu converts 26.6 fixed point to a float.
func fu(v fixed.Int26_6) float64 { return float64(v) / 64 }

// argCount is the number of points a segment of the op carries.
func argCount(op sfnt.SegmentOp) int {
	switch op {
	case sfnt.SegmentOpQuadTo:
		return 2
	case sfnt.SegmentOpCubeTo:
		return 3
	}
	return 1
}

// outlinePath adds a glyph's segments to a path, through tf into page
// coordinates; every contour is closed, and quadratic curves become the
// cubic ones PDF draws.
func outlinePath(path []pathSeg, segs []sfnt.Segment, tf func(fixed.Point26_6) (float64, float64)) []pathSeg {
	open := false
	var cur fixed.Point26_6
	for _, sg := range segs {
		switch sg.Op {
		case sfnt.SegmentOpMoveTo:
			if open {
				path = append(path, pathSeg{kind: 'Z'})
			}
			x, y := tf(sg.Args[0])
			path = append(path, pathSeg{kind: 'M', x: x, y: y})
			open = true
			cur = sg.Args[0]
		case sfnt.SegmentOpLineTo:
			x, y := tf(sg.Args[0])
			path = append(path, pathSeg{kind: 'L', x: x, y: y})
			cur = sg.Args[0]
		case sfnt.SegmentOpQuadTo:
			q, p := sg.Args[0], sg.Args[1]
			c1 := fixed.Point26_6{X: cur.X + (q.X-cur.X)*2/3, Y: cur.Y + (q.Y-cur.Y)*2/3}
			c2 := fixed.Point26_6{X: p.X + (q.X-p.X)*2/3, Y: p.Y + (q.Y-p.Y)*2/3}
			path = appendCurve(path, tf, c1, c2, p)
			cur = p
		case sfnt.SegmentOpCubeTo:
			path = appendCurve(path, tf, sg.Args[0], sg.Args[1], sg.Args[2])
			cur = sg.Args[2]
		}
	}
	if open {
		path = append(path, pathSeg{kind: 'Z'})
	}
	return path
}

func appendCurve(path []pathSeg, tf func(fixed.Point26_6) (float64, float64), c1, c2, p fixed.Point26_6) []pathSeg {
	c1x, c1y := tf(c1)
	c2x, c2y := tf(c2)
	x, y := tf(p)
	return append(path, pathSeg{kind: 'C', x: x, y: y, c1x: c1x, c1y: c1y, c2x: c2x, c2y: c2y})
}
