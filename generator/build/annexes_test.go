package build

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"trustdocs/generator/model"
	"trustdocs/generator/register"
	"trustdocs/generator/release"
)

// pdfWord is one word of `pdftotext -bbox`, with its page.
type pdfWord struct {
	page       int
	x, y, xMax float64
	text       string
}

func pdfWords(t *testing.T, pdf string) []pdfWord {
	t.Helper()
	var doc struct {
		Pages []struct {
			Words []struct {
				XMin string `xml:"xMin,attr"`
				YMin string `xml:"yMin,attr"`
				XMax string `xml:"xMax,attr"`
				Text string `xml:",chardata"`
			} `xml:"word"`
		} `xml:"body>doc>page"`
	}
	if err := xml.Unmarshal([]byte(runTool(t, "pdftotext", "-bbox", pdf, "-")), &doc); err != nil {
		t.Fatal(err)
	}
	var out []pdfWord
	for p, pg := range doc.Pages {
		for _, w := range pg.Words {
			x, _ := strconv.ParseFloat(w.XMin, 64)
			y, _ := strconv.ParseFloat(w.YMin, 64)
			xm, _ := strconv.ParseFloat(w.XMax, 64)
			out = append(out, pdfWord{page: p, x: x, y: y, xMax: xm, text: w.Text})
		}
	}
	return out
}

// pdfTable reads a table back from the words of a PDF: the columns start
// where the first words of the header cells stand, each row where the
// first word of its key (rowKeys, in order) stands in the first column. A
// row ends at the next key, the next page's header, or the line starting
// with stop. It gives the text of each cell, lines joined.
func pdfTable(t *testing.T, words []pdfWord, headers, rowKeys []string, stop string) [][]string {
	t.Helper()
	first := make([]string, len(headers))
	for i, h := range headers {
		first[i] = strings.Fields(h)[0]
	}
	// The header row: on one line, a word opening each header cell, in order.
	type band struct {
		page int
		y    float64
		xs   []float64
	}
	// Lines in reading order: page, then top, then left.
	sort.SliceStable(words, func(i, j int) bool {
		a, b := words[i], words[j]
		if a.page != b.page {
			return a.page < b.page
		}
		if a.y-b.y > 1 || b.y-a.y > 1 {
			return a.y < b.y
		}
		return a.x < b.x
	})
	var heads []band
	for i, w := range words {
		if !opens(w.text, first[0]) || len(heads) > 0 && heads[len(heads)-1].page == w.page {
			continue
		}
		xs := []float64{w.x}
		for _, v := range words[i+1:] {
			if v.page != w.page || v.y-w.y > 1 || len(xs) == len(first) {
				break
			}
			if opens(v.text, first[len(xs)]) {
				xs = append(xs, v.x)
			}
		}
		if len(xs) == len(first) {
			heads = append(heads, band{w.page, w.y, xs})
		}
	}
	if len(heads) == 0 {
		t.Fatalf("no header row %q in the PDF", headers)
	}
	headOf := func(page int) *band {
		for i := range heads {
			if heads[i].page == page {
				return &heads[i]
			}
		}
		return nil
	}
	rows := make([][]string, len(rowKeys))
	for i := range rows {
		rows[i] = make([]string, len(headers))
	}
	row := -1
	for _, w := range words {
		h := headOf(w.page)
		if h == nil || w.y < h.y-1 || w.y > 788 { // 788: the footer, as bodyText crops it
			continue
		}
		if w.text == stop && w.x < h.xs[0] {
			return rows
		}
		if w.y < keyY(words, w.page, rowKeys, h.xs[0]) {
			continue // the header, repeated on every page
		}
		col := sort.SearchFloat64s(h.xs, w.x+1) - 1
		if col < 0 {
			continue
		}
		if col == 0 && row+1 < len(rowKeys) && w.x-h.xs[0] < 6 && w.text == strings.Fields(rowKeys[row+1])[0] {
			row++
		}
		if row < 0 {
			continue
		}
		rows[row][col] = strings.TrimSpace(joinWord(rows[row][col], w.text))
	}
	t.Fatalf("the table has no line starting with %q after it", stop)
	return nil
}

// keyY is the top of the first row key on a page (the end of its header).
func keyY(words []pdfWord, page int, keys []string, x0 float64) float64 {
	for _, w := range words {
		if w.page != page || w.x < x0 || w.x-x0 >= 6 {
			continue
		}
		for _, k := range keys {
			if w.text == strings.Fields(k)[0] {
				return w.y - 1
			}
		}
	}
	return 1e9
}

