package redline

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// baseMarkdown is the configuration the documents are written for (the
// one generator/markdown shares between the backends), without the marks.
func baseMarkdown(opts ...goldmark.Option) goldmark.Markdown {
	return goldmark.New(append([]goldmark.Option{
		goldmark.WithExtensions(extension.Table, extension.Strikethrough),
		goldmark.WithParserOptions(parser.WithAttribute()),
	}, opts...)...)
}

// viewer renders a document as a reader of one version sees it: plain
// Markdown as it is, a redline with its insertions dropped (reject, the
// old version) or with its deletions dropped (accept, the new version).
// The HTML is normalised so that only what a reader sees counts (see
// normalizeView); two documents with the same view read the same.
type viewer struct {
	plainMD, acceptMD, rejectMD goldmark.Markdown
}

func newViewer() *viewer {
	withMarks := func(keep ast.NodeKind) goldmark.Markdown {
		return baseMarkdown(
			goldmark.WithParserOptions(parser.WithInlineParsers(util.Prioritized(markParser{}, 450))),
			goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(viewRenderer{keep: keep}, 100))),
		)
	}
	return &viewer{plainMD: baseMarkdown(), acceptMD: withMarks(KindInsert), rejectMD: withMarks(KindDelete)}
}

func (v *viewer) plain(src []byte) string  { return render(v.plainMD, src) }
func (v *viewer) accept(src []byte) string { return render(v.acceptMD, src) }
func (v *viewer) reject(src []byte) string { return render(v.rejectMD, src) }

// plainTree is plain for a document parsed already (by the same
// configuration: baseMarkdown), so it is not parsed twice.
func (v *viewer) plainTree(root ast.Node, src []byte) string {
	var b bytes.Buffer
	if err := v.plainMD.Renderer().Render(&b, src, root); err != nil {
		return "error: " + err.Error()
	}
	return normalizeView(b.String())
}

func render(md goldmark.Markdown, src []byte) string {
	var b bytes.Buffer
	if err := md.Convert(src, &b); err != nil {
		return "error: " + err.Error()
	}
	return normalizeView(b.String())
}

// viewRenderer shows the children of the kept kind of mark and drops the
// other kind with its children.
type viewRenderer struct{ keep ast.NodeKind }

func (r viewRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	for _, k := range []ast.NodeKind{KindInsert, KindDelete} {
		reg.Register(k, func(_ util.BufWriter, _ []byte, n ast.Node, _ bool) (ast.WalkStatus, error) {
			if n.Kind() == r.keep {
				return ast.WalkContinue, nil
			}
			return ast.WalkSkipChildren, nil
		})
	}
}

// blockTags are the tags that paragraph breaks and white space next to
// them do not show beside.
var blockTags = map[string]bool{"br": true, "li": true, "ul": true, "ol": true, "h1": true, "h2": true,
	"h3": true, "h4": true, "h5": true, "h6": true, "table": true, "thead": true, "tbody": true, "tr": true,
	"td": true, "th": true, "blockquote": true}

// normalizeView keeps what a reader sees of rendered HTML: the text, its
// emphasis, links and code, paragraph breaks (¶), lists, tables and
// headings; not code blocks and HTML (redlines cannot mark them), ids and
// alignments, tight or loose lists, empty paragraphs, list items, headings
// and table rows (what a wholly inserted block leaves in the old version),
// nor whether two neighbouring lists or quotes are one.
//
// Each step is a hand-written scan: the regular expressions and replacers
// they replace took half the time of a redline (view_test.go keeps them
// as the reference the scans are compared with).
func normalizeView(h string) string {
	h = dropOpaque(h)
	h = dropAttrs(h)
	h = paraMarks(h)
	for {
		n := dropEmpty(tidy(dropEmptyRows(h)))
		if n == h {
			return strings.Trim(h, " ¶")
		}
		h = n
	}
}

// reSpace is \s of Go's regular expressions.
func reSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

// rewrite scans h for '<' and lets at tell, at each, how many bytes to
// replace by what; h itself when nothing is replaced.
func rewrite(h string, at func(s string) (n int, with string)) string {
	var b strings.Builder
	last := 0
	for i := 0; i < len(h); {
		k := strings.IndexByte(h[i:], '<')
		if k < 0 {
			break
		}
		i += k
		n, with := at(h[i:])
		if n == 0 {
			i++
			continue
		}
		if last == 0 {
			b.Grow(len(h))
		}
		b.WriteString(h[last:i])
		b.WriteString(with)
		i += n
		last = i
	}
	if last == 0 { // nothing replaced (a replacement ends after its '<')
		return h
	}
	b.WriteString(h[last:])
	return b.String()
}

// dropOpaque drops code blocks, thematic breaks and omitted raw HTML:
// <pre><code[^>]*>.*?</code></pre>, <hr\s*/?> and <!-- raw HTML omitted -->.
func dropOpaque(h string) string {
	return rewrite(h, func(s string) (int, string) {
		switch {
		case strings.HasPrefix(s, "<pre><code"):
			e := strings.IndexByte(s[len("<pre><code"):], '>')
			if e < 0 {
				return 0, ""
			}
			body := len("<pre><code") + e + 1
			if c := strings.Index(s[body:], "</code></pre>"); c >= 0 {
				return body + c + len("</code></pre>"), ""
			}
		case strings.HasPrefix(s, "<hr"):
			j := len("<hr")
			for j < len(s) && reSpace(s[j]) {
				j++
			}
			if j < len(s) && s[j] == '/' {
				j++
			}
			if j < len(s) && s[j] == '>' {
				return j + 1, ""
			}
		case strings.HasPrefix(s, "<!-- raw HTML omitted -->"):
			return len("<!-- raw HTML omitted -->"), ""
		}
		return 0, ""
	})
}

