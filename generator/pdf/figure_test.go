package pdf

import (
	"fmt"
	"strings"
	"testing"

	"trustdocs/generator/markdown"
	"trustdocs/generator/plan"
)

// tallPlan is a plan of about a third of a page, with a legend and a caption.
func tallPlan(t *testing.T) string {
	t.Helper()
	d := plan.Diagram{Title: "Übersichtsplan", Desc: "Standorte über das Internet", Hub: "Internet",
		Legend: []string{"RZ: Rechenzentrum"}}
	for i := range 3 {
		g := plan.Group{Node: plan.Node{ID: fmt.Sprintf("rz%d", i), Label: fmt.Sprintf("RZ %d", i)}}
		for k := range 3 {
			g.Components = append(g.Components, plan.Node{ID: fmt.Sprintf("c%d%d", i, k), Label: fmt.Sprintf("Server %d.%d", i, k)})
		}
		d.Sites = append(d.Sites, g)
		d.Links = append(d.Links, plan.Link{From: g.ID, To: plan.Hub, Label: "TLS"})
	}
	fig := markdown.PlanFigure{Caption: "Abbildung 1: Übersichtsplan"}
	var err error
	if fig.Wide, err = plan.Compute(d, plan.SansMetrics(), plan.Options{Width: 467, MaxHeight: 640}); err != nil {
		t.Fatal(err)
	}
	if fig.Narrow, err = plan.Compute(d, plan.SansMetrics(), plan.Options{Narrow: true}); err != nil {
		t.Fatal(err)
	}
	block, err := markdown.PlanBlock(fig)
	if err != nil {
		t.Fatal(err)
	}
	return block
}

// TestFigureFloats moves the plan down the page one line at a time. The
// drawing, its legend and its caption are always on one page; where they
// do not fit, the text after them fills the page and they open the next
// one (no half-empty page before a figure).
func TestFigureFloats(t *testing.T) {
	block := tallPlan(t)
	floated := 0
	for n := 10; n <= 40; n += 3 {
		var b strings.Builder
		b.WriteString("# Kapitel\n\n")
		for i := range n {
			fmt.Fprintf(&b, "Zeile %d.\n\n", i)
		}
		b.WriteString(block + "\nDanach eins.\n\nDanach zwei.\n\n# Weiter\n\nText.\n")
		path := writePDF(t, must(mustRender(t, b.String())))
		var figPage, afterPage int
		for p := 1; p <= pageCount(t, path); p++ {
			text := pageText(t, path, p)
			caption, server, legend := strings.Contains(text, "Abbildung 1: Übersichtsplan"),
				strings.Contains(text, "Server 2.2"), strings.Contains(text, "RZ: Rechenzentrum")
			if caption != server || caption != legend {
				t.Errorf("%d lines before: page %d has caption %v, drawing %v, legend %v: they belong together", n, p, caption, server, legend)
			}
			if caption {
				figPage = p
			}
			if strings.Contains(text, "Danach eins.") {
				afterPage = p
			}
			if last := fmt.Sprintf("Zeile %d.", n-1); strings.Contains(text, last) && !caption && afterPage == p {
				floated++ // the text after the figure came up to fill this page
			}
		}
		if figPage == 0 || afterPage == 0 {
			t.Fatalf("%d lines before: no figure (%d) or no text after it (%d)", n, figPage, afterPage)
		}
		if afterPage < figPage-1 || afterPage > figPage+1 {
			t.Errorf("%d lines before: the text after the figure is on page %d, the figure on %d", n, afterPage, figPage)
		}
		if afterPage == figPage-1 { // floated: the figure opens its page
			_, body, _ := strings.Cut(pageText(t, path, figPage), "Klassifizierung")
			if top := strings.TrimSpace(body); strings.HasPrefix(top, "Zeile") || strings.HasPrefix(top, "Danach") {
				t.Errorf("%d lines before: a floated figure does not open page %d: %.40q", n, figPage, top)
			}
		}
	}
	if floated == 0 {
		t.Error("the figure never floated: the test does not reach a page foot")
	}
}

func must(b []byte, _ []Warning) []byte { return b }

// TestBoldLineKeepsWithNext: a paragraph that is all bold ("**Homeoffice**")
// heads what follows and is never the last line of a page.
func TestBoldLineKeepsWithNext(t *testing.T) {
	three := "Die Mitarbeiter arbeiten im Homeoffice an Rechnern, deren Festplatten verschlüsselt sind. Die Bildschirme sperren sich nach fünf Minuten, und Unterlagen werden in abschließbaren Schränken aufbewahrt."
	for n := 30; n <= 44; n++ {
		var b strings.Builder
		b.WriteString("# Kapitel\n\n")
		for i := range n {
			fmt.Fprintf(&b, "Zeile %d.\n\n", i)
		}
		b.WriteString("**Homeoffice**\n\n" + three + "\n")
		path := writePDF(t, must(mustRender(t, b.String())))
		for p := 1; p <= pageCount(t, path); p++ {
			lines := strings.Split(strings.TrimSpace(pageText(t, path, p)), "\n")
			var body []string
			for _, l := range lines {
				if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "Seite ") && !strings.Contains(l, "GmbH") {
					body = append(body, l)
				}
			}
			if len(body) > 0 && body[len(body)-1] == "Homeoffice" {
				t.Errorf("%d lines before: page %d ends with the bold heading", n, p)
			}
		}
	}
}

// TestChapterKeepsTopSpace: at a page top a chapter heading keeps its
// space before it (LaTeX's \vspace*), a paragraph or section heading does not.
func TestChapterKeepsTopSpace(t *testing.T) {
	th := defaultTheme()
	for _, c := range []struct {
		name string
		ask  func(l *layout)
		want float64
	}{
		{"chapter", func(l *layout) { l.keepTop(th.headBefore[1]) }, th.top + th.headBefore[1]},
		{"section", func(l *layout) { l.space(th.headBefore[2]) }, th.top},
		{"paragraph", func(l *layout) { l.space(th.paraGap) }, th.top},
	} {
		l := newLayout(&th)
		c.ask(l)
		l.ensure(10)
		if l.y != c.want {
			t.Errorf("%s on a fresh page starts at %.1f, want %.1f", c.name, l.y, c.want)
		}
		// After a break in mid-page: the same.
		l = newLayout(&th)
		l.ensure(10)
		l.y = l.limit() - 5
		c.ask(l)
		if !l.ensure(10) || l.y != c.want {
			t.Errorf("%s after a page break starts at %.1f, want %.1f", c.name, l.y, c.want)
		}
	}
}
