package plan

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"hash/fnv"
	"math"
	"strconv"
)

// FontFamily is the SVG font list; Liberation Sans is metric-compatible
// with Arial and Helvetica, so text measured with SansMetrics fits in all.
const FontFamily = "'Liberation Sans', Arial, Helvetica, sans-serif"

// SVG returns a self-contained inline <svg>: no scripts, no external
// references and no style attributes, so a strict CSP allows it. Its ids
// are derived from a hash of the layout; use SVGWithID when the same plan
// appears twice on a page.
func (l *Layout) SVG() []byte { return l.SVGWithID("") }

// SVGWithID is SVG with id (letters, digits, '-' and '_') as the prefix of
// the element ids; "" derives the prefix from the layout.
func (l *Layout) SVGWithID(id string) []byte {
	id = cleanID(id)
	if id == "" {
		id = l.hashID()
	}
	var w bytes.Buffer
	fmt.Fprintf(&w, `<svg xmlns="http://www.w3.org/2000/svg" class="plan" width="%s" height="%s" viewBox="0 0 %[1]s %[2]s" role="img"`, num(l.W), num(l.H))
	if l.Title != "" {
		fmt.Fprintf(&w, ` aria-labelledby="%s-title"`, id)
	}
	if l.Desc != "" {
		fmt.Fprintf(&w, ` aria-describedby="%s-desc"`, id)
	}
	fmt.Fprintf(&w, ` font-family="%s">`+"\n", FontFamily)
	if l.Title != "" {
		fmt.Fprintf(&w, `<title id="%s-title">%s</title>`+"\n", id, esc(l.Title))
	}
	if l.Desc != "" {
		fmt.Fprintf(&w, `<desc id="%s-desc">%s</desc>`+"\n", id, esc(l.Desc))
	}
	for _, b := range l.Boxes {
		s := boxStyle(b.Kind)
		w.WriteString("<g>")
		if b.Title != "" {
			fmt.Fprintf(&w, "<title>%s</title>", esc(b.Title))
		}
		fmt.Fprintf(&w, `<rect x="%s" y="%s" width="%s" height="%s"`, num(b.X), num(b.Y), num(b.W), num(b.H))
		if s.Radius > 0 {
			fmt.Fprintf(&w, ` rx="%s"`, num(s.Radius))
		}
		fmt.Fprintf(&w, ` fill="%s" stroke="%s" stroke-width="%s"/>`, s.Fill.Hex(), s.Stroke.Hex(), num(s.LineWidth))
		ts := textStyle(b.Kind)
		for _, t := range b.Lines {
			writeText(&w, t, ts)
		}
		w.WriteString("</g>\n")
	}
	for _, e := range l.Edges {
		s := edgeStyle(e.Dashed)
		w.WriteString(`<polyline points="`)
		for i, p := range e.Points {
			if i > 0 {
				w.WriteByte(' ')
			}
			fmt.Fprintf(&w, "%s,%s", num(p.X), num(p.Y))
		}
		fmt.Fprintf(&w, `" fill="none" stroke="%s" stroke-width="%s"`, s.Stroke.Hex(), num(s.LineWidth))
		if s.Dashed {
			fmt.Fprintf(&w, ` stroke-dasharray="%s %s"`, num(DashOn), num(DashOff))
		}
		w.WriteString("/>\n")
	}
	for _, t := range l.Texts {
		writeText(&w, t, labelStyle)
		w.WriteByte('\n')
	}
	w.WriteString("</svg>\n")
	return w.Bytes()
}

func writeText(w *bytes.Buffer, t Text, s Style) {
	fmt.Fprintf(w, `<text x="%s" y="%s"`, num(t.X), num(t.Y))
	if t.Vertical {
		fmt.Fprintf(w, ` transform="rotate(-90 %s %s)"`, num(t.X), num(t.Y))
	}
	fmt.Fprintf(w, ` font-size="%s"`, num(t.Size))
	if t.Bold {
		w.WriteString(` font-weight="bold"`)
	}
	if t.Anchor == "middle" || t.Anchor == "end" {
		fmt.Fprintf(w, ` text-anchor="%s"`, t.Anchor)
	}
	// The width the layout measured: a browser without Liberation Sans or
	// Arial fits its fallback font into the same room instead of overflowing.
	if l := SansMetrics().Width(t.S, t.Size, t.Bold); l > 0 {
		fmt.Fprintf(w, ` textLength="%s" lengthAdjust="spacingAndGlyphs"`, num(l))
	}
	fmt.Fprintf(w, ` fill="%s">%s</text>`, s.Fill.Hex(), esc(t.S))
}

// num prints v to 0.01 pt, without trailing zeros.
func num(v float64) string {
	if !finite(v) {
		return "0"
	}
	v = math.Round(v*100) / 100
	if v == 0 {
		v = 0
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// esc escapes text and attribute values; characters XML forbids become
// U+FFFD.
func esc(s string) string {
	var b bytes.Buffer
	xml.EscapeText(&b, []byte(s)) // writes to a buffer: cannot fail
	return b.String()
}

func cleanID(id string) string {
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return ""
		}
	}
	if id != "" && !(id[0] >= 'a' && id[0] <= 'z' || id[0] >= 'A' && id[0] <= 'Z') {
		id = "plan-" + id
	}
	return id
}

func (l *Layout) hashID() string {
	h := fnv.New64a()
	data, err := json.Marshal(l)
	if err != nil { // only a hand-made layout with NaN gets here
		data = fmt.Appendf(nil, "%d %d %d", len(l.Boxes), len(l.Edges), len(l.Texts))
	}
	h.Write(data)
	return fmt.Sprintf("plan-%016x", h.Sum64())
}