// opens reports whether a PDF word (perhaps hyphenated at the line's end)
// begins the header word h.
func opens(word, h string) bool {
	word = strings.TrimSuffix(word, "-")
	return word != "" && strings.HasPrefix(h, word)
}

// joinWord appends a word to a cell's text, rejoining a word hyphenated at
// a line's end ("Rechenzentrums-" "fläche").
func joinWord(cell, w string) string {
	if strings.HasSuffix(cell, "-") && w != "" {
		if unicode.IsLower([]rune(w)[0]) {
			return strings.TrimSuffix(cell, "-") + w
		}
		return cell + w // "EU-" "Standardvertragsklauseln"
	}
	if cell == "" {
		return w
	}
	if strings.HasSuffix(cell, "/") {
		return cell + w // a URL broken after a slash: "explore.zoom.us/en/" "subprocessors"
	}
	return cell + " " + w
}

var tokenRe = regexp.MustCompile(`[\p{L}\p{N}]+`)

// repeats names what a cell says twice: a pair of words, or a long word
// ("Angemessenheitsbeschluss (Angemessenheitsbeschluss der …)").
func repeats(cell string) []string {
	var kept []string
	for _, f := range strings.Fields(cell) {
		if !strings.Contains(f, ".") || !strings.Contains(f, "/") { // a URL names, it does not repeat
			kept = append(kept, f)
		}
	}
	toks := tokenRe.FindAllString(strings.ToLower(strings.Join(kept, " ")), -1)
	seen := map[string]bool{}
	var out []string
	for i, tok := range toks {
		keys := []string{}
		if len([]rune(tok)) >= 12 {
			keys = append(keys, tok)
		}
		if i+1 < len(toks) {
			keys = append(keys, tok+" "+toks[i+1])
		}
		for _, k := range keys {
			if seen[k] {
				out = append(out, k)
			}
			seen[k] = true
		}
	}
	return out
}

func TestRepeatsFindsTheOldSafeguardCell(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		cell string
		want int
	}{
		{"Angemessenheitsbeschluss (Angemessenheitsbeschluss der Europäischen Kommission für die Schweiz)", 1},
		{"EU-Standardvertragsklauseln (EU-Standardvertragsklauseln (2021/914))", 2},
		{"Hosting virtueller Maschinen für Zoom Meeting Connectoren, Virtual Room Connectoren und Recording Connectoren", 0},
		{"Zoom Video Communications, Inc. Its subprocessors: explore.zoom.us/en/subprocessors", 0},
	} {
		if got := repeats(c.cell); len(got) != c.want {
			t.Errorf("repeats(%q) = %q, want %d", c.cell, got, c.want)
		}
	}
}

