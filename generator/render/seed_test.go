package render_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"trustdocs/generator/build"
	"trustdocs/generator/render"
	"trustdocs/generator/seedcheck"
	"trustdocs/generator/theme"
)

// seedCases pair each seed document with the content that must reproduce it.
var seedCases = []struct {
	seed, edits, content, doc string
}{
	{"000_30205d442d6fd258.txt", "000.edits", "../../content", "sicherheitskonzept"},
	{"004_7c72f9a5980fe780.txt", "004.edits", "../../examples/meetyoo", "toms"},
}

// SeedDir is where the seeds live: ../shared/seeds beside the repository.
func seedDir(t *testing.T) string {
	dir := "../../../shared/seeds"
	if _, err := os.Stat(dir); err != nil {
		t.Fatalf("seed documents not found at %s (the repository expects ../shared beside it): %v", dir, err)
	}
	return dir
}

// Every sentence of each seed is in the German Markdown of its document,
// but for the deliberate edits listed in testdata/seeds/*.edits.
func TestSeedSentencesInMarkdown(t *testing.T) {
	th, err := theme.Open("")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range seedCases {
		t.Run(c.doc, func(t *testing.T) {
			site, _, diags := build.Check(c.content)
			if err := diags.Err(); err != nil {
				t.Fatal(err)
			}
			docs, err := render.Documents(site, th)
			if err != nil {
				t.Fatal(err)
			}
			var md string
			for _, d := range docs {
				if d.Lang == "de" && d.ID == c.doc {
					// The cover page prints title and subtitle.
					md = d.Doc.Title + "\n" + d.Doc.Subtitle + "\n" + string(d.Markdown)
				}
			}
			seed, err := os.ReadFile(filepath.Join(seedDir(t), c.seed))
			if err != nil {
				t.Fatal(err)
			}
			src, err := os.ReadFile(filepath.Join("../../testdata/seeds", c.edits))
			if err != nil {
				t.Fatal(err)
			}
			edits, err := seedcheck.ParseEdits(string(src))
			if err != nil {
				t.Fatalf("%s: %v", c.edits, err)
			}
			r := seedcheck.Compare(string(seed), edits, md)
			for _, u := range r.Unused {
				t.Errorf("%s:%d: edit does not match the seed: %q", c.edits, u.Line, u.From)
			}
			if len(r.Missing) > 0 {
				t.Errorf("%d of %d seed sentences missing from the German %s:\n%s", len(r.Missing), r.Sentences, c.doc, strings.Join(r.Missing, "\n"))
			}
			if r.Sentences < 100 {
				t.Errorf("only %d sentences compared: is the seed complete?", r.Sentences)
			}
		})
	}
}
