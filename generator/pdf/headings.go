package pdf

import (
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"

	"trustdocs/generator/markdown"
	"trustdocs/generator/redline"
)

// collectAnchors numbers every heading (as markdown.Headings does for the
// HTML; here a heading deleted as a whole in a redline does not count) and records its ID before layout, so
// that links to a heading further down ("[siehe 3.2](#haftung)") resolve.
//
// Levels are clamped: a heading is at most one level below the previous
// one (H1 → H3 becomes 1 → 1.1), since PDF outlines cannot skip levels and
// "1.0.1" is no number a reader expects. A heading with the class
// "unnumbered" ({.unnumbered}) gets no number but stays in the contents.
func (d *document) collectAnchors(root ast.Node) {
	d.anchors = map[string]int{}
	used := map[string]int{}
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		d.blockLine(h)
		title := d.plainText(h)
		if title == "" && hasKind(h, redline.KindDelete) {
			// Deleted in a redline: set at its level, but not counted.
			d.heads = append(d.heads, heading{level: min(h.Level, d.level+1), line: d.line, deleted: true})
			return ast.WalkSkipChildren, nil
		}
		level := min(h.Level, d.level+1)
		d.level = level
		number := ""
		if !markdown.HasClass(h, "unnumbered") {
			d.counters[level]++
			for i := level + 1; i < len(d.counters); i++ {
				d.counters[i] = 0
			}
			parts := make([]string, level)
			for i := 1; i <= level; i++ {
				parts[i-1] = strconv.Itoa(d.counters[i])
			}
			number = strings.Join(parts, ".")
		}
		id := ""
		if v, ok := h.AttributeString("id"); ok {
			if b, ok := v.([]byte); ok {
				id = string(b)
			}
		}
		if id == "" {
			id = markdown.HeadingID(title)
			if k := used[id]; k > 0 {
				used[id]++
				id += "-" + strconv.Itoa(k)
			}
		}
		used[id]++
		idx := len(d.heads)
		if _, dup := d.anchors[id]; dup {
			d.warn.add(d.line, "heading id %q is used twice; links go to the first", id)
		} else {
			d.anchors[id] = idx
		}
		d.heads = append(d.heads, heading{level: level, number: number, title: title, line: d.line, anchor: id})
		return ast.WalkSkipChildren, nil
	})
}
