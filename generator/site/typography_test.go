package site

import (
	"strings"
	"testing"
)

func TestTypography(t *testing.T) {
	t.Parallel()
	md := "Nach § 168 TKG sind z. B. 10 % gemeint.\n\n" +
		"| Unterauftragsverarbeiter | Ort |\n|---|---|\n| Rechenzentrumsbetriebs GmbH, datenschutz@example.com | https://example.com/Datenschutzerklaerung |\n"
	b, err := renderBody([]byte(md), bodyOptions{Reserved: reservedIDs(), Lang: "de"})
	if err != nil {
		t.Fatal(err)
	}
	got := strings.ReplaceAll(strings.ReplaceAll(string(b.HTML), "\u00ad", "|"), "\u00a0", "~")
	for _, want := range []string{
		"Nach §~168 TKG sind z.~B. 10~% gemeint.",
		`>Un|ter|auf|trags|ver|ar|bei|ter</th>`,
		`Re|chen|zen|trums|be|triebs GmbH, datenschutz@example.com`,
		`https://example.com/Datenschutzerklaerung`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
	// English text gets English points; a document without a language, none.
	b, _ = renderBody([]byte("| understanding generally |\n|---|\n| x |\n"), bodyOptions{Reserved: reservedIDs(), Lang: "en"})
	if !strings.Contains(string(b.HTML), "un\u00adder\u00adstand\u00ading") {
		t.Errorf("English cell: %s", b.HTML)
	}
	b, _ = renderBody([]byte("| Unterauftragsverarbeiter |\n|---|\n| x |\n"), bodyOptions{Reserved: reservedIDs()})
	if strings.Contains(string(b.HTML), "\u00ad") {
		t.Errorf("soft hyphens without a language: %s", b.HTML)
	}
}

func TestJoinAbbreviations(t *testing.T) {
	for in, want := range map[string]string{
		"Art. 28 DS-GVO":     "Art. 28 DS-\u2060GVO",
		"EU-US Data Privacy": "EU-\u2060US Data Privacy",
		"IP-Adressen":        "IP-Adressen",
		"Julius-Reiber-Str.": "Julius-Reiber-Str.",
	} {
		if got := joinAbbreviations(in); got != want {
			t.Errorf("joinAbbreviations(%q) = %q, want %q", in, got, want)
		}
	}
}
