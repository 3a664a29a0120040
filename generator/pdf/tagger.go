package pdf

import (
	"strconv"
	"strings"

	"codeberg.org/go-pdf/fpdf"
)

// Tagged PDF (ISO 32000-1, 14.7–14.8; PDF/UA-1, ISO 14289-1, 7.1). While
// the blocks are laid out, the tagger builds the logical structure tree
// (Document, H1–H6, P, L/LI/Lbl/LBody, Table/TR/TH/TD, Figure, Link, TOC)
// and stamps every op with a content slot of the element it belongs to.
// When the ops are painted, the marker wraps each run of ops of one slot
// in a marked-content sequence "/P <</MCID n>> BDC … EMC" and records the
// MCID in the slot; everything without a slot (running header and footer,
// page numbers, watermark, rules, backgrounds, change bars) is marked as
// an /Artifact. archive.go writes the tree and the ParentTree from that.

// structType is a standard structure type (14.8.4), so no RoleMap is needed.
type structType uint8

const (
	structDocument structType = iota
	structH1                  // structH1+level-1 for H2…H6
	structH2
	structH3
	structH4
	structH5
	structH6
	structP
	structL
	structLI
	structLbl
	structLBody
	structTable
	structTR
	structTH
	structTD
	structFigure
	structLink
	structTOC
	structTOCI
	structReference
	structBlockQuote
	structCode
	structCaption
)

var structNames = [...]string{"Document", "H1", "H2", "H3", "H4", "H5", "H6", "P", "L", "LI", "Lbl", "LBody",
	"Table", "TR", "TH", "TD", "Figure", "Link", "TOC", "TOCI", "Reference", "BlockQuote", "Code", "Caption"}

func (s structType) String() string { return structNames[s] }

// headingType is the element of a heading of the given level (1-based).
func headingType(level int) structType { return structH1 + structType(min(max(level, 1), 6)-1) }

// part orders the top-level elements: the cover and the contents are laid
// out after the body (they need its page numbers) but come first.
type part uint8

const (
	partBody part = iota
	partCover
	partContents
)

// tagArtifact in op.tag marks an op as an artifact explicitly; 0 means
// "not yet tagged" (layout.add stamps it with the current slot), and ops
// painted with tag 0 are artifacts too.
const tagArtifact = -1

type element struct {
	typ    structType
	parent int32
	part   part
	kids   []kid
	attr   string // the /A attribute dictionary, e.g. "<</O /Table /Scope /Column>>"
	alt    string // /Alt (Figure), or the /Contents of a Link's annotations
	link   int    // Link: the 1-based document link it stands for (0 for a contents entry)
	text   []string
	annots []int32 // Link: its annotations (indices into the painter's list)
}

// kid is a child element (elem ≥ 0) or a content slot (slot > 0).
type kid struct {
	elem int32
	slot int32
}

// slot is a place in an element's kids for marked content: the MCIDs of
// the ops stamped with it, in the order they are painted.
type slot struct {
	elem int32
	mcrs []mcr
}

type mcr struct{ page, mcid int32 }

type tagger struct {
	elems []element // 0 is the Document
	slots []slot    // 0 is unused
	cur   int32     // current element; -1: what is laid out now is an artifact
	part  part
}

func newTagger() *tagger {
	return &tagger{elems: []element{{typ: structDocument, parent: -1}}, slots: make([]slot, 1)}
}

// begin opens an element as the last child of the current one.
func (t *tagger) begin(typ structType) int32 {
	if t == nil {
		return -1
	}
	if t.cur < 0 {
		return -1 // inside an artifact everything is
	}
	n := int32(len(t.elems))
	t.elems = append(t.elems, element{typ: typ, parent: t.cur, part: t.part})
	t.elems[t.cur].kids = append(t.elems[t.cur].kids, kid{elem: n})
	t.cur = n
	return n
}

// current is the open element, for content laid out later (a float).
func (t *tagger) current() int32 {
	if t == nil {
		return 0
	}
	return t.cur
}

// end closes the current element.
func (t *tagger) end() {
	if t != nil && t.cur > 0 {
		t.cur = t.elems[t.cur].parent
	}
}

// enter makes e the current element and returns the one before, for
// content laid out out of the tree's order (table cells, artifacts).
func (t *tagger) enter(e int32) (prev int32) {
	if t == nil {
		return 0
	}
	prev, t.cur = t.cur, e
	return prev
}

