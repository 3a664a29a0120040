package pdf

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"trustdocs/generator/redline"
)

const redlineOld = `# Einleitung {#intro}

Die Anbieterin stellt durch geeignete technische und organisatorische Maßnahmen sicher, dass Unbefugte keinen Zugang zu Datenverarbeitungsanlagen erhalten. Zugriffsberechtigungen werden regelmäßig überprüft.

## Zutrittskontrolle

**Zutrittskontrollsystem Rechenzentrum DARZ**

Der Zutritt erfolgt über eine Vereinzelungsanlage mit biometrischer Zutrittskontrolle. Alle Räume sind einbruchgesichert und videoüberwacht.

- Schutz personenbezogener Daten
- Schutz des Fernmeldegeheimnisses
- Benutzerverhalten

## Veraltete Regelung

Dieser Abschnitt entfällt.

## Unterauftragsverarbeiter

| Unterauftragsverarbeiter | Leistung | Ort |
| --- | --- | --- |
| **DARZ GmbH**, Darmstadt | Hosting | Deutschland |
| **iWay AG**, Zürich | Rechenzentrum | Schweiz |
`

const redlineNew = `# Einführung {#intro}

Die Anbieterin stellt durch geeignete technische und organisatorische Maßnahmen sicher, dass Unbefugte keinen Zugang zu Datenverarbeitungsanlagen und Netzen erhalten. Zugriffsberechtigungen werden vierteljährlich überprüft und dokumentiert.

## Zutrittskontrolle

**Zutrittskontrollsystem Rechenzentrum DATASIX**

Der Zutritt erfolgt über eine Vereinzelungsanlage mit biometrischer Zutrittskontrolle. Alle Räume sind einbruchgesichert und videoüberwacht.

- Schutz personenbezogener Daten
- Wahrung des Fernmeldegeheimnisses
- Benutzerverhalten
- Schutz vor Störungen

## Unterauftragsverarbeiter

| Unterauftragsverarbeiter | Leistung | Ort |
| --- | --- | --- |
| **DARZ GmbH**, Darmstadt | Hosting und Betrieb | Deutschland |
| **weclapp SE**, Frankfurt am Main | Buchhaltung | Deutschland |
`

func TestRedline(t *testing.T) {
	t.Parallel()
	md := redline.Markdown([]byte(redlineOld), []byte(redlineNew))
	meta := testMeta()
	meta.Redline = true
	out, warns, err := Render(md, meta, testFonts(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range warns {
		t.Errorf("warning: %v", w)
	}
	path := writePDF(t, out)
	tool(t, "qpdf", "--check", path)
	if dir := os.Getenv("PDF_OUT"); dir != "" {
		_ = os.WriteFile(filepath.Join(dir, "redline.pdf"), out, 0o644)
		_ = exec.Command("pdftoppm", "-r", "80", "-png", path, filepath.Join(dir, "redline")).Run()
	}
	text := strings.Join(strings.Fields(allText(t, path)), " ")
	for _, want := range []string{
		"Einleitung Einführung", "Datenverarbeitungsanlagen und Netzen erhalten",
		"werden regelmäßig vierteljährlich überprüft und dokumentiert", "DARZ DATASIX",
		"Schutz Wahrung des Fernmeldegeheimnisses", "Schutz vor Störungen",
		"Veraltete Regelung", "Dieser Abschnitt entfällt.", "Hosting und Betrieb",
		"iWay AG", "weclapp SE",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
	// The contents list the new version's headings, numbered as in it.
	toc := strings.Join(strings.Fields(tool(t, "pdftotext", "-layout", "-f", "2", "-l", "2", path, "-")), " ")
	for _, want := range []string{"1 Einführung", "1.1 Zutrittskontrolle", "1.2 Unterauftragsverarbeiter"} {
		if !strings.Contains(toc, want) {
			t.Errorf("contents lack %q:\n%s", want, toc)
		}
	}
	if strings.Contains(toc, "Veraltete") || strings.Contains(toc, "Einleitung") {
		t.Errorf("contents list deleted text:\n%s", toc)
	}
	// Change bars: filled rectangles left of the text area, on the body
	// page only; touching lines share one bar.
	qdf := filepath.Join(t.TempDir(), "qdf.pdf")
	tool(t, "qpdf", "--qdf", "--object-streams=disable", path, qdf)
	raw, err := os.ReadFile(qdf)
	if err != nil {
		t.Fatal(err)
	}
	th := defaultTheme()
	x := fmt.Sprintf("\n%.2f ", th.left-th.barGap-th.barW)
	if n := strings.Count(string(raw), x); n < 8 || n > 12 {
		t.Errorf("%d change bars, want about 10", n)
	}
	plain, _ := mustRender(t, redlineNew)
	if bytes.Contains(plain, []byte("/GS")) || strings.Contains(allText(t, writePDF(t, plain)), "{++") {
		t.Error("a plain document shows redline traces")
	}
}

func TestChangeBarsMerge(t *testing.T) {
	t.Parallel()
	d := &document{t: defaultTheme()}
	ops := d.changeBars([][2]float64{{100, 114}, {300, 312}, {114, 128}, {120, 126}, {128.2, 140}})
	if len(ops) != 2 || ops[0].y != 100 || ops[0].h != 40 || ops[1].y != 300 {
		t.Errorf("bars %+v", ops)
	}
}

func TestWatermark(t *testing.T) {
	t.Parallel()
	src, err := os.ReadFile("testdata/all-elements.md")
	if err != nil {
		t.Fatal(err)
	}
	plain, _ := mustRender(t, string(src))
	meta := testMeta()
	meta.Watermark = "ENTWURF"
	out, _, err := Render(src, meta, testFonts(t))
	if err != nil {
		t.Fatal(err)
	}
	again, _, _ := Render(src, meta, testFonts(t))
	if !bytes.Equal(out, again) {
		t.Error("the same input gave different bytes")
	}
	path, plainPath := writePDF(t, out), writePDF(t, plain)
	tool(t, "qpdf", "--check", path)
	if dir := os.Getenv("PDF_OUT"); dir != "" {
		_ = os.WriteFile(filepath.Join(dir, "watermark.pdf"), out, 0o644)
		_ = exec.Command("pdftoppm", "-r", "80", "-png", path, filepath.Join(dir, "watermark")).Run()
	}
	// The watermark is no text: the text is exactly that without it.
	if got, want := allText(t, path), allText(t, plainPath); got != want {
		t.Errorf("the watermark changes the text:\n%s", got)
	}
	if n, m := pageCount(t, path), pageCount(t, plainPath); n != m {
		t.Errorf("%d pages with the watermark, %d without", n, m)
	}
	// Drawn on every page, translucent (the page streams are compressed:
	// count in qpdf's uncompressed form).
	qdf := filepath.Join(t.TempDir(), "qdf.pdf")
	tool(t, "qpdf", "--qdf", "--object-streams=disable", path, qdf)
	raw, err := os.ReadFile(qdf)
	if err != nil {
		t.Fatal(err)
	}
	if n, want := bytes.Count(raw, []byte("/GS1 gs")), pageCount(t, path); n != want {
		t.Errorf("watermark drawn %d times on %d pages", n, want)
	}
}
