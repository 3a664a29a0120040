package redline

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

func TestMarkdown(t *testing.T) {
	for _, c := range []struct{ name, old, new, want string }{
		{
			"insertion",
			"Die Anbieterin stellt sicher, dass Unbefugte keinen Zugang erhalten.\n",
			"Die Anbieterin stellt durch geeignete Maßnahmen sicher, dass Unbefugte keinen Zugang erhalten.\n",
			"Die Anbieterin stellt {++durch geeignete Maßnahmen ++}sicher, dass Unbefugte keinen Zugang erhalten.\n",
		},
		{
			"deletion",
			"Zugriffsberechtigungen werden regelmäßig überprüft und dokumentiert.\n",
			"Zugriffsberechtigungen werden überprüft und dokumentiert.\n",
			"Zugriffsberechtigungen werden {--regelmäßig --}überprüft und dokumentiert.\n",
		},
		{
			"replacement",
			"Die Daten werden in Frankfurt am Main gespeichert.\n",
			"Die Daten werden in Wien gespeichert.\n",
			"Die Daten werden in {--Frankfurt am Main--}{++Wien++} gespeichert.\n",
		},
		{
			"two changes, one mark",
			"Der Zutritt erfolgt über eine Vereinzelungsanlage mit Chipkarte.\n",
			"Der Zugang erfolgt über eine Schleuse mit Chipkarte.\n",
			"Der {--Zutritt--}{++Zugang++} erfolgt über eine {--Vereinzelungsanlage--}{++Schleuse++} mit Chipkarte.\n",
		},
		{
			"list item changed and added",
			"- Schutz personenbezogener Daten\n- Schutz des Fernmeldegeheimnisses\n- Benutzerverhalten\n",
			"- Schutz personenbezogener Daten\n- Wahrung des Fernmeldegeheimnisses\n- Benutzerverhalten\n- Störungen des Betriebs\n",
			"- Schutz personenbezogener Daten\n- {--Schutz--}{++Wahrung++} des Fernmeldegeheimnisses\n- Benutzerverhalten\n- {++Störungen des Betriebs++}\n",
		},
		{
			"list item deleted",
			"1. Erster Schritt\n2. Zweiter Schritt\n3. Dritter Schritt\n",
			"1. Erster Schritt\n2. Dritter Schritt\n",
			"1. Erster Schritt\n2. {--Zweiter Schritt--}\n2. Dritter Schritt\n",
		},
		{
			"table row added",
			"| Unterauftragsverarbeiter | Ort |\n| --- | --- |\n| **DARZ GmbH**, Darmstadt | Deutschland |\n",
			"| Unterauftragsverarbeiter | Ort |\n| --- | --- |\n| **DARZ GmbH**, Darmstadt | Deutschland |\n| **iWay AG**, Zürich | Schweiz |\n",
			"| Unterauftragsverarbeiter | Ort |\n| --- | --- |\n| **DARZ GmbH**, Darmstadt | Deutschland |\n| {++**iWay AG**, Zürich++} | {++Schweiz++} |\n",
		},
		{
			"table cell changed",
			"| Anbieter | Garantie |\n|---|---|\n| Zoom | EU-Standardvertragsklauseln |\n",
			"| Anbieter | Garantie |\n|---|---|\n| Zoom | Angemessenheitsbeschluss |\n",
			"| Anbieter | Garantie |\n|---|---|\n| Zoom | {--EU-Standardvertragsklauseln--}{++Angemessenheitsbeschluss++} |\n",
		},
		{
			"heading changed",
			"# Einleitung {#intro .unnumbered}\n\nText.\n",
			"# Einführung und Zweck {#intro .unnumbered}\n\nText.\n",
			"# {--Einleitung--}{++Einführung und Zweck++} {#intro .unnumbered}\n\nText.\n",
		},
		{
			"paragraph deleted",
			"Erster Absatz.\n\nZweiter Absatz über Gefährdungen.\n\nDritter Absatz.\n",
			"Erster Absatz.\n\nDritter Absatz.\n",
			"Erster Absatz.\n\n{--Zweiter Absatz über Gefährdungen.--}\n\nDritter Absatz.\n",
		},
		{
			"paragraph rewritten",
			"Die Firewall ist restriktiv konfiguriert.\n",
			"Alle Mitarbeiter arbeiten im Homeoffice.\n",
			"{--Die Firewall ist restriktiv konfiguriert.--}\n\n{++Alle Mitarbeiter arbeiten im Homeoffice.++}\n",
		},
		{
			"inside emphasis",
			"**Zutrittskontrollsystem Rechenzentrum DARZ**\n",
			"**Zutrittskontrollsystem Rechenzentrum DATASIX**\n",
			"**Zutrittskontrollsystem Rechenzentrum {--DARZ--}{++DATASIX++}**\n",
		},
		{
			"emphasis added",
			"Die Daten werden verschlüsselt übertragen.\n",
			"Die Daten werden *stets* verschlüsselt übertragen.\n",
			"Die Daten werden {++*stets* ++}verschlüsselt übertragen.\n",
		},
		{
			"special characters",
			"Preis *netto* 5 € | Rabatt {10 %} und a_b_c, Stern * frei\n",
			"Preis *brutto* 6 € | Rabatt {12 %} und a_b_d, Stern * frei\n",
			"Preis *{--netto--}{++brutto++}* {--5--}{++6++} € | Rabatt {--{10--}{++{12++} %} und a_b_{--c--}{++d++}, Stern * frei\n",
		},
		{
			"pipes in a table cell",
			"| Regel | Wert |\n|---|---|\n| a \\| b | `x \\| y` |\n",
			"| Regel | Wert |\n|---|---|\n| a \\| c | `x \\| y` |\n",
			"| Regel | Wert |\n|---|---|\n| a \\| {--b--}{++c++} | `x \\| y` |\n",
		},
		{
			"literal marks stay literal",
			"Syntax: {++neu++} und {--alt--}.\n",
			"Syntax: {++neu++} und {--weg--}.\n",
			"Syntax: \\{++neu++\\} und {--\\{--alt--\\}--}{++\\{--weg--\\}++}.\n",
		},
		{
			"code span",
			"Der Schlüssel `TLS_ECDHE_RSA` ist alt.\n",
			"Der Schlüssel `TLS_AES_256` ist neu.\n",
			"Der Schlüssel {--`TLS_ECDHE_RSA`--}{++`TLS_AES_256`++} ist {--alt--}{++neu++}.\n",
		},
		{
			"unchanged",
			"# Titel\n\nText mit *Betonung*.\n",
			"# Titel\n\nText mit *Betonung*.\n",
			"# Titel\n\nText mit *Betonung*.\n",
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := string(Markdown([]byte(c.old), []byte(c.new)))
			if got != c.want {
				t.Errorf("redline\n got: %q\nwant: %q", got, c.want)
			}
			checkVersions(t, []byte(c.old), []byte(c.new), []byte(got))
		})
	}
}

