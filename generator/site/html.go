package site

import (
	"bytes"
	"fmt"
	"html/template"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"trustdocs/generator/hyphen"
	"trustdocs/generator/links"
	"trustdocs/generator/markdown"
	"trustdocs/generator/redline"
)

// body is a document's Markdown rendered as HTML, with its headings.
type body struct {
	HTML     template.HTML
	Headings []markdown.Heading // IDs as in the HTML: unique, furniture IDs avoided
	Deleted  map[string]bool    // redline: IDs of the headings deleted as a whole
}

// bodyOptions are what the body renderer needs from the page around it.
type bodyOptions struct {
	// SectionLink gives the accessible name of a heading's self-link from
	// the heading's number and title (a message of the theme).
	SectionLink func(number, title string) (string, error)
	// Reserved are the IDs the page's layout uses itself.
	Reserved map[string]bool
	// Lang is the document's language: its hyphenation patterns give
	// long words in table cells their soft hyphens.
	Lang string
	// Redline parses the CriticMarkup of change reports, {++inserted++}
	// and {--deleted--}, into <ins> and <del>; headings are named in the
	// contents by their new text.
	Redline bool
	// ColumnHeads are the headers of Anlage 1's two-column table
	// (Technische | Organisatorische Maßnahmen): such a table gets the
	// class "tom-columns" and reads column by column on a phone.
	ColumnHeads [2]string
}

// renderBody renders Markdown with the shared goldmark configuration
// (markdown.New) and the node renderers below, which replace goldmark's
// for every node that could carry markup or a URL from the content:
//
//   - headings: one level below the page's h1, numbered like the PDF, with
//     their {#id} as anchor and a self-link;
//   - links: only http, https, mailto and tel URLs, and #anchors of
//     headings of the same document; any other link (javascript:, data:,
//     relative files) is dropped and its text kept, as in the PDF;
//   - images: their description in italics, as in the PDF (the site has no
//     image files, and the Content-Security-Policy allows none from outside);
//   - raw HTML: left out, but for <br>, as in the PDF;
//   - tables: wrapped for horizontal scrolling, alignment as classes (no
//     style attributes: the Content-Security-Policy forbids them), each
//     cell labelled with its column for the stacked phone layout.
func renderBody(src []byte, opts bodyOptions) (*body, error) {
	md := markdown.New()
	if opts.Redline {
		redline.Extension.Extend(md)
	}
	root := md.Parser().Parse(text.NewReader(src))
	heads := markdown.Headings(root, src)
	var deleted map[*ast.Heading]bool
	if opts.Redline {
		deleted = newTitles(heads, src)
	}

	// Duplicate IDs are invalid HTML: the second heading gets a suffix; its
	// contents entry links there, while #id in the text goes to the first,
	// as in the PDF.
	byNode := map[*ast.Heading]int{}
	first := map[string]string{}
	taken := map[string]bool{}
	for i := range heads {
		h := &heads[i]
		if opts.Reserved[h.ID] {
			return nil, fmt.Errorf("heading %q has the id %q, which the page layout uses itself: give the heading another {#id}", h.Title, h.ID)
		}
		id := h.ID
		for k := 2; taken[id] || opts.Reserved[id]; k++ {
			id = h.ID + "-" + strconv.Itoa(k)
		}
		if _, ok := first[h.ID]; !ok {
			first[h.ID] = id
		}
		taken[id] = true
		h.ID = id
		byNode[h.Node] = i
	}
	r := &htmlRenderer{heads: heads, byNode: byNode, anchors: first, opts: opts, hy: hyphen.For(opts.Lang)}
	md.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(r, 100)))
	var buf bytes.Buffer
	if err := md.Renderer().Render(&buf, src, root); err != nil {
		return nil, err
	}
	if r.err != nil {
		return nil, r.err
	}
	out := &body{HTML: template.HTML(buf.String()), Headings: heads, Deleted: map[string]bool{}}
	for _, h := range heads {
		if deleted[h.Node] {
			out.Deleted[h.ID] = true
		}
	}
	return out, nil
}

