package translate

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"trustdocs/generator/diag"
)

// XLIFF 2.0 (OASIS, http://docs.oasis-open.org/xliff/xliff-core/v2.0/) is
// what translation tools read and write. trustdocs writes one <file> per
// content file, one <unit> per field, and records in the Metadata module
// (mda) what the file was made for: the organisation on every <file>, and
// on every <unit> its state and the hashes of the source and target texts
// as exported. Units are not to be resegmented (canResegment="no"); a
// reader that splits them anyway is understood.
const (
	nsXLIFF = "urn:oasis:names:tc:xliff:document:2.0"
	nsMDA   = "urn:oasis:names:tc:xliff:metadata:2.0"
	// metaCategory names trustdocs' metadata group.
	metaCategory = "trustdocs"
)

// MaxXLIFFSize bounds the XLIFF files read.
const MaxXLIFFSize = 64 << 20

// maxDepth bounds the nesting of XML elements read.
const maxDepth = 64

// Doc is an XLIFF 2.0 document as trustdocs writes and reads it.
type Doc struct {
	SrcLang, TrgLang string
	Files            []*XFile
	Pos              diag.Pos // the <xliff> element
}

// XFile is a <file>: the units of one content file.
type XFile struct {
	ID           string
	Original     string // the content file, relative to the content directory
	Organisation string // the organisation of the content it was made for
	Units        []*XUnit
	Pos          diag.Pos
}

// XUnit is a <unit>: one field.
type XUnit struct {
	ID         string
	State      State  // the trustdocs state at export
	SourceHash string // the hash of the source text at export
	TargetHash string // the hash of the translation at export, "" if it had none
	Note       string // for the translator: what the field is
	Source     string
	Target     string
	HasTarget  bool   // every segment has a <target>
	SegState   string // the least advanced state of its segments: initial, translated, reviewed or final
	Pos        diag.Pos
	TargetPos  diag.Pos // the first <target>, or the unit
}

// Segment states in order of progress.
var segStates = map[string]int{"initial": 0, "translated": 1, "reviewed": 2, "final": 3}

// Translated reports whether the translator marked the unit as done.
func (u *XUnit) Translated() bool { return segStates[u.SegState] >= 1 }

// WriteXLIFF writes doc as XLIFF 2.0.
func WriteXLIFF(w io.Writer, doc *Doc) error {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	fmt.Fprintf(&b, `<xliff xmlns="%s" xmlns:mda="%s" version="2.0" srcLang="%s" trgLang="%s">`+"\n", nsXLIFF, nsMDA, attr(doc.SrcLang), attr(doc.TrgLang))
	for _, f := range doc.Files {
		fmt.Fprintf(&b, `  <file id="%s" original="%s" canResegment="no">`+"\n", attr(f.ID), attr(f.Original))
		writeMeta(&b, "    ", [][2]string{{"organisation", f.Organisation}})
		for _, u := range f.Units {
			fmt.Fprintf(&b, `    <unit id="%s">`+"\n", attr(u.ID))
			writeMeta(&b, "      ", [][2]string{{"state", string(u.State)}, {"source-hash", u.SourceHash}, {"target-hash", u.TargetHash}})
			if u.Note != "" {
				fmt.Fprintf(&b, "      <notes>\n        <note category=\"description\">%s</note>\n      </notes>\n", text(u.Note))
			}
			state := u.SegState
			if state == "" {
				state = "initial"
			}
			fmt.Fprintf(&b, `      <segment state="%s">`+"\n", attr(state))
			fmt.Fprintf(&b, `        <source xml:space="preserve">%s</source>`+"\n", text(u.Source))
			if u.HasTarget {
				fmt.Fprintf(&b, `        <target xml:space="preserve">%s</target>`+"\n", text(u.Target))
			}
			b.WriteString("      </segment>\n    </unit>\n")
		}
		b.WriteString("  </file>\n")
	}
	b.WriteString("</xliff>\n")
	_, err := w.Write(b.Bytes())
	return err
}