func TestExtension(t *testing.T) {
	md := goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, Extension))
	for _, c := range []struct{ in, want string }{
		{"a {--b **c** `d --}`--} e", "<p>a <del>b <strong>c</strong> <code>d --}</code></del> e</p>\n"},
		{"**a {--b--}{++x++} c**", "<p><strong>a <del>b</del><ins>x</ins> c</strong></p>\n"},
		{"{++[Link](https://example.com) neu++}", "<p><ins><a href=\"https://example.com\">Link</a> neu</ins></p>\n"},
		{"{--**a--} b**", "<p><del>**a</del> b**</p>\n"},
		{"[a {++b](u) c++}", "<p><a href=\"u\">a {++b</a> c++}</p>\n"},
		{"\\{--a--} offen {-- und --} zu {++ nie", "<p>{--a--} offen <del> und </del> zu {++ nie</p>\n"},
		{"| a |\n|---|\n| {--x--}{++y++} |", "<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td><del>x</del><ins>y</ins></td>\n</tr>\n</tbody>\n</table>\n"},
	} {
		var b bytes.Buffer
		if err := md.Convert([]byte(c.in), &b); err != nil {
			t.Fatal(err)
		}
		if b.String() != c.want {
			t.Errorf("%q\n got %q\nwant %q", c.in, b.String(), c.want)
		}
	}
	// The node kinds are exported for renderers.
	root := md.Parser().Parse(text.NewReader([]byte("{++a++}{--b--}")))
	p := root.FirstChild()
	if p.FirstChild().Kind() != KindInsert || p.LastChild().Kind() != KindDelete {
		t.Errorf("kinds %v %v", p.FirstChild().Kind(), p.LastChild().Kind())
	}
}