// newTitles names headings with deletions by their new text: the title
// without what a {--…--} deleted. A heading deleted as a whole keeps its
// old title and is returned.
func newTitles(heads []markdown.Heading, src []byte) map[*ast.Heading]bool {
	gone := map[*ast.Heading]bool{}
	for i := range heads {
		h := &heads[i]
		var dels []ast.Node
		_ = ast.Walk(h.Node, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if entering && n.Kind() == redline.KindDelete {
				dels = append(dels, n)
				return ast.WalkSkipChildren, nil
			}
			return ast.WalkContinue, nil
		})
		if len(dels) == 0 {
			continue
		}
		// Take the deletions out for a moment to read the rest.
		type place struct{ parent, next, node ast.Node }
		var places []place
		for _, d := range dels {
			places = append(places, place{d.Parent(), d.NextSibling(), d})
			d.Parent().RemoveChild(d.Parent(), d)
		}
		if t := markdown.PlainText(h.Node, src); t != "" {
			h.Title = t
		} else {
			gone[h.Node] = true
		}
		for j := len(places) - 1; j >= 0; j-- {
			pl := places[j]
			if pl.next != nil {
				pl.parent.InsertBefore(pl.parent, pl.next, pl.node)
			} else {
				pl.parent.AppendChild(pl.parent, pl.node)
			}
		}
	}
	return gone
}

type htmlRenderer struct {
	heads   []markdown.Heading
	byNode  map[*ast.Heading]int
	anchors map[string]string // heading ID in the Markdown → HTML id
	opts    bodyOptions
	err     error
	dropped []bool // per open link: whether its <a> was left out
	labels  []string
	col     int
	figures int                // plans drawn so far: their SVG ids are unique on the page
	inCell  bool               // inside a table cell: long words get soft hyphens
	hy      *hyphen.Hyphenator // of opts.Lang
}

func (r *htmlRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, r.heading)
	reg.Register(ast.KindLink, r.link)
	reg.Register(ast.KindAutoLink, r.autoLink)
	reg.Register(ast.KindImage, r.image)
	reg.Register(ast.KindRawHTML, r.rawHTML)
	reg.Register(ast.KindHTMLBlock, r.htmlBlock)
	reg.Register(ast.KindFencedCodeBlock, r.fencedCode)
	reg.Register(east.KindTable, r.table)
	reg.Register(east.KindTableHeader, r.tableHeader)
	reg.Register(east.KindTableRow, r.tableRow)
	reg.Register(east.KindTableCell, r.tableCell)
	reg.Register(ast.KindText, r.text)
}

func (r *htmlRenderer) heading(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	i, ok := r.byNode[node.(*ast.Heading)]
	if !ok { // every heading was numbered before rendering; keep going if not
		return ast.WalkContinue, nil
	}
	h := r.heads[i]
	tag := "h" + strconv.Itoa(min(h.Level+1, 6)) // the page's h1 is the document title
	id := template.HTMLEscapeString(h.ID)
	if entering {
		fmt.Fprintf(w, `<%s id="%s">`, tag, id)
		if h.Number != "" {
			fmt.Fprintf(w, `<span class="secnum">%s</span> `, h.Number)
		}
		return ast.WalkContinue, nil
	}
	label := h.Title
	if r.opts.SectionLink != nil {
		l, err := r.opts.SectionLink(h.Number, h.Title)
		if err != nil && r.err == nil {
			r.err = err
		}
		label = l
	}
	fmt.Fprintf(w, ` <a class="anchor" href="#%s" aria-label="%s"></a></%s>`+"\n",
		template.HTMLEscapeString(fragment(h.ID)), template.HTMLEscapeString(label), tag)
	return ast.WalkContinue, nil
}

// fragment escapes an ID for use after "#" in a URL.
func fragment(id string) string {
	return (&url.URL{Fragment: id}).EscapedFragment()
}

// safeHref returns the href a content link may have, or "" to drop it.
func (r *htmlRenderer) safeHref(dest string) string {
	if strings.HasPrefix(dest, "#") {
		id := dest[1:]
		if u, err := url.PathUnescape(id); err == nil {
			id = u
		}
		if html, ok := r.anchors[id]; ok {
			return "#" + fragment(html)
		}
		return ""
	}
	return links.Safe(dest) // one rule for the PDF and the site
}

func (r *htmlRenderer) link(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Link)
	if !entering {
		drop := r.dropped[len(r.dropped)-1]
		r.dropped = r.dropped[:len(r.dropped)-1]
		if !drop {
			w.WriteString("</a>")
		}
		return ast.WalkContinue, nil
	}
	href := r.safeHref(string(n.Destination))
	r.dropped = append(r.dropped, href == "")
	if href == "" {
		return ast.WalkContinue, nil
	}
	fmt.Fprintf(w, `<a href="%s"`, template.HTMLEscapeString(href))
	if n.Title != nil {
		fmt.Fprintf(w, ` title="%s"`, template.HTMLEscapeString(string(n.Title)))
	}
	if !strings.HasPrefix(href, "#") {
		w.WriteString(` rel="noopener noreferrer"`)
	}
	w.WriteByte('>')
	return ast.WalkContinue, nil
}

