package pdf

import (
	"strings"
	"testing"
)

// cover: auto and toc: auto leave both out of a short document (at most
// three top-level sections on at most two pages); its first page is headed
// by the cover's lines. A longer one, or one of before the setting
// (Cover ""), keeps them.
func TestCoverAndContentsAuto(t *testing.T) {
	t.Parallel()
	fonts := testFonts(t)
	meta := Meta{Title: "Unterauftragsverarbeiter", Subtitle: "Anlage 2 zum Auftragsverarbeitungsvertrag",
		Organisation: "Beispiel GmbH", Date: "Stand: 01.12.2026", ContentsTitle: "Inhalt", Cover: "auto", Contents: "auto"}
	two := "# Liste\n\nText der Liste.\n\n# Hinweise\n\nText der Hinweise.\n"
	long := two + strings.Repeat("Ein längerer Absatz, der die Seiten füllt, damit das Dokument lang wird. ", 600) + "\n"
	four := two + "# Drei\n\nx\n\n# Vier\n\ny\n"
	for _, c := range []struct {
		name         string
		md           string
		cover, toc   string
		pages        int
		coverPage    bool
		contentsPage bool
	}{
		{"two sections", two, "auto", "auto", 1, false, false},
		{"two sections, long", long, "auto", "auto", 0, true, true},
		{"four sections", four, "auto", "auto", 3, true, true},
		{"cover forced", two, "true", "auto", 2, true, false},
		{"contents forced", two, "auto", "true", 2, false, true},
		{"release before the setting", two, "", "", 3, true, true},
		{"never", four, "false", "false", 1, false, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := meta
			m.Cover, m.Contents = c.cover, c.toc
			out, _, err := Render([]byte(c.md), m, fonts)
			if err != nil {
				t.Fatal(err)
			}
			path := writePDF(t, out)
			n := pageCount(t, path)
			if c.pages > 0 && n != c.pages {
				t.Errorf("%d pages, want %d", n, c.pages)
			}
			first := pageText(t, path, 1)
			// A cover page holds the title and no text of the body.
			isCover := strings.Contains(first, "Unterauftragsverarbeiter") && !strings.Contains(first, "Text der Liste") && !strings.Contains(first, "Inhalt")
			if isCover != c.coverPage {
				t.Errorf("cover page %v, want %v:\n%s", isCover, c.coverPage, first)
			}
			all := tool(t, "pdftotext", path, "-")
			if got := strings.Contains(all, "Inhalt"); got != c.contentsPage {
				t.Errorf("contents %v, want %v", got, c.contentsPage)
			}
			if !c.coverPage {
				// The cover's lines head the first page, in order, then the body.
				flat := strings.Join(strings.Fields(first), " ")
				want := []string{"Unterauftragsverarbeiter", "Anlage 2 zum Auftragsverarbeitungsvertrag", "Beispiel GmbH · Stand: 01.12.2026"}
				if !c.contentsPage {
					want = append(want, "1 Liste Text der Liste.")
				}
				at := 0
				for _, w := range want {
					i := strings.Index(flat[at:], w)
					if i < 0 {
						t.Fatalf("first page lacks %q after %d:\n%s", w, at, flat)
					}
					at += i + len(w)
				}
			}
		})
	}
}
