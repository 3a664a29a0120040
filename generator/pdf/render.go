package pdf

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"time"

	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"trustdocs/generator/hyphen"
	"trustdocs/generator/markdown"
	"trustdocs/generator/redline"
)

// Meta is what the PDF shows besides the Markdown. All words come from the
// caller (message files), none from this package: cover lines are printed
// as given, so Version is e.g. "Version 1.0" and Date "Stand: 01.12.2026".
type Meta struct {
	// Cover page, top to bottom. Empty lines are left out.
	Title, Subtitle, Organisation, Version, Date, Classification string
	// PDF document information; Lang is the /Lang of the catalogue ("de").
	Author, Subject, Keywords, Lang string
	// Header is the running header on every page but the cover, e.g.
	// "Sicherheitskonzept · Version 1.0"; Classification is repeated at its right.
	Header string
	// Footer is printed at the left of the footer, usually the organisation.
	Footer string
	// PageOf formats the page number at the right of the footer with the
	// page and the page count, e.g. "Seite %d von %d"; default "%d / %d".
	PageOf string
	// ContentsTitle heads the table of contents ("Inhalt"). The table is
	// left out when the document has no headings.
	ContentsTitle string
	// Cover and Contents say whether the document has a cover page and a
	// table of contents: "" or "true" (always), "false" (never) or "auto"
	// (not for a short document: see shortSections and shortPages).
	// Without a cover, the cover's lines head the first page.
	Cover, Contents string
	// Created is the creation and modification date written into the PDF;
	// fixed so that the same input gives the same bytes. Zero means the Unix epoch.
	Created time.Time
	// ChapterNewPage starts every level-1 heading on a new page.
	ChapterNewPage bool
	// Redline parses CriticMarkup marks, as generator/redline writes them:
	// {++inserted++} is drawn underlined in green, {--deleted--} struck
	// through in red, and every line holding a change gets a change bar in
	// the left margin. A heading whose whole text is deleted keeps no
	// number and no entry in the contents, so the numbers are the new
	// version's. Off, the marks are plain text (as in any other document).
	Redline bool
	// Watermark is drawn large, diagonally and light grey across every
	// page, cover included, behind the text, e.g. "ENTWURF" for a draft.
	// It is drawn as outlines, not text, so that it does not mix into
	// the text a reader copies or a search finds. Empty: none.
	Watermark string
	// ColumnHeads are the headers of a two-column table that gets equal
	// halves of the column whatever its content (Anlage 1's Technische |
	// Organisatorische Maßnahmen, as on a GDD form). Empty: none.
	ColumnHeads [2]string
	// finish, if set, replaces finishArchive: tests see fpdf's own file.
	finish func(in []byte, a *archive) ([]byte, error)
}

// Render lays out the Markdown and returns the PDF. Warnings describe input
// the PDF shows differently than written (missing glyphs, raw HTML,
// images); err is only for failures to produce a PDF at all.
func Render(markdown []byte, meta Meta, fonts *Fonts) (pdf []byte, warnings []Warning, err error) {
	if fonts == nil {
		return nil, nil, errors.New("pdf: no fonts; call LoadFonts")
	}
	defer func() {
		// Last line of defence for the "never a panic" promise; the fuzz
		// test calls render directly so that bugs still show up there.
		if r := recover(); r != nil {
			pdf, warnings = nil, nil
			err = fmt.Errorf("pdf: internal error (a bug in the renderer): %v", r)
		}
	}()
	return render(markdown, meta, fonts)
}

// A short document has at most shortSections top-level headings and a
// body of at most shortPages pages; "auto" gives it neither cover nor
// contents. Markdown longer than shortSource is never that short, and is
// not laid out to find out.
const (
	shortSections = 3
	shortPages    = 2
	shortSource   = 24 << 10
)

func render(src []byte, meta Meta, fonts *Fonts) ([]byte, []Warning, error) {
	auto := meta.Cover == "auto" || meta.Contents == "auto"
	var d *document
	var err error
	if auto && len(src) <= shortSource {
		if d, err = layOut(src, meta, fonts, true); err != nil {
			return nil, nil, err
		}
		if !d.short() {
			d = nil // lay it out again, with cover and contents
		}
	}
	if d == nil {
		if d, err = layOut(src, meta, fonts, false); err != nil {
			return nil, nil, err
		}
	}
	out, err := d.paint()
	if err != nil {
		return nil, nil, err
	}
	return out, d.warn.sorted(), nil
}

