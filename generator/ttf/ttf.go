// Package ttf reads what text layout needs from a TrueType font: advance
// widths and coverage of the Basic Multilingual Plane, vertical metrics, and
// the tables and cmap for readers of outlines. The PDF renderer and the plan
// layout measure with it, so both agree with what fpdf draws.
package ttf

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// Metrics is what the layout needs from a TrueType font: advance widths and
// coverage of the Basic Multilingual Plane, plus vertical metrics.
//
// Widths are in 1/1000 em, rounded exactly as fpdf rounds them for the /W
// array, so that a line we measure is the line the viewer draws.
type Metrics struct {
	widths  []uint16 // indexed by rune (BMP only)
	covered []uint64 // bitset over the BMP: the font maps the rune to a glyph
	Ascent  float64  // hhea ascender, em
	Descent float64  // hhea descender, em, positive
}

// Has reports whether the font maps r to a glyph.
func (m *Metrics) Has(r rune) bool {
	if r < 0 || r > 0xFFFF {
		return false
	}
	return m.covered[r>>6]&(1<<(uint(r)&63)) != 0
}

// Width returns the advance of r in 1/1000 em; 0 for runes the font lacks.
func (m *Metrics) Width(r rune) int {
	if r < 0 || r > 0xFFFF {
		return 0
	}
	return int(m.widths[r])
}

// ErrFont is the error (wrapped) for font data that cannot be used.
var ErrFont = errors.New("not a usable TrueType font")

// Parse reads head, hhea, hmtx and the Unicode BMP cmap (format 4).
// It picks the same cmap subtable as fpdf (platform 3/1 or 0, format 4), so a
// rune we call covered is one fpdf can draw.
func Parse(ttf []byte) (m *Metrics, err error) {
	defer func() {
		// The tables are read with bounds checks below; this only guards
		// against a mistake there turning bad font data into a crash.
		if r := recover(); r != nil {
			m, err = nil, fmt.Errorf("%w: %v", ErrFont, r)
		}
	}()
	tables, err := Tables(ttf)
	if err != nil {
		return nil, err
	}
	head, hhea, hmtx, cmap := tables["head"], tables["hhea"], tables["hmtx"], tables["cmap"]
	if len(head) < 54 || len(hhea) < 36 || hmtx == nil || cmap == nil {
		return nil, fmt.Errorf("%w: missing head, hhea, hmtx or cmap", ErrFont)
	}
	upem := float64(binary.BigEndian.Uint16(head[18:]))
	if upem == 0 {
		return nil, fmt.Errorf("%w: unitsPerEm is 0", ErrFont)
	}
	m = &Metrics{
		widths:  make([]uint16, 0x10000),
		covered: make([]uint64, 0x10000/64),
		Ascent:  float64(int16(binary.BigEndian.Uint16(hhea[4:]))) / upem,
		Descent: -float64(int16(binary.BigEndian.Uint16(hhea[6:]))) / upem,
	}
	numHM := int(binary.BigEndian.Uint16(hhea[34:]))
	if numHM == 0 || 4*numHM > len(hmtx) {
		return nil, fmt.Errorf("%w: bad hmtx", ErrFont)
	}
	advance := func(gid int) uint16 {
		if gid >= numHM {
			gid = numHM - 1 // glyphs past the last metric repeat its advance
		}
		return binary.BigEndian.Uint16(hmtx[4*gid:])
	}
	sub := FindCmap4(cmap)
	if sub == nil {
		return nil, fmt.Errorf("%w: no Unicode format 4 cmap", ErrFont)
	}
	scale := 1000 / upem
	err = EachCmap4(sub, func(r rune, gid int) {
		adv := advance(gid)
		if adv >= 1<<15 { // fpdf treats these as 0
			adv = 0
		}
		m.widths[r] = uint16(math.Round(scale * float64(adv)))
		m.covered[r>>6] |= 1 << (uint(r) & 63)
	})
	if err != nil {
		return nil, err
	}
	return m, nil
}

// Tables returns the tables of a TrueType font by tag.
func Tables(ttf []byte) (map[string][]byte, error) {
	if len(ttf) < 12 {
		return nil, ErrFont
	}
	if v := binary.BigEndian.Uint32(ttf); v != 0x00010000 && v != 0x74727565 {
		return nil, fmt.Errorf("%w: version %#x", ErrFont, v)
	}
	tables := map[string][]byte{}
	n := int(binary.BigEndian.Uint16(ttf[4:]))
	for i := range n {
		rec := 12 + 16*i
		if rec+16 > len(ttf) {
			return nil, ErrFont
		}
		tag := string(ttf[rec : rec+4])
		off := int(binary.BigEndian.Uint32(ttf[rec+8:]))
		length := int(binary.BigEndian.Uint32(ttf[rec+12:]))
		if off < 0 || length < 0 || off+length > len(ttf) {
			return nil, fmt.Errorf("%w: table %q out of range", ErrFont, tag)
		}
		tables[tag] = ttf[off : off+length]
	}
	return tables, nil
}

// FindCmap4 returns the first format 4 subtable of platform 3/encoding 1 or
// platform 0, the rule fpdf uses.
func FindCmap4(cmap []byte) []byte {
	if len(cmap) < 4 {
		return nil
	}
	n := int(binary.BigEndian.Uint16(cmap[2:]))
	for i := range n {
		rec := 4 + 8*i
		if rec+8 > len(cmap) {
			return nil
		}
		platform := binary.BigEndian.Uint16(cmap[rec:])
		encoding := binary.BigEndian.Uint16(cmap[rec+2:])
		off := int(binary.BigEndian.Uint32(cmap[rec+4:]))
		if !(platform == 3 && encoding == 1 || platform == 0) {
			continue
		}
		if off+4 > len(cmap) || binary.BigEndian.Uint16(cmap[off:]) != 4 {
			continue
		}
		length := int(binary.BigEndian.Uint16(cmap[off+2:]))
		if off+length > len(cmap) {
			length = len(cmap) - off
		}
		return cmap[off : off+length]
	}
	return nil
}

// EachCmap4 calls fn for every rune the subtable maps to a glyph other than 0.
func EachCmap4(t []byte, fn func(r rune, gid int)) error {
	if len(t) < 14 {
		return ErrFont
	}
	segX2 := int(binary.BigEndian.Uint16(t[6:]))
	ends := 14
	starts := ends + segX2 + 2
	deltas := starts + segX2
	ranges := deltas + segX2
	if ranges+segX2 > len(t) {
		return fmt.Errorf("%w: truncated cmap", ErrFont)
	}
	u16 := func(off int) int {
		if off < 0 || off+2 > len(t) {
			return 0
		}
		return int(binary.BigEndian.Uint16(t[off:]))
	}
	for s := 0; s < segX2; s += 2 {
		end, start := u16(ends+s), u16(starts+s)
		delta, ro := u16(deltas+s), u16(ranges+s)
		for c := start; c <= end && c != 0xFFFF; c++ {
			gid := 0
			if ro == 0 {
				gid = (c + delta) & 0xFFFF
			} else if g := u16(ranges + s + ro + 2*(c-start)); g != 0 {
				gid = (g + delta) & 0xFFFF
			}
			if gid != 0 {
				fn(rune(c), gid)
			}
		}
	}
	return nil
}
