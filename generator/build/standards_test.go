package build

import (
	"io/fs"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"trustdocs/generator/pdf/pdfcheck"
)

// Every PDF of the site — current documents, the archive of releases,
// change reports and drafts — meets the clauses of PDF/A-2u and PDF/UA-1
// the renderer implements (generator/pdf/pdfcheck) and passes qpdf --check.
func TestEveryPDFIsPDFAAndPDFUA(t *testing.T) {
	dir := builtSite(t)
	var pdfs []string
	_ = filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() && strings.HasSuffix(p, ".pdf") {
			pdfs = append(pdfs, p)
		}
		return nil
	})
	kinds := map[string]bool{}
	for _, p := range pdfs {
		rel, _ := filepath.Rel(dir, p)
		switch {
		case strings.Contains(rel, "releases/"):
			kinds["archive"] = true
		default:
			kinds["current"] = true
		}
		if strings.Contains(rel, "aenderungsmitteilung") || strings.Contains(rel, "change-notice") {
			kinds["change report"] = true
		}
		runTool(t, "qpdf", "--check", p)
		f, err := pdfcheck.Load(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, pr := range f.Check() {
			t.Errorf("%s: %s", rel, pr)
		}
	}
	for _, k := range []string{"current", "archive", "change report"} {
		if !kinds[k] {
			t.Errorf("no PDF of the kind %q checked (of %d)", k, len(pdfs))
		}
	}
}

// A screen reader gets the German security concept as a structure:
// pdfinfo -struct-text lists its headings in the order of its outline,
// its lists with their items and its tables with header cells.
func TestSecurityConceptStructText(t *testing.T) {
	path := filepath.Join(builtSite(t), "de", "sicherheitskonzept.pdf")
	needTool(t, "pdfinfo")
	st, err := pdfcheck.StructText(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := pdfcheck.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	elem := regexp.MustCompile(`^(\s*)([A-Za-z0-9]+)(?: \((?:block|inline)\))?:?$`)
	lines := strings.Split(st, "\n")
	var heads []string
	count := map[string]int{}
	textOf := func(i int) string { // the quoted text right under line i
		var b strings.Builder
		for _, l := range lines[i+1:] {
			l = strings.TrimSpace(l)
			if strings.HasPrefix(l, "/") {
				continue // an attribute
			}
			if !strings.HasPrefix(l, `"`) {
				break
			}
			b.WriteString(strings.Trim(l, `"`))
		}
		return strings.Join(strings.Fields(b.String()), " ")
	}
	thText := ""
	for i, l := range lines {
		m := elem.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		count[m[2]]++
		if regexp.MustCompile(`^H[1-6]$`).MatchString(m[2]) {
			heads = append(heads, textOf(i))
		}
		if m[2] == "TH" && thText == "" {
			thText = textOf(i)
		}
	}
	// The cover's title is the first H1; then the contents' title and the
	// chapters, as in the outline.
	if len(heads) < 10 || !strings.HasPrefix(heads[0], "Sicherheitskonzept") || !slices.Equal(heads[1:], f.Outline()) {
		t.Errorf("headings of the tree\n%q\noutline\n%q", heads, f.Outline())
	}
	for typ, least := range map[string]int{"L": 3, "LI": 10, "Lbl": 10, "LBody": 10, "Table": 1, "TR": 3, "TH": 2, "TD": 4, "Link": 10, "TOCI": 10} {
		if count[typ] < least {
			t.Errorf("%d %s elements, want at least %d", count[typ], typ, least)
		}
	}
	if thText == "" {
		t.Error("the first table header cell has no text")
	}
}
