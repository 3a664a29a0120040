package pdf

import (
	"bytes"
	"cmp"
	"compress/zlib"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf16"
)

// PDF/A-2u (ISO 19005-2) and PDF/UA-1 (ISO 14289-1) are written into the
// file fpdf gives, by the same pass that compresses its pages
// (compress.go), since fpdf has no API for them:
//   - the header says %PDF-1.7 (PDF/A-2 is based on ISO 32000-1);
//   - the Info dictionary is written anew, with its dates in UTC, and the
//     same values as XMP metadata (6.6.2.3), which also declares
//     pdfaid:part 2, conformance U and pdfuaid:part 1, the latter with the
//     extension schema PDF/A-2 requires for a schema it does not predefine;
//   - the catalogue gets /Metadata, an sRGB OutputIntent (GTS_PDFA1),
//     /MarkInfo, /StructTreeRoot, /Lang and /ViewerPreferences
//     /DisplayDocTitle true; fpdf's own AddOutputIntent is not used (it
//     makes the trailer's /Info point at the ICC stream);
//   - link annotations are objects of their own with the Print flag, a
//     /Contents, a /StructParent and an OBJR from their Link element; pages
//     with annotations get /Tabs /S, pages with marked content /StructParents;
//   - the structure tree (tagger.go) and its ParentTree are appended;
//   - the trailer gets an /ID, the SHA-256 of the file before it, so the
//     same input still gives the same bytes.

//go:embed srgb.icc
var srgbICC []byte // sRGB2014 of the ICC (srgb.icc.LICENSE): ICC v2, class mntr, RGB

var srgbStream = sync.OnceValue(func() []byte {
	var b bytes.Buffer
	if err := deflate(&b, srgbICC); err != nil {
		panic(err) // deflating into memory does not fail
	}
	return b.Bytes()
})

// archive is what the standards need beyond fpdf's output: the document's
// metadata, the structure tree, which element each MCID of each page
// belongs to, and the link annotations.
type archive struct {
	meta   Meta
	fonts  *Fonts
	tags   *tagger
	marks  [][]int32 // per page: the element of each MCID
	annots []annot
	pageH  float64

	// while writing
	root, info  int
	catalogKeep []string // fpdf's catalogue entries that stay (outline, layout)
	pageIndex   map[int]int
	pageAnnots  [][]int
	next        int // next free object number
	treeRoot    int
	parentTree  int
	treeKids    [][2]int // ParentTree leaves: first and last entry
	treeKidObj  []int
	elemObj     []int
	annotObj    []int
	metadata    int
	icc         int
	packed      int               // objects f.count … f.count+packed-1 go into object streams
	objStms     []int             // the object streams
	xref        int               // the cross-reference stream
	fontNames   map[string]string // fpdf's font name → subset tag + PostScript name
	toUnicode   map[int][]byte    // ToUnicode objects written anew: object number → body
}

// annot is a link annotation as the painter met it.
type annot struct {
	page       int // 0-based
	x, y, w, h float64
	url        string // empty for a link to a heading
	destPage   int    // 0-based
	destY      float64
	elem       int32 // its Link element, or -1
}

// dest is where a link to a heading goes: a page (0-based) and the y of the
// heading's top.
type dest struct {
	page int
	y    float64
}

// finishArchive compresses fpdf's output and adds the PDF/A and PDF/UA objects.
func finishArchive(in []byte, a *archive) ([]byte, error) {
	f, err := parseFile(in)
	if err != nil {
		return nil, err
	}
	if a == nil {
		return f.write(nil)
	}
	if err := a.prepare(f); err != nil {
		return nil, err
	}
	return f.write(a)
}

// ref parses "/Key n 0 R" (or "/Key [n 0 R" for a key ending in "[") in b.
func ref(b []byte, key string) (int, bool) {
	if !strings.HasSuffix(key, "[") {
		key += " "
	}
	i := bytes.Index(b, []byte(key))
	if i < 0 {
		return 0, false
	}
	rest := b[i+len(key):]
	j := bytes.Index(rest, []byte(" 0 R"))
	if j < 0 {
		return 0, false
	}
	return atoi(rest[:j])
}

