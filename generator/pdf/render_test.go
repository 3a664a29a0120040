package pdf

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

const paragraph = "Die Anbieterin stellt durch geeignete technische und organisatorische Maßnahmen sicher, " +
	"dass Unbefugte keinen Zugang zu Datenverarbeitungsanlagen erhalten. Zugriffsberechtigungen werden " +
	"nach dem Prinzip der minimalen Rechte vergeben, regelmäßig überprüft und bei Austritt von " +
	"Beschäftigten unverzüglich entzogen (§ 166 Abs. 1 TKG, Art. 32 DSGVO). Die Kundenbestandsdaten-Verwaltung " +
	"erfolgt ausschließlich in Rechenzentren innerhalb der EU; Übermittlungen in Drittländer finden nicht statt."

// longDoc is a realistic document: chapters with sections, paragraphs,
// lists and a table per section.
func longDoc(chapters, sections, paras int) string {
	var b strings.Builder
	for c := 1; c <= chapters; c++ {
		fmt.Fprintf(&b, "# Sicherheitsteilsystem %d\n\n%s\n\n", c, paragraph)
		for s := 1; s <= sections; s++ {
			fmt.Fprintf(&b, "## Schutzmaßnahmen Bereich %d.%d\n\n", c, s)
			for p := 0; p < paras; p++ {
				b.WriteString(paragraph + "\n\n")
			}
			b.WriteString("- Zutrittskontrolle durch **Chipkarten** und Protokollierung\n- Zugangskontrolle mit *Zwei-Faktor-Authentisierung*\n- Verschlüsselung nach § 5 BSIG\n\n")
			b.WriteString("| Maßnahme | Verantwortlich | Status |\n|---|---|:-:|\n| Firewall-Regeln prüfen | IT-Betrieb | umgesetzt |\n| Notfallübung | Sicherheitsbeauftragter | geplant |\n\n")
		}
	}
	return b.String()
}

func TestAllElements(t *testing.T) {
	t.Parallel()
	src, err := os.ReadFile("testdata/all-elements.md")
	if err != nil {
		t.Fatal(err)
	}
	out, warns := mustRender(t, string(src))
	for _, w := range warns {
		t.Errorf("unexpected warning: %v", w)
	}
	path := writePDF(t, out)
	text := strings.Join(strings.Fields(allText(t, path)), " ")
	for _, want := range []string{
		"Muster GmbH", "Sicherheitskonzept", "Version 1.0", "Stand: 01.12.2026", "Klassifizierung: vertraulich",
		"Inhalt", "1 Einleitung", "1.1 Sicherheitsbeauftragter", "1.1.1 Aufgaben im Einzelnen",
		"2.2.1.1 Begründung", "3 Bewertung",
		"„Anbieterin“", "§ 166 TKG", "1.200 €", "Straße, Größe, Maß", "Müller-Lüdenscheidt",
		"fetten Wörtern", "kursiven Wörtern", "fett und kursiv", "inline code", "durchgestrichenem Text",
		"Link zur Datenschutzbehörde", "Nach einem harten Zeilenumbruch",
		"Überwachung der Schutzmaßnahmen", "jährliche Pflichtschulung", "bei Einstellung",
		"Dritter Schritt: Maßnahmenplanung", "Vierter Schritt", "Zweiter Absatz des fünften Schritts",
		"Die Sicherheitsanforderungen sind erfüllt, die Schutzziele erreicht.",
		"id: access-rights-documented", "eingerückter Code",
		"Teilsystem", "Rechenzentrum", "Frankfurt am Main", "Confluence", "12 €",
		"Seite 3 von", "Sicherheitskonzept · Version 1.0",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("extracted text lacks %q", want)
		}
	}
	// Numbers of the ordered lists: 1–3, then a list starting at 4.
	for _, want := range []string{"1. Erster", "3. Dritter", "4. Vierter", "5. Fünfter", "• Überwachung", "– jährliche"} {
		if !strings.Contains(text, want) {
			t.Errorf("extracted text lacks list label %q", want)
		}
	}
	golden(t, "testdata/all-elements.golden", fmt.Sprintf("pages: %d\n%s", pageCount(t, path), outline(t, path)))
}

