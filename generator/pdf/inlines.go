package pdf

import (
	"bytes"
	"net/url"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"

	"trustdocs/generator/links"
	"trustdocs/generator/redline"
)

// inlineState collects the runs of one block (paragraph, heading, cell).
type inlineState struct {
	base                 style
	runs                 []run
	bold, italic, strike int
	ins, del             int   // depth of redline insertions and deletions
	links                []int // stack of link indexes (1-based)
}

func (s *inlineState) style(t *theme) style {
	st := s.base
	if s.bold > 0 {
		st.face |= faceBold
	}
	if s.italic > 0 {
		st.face |= faceItalic
	}
	if n := len(s.links); n > 0 && s.links[n-1] > 0 {
		st.link = s.links[n-1]
		st.color = t.link
	}
	st.strike = s.strike > 0
	switch {
	case s.del > 0:
		st.mark, st.color = markDelete, t.deleted
	case s.ins > 0:
		st.mark, st.color = markInsert, t.inserted
	}
	return st
}

func (d *document) beginInline(base style) { d.inl = &inlineState{base: base} }

func (d *document) endInline() []run {
	if d.inl == nil {
		return nil
	}
	runs := d.inl.runs
	d.inl = nil
	return runs
}

func (d *document) addText(s string, code bool) {
	if d.inl == nil || s == "" {
		return
	}
	st := d.inl.style(&d.t)
	if code {
		st.face = faceMono | st.face&(faceBold|faceItalic)
		st.size *= 0.88
	}
	d.inl.runs = append(d.inl.runs, run{text: s, st: st, line: d.line, rigid: code})
}

func (d *document) addBreak() {
	if d.inl != nil {
		d.inl.runs = append(d.inl.runs, run{brk: true, line: d.line})
	}
}

func (r *nodeRenderer) text(_ util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Text)
	d := r.d
	d.line = d.lineOf(n.Segment.Start)
	v := n.Value(src)
	if n.IsRaw() {
		d.addText(string(v), false)
	} else {
		d.addText(d.plain.Text(v), false)
	}
	switch {
	case n.HardLineBreak():
		d.addBreak()
	case n.SoftLineBreak():
		d.addText(" ", false)
	}
	return ast.WalkContinue, nil
}

func (r *nodeRenderer) str(_ util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		n := node.(*ast.String)
		if n.IsCode() || n.IsRaw() {
			r.d.addText(string(n.Value), n.IsCode())
		} else {
			r.d.addText(r.d.plain.Text(n.Value), false)
		}
	}
	return ast.WalkContinue, nil
}

func (r *nodeRenderer) codeSpan(_ util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	var b strings.Builder
	for c := node.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			r.d.line = r.d.lineOf(t.Segment.Start)
			b.Write(bytes.TrimSuffix(t.Value(src), []byte("\n")))
			if t.SoftLineBreak() || bytes.HasSuffix(t.Value(src), []byte("\n")) {
				b.WriteByte(' ')
			}
		}
	}
	r.d.addText(b.String(), true)
	return ast.WalkSkipChildren, nil
}

func (r *nodeRenderer) emphasis(_ util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	s := r.d.inl
	if s == nil {
		return ast.WalkContinue, nil
	}
	step := 1
	if !entering {
		step = -1
	}
	if node.(*ast.Emphasis).Level >= 2 {
		s.bold += step
	} else {
		s.italic += step
	}
	return ast.WalkContinue, nil
}

func (r *nodeRenderer) strikethrough(_ util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	if s := r.d.inl; s != nil {
		if entering {
			s.strike++
		} else {
			s.strike--
		}
	}
	return ast.WalkContinue, nil
}

// mark is a redline insertion or deletion (generator/redline): its text
// is drawn in the insertion or deletion colour, underlined or struck
// through, with a change bar in the margin beside each of its lines.
func (r *nodeRenderer) mark(_ util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	s := r.d.inl
	if s == nil {
		return ast.WalkContinue, nil
	}
	step := 1
	if !entering {
		step = -1
	}
	if p := node.PreviousSibling(); entering && p != nil && p.Kind() == redline.KindDelete {
		// A space between a replaced word and its replacement, so that
		// they read (and extract) as two words.
		r.d.addText(" ", false)
	}
	if node.Kind() == redline.KindDelete {
		s.del += step
	} else {
		s.ins += step
	}
	return ast.WalkContinue, nil
}

