package plan

import "fmt"

// Canvas is a vector surface such as a PDF page, in the Layout's
// coordinates (points, origin top left, y down).
//
// Text draws t.S in Liberation Sans (Bold if t.Bold) at t.Size with the
// baseline at t.Y; t.Anchor says whether t.X is the start, middle or end of
// the text, as in SVG. Its colour is s.Fill. A Vertical text is turned 90°
// counter-clockwise about (t.X, t.Y), in fpdf TransformRotate(90, x, y).
// Widths measured with fpdf on Liberation Sans equal SansMetrics.
type Canvas interface {
	Rect(x, y, w, h float64, s Style) // filled with s.Fill, outlined with s.Stroke
	Line(pts []Point, s Style)        // open polyline, not filled
	Text(t Text, s Style)
}

// RGB is a colour.
type RGB struct{ R, G, B uint8 }

// Hex is the colour as #rrggbb.
func (c RGB) Hex() string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// Style is how to paint one element. The package chooses it per box kind,
// so the SVG and the PDF share one palette.
type Style struct {
	Kind      string  // a box kind, "edge", or "label" for free texts
	Fill      RGB     // of a rectangle; the colour of a text
	Stroke    RGB     // outline of a rectangle, colour of a line
	LineWidth float64 // of outline or line; 0 for texts
	Dashed    bool    // a line drawn DashOn, DashOff
	Radius    float64 // corner radius of a rectangle
}

// Dash pattern of dashed lines, in points.
const (
	DashOn  = 3.0
	DashOff = 2.0
)

var (
	ink       = RGB{0x1f, 0x29, 0x37}
	blue      = RGB{0x2f, 0x5d, 0x8a}
	grey      = RGB{0x6b, 0x72, 0x80}
	lineInk   = RGB{0x37, 0x41, 0x51}
	white     = RGB{0xff, 0xff, 0xff}
	boxStyles = map[string]Style{
		KindCompany:   {Kind: KindCompany, Fill: RGB{0xe6, 0xee, 0xf7}, Stroke: blue, LineWidth: 0.8, Radius: 4},
		KindHub:       {Kind: KindHub, Fill: blue, Stroke: blue, LineWidth: 0.8, Radius: 3},
		KindSite:      {Kind: KindSite, Fill: RGB{0xf3, 0xf4, 0xf6}, Stroke: grey, LineWidth: 0.8, Radius: 2},
		KindComponent: {Kind: KindComponent, Fill: white, Stroke: grey, LineWidth: 0.6, Radius: 2},
		KindService:   {Kind: KindService, Fill: RGB{0xfd, 0xf3, 0xe3}, Stroke: RGB{0xb7, 0x79, 0x1f}, LineWidth: 0.8, Radius: 4},
	}
)

func boxStyle(kind string) Style { return boxStyles[kind] }

func textStyle(kind string) Style {
	if kind == KindHub {
		return Style{Kind: kind, Fill: white}
	}
	return Style{Kind: kind, Fill: ink}
}

func edgeStyle(dashed bool) Style {
	return Style{Kind: "edge", Stroke: lineInk, LineWidth: 0.8, Dashed: dashed}
}

var labelStyle = Style{Kind: "label", Fill: lineInk}

// Draw paints the layout on c: exactly what SVG draws, in the same order —
// each box with its lines, then the edges, then the free texts.
func (l *Layout) Draw(c Canvas) {
	for _, b := range l.Boxes {
		c.Rect(b.X, b.Y, b.W, b.H, boxStyle(b.Kind))
		ts := textStyle(b.Kind)
		for _, t := range b.Lines {
			c.Text(t, ts)
		}
	}
	for _, e := range l.Edges {
		c.Line(e.Points, edgeStyle(e.Dashed))
	}
	for _, t := range l.Texts {
		c.Text(t, labelStyle)
	}
}
