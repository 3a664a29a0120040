package pdf

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"trustdocs/generator/pdf/pdfcheck"
)

// The clauses of PDF/A-2u and PDF/UA-1 the renderer implements, checked
// on the file as a reader gets it (package pdfcheck, through qpdf).

func standardsFixture(t *testing.T) string {
	t.Helper()
	src, err := os.ReadFile("testdata/all-elements.md")
	if err != nil {
		t.Fatal(err)
	}
	plan, err := os.ReadFile("../markdown/testdata/plan.md")
	if err != nil {
		t.Fatal(err)
	}
	return string(src) + "\n\n## Übersichtsplan\n\n" + string(plan) + "\n\nText nach dem Plan mit einem [Link](https://example.com/a) am Ende.\n"
}

func checkStandards(t *testing.T, out []byte) *pdfcheck.File {
	t.Helper()
	path := writePDF(t, out)
	tool(t, "qpdf", "--check", path)
	f, err := pdfcheck.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range f.Check() {
		t.Error(p)
	}
	return f
}

func TestStandardsAllElements(t *testing.T) {
	t.Parallel()
	out, _ := mustRender(t, standardsFixture(t))
	if !bytes.HasPrefix(out, []byte("%PDF-1.7\n")) {
		t.Errorf("header %q", out[:9])
	}
	f := checkStandards(t, out)
	n := pdfcheck.Count(f.Structure())
	// What the fixture holds must be in the tree as what it is.
	for typ, want := range map[string]int{"Document": 1, "TOC": 1, "Table": 1, "TR": 4, "TH": 4, "TD": 12,
		"L": 5, "LI": 11, "Lbl": 11, "LBody": 11, "BlockQuote": 1, "Code": 2, "Figure": 1, "H4": 1} {
		if n[typ] != want {
			t.Errorf("%d %s elements, want %d (all: %v)", n[typ], typ, want, n)
		}
	}
	if n["Link"] < 12 || n["P"] < 20 {
		t.Errorf("too few Link or P elements: %v", n)
	}
}

// A document that draws everything else too: redline marks, change bars,
// the watermark (transparency), a long table across pages, many pages.
func TestStandardsRedlineWatermarkLong(t *testing.T) {
	t.Parallel()
	meta := testMeta()
	meta.Redline, meta.Watermark, meta.ChapterNewPage = true, "ENTWURF", true
	var table strings.Builder
	// A link in the header row: on later pages the repeated header is an
	// artifact, and its link is not clickable there (an annotation must
	// have a Link element).
	table.WriteString("| Nr. | [Maßnahme](https://example.com/m) |\n|---|---|\n")
	for i := range 80 {
		table.WriteString("| " + strconv.Itoa(i) + " | Eine {++neue++} Maßnahme {--alt--} mit [Verweis](#sicherheitsteilsystem-1) |\n")
	}
	for _, md := range []string{longDoc(4, 3, 3), "# Tabelle\n\n" + table.String()} {
		out, _, err := Render([]byte(md), meta, testFonts(t))
		if err != nil {
			t.Fatal(err)
		}
		f := checkStandards(t, out)
		if f.Pages() < 3 {
			t.Errorf("%d pages", f.Pages())
		}
		if !strings.HasPrefix(md, "# Tabelle") {
			continue
		}
		// The header rows repeated on later pages are artifacts: one TR per
		// Markdown row.
		if n := pdfcheck.Count(f.Structure()); n["TR"] != 81 || n["TH"] != 2 {
			t.Errorf("%d TR, %d TH, want 81 and 2", n["TR"], n["TH"])
		}
	}
}

func TestMetadataAndID(t *testing.T) {
	t.Parallel()
	out, _ := mustRender(t, "# Titel\n\nText.\n")
	again, _ := mustRender(t, "# Titel\n\nText.\n")
	if !bytes.Equal(out, again) {
		t.Fatal("two renderings differ")
	}
	f := checkStandards(t, out)
	m, raw, err := f.Metadata()
	if err != nil {
		t.Fatal(err)
	}
	meta := testMeta()
	for k, v := range map[string]string{
		"dc:title": meta.Title, "dc:creator": meta.Author, "dc:description": meta.Subject,
		"pdf:Keywords": meta.Keywords, "dc:language": meta.Lang, "pdfaid:part": "2", "pdfaid:conformance": "U",
		"pdfuaid:part": "1", "xmp:CreateDate": "2026-12-01T09:30:00+00:00",
	} {
		if m.Props[k] != v {
			t.Errorf("XMP %s = %q, want %q", k, m.Props[k], v)
		}
	}
	if !bytes.Contains(out, raw) {
		t.Error("the XMP packet is not stored as it is (uncompressed)")
	}
	// The /ID is the hash of the file up to its xref table.
	sx := bytes.LastIndex(out, []byte("startxref\n"))
	at, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(string(out[sx+10:]), "%%EOF\n")))
	sum := sha256.Sum256(out[:at])
	want := hex.EncodeToString(sum[:16])
	if !bytes.Contains(out[at:], []byte("/ID [<"+want+"> <"+want+">]")) {
		t.Errorf("the trailer's /ID is not the hash %s:\n%s", want, out[at+len(out[at:])-200:])
	}
	// Info says the same in its own form, with a time zone.
	info := tool(t, "pdfinfo", writePDF(t, out))
	if !strings.Contains(info, "CreationDate:    Tue Dec  1 09:30:00 2026 UTC") || !strings.Contains(info, "Tagged:          yes") {
		t.Errorf("pdfinfo:\n%s", info)
	}
}

