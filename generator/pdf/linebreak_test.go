package pdf

import (
	"trustdocs/generator/hyphen"
	"trustdocs/generator/markdown"

	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
)

func testBreaker(t *testing.T) (*breaker, style) {
	var ws warnings
	return &breaker{m: &measurer{fonts: testFonts(t), warn: &ws}}, style{size: 10.5}
}

// lineTexts breaks s at width and returns the text of each line.
func lineTexts(t *testing.T, s string, width float64) []string {
	b, st := testBreaker(t)
	var out []string
	for _, li := range b.breakLines(b.tokenize([]run{{text: s, st: st}}), width, true) {
		var line strings.Builder
		for _, sg := range b.place(li, width, alignLeft) {
			line.WriteString(sg.text)
		}
		out = append(out, line.String())
	}
	return out
}

func TestWidthsMatchFpdf(t *testing.T) {
	fonts := testFonts(t)
	doc := fpdf.New("P", "pt", "A4", "")
	m := measurer{fonts: fonts, warn: &warnings{}}
	for _, id := range []faceID{0, faceBold, faceItalic, faceBold | faceItalic, faceMono} {
		if err := fonts.addFace(doc, id); err != nil {
			t.Fatal(err)
		}
		doc.SetFont(id.family(), id.style(), 10.5)
		for _, s := range []string{"Hallo Welt", "Größe „Maß“ § 5 – 1.200 €", "Kundenbestandsdaten-Verwaltung ẞ"} {
			got, want := m.width(s, style{face: id, size: 10.5}), doc.GetStringWidth(s)
			if abs(got-want) > 1e-9 {
				t.Errorf("%s %q: width %.4f, fpdf %.4f", fonts.faces[id].name, s, got, want)
			}
		}
	}
}

func TestNoBreakSpaceHolds(t *testing.T) {
	s := strings.Repeat("nach §\u00a05 Abs.\u00a02 TKG und ", 30)
	for _, w := range []float64{60, 90, 137, 200} {
		for _, l := range lineTexts(t, s, w) {
			if strings.HasSuffix(l, "§") || strings.HasPrefix(l, "5") || strings.HasSuffix(l, "Abs.") {
				t.Errorf("width %v: line %q breaks a no-break space", w, l)
			}
		}
	}
}

func TestBreaksAfterHyphenInCompounds(t *testing.T) {
	b, st := testBreaker(t)
	first := b.m.width("Die Kundenbestandsdaten-", st)
	lines := lineTexts(t, "Die Kundenbestandsdaten-Verwaltung und die Ein- und Freistellung", first+5)
	if lines[0] != "Die Kundenbestandsdaten-" || !strings.HasPrefix(lines[1], "Verwaltung") {
		t.Errorf("lines %q; want a break after the hyphen", lines)
	}
	// "E-Mail": too short a stem to break after.
	lines = lineTexts(t, "x E-Mail", b.m.width("x E-Mail", st)-1)
	if lines[0] != "x" {
		t.Errorf("lines %q; want no break in E-Mail", lines)
	}
}

func TestSoftHyphen(t *testing.T) {
	b, st := testBreaker(t)
	w := b.m.width("folgenabschätzung", st) + 1
	lines := lineTexts(t, "Datenschutz\u00adfolgenabschätzung", w)
	if len(lines) != 2 || lines[0] != "Datenschutz-" || lines[1] != "folgenabschätzung" {
		t.Errorf("lines %q", lines)
	}
	if got := lineTexts(t, "Daten\u00adschutz", 500); len(got) != 1 || got[0] != "Datenschutz" {
		t.Errorf("unbroken soft hyphen shows: %q", got)
	}
}

func TestLongWordSplitsAtEdge(t *testing.T) {
	b, st := testBreaker(t)
	word := strings.Repeat("Verwaltungsvorschrift", 10)
	for _, w := range []float64{3, 50, 120} {
		lines := lineTexts(t, "a "+word+" b", w)
		// Split with a hyphen where three letters fit on either side.
		if strings.NewReplacer(" ", "", "-", "").Replace(strings.Join(lines, "")) != "a"+word+"b" {
			t.Errorf("width %v: text lost: %q", w, lines)
		}
		for _, l := range lines[1 : len(lines)-1] {
			if w >= 50 && !strings.HasSuffix(l, "-") {
				t.Errorf("width %v: %q is split without a hyphen", w, l)
			}
		}
		for _, l := range lines {
			if lw := b.m.width(l, st); lw > w+eps && len([]rune(l)) > 1 {
				t.Errorf("width %v: line %q is %.1f wide", w, l, lw)
			}
		}
	}
}

