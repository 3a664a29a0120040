package release

import (
	"os"
	"path/filepath"
	"sort"
	"testing"

	"trustdocs/generator/load"
	"trustdocs/generator/render"
	"trustdocs/generator/theme"
)

// FuzzLoad cuts a real release of testdata/minimal, then replaces one of
// its files with arbitrary bytes: Load reports problems (an edited release
// is one), with the file at fault, and never panics or hangs.
// Seeds: the files of that release.
func FuzzLoad(f *testing.F) {
	site, errs := load.Load("../../testdata/minimal")
	if errs.HasErrors() {
		f.Fatal(errs.Err())
	}
	th, err := theme.Open("")
	if err != nil {
		f.Fatal(err)
	}
	docs, err := render.Documents(site, th)
	if err != nil {
		f.Fatal(err)
	}
	files, err := Snapshot(site, docs)
	if err != nil {
		f.Fatal(err)
	}
	content := f.TempDir()
	if err := Cut(content, Info{Version: "1.0", Date: "2026-11-01", Notes: map[string]string{"de": "Erste", "en": "First"}}, files, nil, nil); err != nil {
		f.Fatal(err)
	}
	dir := filepath.Join(content, Dir, "1.0")
	var targets []string
	filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			targets = append(targets, rel)
		}
		return nil
	})
	sort.Strings(targets)
	for i, t := range targets {
		b, _ := os.ReadFile(filepath.Join(dir, t))
		f.Add(uint8(i), b)
	}
	f.Add(uint8(0), []byte("a: &a [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"))
	f.Add(uint8(0), []byte("version: \"1.0\"\ndate: 2026-11-01\nchecksum: x\nnotes: {de: [[[[[[[[[[]]]]]]]]]]}\n"))

	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		target := filepath.Join(dir, targets[int(which)%len(targets)])
		orig, err := os.ReadFile(target)
		if err != nil {
			t.Fatal(err)
		}
		defer os.WriteFile(target, orig, 0o644)
		if err := os.WriteFile(target, data, 0o644); err != nil {
			t.Fatal(err)
		}
		rels, errs := Load(content)
		for _, d := range errs.Items() {
			if d.Pos.File == "" {
				t.Fatalf("diagnostic without a file: %q", d.String())
			}
		}
		for _, r := range rels {
			if r.Info.Version != "1.0" && !errs.HasErrors() {
				t.Fatalf("version %q accepted for folder 1.0", r.Info.Version)
			}
		}
	})
}
