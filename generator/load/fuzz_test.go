package load_test

import (
	"os"
	"path/filepath"
	"testing"

	"trustdocs/generator/load"
	"trustdocs/generator/validate"
)

// fuzzTargets are the files a fuzz input may replace in the minimal tree.
var fuzzTargets = []string{
	"site.yaml", "catalogue.yaml", "vendors/hoster.yaml", "sites/rz.yaml",
	"measures/general.yaml", "subsystems/01-hosting.yaml", "pages/introduction.de.md",
}

// FuzzLoad replaces one file of a valid tree with arbitrary bytes: loading
// and validating must report problems, never panic or hang.
// Seeds: every file of testdata/minimal and of the broken-content corpus.
func FuzzLoad(f *testing.F) {
	for i, target := range fuzzTargets {
		if data, err := os.ReadFile(filepath.Join("../../testdata/minimal", target)); err == nil {
			f.Add(uint8(i), data)
		}
	}
	broken, _ := filepath.Glob("../../testdata/broken/*/*/*")
	top, _ := filepath.Glob("../../testdata/broken/*/*.yaml")
	for _, p := range append(broken, top...) {
		if fi, err := os.Lstat(p); err != nil || !fi.Mode().IsRegular() {
			continue
		}
		data, _ := os.ReadFile(p)
		for i, target := range fuzzTargets {
			if filepath.Ext(target) == filepath.Ext(p) && filepath.Base(filepath.Dir(target)) == filepath.Base(filepath.Dir(p)) {
				f.Add(uint8(i), data)
			}
		}
	}
	base := f.TempDir()
	copyDir(f, "../../testdata/minimal", base)

	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		target := filepath.Join(base, fuzzTargets[int(which)%len(fuzzTargets)])
		orig, err := os.ReadFile(target)
		if err != nil {
			t.Fatal(err)
		}
		defer os.WriteFile(target, orig, 0o644)
		if err := os.WriteFile(target, data, 0o644); err != nil {
			t.Fatal(err)
		}
		site, errs := load.Load(base)
		_, verrs := validate.Check(site)
		errs.Add(verrs)
		for _, d := range errs.Items() {
			if d.Pos.File == "" || d.Pos.Line < 1 || d.Pos.Col < 1 {
				t.Fatalf("diagnostic without a full position: %q", d.String())
			}
		}
	})
}

func copyDir(tb testing.TB, src, dst string) {
	tb.Helper()
	err := filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if info.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		tb.Fatal(err)
	}
}
