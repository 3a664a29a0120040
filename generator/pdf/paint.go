package pdf

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

// finishBody drops the empty page a document without content leaves.
func (d *document) finishBody() {
	for len(d.body.frames) > 0 {
		d.body.closeFrame()
	}
	d.body.flushFloats()
	if p := d.body.pages; len(p) == 1 && len(p[0].ops) == 0 && len(p[0].under) == 0 {
		d.body.pages = nil
	}
}

// paint draws cover, contents and body pages with fpdf and returns the
// file. Page numbers are physical: the cover is page 1.
func (d *document) paint() ([]byte, error) {
	var toc []*page
	var nums []tocNumber
	if d.hasContents {
		toc, nums = d.contents()
	}
	var pages []*page
	if d.cover {
		pages = append(pages, d.coverPage())
	}
	covers := len(pages) // pages without running header and footer
	pages = append(pages, toc...)
	pages = append(pages, d.body.pages...)
	total := len(pages)
	first := covers + len(toc) // body page i is page first+i+1
	for _, n := range nums {
		s := fmt.Sprint(first + d.heads[n.head].page + 1)
		st := n.st
		toc[n.page].ops = append(toc[n.page].ops, op{kind: opText, face: st.face, size: st.size, color: st.color,
			x: d.t.left + d.t.textWidth() - d.m.width(s, st), y: n.base, s: s, tag: n.tag})
	}

	doc := fpdf.New("P", "pt", "A4", "")
	d.setInfo(doc)
	p := painter{doc: doc, fonts: d.fonts, mk: marker{doc: doc, tags: d.tags}}
	heads := make([]dest, len(d.heads))
	for i, h := range d.heads {
		heads[i] = dest{page: first + h.page, y: max(0, h.y-6)}
	}
	wm, err := d.watermark()
	if err != nil {
		return nil, err
	}
	for i, pg := range pages {
		doc.AddPage()
		p.page = i
		p.mk.startPage(i)
		p.draw(pg.under, d.links, heads)
		if wm != nil {
			p.mk.art = artWatermark
			p.draw([]op{*wm}, d.links, heads)
		}
		if i >= covers {
			p.mk.art = artPagination
			p.draw(d.furniture(i+1, total), d.links, heads)
		}
		p.mk.art = artLayout
		p.draw(pg.ops, d.links, heads)
		p.draw(d.changeBars(pg.bars), d.links, heads)
		p.mk.close()
		if p.err != nil {
			return nil, p.err
		}
	}
	_, pageH := doc.GetPageSize()
	return output(doc, &archive{meta: d.meta, fonts: d.fonts, tags: d.tags, marks: p.mk.pages, annots: p.annots, pageH: pageH})
}

// changeBars merges the extents of changed lines into bars in the left
// margin, one per run of lines that touch.
func (d *document) changeBars(bars [][2]float64) []op {
	if len(bars) == 0 {
		return nil
	}
	bars = slices.Clone(bars)
	slices.SortFunc(bars, func(a, b [2]float64) int { return cmp.Compare(a[0], b[0]) })
	var ops []op
	x := d.t.left - d.t.barGap - d.t.barW
	cur := bars[0]
	flush := func() {
		ops = append(ops, op{kind: opFill, x: x, y: cur[0], w: d.t.barW, h: cur[1] - cur[0], color: d.t.changeBar})
	}
	for _, b := range bars[1:] {
		if b[0] <= cur[1]+0.5 {
			cur[1] = max(cur[1], b[1])
			continue
		}
		flush()
		cur = b
	}
	flush()
	return ops
}

// setInfo writes the document information and the settings that make the
// bytes reproducible: fixed dates, sorted catalogues. Pages are written
// uncompressed; paint compresses them (compressStreams).
func (d *document) setInfo(doc *fpdf.Fpdf) {
	doc.SetAutoPageBreak(false, 0)
	doc.SetCellMargin(0) // justified runs are cells (justify.go)
	doc.SetMargins(0, 0, 0)
	doc.SetCompression(false)
	doc.SetCatalogSort(true)
	created := d.meta.Created
	if created.IsZero() {
		created = time.Unix(0, 0)
	}
	doc.SetCreationDate(created.UTC())
	doc.SetModificationDate(created.UTC())
	doc.SetCreator("trustdocs", true)
	doc.SetProducer("trustdocs", true)
	doc.SetTitle(pdfString(d.meta.Title), true)
	doc.SetAuthor(pdfString(d.meta.Author), true)
	doc.SetSubject(pdfString(d.meta.Subject), true)
	doc.SetKeywords(pdfString(d.meta.Keywords), true)
	doc.SetLang(langTag(d.meta.Lang))
	doc.SetDisplayMode("default", "continuous")
}

