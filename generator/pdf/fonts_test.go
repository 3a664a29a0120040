package pdf

import (
	"strings"
	"testing"

	"github.com/go-fonts/liberation/liberationserifregular"
)

func TestParseMetricsRejectsBadFonts(t *testing.T) {
	t.Parallel()
	ttf := liberationserifregular.TTF
	for name, b := range map[string][]byte{
		"empty":     nil,
		"garbage":   []byte("this is not a font at all, not even close"),
		"truncated": ttf[:2000],
		"otf":       append([]byte("OTTO"), ttf[4:]...),
	} {
		if _, err := parseMetrics(b); err == nil {
			t.Errorf("%s: parsed without error", name)
		}
	}
	m, err := parseMetrics(ttf)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range "AaÄäÖöÜüß„“§€–•" {
		if !m.Has(r) {
			t.Errorf("Liberation Serif lacks %q", r)
		}
	}
	for _, r := range []rune{'✓', '中', 0x1F600, -1} {
		if m.Has(r) {
			t.Errorf("Liberation Serif claims %U", r)
		}
	}
}

// Check boxes and check marks are in no Liberation face: they are drawn in
// the symbol face (DejaVu Sans), embedded, without a warning, and extract
// as what was written — checked and unchecked distinct.
func TestSymbolFallback(t *testing.T) {
	t.Parallel()
	fonts, err := LoadFonts()
	if err != nil {
		t.Fatal(err)
	}
	md := "# Zutrittskontrolle\n\n☒ Chipkarten **☒ fett** *☐ kursiv*\n\n☐ Besucherbuch\n\n✓ Alarmanlage ✗ Pförtner ○ Kameras\n\n| Technisch | Organisatorisch |\n| --- | --- |\n| ☒ Zaun | ☐ Schlüsselbuch |\n"
	out, warns, err := Render([]byte(md), Meta{Title: "T"}, fonts)
	if err != nil {
		t.Fatal(err)
	}
	if len(warns) != 0 {
		t.Errorf("warnings: %v", warns)
	}
	path := writePDF(t, out)
	text := tool(t, "pdftotext", path, "-")
	for _, want := range []string{"☒ Chipkarten ☒ fett ☐ kursiv", "☐ Besucherbuch", "✓ Alarmanlage ✗ Pförtner ○ Kameras", "☒ Zaun", "☐ Schlüsselbuch"} {
		if !strings.Contains(text, want) {
			t.Errorf("pdftotext lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "□") {
		t.Errorf("a missing-glyph square was printed:\n%s", text)
	}
	if f := tool(t, "pdffonts", path); !strings.Contains(f, "utf8symbol") {
		t.Errorf("the symbol face is not embedded:\n%s", f)
	}
	// A character in no face still warns and prints the square.
	_, warns, _ = Render([]byte("Ein 中 Zeichen\n"), Meta{}, fonts)
	if len(warns) != 1 || !strings.Contains(warns[0].Message, "U+4E2D") {
		t.Errorf("no warning for a character in no face: %v", warns)
	}
	if !fonts.Covers('☒') || !fonts.Covers('ä') || fonts.Covers('中') {
		t.Error("Covers is wrong")
	}
}
