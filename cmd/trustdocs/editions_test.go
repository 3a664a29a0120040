package main

import (
	"bytes"
	"crypto/sha256"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"trustdocs/generator/pdf/pdfcheck"
)

func pdfText(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	key := sha256.Sum256(data)
	if s, ok := pdfTexts.Load(key); ok {
		return s.(string) // the same bytes read before (tests ask for one file many times)
	}
	// poppler reads a copy without the output intent, five times faster (pdfcheck.TextCommand).
	cmd, done, err := pdfcheck.TextCommand("pdftotext", "-q", "-enc", "UTF-8", path, "-")
	defer done()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	// Join words hyphenated at a line end, and lines, as a reader reads them.
	s := strings.ReplaceAll(string(out), "-\n", "")
	s = strings.Join(strings.Fields(s), " ")
	pdfTexts.Store(key, s)
	return s
}

// pdfTexts: pdfText's results by the SHA-256 of the file.
var pdfTexts sync.Map

// A customer text that is also written, unmarked, in a public page is a
// leak: the build names the content place, the field and the edition's
// files, exits 1 and writes nothing.
func TestBuildRefusesALeak(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (make deps)")
	}
	tree := filepath.Join(t.TempDir(), "content")
	copyTree(t, "../../testdata/minimal", tree)
	measures := filepath.Join(tree, "measures", "general.yaml")
	b, err := os.ReadFile(measures)
	if err != nil {
		t.Fatal(err)
	}
	b = append(b, []byte("- id: virus-scanner\n  audience: customer\n  tom: [system-access]\n  text:\n    de: Es wird kein Virenschutzprogramm verwendet.\n    en: No anti-virus program is used.\n")...)
	if err := os.WriteFile(measures, b, 0o644); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(tree, "pages", "introduction.de.md")
	p, _ := os.ReadFile(page)
	p = append(p, []byte("\nEs wird kein Virenschutz\u00adprogramm verwendet.\n")...)
	if err := os.WriteFile(page, p, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "out")
	var stdout, stderr bytes.Buffer
	code := run([]string{"build", "--content", tree, "--out", out, "--quiet"}, &stdout, &stderr)
	if code != exitContent {
		t.Fatalf("exit %d, want %d\n%s", code, exitContent, stderr.String())
	}
	msg := strings.ReplaceAll(stderr.String(), tree+string(filepath.Separator), "")
	for _, want := range []string{
		"measures/general.yaml:21:9: leak: text marked for customer ([virus-scanner].text.de) is in the public edition's ",
		"de/sicherheitskonzept.html", "de/sicherheitskonzept.pdf", "de/model.json",
		`"es wird kein virenschutzprogramm verwendet"`,
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("build output lacks %q:\n%s", want, msg)
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a build with a leak wrote its output")
	}
}
