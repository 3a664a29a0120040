package pdf

import (
	"trustdocs/generator/markdown"

	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// layoutOnly runs the layout without painting, for tests on positions.
func layoutOnly(t *testing.T, md string) *document {
	t.Helper()
	src := []byte(md)
	d := newDocument(src, testMeta(), testFonts(t))
	root := markdown.New().Parser().Parse(text.NewReader(src))
	d.collectAnchors(root)
	r := renderer.NewRenderer(renderer.WithNodeRenderers(util.Prioritized(&nodeRenderer{d: d}, 100)))
	if err := r.Render(io.Discard, src, root); err != nil {
		t.Fatal(err)
	}
	d.finishBody()
	return d
}

// find returns the page and op of the first text op containing s.
func find(d *document, s string) (int, op) {
	for i, p := range d.body.pages {
		for _, o := range p.ops {
			if o.kind == opText && strings.Contains(o.s, s) {
				return i, o
			}
		}
	}
	return -1, op{}
}

func TestGapAfterTableAcrossPages(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString("| A | B |\n|---|---|\n")
	for i := range 80 {
		fmt.Fprintf(&b, "| Zeile %d | Wert |\n", i)
	}
	b.WriteString("\nNach der Tabelle.\n")
	d := layoutOnly(t, b.String())
	pi, after := find(d, "Nach der Tabelle.")
	if pi < 1 {
		t.Fatalf("paragraph on page %d; the table should span two pages", pi)
	}
	bottom := 0.0
	for _, o := range d.body.pages[pi].ops {
		if o.kind == opLine {
			bottom = max(bottom, o.y, o.h)
		}
	}
	top := after.y - d.baseline(0, d.t.bodySize, d.t.bodyLead)
	if top < bottom+d.t.paraGap {
		t.Errorf("paragraph starts %.1f pt below the table, want at least %.1f", top-bottom, d.t.paraGap)
	}
}

func TestHeadingKeptWithText(t *testing.T) {
	t.Parallel()
	// Whatever precedes it, a heading never ends a page: at least two
	// lines of its text follow it on the same page.
	for n := 1; n <= 40; n++ {
		md := strings.Repeat("Zeile.\n\n", n) + strings.Repeat(paragraph+"\n\n", 7) + "## Überschrift\n\n" + paragraph + "\n"
		d := layoutOnly(t, md)
		h := d.heads[0]
		lines := map[float64]bool{} // baselines below the heading
		for _, o := range d.body.pages[h.page].ops {
			if o.kind == opText && o.y > h.y+d.t.headLead[2] {
				lines[o.y] = true
			}
		}
		if len(lines) < 2 {
			t.Errorf("n=%d: heading at y %.1f has %d lines after it on its page", n, h.y, len(lines))
		}
	}
}
