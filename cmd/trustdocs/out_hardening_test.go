package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// diff --out and translate export --out never overwrite a content file
// (site.yaml included, --force or not), nor a file they did not write
// without --force; their own earlier output they replace.
func TestOutRefusesForeignFiles(t *testing.T) {
	t.Parallel()
	tree := freshTree(t)
	site := filepath.Join(tree, "site.yaml")
	before, _ := os.ReadFile(site)
	notes := filepath.Join(t.TempDir(), "notes.txt")
	os.WriteFile(notes, []byte("my notes"), 0o644)
	xlf := filepath.Join(t.TempDir(), "en.xlf")
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"translate", "export", "--lang", "en", "--all", "--content", tree, "--out", site}, exitUsage, "inside the content directory"},
		{[]string{"translate", "export", "--lang", "en", "--all", "--content", tree, "--out", site, "--force"}, exitUsage, "inside the content directory"},
		{[]string{"translate", "export", "--lang", "en", "--all", "--content", tree, "--out", notes}, exitUsage, "was not written by this command"},
		{[]string{"translate", "export", "--lang", "en", "--all", "--content", tree, "--out", xlf}, exitOK, ""},
		{[]string{"translate", "export", "--lang", "en", "--all", "--content", tree, "--out", xlf}, exitOK, ""}, // its own file again
		{[]string{"diff", "current", "current", "--content", tree, "--out", site, "--force"}, exitUsage, "inside the content directory"},
		{[]string{"diff", "current", "current", "--content", tree, "--out", notes}, exitUsage, "was not written by this command"},
		{[]string{"diff", "current", "current", "--content", tree, "--out", xlf}, exitUsage, "was not written by this command"},
	} {
		code, _, stderr := runCLI(c.args...)
		if code != c.code || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, want %d with %q; stderr %q", c.args, code, c.code, c.want, stderr)
		}
	}
	if after, _ := os.ReadFile(site); string(after) != string(before) {
		t.Error("site.yaml was overwritten")
	}
	if data, _ := os.ReadFile(notes); string(data) != "my notes" {
		t.Error("a foreign file was overwritten")
	}
	if code, _, stderr := runCLI("translate", "export", "--lang", "en", "--all", "--content", tree, "--out", notes, "--force"); code != exitOK {
		t.Errorf("--force: exit %d: %s", code, stderr)
	}
}
