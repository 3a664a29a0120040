package build_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"trustdocs/generator/build"
	"trustdocs/generator/build/buildtest"
)

// historyCopy is a copy of the example history to change.
func historyCopy(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content")
	if err := buildtest.Copy(dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

// replaceIn replaces old by new in a file, once; the test fails if old is
// not there.
func replaceIn(t *testing.T, file, old, new string) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s has no %q", file, old)
	}
	if err := os.WriteFile(file, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

func drafts(t *testing.T, dir string) map[string]bool {
	t.Helper()
	d, _, err := build.DraftDocuments(dir, "")
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// The released content is no draft; a changed subprocessor makes a draft
// of the documents that print it, not of the TOMs; a raised version alone
// makes a draft of that document only.
func TestDraftPerDocument(t *testing.T) {
	t.Parallel()
	dir := historyCopy(t)
	if d := drafts(t, dir); d["sicherheitskonzept"] || d["toms"] || d["subprocessors"] {
		t.Fatalf("released content: drafts %v", d)
	}
	site := filepath.Join(dir, "site.yaml")
	b, _ := os.ReadFile(site)
	i := strings.Index(string(b), "id: toms")
	tail := strings.Replace(string(b[i:]), "version: ", "version: \"9.9\" #", 1)
	os.WriteFile(site, []byte(string(b[:i])+tail), 0o644)
	if d := drafts(t, dir); !d["toms"] || d["subprocessors"] || d["sicherheitskonzept"] {
		t.Errorf("TOMs' version raised: drafts %v, want only toms", d)
	}
	dir = historyCopy(t)
	replaceIn(t, filepath.Join(dir, "vendors", "weclapp.yaml"), "Buchhaltung", "Finanzbuchhaltung")
	if d := drafts(t, dir); !d["subprocessors"] || d["toms"] {
		t.Errorf("a subprocessor's service changed: drafts %v, want subprocessors but not toms", d)
	}
}
