package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The example history of content/ (scripts/example-history.sh): the diff
// from the first to the last release lists every kind of change, in text and
// JSON, exactly as in the golden files of testdata/diff.
func TestDiffFirstToLastRelease(t *testing.T) {
	t.Parallel()
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
	if i, j := strings.Index(text, "Unterauftragsverarbeiter"), strings.Index(text, "Sicherheitsteilsysteme"); i < 0 || j < i {
		t.Error("subprocessor changes do not come first")
	}
}

// Only a release that adds or replaces a subprocessor has an objection
// deadline, the day before it takes effect.
func TestDiffObjectionDeadline(t *testing.T) {
	t.Parallel()
	_, text, _ := runCLI("diff", "1.0", "1.1", "--content", "../../content", "--lang", "de")
	if !strings.Contains(text, "Gilt ab: 01.01.2026") || !strings.Contains(text, "Widerspruch bis: 31.12.2025") {
		t.Errorf("diff 1.0 1.1: no effective date 01.01.2026 and deadline 31.12.2025:\n%.600s", text)
	}
	_, text, _ = runCLI("diff", "1.1", "2.0", "--content", "../../content", "--lang", "de")
	if strings.Contains(text, "Widerspruch") {
		t.Errorf("diff 1.1 2.0 (no subprocessor change) has an objection deadline:\n%.600s", text)
	}
}
