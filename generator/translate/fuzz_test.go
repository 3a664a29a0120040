package translate

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// FuzzParseXLIFF: any input gives a document or positioned errors, never a
// panic; a document written back reads back the same.
func FuzzParseXLIFF(f *testing.F) {
	if data, err := os.ReadFile("testdata/roundtrip/export.xlf"); err == nil {
		f.Add(data)
	}
	f.Add([]byte(`<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="de" trgLang="en"><file id="f"><unit id="u"><segment state="translated"><source>a &amp; b</source><target>c<cp hex="0001"/><mrk id="m">d</mrk></target></segment><ignorable><source> </source></ignorable></unit></file></xliff>`))
	f.Add([]byte(`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><xliff/>`))
	f.Add([]byte("<xliff>" + strings.Repeat("<group>", 70)))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, errs := ParseXLIFF("f.xlf", data)
		if doc == nil {
			if !errs.HasErrors() {
				t.Fatal("no document and no error")
			}
			for _, d := range errs.Items() {
				if d.Pos.File != "f.xlf" || d.Pos.Line < 1 {
					t.Fatalf("error without position: %v", d)
				}
			}
			return
		}
		var b bytes.Buffer
		if err := WriteXLIFF(&b, doc); err != nil {
			t.Fatal(err)
		}
		again, errs := ParseXLIFF("again.xlf", b.Bytes())
		if again == nil {
			t.Fatalf("a written document does not read back: %v\n%s", errs.Err(), b.Bytes())
		}
		if len(again.Files) != len(doc.Files) {
			t.Fatalf("%d files read back as %d", len(doc.Files), len(again.Files))
		}
		for i, f := range doc.Files {
			g := again.Files[i]
			if len(f.Units) != len(g.Units) {
				t.Fatalf("file %d: %d units read back as %d", i, len(f.Units), len(g.Units))
			}
			for j, u := range f.Units {
				v := g.Units[j]
				if !validText(u.ID) || !validText(u.Source) || !validText(u.Target) {
					continue // attributes drop what XML cannot carry
				}
				if u.ID != v.ID || u.Source != v.Source || u.HasTarget && u.Target != v.Target {
					t.Fatalf("unit %q/%q/%q read back as %q/%q/%q", u.ID, u.Source, u.Target, v.ID, v.Source, v.Target)
				}
			}
		}
	})
}

func validText(s string) bool {
	for _, r := range s {
		if !xmlChar(r) || r == '\r' {
			return false
		}
	}
	return utf8.ValidString(s)
}

// FuzzRenderScalar: every string the importer writes reads back as itself,
// in a block and in a flow mapping.
func FuzzRenderScalar(f *testing.F) {
	for _, s := range []string{"plain", "a: b", "#x", "- x", "true", "12345678", "Line\n\nTwo\n", "  lead", "x\n\n\n", "tab\there", "\x01", "„ü“", "'", `"`, "\\", "null", "~", "", "a #b", "[x]", "{y}", "x,y"} {
		f.Add(s, 2)
	}
	f.Fuzz(checkRender)
}

func checkRender(t *testing.T, value string, indent int) {
	if !utf8.ValidString(value) || indent < 0 || indent > 40 {
		return
	}
	for _, flow := range []bool{false, true} {
		r, err := renderScalar(value, flow, indent)
		if err != nil {
			t.Fatal(err)
		}
		pad := strings.Repeat(" ", indent)
		src := pad + "k: " + r + "\n" + pad + "z: 1\n"
		if flow {
			src = "m: {k: " + r + ", z: 1}\n"
		}
		var doc yaml.Node
		if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
			t.Fatalf("%q rendered (flow %v) as %q does not parse: %v", value, flow, r, err)
		}
		m := doc.Content[0]
		if flow {
			m = m.Content[1]
		}
		if len(m.Content) != 4 || m.Content[1].Value != value || m.Content[1].Tag != "!!str" {
			t.Fatalf("%q rendered (flow %v) as %q reads back as %q", value, flow, r, m.Content[1].Value)
		}
	}
}
