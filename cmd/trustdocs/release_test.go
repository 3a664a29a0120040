package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// snapshotDir lists every file below dir with its content, to prove that a
// refused command changed nothing.
func snapshotDir(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			b, _ := os.ReadFile(p)
			files[p] = string(b)
		}
		return nil
	})
	return files
}

func TestReleaseRefusesExistingVersionAndOlderDate(t *testing.T) {
	t.Parallel()
	tree := filepath.Join(t.TempDir(), "content")
	copyTree(t, minimal, tree)
	if code, _, stderr := runCLI("release", "1.0", "--content", tree, "--date", "2026-03-01", "--notes", "Erste Fassung", "--note", "en=First edition"); code != exitOK {
		t.Fatalf("first release: exit %d: %s", code, stderr)
	}
	// A change, so that only the refusals below can stop the release.
	measures := filepath.Join(tree, "measures", "general.yaml")
	b, _ := os.ReadFile(measures)
	os.WriteFile(measures, []byte(strings.Replace(string(b), "TLS 1.3", "TLS 1.2", 2)), 0o644)
	before := snapshotDir(t, tree)
	for _, args := range [][]string{
		{"release", "1.0", "--date", "2026-04-01"},
		{"release", "0.9", "--date", "2026-04-01"},
		{"release", "1.1", "--date", "2026-02-28"},
	} {
		args = append(args, "--content", tree, "--notes", "x", "--note", "en=y")
		code, _, stderr := runCLI(args...)
		if code != exitContent {
			t.Errorf("%v: exit %d, want %d (%s)", args, code, exitContent, stderr)
		}
		if after := snapshotDir(t, tree); len(after) != len(before) {
			t.Errorf("%v changed the content tree", args)
		}
	}
	if code, out, _ := runCLI("releases", "--content", tree); code != exitOK || !strings.HasPrefix(out, "1.0\t2026-03-01") {
		t.Errorf("releases: exit %d, output %q", code, out)
	}
}

func TestCheckReportsEditedSnapshot(t *testing.T) {
	t.Parallel()
	tree := filepath.Join(t.TempDir(), "content")
	copyTree(t, minimal, tree)
	if code, _, stderr := runCLI("release", "1.0", "--content", tree, "--date", "2026-03-01", "--notes", "Erste Fassung", "--note", "en=First edition"); code != exitOK {
		t.Fatalf("release: %s", stderr)
	}
	if code, _, stderr := runCLI("check", "--content", tree); code != exitOK {
		t.Fatalf("check after release: exit %d: %s", code, stderr)
	}
	snap := filepath.Join(tree, "releases", "1.0", "de", "toms.md")
	b, err := os.ReadFile(snap)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(snap, append(b, []byte("Nachträglich eingefügt.\n")...), 0o644)
	code, _, stderr := runCLI("check", "--content", tree)
	if code != exitContent || !strings.Contains(stderr, "release 1.0 was edited after it was made") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}