// golden compares got with a file; -update rewrites it.
func golden(t *testing.T, file, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs (go test -update rewrites it)\n--- want\n%s\n--- got\n%s", file, want, got)
	}
}

// outline lists the bookmarks as "indent title → page" via qpdf --json.
func outline(t *testing.T, path string) string {
	t.Helper()
	var doc struct {
		Outlines []outlineItem `json:"outlines"`
	}
	if err := json.Unmarshal([]byte(tool(t, "qpdf", "--json", "--json-key=outlines", path)), &doc); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var walk func(items []outlineItem, depth int)
	walk = func(items []outlineItem, depth int) {
		for _, it := range items {
			fmt.Fprintf(&b, "%s%s → %d\n", strings.Repeat("  ", depth), it.Title, it.Page)
			walk(it.Kids, depth+1)
		}
	}
	walk(doc.Outlines, 0)
	return b.String()
}

type outlineItem struct {
	Title string        `json:"title"`
	Page  int           `json:"destpageposfrom1"`
	Kids  []outlineItem `json:"kids"`
}

func TestBookmarks(t *testing.T) {
	t.Parallel()
	out, _ := mustRender(t, "# Eins\n\n### Übersprungen\n\n## Zwei\n\n# Drei {.unnumbered}\n\n## Vier\n")
	got := outline(t, writePDF(t, out))
	want := "Inhalt → 2\n1 Eins → 3\n  1.1 Übersprungen → 3\n  1.2 Zwei → 3\nDrei → 3\n  1.3 Vier → 3\n"
	if got != want {
		t.Errorf("outline\n%s\nwant\n%s", got, want)
	}
}

func TestTableRepeatsHeader(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString("# Unterauftragsverarbeiter\n\n| Anbieter | Leistung | Ort der Verarbeitung |\n|---|---|---|\n")
	for i := 1; i <= 200; i++ {
		fmt.Fprintf(&b, "| Dienstleister Nr. %d GmbH | Hosting und Betrieb der Plattform | Frankfurt am Main |\n", i)
	}
	b.WriteString("\nNach der Tabelle.\n")
	out, _ := mustRender(t, b.String())
	path := writePDF(t, out)
	n := pageCount(t, path)
	if n < 5 {
		t.Fatalf("200 rows on %d pages; want them to span several pages", n)
	}
	seen := 0
	for p := 3; p <= n; p++ {
		text := pageText(t, path, p)
		if !strings.Contains(text, "Dienstleister Nr.") {
			continue
		}
		seen++
		if !strings.Contains(text, "Ort der Verarbeitung") || !strings.Contains(text, "Anbieter") {
			t.Errorf("page %d has table rows but no header row", p)
		}
	}
	if seen < 4 {
		t.Errorf("table rows on %d pages, want at least 4", seen)
	}
	text := allText(t, path)
	for _, want := range []string{"Dienstleister Nr. 1 GmbH", "Dienstleister Nr. 200 GmbH", "Nach der Tabelle."} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q", want)
		}
	}
}

func TestTallRowDoesNotCrash(t *testing.T) {
	t.Parallel()
	cell := strings.Repeat("Sehr langer Zelleninhalt mit vielen Wörtern. ", 600)
	md := "| A | B |\n|---|---|\n| " + cell + " | kurz |\n| zweite | Zeile |\n"
	out, warns := mustRender(t, md)
	path := writePDF(t, out)
	if n := pageCount(t, path); n < 4 {
		t.Errorf("a row of 600 sentences fits on %d pages?", n)
	}
	if len(warns) == 0 || !strings.Contains(warns[0].Message, "split") {
		t.Errorf("want a warning about the split row, got %v", warns)
	}
	if !strings.Contains(allText(t, path), "zweite") {
		t.Error("the row after the tall one is lost")
	}
}

