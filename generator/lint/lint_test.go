package lint

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"trustdocs/generator/load"
	"trustdocs/generator/validate"
)

var update = flag.Bool("update", false, "rewrite the want.txt files of testdata/ from the current output")

// today is the date the lints run at.
var today = time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)

// Each testdata/LINT/CASE is laid over testdata/minimal. A CASE named
// trigger* must give exactly the warnings of its want.txt (lint LINT among
// them); every other case must give no warning of LINT.
func TestLints(t *testing.T) {
	lints, _ := filepath.Glob("testdata/*")
	seen := map[string]bool{}
	for _, dir := range lints {
		name := filepath.Base(dir)
		seen[name] = true
		cases, _ := filepath.Glob(filepath.Join(dir, "*"))
		var trigger, clean bool
		for _, c := range cases {
			c := c
			isTrigger := strings.HasPrefix(filepath.Base(c), "trigger")
			trigger = trigger || isTrigger
			clean = clean || !isTrigger
			t.Run(name+"/"+filepath.Base(c), func(t *testing.T) {
				tree := overlay(t, c)
				got := run(t, tree)
				if !isTrigger {
					if strings.Contains(got, "["+name+"]") {
						t.Errorf("lint %s fired:\n%s", name, got)
					}
					return
				}
				if !strings.Contains(got, "["+name+"]") {
					t.Errorf("lint %s did not fire:\n%s", name, got)
				}
				want := filepath.Join(c, "want.txt")
				if *update {
					os.WriteFile(want, []byte(got), 0o644)
					return
				}
				data, err := os.ReadFile(want)
				if err != nil {
					t.Fatalf("%v (run go test -update, then read it)", err)
				}
				if got != string(data) {
					t.Errorf("got:\n%s\nwant:\n%s", got, data)
				}
			})
		}
		if !trigger || !clean {
			t.Errorf("testdata/%s needs a trigger tree and a clean one", name)
		}
	}
	for _, n := range Names {
		if !seen[n] {
			t.Errorf("lint %s has no testdata/%s", n, n)
		}
	}
}

// run checks the tree (it must be valid) and lints it, giving the
// warnings with paths relative to the tree.
func run(t *testing.T, tree string) string {
	t.Helper()
	site, errs := load.Load(tree)
	_, verrs := validate.Check(site)
	errs.Add(verrs)
	if errs.HasErrors() {
		t.Fatalf("the tree is not valid:\n%v", errs.Err())
	}
	out, err := Run(site, Options{Today: today})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, d := range out.Items() {
		b.WriteString(strings.ReplaceAll(d.String(), tree+string(filepath.Separator), "") + "\n")
	}
	return filepath.ToSlash(b.String())
}

func overlay(t *testing.T, dir string) string {
	t.Helper()
	tree := filepath.Join(t.TempDir(), "content")
	for _, src := range []string{"../../testdata/minimal", dir} {
		err := filepath.Walk(src, func(path string, info os.FileInfo, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(src, path)
			if rel == "want.txt" {
				return nil
			}
			target := filepath.Join(tree, rel)
			if info.IsDir() {
				return os.MkdirAll(target, 0o755)
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			return os.WriteFile(target, data, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return tree
}

// The minimal site is clean; certificates are not judged without a date.
func TestMinimalIsClean(t *testing.T) {
	tree := overlay(t, "testdata/expired-certification/trigger")
	site, _ := load.Load(tree)
	out, err := Run(site, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Items()) != 0 {
		t.Errorf("without a date: %v", out.Items())
	}
	site, _ = load.Load("../../testdata/minimal")
	if out, _ := Run(site, Options{Today: today}); len(out.Items()) != 0 {
		t.Errorf("minimal: %v", out.Items())
	}
}

// The theme's list is read from the theme; a broken one is an error, an
// unknown lint name in lint.yaml a warning.
func TestThemeRules(t *testing.T) {
	site, _ := load.Load("../../testdata/minimal")
	if _, err := Run(site, Options{Theme: fstest.MapFS{LawFile: {Data: []byte("- pattern: '('\n  old: x\n  new: y\n")}}}); err == nil {
		t.Error("a broken pattern in the theme was accepted")
	}
	if _, err := Run(site, Options{Theme: fstest.MapFS{LawFile: {Data: []byte("- patern: x\n")}}}); err == nil {
		t.Error("an unknown field in the theme file was accepted")
	}
	if _, err := Run(site, Options{Theme: fstest.MapFS{}}); err != nil {
		t.Errorf("a theme without the file: %v", err)
	}
	tree := overlay(t, "testdata/superseded-law/clean")
	os.WriteFile(filepath.Join(tree, "lint.yaml"), []byte("disable: [superseeded-law]\n"), 0o644)
	site, errs := load.Load(tree)
	if errs.HasErrors() {
		t.Fatal(errs.Err())
	}
	out, _ := Run(site, Options{})
	if got := out.Items(); len(got) != 1 || !strings.Contains(got[0].Msg, `unknown lint "superseeded-law" in disable: did you mean "superseded-law"?`) {
		t.Errorf("got %v", got)
	}
}

// A broken lint.yaml is a load error at its place.
func TestLintFileErrors(t *testing.T) {
	tree := overlay(t, "testdata/superseded-law/clean")
	os.WriteFile(filepath.Join(tree, "lint.yaml"), []byte("superseded_law:\n  - pattern: '(unclosed'\n    old: x\n  - pattern: x\n    olt: y\n    new: z\n"), 0o644)
	_, errs := load.Load(tree)
	got := strings.ReplaceAll(errs.Err().Error(), tree+string(filepath.Separator), "")
	for _, want := range []string{
		"lint.yaml:2:14: field \"pattern\" is not a valid regular expression: missing closing ): `(unclosed`",
		"lint.yaml:2:5: superseded-law rule is missing the required field \"new\"",
		"lint.yaml:5:5: unknown field \"olt\" in superseded-law rule: did you mean \"old\"?",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
}
