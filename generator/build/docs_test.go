package build

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"trustdocs/generator/pdf/pdfcheck"
	"trustdocs/generator/seedcheck"
)

// needTool fails (never skips) when a PDF tool is missing: make test
// installs them.
func needTool(t *testing.T, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Fatalf("%s is not installed: run the tests with 'make test', which installs poppler-utils and qpdf", name)
	}
}

func runTool(t *testing.T, name string, args ...string) string {
	t.Helper()
	needTool(t, name)
	cmd, done, err := pdfcheck.TextCommand(name, args...) // poppler's text tools read a copy without output intent
	defer done()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

var (
	siteOnce sync.Once
	siteDir  string
	siteErr  error
)

// builtSite builds content/ once for all tests of this file.
func builtSite(t *testing.T) string {
	t.Helper()
	siteOnce.Do(func() {
		dir, err := os.MkdirTemp("", "trustdocs-docs-test-")
		if err != nil {
			siteErr = err
			return
		}
		siteDir = filepath.Join(dir, "out")
		_, diags, err := Build(Options{Content: "../../content", Out: siteDir})
		if err != nil {
			siteErr = err
			if diags != nil && diags.Err() != nil {
				siteErr = diags.Err()
			}
		}
	})
	if siteErr != nil {
		t.Fatal(siteErr)
	}
	return siteDir
}

var documents = []string{"sicherheitskonzept", "toms", "subprocessors", "processing"}

func TestEveryPDFIsValidAndEmbedsItsFonts(t *testing.T) {
	dir := builtSite(t)
	for _, lang := range []string{"de", "en"} {
		for _, doc := range documents {
			f := filepath.Join(dir, lang, doc+".pdf")
			runTool(t, "qpdf", "--check", f)
			fonts := runTool(t, "pdffonts", f)
			lines := strings.Split(strings.TrimSpace(fonts), "\n")
			if len(lines) < 3 {
				t.Errorf("%s: no fonts listed:\n%s", f, fonts)
			}
			for _, l := range lines[2:] {
				// columns: name type encoding emb sub uni object ID
				fields := strings.Fields(l)
				if len(fields) < 7 || fields[len(fields)-5] != "yes" {
					t.Errorf("%s: font not embedded: %s", f, l)
				}
			}
			info := runTool(t, "pdfinfo", f)
			if !strings.Contains(info, "Connect4Video GmbH") {
				t.Errorf("%s: author missing from the metadata:\n%s", f, info)
			}
		}
	}
}

func TestGermanTextExtractsCorrectly(t *testing.T) {
	dir := builtSite(t)
	text := runTool(t, "pdftotext", "-layout", filepath.Join(dir, "de", "sicherheitskonzept.pdf"), "-")
	for _, want := range []string{"Schutz personenbezogener Daten", "Gefährdungen", "Schutzmaßnahmen", "Rüsselsheim", "§6 TKG", "Seite 2 von"} {
		if !strings.Contains(text, want) {
			t.Errorf("German security concept lacks %q", want)
		}
	}
	sp := runTool(t, "pdftotext", filepath.Join(dir, "de", "subprocessors.pdf"), "-")
	for _, want := range []string{"„C4V“", "Art. 28 Abs. 2 Satz 2 DS-GVO", "Straße"} {
		if !strings.Contains(sp, want) {
			t.Errorf("German subprocessor annex lacks %q", want)
		}
	}
}

// Every sentence of seed 000 is in the German security concept PDF, and every
// sentence of seed 004 in the German meetyoo TOMs PDF, but for the edits
// listed (with reasons) in testdata/seeds.
func TestSeedSentencesInPDF(t *testing.T) {
	meetyoo := filepath.Join(t.TempDir(), "meetyoo")
	if _, diags, err := Build(Options{Content: "../../examples/meetyoo", Out: meetyoo}); err != nil {
		t.Fatalf("%v %v", err, diags.Items())
	}
	cases := []struct{ seed, edits, pdf string }{
		{"000_30205d442d6fd258.txt", "000.edits", filepath.Join(builtSite(t), "de", "sicherheitskonzept.pdf")},
		{"004_7c72f9a5980fe780.txt", "004.edits", filepath.Join(meetyoo, "de", "toms.pdf")},
	}
	for _, c := range cases {
		seed, err := os.ReadFile(filepath.Join("../../../shared/seeds", c.seed))
		if err != nil {
			t.Fatalf("seed not found (the repository expects ../shared beside it): %v", err)
		}
		src, err := os.ReadFile(filepath.Join("../../testdata/seeds", c.edits))
		if err != nil {
			t.Fatal(err)
		}
		edits, err := seedcheck.ParseEdits(string(src))
		if err != nil {
			t.Fatal(err)
		}
		r := seedcheck.Compare(string(seed), edits, bodyText(t, c.pdf))
		if len(r.Missing) > 0 {
			t.Errorf("%s: %d of %d seed sentences missing from %s:\n%s", c.seed, len(r.Missing), r.Sentences, filepath.Base(c.pdf), strings.Join(r.Missing, "\n"))
		}
	}
}

// The English PDFs contain no German body text: no German text of the
// content (where it differs from the English) and no German UI word.
func TestEnglishPDFsHaveNoGermanText(t *testing.T) {
	dir := builtSite(t)
	var de, en any
	for lang, v := range map[string]*any{"de": &de, "en": &en} {
		data, err := os.ReadFile(filepath.Join(dir, lang, "model.json"))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(data, v); err != nil {
			t.Fatal(err)
		}
	}
	var german []string
	pairs(de, en, func(d, e string) {
		if d == e {
			return // names, addresses: the same in both languages
		}
		for _, s := range seedcheck.Sentences(d) {
			if len(strings.Fields(s)) >= 4 {
				german = append(german, s)
			}
		}
	})
	if len(german) < 500 {
		t.Fatalf("only %d German sentences collected from the model", len(german))
	}
	german = append(german, "Seite 1 von", "Schutzziele", "Gefährdungen", "Sicherheitsanforderungen", "Stand:", "Inhalt\n")
	for _, doc := range documents {
		text := runTool(t, "pdftotext", filepath.Join(dir, "en", doc+".pdf"), "-")
		norm := normalizeSpace(text)
		for _, s := range german {
			if strings.Contains(norm, normalizeSpace(s)) {
				t.Errorf("en/%s.pdf contains German text: %q", doc, s)
			}
		}
	}
}

// pairs walks two JSON trees of the same shape and calls fn with each pair
// of strings at the same place.
func pairs(a, b any, fn func(a, b string)) {
	switch av := a.(type) {
	case string:
		if bv, ok := b.(string); ok {
			fn(av, bv)
		}
	case []any:
		bv, _ := b.([]any)
		for i := range av {
			if i < len(bv) {
				pairs(av[i], bv[i], fn)
			}
		}
	case map[string]any:
		bv, _ := b.(map[string]any)
		for k, v := range av {
			if k == "lang" {
				continue
			}
			pairs(v, bv[k], fn)
		}
	}
}

// bodyText extracts the text of a PDF without the running header and footer
// (which would otherwise interrupt a sentence that runs over a page break):
// pdftotext crops every page to the text area of the A4 page (in points).
func bodyText(t *testing.T, pdf string) string {
	return runTool(t, "pdftotext", "-x", "0", "-y", "58", "-W", "596", "-H", "730", pdf, "-")
}

func normalizeSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

func TestTwoBuildsAreByteIdentical(t *testing.T) {
	first := builtSite(t)
	second := filepath.Join(t.TempDir(), "out")
	if _, _, err := Build(Options{Content: "../../content", Out: second}); err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"de", "en"} {
		for _, doc := range documents {
			a, _ := os.ReadFile(filepath.Join(first, lang, doc+".pdf"))
			b, _ := os.ReadFile(filepath.Join(second, lang, doc+".pdf"))
			if len(a) == 0 || !bytes.Equal(a, b) {
				t.Errorf("%s/%s.pdf differs between two builds", lang, doc)
			}
		}
	}
}