var bboxWord = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>`)

func TestNothingCrossesTheMargin(t *testing.T) {
	t.Parallel()
	long := "Grundstücksverkehrsgenehmigungszuständigkeitsübertragungsverordnungsentwurfsbegründungsunterlagenverwaltungsvorschriftensammlung"
	url := "https://example.com/" + strings.Repeat("verzeichnis/", 30) + "datei.html"
	md := "# Ränder\n\n" + long + long + " und " + url + "\n\n" +
		"Text mit <" + url + "> als Autolink und `" + strings.Repeat("code", 60) + "`.\n\n" +
		"- " + long + "\n  - " + url + "\n\n" +
		"> " + long + long + "\n\n" +
		"```\n" + strings.Repeat("x", 300) + "\n```\n\n" +
		"| a | b | c | d | e | f |\n|---|---|---|---|---|---|\n| " + long + " | " + url + " | " + long + " | x | y | z |\n"
	out, _ := mustRender(t, md)
	path := writePDF(t, out)
	bbox := tool(t, "pdftotext", "-bbox", path, "-")
	th := defaultTheme()
	right, left := th.pageW-th.right+0.5, th.left-0.5
	n := 0
	for _, m := range bboxWord.FindAllStringSubmatch(bbox, -1) {
		x1, _ := strconv.ParseFloat(m[1], 64)
		x2, _ := strconv.ParseFloat(m[2], 64)
		n++
		if x2 > right || x1 < left {
			t.Errorf("word %q spans x %.1f–%.1f, outside the text area %.1f–%.1f", shorten(m[3], 30), x1, x2, left, right)
		}
	}
	if n < 50 {
		t.Fatalf("only %d words in the bbox output", n)
	}
}

func TestMissingGlyphs(t *testing.T) {
	t.Parallel()
	md := "# Zeichen 😀\n\nEmoji 😀 und 👍🏽 im Text.\n\nChinesisch: 中文字符 und 𝔄.\n\n| Kopf 🙂 |\n|---|\n| Zelle 漢 |\n\n```\ncode 😀\n```\n"
	out, warns := mustRender(t, md)
	for _, want := range []string{"line 1: character U+1F600", "line 3: character U+1F600", "line 3: character U+1F44D",
		"line 5: character U+4E2D", "line 5: character U+1D504", "line 7: character U+1F642", "line 9: character U+6F22",
		"line 12: character U+1F600"} {
		found := false
		for _, w := range warns {
			if strings.HasPrefix(w.String(), want) {
				found = true
			}
		}
		if !found {
			t.Errorf("no warning %q in %v", want, warns)
		}
	}
	text := allText(t, writePDF(t, out))
	if !strings.Contains(text, "Emoji □ und □□ im Text.") || !strings.Contains(text, "Chinesisch: □□□□ und □.") {
		t.Errorf("missing glyphs not replaced visibly:\n%s", text)
	}
}

func TestValidAndEmbedded(t *testing.T) {
	t.Parallel()
	src, err := os.ReadFile("testdata/all-elements.md")
	if err != nil {
		t.Fatal(err)
	}
	out, _ := mustRender(t, string(src))
	path := writePDF(t, out)
	tool(t, "qpdf", "--check", path)
	fonts := strings.Split(strings.TrimSpace(tool(t, "pdffonts", path)), "\n")
	if len(fonts) < 4 {
		t.Fatalf("pdffonts lists no fonts:\n%s", strings.Join(fonts, "\n"))
	}
	for _, l := range fonts[2:] {
		f := strings.Fields(l)
		// name type encoding emb sub uni object ID
		if len(f) < 7 || f[len(f)-5] != "yes" || f[len(f)-3] != "yes" {
			t.Errorf("font not embedded with a Unicode map: %s", l)
		}
	}
	info := tool(t, "pdfinfo", path)
	for _, want := range []string{"Title:           Sicherheitskonzept", "Author:          Muster GmbH",
		"Subject:         Sicherheitskonzept nach § 166 TKG", "Keywords:        TKG Sicherheitskonzept",
		"Creator:         trustdocs", "CreationDate:    Tue Dec  1 09:30:00 2026 UTC", "Page size:       595.28 x 841.89 pts (A4)"} {
		if !strings.Contains(info, want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}
	if !bytes.Contains(out, []byte("/Lang (de-DE)")) {
		t.Error("no /Lang in the catalogue")
	}
	if !bytes.Contains(out, []byte("/URI (https://www.bfdi.bund.de/)")) {
		t.Error("no clickable link to bfdi.bund.de")
	}
	// Cover has no header or footer; every other page has both.
	if p1 := pageText(t, path, 1); strings.Contains(p1, "Seite") {
		t.Errorf("cover page has a footer:\n%s", p1)
	}
	n := pageCount(t, path)
	for p := 2; p <= n; p++ {
		text := pageText(t, path, p)
		for _, want := range []string{fmt.Sprintf("Seite %d von %d", p, n), "Sicherheitskonzept · Version 1.0", "Muster GmbH"} {
			if !strings.Contains(text, want) {
				t.Errorf("page %d lacks %q", p, want)
			}
		}
	}
}

func TestReproducible(t *testing.T) {
	t.Parallel()
	md := longDoc(2, 3, 2)
	fonts := testFonts(t)
	outs := make([][]byte, 4)
	var wg sync.WaitGroup
	for i := range outs {
		wg.Add(1)
		go func() { // one Fonts value shared by goroutines
			defer wg.Done()
			out, _, err := Render([]byte(md), testMeta(), fonts)
			if err != nil {
				t.Error(err)
			}
			outs[i] = out
		}()
	}
	wg.Wait()
	for i := 1; i < len(outs); i++ {
		if !bytes.Equal(outs[0], outs[i]) {
			t.Fatalf("render %d differs from render 0", i)
		}
	}
}

// TestContentsPageNumbers checks every entry of a two-page contents
// against the page on which pdftotext finds the heading.
func TestContentsPageNumbers(t *testing.T) {
	t.Parallel()
	out, _ := mustRender(t, longDoc(12, 3, 1))
	path := writePDF(t, out)
	texts := map[int]string{}
	text := func(p int) string {
		if _, ok := texts[p]; !ok {
			texts[p] = strings.Join(strings.Fields(pageText(t, path, p)), " ")
		}
		return texts[p]
	}
	entry := regexp.MustCompile(`^(\d+(?:\.\d+)*)\s+(.+?)[\s.]*\s(\d+)$`)
	var entries [][]string
	first := 0 // page of the first heading: the contents end before it
	for p := 2; first == 0 || p < first; p++ {
		for _, l := range strings.Split(tool(t, "pdftotext", "-layout", "-f", strconv.Itoa(p), "-l", strconv.Itoa(p), path, "-"), "\n") {
			if m := entry.FindStringSubmatch(strings.TrimSpace(l)); m != nil {
				entries = append(entries, m)
				if first == 0 {
					first, _ = strconv.Atoi(m[3])
				}
			}
		}
		if first == 0 {
			t.Fatal("no contents entry on page 2")
		}
	}
	if first != 4 {
		t.Errorf("body starts on page %d, want 4 (cover, two pages of contents)", first)
	}
	if len(entries) != 12*4 {
		t.Fatalf("found %d contents entries, want 48", len(entries))
	}
	for _, e := range entries {
		page, _ := strconv.Atoi(e[3])
		if heading := e[1] + " " + e[2]; !strings.Contains(text(page), heading) {
			t.Errorf("contents say %q is on page %d, but it is not there", heading, page)
		}
	}
	if !bytes.Contains(out, []byte("/Dest [")) {
		t.Error("contents entries are not links")
	}
}

func TestChapterNewPage(t *testing.T) {
	t.Parallel()
	meta := testMeta()
	meta.ChapterNewPage = true
	out, _, err := Render([]byte("# Eins\n\nText.\n\n# Zwei\n\nText.\n\n## Zwei-Eins\n\nText.\n"), meta, testFonts(t))
	if err != nil {
		t.Fatal(err)
	}
	path := writePDF(t, out)
	if n := pageCount(t, path); n != 4 {
		t.Fatalf("%d pages, want cover, contents and a page per chapter", n)
	}
	if p := pageText(t, path, 4); !strings.Contains(p, "Zwei") || !strings.Contains(p, "Zwei-Eins") {
		t.Errorf("page 4:\n%s", p)
	}
}

func TestEmptyAndOdd(t *testing.T) {
	t.Parallel()
	for name, md := range map[string]string{
		"empty":      "",
		"only space": "   \n\n\t\n",
		"html":       "<div>\n<b>x</b>\n</div>\n\n<!-- Kommentar -->\n\nText<br>mit <span>HTML</span>.\n",
		"image":      "![Logo der Muster GmbH](logo.png)\n",
		"bad utf8":   "Text \xff\xfe mit kaputtem UTF-8 \xe2\x82",
		"controls":   "Steuer\x00zeichen \x01\x1b und\u00ad weiches Trennzeichen\n",
		"deep":       strings.Repeat("> ", 40) + "tief\n\n" + strings.Repeat("  ", 0) + nestedList(30),
		"links":      "[kaputt](#gibt-es-nicht) [js](javascript:alert(1)) [relativ](../datei.pdf) <mail@example.com>\n",
	} {
		t.Run(name, func(t *testing.T) {
			out, _, err := Render([]byte(md), Meta{}, testFonts(t))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(out, []byte("%PDF-")) {
				t.Fatal("not a PDF")
			}
		})
	}
}

func nestedList(depth int) string {
	var b strings.Builder
	for i := range depth {
		fmt.Fprintf(&b, "%s- Ebene %d\n", strings.Repeat("  ", i), i)
	}
	return b.String()
}

func TestWarningsNameTheLine(t *testing.T) {
	t.Parallel()
	_, warns := mustRender(t, "Text\n\n<div>roh</div>\n\n[weg](#nirgends)\n")
	got := fmt.Sprint(warns)
	for _, want := range []string{"line 3: HTML block", "line 5: link to \"#nirgends\""} {
		if !strings.Contains(got, want) {
			t.Errorf("warnings %s lack %q", got, want)
		}
	}
}

// Fonts are loaded once per build and shared by the PDF workers; two loads
// at once (two builds in one process, as serve and the tests do) must not
// disturb each other and must give the same metrics (run with -race).
func TestLoadFontsTwice(t *testing.T) {
	t.Parallel()
	var fonts [2]*Fonts
	var errs [2]error
	var wg sync.WaitGroup
	for i := range fonts {
		wg.Add(1)
		go func() { defer wg.Done(); fonts[i], errs[i] = LoadFonts() }()
	}
	wg.Wait()
	for i, f := range fonts {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		if f.faces[0].m.Width('a') == 0 || !f.faces[faceMono].m.Has('{') {
			t.Error("font metrics are empty")
		}
	}
	if fonts[0] == fonts[1] {
		t.Fatal("LoadFonts returned the same value twice: the test loads only once")
	}
	for _, r := range "aäß§„“{" {
		if a, b := fonts[0].faces[0].m.Width(r), fonts[1].faces[0].m.Width(r); a != b {
			t.Errorf("width of %q differs between two loads: %v and %v", r, a, b)
		}
	}
}

// TestLinksAllowlist: only https, http, mailto and tel with digits become
// link annotations (generator/links, the rule the site uses too).
func TestLinksAllowlist(t *testing.T) {
	t.Parallel()
	md := "[a](https://example.com/ok) [b](smb://evil/share) [c](ms-msdt:/id) [d](ms-excel:ofe|u|https://x) " +
		"[e](tel:javascript:alert(1)) [f](tel:+49-6131-636) [g](mailto:a@example.com) [h](file:///etc/passwd)\n"
	out, _ := mustRender(t, md)
	var uris []string
	for _, m := range regexp.MustCompile(`/URI \(([^)]*)\)`).FindAllSubmatch(out, -1) {
		uris = append(uris, string(m[1]))
	}
	if got, want := strings.Join(uris, " "), "https://example.com/ok tel:+49-6131-636 mailto:a@example.com"; got != want {
		t.Errorf("link annotations %q, want %q", got, want)
	}
}
