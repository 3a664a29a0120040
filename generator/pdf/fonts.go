package pdf

import (
	"fmt"

	"codeberg.org/go-pdf/fpdf"
	"github.com/go-fonts/dejavu/dejavusans"
	"github.com/go-fonts/liberation/liberationmonobold"
	"github.com/go-fonts/liberation/liberationmonobolditalic"
	"github.com/go-fonts/liberation/liberationmonoitalic"
	"github.com/go-fonts/liberation/liberationmonoregular"
	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansbolditalic"
	"github.com/go-fonts/liberation/liberationsansitalic"
	"github.com/go-fonts/liberation/liberationsansregular"
	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifbolditalic"
	"github.com/go-fonts/liberation/liberationserifitalic"
	"github.com/go-fonts/liberation/liberationserifregular"
)

// faceID names one of the twelve faces: serif, mono or sans, each regular,
// bold, italic and bold italic. The low bits are the style flags. Sans is
// for the drawings (package plan lays them out in Liberation Sans).
type faceID uint8

const (
	faceBold   faceID = 1
	faceItalic faceID = 2
	faceMono   faceID = 4
	faceSans   faceID = 8
	numFaces          = 12 // faceSans|faceMono is no face
)

// fpdf identifies a face by family and style string.
func (id faceID) family() string {
	switch {
	case id&faceMono != 0:
		return "mono"
	case id&faceSans != 0:
		return "sans"
	}
	return "serif"
}

func (id faceID) style() string {
	switch id & (faceBold | faceItalic) {
	case faceBold:
		return "B"
	case faceItalic:
		return "I"
	case faceBold | faceItalic:
		return "BI"
	}
	return ""
}

// face is one parsed font: the TTF bytes for fpdf and our metrics for layout.
type face struct {
	name string // for messages, e.g. "Liberation Serif Bold"
	ttf  []byte
	m    *metrics
}

// Fonts holds the parsed font faces. Parse them once per process with
// LoadFonts and share the value between goroutines; it is read-only.
//
// fpdf still parses the TTF of each face a document uses (it keeps its own
// per-document state), but only faces the document actually uses are added.
type Fonts struct {
	faces [numFaces]face
	// symbol draws, character by character, what a face lacks: check
	// boxes ☐ ☒, ✓ ✗ and other symbols (DejaVu Sans).
	symbol face
}

// symbolFamily is the fpdf family of the symbol face.
const symbolFamily = "symbol"

// fallback reports whether r is drawn with the symbol face in face id.
func (fs *Fonts) fallback(id faceID, r rune) bool {
	return !fs.faces[id].m.Has(r) && fs.symbol.m != nil && fs.symbol.m.Has(r)
}

// Covers reports whether some face of the PDF (Liberation Serif, or the
// symbol face) can draw r; a character none can is an error of check.
func (fs *Fonts) Covers(r rune) bool {
	return fs.faces[0].m.Has(r) || fs.symbol.m.Has(r)
}

// LoadFonts parses Liberation Serif (regular, bold, italic, bold italic) for
// text, Liberation Mono for code and Liberation Sans for drawings, and checks that fpdf accepts each face.
func LoadFonts() (*Fonts, error) {
	src := [numFaces]struct {
		name string
		ttf  []byte
	}{
		{"Liberation Serif", liberationserifregular.TTF},
		{"Liberation Serif Bold", liberationserifbold.TTF},
		{"Liberation Serif Italic", liberationserifitalic.TTF},
		{"Liberation Serif Bold Italic", liberationserifbolditalic.TTF},
		{"Liberation Mono", liberationmonoregular.TTF},
		{"Liberation Mono Bold", liberationmonobold.TTF},
		{"Liberation Mono Italic", liberationmonoitalic.TTF},
		{"Liberation Mono Bold Italic", liberationmonobolditalic.TTF},
		{"Liberation Sans", liberationsansregular.TTF},
		{"Liberation Sans Bold", liberationsansbold.TTF},
		{"Liberation Sans Italic", liberationsansitalic.TTF},
		{"Liberation Sans Bold Italic", liberationsansbolditalic.TTF},
	}
	fs := &Fonts{}
	for i, s := range src {
		m, err := parseMetrics(s.ttf)
		if err != nil {
			return nil, fmt.Errorf("font %s: %w", s.name, err)
		}
		fs.faces[i] = face{name: s.name, ttf: s.ttf, m: m}
	}
	m, err := parseMetrics(dejavusans.TTF)
	if err != nil {
		return nil, fmt.Errorf("font DejaVu Sans: %w", err)
	}
	fs.symbol = face{name: "DejaVu Sans", ttf: dejavusans.TTF, m: m}
	if err := fs.check(); err != nil {
		return nil, err
	}
	return fs, nil
}

// check adds every face to a scratch document. fpdf reports a bad font only
// by printing to stdout and leaving Error() nil; the SetFont that follows
// then fails with "undefined font", which is what we test.
func (fs *Fonts) check() error {
	doc := fpdf.New("P", "pt", "A4", "")
	for i := range fs.faces {
		id := faceID(i)
		doc.AddUTF8FontFromBytes(id.family(), id.style(), fs.faces[i].ttf)
		doc.SetFont(id.family(), id.style(), 10)
		if err := doc.Error(); err != nil {
			return fmt.Errorf("font %s did not load: %w", fs.faces[i].name, err)
		}
	}
	return fs.addSymbol(doc)
}

// addSymbol registers the symbol face with a document.
func (fs *Fonts) addSymbol(doc *fpdf.Fpdf) error {
	doc.AddUTF8FontFromBytes(symbolFamily, "", fs.symbol.ttf)
	doc.SetFont(symbolFamily, "", 10)
	if err := doc.Error(); err != nil {
		return fmt.Errorf("font %s did not load: %w", fs.symbol.name, err)
	}
	return nil
}

// addFace registers a face with a document; fpdf ignores repeated adds.
func (fs *Fonts) addFace(doc *fpdf.Fpdf, id faceID) error {
	doc.AddUTF8FontFromBytes(id.family(), id.style(), fs.faces[id].ttf)
	doc.SetFont(id.family(), id.style(), 10)
	if err := doc.Error(); err != nil {
		return fmt.Errorf("font %s did not load: %w", fs.faces[id].name, err)
	}
	return nil
}
