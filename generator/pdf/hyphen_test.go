package pdf

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestHyphenPoints shows the points found: = a joint of a compound, ~ the
// end of a prefix, - a syllable boundary.
func TestHyphenPoints(t *testing.T) {
	for word, want := range map[string]string{
		"Unterauftragsverarbeiter":      "Unter~auf~trags=ver~ar-bei-ter",
		"Angemessenheitsbeschluss":      "Ange~mes-sen-heits=be~schluss",
		"Rechenzentrumsbetriebs":        "Rechen-zen-trums=be~triebs",
		"Zertifizierungen":              "Zer-ti-fi-zie-run-gen",
		"Datenverarbeitungsanlagen":     "Daten=ver~ar-bei-tungs=an~la-gen",
		"Verschlüsselung":               "Ver~schlüs-se-lung",
		"Sicherheitskonzept":            "Sicher-heits=kon-zept",
		"Kundenbestandsdaten":           "Kun-den-bes-tands=da-ten",
		"Kundenbestandsdatenverwaltung": "Kun-den-bes-tands=da-ten=ver~wal-tung",
		"Einspruchsfrist":               "Ein~spruchs=frist",
		"Videokommunikationsdienstes":   "Video-kom-mu-ni-ka-tions=diens-tes",
		"Erstattung":                    "Erstat-tung",
		"Arbeitstag":                    "Arbeits=tag",
		"Telekommunikationsgesetz":      "Tele-kom-mu-ni-ka-tions=ge~setz",
		"ISO27001":                      "ISO27001",
	} {
		rs := []rune(word)
		var b strings.Builder
		at := 0
		for _, p := range hyphenPoints(rs) {
			b.WriteString(string(rs[at:p.pos]))
			b.WriteString([]string{"-", "~", "="}[p.rank])
			at = p.pos
		}
		b.WriteString(string(rs[at:]))
		if got := b.String(); got != want {
			t.Errorf("%s: %s, want %s", word, got, want)
		}
	}
}

// TestHyphenate splits words too long for their room at the best point
// that fits, with a hyphen.
func TestHyphenate(t *testing.T) {
	b, st := testBreaker(t)
	idx := b.styleIndex(st)
	for _, c := range []struct {
		word, room, head string
	}{
		{"Unterauftragsverarbeiter", "Unterauftragsverarb-", "Unterauftrags-"},
		{"Unterauftragsverarbeiter", "Unterauftrag", "Unterauf-"},
		{"Kundenbestandsdatenverwaltung", "Kundenbestandsdatenverw", "Kundenbestandsdaten-"},
		{"Angemessenheitsbeschluss", "Angemessenheitsbesch", "Angemessenheits-"},
		{"(Angemessenheitsbeschluss)", "(Angemessenheitsbesch", "(Angemessenheits-"},
		{"Zertifizierungen", "Zertifizie", "Zertifi-"},
		{"Bcdfghjklmnp", "Bcdfghjk", "Bcdfghj-"},
	} {
		it := item{kind: kBox, st: idx, text: c.word, w: b.m.width(c.word, st)}
		head, tail, ok := b.hyphenate(it, b.m.width(c.room, st))
		if !ok || head.text != c.head || strings.TrimSuffix(head.text, "-")+tail.text != c.word {
			t.Errorf("%s in %q: %q + %q (%v), want %q", c.word, c.room, head.text, tail.text, ok, c.head)
		}
	}
	// Fewer than three letters on a side: no hyphen.
	it := item{kind: kBox, st: idx, text: "Abcde", w: b.m.width("Abcde", st)}
	if _, _, ok := b.hyphenate(it, b.m.width("Abcd", st)); ok {
		t.Error("Abcde split")
	}
}

// TestTableHyphens renders the subprocessor table's narrow columns: long
// words are split with a hyphen at a compound joint.
func TestTableHyphens(t *testing.T) {
	md := "| Unterauftragsverarbeiter | Leistung | Ort der Verarbeitung | Garantie | Zertifizierungen | Übermittlungsgrundlage |\n|---|---|---|---|---|---|\n" +
		"| **DATASIX Rechenzentrumsbetriebs GmbH**, Wien | Kundenbestandsdatenverwaltung und Rechenzentrumsfläche | Österreich | Angemessenheitsbeschluss der Europäischen Kommission | ISO 27001 | Standardvertragsklauseln |\n"
	out, _ := mustRender(t, md)
	path := writePDF(t, out)
	if dir := os.Getenv("PDF_OUT"); dir != "" {
		_ = exec.Command("pdftoppm", "-r", "80", "-png", "-f", "2", path, filepath.Join(dir, "hyphens")).Run()
	}
	// The words as drawn (pdftotext joins hyphenated words in its text).
	fields := map[string]bool{}
	var words []string
	for _, m := range bboxWord.FindAllStringSubmatch(tool(t, "pdftotext", "-bbox", path, "-"), -1) {
		fields[strings.TrimRight(m[3], ",")] = true
		words = append(words, m[3])
	}
	text := strings.Join(words, " ")
	split := 0
	for _, w := range []string{"Unterauftragsverarbeiter", "Rechenzentrumsbetriebs", "Kundenbestandsdatenverwaltung",
		"Angemessenheitsbeschluss", "Zertifizierungen", "Übermittlungsgrundlage", "Standardvertragsklauseln"} {
		if fields[w] {
			continue // it fits
		}
		found := false
		for _, p := range hyphenPoints([]rune(w)) {
			if fields[string([]rune(w)[:p.pos])+"-"] && fields[string([]rune(w)[p.pos:])] {
				found = true
				split++
			}
		}
		if !found {
			t.Errorf("%s is split, but not with a hyphen at a hyphenation point:\n%s", w, text)
		}
	}
	if split < 5 {
		t.Errorf("%d words split; the test needs narrower columns:\n%q", split, strings.Fields(text))
	}
}