func TestJustifiedLinesFillTheColumn(t *testing.T) {
	b, st := testBreaker(t)
	const w = 460
	lines := b.breakLines(b.tokenize([]run{{text: paragraph + " " + paragraph, st: st}}), w, false)
	if len(lines) < 3 {
		t.Fatalf("%d lines", len(lines))
	}
	for i, li := range lines {
		segs := b.place(li, w, alignJustify)
		last := segs[len(segs)-1]
		end := last.x + last.w
		if i < len(lines)-1 && abs(end-w) > 1e-6 {
			t.Errorf("line %d ends at %.3f, want %d", i, end, w)
		}
		if i == len(lines)-1 && end > w-1 {
			t.Errorf("last line is justified (ends at %.1f)", end)
		}
	}
}

func TestFitColumns(t *testing.T) {
	got := fitColumns([]float64{10, 20}, []float64{50, 150}, 100)
	// rest 70 shared in proportion to max-min (40:130)
	if abs(got[0]+got[1]-100) > 1e-9 || got[0] < 10 || got[1] < 20 || abs(got[0]-(10+70*40.0/170)) > 1e-9 {
		t.Errorf("fitColumns = %v", got)
	}
	got = fitColumns([]float64{10, 20}, []float64{30, 30}, 120)
	if abs(got[0]-60) > 1e-9 || abs(got[1]-60) > 1e-9 {
		t.Errorf("wide table: %v", got)
	}
	got = fitColumns([]float64{100, 100}, []float64{200, 200}, 100)
	if abs(got[0]-50) > 1e-9 {
		t.Errorf("narrow table: %v", got)
	}
}

func TestHeadingID(t *testing.T) {
	for in, want := range map[string]string{
		"Gewährleistung & Haftung": "gewährleistung-haftung",
		"1.2 Straße":               "1-2-straße",
		"  ":                       "section",
	} {
		if got := markdown.HeadingID(in); got != want {
			t.Errorf("HeadingID(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestTiesHold: "§ 168" and "10 %" are never split over two lines, at any
// width (the renderer puts no-break spaces in; the content has plain ones).
func TestTiesHold(t *testing.T) {
	s := "Der Betreiber meldet nach § 168 TKG und Art. 32 Abs. 1 DSGVO, dass 10 % der Server z. B. in 30 Tagen ersetzt werden."
	for w := 60.0; w < 400; w += 7 {
		lines := lineTexts(t, s, w)
		for _, l := range lines {
			for _, bad := range []string{"§", "Art.", "Abs.", "z.", "30"} {
				if strings.HasSuffix(l, " "+bad) || strings.HasSuffix(l, bad) && strings.HasPrefix(bad, "§") {
					t.Errorf("width %.0f: a line ends in %q: %q", w, bad, lines)
				}
			}
			if strings.HasPrefix(l, "%") || strings.HasPrefix(l, "B.") {
				t.Errorf("width %.0f: a line starts with a unit: %q", w, lines)
			}
		}
	}
}

// TestFirstWordNotHyphenated: a hyphen in the first word of a line (the
// line then holds one piece of one word) only where the word is wider than
// the line, in justified and in ragged text, German at many widths.
func TestFirstWordNotHyphenated(t *testing.T) {
	b, st := testBreaker(t)
	b.hy, b.cache = hyphen.For("de"), map[cutKey][]cut{}
	s := "Die Auftragsverarbeitung umfasst Kundenbestandsdaten, Verbindungsdaten und Abrechnungsinformationen der Videokonferenzdienste sowie Protokolldaten der Rechenzentrumsinfrastruktur."
	seen := 0
	for _, ragged := range []bool{false, true} {
		for w := 70.0; w <= 240; w += 3 {
			lines := b.breakLines(b.tokenize([]run{{text: s, st: st}}), w, ragged)
			for i, li := range lines {
				var line strings.Builder
				for _, sg := range b.place(li, w, alignLeft) {
					line.WriteString(sg.text)
				}
				piece, hyphenated := strings.CutSuffix(line.String(), "-")
				if !hyphenated || strings.Contains(piece, " ") || i+1 == len(lines) {
					continue
				}
				seen++
				// The whole word: this piece and the start of the next line.
				word := piece
				if next := b.place(lines[i+1], w, alignLeft); len(next) > 0 {
					word += strings.Fields(next[0].text + " ")[0]
				}
				if ww := b.m.width(strings.TrimRight(word, ".,"), st); ww <= w {
					t.Errorf("width %.0f ragged %v: %q broken as the first word of a line, though it is %.0f wide", w, ragged, piece, ww)
				}
			}
		}
	}
	if seen == 0 {
		t.Error("no line of one word piece at any width: the test does not reach the rule")
	}
}
