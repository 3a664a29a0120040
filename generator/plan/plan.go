// Package plan lays out the overview plan (Übersichtsplan) of a security
// concept. It takes a Diagram in one language — the company, the Internet,
// the sites with the components running there, the cloud services and the
// links between them — and gives a Layout in points. The layout is computed
// once by Compute, serialised to JSON (Layout.JSON, Parse) and drawn twice
// from the same data: as inline SVG for HTML (Layout.SVG) and on any vector
// Canvas, such as a PDF page (Layout.Draw).
//
// The picture is a bus: the Internet is a tall bar in the middle, the
// company and the sites stand left of it, the cloud services right of it,
// and every node linked to the Internet has a horizontal connector to the
// bar. Links between two nodes run in lanes outside the columns. When one
// column would be much taller than the other, services move to the bottom
// of the left column, or whole sites to the bottom of the right one. The
// narrow layout (Options.Narrow) stacks everything in one column right of
// the bus, for phones.
package plan

import (
	"errors"
	"fmt"
	"math"
	"strings"
)

// Hub is the ID of the Internet node; links name it as From or To.
const Hub = "internet"

// DefaultWidth is the width used when Options.Width is 0: 170 mm in points.
const DefaultWidth = 481.0

// MaxBoxes bounds the number of boxes Compute lays out and Parse accepts.
const MaxBoxes = 10000

// Diagram is the input, already in one language.
type Diagram struct {
	Title, Desc string   // SVG <title> and <desc>, the accessible name
	Hub         string   // label of the Internet node, e.g. "Internet"
	Company     *Node    // company and staff, may be nil
	Sites       []Group  // data centres and offices with their components
	Services    []Node   // cloud services
	Links       []Link   // From/To name a node, group or component ID, or Hub
	Legend      []string // extra lines under the drawing, may be empty
}

// Node is one box. Note is an optional second, smaller line such as the
// vendor or the location.
type Node struct{ ID, Label, Note string }

// Group is a site: a box with a header and its components stacked inside.
type Group struct {
	Node
	Components []Node
}

// Link connects two nodes. Several links between the same node and the Hub
// share one connector, their labels joined.
type Link struct {
	From, To, Label string
	Dashed          bool
}

// NarrowWidth is the width used when Options.Narrow is set and
// Options.Width is 0: a phone's screen of 360 CSS px less its margins, so
// the plan shows at full size (9 pt labels) without scrolling sideways.
const NarrowWidth = 300.0

// Options sets the space available.
//
// Narrow lays the plan out for a phone, in one column: the bus at the left
// edge, and right of it, top down, the company, the sites with their
// components and the services, each connected to the bus as in the wide
// layout. Links between two nodes run in lanes at the right edge. It needs
// no more than about NarrowWidth; a page shows it instead of the wide
// layout on small screens (SVGWithID keeps the ids of both apart).
type Options struct {
	Width     float64 // available width in pt; 0 means DefaultWidth, or NarrowWidth if Narrow
	MaxHeight float64 // a page body; 0 means unlimited
	Narrow    bool    // one column right of the bus, for phones
}

// Layout is the computed drawing. All coordinates are in points, origin top
// left, y down; Text.Y is the baseline.
type Layout struct {
	W     float64 `json:"w"`
	H     float64 `json:"h"`
	Title string  `json:"title"`
	Desc  string  `json:"desc"`
	Boxes []Box   `json:"boxes"` // drawn first, groups before their components
	Edges []Edge  `json:"edges"` // drawn over the boxes
	Texts []Text  `json:"texts"` // edge labels and legend, drawn last
}

// Box kinds.
const (
	KindCompany   = "company"
	KindHub       = "hub"
	KindSite      = "site"
	KindComponent = "component"
	KindService   = "service"
)

// Box is a node drawn as a rectangle with its text lines. Title is the full
// label and note, for tooltips, since Lines may be wrapped.
type Box struct {
	ID    string  `json:"id"`
	Kind  string  `json:"kind"`
	X     float64 `json:"x"`
	Y     float64 `json:"y"`
	W     float64 `json:"w"`
	H     float64 `json:"h"`
	Title string  `json:"title"`
	Lines []Text  `json:"lines"`
}

