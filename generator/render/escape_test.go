package render_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark/text"

	"trustdocs/generator/markdown"
)

// Plain-text fields (titles, names) reach the document as the characters
// written: no Markdown in them adds a heading, a list, emphasis or an id,
// and no HTML in them is dropped.
func TestPlainFieldsStayLiteral(t *testing.T) {
	const (
		sub  = `Zugang für <admins> … 2*3*4 _x_ [y](z) &amp; ![i](j) {#main}`
		page = `1. Teil - <b>fett</b> # Kein Kapitel`
	)
	base := securityConcept(t, "../../testdata/minimal", "de")
	tree := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(tree, os.DirFS("../../testdata/minimal")); err != nil {
		t.Fatal(err)
	}
	replace(t, filepath.Join(tree, "subsystems/02-wiki.yaml"), "title: {de: Wiki,", "title: {de: '"+sub+"',")
	replace(t, filepath.Join(tree, "pages/introduction.de.md"), "title: Einführung", "title: '"+page+"'")
	md := securityConcept(t, tree, "de")

	heads := func(md string) []markdown.Heading {
		src := []byte(md)
		return markdown.Headings(markdown.New().Parser().Parse(text.NewReader(src)), src)
	}
	before, after := heads(base), heads(md)
	if len(after) != len(before) {
		t.Fatalf("%d headings, want %d as without the markup:\n%s", len(after), len(before), md)
	}
	var titles []string
	for i, h := range after {
		if h.ID != before[i].ID {
			t.Errorf("heading %d has the id %q, want %q", i, h.ID, before[i].ID)
		}
		titles = append(titles, h.Title)
	}
	all := strings.Join(titles, "\n")
	for _, want := range []string{page, sub} {
		if !strings.Contains(all, want) {
			t.Errorf("no heading reads %q; headings:\n%s", want, all)
		}
	}
}

func replace(t *testing.T, file, old, new string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), old) {
		t.Fatalf("%s has no %q", file, old)
	}
	if err := os.WriteFile(file, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}
