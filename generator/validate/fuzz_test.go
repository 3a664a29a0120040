package validate

import (
	"bytes"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"trustdocs/generator/diag"
	"trustdocs/generator/markdown"
)

// FuzzCheckText: a text that passes the per-text check can stand between
// two other texts in a document and leaves the text after it alone: the
// paragraph after it is still a paragraph of its own at the top level.
// Never a panic; every error is positioned inside the text.
func FuzzCheckText(f *testing.F) {
	for _, s := range []string{
		"plain", "<!-- open", "```\ncode", "~~~~ x\n", "<pre>\n", "<script>", "- ```\n  x",
		"> ```\n> x", "<div>\nx\n</div>", "[a](", "a\\", "    indented", "1. x\n\n   ```",
		"| a | b |\n|---|---|\n| 1 | 2 |", "# T {#main}", "```trustdocs-plan\n{}\n```",
		"<?php", "<![CDATA[", "<!X", "x\n===", "[foo]: /url\n\"title",
	} {
		f.Add(s)
	}
	p := markdown.New().Parser()
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 1<<14 {
			return
		}
		errs := &diag.List{}
		checkText(p, s, "text", func(off int) diag.Pos {
			if off < 0 || off > len(s) {
				t.Fatalf("position %d outside the text of %d bytes", off, len(s))
			}
			return diag.Pos{File: "f", Line: 1, Col: off + 1}
		}, errs)
		if errs.HasErrors() {
			return
		}
		const after = "trustdocs-next-text"
		doc := []byte("Before.\n\n" + s + "\n\n" + after + "\n")
		root := p.Parse(text.NewReader(doc))
		last, ok := root.LastChild().(*ast.Paragraph)
		var line []byte
		if ok && last.Lines().Len() == 1 {
			seg := last.Lines().At(0)
			line = bytes.TrimSpace(seg.Value(doc))
		}
		if !bytes.Equal(line, []byte(after)) {
			t.Fatalf("%q passed the check but swallows the text after it", s)
		}
	})
}
