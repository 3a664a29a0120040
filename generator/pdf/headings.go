package pdf

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"

	"trustdocs/generator/redline"
)

// collectAnchors numbers every heading and records its ID before layout, so
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
		if !hasClass(h, "unnumbered") {
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
			id = HeadingID(title)
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

func hasClass(n ast.Node, class string) bool {
	v, ok := n.AttributeString("class")
	if !ok {
		return false
	}
	b, _ := v.([]byte)
	return strings.Contains(" "+string(b)+" ", " "+class+" ")
}

// HeadingID makes the ID of a heading without an explicit {#id}: lower
// case, letters (umlauts and ß kept) and digits, everything else folded
// into single hyphens. "Gewährleistung & Haftung" → "gewährleistung-haftung".
func HeadingID(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	if b.Len() == 0 {
		return "section"
	}
	return b.String()
}