// slot is the content slot for the next op of the current element: its
// last kid if that is content, else a new one, so that text before and
// after a child element (a link in a paragraph) stays in reading order.
func (t *tagger) slot() int32 {
	if t == nil {
		return 0
	}
	if t.cur < 0 {
		return tagArtifact
	}
	e := &t.elems[t.cur]
	if n := len(e.kids); n > 0 && e.kids[n-1].slot > 0 {
		return e.kids[n-1].slot
	}
	s := int32(len(t.slots))
	t.slots = append(t.slots, slot{elem: t.cur})
	e.kids = append(e.kids, kid{elem: -1, slot: s})
	return s
}

// linkSlot is the content slot of the Link element for document link n in
// the current element, opened when the link's first word is laid out
// (each Markdown link has a number of its own).
func (t *tagger) linkSlot(n int) int32 {
	if t == nil {
		return 0
	}
	if t.cur < 0 {
		return tagArtifact
	}
	e := &t.elems[t.cur]
	for k := len(e.kids) - 1; k >= 0; k-- {
		if c := e.kids[k].elem; c >= 0 && t.elems[c].typ == structLink && t.elems[c].link == n {
			prev := t.enter(c)
			s := t.slot()
			t.cur = prev
			return s
		}
	}
	l := t.begin(structLink)
	t.elems[l].link = n
	s := t.slot()
	t.end()
	return s
}

// artifactKind is what ops without a slot are marked as.
type artifactKind uint8

const (
	artLayout     artifactKind = iota // rules, backgrounds, change bars, leaders
	artPagination                     // running header, footer, page numbers
	artWatermark
)

var artifactTags = [...]string{
	"/Artifact <</Type /Layout>> BDC",
	"/Artifact <</Type /Pagination>> BDC",
	"/Artifact <</Type /Pagination /Subtype /Watermark>> BDC",
}

// marker wraps painted ops in marked content (14.6) and records, per
// page, which element each MCID belongs to (the ParentTree's arrays).
type marker struct {
	doc   *fpdf.Fpdf
	tags  *tagger
	art   artifactKind
	open  int32 // 0: none; > 0: slot; < 0: -1-artifactKind
	page  int
	pages [][]int32 // per page: the element of each MCID
	buf   []byte
}

// startPage begins page n (0-based).
func (m *marker) startPage(n int) {
	m.close()
	m.page = n
	for len(m.pages) <= n {
		m.pages = append(m.pages, nil)
	}
}

// mark makes sure the op about to be painted is inside the right sequence.
func (m *marker) mark(o *op) {
	key := int32(-1 - int32(m.art))
	if o.tag > 0 && o.kind != opLine && o.kind != opFill {
		key = o.tag
	}
	if key != m.open {
		m.close()
		m.open = key
		if key < 0 {
			m.doc.RawWriteStr(artifactTags[-1-key])
		} else {
			s := &m.tags.slots[key]
			mcid := int32(len(m.pages[m.page]))
			m.pages[m.page] = append(m.pages[m.page], s.elem)
			s.mcrs = append(s.mcrs, mcr{page: int32(m.page), mcid: mcid})
			m.buf = append(m.buf[:0], '/')
			m.buf = append(m.buf, m.tags.elems[s.elem].typ.String()...)
			m.buf = append(m.buf, " <</MCID "...)
			m.buf = strconv.AppendInt(m.buf, int64(mcid), 10)
			m.buf = append(m.buf, ">> BDC"...)
			m.doc.RawWriteStr(string(m.buf))
		}
	}
	if key > 0 && o.kind == opText {
		if e := &m.tags.elems[m.tags.slots[key].elem]; e.typ == structLink {
			e.text = append(e.text, o.s)
		}
	}
}

// close ends the open sequence, before a clip or at the end of a page:
// marked content and q/Q must nest.
func (m *marker) close() {
	if m.open != 0 {
		m.doc.RawWriteStr("EMC")
		m.open = 0
	}
}

// linkContents is the /Contents of a Link's annotations: its text.
func (t *tagger) linkContents(e int32) string {
	el := &t.elems[e]
	if el.alt != "" {
		return el.alt
	}
	return strings.Join(strings.Fields(strings.Join(el.text, " ")), " ")
}

// mark opens the marked content an op needs before it is painted; around
// a clip it closes the open one, so that marked content and q/Q nest.
func (p *painter) mark(o *op) {
	switch o.kind {
	case opText, opFill, opLine, opPath, opBox, opStroke, opTextUp:
		p.mk.mark(o)
	case opClip, opClipEnd:
		p.mk.close()
	}
}