// Text is one line of text in Liberation Sans (Arial, Helvetica). A
// Vertical text reads upwards: it is turned 90° counter-clockwise about
// (X, Y), as SVG's rotate(-90 X Y) does; the anchor applies along it.
type Text struct {
	X        float64 `json:"x"`
	Y        float64 `json:"y"` // baseline
	S        string  `json:"s"`
	Size     float64 `json:"size"`
	Bold     bool    `json:"bold,omitempty"`
	Anchor   string  `json:"anchor"` // "start", "middle" or "end", as in SVG
	Vertical bool    `json:"vertical,omitempty"`
}

// Edge is a polyline from the From node to the To node.
type Edge struct {
	From   string  `json:"from"`
	To     string  `json:"to"`
	Points []Point `json:"points"`
	Dashed bool    `json:"dashed,omitempty"`
}

// Point is a position in points.
type Point struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
}

// Compute lays the diagram out in opt.Width. If the result is taller than
// opt.MaxHeight it tries tighter spacing, and returns the most compact
// layout it found even if that is still too tall; the caller scales it.
func Compute(d Diagram, m Metrics, opt Options) (*Layout, error) {
	if m == nil {
		return nil, errors.New("plan: no metrics")
	}
	w := opt.Width
	if w == 0 {
		w = DefaultWidth
		if opt.Narrow {
			w = NarrowWidth
		}
	}
	if !finite(w) || w <= 0 {
		return nil, fmt.Errorf("plan: width %v is not a positive number", opt.Width)
	}
	if !finite(opt.MaxHeight) || opt.MaxHeight < 0 {
		return nil, fmt.Errorf("plan: max height %v is not a positive number", opt.MaxHeight)
	}
	if err := d.check(); err != nil {
		return nil, err
	}
	scales := []float64{1}
	if opt.Narrow {
		scales = narrowScales
	}
	var err error
	for _, k := range scales {
		var l *Layout
		if l, err = compute(&d, m, w, opt, k); err == nil {
			return l, nil
		}
	}
	return nil, err
}

// compute lays d out in width w with text k times its size, tightly if
// the normal spacing is higher than opt.MaxHeight.
func compute(d *Diagram, m Metrics, w float64, opt Options, k float64) (*Layout, error) {
	var best *Layout
	for _, sp := range []spacing{normalSpacing, tightSpacing} {
		l, err := build(d, m, w, sp, opt.Narrow, k)
		if err != nil {
			return nil, err
		}
		if best == nil || l.H < best.H {
			best = l
		}
		if opt.MaxHeight == 0 || best.H <= opt.MaxHeight {
			break
		}
	}
	return best, nil
}

// check is a safety net behind the caller's validation: it names each
// problem once, in input order.
func (d *Diagram) check() error {
	var errs []error
	bad := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("plan: "+format, args...))
	}
	if strings.TrimSpace(d.Hub) == "" {
		bad("the Internet node has no label (Diagram.Hub)")
	}
	seen := map[string]string{}
	n := 1
	node := func(what string, nd Node) {
		n++
		switch {
		case strings.TrimSpace(nd.ID) == "":
			bad("%s %q has no id", what, nd.Label)
		case nd.ID == Hub:
			bad("%s id %q is reserved for the Internet", what, nd.ID)
		case seen[nd.ID] != "":
			bad("duplicate id %q: %s and %s", nd.ID, seen[nd.ID], what)
		default:
			seen[nd.ID] = what
		}
		if strings.TrimSpace(nd.Label) == "" {
			bad("%s %q has an empty label", what, nd.ID)
		}
	}
	if d.Company != nil {
		node("company", *d.Company)
	}
	for i, g := range d.Sites {
		node(fmt.Sprintf("site %d", i+1), g.Node)
		for j, c := range g.Components {
			node(fmt.Sprintf("component %d of site %q", j+1, g.ID), c)
		}
	}
	for i, s := range d.Services {
		node(fmt.Sprintf("service %d", i+1), s)
	}
	if n > MaxBoxes {
		bad("%d boxes, more than %d", n, MaxBoxes)
	}
	if len(d.Links) > MaxBoxes {
		bad("%d links, more than %d", len(d.Links), MaxBoxes)
	}
	for i, l := range d.Links {
		for _, id := range []string{l.From, l.To} {
			if id != Hub && seen[id] == "" {
				bad("link %d (%s–%s) names unknown id %q", i+1, l.From, l.To, id)
			}
		}
		if l.From == l.To {
			bad("link %d connects %q with itself", i+1, l.From)
		}
	}
	return errors.Join(errs...)
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