// langTag keeps a BCP 47 tag's letters, digits and hyphens: fpdf writes
// /Lang without escaping.
func langTag(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '-' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// painter replays ops on fpdf, setting font, colours and line width only
// when they change, and adding a face to the document when first used.
type painter struct {
	doc   *fpdf.Fpdf
	fonts *Fonts
	added [numFaces]bool
	err   error

	addedSymbol bool

	face      faceID
	size      float64
	hasFont   bool
	fill      rgb
	hasFill   bool
	stroke    rgb
	hasStroke bool
	width     float64

	used [numFaces]*runeSet // runes each face has drawn (justify.go)
	buf  []byte             // scratch of justified

	mk     marker  // marked content (tagger.go)
	page   int     // 0-based
	annots []annot // link annotations, for archive.go
}

// text draws a text op, the characters its face lacks in the symbol face.
func (p *painter) text(o op) {
	if o.n > 0 { // a justified run (justify.go): o.n spaces, o.w wide
		p.justified(o)
		return
	}
	if !strings.ContainsFunc(o.s, func(r rune) bool { return p.fonts.fallback(o.face, r) }) {
		p.setFont(o.face, o.size)
		p.setFill(o.color)
		p.doc.Text(o.x, o.y, o.s)
		return
	}
	x, start := o.x, 0
	flush := func(end int, symbol bool) {
		if end <= start {
			return
		}
		part := o.s[start:end]
		if symbol {
			p.setSymbol(o.size)
		} else {
			p.setFont(o.face, o.size)
		}
		p.setFill(o.color)
		p.doc.Text(x, o.y, part)
		for _, r := range part {
			m := p.fonts.faces[o.face].m
			if symbol {
				m = p.fonts.symbol.m
			}
			x += float64(m.Width(r)) * o.size / 1000
		}
		start = end
	}
	inSymbol := false
	for i, r := range o.s {
		if fb := p.fonts.fallback(o.face, r); fb != inSymbol {
			flush(i, inSymbol)
			inSymbol = fb
		}
	}
	flush(len(o.s), inSymbol)
}

// setSymbol selects the symbol face.
func (p *painter) setSymbol(size float64) {
	if !p.addedSymbol {
		if err := p.fonts.addSymbol(p.doc); err != nil && p.err == nil {
			p.err = err
		}
		p.addedSymbol = true
	}
	p.doc.SetFont(symbolFamily, "", size)
	p.hasFont = false // the next setFont sets its face again
}

func (p *painter) setFont(id faceID, size float64) {
	if p.hasFont && p.face == id && p.size == size {
		return
	}
	if !p.added[id] {
		if err := p.fonts.addFace(p.doc, id); err != nil && p.err == nil {
			p.err = err
		}
		p.added[id] = true
	}
	p.doc.SetFont(id.family(), id.style(), size)
	p.face, p.size, p.hasFont = id, size, true
}

// setFill sets the fill colour, which PDF also uses for text; text and
// fill colour are kept equal so that fpdf does not wrap every text in q/Q.
func (p *painter) setFill(c rgb) {
	if p.hasFill && p.fill == c {
		return
	}
	p.doc.SetTextColor(int(c.r), int(c.g), int(c.b))
	p.doc.SetFillColor(int(c.r), int(c.g), int(c.b))
	p.fill, p.hasFill = c, true
}

func (p *painter) setStroke(c rgb, w float64) {
	if !p.hasStroke || p.stroke != c {
		p.doc.SetDrawColor(int(c.r), int(c.g), int(c.b))
		p.stroke = c
	}
	if !p.hasStroke || p.width != w {
		p.doc.SetLineWidth(w)
		p.width = w
	}
	p.hasStroke = true
}

func (p *painter) draw(ops []op, links []linkTarget, heads []dest) {
	for _, o := range ops {
		p.mark(&o)
		switch o.kind {
		case opText:
			p.text(o)
		case opFill:
			p.setFill(o.color)
			p.doc.Rect(o.x, o.y, o.w, o.h, "F")
		case opLine:
			p.setStroke(o.color, o.size)
			p.doc.Line(o.x, o.y, o.w, o.h)
		case opLink, opLinkDest:
			p.link(o, links, heads)
		case opClip:
			p.doc.ClipRect(o.x, o.y, o.w, o.h, false)
		case opClipEnd:
			p.doc.ClipEnd()
			// Q restored the font, colours and line width of before the clip.
			p.hasFont, p.hasFill, p.hasStroke = false, false, false
		case opPath:
			p.setFill(o.color)
			if o.size < 1 {
				p.doc.SetAlpha(o.size, "Normal")
			}
			for _, s := range o.path {
				switch s.kind {
				case 'M':
					p.doc.MoveTo(s.x, s.y)
				case 'L':
					p.doc.LineTo(s.x, s.y)
				case 'C':
					p.doc.CurveBezierCubicTo(s.c1x, s.c1y, s.c2x, s.c2y, s.x, s.y)
				case 'Z':
					p.doc.ClosePath()
				}
			}
			p.doc.DrawPath("F")
			if o.size < 1 {
				p.doc.SetAlpha(1, "Normal")
			}
		case opBox, opStroke, opTextUp:
			p.shape(o)
		case opBookmark:
			// fpdf encodes the title as UTF-16 only while a UTF-8 font is current.
			if !p.hasFont {
				p.setFont(0, 10)
			}
			p.doc.Bookmark(o.s, o.n, o.y)
		}
	}
}
