package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"trustdocs/generator/build/buildtest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	buildtest.Cleanup()
	os.Exit(code)
}

func historyContent(t *testing.T) string {
	t.Helper()
	dir, err := buildtest.History()
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// trustdocs diff --format pdf writes the redline PDF: valid, and its text
// holds both the removed and the inserted words.
func TestDiffPDF(t *testing.T) {
	t.Parallel()
	content := historyContent(t)
	out := filepath.Join(t.TempDir(), "aenderungsmitteilung.pdf")
	code, stdout, stderr := runCLI("diff", "1.0", "2.0", "--content", content, "--lang", "de", "--format", "pdf", "--out", out)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, out) {
		t.Errorf("stdout does not name the file: %q", stdout)
	}
	for _, tool := range []string{"qpdf", "pdftotext"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is not installed: run the tests with 'make test'", tool)
		}
	}
	if b, err := exec.Command("qpdf", "--check", out).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, b)
	}
	b, err := exec.Command("pdftotext", out, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(b)), " ")
	for _, want := range []string{"12 Monaten", "6 Monaten", "noris network AG", "DATASIX Rechenzentrumsbetriebs GmbH", "Änderungsmitteilung"} {
		if !strings.Contains(text, want) {
			t.Errorf("the change report PDF lacks %q", want)
		}
	}
	// To a pipe, the PDF goes to standard output.
	code, stdout, stderr = runCLI("diff", "1.1", "current", "--content", content, "--format", "pdf")
	if code != exitOK || !strings.HasPrefix(stdout, "%PDF-") {
		t.Errorf("diff to a pipe: exit %d, %d bytes, stderr %s", code, len(stdout), stderr)
	}
}

// trustdocs diff --format html writes one self-contained page.
func TestDiffHTML(t *testing.T) {
	t.Parallel()
	content := historyContent(t)
	out := filepath.Join(t.TempDir(), "changes.html")
	if code, _, stderr := runCLI("diff", "1.1", "2.0", "--content", content, "--lang", "en", "--format", "html", "--out", out); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	for _, want := range []string{`<html lang="en">`, "<style>", "<del>twelve</del>", "<ins>six</ins>", "Change notice: version 1.1 → 2.0"} {
		if !strings.Contains(page, want) {
			t.Errorf("the HTML change report lacks %s", want)
		}
	}
	if strings.Contains(page, `<link rel="stylesheet"`) {
		t.Error("the standalone page links a style sheet")
	}
	if code, _, _ := runCLI("diff", "1.0", "2.0", "--content", content, "--format", "docx"); code != exitUsage {
		t.Errorf("--format docx: exit %d, want %d", code, exitUsage)
	}
}