// dropAttrs drops the attributes of headings, table cells and ordered
// lists (ids, alignments, start numbers): <(h[1-6]|t[dh]|ol)\s[^>]*> → <$1>.
func dropAttrs(h string) string {
	return rewrite(h, func(s string) (int, string) {
		if len(s) < 4 || !reSpace(s[3]) {
			return 0, ""
		}
		switch a, b := s[1], s[2]; {
		case a == 'h' && b >= '1' && b <= '6', a == 't' && (b == 'd' || b == 'h'), a == 'o' && b == 'l':
		default:
			return 0, ""
		}
		e := strings.IndexByte(s[4:], '>')
		if e < 0 {
			return 0, ""
		}
		return 4 + e + 1, s[:3] + ">"
	})
}

// paraMarks turns paragraph tags into paragraph breaks (¶).
func paraMarks(h string) string {
	return rewrite(h, func(s string) (int, string) {
		switch {
		case strings.HasPrefix(s, "<p>"):
			return len("<p>"), "¶"
		case strings.HasPrefix(s, "</p>"):
			return len("</p>"), "¶"
		}
		return 0, ""
	})
}

// dropEmptyRows drops table rows of empty cells:
// <tr>(?:<t[dh]></t[dh]>)*</tr>.
func dropEmptyRows(h string) string {
	return rewrite(h, func(s string) (int, string) {
		if !strings.HasPrefix(s, "<tr>") {
			return 0, ""
		}
		j := len("<tr>")
		for {
			c := s[j:]
			if len(c) >= 9 && c[0] == '<' && c[1] == 't' && (c[2] == 'd' || c[2] == 'h') && c[3] == '>' &&
				c[4] == '<' && c[5] == '/' && c[6] == 't' && (c[7] == 'd' || c[7] == 'h') && c[8] == '>' {
				j += 9
				continue
			}
			break
		}
		if strings.HasPrefix(s[j:], "</tr>") {
			return j + len("</tr>"), ""
		}
		return 0, ""
	})
}

// emptyElements are what a wholly inserted block leaves in the old
// version, and neighbouring lists or quotes, which read as one; each with
// what it becomes. No key is a prefix of another.
var emptyElements = []struct{ key, with string }{
	{"<li></li>", "¶"}, {"<thead></thead>", ""}, {"<tbody></tbody>", ""},
	{"<table></table>", "¶"}, {"<ul></ul>", "¶"}, {"<ol></ol>", "¶"}, {"<blockquote></blockquote>", "¶"},
	{"<h1></h1>", "¶"}, {"<h2></h2>", "¶"}, {"<h3></h3>", "¶"}, {"<h4></h4>", "¶"}, {"<h5></h5>", "¶"}, {"<h6></h6>", "¶"},
	{"</ul><ul>", ""}, {"</ol><ol>", ""}, {"</blockquote><blockquote>", ""},
}

// dropEmpty replaces the emptyElements.
func dropEmpty(h string) string {
	return rewrite(h, func(s string) (int, string) {
		if len(s) < len("<ul></ul>") { // the shortest key

			return 0, ""
		}
		for _, e := range emptyElements {
			if strings.HasPrefix(s, e.key) {
				return len(e.key), e.with
			}
		}
		return 0, ""
	})
}

// tidy collapses white space and paragraph breaks, and drops both next to
// block tags.
func tidy(h string) string {
	var b strings.Builder
	b.Grow(len(h))
	const none, space, para = 0, 1, 2
	pending := none // white space or ¶ not yet written
	afterBlock := true
	flush := func() {
		if pending != none && !afterBlock {
			if pending == space {
				b.WriteByte(' ')
			} else {
				b.WriteString("¶")
			}
		}
		pending = none
	}
	for i := 0; i < len(h); {
		c := h[i]
		switch {
		case c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f':
			if pending == none {
				pending = space
			}
			i++
		case c == 0xC2 && i+1 < len(h) && h[i+1] == 0xB6: // ¶
			pending = para
			i += 2
		case c == '<':
			end := strings.IndexByte(h[i:], '>')
			if end < 0 {
				end = len(h) - i - 1
			}
			tag := h[i : i+end+1]
			name := strings.TrimPrefix(strings.Trim(tag, "<>/ "), "/")
			if k := strings.IndexAny(name, " /"); k >= 0 {
				name = name[:k]
			}
			block := blockTags[name]
			if block {
				pending = none
			}
			flush()
			b.WriteString(tag)
			afterBlock = block
			i += end + 1
		default:
			flush()
			afterBlock = false
			// the run of text up to the next space, tag or ¶
			j := i + 1
			for j < len(h) {
				if d := h[j]; d == ' ' || d == '\n' || d == '\t' || d == '\r' || d == '\f' || d == '<' || d == 0xC2 {
					break
				}
				j++
			}
			b.WriteString(h[i:j])
			i = j
		}
	}
	if !afterBlock {
		flush()
	}
	return b.String()
}
