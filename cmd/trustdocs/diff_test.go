package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// The example history of content/ (scripts/example-history.sh): the diff
// from the first to the last release lists every kind of change, in text and
// JSON, exactly as in the golden files of testdata/diff.
func TestDiffFirstToLastRelease(t *testing.T) {
	for _, c := range []struct{ lang, format, golden string }{
		{"de", "text", "1.0-2.0.de.txt"},
		{"en", "json", "1.0-2.0.en.json"},
	} {
		code, out, stderr := runCLI("diff", "1.0", "2.0", "--content", "../../content", "--lang", c.lang, "--format", c.format)
		if code != exitOK {
			t.Fatalf("diff: exit %d: %s", code, stderr)
		}
		file := filepath.Join("../../testdata/diff", c.golden)
		if *update {
			if err := os.WriteFile(file, []byte(out), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(file)
		if err != nil {
			t.Fatalf("%v (go test -update writes it; then read it)", err)
		}
		if out != string(want) {
			t.Errorf("diff --lang %s --format %s differs from %s:\n%s", c.lang, c.format, c.golden, out)
		}
	}
	_, text, _ := runCLI("diff", "1.0", "2.0", "--content", "../../content", "--lang", "de")
	for _, want := range []string{
		"+ hinzugefügt: DATASIX Rechenzentrumsbetriebs GmbH",   // a subprocessor added
		"- entfernt: noris network AG",                         // one removed
		"+ hinzugefügt: Rechenzentrum DATASIX",                 // a data centre added
		"- entfernt: Rechenzentrum noris network",              // one removed
		"spätestens nach 12 Monaten",                           // log retention shortened …
		"spätestens nach 6 Monaten",                            // … to 6 months
		"E-Mails können verschlüsselt werden",                  // a measure rewritten
		"+ nicht relevant: Das Wiki ist kein Fernmeldesystem.", // a goal's relevance changed
		"(redaktionell)",                                       // a typo fix told apart
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the diff 1.0 → 2.0 lacks %q", want)
		}
	}
	// No entity ID reaches a reader: entities are named by title, a
	// site's operator by its name, measures by their first sentence.
	for _, id := range []string{"[", "Betreiber: datasix", "Betreiber: noris\n", "email-encryption-possible", "access-rights-documented"} {
		if strings.Contains(text, id) {
			t.Errorf("the diff 1.0 → 2.0 shows the ID-like %q", id)
		}
	}
	if i, j := strings.Index(text, "Unterauftragsverarbeiter"), strings.Index(text, "Sicherheitsteilsysteme"); i < 0 || j < i {
		t.Error("subprocessor changes do not come first")
	}
}

// Only a release that adds or replaces a subprocessor has an objection
// deadline, the day before it takes effect.
func TestDiffObjectionDeadline(t *testing.T) {
	_, text, _ := runCLI("diff", "1.0", "1.1", "--content", "../../content", "--lang", "de")
	if !strings.Contains(text, "Gilt ab: 01.01.2026") || !strings.Contains(text, "Widerspruch bis: 31.12.2025") {
		t.Errorf("diff 1.0 1.1: no effective date 01.01.2026 and deadline 31.12.2025:\n%.600s", text)
	}
	_, text, _ = runCLI("diff", "1.1", "2.0", "--content", "../../content", "--lang", "de")
	if strings.Contains(text, "Widerspruch") {
		t.Errorf("diff 1.1 2.0 (no subprocessor change) has an objection deadline:\n%.600s", text)
	}
}

// diff to a full disk exits 1 and says so: to standard output (/dev/full),
// and with --out to a tiny file system (where one can be mounted), leaving
// no file and no temporary file behind.
func TestDiffToFullDisk(t *testing.T) {
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no /dev/full:", err)
	}
	defer full.Close()
	var stderr bytes.Buffer
	code := run([]string{"diff", "1.0", "current", "--content", "../../content", "--format", "html"}, full, &stderr)
	if code != exitContent || stderr.String() != "trustdocs diff: cannot write standard output: no space left on device\n" {
		t.Errorf("to /dev/full: exit %d, stderr %q", code, stderr.String())
	}
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=8k"); err != nil {
		t.Skip("cannot mount a small tmpfs (not root?):", err)
	}
	defer syscall.Unmount(dir, 0)
	out := filepath.Join(dir, "notice.pdf")
	code, stdout, stderr2 := runCLI("diff", "1.0", "current", "--content", "../../content", "--format", "pdf", "--out", out)
	if code != exitContent || stdout != "" || stderr2 != "trustdocs diff: cannot write "+out+": no space left on device (it is as it was)\n" {
		t.Errorf("--out to a full disk: exit %d, stdout %q, stderr %q", code, stdout, stderr2)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("left behind on the full disk: %v", left)
	}
}
