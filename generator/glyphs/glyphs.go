// Package glyphs says which characters the PDFs can draw: those of
// Liberation Serif, the text face, and of DejaVu Sans, the symbol face that
// generator/pdf draws check boxes and other symbols in. Package validate
// refuses the rest at their place, so that no text is printed with a
// missing-glyph square.
package glyphs

import (
	"sync"
	"unicode"

	"github.com/go-fonts/dejavu/dejavusans"
	"github.com/go-fonts/liberation/liberationserifregular"

	"trustdocs/generator/ttf"
)

var faces struct {
	once          sync.Once
	serif, symbol *ttf.Metrics
	err           error
}

// Drawable reports whether a PDF can show r: a face has it, or the PDF
// leaves it out or sets a look-alike without a warning (spaces, soft and
// non-breaking hyphens, zero-width characters), as generator/pdf does.
func Drawable(r rune) (bool, error) {
	faces.once.Do(func() {
		if faces.serif, faces.err = ttf.Parse(liberationserifregular.TTF); faces.err == nil {
			faces.symbol, faces.err = ttf.Parse(dejavusans.TTF)
		}
	})
	if faces.err != nil {
		return false, faces.err
	}
	switch r {
	case '\u2011', '\u202F', '\u2007', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD':
		return true, nil
	}
	return unicode.IsSpace(r) || faces.serif.Has(r) || faces.symbol.Has(r), nil
}
