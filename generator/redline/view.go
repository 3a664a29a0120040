package redline

import (
	"bytes"
	"regexp"
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

var (
	viewDrop = regexp.MustCompile(`(?s)<pre><code[^>]*>.*?</code></pre>|<hr\s*/?>|<!-- raw HTML omitted -->`)
	viewAttr = regexp.MustCompile(`<(h[1-6]|t[dh]|ol)\s[^>]*>`)
	viewRow  = regexp.MustCompile(`<tr>(?:<t[dh]></t[dh]>)*</tr>`)
	viewP    = strings.NewReplacer("<p>", "¶", "</p>", "¶")
	// empty elements: what a wholly inserted block leaves in the old
	// version; and neighbouring lists or quotes, which read as one
	viewEmpty = strings.NewReplacer("<li></li>", "¶", "<thead></thead>", "", "<tbody></tbody>", "",
		"<table></table>", "¶", "<ul></ul>", "¶", "<ol></ol>", "¶", "<blockquote></blockquote>", "¶",
		"<h1></h1>", "¶", "<h2></h2>", "¶", "<h3></h3>", "¶", "<h4></h4>", "¶", "<h5></h5>", "¶", "<h6></h6>", "¶",
		"</ul><ul>", "", "</ol><ol>", "", "</blockquote><blockquote>", "")
)

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
func normalizeView(h string) string {
	h = viewDrop.ReplaceAllString(h, "")
	h = viewAttr.ReplaceAllString(h, "<$1>")
	h = viewP.Replace(h)
	for {
		n := viewEmpty.Replace(tidy(viewRow.ReplaceAllString(h, "")))
		if n == h {
			return strings.Trim(h, " ¶")
		}
		h = n
	}
}

// tidy collapses white space and paragraph breaks, and drops both next to
// block tags.
func tidy(h string) string {
	var b strings.Builder
	b.Grow(len(h))
	pending := "" // white space or ¶ not yet written
	afterBlock := true
	for i := 0; i < len(h); {
		c := h[i]
		switch {
		case c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f':
			if pending == "" {
				pending = " "
			}
			i++
		case strings.HasPrefix(h[i:], "¶"):
			pending = "¶"
			i += len("¶")
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
			if blockTags[name] {
				pending = ""
			}
			if pending != "" && !afterBlock {
				b.WriteString(pending)
			}
			pending = ""
			b.WriteString(tag)
			afterBlock = blockTags[name]
			i += end + 1
		default:
			if pending != "" && !afterBlock {
				b.WriteString(pending)
			}
			pending = ""
			afterBlock = false
			b.WriteByte(c)
			i++
		}
	}
	if !afterBlock {
		b.WriteString(pending)
	}
	return b.String()
}
