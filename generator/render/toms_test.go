package render_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"trustdocs/generator/build"
	"trustdocs/generator/render"
	"trustdocs/generator/theme"
)

// tomTree lays files over testdata/minimal and returns the tree.
func tomTree(t *testing.T, files map[string]string) string {
	t.Helper()
	tree := filepath.Join(t.TempDir(), "content")
	err := filepath.Walk("../../testdata/minimal", func(path string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel("../../testdata/minimal", path)
		if info.IsDir() {
			return os.MkdirAll(filepath.Join(tree, rel), 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(tree, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(tree, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return tree
}

// tomsMarkdown renders the TOM document of a tree in lang.
func tomsMarkdown(t *testing.T, tree, lang string) string {
	t.Helper()
	th, err := theme.Open("")
	if err != nil {
		t.Fatal(err)
	}
	site, _, diags := build.Check(tree)
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	docs, err := render.Documents(site, th)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if d.ID == "toms" && d.Lang == lang {
			return string(d.Markdown)
		}
	}
	t.Fatal("no toms document")
	return ""
}

// A TOM document as a "1./1.1/1.1.1" company writes it: its own heading,
// three levels, a definition, a controller's-duty control with its reason,
// a note placed by order, and a cross-reference that prints the number.
var decimalCatalogue = minimalCatalogue() + `tom:
  - id: confidentiality
    title: {de: Vertraulichkeit, en: Confidentiality}
    categories:
      - id: physical-access
        title: {de: Zutrittskontrolle, en: Physical access control}
        intro: {de: "Maßnahmen, die Unbefugten den Zutritt verwehren.", en: Measures that deny unauthorised persons access.}
        note: {de: Die Liste ist nicht abschließend., en: The list is not exhaustive.}
        order: [note, badge]
        categories:
          - id: visitors
            title: {de: Besucher, en: Visitors}
      - id: system-access
        title: {de: Zugangskontrolle, en: System access control}
  - id: availability
    title: {de: Verfügbarkeit, en: Availability}
    status: controller
    reason: {de: "Verantwortung durch Auftraggeber, siehe [](#tom-physical-access).", en: "The controller's duty, see [](#tom-physical-access)."}
  - id: encryption
    title: {de: Verschlüsselung, en: Encryption}
`

// minimalCatalogue is testdata/minimal's catalogue without its TOM sections.
func minimalCatalogue() string {
	data, _ := os.ReadFile("../../testdata/minimal/catalogue.yaml")
	s, _, _ := strings.Cut(string(data), "tom:")
	return s
}

const decimalMeasures = `- id: badge
  tom: [physical-access]
  kind: technical
  state: implemented
  text: {de: Zutritt mit Chip., en: Access by badge.}
- id: escort
  tom: [visitors]
  kind: organisational
  state: planned
  text: {de: Besucher werden begleitet., en: Visitors are escorted.}
- id: rules
  tom: [physical-access]
  kind: organisational
  state: not-implemented
  text: {de: Schlüsselregelung., en: Key rules.}
`

func decimalSite(extra string) string {
	data, _ := os.ReadFile("../../testdata/minimal/site.yaml")
	return string(data) + extra
}

func TestTOMDecimalNumberingAndTexts(t *testing.T) {
	tree := tomTree(t, map[string]string{
		"catalogue.yaml":     decimalCatalogue,
		"measures/toms.yaml": decimalMeasures,
		"site.yaml": decimalSite(`    tom:
      heading: none
      numbering: decimal
      states: boxes
`),
	})
	md := tomsMarkdown(t, tree, "de")
	for _, want := range []string{
		"# 1. Vertraulichkeit {#tom-confidentiality .unnumbered}",
		"## 1.1 Zutrittskontrolle {#tom-physical-access .unnumbered}",
		"### 1.1.1 Besucher {#tom-visitors .unnumbered}",
		"## 1.2 Zugangskontrolle {#tom-system-access .unnumbered}",
		"# 2. Verfügbarkeit {#tom-availability .unnumbered}",
		"**In der Verantwortung des Auftraggebers:** Verantwortung durch Auftraggeber, siehe [1\\.1](#tom-physical-access).",
		"☒ Zutritt mit Chip.",
		"☐ Besucher werden begleitet. *(geplant)*",
		"☐ Schlüsselregelung.",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("missing %q in:\n%s", want, md)
		}
	}
	if strings.Contains(md, "{#tom .unnumbered}") {
		t.Error("heading: none printed a heading above the sections")
	}
	// Order: intro, then the note (order: [note, badge]), then the badge, then the rest.
	intro := strings.Index(md, "Maßnahmen, die Unbefugten")
	note := strings.Index(md, "**Hinweis:** Die Liste ist nicht abschließend.")
	badge := strings.Index(md, "☒ Zutritt mit Chip.")
	rules := strings.Index(md, "☐ Schlüsselregelung.")
	if !(intro >= 0 && intro < note && note < badge && badge < rules) {
		t.Errorf("order intro %d < note %d < badge %d < rules %d broken:\n%s", intro, note, badge, rules, md)
	}
}

func TestTOMNumberingPatternsAndReferences(t *testing.T) {
	for _, c := range []struct{ numbering, sec, cat, ref string }{
		{"paragraph", "## (1) Vertraulichkeit", "### a) Zutrittskontrolle", "[(1) a)](#tom-physical-access)"},
		{`["TOM {n}", "TOM {1}.{2}"]`, "## TOM 1 Vertraulichkeit", "### TOM 1.1 Zutrittskontrolle", "[TOM 1.1](#tom-physical-access)"},
		{"none", "## Vertraulichkeit", "### Zutrittskontrolle", "[Zutrittskontrolle](#tom-physical-access)"},
		{`["{i}.", "{A}."]`, "## i. Vertraulichkeit", "### A. Zutrittskontrolle", "[i. A.](#tom-physical-access)"},
	} {
		t.Run(c.numbering, func(t *testing.T) {
			tree := tomTree(t, map[string]string{
				"catalogue.yaml":     decimalCatalogue,
				"measures/toms.yaml": decimalMeasures,
				"site.yaml":          decimalSite("    tom: {numbering: " + c.numbering + "}\n"),
			})
			md := tomsMarkdown(t, tree, "de")
			for _, want := range []string{
				"# Technische und organisatorische Maßnahmen zur Gewährleistung eines dem Risiko angemessenen Schutzniveaus",
				c.sec + " {#tom-confidentiality", c.cat + " {#tom-physical-access", c.ref,
			} {
				if !strings.Contains(md, want) {
					t.Errorf("missing %q in:\n%s", want, md)
				}
			}
			// No state marks unless the document asks for them.
			if strings.ContainsAny(md, "☒☐") {
				t.Errorf("state marks without states: boxes:\n%s", md)
			}
		})
	}
}

// Two columns: each node's measures as a table, technical | organisational.
func TestTOMColumns(t *testing.T) {
	tree := tomTree(t, map[string]string{
		"catalogue.yaml":     decimalCatalogue,
		"measures/toms.yaml": decimalMeasures,
		"site.yaml":          decimalSite("    tom: {layout: columns, states: checks}\n"),
	})
	general, _ := os.ReadFile(filepath.Join(tree, "measures/general.yaml"))
	kinds := strings.ReplaceAll(string(general), "\n  text:", "\n  kind: technical\n  text:")
	os.WriteFile(filepath.Join(tree, "measures/general.yaml"), []byte(kinds), 0o644)
	md := tomsMarkdown(t, tree, "en")
	want := "| Technical measures | Organisational measures |\n| --- | --- |\n| ✓ Access by badge. | ✗ Key rules. |\n"
	if !strings.Contains(md, want) {
		t.Errorf("missing table\n%s\nin:\n%s", want, md)
	}
	if !strings.Contains(md, "|  | ○ Visitors are escorted. *(planned)* |") {
		t.Errorf("an organisational measure alone is not in the right column:\n%s", md)
	}
}

// A measure's title heads it in Anlage 1, bold and run into its text,
// after its mark; in a table cell too. The security concept does not
// print it. A title with a line break, or without a translation, is an
// error of check at its place.
func TestTOMMeasureTitle(t *testing.T) {
	titled := strings.Replace(decimalMeasures, "- id: badge\n", "- id: badge\n  title: {de: Chipkarte, en: Badge}\n", 1)
	titled = strings.Replace(titled, "- id: rules\n", "- id: rules\n  title: {de: \"Schlüssel?\", en: \"Keys?\"}\n", 1)
	tree := tomTree(t, map[string]string{
		"catalogue.yaml":     decimalCatalogue,
		"measures/toms.yaml": titled,
		"site.yaml":          decimalSite("    tom: {states: checks}\n"),
	})
	md := tomsMarkdown(t, tree, "de")
	for _, want := range []string{"✓ **Chipkarte:** Zutritt mit Chip.", "✗ **Schlüssel?** Schlüsselregelung."} {
		if !strings.Contains(md, want) {
			t.Errorf("missing %q in:\n%s", want, md)
		}
	}
	if !strings.Contains(tomsMarkdown(t, tree, "en"), "✓ **Badge:** Access by badge.") {
		t.Error("the English title is not printed")
	}

	broken := strings.Replace(decimalMeasures, "- id: badge\n", "- id: badge\n  title: {de: \"Chip\\nkarte\"}\n", 1)
	tree = tomTree(t, map[string]string{"catalogue.yaml": decimalCatalogue, "measures/toms.yaml": broken, "site.yaml": decimalSite("")})
	_, _, diags := build.Check(tree)
	msg := ""
	if err := diags.Err(); err != nil {
		msg = err.Error()
	}
	for _, want := range []string{`measures/toms.yaml:2:`, `the title of measure "badge" (de) is one line of plain text but has a line break`, `title of measure "badge"`} {
		if !strings.Contains(msg, want) {
			t.Errorf("check of a broken title lacks %q:\n%s", want, msg)
		}
	}
}

func TestRunIn(t *testing.T) {
	for _, c := range []struct{ title, text, want string }{
		{"", "Text.", "Text."},
		{"Alarm", "Text.", "**Alarm:** Text."},
		{"Alarm:", "Text.", "**Alarm:** Text."},
		{"2*3 <b>", "Text.", `**2\*3 \<b\>:** Text.`},
		{"Verbindungen", "- TLS\n- VPN\n", "**Verbindungen:**\n\n- TLS\n- VPN\n"},
	} {
		if got := render.RunIn(c.title, c.text); got != c.want {
			t.Errorf("RunIn(%q, %q) = %q, want %q", c.title, c.text, got, c.want)
		}
	}
}