func writeMeta(b *bytes.Buffer, indent string, kv [][2]string) {
	fmt.Fprintf(b, "%s<mda:metadata>\n%s  <mda:metaGroup category=\"%s\">\n", indent, indent, metaCategory)
	for _, p := range kv {
		if p[1] != "" {
			fmt.Fprintf(b, "%s    <mda:meta type=\"%s\">%s</mda:meta>\n", indent, attr(p[0]), text(p[1]))
		}
	}
	fmt.Fprintf(b, "%s  </mda:metaGroup>\n%s</mda:metadata>\n", indent, indent)
}

// text escapes character data. Characters XML 1.0 cannot carry become
// XLIFF's <cp hex="…"/>.
func text(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '\r':
			b.WriteString("&#xD;")
		case !xmlChar(r):
			fmt.Fprintf(&b, `<cp hex="%04X"/>`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// attr escapes an attribute value; attribute values hold no markup, so
// characters XML cannot carry are dropped (IDs and language codes never
// have them).
func attr(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"':
			b.WriteString("&quot;")
		case r == '\n':
			b.WriteString("&#xA;")
		case r == '\r':
			b.WriteString("&#xD;")
		case r == '\t':
			b.WriteString("&#x9;")
		case xmlChar(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// xmlChar reports whether XML 1.0 allows r in a document.
func xmlChar(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' ||
		r >= 0x20 && r <= 0xD7FF && r != utf8.RuneError ||
		r >= 0xE000 && r <= 0xFFFD && r != utf8.RuneError ||
		r >= 0x10000 && r <= 0x10FFFF
}

// ReadXLIFF reads an XLIFF 2.0 file. Every problem is reported at its
// position in the file; the document is nil if there was any.
func ReadXLIFF(path string) (*Doc, *diag.List) {
	errs := &diag.List{}
	fi, err := os.Stat(path)
	if err != nil {
		errs.Errorf(diag.At(path), "cannot read the XLIFF file: %v", unwrap(err))
		return nil, errs
	}
	if !fi.Mode().IsRegular() {
		errs.Errorf(diag.At(path), "not a regular file")
		return nil, errs
	}
	if fi.Size() > MaxXLIFFSize {
		errs.Errorf(diag.At(path), "file is too large (%d MiB; at most %d MiB)", fi.Size()>>20, MaxXLIFFSize>>20)
		return nil, errs
	}
	data, err := os.ReadFile(path)
	if err != nil {
		errs.Errorf(diag.At(path), "cannot read the XLIFF file: %v", unwrap(err))
		return nil, errs
	}
	return ParseXLIFF(path, data)
}

func unwrap(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// ParseXLIFF reads XLIFF 2.0 from data; name is the file name for messages.
func ParseXLIFF(name string, data []byte) (*Doc, *diag.List) {
	x := &xreader{name: name, errs: &diag.List{}, dec: xml.NewDecoder(bytes.NewReader(data))}
	x.dec.Strict = true
	doc := x.document()
	if x.errs.HasErrors() {
		return nil, x.errs
	}
	return doc, x.errs
}

type xreader struct {
	name  string
	dec   *xml.Decoder
	errs  *diag.List
	depth int
	pos   diag.Pos // where the last token read began
	fatal bool     // the XML is broken: stop reading
	// rootSeen is set once the root element was read
	rootSeen bool
}

// errFatal stops the reading after an XML syntax error.
var errFatal = errors.New("fatal")

func (x *xreader) errorf(pos diag.Pos, format string, args ...any) {
	x.errs.Errorf(pos, format, args...)
}

// next reads a token, tracking depth and positions.
func (x *xreader) next() (xml.Token, error) {
	line, col := x.dec.InputPos()
	x.pos = diag.Pos{File: x.name, Line: line, Col: col}
	tok, err := x.dec.Token()
	if err != nil {
		if err == io.EOF {
			if x.rootSeen {
				x.errorf(x.pos, "XLIFF file ends early: is it complete?")
			} else {
				x.errorf(diag.At(x.name), "not an XLIFF file: it has no <xliff> element")
			}
		} else {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				x.errorf(diag.Pos{File: x.name, Line: se.Line, Col: 1}, "XML syntax error: %s", se.Msg)
			} else {
				x.errorf(x.pos, "XML error: %v", err)
			}
		}
		x.fatal = true
		return nil, errFatal
	}
	switch tok.(type) {
	case xml.StartElement:
		x.depth++
		if x.depth > maxDepth {
			x.errorf(x.pos, "elements are nested more than %d deep", maxDepth)
			x.fatal = true
			return nil, errFatal
		}
	case xml.EndElement:
		x.depth--
	}
	return tok, nil
}

// children calls fn for each child element of the element just opened,
// until its end; character data between children is ignored.
func (x *xreader) children(fn func(el xml.StartElement, pos diag.Pos) error) error {
	for {
		tok, err := x.next()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if err := fn(t.Copy(), x.pos); err != nil {
				return err
			}
		case xml.EndElement:
			return nil
		}
	}
}

// skip reads past the end of the element just opened.
func (x *xreader) skip() error {
	return x.children(func(xml.StartElement, diag.Pos) error { return x.skip() })
}

func attrOf(el xml.StartElement, space, local string) (string, bool) {
	for _, a := range el.Attr {
		if a.Name.Local == local && a.Name.Space == space {
			return a.Value, true
		}
	}
	return "", false
}

func isCore(el xml.StartElement, local string) bool {
	return el.Name.Space == nsXLIFF && el.Name.Local == local
}

func (x *xreader) document() *Doc {
	doc := &Doc{}
	for {
		tok, err := x.next()
		if err != nil {
			return nil
		}
		el, ok := tok.(xml.StartElement)
		if !ok {
			continue // prolog: declaration, comments, whitespace
		}
		x.rootSeen = true
		doc.Pos = x.pos
		if el.Name.Local != "xliff" || el.Name.Space != nsXLIFF {
			x.errorf(x.pos, "not an XLIFF 2.0 file: the root element is <%s> in namespace %q, want <xliff> in %q", el.Name.Local, el.Name.Space, nsXLIFF)
			return nil
		}
		v, _ := attrOf(el, "", "version")
		if v != "2.0" && v != "2.1" && v != "2.2" {
			x.errorf(x.pos, "XLIFF version %q is not supported: trustdocs reads XLIFF 2.0", v)
		}
		doc.SrcLang, _ = attrOf(el, "", "srcLang")
		doc.TrgLang, _ = attrOf(el, "", "trgLang")
		if doc.SrcLang == "" {
			x.errorf(x.pos, "<xliff> has no srcLang")
		}
		if doc.TrgLang == "" {
			x.errorf(x.pos, "<xliff> has no trgLang: the file holds no translation")
		}
		if err := x.children(func(el xml.StartElement, pos diag.Pos) error {
			if !isCore(el, "file") {
				return x.skip()
			}
			f, err := x.file(el, pos)
			if f != nil {
				doc.Files = append(doc.Files, f)
			}
			return err
		}); err != nil {
			return nil
		}
		return doc
	}
}

func (x *xreader) file(el xml.StartElement, pos diag.Pos) (*XFile, error) {
	f := &XFile{Pos: pos}
	f.ID, _ = attrOf(el, "", "id")
	f.Original, _ = attrOf(el, "", "original")
	err := x.children(func(el xml.StartElement, pos diag.Pos) error {
		switch {
		case el.Name.Space == nsMDA && el.Name.Local == "metadata":
			return x.metadata(func(k, v string) {
				if k == "organisation" {
					f.Organisation = v
				}
			})
		case isCore(el, "unit"):
			u, err := x.unit(el, pos)
			if u != nil {
				f.Units = append(f.Units, u)
			}
			return err
		case isCore(el, "group"):
			return x.group(f)
		}
		return x.skip()
	})
	return f, err
}

// group reads a <group> (a tool may add them) into its file.
func (x *xreader) group(f *XFile) error {
	return x.children(func(el xml.StartElement, pos diag.Pos) error {
		switch {
		case isCore(el, "unit"):
			u, err := x.unit(el, pos)
			if u != nil {
				f.Units = append(f.Units, u)
			}
			return err
		case isCore(el, "group"):
			return x.group(f)
		}
		return x.skip()
	})
}

// metadata reads <mda:metadata>, giving trustdocs' meta entries to fn.
func (x *xreader) metadata(fn func(k, v string)) error {
	return x.children(func(el xml.StartElement, pos diag.Pos) error {
		if el.Name.Space != nsMDA || el.Name.Local != "metaGroup" {
			return x.skip()
		}
		if c, _ := attrOf(el, "", "category"); c != metaCategory {
			return x.skip()
		}
		return x.children(func(el xml.StartElement, pos diag.Pos) error {
			if el.Name.Space != nsMDA || el.Name.Local != "meta" {
				return x.skip()
			}
			typ, _ := attrOf(el, "", "type")
			v, err := x.plainText()
			if err != nil {
				return err
			}
			fn(typ, v)
			return nil
		})
	})
}

// plainText reads the character data of the element just opened; child
// elements are skipped.
func (x *xreader) plainText() (string, error) {
	var b strings.Builder
	for {
		tok, err := x.next()
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.CharData:
			b.Write(t)
		case xml.StartElement:
			if err := x.skip(); err != nil {
				return "", err
			}
		case xml.EndElement:
			return b.String(), nil
		}
	}
}

func (x *xreader) unit(el xml.StartElement, pos diag.Pos) (*XUnit, error) {
	u := &XUnit{Pos: pos, TargetPos: pos, HasTarget: true, SegState: "final"}
	u.ID, _ = attrOf(el, "", "id")
	if u.ID == "" {
		x.errorf(pos, "<unit> has no id")
	}
	segments := 0
	err := x.children(func(el xml.StartElement, pos diag.Pos) error {
		switch {
		case el.Name.Space == nsMDA && el.Name.Local == "metadata":
			return x.metadata(func(k, v string) {
				switch k {
				case "state":
					u.State = State(v)
				case "source-hash":
					u.SourceHash = v
				case "target-hash":
					u.TargetHash = v
				}
			})
		case isCore(el, "segment"), isCore(el, "ignorable"):
			seg := isCore(el, "segment")
			if seg {
				segments++
				st, _ := attrOf(el, "", "state")
				if st == "" {
					st = "initial"
				}
				if _, ok := segStates[st]; !ok {
					x.errorf(pos, "unknown segment state %q: use initial, translated, reviewed or final", st)
				} else if segStates[st] < segStates[u.SegState] {
					u.SegState = st
				}
			}
			var src, trg string
			hasSrc, hasTrg := false, false
			err := x.children(func(el xml.StartElement, pos diag.Pos) error {
				switch {
				case isCore(el, "source"):
					s, err := x.inline()
					src, hasSrc = s, true
					return err
				case isCore(el, "target"):
					if !hasTrg && u.TargetPos == u.Pos {
						u.TargetPos = pos
					}
					s, err := x.inline()
					trg, hasTrg = s, true
					return err
				}
				return x.skip()
			})
			if !hasSrc {
				x.errorf(pos, "<%s> in unit %q has no <source>", el.Name.Local, u.ID)
			}
			u.Source += src
			switch {
			case hasTrg:
				u.Target += trg
			case seg:
				u.HasTarget = false
			default:
				u.Target += src // an ignorable without target: its source (white space) stands
			}
			return err
		}
		return x.skip()
	})
	if segments == 0 {
		x.errorf(pos, "unit %q has no <segment>", u.ID)
		u.HasTarget = false
	}
	return u, err
}

// inline reads the content of <source> or <target>: text, with XLIFF's
// inline elements resolved where a plain text can hold them.
func (x *xreader) inline() (string, error) {
	var b strings.Builder
	for {
		tok, err := x.next()
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.CharData:
			b.Write(t)
		case xml.StartElement:
			pos := x.pos
			switch {
			case isCore(t, "mrk"), isCore(t, "pc"):
				s, err := x.inline() // annotations and paired codes: keep the text they mark
				if err != nil {
					return "", err
				}
				b.WriteString(s)
			case isCore(t, "cp"):
				hex, _ := attrOf(t, "", "hex")
				n, perr := strconv.ParseUint(hex, 16, 32)
				if perr != nil || n > utf8.MaxRune {
					x.errorf(pos, "<cp hex=%q> is not a code point", hex)
				} else {
					b.WriteRune(rune(n))
				}
				if err := x.skip(); err != nil {
					return "", err
				}
			default:
				x.errorf(pos, "inline element <%s> is not supported: trustdocs texts are plain Markdown, write it as text", t.Name.Local)
				if err := x.skip(); err != nil {
					return "", err
				}
			}
		case xml.EndElement:
			return b.String(), nil
		}
	}
}