// Anlage 2 as a contract annex, read from its PDF: the statements a DPO
// looks for, one row per subprocessor in the model's order, no empty cell,
// no cell that says a thing twice, and Zoom's certificates and both of its
// transfer bases.
func TestSubprocessorAnnexPDF(t *testing.T) {
	t.Parallel()
	out := builtSite(t)
	site, _, diags := Check("../../content")
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		lang       string
		headers    []string
		statements []string
		zoom       []string
	}{
		{"de", []string{"Unterauftragsverarbeiter", "Leistung", "Daten und Betroffene", "Ort der Verarbeitung", "Übermittlungsgrundlage", "Zertifizierungen"},
			[]string{"„Auftragsverarbeitungsvertrag“ vom 15.01.2026 (Version 1.0)", "dieselben Datenschutzpflichten auferlegt", "(Art. 28 Abs. 4 Satz 1 DS-GVO)",
				"haftet die Connect4Video GmbH gegenüber dem Auftraggeber", "(Art. 28 Abs. 4 Satz 2 DS-GVO)", "innerhalb von 30 Tagen",
				"per E-Mail an datenschutz@connect4video.com", "Nibelungenstr. 28, 65428 Rüsselsheim", "Diese Liste gilt ab dem 01.01.2026.", "–: nicht zutreffend"},
			[]string{"SOC 2 Type II", "ISO/IEC 27001:2022", "EU-US Data Privacy Framework (2023/1795)", "EU-Standardvertragsklauseln, Modul 3 (2021/914)", "Transfer Impact Assessment", "explore.zoom.us"}},
		{"en", []string{"Subprocessor", "Service", "Data and data subjects", "Place of processing", "Transfer basis", "Certifications"},
			[]string{"“Data processing agreement” of 15 January 2026 (version 1.0)", "the same data protection obligations", "(Art. 28(4), first sentence, GDPR)",
				"remains fully liable to the customer", "(Art. 28(4), second sentence, GDPR)", "within 30 days",
				"by e-mail to datenschutz@connect4video.com", "This list applies from 1 January 2026.", "–: not applicable"},
			[]string{"SOC 2 Type II", "ISO/IEC 27001:2022", "EU-US Data Privacy Framework (2023/1795)", "module 3 (2021/914)", "transfer impact assessment", "explore.zoom.us"}},
	} {
		t.Run(c.lang, func(t *testing.T) {
			pdf := filepath.Join(out, c.lang, "subprocessors.pdf")
			// Five rows and the contract statements: two pages, the first
			// headed by the title block, with neither cover nor contents
			// (cover: auto, toc: auto; issue 14 item 6).
			if info := runTool(t, "pdfinfo", pdf); !regexp.MustCompile(`(?m)^Pages:\s+2$`).MatchString(info) {
				t.Errorf("the annex is not 2 pages:\n%s", info)
			}
			first := runTool(t, "pdftotext", "-f", "1", "-l", "1", pdf, "-")
			if !strings.Contains(first, c.headers[0]) || strings.Contains(first, map[string]string{"de": "Inhalt", "en": "Contents"}[c.lang]) {
				t.Errorf("page 1 is a cover or contents page, not the title block and the list:\n%s", first)
			}
			text := normalizeSpace(bodyText(t, pdf))
			for _, s := range c.statements {
				if !strings.Contains(text, s) {
					t.Errorf("the annex lacks %q", s)
				}
			}
			res := model.Localize(site, c.lang)
			var keys []string
			zoom := -1
			for _, v := range res.Vendors {
				if v.Role == model.RoleSubprocessor {
					if v.ID == "zoom" {
						zoom = len(keys)
					}
					keys = append(keys, v.LegalName)
				}
			}
			rows := pdfTable(t, pdfWords(t, pdf), c.headers, keys, "–:")
			for i, row := range rows {
				if !strings.HasPrefix(row[0], keys[i]) {
					t.Errorf("row %d starts %q, want the subprocessor %q", i+1, row[0], keys[i])
				}
				for j, cell := range row {
					if cell == "" {
						t.Errorf("%s, column %q: empty cell (write –)", keys[i], c.headers[j])
					}
					if r := repeats(cell); len(r) > 0 {
						t.Errorf("%s, column %q repeats %q: %s", keys[i], c.headers[j], r, cell)
					}
				}
			}
			if zoom < 0 {
				t.Fatal("content has no subprocessor zoom")
			}
			all := strings.Join(rows[zoom], " | ")
			for _, s := range c.zoom {
				if !strings.Contains(all, s) {
					t.Errorf("Zoom's row lacks %q: %s", s, all)
				}
			}
		})
	}
}

