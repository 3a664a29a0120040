package plan

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"sync"

	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansregular"
)

// Metrics measures text in points.
type Metrics interface {
	Width(text string, size float64, bold bool) float64
}

// SansMetrics returns the advance widths of Liberation Sans Regular and
// Bold, which are metric-compatible with Arial and Helvetica: text laid out
// with them fits when the SVG falls back to those fonts.
//
// Widths are rounded to 1/1000 em per glyph, as fpdf rounds them, and
// there is no kerning (fpdf does not kern; browsers kern, which only
// makes text narrower). A rune the font lacks counts as 1 em.
func SansMetrics() Metrics {
	return sansOnce()
}

// The fonts are embedded and fixed, so parsing them can only fail if the
// module is broken; parse once and share the read-only tables.
var sansOnce = sync.OnceValue(func() Metrics {
	reg, err := parseWidths(liberationsansregular.TTF)
	if err != nil {
		panic(fmt.Sprintf("plan: Liberation Sans Regular: %v", err))
	}
	bold, err := parseWidths(liberationsansbold.TTF)
	if err != nil {
		panic(fmt.Sprintf("plan: Liberation Sans Bold: %v", err))
	}
	return sansMetrics{reg: reg, bold: bold}
})

type sansMetrics struct{ reg, bold *widths }

func (m sansMetrics) Width(text string, size float64, bold bool) float64 {
	w := m.reg
	if bold {
		w = m.bold
	}
	units := 0
	for _, r := range text {
		units += w.advance(r)
	}
	return float64(units) * size / 1000
}

// widths holds advance widths in 1/1000 em for the Basic Multilingual
// Plane; 0xFFFF marks a rune the font does not map.
type widths struct{ bmp []uint16 }

const missing = 0xFFFF

func (w *widths) advance(r rune) int {
	if r < 0 || r > 0xFFFF || w.bmp[r] == missing {
		return 1000
	}
	return int(w.bmp[r])
}

var errFont = errors.New("not a usable TrueType font")

// parseWidths reads head, hhea, hmtx and the Unicode format 4 cmap.
func parseWidths(ttf []byte) (w *widths, err error) {
	defer func() {
		// Reads are bounds-checked below; this only keeps a mistake there
		// from turning bad font data into a crash.
		if r := recover(); r != nil {
			w, err = nil, fmt.Errorf("%w: %v", errFont, r)
		}
	}()
	tables, err := readTables(ttf)
	if err != nil {
		return nil, err
	}
	head, hhea, hmtx, cmap := tables["head"], tables["hhea"], tables["hmtx"], tables["cmap"]
	if len(head) < 54 || len(hhea) < 36 || hmtx == nil || cmap == nil {
		return nil, fmt.Errorf("%w: missing head, hhea, hmtx or cmap", errFont)
	}
	upem := float64(binary.BigEndian.Uint16(head[18:]))
	if upem == 0 {
		return nil, fmt.Errorf("%w: unitsPerEm is 0", errFont)
	}
	numHM := int(binary.BigEndian.Uint16(hhea[34:]))
	if numHM == 0 || 4*numHM > len(hmtx) {
		return nil, fmt.Errorf("%w: bad hmtx", errFont)
	}
	sub := findCmap4(cmap)
	if sub == nil {
		return nil, fmt.Errorf("%w: no Unicode format 4 cmap", errFont)
	}
	w = &widths{bmp: make([]uint16, 0x10000)}
	for i := range w.bmp {
		w.bmp[i] = missing
	}
	err = eachCmap4(sub, func(r rune, gid int) {
		if gid >= numHM {
			gid = numHM - 1 // glyphs past the last metric repeat its advance
		}
		adv := float64(binary.BigEndian.Uint16(hmtx[4*gid:]))
		w.bmp[r] = uint16(min(math.Round(adv*1000/upem), missing-1))
	})
	if err != nil {
		return nil, err
	}
	return w, nil
}

func readTables(ttf []byte) (map[string][]byte, error) {
	if len(ttf) < 12 {
		return nil, errFont
	}
	if v := binary.BigEndian.Uint32(ttf); v != 0x00010000 && v != 0x74727565 {
		return nil, fmt.Errorf("%w: version %#x", errFont, v)
	}
	tables := map[string][]byte{}
	n := int(binary.BigEndian.Uint16(ttf[4:]))
	for i := range n {
		rec := 12 + 16*i
		if rec+16 > len(ttf) {
			return nil, errFont
		}
		tag := string(ttf[rec : rec+4])
		off := int(binary.BigEndian.Uint32(ttf[rec+8:]))
		length := int(binary.BigEndian.Uint32(ttf[rec+12:]))
		if off < 0 || length < 0 || off+length > len(ttf) {
			return nil, fmt.Errorf("%w: table %q out of range", errFont, tag)
		}
		tables[tag] = ttf[off : off+length]
	}
	return tables, nil
}

// findCmap4 returns the first format 4 subtable of platform 3/encoding 1 or
// platform 0, the one fpdf uses too.
func findCmap4(cmap []byte) []byte {
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

// eachCmap4 calls fn for every rune the subtable maps to a glyph other than 0.
func eachCmap4(t []byte, fn func(r rune, gid int)) error {
	if len(t) < 14 {
		return errFont
	}
	segX2 := int(binary.BigEndian.Uint16(t[6:]))
	ends := 14
	starts := ends + segX2 + 2
	deltas := starts + segX2
	ranges := deltas + segX2
	if ranges+segX2 > len(t) {
		return fmt.Errorf("%w: truncated cmap", errFont)
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