// versions reads a document as its reader does: the text of each
// paragraph, heading and table cell, with emphasis, code and links marked,
// white space collapsed, empty blocks left out. keep is KindInsert for the
// new version of a redline, KindDelete for the old one; with 0 the source
// is parsed without the marks. It is independent of the package's own
// check (which compares rendered HTML).
func versions(src []byte, keep ast.NodeKind) []string {
	opts := []goldmark.Extender{extension.Table, extension.Strikethrough}
	if keep != 0 {
		opts = append(opts, Extension)
	}
	md := goldmark.New(goldmark.WithExtensions(opts...), goldmark.WithParserOptions(parser.WithAttribute()))
	root := md.Parser().Parse(text.NewReader(src))
	var out []string
	var inline func(n ast.Node, b *strings.Builder)
	inline = func(n ast.Node, b *strings.Builder) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				v := c.Segment.Value(src)
				if !c.IsRaw() {
					v = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
				}
				b.Write(v)
				switch {
				case c.HardLineBreak():
					b.WriteString("⏎")
				case c.SoftLineBreak():
					b.WriteString(" ")
				}
			case *ast.String:
				b.Write(c.Value)
			case *ast.CodeSpan:
				b.WriteString("`")
				for t := c.FirstChild(); t != nil; t = t.NextSibling() {
					if tt, ok := t.(*ast.Text); ok {
						b.Write(tt.Segment.Value(src))
					}
				}
				b.WriteString("`")
			case *ast.AutoLink:
				b.WriteString("<" + string(c.Label(src)) + ">")
			case *ast.RawHTML:
				for i := range c.Segments.Len() {
					seg := c.Segments.At(i)
					b.Write(seg.Value(src))
				}
			case *ast.Emphasis:
				m := strings.Repeat("*", c.Level)
				b.WriteString(m)
				inline(c, b)
				b.WriteString(m)
			case *east.Strikethrough:
				b.WriteString("~~")
				inline(c, b)
				b.WriteString("~~")
			case *ast.Link:
				b.WriteString("[")
				inline(c, b)
				b.WriteString("](" + string(c.Destination) + ")")
			case *ast.Image:
				b.WriteString("![")
				inline(c, b)
				b.WriteString("](" + string(c.Destination) + ")")
			case *Insert, *Delete:
				if c.Kind() == keep {
					inline(c, b)
				}
			default:
				inline(c, b)
			}
		}
	}
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var kind string
		switch n := n.(type) {
		case *ast.Paragraph, *ast.TextBlock:
			kind = "p"
		case *ast.Heading:
			kind = fmt.Sprintf("h%d", n.Level)
		case *east.TableCell:
			kind = "td"
		default:
			return ast.WalkContinue, nil
		}
		var b strings.Builder
		inline(n, &b)
		s := strings.Join(strings.Fields(b.String()), " ")
		if s != "" {
			out = append(out, kind+": "+s)
		}
		return ast.WalkSkipChildren, nil
	})
	return out
}

// checkVersions is the property: the redline read with its deletions and
// without its insertions is the old document, the other way round the new.
func checkVersions(t testing.TB, old, new, red []byte) {
	t.Helper()
	for _, c := range []struct {
		name string
		want []string
		keep ast.NodeKind
	}{{"old", versions(old, 0), KindDelete}, {"new", versions(new, 0), KindInsert}} {
		got := versions(red, c.keep)
		if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
			t.Fatalf("the redline does not read as the %s version\n--- old\n%s\n--- new\n%s\n--- redline\n%s\n--- got\n%s\n--- want\n%s",
				c.name, old, new, red, strings.Join(got, "\n"), strings.Join(c.want, "\n"))
		}
	}
}