// layOut lays out the body, for a short document or not (which decides
// on cover and contents where Meta says "auto").
func layOut(src []byte, meta Meta, fonts *Fonts, short bool) (*document, error) {
	d := newDocument(src, meta, fonts)
	d.cover, d.hasContents = furnished(meta.Cover, short), furnished(meta.Contents, short)
	if !d.cover && !d.hasContents {
		d.titleBlock(d.body)
	}
	md := markdown.New()
	if meta.Redline {
		redline.Extension.Extend(md)
	}
	root := md.Parser().Parse(text.NewReader(src))
	d.collectAnchors(root)
	r := renderer.NewRenderer(renderer.WithNodeRenderers(util.Prioritized(&nodeRenderer{d: d}, 100)))
	if err := r.Render(io.Discard, src, root); err != nil {
		return nil, err
	}
	d.finishBody()
	return d, nil
}

// furnished applies a Cover or Contents setting.
func furnished(setting string, short bool) bool {
	switch setting {
	case "false":
		return false
	case "auto":
		return !short
	}
	return true
}

// short reports whether the laid-out document is short (see shortSections).
func (d *document) short() bool {
	top := 0
	for _, h := range d.heads {
		if h.level == 1 && !h.deleted {
			top++
		}
	}
	return top <= shortSections && len(d.body.pages) <= shortPages
}

// document is the state of one Render call.
type document struct {
	t     theme
	meta  Meta
	fonts *Fonts
	segs  []seg // scratch of drawLine
	warn  warnings
	m     measurer
	src   []byte
	lines []int // byte offset of each line start
	line  int   // current source line

	body *layout

	cover, hasContents bool // a cover page; a table of contents

	// block context
	left, right float64 // indents of the current column within the text area
	lists       []listState
	labels      []label // list labels waiting for the first line of their item
	table       *tableState
	quote       int       // depth of block quotes
	keep        *keepMark // the label placed last, if it is the last thing placed
	closing     bool      // the paragraph being set is the last before a heading
	runIn       bool      // the paragraph being set is a bold line heading what follows

	inl *inlineState // non-nil while collecting a block's inline content

	heads    []heading
	nextHead int // index of the next heading the walk will meet
	anchors  map[string]int
	links    []linkTarget
	plain    markdown.Unescaper
	tags     *tagger // the structure tree (tagger.go)

	hy      *hyphen.Hyphenator // of meta.Lang; nil: none
	hyCache map[cutKey][]cut   // hyphenation points by box text, for all breakers
	kpSums  []float64          // the line breaker's scratch
	kpGlues []int32
}

// heading is a numbered heading as the outline and the contents list need it.
type heading struct {
	level  int // effective level, 1-based, never more than one below the previous
	number string
	title  string
	line   int
	page   int // index into body pages
	y      float64
	anchor string
	// deleted: a redline heading whose whole text is deleted; it has no
	// number, no contents entry and no bookmark.
	deleted bool
}

// linkTarget is an external URL or a heading (by index into heads).
type linkTarget struct {
	url  string
	head int // -1 for URLs
}

func newDocument(src []byte, meta Meta, fonts *Fonts) *document {
	d := &document{t: defaultTheme(), meta: meta, fonts: fonts, src: src}
	d.m = measurer{fonts: fonts, warn: &d.warn}
	d.hy, d.hyCache = hyphen.For(meta.Lang), map[cutKey][]cut{}
	d.lines = append(d.lines, 0)
	for i, c := range src {
		if c == '\n' {
			d.lines = append(d.lines, i+1)
		}
	}
	d.body = newLayout(&d.t)
	d.tags = newTagger()
	d.body.tg = d.tags
	return d
}

// lineOf returns the 1-based line of a byte offset.
func (d *document) lineOf(off int) int {
	if off < 0 {
		return d.line
	}
	return sort.SearchInts(d.lines, off+1)
}

// column is the x and width of the current text column. Deep nesting
// stops indenting at 60 % of the text width so a column never vanishes.
func (d *document) column() (x, w float64) {
	tw := d.t.textWidth()
	left := min(d.left, 0.6*tw)
	return d.t.left + left, tw - left - min(d.right, 0.2*tw)
}

func (d *document) newBreaker() *breaker {
	return &breaker{m: &d.m, hy: d.hy, cache: d.hyCache, sums: &d.kpSums, glues: &d.kpGlues}
}