func (r *nodeRenderer) link(_ util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	s := r.d.inl
	if s == nil {
		return ast.WalkContinue, nil
	}
	if entering {
		s.links = append(s.links, r.d.linkTo(string(node.(*ast.Link).Destination)))
	} else if len(s.links) > 0 {
		s.links = s.links[:len(s.links)-1]
	}
	return ast.WalkContinue, nil
}

func (r *nodeRenderer) autoLink(_ util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	s := r.d.inl
	if !entering || s == nil {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.AutoLink)
	dest := string(n.URL(src))
	if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(dest), "mailto:") {
		dest = "mailto:" + dest
	}
	s.links = append(s.links, r.d.linkTo(dest))
	r.d.addText(string(n.Label(src)), false)
	s.links = s.links[:len(s.links)-1]
	return ast.WalkSkipChildren, nil
}

// image: the PDF has no image files to embed; the alt text stands in.
func (r *nodeRenderer) image(_ util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	s := r.d.inl
	if s == nil {
		return ast.WalkSkipChildren, nil
	}
	if entering {
		r.d.warn.add(r.d.line, "image %q is not supported in PDF; its description is printed instead", node.(*ast.Image).Destination)
		s.italic++
	} else {
		s.italic--
	}
	return ast.WalkContinue, nil
}

var brTag = regexp.MustCompile(`(?i)^<br\s*/?>$`)

func (r *nodeRenderer) rawHTML(_ util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*ast.RawHTML)
	var b []byte
	for i := range n.Segments.Len() {
		seg := n.Segments.At(i)
		b = append(b, seg.Value(src)...)
	}
	switch {
	case brTag.Match(bytes.TrimSpace(b)):
		r.d.addBreak()
	case bytes.HasPrefix(b, []byte("<!--")):
	default:
		r.d.warn.add(r.d.line, "raw HTML %q is left out of the PDF", shorten(string(b), 40))
	}
	return ast.WalkSkipChildren, nil
}

func shorten(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// linkTo registers a link destination and returns its 1-based index, or 0
// when the link cannot be followed from a PDF (relative paths, unknown
// anchors, script URLs).
func (d *document) linkTo(dest string) int {
	if strings.HasPrefix(dest, "#") {
		id := dest[1:]
		if u, err := url.PathUnescape(id); err == nil {
			id = u
		}
		h, ok := d.anchors[id]
		if !ok {
			d.warn.addNear(d.line, "]("+dest, "link to %q: no heading has this id", dest)
			return 0
		}
		d.links = append(d.links, linkTarget{head: h})
		return len(d.links)
	}
	safe := links.Safe(dest)
	if safe == "" {
		if u, err := url.Parse(strings.TrimSpace(dest)); err == nil && u.Scheme != "" {
			d.warn.addNear(d.line, dest, "link with %s: URL is not made clickable", u.Scheme)
		}
		return 0
	}
	d.links = append(d.links, linkTarget{url: safe, head: -1})
	return len(d.links)
}

// plainText is the text of an inline subtree, for headings' titles and IDs.
func (d *document) plainText(n ast.Node) string {
	var b strings.Builder
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				if c.IsRaw() {
					b.Write(c.Value(d.src))
				} else {
					b.WriteString(d.plain.Text(c.Value(d.src)))
				}
				if c.SoftLineBreak() || c.HardLineBreak() {
					b.WriteByte(' ')
				}
			case *ast.String:
				b.Write(c.Value)
			case *ast.AutoLink:
				b.Write(c.Label(d.src))
			case *ast.RawHTML, *redline.Delete:
			default:
				walk(c)
			}
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// hasKind reports whether the subtree of n holds a node of kind k.
func hasKind(n ast.Node, k ast.NodeKind) bool {
	found := false
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && c.Kind() == k {
			found = true
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}
