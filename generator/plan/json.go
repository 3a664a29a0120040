package plan

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// Limits on a layout Parse accepts; Compute stays far below them.
const (
	maxJSON   = 16 << 20
	maxCoord  = 5e6  // pt: MaxBoxes boxes of up to 500 pt stacked in one column
	maxLines  = 100  // per box
	maxPoints = 1000 // per edge
	maxErrors = 10   // reported by Parse
)

// JSON returns the layout as indented JSON, fields in declaration order.
func (l *Layout) JSON() ([]byte, error) {
	data, err := json.MarshalIndent(l, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("plan: %w", err)
	}
	return append(data, '\n'), nil
}

// Parse reads a layout written by JSON. It is strict: unknown fields,
// trailing data, sizes that are negative or not finite, coordinates outside
// the drawing, unknown kinds or anchors, and more than MaxBoxes boxes or
// edges are refused.
func Parse(data []byte) (*Layout, error) {
	if len(data) > maxJSON {
		return nil, fmt.Errorf("plan: layout JSON of %d bytes, more than %d", len(data), maxJSON)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var l Layout
	if err := dec.Decode(&l); err != nil {
		return nil, fmt.Errorf("plan: layout JSON: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("plan: layout JSON: data after the layout")
	}
	if err := l.validate(); err != nil {
		return nil, err
	}
	l.normalize()
	return &l, nil
}

func (l *Layout) validate() error {
	var errs []error
	bad := func(format string, args ...any) {
		if len(errs) < maxErrors {
			errs = append(errs, fmt.Errorf("plan: layout: "+format, args...))
		}
	}
	if !finite(l.W) || !finite(l.H) || l.W <= 0 || l.H <= 0 || l.W > maxCoord || l.H > maxCoord {
		bad("size %v × %v is not positive and at most %v", l.W, l.H, maxCoord)
		return errors.Join(errs...) // nothing else can be checked
	}
	// A link's label may wrap, so there are more texts than links.
	if len(l.Boxes) > MaxBoxes || len(l.Edges) > MaxBoxes || len(l.Texts) > maxLines*MaxBoxes {
		bad("%d boxes, %d edges, %d texts: more than %d boxes or edges, or %d texts", len(l.Boxes), len(l.Edges), len(l.Texts), MaxBoxes, maxLines*MaxBoxes)
		return errors.Join(errs...)
	}
	// Rounding to 0.01 pt may put an edge a hair outside.
	const tol = 0.01
	inX := func(v float64) bool { return finite(v) && v >= -tol && v <= l.W+tol }
	inY := func(v float64) bool { return finite(v) && v >= -tol && v <= l.H+tol }
	text := func(where string, t Text) {
		switch {
		case !inX(t.X) || !inY(t.Y):
			bad("%s: position %v, %v outside the drawing", where, t.X, t.Y)
		case !finite(t.Size) || t.Size <= 0 || t.Size > 1000:
			bad("%s: font size %v", where, t.Size)
		case t.Anchor != "start" && t.Anchor != "middle" && t.Anchor != "end":
			bad("%s: anchor %q is not start, middle or end", where, t.Anchor)
		}
	}
	for i, b := range l.Boxes {
		where := fmt.Sprintf("box %d (%q)", i+1, b.ID)
		if _, ok := boxStyles[b.Kind]; !ok {
			bad("%s: unknown kind %q", where, b.Kind)
		}
		if !finite(b.W) || !finite(b.H) || b.W < 0 || b.H < 0 || !inX(b.X) || !inY(b.Y) || !inX(b.X+b.W) || !inY(b.Y+b.H) {
			bad("%s: %v, %v, %v × %v is not inside the drawing", where, b.X, b.Y, b.W, b.H)
		}
		if len(b.Lines) > maxLines {
			bad("%s: %d lines, more than %d", where, len(b.Lines), maxLines)
			continue
		}
		for j, t := range b.Lines {
			text(fmt.Sprintf("%s line %d", where, j+1), t)
		}
	}
	for i, e := range l.Edges {
		where := fmt.Sprintf("edge %d (%s–%s)", i+1, e.From, e.To)
		if len(e.Points) > maxPoints {
			bad("%s: %d points, more than %d", where, len(e.Points), maxPoints)
			continue
		}
		for j, p := range e.Points {
			if !inX(p.X) || !inY(p.Y) {
				bad("%s: point %d at %v, %v outside the drawing", where, j+1, p.X, p.Y)
			}
		}
	}
	for i, t := range l.Texts {
		text(fmt.Sprintf("text %d", i+1), t)
	}
	return errors.Join(errs...)
}
