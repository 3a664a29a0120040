package site

import (
	"bytes"
	"fmt"
	"html"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"

	"trustdocs/generator/markdown"
)

// fencedCode draws an overview plan block (markdown.PlanInfo) as inline SVG,
// and prints any other fenced block as goldmark would.
func (r *htmlRenderer) fencedCode(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	fig, ok, err := markdown.Plan(node, src)
	if ok {
		if err != nil {
			return ast.WalkStop, err
		}
		// Both layouts; the stylesheet shows the one for the screen's width.
		r.figures++
		_, _ = w.WriteString(`<figure class="plan">` + "\n")
		_, _ = w.WriteString(`<div class="plan-wide">`)
		_, _ = w.Write(fig.Wide.SVGWithID(fmt.Sprintf("plan-%d-wide", r.figures)))
		_, _ = w.WriteString("</div>\n" + `<div class="plan-narrow">`)
		_, _ = w.Write(fig.Narrow.SVGWithID(fmt.Sprintf("plan-%d-narrow", r.figures)))
		_, _ = w.WriteString("</div>\n")
		if fig.Caption != "" {
			_, _ = w.WriteString("<figcaption>" + html.EscapeString(fig.Caption) + "</figcaption>\n")
		}
		_, _ = w.WriteString("</figure>\n")
		return ast.WalkSkipChildren, nil
	}
	n := node.(*ast.FencedCodeBlock)
	_, _ = w.WriteString("<pre><code")
	if lang := n.Language(src); len(lang) > 0 {
		_, _ = w.WriteString(` class="language-` + html.EscapeString(string(lang)) + `"`)
	}
	_, _ = w.WriteString(">")
	var b bytes.Buffer
	lines := n.Lines()
	for i := range lines.Len() {
		s := lines.At(i)
		b.Write(s.Value(src))
	}
	_, _ = w.WriteString(html.EscapeString(b.String()))
	_, _ = w.WriteString("</code></pre>\n")
	return ast.WalkSkipChildren, nil
}
