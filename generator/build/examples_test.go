package build_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"trustdocs/generator/build"
	"trustdocs/generator/pdf/pdfcheck"
)

var updateExamples = flag.Bool("update-examples", false, "rewrite testdata/examples/* from the current output")

// Every example site builds without a warning, and its TOM document reads
// as its golden files say: the text of the PDF (pdftotext -layout), its
// page count, and the structure of the HTML page (headings, tables,
// paragraphs). Each example also shows what its form is for.
func TestExamples(t *testing.T) {
	dirs, _ := filepath.Glob("../../examples/*")
	if len(dirs) < 4 {
		t.Fatalf("want at least 4 examples, found %d", len(dirs))
	}
	for _, dir := range dirs {
		name := filepath.Base(dir)
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			_, diags, err := build.Build(build.Options{Content: dir, Out: out})
			if err != nil {
				t.Fatal(err, diags.Err())
			}
			// No warning of the build itself (glyphs, layout, links). Lints
			// are check's warnings about the text, which build reports too:
			// meetyoo keeps seed 004's "SAS 70", the superseded-law lint
			// rightly names it.
			for _, d := range diags.Items() {
				if !lintTag.MatchString(d.Msg) {
					t.Errorf("warning: %v", d)
				}
			}
			for _, lang := range []string{"de", "en"} {
				pdf := filepath.Join(out, lang, "toms.pdf")
				text := run(t, "pdftotext", "-layout", pdf, "-")
				pages := strings.Count(text, "\f")
				if strings.Contains(text, "□") {
					t.Errorf("%s: a character printed as a missing-glyph square", lang)
				}
				outline := htmlOutline(t, filepath.Join(out, lang, "toms.html"))
				golden(t, filepath.Join("testdata/examples", name, lang+".pdf.txt"), fmt.Sprintf("pages: %d\n%s", pages, text))
				golden(t, filepath.Join("testdata/examples", name, lang+".html.txt"), outline)
				if check, ok := exampleChecks[name+"/"+lang]; ok {
					check(t, text, outline, pages)
				}
			}
		})
	}
}

// exampleChecks say what each example's form is for, beyond its golden.
var exampleChecks = map[string]func(t *testing.T, text, outline string, pages int){
	"hafenblick-columns/de": func(t *testing.T, text, outline string, pages int) {
		columns(t, text, "Technische Maßnahmen", "Organisatorische Maßnahmen")
		boxes(t, text, "☒ Alarmanlage", "☐ Videoüberwachung der Zugänge")
		noCover(t, text, "Anlage 1 – Technische und organisatorische Maßnahmen", "1. Vertraulichkeit")
		if !strings.Contains(outline, "table (tom-columns): Technische Maßnahmen | Organisatorische Maßnahmen") {
			t.Error("the HTML has no two-column table marked to read column by column on a phone")
		}
	},
	"hafenblick-columns/en": func(t *testing.T, text, outline string, pages int) {
		columns(t, text, "Technical measures", "Organisational measures")
		boxes(t, text, "☒ Alarm system", "☐ Video surveillance of the entrances")
	},
	"rheinauen-numbered/de": func(t *testing.T, text, outline string, pages int) {
		for _, want := range []string{"1.2.1 Passwörter und Anmeldung", "1.5 Pseudonymisierung", "Nicht anwendbar: Der Auftragnehmer",
			"In der Verantwortung des Auftraggebers: Datensicherungen", "dann gilt 3.4.", "Maßnahmen, die geeignet sind, Unbefugten den Zutritt"} {
			if !strings.Contains(flat(text), want) {
				t.Errorf("the PDF lacks %q", want)
			}
		}
	},
	"lindenhof-art32/de": func(t *testing.T, text, outline string, pages int) {
		boxes(t, text, "✓ Alle Verbindungen", "✗ Ende-zu-Ende-Verschlüsselung")
		for _, want := range []string{"a) Pseudonymisierung und Verschlüsselung", "aa) Zutrittskontrolle", "○ Auswertungen über mehrere Praxen", "(geplant)"} {
			if !strings.Contains(flat(text), want) {
				t.Errorf("the PDF lacks %q", want)
			}
		}
	},
}

