package pdfcheck

import (
	"bytes"
	"encoding/xml"
	"strings"
	"time"
)

// checkFile: the trailer and the catalogue (PDF/A-2 6.1.3, 6.1.2, 6.5;
// PDF/UA-1 7.1, 7.2).
func (f *File) checkFile(ps *problems) {
	id := f.array(f.trailer["/ID"])
	if len(id) != 2 || len(text(id[0])) < 16 || text(id[0]) != text(id[1]) {
		ps.add("PDF/A-2 6.1.3", "the trailer has no /ID of two equal byte strings: %v", f.trailer["/ID"])
	}
	if _, ok := f.trailer["/Encrypt"]; ok {
		ps.add("PDF/A-2 6.1.3", "the file is encrypted")
	}
	info := f.dict(f.trailer["/Info"])
	if info == nil || info["/Producer"] == nil {
		ps.add("PDF/A-2 6.1.3", "the trailer's /Info is not the document information dictionary: %v", f.trailer["/Info"])
	}
	cat := f.catalog()
	if cat == nil {
		ps.add("ISO 32000-1 7.7.2", "no catalogue")
		return
	}
	if names := f.dict(cat["/Names"]); names != nil && names["/JavaScript"] != nil {
		ps.add("PDF/A-2 6.5", "the catalogue names JavaScript")
	}
	if cat["/OpenAction"] != nil || cat["/AA"] != nil {
		ps.add("PDF/A-2 6.5", "the catalogue has an action")
	}
	if m := f.dict(cat["/MarkInfo"]); m == nil || m["/Marked"] != true {
		ps.add("PDF/UA-1 7.1", "the catalogue has no /MarkInfo <</Marked true>>")
	}
	if v := f.dict(cat["/ViewerPreferences"]); v == nil || v["/DisplayDocTitle"] != true {
		ps.add("PDF/UA-1 7.1", "no /ViewerPreferences <</DisplayDocTitle true>>")
	}
	if text(cat["/Lang"]) == "" {
		ps.add("PDF/UA-1 7.2", "the catalogue has no /Lang")
	}
}

// Metadata is what the XMP packet says.
type Metadata struct {
	Props map[string]string // "pdfaid:part" → "2", "dc:title" → "…"
	// Extensions are the prefixes the PDF/A extension schemas describe.
	Extensions []string
}

// xmpNS are the prefixes of the namespaces read.
var xmpNS = map[string]string{
	"http://purl.org/dc/elements/1.1/":       "dc",
	"http://ns.adobe.com/pdf/1.3/":           "pdf",
	"http://ns.adobe.com/xap/1.0/":           "xmp",
	"http://www.aiim.org/pdfa/ns/id/":        "pdfaid",
	"http://www.aiim.org/pdfua/ns/id/":       "pdfuaid",
	"http://www.aiim.org/pdfa/ns/schema#":    "pdfaSchema",
	"http://www.aiim.org/pdfa/ns/extension/": "pdfaExtension",
}

// ParseXMP reads the simple properties of an XMP packet, a language
// alternative or sequence by its first item.
func ParseXMP(data []byte) (*Metadata, error) {
	m := &Metadata{Props: map[string]string{}}
	dec := xml.NewDecoder(bytes.NewReader(data))
	var stack []string
	var buf strings.Builder
	for {
		tok, err := dec.Token()
		if err != nil {
			if err.Error() == "EOF" {
				return m, nil
			}
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			p := xmpNS[t.Name.Space]
			stack = append(stack, p+":"+t.Name.Local)
			buf.Reset()
		case xml.CharData:
			buf.Write(t)
		case xml.EndElement:
			cur := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			v := strings.TrimSpace(buf.String())
			buf.Reset()
			prop := cur
			if cur == ":li" && len(stack) >= 2 {
				prop = stack[len(stack)-2] // dc:title/rdf:Alt/rdf:li
			}
			if prop == "pdfaSchema:prefix" {
				m.Extensions = append(m.Extensions, v)
				continue
			}
			if strings.HasPrefix(prop, ":") || strings.HasPrefix(prop, "pdfaSchema") || strings.HasPrefix(prop, "pdfaExtension") || strings.Contains(strings.Join(stack, "/"), "pdfaExtension:") {
				continue
			}
			if _, seen := m.Props[prop]; !seen && v != "" {
				m.Props[prop] = v
			}
		}
	}
}

