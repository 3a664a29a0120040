package pdfcheck

import (
	"testing"
	"time"
)

// The checker's own readers; the checks themselves are tested on real
// files in generator/pdf (archive_test.go) and generator/build.

func TestParseXMP(t *testing.T) {
	m, err := ParseXMP([]byte(`<?xpacket begin="" id="x"?><x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
 xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#">
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">A &amp; B</rdf:li></rdf:Alt></dc:title>
<pdfaid:part>2</pdfaid:part>
<pdfaExtension:schemas><rdf:Bag><rdf:li><pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix></rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`))
	if err != nil {
		t.Fatal(err)
	}
	if m.Props["dc:title"] != "A & B" || m.Props["pdfaid:part"] != "2" || len(m.Extensions) != 1 || m.Extensions[0] != "pdfuaid" {
		t.Errorf("%+v", m)
	}
	if _, err := ParseXMP([]byte("<a><b></a>")); err == nil {
		t.Error("broken XML parses")
	}
}

func TestPDFDate(t *testing.T) {
	want := time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC)
	for _, s := range []string{"D:20261201093000+00'00'", "D:20261201103000+01'00'", "D:20261201093000Z"} {
		if got, ok := pdfDate(s); !ok || !got.Equal(want) {
			t.Errorf("%s: %v %v", s, got, ok)
		}
	}
}

func TestStringBytes(t *testing.T) {
	for in, want := range map[string]string{`(a\(b\)\\c)`: `a(b)\c`, `(\101\n)`: "A\n", `<4142 43>`: "ABC", `<414>`: "A@"} {
		if got := string(stringBytes([]byte(in))); got != want {
			t.Errorf("%s: %q, want %q", in, got, want)
		}
	}
}

func TestToUnicode(t *testing.T) {
	m, crossing := toUnicode([]byte("2 beginbfrange\n<0041> <0043> <0061>\n<00FE> <0101> <00FE>\nendbfrange\n1 beginbfchar\n<2013> <2014>\nendbfchar"))
	if m[0x42] != 0x62 || m[0x2013] != 0x2014 || m[0x100] != 0x100 || !crossing {
		t.Errorf("%v %v", m, crossing)
	}
}
