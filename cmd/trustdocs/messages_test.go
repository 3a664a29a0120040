package main

import (
	"os"
	"path/filepath"
	"testing"
)

// The messages of issue 18 that a command line, not a content tree, gives:
// each verbatim, with its exit status, and nothing written.
func TestCommandLineMessages(t *testing.T) {
	tree := filepath.Join(t.TempDir(), "content")
	copyTree(t, minimal, tree)
	for _, c := range []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"release", "2.0", "--notes", "x", "--note", "en=x"}, exitUsage,
			"trustdocs release: --date is required, e.g. --date 2026-12-01\n"},
		{[]string{"release", "2.0", "--date", "20.12.2026", "--notes", "x", "--note", "en=x"}, exitUsage,
			"trustdocs release: --date 20.12.2026 is not a date: write YYYY-MM-DD: --date 2026-12-20\n"},
		{[]string{"release", "2.0", "--date", "2026-12-20", "--effective", "next week", "--notes", "x", "--note", "en=x"}, exitUsage,
			"trustdocs release: --effective next week is not a date: write YYYY-MM-DD, e.g. 2026-12-01\n"},
		{[]string{"diff", "9.9", "current"}, exitContent,
			"trustdocs diff: no release \"9.9\": give current\n"},
		{[]string{"biuld"}, exitUsage,
			"trustdocs: unknown command \"biuld\": did you mean \"build\"? (see 'trustdocs help')\n"},
		{[]string{"translate", "export", "--lnag", "en"}, exitUsage,
			"trustdocs translate export: unknown flag --lnag: did you mean --lang? (see 'trustdocs translate export --help')\n"},
	} {
		code, stdout, stderr := runCLI(append(c.args, "--content", tree)...)
		if code != c.code || stderr != c.stderr || stdout != "" {
			t.Errorf("%v: exit %d, want %d\nstderr %q\nwant   %q\nstdout %q", c.args, code, c.code, stderr, c.stderr, stdout)
		}
	}
	if _, err := os.Stat(filepath.Join(tree, "releases")); !os.IsNotExist(err) {
		t.Errorf("a refused release wrote %s/releases (%v)", tree, err)
	}
}