// prepare numbers the new objects.
func (a *archive) prepare(f *pdfFile) error {
	var ok1, ok2 bool
	a.root, ok1 = ref(f.trailer, "/Root")
	a.info, ok2 = ref(f.trailer, "/Info")
	if !ok1 || !ok2 || a.root >= f.count || a.info >= f.count {
		return fmt.Errorf("%w: no /Root or /Info in the trailer", errLayout)
	}
	if len(f.pages) < len(a.marks) {
		return fmt.Errorf("%w: %d pages, %d painted", errLayout, len(f.pages), len(a.marks))
	}
	for _, line := range bytes.Split(f.spans[a.root], []byte("\n")) {
		for _, k := range []string{"/PageLayout ", "/Outlines ", "/PageMode ", "/OpenAction "} {
			if bytes.HasPrefix(line, []byte(k)) {
				a.catalogKeep = append(a.catalogKeep, string(line))
			}
		}
	}
	a.nameFonts(f)
	if err := a.exactToUnicode(f); err != nil {
		return err
	}
	a.pageIndex = make(map[int]int, len(f.pages))
	for i, n := range f.pages {
		a.pageIndex[n] = i
	}
	a.pageAnnots = make([][]int, len(f.pages))
	for i, an := range a.annots {
		a.pageAnnots[an.page] = append(a.pageAnnots[an.page], i)
		if an.elem >= 0 {
			e := &a.tags.elems[an.elem]
			e.annots = append(e.annots, int32(i))
		}
	}
	a.next = f.count
	obj := func() int { a.next++; return a.next - 1 }
	a.treeRoot = obj()
	a.parentTree = obj()
	entries := len(a.marks) + len(a.annots)
	const leaf = 512
	if entries > leaf {
		for lo := 0; lo < entries; lo += leaf {
			a.treeKids = append(a.treeKids, [2]int{lo, min(lo+leaf, entries) - 1})
			a.treeKidObj = append(a.treeKidObj, obj())
		}
	}
	a.elemObj = make([]int, len(a.tags.elems))
	for i := range a.elemObj {
		a.elemObj[i] = obj()
	}
	a.packed = a.next - f.count // the tree, in object streams
	a.annotObj = make([]int, len(a.annots))
	for i := range a.annotObj {
		a.annotObj[i] = obj()
	}
	for k := 0; k < a.packed; k += objStmSize {
		a.objStms = append(a.objStms, obj())
	}
	a.metadata = obj()
	a.icc = obj()
	a.xref = obj()
	return nil
}

func (a *archive) header(h []byte) string {
	if rest, ok := bytes.CutPrefix(h, []byte("%PDF-1.")); ok && len(rest) > 0 {
		return "%PDF-1.7" + string(rest[1:])
	}
	return string(h)
}

// edit writes object n if it is one that changes (Info, catalogue, pages).
func (a *archive) edit(out *bytes.Buffer, f *pdfFile, n int) bool {
	switch n {
	case a.info:
		a.writeInfo(out)
		return true
	case a.root:
		a.writeCatalog(out)
		return true
	}
	if cmap, ok := a.toUnicode[n]; ok {
		out.WriteString(strconv.Itoa(n) + " 0 obj\n")
		out.Write(cmap)
		out.WriteString("endobj\n")
		return true
	}
	i, ok := a.pageIndex[n]
	if !ok {
		return a.renameFont(out, f.spans[n])
	}
	span := f.spans[n]
	at := f.lastLine[n]
	out.Write(span[:at])
	var b []byte
	if i < len(a.marks) && len(a.marks[i]) > 0 {
		b = append(b, "/StructParents "...)
		b = strconv.AppendInt(b, int64(i), 10)
		b = append(b, '\n')
	}
	if an := a.pageAnnots[i]; len(an) > 0 {
		b = append(b, "/Tabs /S\n/Annots ["...)
		for k, j := range an {
			if k > 0 {
				b = append(b, ' ')
			}
			b = appendRef(b, a.annotObj[j])
		}
		b = append(b, "]\n"...)
	}
	out.Write(b)
	out.Write(span[at:])
	return true
}