// The description of the processing builds for content/ and meetyoo in
// both languages: the five parts of Annex I in order, the contract it
// belongs to, the free text of its pages, each type of data and each
// category of data subjects once, and a row per subprocessor; the English
// one has none of the German headings.
func TestProcessingAnnex(t *testing.T) {
	t.Parallel()
	meetyoo := filepath.Join(t.TempDir(), "out")
	if _, diags, err := Build(Options{Content: "../../examples/meetyoo", Out: meetyoo}); err != nil {
		t.Fatal(err, diags.Err())
	}
	headings := map[string][]string{
		"de": {"1 Gegenstand und Dauer der Verarbeitung", "2 Art und Zweck der Verarbeitung", "3 Art der personenbezogenen Daten", "4 Kategorien betroffener Personen", "5 Verarbeitung durch Unterauftragsverarbeiter"},
		"en": {"1 Subject matter and duration of the processing", "2 Nature and purpose of the processing", "3 Types of personal data", "4 Categories of data subjects", "5 Processing by subprocessors"},
	}
	for _, c := range []struct{ content, out, free string }{
		{"../../content", builtSite(t), "zoom connector"},
		{"../../examples/meetyoo", meetyoo, "registr"},
	} {
		site, _, diags := Check(c.content)
		if err := diags.Err(); err != nil {
			t.Fatal(err)
		}
		for _, lang := range []string{"de", "en"} {
			name := filepath.Join(filepath.Base(c.content), lang, "processing.pdf")
			text := normalizeSpace(bodyText(t, filepath.Join(c.out, lang, "processing.pdf")))
			at := 0
			for _, h := range headings[lang] {
				i := strings.Index(text[at:], h)
				if i < 0 {
					t.Errorf("%s: no heading %q after the previous one", name, h)
					continue
				}
				at += i + len(h)
			}
			if !strings.Contains(text, "Auftragsverarbeitungsvertrag") && !strings.Contains(text, "Data processing agreement") {
				t.Errorf("%s names no contract", name)
			}
			if !strings.Contains(strings.ToLower(text), c.free) {
				t.Errorf("%s lacks the text of its pages (%q)", name, c.free)
			}
			res := model.Localize(site, lang)
			for _, v := range res.Vendors {
				if v.Role != model.RoleSubprocessor {
					continue
				}
				if strings.Count(text, v.LegalName) != 1 {
					t.Errorf("%s names the subprocessor %q %d times, want once", name, v.LegalName, strings.Count(text, v.LegalName))
				}
				for _, part := range strings.Split(v.Data+";"+v.DataSubjects, ";") {
					if p := normalizeSpace(part); p != "" && !strings.Contains(strings.ToLower(text), strings.ToLower(p)) {
						t.Errorf("%s lacks the data %q of %s", name, p, v.ID)
					}
				}
			}
			if lang == "en" {
				for _, h := range headings["de"] {
					if strings.Contains(text, h[2:]) {
						t.Errorf("%s has the German heading %q", name, h[2:])
					}
				}
			}
		}
	}
}

