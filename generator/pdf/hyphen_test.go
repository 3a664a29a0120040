package pdf

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"trustdocs/generator/hyphen"
)

// TestHyphenateItems: words get the points of their language's
// patterns; URLs, addresses and codes get none.
func TestHyphenateItems(t *testing.T) {
	t.Parallel()
	b, st := testBreaker(t)
	b.hy = hyphen.For("de")
	got := func(s string) string {
		var out strings.Builder
		for _, it := range b.hyphenateItems(b.tokenize([]run{{text: s, st: st}})) {
			switch {
			case it.kind == kPenalty && it.disc:
				out.WriteString("-")
			case it.kind == kPenalty:
				out.WriteString("|")
			case it.kind == kGlue:
				out.WriteString(" ")
			default:
				out.WriteString(it.text)
			}
		}
		return out.String()
	}
	for in, want := range map[string]string{
		"Auftragsverarbeiter":                       "Auf-trags-ver-ar-bei-ter",
		"(Sicherheitskonzept),":                     "(Si-cher-heits-kon-zept),",
		"Kundenbestandsdaten-Verwaltung":            "Kun-den-be-stands-da-ten-|Ver-wal-tung",
		"https://example.com/Datenschutzerklaerung": "https://example.com/|Datenschutzerklaerung",
		"datenschutz@example.com":                   "datenschutz@example.com",
		"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256":     "TLS_|ECDHE_|RSA_|WITH_|AES_|128_|GCM_|SHA256",
		"ECDHE-RSA-AES256-GCM-SHA384":               "ECDHE-|RSA-|AES256-|GCM-|SHA384",
		"BNetzA":                                    "BNetzA",
	} {
		if g := got(in); g != want {
			t.Errorf("%s: %s, want %s", in, g, want)
		}
	}
}

// TestTableHyphens renders the subprocessor table's narrow columns: long
// words are split with a hyphen at a compound joint.
func TestTableHyphens(t *testing.T) {
	t.Parallel()
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
		for _, p := range hyphen.For("de").Points(w) {
			if fields[string([]rune(w)[:p])+"-"] && fields[string([]rune(w)[p:])] {
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