var germanWords = []string{"Auftragsverarbeiter", "Rechenzentrum", "Zutrittskontrolle", "personenbezogene", "Daten",
	"Verschlüsselung", "gemäß", "Art. 28", "DS-GVO", "Maßnahmen", "Frankfurt am Main", "Übermittlung", "und", "oder",
	"nicht", "die", "der", "§ 5", "Straße", "„Anbieterin“", "–", "(EU/EWR)", "z.B."}

var oddBits = []string{"*", "_", "|", "{", "}", "{++", "--}", "`", "**fett**", "*kursiv*", "[Link](https://example.com)",
	"\\", "\\*", "&amp;", "~~weg~~", "<b>", "`code | x`", "{#id}", "  \n", "\\|", "_a_b_", "**"}

// mutate changes a document the way editors do: words replaced, deleted
// and added, lines (blocks, list items, table rows) deleted, duplicated,
// swapped, split and joined, emphasis, links and odd characters added.
func mutate(rng *rand.Rand, src string) string {
	lines := strings.Split(src, "\n")
	line := func() int { return rng.IntN(len(lines)) }
	word := func() string {
		if rng.IntN(4) == 0 {
			return oddBits[rng.IntN(len(oddBits))]
		}
		return germanWords[rng.IntN(len(germanWords))]
	}
	editWords := func(i int, f func(ws []string) []string) {
		ws := strings.Split(lines[i], " ")
		lines[i] = strings.Join(f(ws), " ")
	}
	for range 1 + rng.IntN(6) {
		if len(lines) == 0 {
			lines = []string{""}
		}
		i := line()
		switch rng.IntN(11) {
		case 0, 1: // replace a word
			editWords(i, func(ws []string) []string { ws[rng.IntN(len(ws))] = word(); return ws })
		case 2: // delete a word
			editWords(i, func(ws []string) []string { k := rng.IntN(len(ws)); return append(ws[:k], ws[k+1:]...) })
		case 3: // insert a word
			editWords(i, func(ws []string) []string {
				k := rng.IntN(len(ws) + 1)
				return append(ws[:k], append([]string{word()}, ws[k:]...)...)
			})
		case 4: // delete a line
			lines = append(lines[:i], lines[i+1:]...)
		case 5: // duplicate a line after another
			j := line()
			lines = append(lines[:j], append([]string{lines[i]}, lines[j:]...)...)
		case 6: // swap
			j := line()
			lines[i], lines[j] = lines[j], lines[i]
		case 7: // split a paragraph
			editWords(i, func(ws []string) []string {
				k := rng.IntN(len(ws))
				ws[k] += "\n\n"
				return ws
			})
		case 8: // join with the next line
			if i+1 < len(lines) {
				lines[i] += " " + lines[i+1]
				lines = append(lines[:i+1], lines[i+2:]...)
			}
		case 9: // emphasise a word
			editWords(i, func(ws []string) []string { k := rng.IntN(len(ws)); ws[k] = "**" + ws[k] + "**"; return ws })
		case 10: // a table row more, changed
			if strings.HasPrefix(lines[i], "|") {
				row := strings.Replace(lines[i], " ", " "+word()+" ", 1+rng.IntN(2))
				lines = append(lines[:i+1], append([]string{row}, lines[i+1:]...)...)
			}
		}
	}
	return strings.Join(lines, "\n")
}

// excerpt is a random run of whole lines of a document.
func excerpt(rng *rand.Rand, src string, n int) string {
	lines := strings.Split(src, "\n")
	if len(lines) <= n {
		return src
	}
	i := rng.IntN(len(lines) - n)
	return strings.Join(lines[i:i+n], "\n") + "\n"
}

