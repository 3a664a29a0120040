package markdown

import (
	"fmt"
	"strings"
	"testing"

	"github.com/yuin/goldmark/text"
)

func headings(src string) string {
	root := New().Parser().Parse(text.NewReader([]byte(src)))
	var b strings.Builder
	for _, h := range Headings(root, []byte(src)) {
		dup := ""
		if h.Duplicate {
			dup = " dup"
		}
		fmt.Fprintf(&b, "%d %q %q #%s%s\n", h.Level, h.Number, h.Title, h.ID, dup)
	}
	return b.String()
}

// The numbers are those of the PDF outline (generator/pdf TestBookmarks).
func TestHeadingNumbers(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"# Eins\n\n### Übersprungen\n\n## Zwei\n\n# Drei {.unnumbered}\n\n## Vier\n",
			"1 \"1\" \"Eins\" #eins\n2 \"1.1\" \"Übersprungen\" #übersprungen\n2 \"1.2\" \"Zwei\" #zwei\n1 \"\" \"Drei\" #drei\n2 \"1.3\" \"Vier\" #vier\n"},
		{"## Tief zuerst\n\n# A {#a}\n\n## B\n\n### C\n\n# D\n\n### E\n",
			"1 \"1\" \"Tief zuerst\" #tief-zuerst\n1 \"2\" \"A\" #a\n2 \"2.1\" \"B\" #b\n3 \"2.1.1\" \"C\" #c\n1 \"3\" \"D\" #d\n2 \"3.1\" \"E\" #e\n"},
		{"# Gewährleistung & Haftung\n\n# Gewährleistung & Haftung\n\n# x {#x}\n\n# y {#x}\n\n# \\*Stern\\* &amp; `code` <b>fett</b>\n\n# !!!\n",
			"1 \"1\" \"Gewährleistung & Haftung\" #gewährleistung-haftung\n1 \"2\" \"Gewährleistung & Haftung\" #gewährleistung-haftung-1\n1 \"3\" \"x\" #x\n1 \"4\" \"y\" #x dup\n1 \"5\" \"*Stern* & code fett\" #stern-code-fett\n1 \"6\" \"!!!\" #section\n"},
		{"# Präambel {#preamble .unnumbered}\n\n## (1) Vertraulichkeit {.unnumbered #c}\n\n### a) Zutritt {.unnumbered}\n",
			"1 \"\" \"Präambel\" #preamble\n2 \"\" \"(1) Vertraulichkeit\" #c\n3 \"\" \"a) Zutritt\" #a-zutritt\n"},
	} {
		if got := headings(c.src); got != c.want {
			t.Errorf("%q:\ngot\n%s\nwant\n%s", c.src, got, c.want)
		}
	}
}