// Metadata reads the catalogue's XMP packet.
func (f *File) Metadata() (*Metadata, []byte, error) {
	ref := f.catalog()["/Metadata"]
	data, ok := f.streamData(ref)
	if !ok {
		return nil, nil, errString("the catalogue has no /Metadata stream")
	}
	m, err := ParseXMP(data)
	return m, data, err
}

type errString string

func (e errString) Error() string { return string(e) }

// pdfDate parses an Info date, D:YYYYMMDDHHmmSS with an optional offset.
func pdfDate(s string) (time.Time, bool) {
	s = strings.TrimPrefix(s, "D:")
	s = strings.ReplaceAll(s, "'", "")
	for _, layout := range []string{"20060102150405-0700", "20060102150405Z", "20060102150405"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// checkMetadata: XMP with the identification of both standards, its
// schemas described, and the Info entries in agreement (PDF/A-2 6.6.2,
// 6.6.4; PDF/UA-1 5, 7.1).
func (f *File) checkMetadata(ps *problems) {
	cat := f.catalog()
	md := f.dict(cat["/Metadata"])
	if md != nil && md["/Filter"] != nil {
		ps.add("PDF/A-2 6.6.2.1", "the metadata stream is compressed")
	}
	m, raw, err := f.Metadata()
	if err != nil {
		ps.add("PDF/A-2 6.6.2.1", "XMP: %v", err)
		return
	}
	if !bytes.HasPrefix(raw, []byte("<?xpacket begin=")) || bytes.Contains(raw[:min(len(raw), 100)], []byte("bytes=")) || bytes.Contains(raw[:min(len(raw), 100)], []byte("encoding=")) {
		ps.add("PDF/A-2 6.6.2.1", "the XMP packet header is not as required")
	}
	want := map[string]string{"pdfaid:part": "2", "pdfaid:conformance": "U", "pdfuaid:part": "1"}
	for k, v := range want {
		if m.Props[k] != v {
			ps.add("PDF/A-2 6.6.4 / PDF/UA-1 5", "XMP %s is %q, want %q", k, m.Props[k], v)
		}
	}
	found := false
	for _, e := range m.Extensions {
		found = found || e == "pdfuaid"
	}
	if !found {
		ps.add("PDF/A-2 6.6.2.3.1", "the pdfuaid schema is not described by a PDF/A extension schema")
	}
	if m.Props["dc:title"] == "" {
		ps.add("PDF/UA-1 7.1", "XMP has no dc:title")
	}
	info := f.dict(f.trailer["/Info"])
	pairs := [][2]string{{"/Title", "dc:title"}, {"/Author", "dc:creator"}, {"/Subject", "dc:description"},
		{"/Keywords", "pdf:Keywords"}, {"/Creator", "xmp:CreatorTool"}, {"/Producer", "pdf:Producer"}}
	for _, p := range pairs {
		if iv, xv := text(info[p[0]]), m.Props[p[1]]; iv != xv {
			ps.add("PDF/A-2 6.6.2.3.1", "Info %s is %q, XMP %s %q", p[0], iv, p[1], xv)
		}
	}
	for _, p := range [][2]string{{"/CreationDate", "xmp:CreateDate"}, {"/ModDate", "xmp:ModifyDate"}} {
		it, ok1 := pdfDate(text(info[p[0]]))
		xt, err := time.Parse(time.RFC3339, m.Props[p[1]])
		if !ok1 || err != nil || !it.Equal(xt) || !strings.Contains(text(info[p[0]]), "+") && !strings.HasSuffix(text(info[p[0]]), "Z") {
			ps.add("PDF/A-2 6.6.2.3.1", "Info %s %q and XMP %s %q disagree (or lack a time zone)", p[0], text(info[p[0]]), p[1], m.Props[p[1]])
		}
	}
}

// checkOutputIntent: an sRGB output intent whose profile PDF/A-2 accepts
// (6.2.3): ICC ≤ 4.2, class mntr or prtr, RGB with /N 3.
func (f *File) checkOutputIntent(ps *problems) {
	ois := f.array(f.catalog()["/OutputIntents"])
	if len(ois) != 1 {
		ps.add("PDF/A-2 6.2.3", "%d output intents, want one", len(ois))
		return
	}
	oi := f.dict(ois[0])
	if name(oi["/S"]) != "GTS_PDFA1" || text(oi["/OutputConditionIdentifier"]) == "" || oi["/DestOutputProfileRef"] != nil {
		ps.add("PDF/A-2 6.2.3", "the output intent is not a GTS_PDFA1 one: %v", oi)
	}
	prof := f.dict(oi["/DestOutputProfile"])
	data, ok := f.streamData(oi["/DestOutputProfile"])
	if prof == nil || !ok || len(data) < 128 {
		ps.add("PDF/A-2 6.2.3", "no ICC profile")
		return
	}
	if n, _ := number(prof["/N"]); n != 3 || string(data[16:20]) != "RGB " {
		ps.add("PDF/A-2 6.2.3", "the profile is not RGB with /N 3")
	}
	if data[8] > 4 || data[8] == 4 && data[9] > 0x20 {
		ps.add("PDF/A-2 6.2.3", "ICC version %d.%x is newer than 4.2", data[8], data[9])
	}
	if c := string(data[12:16]); c != "mntr" && c != "prtr" {
		ps.add("PDF/A-2 6.2.3", "ICC device class %q", c)
	}
}

// checkFonts: every font of every page embedded, a subset with its tag,
// with a ToUnicode map (PDF/A-2 6.2.11.4, 6.2.11.7.2; PDF/UA-1 7.21).
func (f *File) checkFonts(ps *problems) {
	seen := map[any]bool{}
	for i, p := range f.pages {
		res := f.dict(f.dict(p)["/Resources"])
		for _, ref := range f.dict(res["/Font"]) {
			if seen[ref] {
				continue
			}
			seen[ref] = true
			font := f.dict(ref)
			base := name(font["/BaseFont"])
			desc := font
			if name(font["/Subtype"]) == "Type0" {
				kids := f.array(font["/DescendantFonts"])
				if len(kids) != 1 {
					ps.add("ISO 32000-1 9.7.1", "page %d: font %s has no descendant font", i+1, base)
					continue
				}
				desc = f.dict(kids[0])
				if cid := desc["/CIDToGIDMap"]; name(desc["/Subtype"]) == "CIDFontType2" && cid == nil {
					ps.add("PDF/A-2 6.2.11.3.2", "font %s has no CIDToGIDMap", base)
				}
			}
			fd := f.dict(desc["/FontDescriptor"])
			if fd == nil || fd["/FontFile"] == nil && fd["/FontFile2"] == nil && fd["/FontFile3"] == nil {
				ps.add("PDF/A-2 6.2.11.4.1", "font %s is not embedded", base)
			}
			if len(base) < 8 || base[6] != '+' || strings.ToUpper(base[:6]) != base[:6] {
				ps.add("ISO 32000-1 9.6.4", "font %s is a subset without a subset tag", base)
			} else if fd != nil && name(fd["/FontName"]) != base {
				ps.add("ISO 32000-1 9.8.1", "font %s: its descriptor names %s", base, name(fd["/FontName"]))
			}
			if font["/ToUnicode"] == nil {
				ps.add("PDF/A-2 6.2.11.7.2", "font %s has no ToUnicode map", base)
			}
		}
	}
}

// checkAnnotations: the print flag, no hidden annotation, a /Contents,
// and /Tabs /S on the page (PDF/A-2 6.3.3; PDF/UA-1 7.18.1, 7.18.3,
// 7.18.5).
func (f *File) checkAnnotations(ps *problems) {
	for i, p := range f.pages {
		pg := f.dict(p)
		annots := f.array(pg["/Annots"])
		if len(annots) > 0 && name(pg["/Tabs"]) != "S" {
			ps.add("PDF/UA-1 7.18.3", "page %d has annotations but no /Tabs /S", i+1)
		}
		for _, a := range annots {
			d := f.dict(a)
			fl, _ := number(d["/F"])
			flags := int(fl)
			if flags&4 == 0 || flags&(1|2|32|256) != 0 {
				ps.add("PDF/A-2 6.3.3", "page %d: annotation flags %d (print must be set, hidden/invisible/noview clear)", i+1, flags)
			}
			if st := name(d["/Subtype"]); st != "Link" {
				ps.add("PDF/A-2 6.3.1", "page %d: annotation of type %s", i+1, st)
			}
			if strings.TrimSpace(text(d["/Contents"])) == "" {
				ps.add("PDF/UA-1 7.18.5", "page %d: a link annotation without /Contents", i+1)
			}
			if act := f.dict(d["/A"]); act != nil && name(act["/S"]) != "URI" && name(act["/S"]) != "GoTo" {
				ps.add("PDF/A-2 6.5.1", "page %d: action %s", i+1, name(act["/S"]))
			}
		}
	}
}