func appendRef(b []byte, n int) []byte {
	b = strconv.AppendInt(b, int64(n), 10)
	return append(b, " 0 R"...)
}

func appendNum(b []byte, v float64) []byte {
	if v > -0.005 && v < 0.005 {
		v = 0
	}
	return strconv.AppendFloat(b, v, 'f', 2, 64)
}

// created is the document's date in UTC (the Unix epoch when unset).
func (a *archive) created() time.Time {
	if a.meta.Created.IsZero() {
		return time.Unix(0, 0).UTC()
	}
	return a.meta.Created.UTC()
}

// infoEntries are the Info entries and their XMP properties (6.6.2.3.1).
func (a *archive) infoEntries() [][2]string {
	m := a.meta
	return [][2]string{
		{"/Title", pdfString(m.Title)},
		{"/Author", pdfString(m.Author)},
		{"/Subject", pdfString(m.Subject)},
		{"/Keywords", pdfString(m.Keywords)},
		{"/Creator", "trustdocs"},
		{"/Producer", "trustdocs"},
	}
}

func (a *archive) writeInfo(out *bytes.Buffer) {
	b := strconv.AppendInt(nil, int64(a.info), 10)
	b = append(b, " 0 obj\n<<\n"...)
	for _, e := range a.infoEntries() {
		if e[1] == "" {
			continue
		}
		b = append(b, e[0]...)
		b = append(b, ' ')
		b = appendText(b, e[1])
		b = append(b, '\n')
	}
	d := "(D:" + a.created().Format("20060102150405") + "+00'00')"
	b = append(b, "/CreationDate "+d+"\n/ModDate "+d+"\n>>\nendobj\n"...)
	out.Write(b)
}

func (a *archive) writeCatalog(out *bytes.Buffer) {
	b := strconv.AppendInt(nil, int64(a.root), 10)
	b = append(b, " 0 obj\n<<\n/Type /Catalog\n/Pages 1 0 R\n"...)
	if lang := langTag(a.meta.Lang); lang != "" {
		b = append(b, "/Lang ("+lang+")\n"...)
	}
	for _, l := range a.catalogKeep {
		b = append(b, l...)
		b = append(b, '\n')
	}
	b = append(b, "/Metadata "...)
	b = appendRef(b, a.metadata)
	b = append(b, "\n/MarkInfo <</Marked true>>\n/StructTreeRoot "...)
	b = appendRef(b, a.treeRoot)
	b = append(b, "\n/ViewerPreferences <</DisplayDocTitle true>>\n"...)
	b = append(b, "/OutputIntents [<</Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB IEC61966-2.1) /RegistryName (http://www.color.org) /Info (sRGB IEC61966-2.1) /DestOutputProfile "...)
	b = appendRef(b, a.icc)
	b = append(b, ">>]\n>>\nendobj\n"...)
	out.Write(b)
}

// objStmSize is the number of objects in one object stream.
const objStmSize = 1000