func (r *htmlRenderer) autoLink(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.AutoLink)
	dest := string(n.URL(src))
	if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(dest), "mailto:") {
		dest = "mailto:" + dest
	}
	label := template.HTMLEscapeString(string(n.Label(src)))
	if href := r.safeHref(dest); href != "" {
		fmt.Fprintf(w, `<a href="%s" rel="noopener noreferrer">%s</a>`, template.HTMLEscapeString(href), label)
	} else {
		w.WriteString(label)
	}
	return ast.WalkSkipChildren, nil
}

func (r *htmlRenderer) image(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		w.WriteString(`<em class="image-alt">`)
	} else {
		w.WriteString(`</em>`)
	}
	return ast.WalkContinue, nil
}

var brTag = regexp.MustCompile(`(?i)^<br\s*/?>$`)

func (r *htmlRenderer) rawHTML(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		n := node.(*ast.RawHTML)
		var b []byte
		for i := range n.Segments.Len() {
			seg := n.Segments.At(i)
			b = append(b, seg.Value(src)...)
		}
		if brTag.Match(bytes.TrimSpace(b)) {
			w.WriteString("<br>")
		}
	}
	return ast.WalkSkipChildren, nil
}

func (r *htmlRenderer) htmlBlock(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
	return ast.WalkSkipChildren, nil
}

func (r *htmlRenderer) table(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		r.labels = r.labels[:0]
		if head := node.FirstChild(); head != nil && head.Kind() == east.KindTableHeader {
			for c := head.FirstChild(); c != nil; c = c.NextSibling() {
				r.labels = append(r.labels, markdown.PlainText(c, src))
			}
		}
		if compactTable(node, src) {
			w.WriteString("<div class=\"table-wrap compact\">\n<table>\n")
		} else if h := r.opts.ColumnHeads; h[0] != "" && len(r.labels) == 2 && r.labels[0] == h[0] && r.labels[1] == h[1] {
			w.WriteString("<div class=\"table-wrap tom-columns\">\n<table>\n")
		} else {
			w.WriteString("<div class=\"table-wrap\">\n<table>\n")
		}
	} else {
		w.WriteString("</table>\n</div>\n")
	}
	return ast.WalkContinue, nil
}

// compactTable reports whether every column but the first holds only short
// cells (a matrix of symbols or numbers): such a table stays a table on a
// phone instead of becoming a stack of cards.
func compactTable(table ast.Node, src []byte) bool {
	cols := 0
	for row := table.FirstChild(); row != nil; row = row.NextSibling() {
		i := 0
		for c := row.FirstChild(); c != nil; c = c.NextSibling() {
			if i > 0 && utf8.RuneCountInString(markdown.PlainText(c, src)) > 8 {
				return false
			}
			i++
		}
		cols = max(cols, i)
	}
	return cols > 2
}

func (r *htmlRenderer) tableHeader(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		w.WriteString("<thead>\n<tr>\n")
	} else {
		w.WriteString("</tr>\n</thead>\n")
		if node.NextSibling() != nil {
			w.WriteString("<tbody>\n")
		}
	}
	r.col = 0
	return ast.WalkContinue, nil
}

func (r *htmlRenderer) tableRow(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		w.WriteString("<tr>\n")
	} else {
		w.WriteString("</tr>\n")
		if node.NextSibling() == nil {
			w.WriteString("</tbody>\n")
		}
	}
	r.col = 0
	return ast.WalkContinue, nil
}

func (r *htmlRenderer) tableCell(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*east.TableCell)
	head := n.Parent().Kind() == east.KindTableHeader
	tag := "td"
	if head {
		tag = "th"
	}
	r.inCell = entering
	if !entering {
		fmt.Fprintf(w, "</%s>\n", tag)
		r.col++
		return ast.WalkContinue, nil
	}
	w.WriteString("<" + tag)
	if head {
		w.WriteString(` scope="col"`)
	}
	if n.Alignment != east.AlignNone {
		fmt.Fprintf(w, ` class="align-%s"`, n.Alignment.String())
	}
	if !head && r.col < len(r.labels) && r.labels[r.col] != "" {
		fmt.Fprintf(w, ` data-label="%s"`, template.HTMLEscapeString(r.labels[r.col]))
	}
	w.WriteByte('>')
	return ast.WalkContinue, nil
}
