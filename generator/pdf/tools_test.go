package pdf

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"trustdocs/generator/pdf/pdfcheck"
)

// The tests read the PDFs back as a person would, with poppler's
// pdftotext/pdfinfo/pdffonts and qpdf. A missing tool fails the test: CI
// must not pass by skipping the checks that matter.

func tool(t testing.TB, name string, args ...string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s is not installed; `make test` installs it (packages poppler-utils and qpdf)", name)
	}
	cmd, done, err := pdfcheck.TextCommand(path, args...) // poppler's text tools read a copy without output intent
	defer done()
	if err != nil {
		t.Fatal(err)
	}
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s%s", name, strings.Join(args, " "), err, stderr.String(), out.String())
	}
	return out.String()
}

// writePDF stores b in a temporary file for the tools.
func writePDF(t testing.TB, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func pageCount(t testing.TB, path string) int {
	t.Helper()
	for _, l := range strings.Split(tool(t, "pdfinfo", path), "\n") {
		if v, ok := strings.CutPrefix(l, "Pages:"); ok {
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
	}
	t.Fatal("pdfinfo printed no page count")
	return 0
}

// pageText is the text of one page (1-based) in reading order.
func pageText(t testing.TB, path string, n int) string {
	t.Helper()
	return tool(t, "pdftotext", "-f", strconv.Itoa(n), "-l", strconv.Itoa(n), "-enc", "UTF-8", path, "-")
}

func allText(t testing.TB, path string) string {
	t.Helper()
	return tool(t, "pdftotext", "-enc", "UTF-8", path, "-")
}

var (
	fontsOnce sync.Once
	fontsVal  *Fonts
	fontsErr  error
)

func testFonts(t testing.TB) *Fonts {
	t.Helper()
	fontsOnce.Do(func() { fontsVal, fontsErr = LoadFonts() })
	if fontsErr != nil {
		t.Fatal(fontsErr)
	}
	return fontsVal
}

func testMeta() Meta {
	return Meta{
		Title:          "Sicherheitskonzept",
		Subtitle:       "nach § 166 TKG für den Dienst „Muster-Telefonie“",
		Organisation:   "Muster GmbH",
		Version:        "Version 1.0",
		Date:           "Stand: 01.12.2026",
		Classification: "Klassifizierung: vertraulich",
		Author:         "Muster GmbH",
		Subject:        "Sicherheitskonzept nach § 166 TKG",
		Keywords:       "TKG Sicherheitskonzept",
		Lang:           "de-DE",
		Header:         "Sicherheitskonzept · Version 1.0",
		Footer:         "Muster GmbH",
		PageOf:         "Seite %d von %d",
		ContentsTitle:  "Inhalt",
		Created:        time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC),
	}
}

func mustRender(t testing.TB, md string) ([]byte, []Warning) {
	t.Helper()
	out, warns, err := Render([]byte(md), testMeta(), testFonts(t))
	if err != nil {
		t.Fatal(err)
	}
	return out, warns
}
