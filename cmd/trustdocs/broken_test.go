package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the want.txt files of testdata/broken from the current output")

// The broken-content corpus: each testdata/broken/NAME holds the files that,
// laid over testdata/minimal (and with the files in remove.txt deleted), make
// a content tree with one defect — or several, in 90-several-defects. `check`
// must exit 1 and print exactly want.txt (paths relative to the tree).
func TestBrokenContent(t *testing.T) {
	t.Parallel()
	cases, err := filepath.Glob("../../testdata/broken/*")
	if err != nil || len(cases) < 25 {
		t.Fatalf("want at least 25 broken trees, found %d (%v)", len(cases), err)
	}
	for _, dir := range cases {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			tree := overlay(t, "../../testdata/minimal", dir)
			var stdout, stderr bytes.Buffer
			code := run([]string{"check", "--content", tree}, &stdout, &stderr)
			if code != exitContent {
				t.Fatalf("exit status %d, want %d; stderr:\n%s", code, exitContent, stderr.String())
			}
			if stdout.Len() != 0 {
				t.Errorf("a failed check printed a summary:\n%s", stdout.String())
			}
			got := strings.ReplaceAll(stderr.String(), tree+string(filepath.Separator), "")
			got = strings.ReplaceAll(got, tree, "TREE")
			wantFile := filepath.Join(dir, "want.txt")
			if *update {
				if err := os.WriteFile(wantFile, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(wantFile)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it, then read it)", err)
			}
			if got != string(want) {
				t.Errorf("check printed:\n%s\nwant:\n%s", got, want)
			}
			for _, line := range strings.Split(strings.TrimSpace(got), "\n") {
				if strings.HasPrefix(line, "TREE: ") {
					continue // the closing count
				}
				if !positioned(line) {
					t.Errorf("message without file:line:col: %q", line)
				}
			}
		})
	}
}

// positioned reports whether line starts with file:line:col.
func positioned(line string) bool {
	parts := strings.SplitN(line, ":", 4)
	if len(parts) < 4 {
		return false
	}
	for _, n := range parts[1:3] {
		if n == "" || strings.Trim(n, "0123456789") != "" {
			return false
		}
	}
	return true
}

// overlay copies base into a temporary tree, lays the case's files over it
// and deletes those listed in the case's remove.txt.
func overlay(t *testing.T, base, caseDir string) string {
	t.Helper()
	tree := filepath.Join(t.TempDir(), "content")
	copyTree(t, base, tree)
	copyTree(t, caseDir, tree)
	for _, name := range []string{"want.txt", "remove.txt"} {
		os.Remove(filepath.Join(tree, name))
	}
	if data, err := os.ReadFile(filepath.Join(caseDir, "remove.txt")); err == nil {
		for _, name := range strings.Fields(string(data)) {
			if err := os.Remove(filepath.Join(tree, filepath.FromSlash(name))); err != nil {
				t.Fatal(err)
			}
		}
	}
	return tree
}

// copyTree copies files and symbolic links (as links) from src into dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.Walk(src, func(path string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		target := filepath.Join(dst, rel)
		switch {
		case info.Mode()&os.ModeSymlink != 0:
			link, err := os.Readlink(path)
			if err != nil {
				return err
			}
			return os.Symlink(link, target)
		case info.IsDir():
			return os.MkdirAll(target, 0o755)
		default:
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			return os.WriteFile(target, data, 0o644)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
}
