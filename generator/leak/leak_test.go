package leak

import (
	"bytes"
	"fmt"
	"os/exec"
	"strings"
	"testing"

	"trustdocs/generator/diag"
	"trustdocs/generator/model"
)

var secret = []model.Withheld{
	{Audience: "customer", Pos: diag.Pos{File: "content/measures/05-datasix.yaml", Line: 111, Col: 9}, Field: "[no-antivirus].text.de",
		Text: "Es wird kein Virenschutzprogramm verwendet. Auf den Servern werden nur geprüfte Anwendungen installiert.\n",
		// the public variant keeps the second sentence: that one is no leak
		Instead: "Auf den Servern werden nur geprüfte Anwendungen installiert.\n"},
	{Audience: "customer", Pos: diag.Pos{File: "content/measures/02-zoom.yaml", Line: 58, Col: 11}, Field: "[zoom-backend-tls].text.de",
		Text: "Alle Verbindungen sind verschlüsselt (TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)."},
	{Audience: "customer", Pos: diag.Pos{File: "content/x.yaml", Line: 3, Col: 1}, Field: "name", Text: "Zoom"}, // too short to search
}

// pdfWith is a one-page PDF (Helvetica, WinAnsi) whose lines are lines.
func pdfWith(lines ...string) []byte {
	var content bytes.Buffer
	content.WriteString("BT /F1 11 Tf 72 720 Td 14 TL\n")
	for _, l := range lines {
		fmt.Fprintf(&content, "(%s) Tj T*\n", strings.NewReplacer(`(`, `\(`, `)`, `\)`).Replace(l))
	}
	content.WriteString("ET\n")
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", content.Len(), content.String()),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

func needPDFToText(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (make deps)")
	}
}

// Each kind of file a leak can hide in: the check finds the planted
// sentence however the file spells it, and names file, field and place.
func TestPlantedLeaksAreCaught(t *testing.T) {
	needPDFToText(t)
	cases := map[string][]byte{
		// an HTML page: the sentence split by markup, with a soft hyphen and an entity
		"de/sicherheitskonzept.html": []byte(`<p>Es wird <em>kein</em> Viren&shy;schutz<wbr>programm verwendet.</p>`),
		// an attribute a reader or a search engine sees
		"en/index.html": []byte(`<meta property="og:description" content="Es wird kein Virenschutzprogramm verwendet.">`),
		// a PDF: the word hyphenated at a line end
		"de/sicherheitskonzept.pdf": pdfWith("Es wird kein Viren-", "schutzprogramm verwendet. Sonst nichts."),
		// model.json, a quoted JSON string
		"de/model.json": []byte(`{"text": "Alle Verbindungen sind verschl\u00fcsselt (TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)."}`),
		// the Atom feed, escaped as XML
		"de/feed.xml": []byte(`<entry><summary type="html">&lt;p&gt;Es wird kein Virenschutzprogramm verwendet.&lt;/p&gt;</summary></entry>`),
		// a change notice, as its PDF and its e-mail text
		"de/releases/2.2/aenderungsmitteilung.pdf": pdfWith("2.4 DATASIX: Alle Verbindungen sind verschl\xfcsselt", "(TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)."), // ü in WinAnsi
		"de/releases/2.2/aenderungsmitteilung.txt": []byte("Geändert: Es wird kein\nVirenschutzprogramm verwendet.\n"),
	}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			files := map[string][]byte{name: data, "de/clean.html": []byte("<p>Auf den Servern werden nur geprüfte Anwendungen installiert.</p>")}
			hits, err := Find(files, secret)
			if err != nil {
				t.Fatal(err)
			}
			if len(hits) != 1 || hits[0].File != name {
				t.Fatalf("hits %+v, want one in %s", hits, name)
			}
			errs := &diag.List{}
			Report("public", hits, errs)
			msg := errs.Items()[0].String()
			for _, want := range []string{hits[0].From.Pos.String() + ": leak:", name, hits[0].From.Field, "public edition", "customer"} {
				if !strings.Contains(msg, want) {
					t.Errorf("message lacks %q: %s", want, msg)
				}
			}
		})
	}
}

func TestNoLeakNoHit(t *testing.T) {
	needPDFToText(t)
	files := map[string][]byte{
		"de/a.html":      []byte("<p>Auf den Servern werden nur geprüfte Anwendungen installiert. Zoom.</p>"),
		"de/a.pdf":       pdfWith("Alle Verbindungen sind verschluesselt (TLS)."),
		"de/b.json":      []byte(`{"name": "Zoom", "text": "Es wird ein Virenschutzprogramm verwendet."}`),
		"static/x.woff2": []byte("Es wird kein Virenschutzprogramm verwendet."), // a font is not read
	}
	hits, err := Find(files, secret)
	if err != nil || len(hits) != 0 {
		t.Fatalf("hits %+v, err %v; want none", hits, err)
	}
}

func TestNeedles(t *testing.T) {
	var got []string
	for _, n := range Needles(secret) {
		got = append(got, strings.TrimSpace(n.words))
	}
	want := []string{"es wird kein virenschutzprogramm verwendet", "alle verbindungen sind verschlüsselt tls ecdhe rsa with aes 128 gcm sha256"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("needles %q, want %q", got, want)
	}
}

func TestUnreadablePDFIsAnError(t *testing.T) {
	needPDFToText(t)
	_, err := Find(map[string][]byte{"de/x.pdf": []byte("%PDF-1.4 broken")}, secret)
	if err == nil {
		t.Fatal("a PDF pdftotext cannot read passed the leak check")
	}
}

// Normalize joins what a reader reads as one word, in one pass: a chain
// of hyphenated letters ("feed-to-e-mail") whole, a word broken at a line
// end, soft hyphens; it keeps "Ein- und" and "COVID-19" apart.
func TestNormalizeJoinsWords(t *testing.T) {
	for in, want := range map[string]string{
		"Feed-to-E-Mail-Dienst":              " feedtoemaildienst ",
		"Viren-\n  schutz":                   " virenschutz ",
		"Ein- und Ausgang":                   " ein und ausgang ",
		"COVID-19, DS-GVO":                   " covid 19 dsgvo ",
		"Zu\u00adgangs\u00adkon\u00adtrolle": " zugangskontrolle ",
		"ﬁnal Straße":                        " final straße ",
		"":                                   " ",
		" - ":                                " ",
		"Wort-":                              " wort ",
	} {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}