// TestProperty redlines excerpts of real documents against mutated copies
// (both ways round) and checks that each redline reads as both versions.
func TestProperty(t *testing.T) {
	var docs []string
	for _, f := range []string{"testdata/toms.md", "testdata/subprocessors.md"} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, string(b))
	}
	n := 600
	if testing.Short() {
		n = 100
	}
	rng := rand.New(rand.NewPCG(1, 2))
	marked := 0
	for i := range n {
		old := excerpt(rng, docs[i%len(docs)], 5+rng.IntN(40))
		new := mutate(rng, old)
		if i%2 == 1 {
			old, new = new, old
		}
		red := Markdown([]byte(old), []byte(new))
		checkVersions(t, []byte(old), []byte(new), red)
		if bytes.Contains(red, []byte("{++")) || bytes.Contains(red, []byte("{--")) {
			marked++
		}
	}
	if marked < n/2 {
		t.Errorf("only %d of %d redlines have marks", marked, n)
	}
}

// TestWholeDocument redlines the full annex against a version with a
// subprocessor replaced and one added, as a release would.
func TestWholeDocument(t *testing.T) {
	old, err := os.ReadFile("testdata/toms.md")
	if err != nil {
		t.Fatal(err)
	}
	new := bytes.Replace(old, []byte("Die Firma stellt Computer und Telefone zur Verfügung."), []byte("Die Firma stellt Notebooks und Mobiltelefone zur Verfügung."), 1)
	new = bytes.Replace(new, []byte("### b) Zugangskontrolle"), []byte("### b) Zugangs- und Zugriffskontrolle"), 1)
	red := Markdown(old, new)
	checkVersions(t, old, new, red)
	for _, want := range []string{
		"Die Firma stellt {--Computer--}{++Notebooks++} und {--Telefone--}{++Mobiltelefone++} zur Verfügung.",
		"### b) {--Zugangskontrolle--}{++Zugangs- und Zugriffskontrolle++} {#tom-system-access .unnumbered}",
	} {
		if !bytes.Contains(red, []byte(want)) {
			t.Errorf("redline lacks %q", want)
		}
	}
	if n := bytes.Count(red, []byte("{--")); n != 3 {
		t.Errorf("%d deletions, want 3", n)
	}
}

func FuzzRedline(f *testing.F) {
	toms, err := os.ReadFile("testdata/toms.md")
	if err != nil {
		f.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 8 {
		old := excerpt(rng, string(toms), 12)
		f.Add(old, mutate(rng, old))
	}
	f.Add("", "")
	f.Add("# A\n\ntext\n", "")
	f.Add("- a\n- b\n", "- a\n\n  b\n- c\n")
	f.Add("> zitat *eins*\nfort\n", "> zitat **zwei**\n")
	f.Add("| a | b |\n|---|---|\n| 1 | 2 |\n", "| a | b | c |\n|---|---|---|\n| 1 | 2 | 3 |\n")
	f.Add("x {++y++} z --} \\", "x {--y--} `z --}` \\\\")
	f.Add("Setext\n===\n\n```\ncode\n```\n", "Setext neu\n---\n\n    code\n")
	f.Add("# A\r\n\r\nText  \r\nzwei\\\r\ndrei\r\n", "# B\r\n\r\nText\r\nzwei drei\r\n")
	f.Add("#", "0")
	f.Fuzz(func(t *testing.T, old, new string) {
		tm := time.AfterFunc(5*time.Second, func() { panic(fmt.Sprintf("slow: %q %q", old, new)) })
		defer tm.Stop()
		red := Markdown([]byte(old), []byte(new))
		checkVersions(t, []byte(old), []byte(new), red)
	})
}

// TestReleases redlines each document between consecutive releases of the
// project's content, where there are any.
func TestReleases(t *testing.T) {
	dirs, _ := filepath.Glob("../../content/releases/*/de")
	sort.Strings(dirs)
	n := 0
	for i := 1; i < len(dirs); i++ {
		files, _ := filepath.Glob(filepath.Join(dirs[i], "*.md"))
		for _, f := range files {
			old, err := os.ReadFile(filepath.Join(dirs[i-1], filepath.Base(f)))
			if err != nil {
				continue
			}
			new, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			checkVersions(t, old, new, Markdown(old, new))
			n++
		}
	}
	t.Logf("%d document pairs", n)
}
