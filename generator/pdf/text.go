package pdf

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// style is how a piece of text is drawn.
type style struct {
	face   faceID
	size   float64
	color  rgb
	link   int // 1-based index into document.links; 0 for none
	strike bool
	mark   markKind // inserted or deleted text of a redline
}

// markKind is the kind of change a piece of redline text shows.
type markKind uint8

const (
	markNone   markKind = iota
	markInsert          // underlined in the insertion colour
	markDelete          // struck through in the deletion colour
)

// run is a piece of inline text in one style, or a forced line break.
type run struct {
	text  string
	st    style
	line  int  // source line, for warnings
	brk   bool // hard line break; text is empty
	rigid bool // a code span: its spaces do not stretch
}

// Warning is a problem in the input that did not stop the rendering, such
// as a character the font cannot show. Line is the 1-based source line of
// the Markdown, 0 for text from Meta.
type Warning struct {
	Line    int
	Message string
	Near    string // the words of the line it is about, if any: to point at them in the content
}

func (w Warning) String() string { return fmt.Sprintf("line %d: %s", w.Line, w.Message) }

// warnings collects warnings, each message once per line.
type warnings struct {
	list []Warning
	seen map[Warning]bool
}

func (ws *warnings) add(line int, format string, args ...any) {
	ws.addNear(line, "", format, args...)
}

// addNear is add for a warning about the words near in the line.
func (ws *warnings) addNear(line int, near, format string, args ...any) {
	w := Warning{Line: line, Message: fmt.Sprintf(format, args...), Near: near}
	if ws.seen[w] {
		return
	}
	if ws.seen == nil {
		ws.seen = map[Warning]bool{}
	}
	ws.seen[w] = true
	ws.list = append(ws.list, w)
}

func (ws *warnings) sorted() []Warning {
	out := slices.Clone(ws.list)
	slices.SortStableFunc(out, func(a, b Warning) int { return cmp.Compare(a.Line, b.Line) })
	return out
}

// measurer turns text into widths with our own metrics (no fpdf calls) and
// replaces characters the face lacks.
type measurer struct {
	fonts *Fonts
	warn  *warnings
}

// width of s in points; s must already be sanitised for st.face.
func (m *measurer) width(s string, st style) float64 {
	w := 0
	fm := m.fonts.faces[st.face].m
	for _, r := range s {
		if m.fonts.fallback(st.face, r) {
			w += m.fonts.symbol.m.Width(r)
			continue
		}
		w += fm.Width(r)
	}
	return float64(w) * st.size / 1000
}

// units is the advance of r in face id in 1/1000 em, from the symbol face
// where the face lacks it.
func (m *measurer) units(id faceID, r rune) int {
	if m.fonts.fallback(id, r) {
		return m.fonts.symbol.m.Width(r)
	}
	return m.fonts.faces[id].m.Width(r)
}

func (m *measurer) runeWidth(r rune, st style) float64 {
	if m.fonts.fallback(st.face, r) {
		return float64(m.fonts.symbol.m.Width(r)) * st.size / 1000
	}
	return float64(m.fonts.faces[st.face].m.Width(r)) * st.size / 1000
}

// lookalike gives a stand-in for a character the face lacks that looks
// the same (or is invisible anyway), so it is replaced without a warning.
// -1 means: leave it out.
func lookalike(r rune) (rune, bool) {
	switch r {
	case '\u2011': // non-breaking hyphen
		return '-', true
	case '\u202F', '\u2007': // narrow and figure no-break space
		return '\u00A0', true
	case '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD':
		return -1, true
	}
	if unicode.IsSpace(r) {
		return ' ', true
	}
	return 0, false
}

// replacement is the visible stand-in for a character the face lacks: a
// white square (reads as "missing glyph"), else a question mark.
func (m *measurer) replacement(id faceID) rune {
	if m.fonts.faces[id].m.Has('\u25A1') {
		return '\u25A1'
	}
	return '?'
}

// sanitize returns s with every rune the face cannot draw replaced, warning
// once per character and line. Runes above U+FFFF never reach fpdf (it
// panics on them).
func (m *measurer) sanitize(s string, id faceID, line int) string {
	fm := m.fonts.faces[id].m
	ok := true
	for _, r := range s {
		if !fm.Has(r) && !m.fonts.fallback(id, r) {
			ok = false
			break
		}
	}
	if ok && utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		if fm.Has(r) || m.fonts.fallback(id, r) {
			if r == utf8.RuneError {
				if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
					r = m.bad(line, id, "invalid UTF-8")
				}
			}
			b.WriteRune(r)
			continue
		}
		if l, ok := lookalike(r); ok && (l < 0 || fm.Has(l)) {
			if l >= 0 {
				b.WriteRune(l)
			}
			continue
		}
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				b.WriteRune(m.bad(line, id, "invalid UTF-8"))
				continue
			}
		}
		b.WriteRune(m.badNear(line, id, describe(r), string(r)))
	}
	return b.String()
}

func (m *measurer) bad(line int, id faceID, what string) rune { return m.badNear(line, id, what, "") }

func (m *measurer) badNear(line int, id faceID, what, near string) rune {
	rep := m.replacement(id)
	m.warn.addNear(line, near, "%s is not in the fonts (Liberation); printed as %q", what, rep)
	return rep
}

// describe names a character for a warning: U+1F600 '😀' (or without the
// glyph for controls).
func describe(r rune) string {
	if unicode.IsPrint(r) {
		return fmt.Sprintf("character %U %q", r, r)
	}
	return fmt.Sprintf("character %U", r)
}

// pdfString makes s safe for fpdf's UTF-16 conversion of metadata and
// bookmark titles, which garbles runes above U+FFFF and invalid UTF-8.
func pdfString(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		if r > 0xFFFF || r < 0x20 {
			if r == '\t' || r == '\n' {
				return ' '
			}
			return '\uFFFD'
		}
		return r
	}, s)
}