// writeTail writes the new objects, the cross-reference stream with the
// trailer's entries, and startxref. The structure elements, the
// ParentTree and the annotations, many small dictionaries, go into
// object streams (ISO 32000-1 7.5.7, allowed by PDF/A-2), which is why
// the file ends in a cross-reference stream instead of a table.
func (a *archive) writeTail(out *bytes.Buffer, f *pdfFile) error {
	offsets := append(f.offsets, make([]int, a.next-f.count)...)
	var b []byte
	var pack bytes.Buffer // the packed objects' bodies, one after the other
	packAt := make([]int, 0, a.packed)
	packing := false // the object begun goes into an object stream
	begin := func(n int) {
		b = b[:0]
		if packing = n >= f.count && n < f.count+a.packed; packing {
			packAt = append(packAt, pack.Len())
			return
		}
		offsets[n] = out.Len()
		b = strconv.AppendInt(b, int64(n), 10)
		b = append(b, " 0 obj\n"...)
	}
	end := func() {
		if packing {
			pack.Write(b)
			pack.WriteByte('\n')
			return
		}
		b = append(b, "\nendobj\n"...)
		out.Write(b)
	}
	pageObj := func(i int32) int { return f.pages[i] }

	begin(a.treeRoot)
	b = append(b, "<</Type /StructTreeRoot /K "...)
	b = appendRef(b, a.elemObj[0])
	b = append(b, " /ParentTree "...)
	b = appendRef(b, a.parentTree)
	b = append(b, " /ParentTreeNextKey "...)
	b = strconv.AppendInt(b, int64(len(a.marks)+len(a.annots)), 10)
	b = append(b, ">>"...)
	end()

	// ParentTree: key i is page i's array of elements by MCID, key
	// len(marks)+j annotation j's Link element.
	nums := func(lo, hi int) {
		b = append(b, "/Nums ["...)
		for k := lo; k <= hi; k++ {
			if k < len(a.marks) && len(a.marks[k]) == 0 {
				continue
			}
			b = strconv.AppendInt(b, int64(k), 10)
			if k < len(a.marks) {
				b = append(b, " ["...)
				for j, e := range a.marks[k] {
					if j > 0 {
						b = append(b, ' ')
					}
					b = appendRef(b, a.elemObj[e])
				}
				b = append(b, "]\n"...)
			} else {
				b = append(b, ' ')
				e := a.annots[k-len(a.marks)].elem
				b = appendRef(b, a.elemObj[max(e, 0)])
				b = append(b, '\n')
			}
		}
		b = append(b, ']')
	}
	begin(a.parentTree)
	if a.treeKids == nil {
		b = append(b, "<<"...)
		nums(0, len(a.marks)+len(a.annots)-1)
		b = append(b, ">>"...)
		end()
	} else {
		b = append(b, "<</Kids ["...)
		for i, n := range a.treeKidObj {
			if i > 0 {
				b = append(b, ' ')
			}
			b = appendRef(b, n)
		}
		b = append(b, "]>>"...)
		end()
		for i, r := range a.treeKids {
			begin(a.treeKidObj[i])
			b = append(b, "<</Limits ["...)
			b = strconv.AppendInt(b, int64(r[0]), 10)
			b = append(b, ' ')
			b = strconv.AppendInt(b, int64(r[1]), 10)
			b = append(b, "] "...)
			nums(r[0], r[1])
			b = append(b, ">>"...)
			end()
		}
	}

	root := a.rootKids()
	for i := range a.tags.elems {
		e := &a.tags.elems[i]
		begin(a.elemObj[i])
		b = append(b, "<</Type /StructElem /S /"...)
		b = append(b, e.typ.String()...)
		b = append(b, " /P "...)
		if i == 0 {
			b = appendRef(b, a.treeRoot)
		} else {
			b = appendRef(b, a.elemObj[e.parent])
		}
		pg := int32(-1)
		for _, k := range e.kids {
			if k.slot > 0 && len(a.tags.slots[k.slot].mcrs) > 0 {
				pg = a.tags.slots[k.slot].mcrs[0].page
				break
			}
		}
		if pg >= 0 {
			b = append(b, " /Pg "...)
			b = appendRef(b, pageObj(pg))
		}
		if e.typ == structFigure && e.alt != "" {
			b = append(b, " /Alt "...)
			b = appendText(b, e.alt)
		}
		if e.attr != "" {
			b = append(b, " /A "...)
			b = append(b, e.attr...)
		}
		kids := e.kids
		if i == 0 {
			kids = root
		}
		b = append(b, " /K ["...)
		sep := func() {
			if b[len(b)-1] != '[' {
				b = append(b, ' ')
			}
		}
		for _, k := range kids {
			if k.slot == 0 {
				sep()
				b = appendRef(b, a.elemObj[k.elem])
				continue
			}
			for _, m := range a.tags.slots[k.slot].mcrs {
				sep()
				if m.page == pg {
					b = strconv.AppendInt(b, int64(m.mcid), 10)
					continue
				}
				b = append(b, "<</Type /MCR /Pg "...)
				b = appendRef(b, pageObj(m.page))
				b = append(b, " /MCID "...)
				b = strconv.AppendInt(b, int64(m.mcid), 10)
				b = append(b, ">>"...)
			}
		}
		for _, j := range e.annots {
			sep()
			b = append(b, "<</Type /OBJR /Obj "...)
			b = appendRef(b, a.annotObj[j])
			b = append(b, " /Pg "...)
			b = appendRef(b, pageObj(int32(a.annots[j].page)))
			b = append(b, ">>"...)
		}
		b = append(b, "]>>"...)
		end()
	}

	for j, an := range a.annots {
		begin(a.annotObj[j])
		y1, y2 := a.pageH-an.y-an.h, a.pageH-an.y
		b = append(b, "<</Type /Annot /Subtype /Link /Rect ["...)
		b = appendNum(b, an.x)
		b = append(b, ' ')
		b = appendNum(b, y1)
		b = append(b, ' ')
		b = appendNum(b, an.x+an.w)
		b = append(b, ' ')
		b = appendNum(b, y2)
		b = append(b, "] /Border [0 0 0] /F 4 /P "...)
		b = appendRef(b, pageObj(int32(an.page)))
		b = append(b, " /StructParent "...)
		b = strconv.AppendInt(b, int64(len(a.marks)+j), 10)
		contents := an.url
		if an.elem >= 0 {
			if c := a.tags.linkContents(an.elem); c != "" {
				contents = c
			}
		}
		if contents != "" {
			b = append(b, " /Contents "...)
			b = appendText(b, capText(contents, maxTextRunes))
		}
		if an.url != "" {
			b = append(b, " /A <</S /URI /URI "...)
			b = appendLiteral(b, an.url)
			b = append(b, ">>"...)
		} else {
			b = append(b, " /Dest ["...)
			b = appendRef(b, pageObj(int32(an.destPage)))
			b = append(b, " /XYZ 0 "...)
			b = appendNum(b, a.pageH-an.destY)
			b = append(b, " null]"...)
		}
		b = append(b, ">>"...)
		end()
	}

	if len(packAt) != a.packed {
		return fmt.Errorf("%w: %d objects packed, %d numbered", errLayout, len(packAt), a.packed)
	}
	body := pack.Bytes()
	for k, n := range a.objStms {
		lo, hi := k*objStmSize, min((k+1)*objStmSize, a.packed)
		var head []byte
		for i := lo; i < hi; i++ {
			head = strconv.AppendInt(head, int64(f.count+i), 10)
			head = append(head, ' ')
			head = strconv.AppendInt(head, int64(packAt[i]-packAt[lo]), 10)
			head = append(head, ' ')
		}
		end := len(body)
		if hi < a.packed {
			end = packAt[hi]
		}
		var z bytes.Buffer
		if err := deflate(&z, append(head, body[packAt[lo]:end]...)); err != nil {
			return err
		}
		offsets[n] = out.Len()
		fmt.Fprintf(out, "%d 0 obj\n<</Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d>>\nstream\n", n, hi-lo, len(head), z.Len())
		out.Write(z.Bytes())
		out.WriteString("\nendstream\nendobj\n")
	}

	x := a.xmp()
	begin(a.metadata)
	b = append(b, "<</Type /Metadata /Subtype /XML /Length "...)
	b = strconv.AppendInt(b, int64(len(x)), 10)
	b = append(b, ">>\nstream\n"...)
	b = append(b, x...)
	b = append(b, "\nendstream"...)
	end()

	icc := srgbStream()
	begin(a.icc)
	b = append(b, "<</N 3 /Length "...)
	b = strconv.AppendInt(b, int64(len(icc)), 10)
	b = append(b, " /Filter /FlateDecode>>\nstream\n"...)
	b = append(b, icc...)
	b = append(b, "\nendstream"...)
	end()

	// The cross-reference stream: W [1 4 2], type 1 (offset) for objects
	// in the file, type 2 (object stream, index) for the packed ones.
	sum := sha256.Sum256(out.Bytes())
	id := hex.EncodeToString(sum[:16])
	xrefAt := out.Len()
	offsets[a.xref] = xrefAt
	rows := make([]byte, 0, 7*len(offsets))
	rows = append(rows, 0, 0, 0, 0, 0, 0xff, 0xff)
	for n := 1; n < len(offsets); n++ {
		if i := n - f.count; i >= 0 && i < a.packed {
			s := a.objStms[i/objStmSize]
			k := i % objStmSize
			rows = append(rows, 2, byte(s>>24), byte(s>>16), byte(s>>8), byte(s), byte(k>>8), byte(k))
			continue
		}
		o := offsets[n]
		rows = append(rows, 1, byte(o>>24), byte(o>>16), byte(o>>8), byte(o), 0, 0)
	}
	var z bytes.Buffer
	if err := deflate(&z, rows); err != nil {
		return err
	}
	fmt.Fprintf(out, "%d 0 obj\n<</Type /XRef /Size %d /W [1 4 2] /Root %d 0 R /Info %d 0 R /ID [<%s> <%s>] /Filter /FlateDecode /Length %d>>\nstream\n",
		a.xref, len(offsets), a.root, a.info, id, id, z.Len())
	out.Write(z.Bytes())
	fmt.Fprintf(out, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", xrefAt)
	return nil
}

// rootKids are the Document's kids in reading order: cover, contents, body.
func (a *archive) rootKids() []kid {
	rank := func(k kid) int {
		if k.slot > 0 {
			return 2
		}
		switch a.tags.elems[k.elem].part {
		case partCover:
			return 0
		case partContents:
			return 1
		}
		return 2
	}
	kids := slices.Clone(a.tags.elems[0].kids)
	slices.SortStableFunc(kids, func(x, y kid) int { return cmp.Compare(rank(x), rank(y)) })
	return kids
}

// appendText writes a text string (7.9.2.2): literal if it is printable
// ASCII, else UTF-16BE with a byte order mark, in hex.
func appendText(b []byte, s string) []byte {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			ascii = false
			break
		}
	}
	if ascii {
		return appendLiteral(b, s)
	}
	b = append(b, "<FEFF"...)
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, "0123456789ABCDEF"[u>>12], "0123456789ABCDEF"[u>>8&15], "0123456789ABCDEF"[u>>4&15], "0123456789ABCDEF"[u&15])
	}
	return append(b, '>')
}

