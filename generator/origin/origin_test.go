package origin

import (
	"testing"

	"trustdocs/generator/diag"
	"trustdocs/generator/model"
)

func TestLocate(t *testing.T) {
	site := &model.Site{
		Organisation: model.Organisation{Name: "Beispiel GmbH", Pos: diag.Pos{File: "site.yaml", Line: 4, Col: 3}},
		Pages: []*model.Page{{Name: "intro", Lang: "de", Title: "Einführung",
			Body:    "Erster Absatz.\n\n## Gleich\n\nText mit [Link](#x) und [Link](#y).\n\n## Gleich\n",
			BodyPos: diag.Pos{File: "pages/intro.de.md", Line: 4, Col: 1}}},
	}
	ix := New(site)
	md := []byte("# Einführung {#intro}\n\nErster Absatz.\n\n### Gleich\n\nText mit [Link](#x) und [Link](#y).\n\n### Gleich\n\nBeispiel GmbH · Seite 1\n\nVom Template.\n")
	for _, c := range []struct {
		line int
		near string
		want string
	}{
		{3, "", "pages/intro.de.md:4:1"},
		{7, "](#y", "pages/intro.de.md:8:30"}, // at the second link of the line
		{5, "Gleich", "pages/intro.de.md:6:4"},
		{9, "Gleich", "pages/intro.de.md:10:4"}, // the second heading of the same words
		{11, "", "site.yaml:4:3"},               // a name: where its owner stands
	} {
		pos, ok := ix.Locate("de", md, c.line, c.near)
		if !ok || pos.String() != c.want {
			t.Errorf("line %d (%q): %v %v, want %s", c.line, c.near, pos, ok, c.want)
		}
	}
	if pos, ok := ix.Locate("de", md, 13, ""); ok {
		t.Errorf("the template's own words located at %v", pos)
	}
	if _, ok := ix.Locate("en", md, 3, ""); ok {
		t.Error("a German text located for English")
	}
}
