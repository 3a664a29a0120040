package pdf

import (
	"os"
	"strings"
	"testing"
)

// FuzzRender calls render directly, without Render's recover, so that any
// panic on odd input shows up as a failure.
func FuzzRender(f *testing.F) {
	fixture, err := os.ReadFile("testdata/all-elements.md")
	if err != nil {
		f.Fatal(err)
	}
	planBlock, err := os.ReadFile("../markdown/testdata/plan.md")
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{
		string(fixture),
		string(planBlock),
		"",
		"# Titel {#id .unnumbered}\n\n###### tief\n\n# \n",
		"| a | b |\n|:-:|--:|\n| 1 | 2 | 3 |\n|\n",
		"- a\n  1. b\n     > c\n     > ```\n     > d\n     > ```\n",
		"😀 中文 𝔄 \xff\xfe \x00 \u00ad\u200b\u00a0\u202f\u2011 \t",
		"[x](#x) [y](javascript:x) <a@b.c> <https://x.y/z> ![i](j.png)\n\n<div>\n",
		strings.Repeat("*a **b** ~~c~~ `d`* ", 50),
		strings.Repeat("> ", 60) + "x",
		strings.Repeat("- ", 60) + "x",
		"x  \ny\\\nz<br>w",
		"# {--Alt--}{++Neu++}\n\n- {++*neu* [x](#alt)++}\n\n| {--a--} |\n|---|\n| {++b `c`++} |\n\n{-- offen",
	} {
		f.Add(s, "Titel")
	}
	fonts := testFonts(f)
	f.Fuzz(func(t *testing.T, md, title string) {
		meta := testMeta()
		meta.Title, meta.Header, meta.PageOf = title, title, title
		meta.Watermark, meta.Redline = title, len(md)%2 == 0
		out, _, err := render([]byte(md), meta, fonts)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(string(out), "%PDF-") {
			t.Fatal("not a PDF")
		}
	})
}