// appendLiteral writes s as a literal string, escaping \ ( ) and line ends.
func appendLiteral(b []byte, s string) []byte {
	b = append(b, '(')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\', '(', ')':
			b = append(b, '\\', c)
		case '\r':
			b = append(b, `\r`...)
		case '\n':
			b = append(b, `\n`...)
		default:
			b = append(b, c)
		}
	}
	return append(b, ')')
}

// xmp is the metadata packet (6.6.2): the Info entries as dc, pdf and xmp
// properties, the PDF/A and PDF/UA identification, and the extension
// schema that describes pdfuaid (not predefined by PDF/A-2).
func (a *archive) xmp() []byte {
	var b strings.Builder
	date := a.created().Format("2006-01-02T15:04:05") + "+00:00"
	b.WriteString("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
	b.WriteString(`<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
 xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"
 xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
 xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
 xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<dc:format>application/pdf</dc:format>
`)
	alt := func(tag, v string) {
		if v != "" {
			b.WriteString("<" + tag + "><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xmlText(v) + "</rdf:li></rdf:Alt></" + tag + ">\n")
		}
	}
	simple := func(tag, v string) {
		if v != "" {
			b.WriteString("<" + tag + ">" + xmlText(v) + "</" + tag + ">\n")
		}
	}
	for _, e := range a.infoEntries() {
		switch e[0] {
		case "/Title":
			alt("dc:title", e[1])
		case "/Author":
			if e[1] != "" {
				b.WriteString("<dc:creator><rdf:Seq><rdf:li>" + xmlText(e[1]) + "</rdf:li></rdf:Seq></dc:creator>\n")
			}
		case "/Subject":
			alt("dc:description", e[1])
		case "/Keywords":
			simple("pdf:Keywords", e[1])
		case "/Creator":
			simple("xmp:CreatorTool", e[1])
		case "/Producer":
			simple("pdf:Producer", e[1])
		}
	}
	if lang := langTag(a.meta.Lang); lang != "" {
		b.WriteString("<dc:language><rdf:Bag><rdf:li>" + lang + "</rdf:li></rdf:Bag></dc:language>\n")
	}
	simple("xmp:CreateDate", date)
	simple("xmp:ModifyDate", date)
	simple("xmp:MetadataDate", date)
	b.WriteString(`<pdfaid:part>2</pdfaid:part>
<pdfaid:conformance>U</pdfaid:conformance>
<pdfuaid:part>1</pdfuaid:part>
<pdfaExtension:schemas>
<rdf:Bag>
<rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property>
<rdf:Seq>
<rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
</rdf:li>
</rdf:Seq>
</pdfaSchema:property>
</rdf:li>
</rdf:Bag>
</pdfaExtension:schemas>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`)
	return []byte(b.String())
}

// xmlText escapes s for XML character data; characters XML does not
// allow become U+FFFD.
func xmlText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r < 0x20 && r != '\t' && r != '\n' || r == 0xFFFE || r == 0xFFFF || r >= 0xD800 && r < 0xE000:
			b.WriteRune('\uFFFD')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Font objects as fpdf writes them, up to the font's name.
var fontHeads = [][]byte{
	[]byte("<</Type /Font\n/Subtype /Type0\n/BaseFont /"),
	[]byte("<</Type /Font\n/Subtype /CIDFontType2\n/BaseFont /"),
	[]byte("<</Type /FontDescriptor /FontName /"),
}

// nameFonts gives each embedded font its subset name (ISO 32000-1,
// 9.6.4): a tag of six capitals, here from the hash of the CIDFont
// object (its widths list the glyphs of the subset), and the face's
// PostScript name: "KQZBWF+LiberationSerif-Bold".
func (a *archive) nameFonts(f *pdfFile) {
	a.fontNames = map[string]string{}
	ps := map[string]string{}
	if a.fonts != nil {
		for i := range a.fonts.faces {
			id := faceID(i)
			w := strings.Fields(a.fonts.faces[i].name)
			n := strings.Join(w[:min(2, len(w))], "")
			if len(w) > 2 {
				n += "-" + strings.Join(w[2:], "")
			}
			ps["utf8"+id.family()+id.style()] = n
		}
	}
	for n := 1; n < f.count; n++ {
		if f.contents[n] {
			continue
		}
		body := f.spans[n][len(strconv.Itoa(n))+len(" 0 obj\n"):]
		rest, ok := bytes.CutPrefix(body, fontHeads[1])
		if !ok {
			continue
		}
		end := bytes.IndexByte(rest, '\n')
		if end < 0 {
			continue
		}
		old := string(rest[:end])
		sum := sha256.Sum256(body)
		tag := make([]byte, 6)
		for i := range tag {
			tag[i] = 'A' + sum[i]%26
		}
		pn := ps[old]
		if pn == "" {
			pn = old
		}
		a.fontNames[old] = string(tag) + "+" + pn
	}
}

// renameFont writes a font object with its subset name, and reports
// whether span was one.
func (a *archive) renameFont(out *bytes.Buffer, span []byte) bool {
	head := bytes.IndexByte(span, '\n') + 1
	for _, h := range fontHeads {
		rest, ok := bytes.CutPrefix(span[head:], h)
		if !ok {
			continue
		}
		end := bytes.IndexAny(rest, "\n ")
		if end < 0 {
			return false
		}
		nn, ok := a.fontNames[string(rest[:end])]
		if !ok {
			return false
		}
		out.Write(span[:head+len(h)])
		out.WriteString(nn)
		out.Write(rest[end:])
		return true
	}
	return false
}

// exactToUnicode replaces fpdf's ToUnicode map of each font, one range
// <0000> <FFFF> for every code (which crosses the first byte, as a CMap
// range must not, ISO 32000-1 9.10.3), by ranges of the codes the subset
// has: those its CIDToGIDMap maps to a glyph. A code is the character's
// UTF-16 value (fpdf's Identity-H encoding), so each range maps to itself.
func (a *archive) exactToUnicode(f *pdfFile) error {
	a.toUnicode = map[int][]byte{}
	body := func(n int) []byte {
		if n <= 0 || n >= f.count || f.contents[n] {
			return nil
		}
		return f.spans[n][len(strconv.Itoa(n))+len(" 0 obj\n"):]
	}
	for n := 1; n < f.count; n++ {
		b := body(n)
		if !bytes.HasPrefix(b, fontHeads[0]) {
			continue
		}
		tu, ok1 := ref(b, "/ToUnicode")
		desc, ok2 := ref(b, "/DescendantFonts [")
		cid := body(desc)
		gm, ok3 := ref(cid, "/CIDToGIDMap")
		m := body(gm)
		if !ok1 || !ok2 || !ok3 || body(tu) == nil || m == nil {
			return fmt.Errorf("%w: font object %d without ToUnicode or CIDToGIDMap", errLayout, n)
		}
		data, err := streamOf(m)
		if err != nil {
			return fmt.Errorf("%w: CIDToGIDMap %d: %v", errLayout, gm, err)
		}
		a.toUnicode[tu] = cmapOf(data)
	}
	return nil
}

// streamOf gives the data of a stream object's body as fpdf writes it,
// "<</Length L/Filter /FlateDecode>>\nstream\n…", inflated.
func streamOf(b []byte) ([]byte, error) {
	i := bytes.Index(b, []byte(">>\nstream\n"))
	j := bytes.Index(b[:max(i, 0)], []byte("/Length "))
	k := j + len("/Length ")
	for j >= 0 && k < i && b[k] >= '0' && b[k] <= '9' {
		k++
	}
	l, ok := 0, false
	if j >= 0 {
		l, ok = atoi(b[j+len("/Length ") : k])
	}
	if i < 0 || !ok || i+len(">>\nstream\n")+l > len(b) {
		return nil, fmt.Errorf("not a stream")
	}
	data := b[i+len(">>\nstream\n"):][:l]
	if !bytes.Contains(b[:i], []byte("/FlateDecode")) {
		return data, nil
	}
	r, err := zlib.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(r)
}

// cmapOf writes a ToUnicode CMap for the codes c with a glyph in the
// CIDToGIDMap m (two bytes per code): bfrange entries that never cross a
// first byte, at most 100 to a block.
func cmapOf(m []byte) []byte {
	var ranges [][2]int
	for c := 1; 2*c+1 < len(m) && c <= 0xFFFF; c++ {
		if m[2*c] == 0 && m[2*c+1] == 0 || c >= 0xD800 && c < 0xE000 {
			continue
		}
		if n := len(ranges); n > 0 && ranges[n-1][1] == c-1 && (c&0xFF) != 0 {
			ranges[n-1][1] = c
			continue
		}
		ranges = append(ranges, [2]int{c, c})
	}
	var b bytes.Buffer
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo\n<</Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	for len(ranges) > 0 {
		k := min(100, len(ranges))
		fmt.Fprintf(&b, "%d beginbfrange\n", k)
		for _, r := range ranges[:k] {
			fmt.Fprintf(&b, "<%04X> <%04X> <%04X>\n", r[0], r[1], r[0])
		}
		b.WriteString("endbfrange\n")
		ranges = ranges[k:]
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend")
	return []byte(fmt.Sprintf("<</Length %d>>\nstream\n%s\nendstream\n", b.Len(), b.Bytes()))
}