// The data protection officer and the EU contact stand in every annex and
// in chapter 1 of the security concept, under the role names site.yaml
// gives; the security concept closes with the declaration of TKG § 166(3).
func TestPeopleInTheDocuments(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	if err := os.CopyFS(content, os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(content, "releases")); err != nil {
		t.Fatal(err)
	}
	siteFile := filepath.Join(content, "site.yaml")
	b, err := os.ReadFile(siteFile)
	if err != nil {
		t.Fatal(err)
	}
	people := `people:
  dpo: {name: Dana Datenschutz, email: dpo@example.com}
  eu_contact: {name: Eva Europa, phone: +49 30 1}
  roles:
    management: {de: Geschäftsführung, en: Management board}
    dpo: {de: Datenschutzbeauftragte Person, en: DPO}
`
	s := strings.Replace(string(b), "people:\n", people, 1)
	if s == string(b) {
		t.Fatal("site.yaml has no people:")
	}
	if err := os.WriteFile(siteFile, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	if _, diags, err := Build(Options{Content: content, Out: out}); err != nil {
		t.Fatal(err, diags.Err())
	}
	for _, c := range []struct{ lang, dpo, eu, mgmt, decl string }{
		{"de", "Datenschutzbeauftragte Person: Dana Datenschutz, E-Mail: dpo@example.com", "Ansprechpartner in der EU: Eva Europa, Tel: +49 30 1",
			"Michael Retagne, Jürgen Stierhof (Geschäftsführung)", "Die Connect4Video GmbH erklärt, dass die in diesem Sicherheitskonzept dargestellten technischen Vorkehrungen und sonstigen Schutzmaßnahmen umgesetzt sind."},
		{"en", "DPO: Dana Datenschutz, E-mail: dpo@example.com", "Contact in the EU: Eva Europa, Phone: +49 30 1",
			"Michael Retagne, Jürgen Stierhof (Management board)", "Connect4Video GmbH declares that the technical precautions and other protective measures described in this security concept are implemented."},
	} {
		for _, doc := range []string{"toms", "subprocessors", "processing", "sicherheitskonzept"} {
			text := normalizeSpace(bodyText(t, filepath.Join(out, c.lang, doc+".pdf")))
			want := []string{c.dpo, c.eu}
			if doc == "sicherheitskonzept" {
				want = []string{c.dpo, "", c.mgmt, c.decl, "zuletzt am 23.11.2026 aktualisiert"}
				if c.lang == "en" {
					want[1] = strings.Replace(c.eu, "EU:", "EU (section 166(1) no. 2 TKG):", 1)
					want[4] = "last updated on 23 November 2026"
				} else {
					want[1] = strings.Replace(c.eu, "EU:", "EU (§ 166 Abs. 1 Nr. 2 TKG):", 1)
				}
			}
			for _, w := range want {
				if !strings.Contains(text, w) {
					t.Errorf("%s/%s.pdf lacks %q", c.lang, doc, w)
				}
			}
		}
	}
}

// The register of subprocessors validates against the committed schema
// and says what the PDF table says: the same subprocessors in the same
// order, each with its places and transfer decisions; the release it
// describes is the draft, counted against release 2.1; the annex page and
// the feed link it.
func TestRegisterMatchesTheAnnex(t *testing.T) {
	t.Parallel()
	out := builtSite(t)
	schemaFile, err := os.Open("../../schemas/subprocessors.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	defer schemaFile.Close()
	doc, err := jsonschema.UnmarshalJSON(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("subprocessors.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("subprocessors.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	headers := map[string][]string{
		"de": {"Unterauftragsverarbeiter", "Leistung", "Daten und Betroffene", "Ort der Verarbeitung", "Übermittlungsgrundlage", "Zertifizierungen"},
		"en": {"Subprocessor", "Service", "Data and data subjects", "Place of processing", "Transfer basis", "Certifications"},
	}
	for _, lang := range []string{"de", "en"} {
		data, err := os.ReadFile(filepath.Join(out, lang, "subprocessors.json"))
		if err != nil {
			t.Fatal(err)
		}
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(string(data)))
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(inst); err != nil {
			t.Errorf("%s/subprocessors.json: %v", lang, err)
		}
		var reg register.Register
		if err := json.Unmarshal(data, &reg); err != nil {
			t.Fatal(err)
		}
		// content/ is a draft of the next release, or is its last release.
		rels, _ := release.Load("../../content")
		last, before := rels[len(rels)-1], rels[len(rels)-2]
		draft := reg.Release == "draft" && reg.Previous == last.Info.Version
		released := reg.Release == last.Info.Version && reg.Previous == before.Info.Version && reg.Date == last.Info.Date
		if !draft && !released || reg.Schema != "../schemas/subprocessors.schema.json" {
			t.Errorf("%s: release %q against %q, $schema %q", lang, reg.Release, reg.Previous, reg.Schema)
		}
		var keys []string
		for _, e := range reg.Entries {
			keys = append(keys, e.LegalName)
		}
		rows := pdfTable(t, pdfWords(t, filepath.Join(out, lang, "subprocessors.pdf")), headers[lang], keys, "–:")
		for i, e := range reg.Entries {
			if !strings.HasPrefix(rows[i][0], e.LegalName) || !strings.Contains(rows[i][0], e.Address.City) {
				t.Errorf("%s: register entry %d is %s, %s; the PDF row: %s", lang, i+1, e.LegalName, e.Address.City, rows[i][0])
			}
			for _, tr := range e.Transfers {
				if tr.Decision != "" && !strings.Contains(strings.ReplaceAll(rows[i][4], "/EG", "/EC"), tr.Decision) {
					t.Errorf("%s: %s's transfer cell lacks the decision %s: %s", lang, e.ID, tr.Decision, rows[i][4])
				}
			}
			if len(e.Certifications) > 0 && rows[i][5] == "–" || len(e.Certifications) == 0 && rows[i][5] != "–" {
				t.Errorf("%s: %s has %d certifications, the PDF cell says %q", lang, e.ID, len(e.Certifications), rows[i][5])
			}
		}
		csvData, err := os.ReadFile(filepath.Join(out, lang, "subprocessors.csv"))
		if err != nil {
			t.Fatal(err)
		}
		if n := strings.Count(string(csvData), "\r\n"); n != 1+len(reg.Entries)+len(reg.Removed) {
			t.Errorf("%s/subprocessors.csv has %d lines, want a header and %d rows", lang, n, len(reg.Entries)+len(reg.Removed))
		}
		page, err := os.ReadFile(filepath.Join(out, lang, "subprocessors.html"))
		if err != nil {
			t.Fatal(err)
		}
		feed, err := os.ReadFile(filepath.Join(out, lang, "feed.xml"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range []string{"subprocessors.json", "subprocessors.csv"} {
			if !strings.Contains(string(page), `href="`+f+`"`) || !strings.Contains(string(feed), `href="`+f+`"`) {
				t.Errorf("%s: the annex page or the feed does not link %s", lang, f)
			}
		}
	}
}