// Strings in the metadata that need escaping stay what they are.
func TestMetadataEscaping(t *testing.T) {
	t.Parallel()
	meta := testMeta()
	meta.Title = `A & B <C> (D) \ „E“`
	out, _, err := Render([]byte("# T\n\nx\n"), meta, testFonts(t))
	if err != nil {
		t.Fatal(err)
	}
	f := checkStandards(t, out)
	m, _, _ := f.Metadata()
	if m.Props["dc:title"] != meta.Title {
		t.Errorf("dc:title %q", m.Props["dc:title"])
	}
}

// The checker is not one that cannot fail: fpdf's file as it is, before
// archive.go, fails the clauses this package implements.
func TestCheckerFindsUntaggedFile(t *testing.T) {
	t.Parallel()
	meta := testMeta()
	meta.finish = func(b []byte, _ *archive) ([]byte, error) { return finishArchive(b, nil) }
	out, _, err := render([]byte("# Titel\n\nText mit [Link](https://example.com).\n"), meta, testFonts(t))
	if err != nil {
		t.Fatal(err)
	}
	f, err := pdfcheck.Load(writePDF(t, out))
	if err != nil {
		t.Fatal(err)
	}
	var clauses []string
	for _, p := range f.Check() {
		clauses = append(clauses, p.String())
	}
	all := strings.Join(clauses, "\n")
	for _, want := range []string{"6.1.3: the trailer has no /ID", "6.6.2.1: XMP", "6.2.3", "subset tag",
		"MarkInfo", "DisplayDocTitle", "no structure tree", "ToUnicode range crosses", "MCID 0 is in no structure element"} {
		if !strings.Contains(all, want) {
			t.Errorf("the checker does not report %q:\n%s", want, all)
		}
	}
}

func TestMarksOfAContentStream(t *testing.T) {
	t.Parallel()
	pm := pdfcheck.Marks([]byte(`/P <</MCID 0>> BDC BT (a) Tj ET EMC
/Artifact BMC 0 0 m 1 1 l S EMC
BT (b) Tj ET
/Span <</Lang (de)>> BDC BT (c) Tj ET EMC
q /P <</MCID 1>> BDC Q EMC`))
	if !slices.Equal(pm.MCIDs, []int{0, 1}) || pm.Tagged != 1 || pm.Artifacts != 1 || pm.Unmarked != 2 || len(pm.Errors) != 2 {
		t.Errorf("%+v", pm)
	}
}

