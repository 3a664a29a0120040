package plan

import (
	"fmt"
	"sync"

	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansregular"

	"trustdocs/generator/ttf"
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
	reg, err := ttf.Parse(liberationsansregular.TTF)
	if err != nil {
		panic(fmt.Sprintf("plan: Liberation Sans Regular: %v", err))
	}
	bold, err := ttf.Parse(liberationsansbold.TTF)
	if err != nil {
		panic(fmt.Sprintf("plan: Liberation Sans Bold: %v", err))
	}
	return sansMetrics{reg: reg, bold: bold}
})

type sansMetrics struct{ reg, bold *ttf.Metrics }

func (m sansMetrics) Width(text string, size float64, bold bool) float64 {
	f := m.reg
	if bold {
		f = m.bold
	}
	units := 0
	for _, r := range text {
		if f.Has(r) {
			units += f.Width(r)
		} else {
			units += 1000
		}
	}
	return float64(units) * size / 1000
}
