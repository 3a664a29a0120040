package site

import (
	"strings"
	"testing"
)

func mustBody(t *testing.T, md string) *body {
	t.Helper()
	b, err := renderBody([]byte(md), bodyOptions{Reserved: reservedIDs()})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestBodyLinks(t *testing.T) {
	t.Parallel()
	md := "# Titel {#titel}\n\n" +
		"[ok](https://example.com/ä?q=1&r=2) [mail](mailto:a@example.com) [tel](tel:+4930123) [anker](#titel)\n\n" +
		"[js](javascript:alert(1)) [JS](JAVASCRIPT:alert(1)) [ent](java&#x73;cript:alert(1)) [vb](vbscript:x) " +
		"[data](data:text/html,x) [file](file:///etc/passwd) [proto](//evil.example/x) [rel](../datei.pdf) " +
		"[fehlt](#gibt-es-nicht) [http ohne host](http:foo)\n\n" +
		"<https://example.org/a> <javascript:alert(1)> <a@example.com>\n"
	got := string(mustBody(t, md).HTML)
	for _, want := range []string{
		`<a href="https://example.com/%C3%A4?q=1&amp;r=2" rel="noopener noreferrer">ok</a>`,
		`<a href="mailto:a@example.com" rel="noopener noreferrer">mail</a>`,
		`<a href="tel:+4930123" rel="noopener noreferrer">tel</a>`,
		`<a href="#titel">anker</a>`,
		`<p>js JS ent vb data file proto rel fehlt http ohne host</p>`,
		`<a href="https://example.org/a" rel="noopener noreferrer">https://example.org/a</a> javascript:alert(1) <a href="mailto:a@example.com" rel="noopener noreferrer">a@example.com</a>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %s\nin\n%s", want, got)
		}
	}
	if n := strings.Count(got, "<a "); n != 7 { // 4 links, 2 autolinks, the heading's self-link
		t.Errorf("%d links, want 7:\n%s", n, got)
	}
}

func TestBodyRawHTMLAndImages(t *testing.T) {
	t.Parallel()
	md := "Text <script>alert(1)</script> <b onclick=\"x()\">fett</b> Zeile<br>neu <!-- Kommentar -->\n\n" +
		"<script>\nalert(2)\n</script>\n\n<div style=\"color:red\">Block</div>\n\n" +
		"![Übersichtsplan](https://example.com/plan.png) ![lokal](plan.png)\n\n" +
		"# Kopf {style=\"color:red\" onclick=\"x()\" .unnumbered}\n"
	got := string(mustBody(t, md).HTML)
	for _, bad := range []string{"<script", "onclick", "<b>", "<b ", "style=", "<div", "<img", "<!--", "alert(2)", "Block"} {
		if strings.Contains(got, bad) {
			t.Errorf("%q in\n%s", bad, got)
		}
	}
	for _, want := range []string{"Text alert(1) fett Zeile<br>neu", `<em class="image-alt">Übersichtsplan</em>`, `<h2 id="kopf">Kopf`} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %s in\n%s", want, got)
		}
	}
}

func TestBodyHeadings(t *testing.T) {
	t.Parallel()
	md := "# Eins\n\n### Übersprungen\n\n## Zwei {#zwei}\n\n# Drei {.unnumbered}\n\n## Vier\n\n# Zwei {#zwei}\n\n###### Sechs\n"
	b := mustBody(t, md)
	got := string(b.HTML)
	for _, want := range []string{
		`<h2 id="eins"><span class="secnum">1</span> Eins <a class="anchor" href="#eins" aria-label="Eins"></a></h2>`,
		`<h3 id="übersprungen"><span class="secnum">1.1</span> Übersprungen`,
		`href="#%C3%BCbersprungen"`,
		`<h3 id="zwei"><span class="secnum">1.2</span> Zwei`,
		`<h2 id="drei">Drei`,
		`<h3 id="vier"><span class="secnum">1.3</span> Vier`,
		`<h2 id="zwei-2"><span class="secnum">2</span> Zwei`,
		`<h3 id="sechs"><span class="secnum">2.1</span> Sechs`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %s in\n%s", want, got)
		}
	}
	toc := contents(b.Headings, nil)
	if len(toc) != 3 || len(toc[0].Children) != 2 || toc[2].ID != "zwei-2" || toc[2].Children[0].Number != "2.1" {
		t.Errorf("contents tree wrong: %+v", toc)
	}
}

func TestBodyReservedID(t *testing.T) {
	t.Parallel()
	_, err := renderBody([]byte("# Haupt {#main}\n"), bodyOptions{Reserved: reservedIDs()})
	if err == nil || !strings.Contains(err.Error(), `"main"`) {
		t.Errorf("got %v, want an error about the id main", err)
	}
}

func TestBodyTable(t *testing.T) {
	t.Parallel()
	md := "| Name | Ort | Zahl |\n| :--- | :-: | ---: |\n| **A** GmbH | Frankfurt am Main | 1 |\n| B | | 2 |\n"
	got := string(mustBody(t, md).HTML)
	for _, want := range []string{
		`<div class="table-wrap">`,
		`<th scope="col" class="align-left">Name</th>`,
		`<th scope="col" class="align-center">Ort</th>`,
		`<td class="align-left" data-label="Name"><strong>A</strong> GmbH</td>`,
		`<td class="align-right" data-label="Zahl">2</td>`,
		"</tbody>\n</table>\n</div>",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %s in\n%s", want, got)
		}
	}
}

// A matrix (short cells after the first column) is marked compact: it
// stays a table on a phone.
func TestBodyCompactTable(t *testing.T) {
	t.Parallel()
	for md, want := range map[string]bool{
		"| System | 1 | 2 |\n| --- | :-: | :-: |\n| Rechenzentrum Frankfurt | ● | – (10) |\n": true,
		"| System | 1 | 2 |\n| --- | :-: | :-: |\n| Rechenzentrum | ● | nicht relevant |\n":   false,
		"| System | Zahl |\n| --- | --- |\n| Rechenzentrum | 1 |\n":                           false,
	} {
		got := strings.Contains(string(mustBody(t, md).HTML), `<div class="table-wrap compact">`)
		if got != want {
			t.Errorf("compact = %v, want %v for\n%s", got, want, md)
		}
	}
}

// Change reports: the marks become <ins> and <del>; the contents name a
// heading by its new text, and a heading deleted as a whole as it was.
func TestBodyRedline(t *testing.T) {
	t.Parallel()
	md := "# Rechenzentrum {--noris--}{++DATASIX++} {#rz}\n\n" +
		"Logs werden nach {--12--}{++6++} Monaten gelöscht.\n\n" +
		"# {--Entfallen--} {#weg}\n\nText.\n"
	b, err := renderBody([]byte(md), bodyOptions{Reserved: reservedIDs(), Redline: true})
	if err != nil {
		t.Fatal(err)
	}
	got := string(b.HTML)
	for _, want := range []string{"<del>12</del><ins>6</ins> Monaten", `Rechenzentrum <del>noris</del><ins>DATASIX</ins> <a class="anchor"`, `<span class="secnum">2</span> <del>Entfallen</del>`} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %s in\n%s", want, got)
		}
	}
	toc := contents(b.Headings, b.Deleted)
	if len(toc) != 2 || toc[0].Title != "Rechenzentrum DATASIX" || toc[0].Deleted || toc[1].Title != "Entfallen" || !toc[1].Deleted {
		t.Errorf("contents %+v %+v", toc[0], toc[1])
	}
	// Without the option the marks are text, as in any document.
	plain := string(mustBody(t, "Nach {--12--}{++6++} Monaten.\n").HTML)
	if strings.Contains(plain, "<ins>") || !strings.Contains(plain, "{--12--}") {
		t.Errorf("marks parsed in a document: %s", plain)
	}
}

// Anlage 1's two-column table is marked (it reads column by column on a
// phone); another two-column table, or one without the words, is not.
func TestTOMColumnsTable(t *testing.T) {
	t.Parallel()
	heads := [2]string{"Technische Maßnahmen", "Organisatorische Maßnahmen"}
	cols := "| Technische Maßnahmen | Organisatorische Maßnahmen |\n| --- | --- |\n| ☒ Zaun | ☒ Schlüsselbuch |\n"
	other := "| Begriff | Bedeutung |\n| --- | --- |\n| TOM | technische und organisatorische Maßnahmen |\n"
	for _, c := range []struct {
		md    string
		heads [2]string
		want  bool
	}{{cols, heads, true}, {other, heads, false}, {cols, [2]string{}, false}} {
		b, err := renderBody([]byte(c.md), bodyOptions{Reserved: reservedIDs(), ColumnHeads: c.heads})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(string(b.HTML), `class="table-wrap tom-columns"`); got != c.want {
			t.Errorf("marked %v, want %v:\n%s", got, c.want, b.HTML)
		}
	}
}
