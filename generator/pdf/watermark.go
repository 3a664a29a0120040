package pdf

import (
	"encoding/binary"
	"fmt"
	"math"

	"trustdocs/generator/ttf"
)

// The watermark ("ENTWURF") is drawn as glyph outlines, not as text: text
// would become part of what pdftotext, a search or copy and paste read,
// letter by letter between the lines of the body. The outlines come from
// the TrueType 'glyf' table of the bold face.

// pathSeg is one step of a filled path, in page coordinates: move to,
// line to, cubic curve to (via c1 and c2), close.
type pathSeg struct {
	kind     byte // 'M', 'L', 'C', 'Z'
	x, y     float64
	c1x, c1y float64
	c2x, c2y float64
}

// gpt is a point of a TrueType contour in font units.
type gpt struct {
	x, y float64
	on   bool
}

// outlineFont reads glyph outlines from a TrueType font.
type outlineFont struct {
	upem  float64
	loca  []int
	glyf  []byte
	hmtx  []byte
	numHM int
}

func newOutlineFont(font []byte) (o *outlineFont, err error) {
	defer func() {
		if r := recover(); r != nil {
			o, err = nil, fmt.Errorf("%w: %v", ttf.ErrFont, r)
		}
	}()
	t, err := ttf.Tables(font)
	if err != nil {
		return nil, err
	}
	head, maxp, loca, glyf, hhea := t["head"], t["maxp"], t["loca"], t["glyf"], t["hhea"]
	if len(head) < 54 || len(maxp) < 6 || loca == nil || glyf == nil || len(hhea) < 36 {
		return nil, fmt.Errorf("%w: no TrueType outlines", ttf.ErrFont)
	}
	o = &outlineFont{
		upem:  float64(binary.BigEndian.Uint16(head[18:])),
		glyf:  glyf,
		hmtx:  t["hmtx"],
		numHM: int(binary.BigEndian.Uint16(hhea[34:])),
	}
	n := int(binary.BigEndian.Uint16(maxp[4:]))
	long := binary.BigEndian.Uint16(head[50:]) == 1
	for i := 0; i <= n; i++ {
		var off int
		if long {
			off = int(binary.BigEndian.Uint32(loca[4*i:]))
		} else {
			off = 2 * int(binary.BigEndian.Uint16(loca[2*i:]))
		}
		o.loca = append(o.loca, off)
	}
	if o.upem == 0 || o.numHM == 0 || 4*o.numHM > len(o.hmtx) {
		return nil, ttf.ErrFont
	}
	return o, nil
}

func (o *outlineFont) advance(gid int) float64 {
	if gid >= o.numHM {
		gid = o.numHM - 1
	}
	return float64(binary.BigEndian.Uint16(o.hmtx[4*gid:]))
}

// contours returns the outline of a glyph; composite glyphs (Ä = A + ¨)
// are assembled from their parts.
func (o *outlineFont) contours(gid, depth int) [][]gpt {
	if depth > 8 || gid < 0 || gid+1 >= len(o.loca) {
		return nil
	}
	a, b := o.loca[gid], o.loca[gid+1]
	if a >= b || b > len(o.glyf) {
		return nil
	}
	g := o.glyf[a:b]
	u16 := func(off int) int { return int(binary.BigEndian.Uint16(g[off:])) }
	i16 := func(off int) float64 { return float64(int16(binary.BigEndian.Uint16(g[off:]))) }
	n := int(int16(u16(0)))
	if n < 0 {
		var out [][]gpt
		off := 10
		for {
			flags, child := u16(off), u16(off+2)
			off += 4
			var dx, dy float64
			if flags&1 != 0 {
				dx, dy = i16(off), i16(off+2)
				off += 4
			} else {
				dx, dy = float64(int8(g[off])), float64(int8(g[off+1]))
				off += 2
			}
			if flags&2 == 0 {
				dx, dy = 0, 0 // anchored by point numbers: not used by Liberation's Latin glyphs
			}
			m := [4]float64{1, 0, 0, 1}
			f2 := func(off int) float64 { return i16(off) / 16384 }
			switch {
			case flags&0x08 != 0:
				m[0], m[3] = f2(off), f2(off)
				off += 2
			case flags&0x40 != 0:
				m[0], m[3] = f2(off), f2(off+2)
				off += 4
			case flags&0x80 != 0:
				m = [4]float64{f2(off), f2(off + 2), f2(off + 4), f2(off + 6)}
				off += 8
			}
			for _, c := range o.contours(child, depth+1) {
				t := make([]gpt, len(c))
				for k, p := range c {
					t[k] = gpt{m[0]*p.x + m[2]*p.y + dx, m[1]*p.x + m[3]*p.y + dy, p.on}
				}
				out = append(out, t)
			}
			if flags&0x20 == 0 {
				return out
			}
		}
	}
	ends := make([]int, n)
	for i := range n {
		ends[i] = u16(10 + 2*i)
	}
	if n == 0 {
		return nil
	}
	np := ends[n-1] + 1
	off := 10 + 2*n
	off += 2 + u16(off) // instructions
	flags := make([]byte, 0, np)
	for len(flags) < np {
		f := g[off]
		off++
		flags = append(flags, f)
		if f&8 != 0 {
			r := int(g[off])
			off++
			for ; r > 0 && len(flags) < np; r-- {
				flags = append(flags, f)
			}
		}
	}
	coord := func(short, same byte) []float64 {
		out := make([]float64, np)
		v := 0.0
		for i, f := range flags {
			switch {
			case f&short != 0:
				d := float64(g[off])
				off++
				if f&same == 0 {
					d = -d
				}
				v += d
			case f&same == 0:
				v += i16(off)
				off += 2
			}
			out[i] = v
		}
		return out
	}
	xs := coord(0x02, 0x10)
	ys := coord(0x04, 0x20)
	var out [][]gpt
	start := 0
	for _, e := range ends {
		if e < start || e >= np {
			return out
		}
		c := make([]gpt, 0, e-start+1)
		for k := start; k <= e; k++ {
			c = append(c, gpt{xs[k], ys[k], flags[k]&1 != 0})
		}
		out = append(out, c)
		start = e + 1
	}
	return out
}

