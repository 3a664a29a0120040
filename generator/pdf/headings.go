package pdf

import (
	"github.com/yuin/goldmark/ast"

	"trustdocs/generator/markdown"
	"trustdocs/generator/redline"
)

// collectAnchors numbers every heading (markdown.HeadingsWith, the rules
// of the HTML; here a heading deleted as a whole in a redline does not
// count) and records its ID before layout, so that links to a heading
// further down ("[siehe 3.2](#haftung)") resolve.
func (d *document) collectAnchors(root ast.Node) {
	d.anchors = map[string]int{}
	heads := markdown.HeadingsWith(root, d.src, markdown.HeadingOptions{
		Title: func(h *ast.Heading) string { return d.plainText(h) },
		Skip: func(h *ast.Heading, title string) bool {
			return title == "" && hasKind(h, redline.KindDelete)
		},
	})
	for _, h := range heads {
		d.blockLine(h.Node)
		if h.Skipped {
			// Deleted in a redline: set at its level, but not counted.
			d.heads = append(d.heads, heading{level: h.Level, line: d.line, deleted: true})
			continue
		}
		if h.Duplicate {
			d.warn.addNear(d.line, h.Title, "heading id %q is used twice; links go to the first", h.ID)
		} else {
			d.anchors[h.ID] = len(d.heads)
		}
		d.heads = append(d.heads, heading{level: h.Level, number: h.Number, title: h.Title, line: d.line, anchor: h.ID})
	}
}
