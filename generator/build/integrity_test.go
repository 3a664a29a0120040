package build

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"trustdocs/generator/integrity"
)

// A theme with static/brochure.pdf builds, and SHA256SUMS lists it with
// every other file of the output (issue 17 item 7): the sums are taken
// once, from the final file set, and verify finds nothing amiss.
func TestThemeStaticPDFListed(t *testing.T) {
	t.Parallel()
	theme := t.TempDir()
	if err := os.MkdirAll(filepath.Join(theme, "static"), 0o755); err != nil {
		t.Fatal(err)
	}
	brochure := []byte("%PDF-1.4 a brochure the theme ships\n")
	if err := os.WriteFile(filepath.Join(theme, "static", "brochure.pdf"), brochure, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "out")
	res, diags, err := Build(Options{Content: "../../testdata/minimal", Theme: theme, Out: out})
	if err != nil {
		t.Fatalf("%v\n%v", err, diags.Items())
	}
	sums, err := os.ReadFile(filepath.Join(out, integrity.SumsFile))
	if err != nil {
		t.Fatal(err)
	}
	entries, err := integrity.ParseSums(sums)
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, e := range entries {
		listed[e.Name] = true
	}
	if !listed["static/brochure.pdf"] {
		t.Errorf("SHA256SUMS does not list static/brochure.pdf:\n%s", sums)
	}
	for _, name := range res.Files {
		if integrity.Published(name) && !listed[name] {
			t.Errorf("SHA256SUMS does not list %s", name)
		}
	}
	rep, err := integrity.VerifyDir(context.Background(), out, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() || rep.Checked != len(entries) {
		t.Errorf("verify: %d of %d checked, problems %v", rep.Checked, len(entries), rep.Problems)
	}
	if !strings.Contains(string(sums), "  de/index.html\n") || !strings.Contains(string(sums), "  de/model.json\n") {
		t.Errorf("SHA256SUMS lacks the pages or model.json:\n%s", sums)
	}
}
