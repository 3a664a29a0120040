package pdf

import (
	"fmt"
	"strings"
	"testing"

	"trustdocs/generator/pdf/layoutcheck"
)

// TestKeepsAtPageFoot moves a label, an introduction and a three-line
// paragraph down the page one line at a time: wherever the page breaks,
// no label is left alone at the foot and no single line of a paragraph is
// left at the head or the foot.
func TestKeepsAtPageFoot(t *testing.T) {
	t.Parallel()
	three := "Es besteht ein Restrisiko eines Ausfalles des Dienstes. Dieses Restrisiko ist überschaubar und akzeptabel, insbesondere angesichts des redundanten Aufbaues der Infrastruktur und der Überwachung rund um die Uhr."
	var total layoutcheck.Counts
	for n := 20; n <= 45; n++ {
		var b strings.Builder
		b.WriteString("# Kapitel\n\n")
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "Zeile %d.\n\n", i)
		}
		b.WriteString("**Gefährdungen:**\n\nFolgende Gefährdungen sind relevant:\n\n- Ausfall der Stromversorgung\n- Fehlbedienung\n\n" + three + "\n\n" + three + "\n")
		out, _ := mustRender(t, b.String())
		c, err := layoutcheck.File(writePDF(t, out), layoutcheck.Default)
		if err != nil {
			t.Fatal(err)
		}
		if c.Stranded+c.Widows+c.Orphans > 0 {
			t.Errorf("%d lines before: %s\n%s", n, c, strings.Join(c.Where, "\n"))
		}
		total.Add(c)
	}
	if total.Justified == 0 {
		t.Error("the checker found no justified lines: it reads nothing")
	}
}

// TestClosingLineStays: a section's last line before the next heading
// ("Geprüft am …") is never alone at the top of a page, and a list of up
// to four items is never split.
func TestClosingLineStays(t *testing.T) {
	t.Parallel()
	for n := 18; n <= 42; n++ {
		var b strings.Builder
		b.WriteString("# Kapitel\n\n")
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "Zeile %d.\n\n", i)
		}
		b.WriteString("- erster Punkt\n- zweiter Punkt\n- dritter Punkt\n\nGeprüft am 01.11.2026\n\n# Nächstes Kapitel\n\nText.\n")
		out, _ := mustRender(t, b.String())
		path := writePDF(t, out)
		for p := 3; p <= pageCount(t, path); p++ {
			lines := strings.Split(strings.TrimSpace(pageText(t, path, p)), "\n")
			var body []string
			for _, l := range lines {
				if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "Sicherheitskonzept ·") && !strings.HasPrefix(l, "Klassifizierung") {
					body = append(body, l) // without the running header
				}
			}
			if len(body) > 0 && strings.HasPrefix(body[0], "Geprüft am") {
				t.Errorf("%d lines before: page %d starts with the closing line", n, p)
			}
			if len(body) > 0 && (strings.HasPrefix(body[0], "• zweiter") || strings.HasPrefix(body[0], "• dritter")) {
				t.Errorf("%d lines before: page %d starts inside the list", n, p)
			}
		}
	}
}