// link records a link annotation; archive.go writes it with its Link element.
func (p *painter) link(o op, links []linkTarget, heads []dest) {
	if o.tag <= 0 {
		// A link in an artifact (a table header repeated on a later page):
		// an annotation must belong to a Link element (PDF/UA-1 7.18.1),
		// so it is not clickable there; it is on the header's first page.
		return
	}
	a := annot{page: p.page, x: o.x, y: o.y, w: o.w, h: o.h, elem: p.mk.tags.slots[o.tag].elem}
	head := o.n
	if o.kind == opLink {
		if o.n < 1 || o.n > len(links) {
			return
		}
		t := links[o.n-1]
		a.url, head = t.url, t.head
	}
	if a.url == "" {
		if head < 0 || head >= len(heads) {
			return
		}
		a.destPage, a.destY = heads[head].page, heads[head].y
	}
	p.annots = append(p.annots, a)
}

// segTag is the slot of a placed word: an artifact for the hyphen of a
// broken word, else as linkTag.
func (d *document) segTag(st style, s seg) int32 {
	if s.hyphen {
		return tagArtifact
	}
	return d.linkTag(st)
}

// linkTag is the slot for text in style st: its Link's, or 0 (the
// current element's, stamped by layout.add).
func (d *document) linkTag(st style) int32 {
	if st.link > 0 {
		return d.tags.linkSlot(st.link)
	}
	return 0
}

// setAlt sets the current element's alternate description (a Figure's).
func (t *tagger) setAlt(parts ...string) {
	if t == nil || t.cur < 0 {
		return
	}
	var s []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			s = append(s, strings.TrimSuffix(p, "."))
		}
	}
	if len(s) > 0 {
		t.elems[t.cur].alt = capText(pdfString(strings.Join(s, ". ")+"."), maxTextRunes)
	}
}

// beginList opens an L with its numbering (PDF/UA-1 7.6).
func (t *tagger) beginList(ordered bool) {
	if e := t.begin(structL); e > 0 {
		t.elems[e].attr = "<</O /List /ListNumbering /Disc>>"
		if ordered {
			t.elems[e].attr = "<</O /List /ListNumbering /Decimal>>"
		}
	}
}

// beginItem opens an LI with its Lbl and then its LBody, and gives the
// Lbl's slot for the label, which is drawn with the item's first line.
func (t *tagger) beginItem() int32 {
	t.begin(structLI)
	t.begin(structLbl)
	s := t.slot()
	t.end()
	t.begin(structLBody)
	return s
}

// cell adds a TH (with its scope, PDF/UA-1 7.5) or TD to the current row.
func (t *tagger) cell(header bool) int32 {
	typ := structTD
	if header {
		typ = structTH
	}
	e := t.begin(typ)
	if header && e > 0 {
		t.elems[e].attr = "<</O /Table /Scope /Column>>"
	}
	t.end()
	return e
}

// coverTitleSize is the size of the title on the cover, which is its H1.
const coverTitleSize = 26

// beginEntry opens a contents entry, TOCI > Reference > Link, and gives
// the Link's slot; alt is its annotation's /Contents ("1.2 Title").
func (t *tagger) beginEntry(alt string) int32 {
	t.begin(structTOCI)
	t.begin(structReference)
	if e := t.begin(structLink); e > 0 {
		t.elems[e].alt = pdfString(alt)
	}
	return t.slot()
}

func (t *tagger) endEntry() {
	t.end()
	t.end()
	t.end()
}

// spaced is the text of segs[k] with a space after it where a word ends:
// before a gap on the line and at the line's end (unless at a hyphen).
// Justified words are placed one by one, and the structure tree's text
// (what a screen reader reads) has no gaps, only characters; the space
// is drawn after the word, where it shows nothing.
func spaced(segs []seg, k int) string {
	s := segs[k].text
	if s == "" || strings.HasSuffix(s, " ") {
		return s
	}
	if k+1 < len(segs) {
		if segs[k+1].x > segs[k].x+segs[k].w+0.5 && !strings.HasPrefix(segs[k+1].text, " ") {
			return s + " "
		}
		return s
	}
	if r := s[len(s)-1]; r == '-' || strings.HasSuffix(s, "\u00ad") || strings.HasSuffix(s, "‐") {
		return s
	}
	return s + " "
}

// maxTextRunes keeps a text string within PDF/A's limit of 32767 bytes
// (ISO 19005-2, 6.1.13), written as UTF-16 with a byte order mark.
const maxTextRunes = 16000

// capText shortens s to at most n runes, ending in "…" when cut.
func capText(s string, n int) string {
	i := 0
	for k := range s {
		if i == n-1 {
			return s[:k] + "…"
		}
		i++
	}
	return s
}