// What a screen reader reads: pdfinfo -struct-text gives the headings in
// order, and every word of the body text (pdftotext, without the running
// header and footer) is in the tree.
func TestStructTextHasAllText(t *testing.T) {
	t.Parallel()
	out, _ := mustRender(t, standardsFixture(t))
	path := writePDF(t, out)
	st := tool(t, "pdfinfo", "-struct-text", path)
	// The copy without output intent that tool and pdfcheck.StructText
	// hand poppler's text tools reads the same as the file itself.
	if orig, err := exec.Command("pdfinfo", "-struct-text", path).Output(); err != nil || string(orig) != st {
		t.Errorf("pdfinfo -struct-text of the file itself differs from its copy's (%v):\n%s\n%s", err, orig, st)
	}
	if orig, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output(); err != nil || string(orig) != allText(t, path) {
		t.Errorf("pdftotext of the file itself differs from its copy's (%v)", err)
	}
	var heads []string
	lines := strings.Split(st, "\n")
	for i, l := range lines {
		if regexp.MustCompile(`^\s*H[1-6] \(block\)$`).MatchString(l) && i+1 < len(lines) {
			heads = append(heads, strings.TrimSpace(strings.Trim(strings.TrimSpace(lines[i+1]), `"`)))
		}
	}
	want := []string{"Sicherheitskonzept", "Inhalt", "1 Einleitung", "1.1 Sicherheitsbeauftragter", "1.1.1 Aufgaben im Einzelnen",
		"2 Sicherheitsteilsysteme", "2.1 Übersicht", "2.2 Rechenzentrum DARZ", "2.2.1 Schutzziele", "2.2.1.1 Begründung", "3 Bewertung", "3.1 Übersichtsplan", "4 Plan"}
	if !slices.Equal(heads, want) {
		t.Errorf("headings\n%q\nwant\n%q", heads, want)
	}
	// Lines of the text, without the furniture and the leader dots, are
	// runs of the tree's text (spaces aside: the tree has the text in
	// reading order, pdftotext by position). A word broken at a line end
	// reads whole in the tree: the hyphen is an artifact.

	var treeText strings.Builder
	for _, l := range lines {
		if l = strings.TrimSpace(l); strings.HasPrefix(l, `"`) {
			treeText.WriteString(strings.Trim(l, `"`))
		}
	}
	// pdftotext joins a line ending in a hyphen to the next one: "Ein- und"
	// at a line end reads "Einund"; hyphens are left out of the comparison.
	squash := func(s string) string { return strings.ReplaceAll(strings.Join(strings.Fields(s), ""), "-", "") }
	tree := squash(treeText.String())
	meta := testMeta()
	leaders := regexp.MustCompile(`(\s*\.){4,}`)
	pageOf := regexp.MustCompile(`^Seite \d+ von \d+$`)
	missing := 0
	for _, l := range strings.Split(allText(t, path), "\n") {
		l = strings.TrimSpace(leaders.ReplaceAllString(l, ""))
		if l == "" || l == meta.Header || l == meta.Footer || l == meta.Classification || pageOf.MatchString(l) {
			continue
		}
		if !strings.Contains(tree, squash(l)) {
			if missing++; missing < 10 {
				t.Errorf("%q is in the text but not in the structure tree", l)
			}
		}
	}
	if missing > 0 {
		t.Errorf("%d lines of the text are not in the structure tree", missing)
	}
}

// A word hyphenated at a line end reads whole in the structure tree: the
// hyphen is an artifact.
func TestHyphenIsArtifact(t *testing.T) {
	t.Parallel()
	md := strings.Repeat("Der Auftragsverarbeitungsvertrag regelt Datenschutzverpflichtungen der Unterauftragsverarbeiter. ", 12)
	out, _ := mustRender(t, "# Titel\n\n"+md+"\n")
	path := writePDF(t, out)
	checkStandards(t, out)
	if !strings.Contains(tool(t, "pdftotext", "-raw", path, "-"), "-\n") {
		t.Fatal("no line ends in a hyphen: the test tests nothing")
	}
	st := tool(t, "pdfinfo", "-struct-text", path)
	var text strings.Builder
	for _, l := range strings.Split(st, "\n") {
		if l = strings.TrimSpace(l); strings.HasPrefix(l, `"`) {
			text.WriteString(strings.Trim(l, `"`))
		}
	}
	if !strings.Contains(text.String(), strings.TrimSpace(md)) {
		t.Errorf("the tree's text is not the paragraph:\n%s", text.String())
	}
}

// The glyph checks read what the pages show: a wrong width in /W (same
// length, so the file stays readable) is found.
func TestCheckerFindsWrongWidth(t *testing.T) {
	t.Parallel()
	out, _ := mustRender(t, "# Titel\n\nText.\n")
	i := bytes.Index(out, []byte("/W [ 32 [ "))
	if i < 0 {
		t.Fatal("no /W array as fpdf writes it")
	}
	j := i + len("/W [ 32 [ ")
	bad := bytes.Clone(out)
	copy(bad[j:], "999")
	f, err := pdfcheck.Load(writePDF(t, bad))
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, p := range f.Check() {
		found = found || strings.HasPrefix(p.String(), "PDF/A-2 6.2.11.5")
	}
	if !found {
		t.Errorf("a width changed to 999 at %q is not found", out[j:j+10])
	}
}

func TestCapText(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("ä", maxTextRunes+10)
	got := capText(long, maxTextRunes)
	if n := len([]rune(got)); n != maxTextRunes || !strings.HasSuffix(got, "…") {
		t.Errorf("%d runes", n)
	}
	if capText("kurz", maxTextRunes) != "kurz" {
		t.Error("a short text is changed")
	}
	if b := appendText(nil, got); len(b) > 2*32767+2 {
		t.Errorf("the string is %d hex digits, more than PDF/A's 32767 bytes", len(b)-2)
	}
}
