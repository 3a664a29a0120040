package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"trustdocs/generator/diag"
	"trustdocs/generator/pdf"
)

// The PDF renderer's warnings stand where the author can mend them: at
// the file:line:col of the content text the warned line prints, never at
// a line of a generated document (de/toms.pdf:3185:1).
func TestBuildWarningsStandInTheContent(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	if err := os.CopyFS(content, os.DirFS("../../testdata/minimal")); err != nil {
		t.Fatal(err)
	}
	appendTo := func(name, s string) {
		f, err := os.OpenFile(filepath.Join(content, name), os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		f.WriteString(s)
		f.Close()
	}
	// Lines 5 to 14 of the page; the table (its first line, 12) has a row
	// taller than a page.
	appendTo("pages/introduction.de.md", "\nSiehe [den Abschnitt](#nirgends).\n\n## Doppelt {#doppelt}\n\n## Doppelt {#doppelt}\n\n| A | B |\n| --- | --- |\n| "+
		strings.Repeat("Sehr langer Zelleninhalt. ", 900)+"| x |\n")
	measures := filepath.Join(content, "measures/general.yaml")
	b, _ := os.ReadFile(measures)
	s := strings.Replace(string(b), "    en: All connections are encrypted (TLS 1.3).", "    en: All connections are encrypted (TLS 1.3), [see](#missing).", 1)
	os.WriteFile(measures, []byte(s), 0o644)

	_, diags, err := Build(Options{Content: content, Out: filepath.Join(dir, "out")})
	if err != nil {
		t.Fatal(err, diags.Err())
	}
	var got []string
	for _, d := range diags.Items() {
		if d.Severity != diag.Warning {
			continue
		}
		line := strings.TrimPrefix(d.String(), content+string(filepath.Separator))
		got = append(got, line)
		if strings.Contains(d.Pos.File, ".pdf") || strings.Contains(d.Pos.File, ".md") && !strings.HasPrefix(d.Pos.File, content) {
			t.Errorf("a warning at a generated file: %s", d)
		}
	}
	all := strings.Join(got, "\n")
	for _, want := range []string{
		`pages/introduction.de.md:6:21: warning: link to "#nirgends": no heading has this id`,
		`pages/introduction.de.md:10:4: warning: heading id "doppelt" is used twice; links go to the first`,
		`pages/introduction.de.md:12:1: warning: a table row is taller than a page and is split across pages`,
		`measures/general.yaml:10:54: warning: link to "#missing": no heading has this id`,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("missing warning\n%s\nin:\n%s", want, all)
		}
	}
}

// A warned line that no content text prints (a template's own words, an
// old release's text) stands at the fallback place, quoted.
func TestLocateFallsBack(t *testing.T) {
	f := locate(nil, "de", diag.At("site.yaml"))
	pos, msg := f([]byte("# Titel\n\nVom Template: [x](#y)\n"), pdfWarning(3, "link to \"#y\": no heading has this id"))
	if pos.File != "site.yaml" || msg != `link to "#y": no heading has this id (in the generated line "Vom Template: [x](#y)", which the template makes)` {
		t.Errorf("fallback: %v %q", pos, msg)
	}
}

func pdfWarning(line int, msg string) pdf.Warning { return pdf.Warning{Line: line, Message: msg} }
