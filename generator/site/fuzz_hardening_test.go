package site

import (
	"os"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// unsafeHTML matches what the body renderer must never let through from
// content: script-capable elements, event handlers, inline styles and
// javascript:/data: URLs. Text is escaped, so every "<" in the output
// starts a tag the renderer wrote.
var unsafeHTML = regexp.MustCompile(`(?i)<(script|iframe|object|embed|style|img|svg|math|form|input|base|meta|link)\b|<[^>]*\s(on[a-z]+|style|srcdoc|formaction)\s*=|(href|src)\s*=\s*"\s*(javascript|vbscript|data):`)

// FuzzRenderBody renders arbitrary Markdown as a document body, with and
// without the redline syntax of change reports: it never panics, fails only
// for a heading that takes an ID of the page layout, and never emits markup
// from the content. Seeds: the PDF renderer's all-elements fixture and
// hostile snippets.
func FuzzRenderBody(f *testing.F) {
	if b, err := os.ReadFile("../pdf/testdata/all-elements.md"); err == nil {
		f.Add(string(b), false)
		f.Add(string(b), true)
	}
	for _, s := range []string{
		"",
		"# Titel {#id .unnumbered}\n\n###### tief\n\n# \n",
		"# Kopf {#main}\n",
		"| a | b |\n|:-:|--:|\n| 1 | 2 | 3 |\n|\n",
		"- a\n  1. b\n     > c\n     > ```\n     > d\n     > ```\n",
		"😀 中文 𝔄 עברית \u202e \xff\xfe \x00 \u00ad\u200b\u00a0",
		"[x](#x) [y](javascript:x) <a@b.c> <https://x.y/z> ![i](j.png) [d](data:text/html,x)\n\n<div onclick=x>\n",
		"<script>alert(1)</script> <img src=x onerror=alert(1)> <b style=\"x\">b</b>",
		"# A {onclick=\"x()\" style=\"color:red\" #a}\n",
		"{++neu++} {--alt--} {++ # Kopf ++}\n\n# {--Alt--}{++Neu++}\n",
		strings.Repeat("> ", 60) + "x",
		strings.Repeat("- ", 60) + "x",
		strings.Repeat("*a **b** ~~c~~ `d`* ", 50),
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, md string, redline bool) {
		opts := bodyOptions{
			Reserved:    reservedIDs(),
			Redline:     redline,
			SectionLink: func(number, title string) (string, error) { return "Abschnitt " + number + " " + title, nil },
		}
		b, err := renderBody([]byte(md), opts)
		if err != nil {
			if !strings.Contains(err.Error(), "which the page layout uses itself") {
				t.Fatal(err)
			}
			return
		}
		html := string(b.HTML)
		if m := unsafeHTML.FindString(html); m != "" {
			t.Fatalf("unsafe HTML %q in\n%s", m, html)
		}
		if utf8.ValidString(md) && !utf8.ValidString(html) {
			t.Fatal("valid UTF-8 in, invalid out")
		}
		ids := map[string]bool{}
		for _, h := range b.Headings {
			if ids[h.ID] {
				t.Fatalf("heading ID %q twice", h.ID)
			}
			ids[h.ID] = true
		}
	})
}