// quadPath adds a closed TrueType contour (quadratic, with implied on-curve
// points between two off-curve ones) to a path, through tf into page
// coordinates; quadratic curves become the cubic ones PDF draws.
func quadPath(path []pathSeg, c []gpt, tf func(x, y float64) (float64, float64)) []pathSeg {
	if len(c) < 2 {
		return path
	}
	start := -1
	for i, p := range c {
		if p.on {
			start = i
			break
		}
	}
	var pts []gpt
	if start < 0 {
		// All off-curve: start at the midpoint of the first two.
		m := gpt{(c[0].x + c[1].x) / 2, (c[0].y + c[1].y) / 2, true}
		pts = append([]gpt{m}, c[1:]...)
		pts = append(pts, c[0])
	} else {
		pts = append(append([]gpt{}, c[start:]...), c[:start]...)
	}
	p0 := pts[0]
	x0, y0 := tf(p0.x, p0.y)
	path = append(path, pathSeg{kind: 'M', x: x0, y: y0})
	cur := p0
	var ctrl *gpt
	quad := func(q, p gpt) {
		c1x, c1y := tf(cur.x+2.0/3*(q.x-cur.x), cur.y+2.0/3*(q.y-cur.y))
		c2x, c2y := tf(p.x+2.0/3*(q.x-p.x), p.y+2.0/3*(q.y-p.y))
		x, y := tf(p.x, p.y)
		path = append(path, pathSeg{kind: 'C', x: x, y: y, c1x: c1x, c1y: c1y, c2x: c2x, c2y: c2y})
		cur = p
	}
	for _, p := range append(pts[1:], p0) {
		switch {
		case p.on && ctrl != nil:
			quad(*ctrl, p)
			ctrl = nil
		case p.on:
			x, y := tf(p.x, p.y)
			path = append(path, pathSeg{kind: 'L', x: x, y: y})
			cur = p
		case ctrl != nil:
			mid := gpt{(ctrl.x + p.x) / 2, (ctrl.y + p.y) / 2, true}
			quad(*ctrl, mid)
			q := p
			ctrl = &q
		default:
			q := p
			ctrl = &q
		}
	}
	return append(path, pathSeg{kind: 'Z'})
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
	o, err := newOutlineFont(d.fonts.faces[faceBold].ttf)
	if err != nil {
		return nil, err
	}
	gids := map[rune]int{}
	tables, _ := ttf.Tables(d.fonts.faces[faceBold].ttf)
	if sub := ttf.FindCmap4(tables["cmap"]); sub != nil {
		_ = ttf.EachCmap4(sub, func(r rune, gid int) { gids[r] = gid })
	}
	type placed struct {
		c   [][]gpt
		pen float64
	}
	var glyphs []placed
	pen, lo, hi := 0.0, math.Inf(1), math.Inf(-1)
	for _, r := range runes {
		gid := gids[r]
		c := o.contours(gid, 0)
		glyphs = append(glyphs, placed{c, pen})
		for _, cc := range c {
			for _, p := range cc {
				lo, hi = min(lo, p.y), max(hi, p.y)
			}
		}
		pen += o.advance(gid)
	}
	if pen <= 0 || math.IsInf(lo, 0) {
		return nil, nil
	}
	t := &d.t
	angle := math.Atan2(t.pageH, t.pageW)
	size := min(150, 0.62*math.Hypot(t.pageW, t.pageH)/(pen/o.upem))
	s := size / o.upem
	cx, cy := t.pageW/2, t.pageH/2
	cos, sin := math.Cos(angle), math.Sin(angle)
	var path []pathSeg
	for _, g := range glyphs {
		tf := func(x, y float64) (float64, float64) {
			u := (g.pen+x)*s - pen*s/2
			v := -(y - (lo+hi)/2) * s
			return cx + u*cos + v*sin, cy - u*sin + v*cos
		}
		for _, c := range g.c {
			path = quadPath(path, c, tf)
		}
	}
	return &op{kind: opPath, color: t.watermark, size: t.watermarkAlpha, path: path}, nil
}