// columns wants the two headers side by side on one line, more than once.
func columns(t *testing.T, text, left, right string) {
	t.Helper()
	n := 0
	for _, l := range strings.Split(text, "\n") {
		if i := strings.Index(l, left); i >= 0 && strings.Index(l, right) > i+len(left) {
			n++
		}
	}
	if n < 5 {
		t.Errorf("%q | %q side by side on %d lines, want a table per control", left, right, n)
	}
}

// boxes wants a checked and an unchecked line, each a distinct character.
func boxes(t *testing.T, text, checked, unchecked string) {
	t.Helper()
	for _, w := range []string{checked, unchecked} {
		if !strings.Contains(text, w) {
			t.Errorf("the PDF lacks %q", w)
		}
	}
}

// noCover wants the first page to begin with the title and hold the first section.
func noCover(t *testing.T, text, title, first string) {
	t.Helper()
	page1, _, _ := strings.Cut(text, "\f")
	if !strings.HasPrefix(strings.TrimSpace(page1), title) || !strings.Contains(page1, first) || strings.Contains(page1, "Inhalt") {
		t.Errorf("page 1 is not the title with the first section:\n%s", page1)
	}
}

// flat normalises white space and drops soft hyphens (the site puts them
// into long table words; a reader sees the word whole).
// lintTag ends the message of a lint: "… [superseded-law]".
var lintTag = regexp.MustCompile(`\[[a-z-]+\]$`)

func flat(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\u00ad", "")), " ")
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	cmd, done, err := pdfcheck.TextCommand(name, args...) // poppler's text tools read a copy without output intent
	defer done()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return string(out)
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	if *updateExamples {
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run TestExamples -update-examples, then read it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the output (go test -run TestExamples -update-examples rewrites it):\n%s", path, firstDiff(string(want), got))
	}
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < max(len(al), len(bl)); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return fmt.Sprintf("line %d:\n- %s\n+ %s", i+1, x, y)
		}
	}
	return ""
}

// htmlOutline is the structure of the document's article: one line per
// heading (level and text), table (header cells, rows) and paragraph.
func htmlOutline(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var walk func(n *html.Node, inMain bool)
	walk = func(n *html.Node, inMain bool) {
		if n.Type == html.ElementNode {
			if n.Data == "main" {
				inMain = true
			}
			if inMain {
				switch n.Data {
				case "h1", "h2", "h3", "h4", "h5":
					fmt.Fprintf(&b, "%s: %s\n", n.Data, flat(textOf(n)))
					return
				case "p", "li":
					// The checksum changes with every byte of the PDF; the golden
					// holds the structure.
					if s := flat(textOf(n)); !strings.HasPrefix(s, "SHA-256") {
						fmt.Fprintf(&b, "%s: %s\n", n.Data, short(s))
					}
					return
				case "table":
					var heads []string
					rows := 0
					var cells func(*html.Node)
					cells = func(c *html.Node) {
						if c.Type == html.ElementNode && c.Data == "th" {
							heads = append(heads, flat(textOf(c)))
						}
						if c.Type == html.ElementNode && c.Data == "tr" && c.Parent != nil && c.Parent.Data == "tbody" {
							rows++
						}
						for k := c.FirstChild; k != nil; k = k.NextSibling {
							cells(k)
						}
					}
					cells(n)
					kind := "table"
					if p := n.Parent; p != nil {
						for _, a := range p.Attr {
							if a.Key == "class" && strings.Contains(a.Val, "tom-columns") {
								kind = "table (tom-columns)"
							}
						}
					}
					fmt.Fprintf(&b, "%s: %s (%d rows)\n", kind, strings.Join(heads, " | "), rows)
					return
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inMain)
		}
	}
	walk(doc, false)
	return b.String()
}

func short(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}

func textOf(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(textOf(c))
		b.WriteByte(' ')
	}
	return b.String()
}
