package redline

import (
	"bytes"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
)

// The reference normalizeView: the regular expressions and replacers the
// hand-written scans of view.go replace. Both must give the same view.
var (
	refDrop  = regexp.MustCompile(`(?s)<pre><code[^>]*>.*?</code></pre>|<hr\s*/?>|<!-- raw HTML omitted -->`)
	refAttr  = regexp.MustCompile(`<(h[1-6]|t[dh]|ol)\s[^>]*>`)
	refRow   = regexp.MustCompile(`<tr>(?:<t[dh]></t[dh]>)*</tr>`)
	refP     = strings.NewReplacer("<p>", "¶", "</p>", "¶")
	refEmpty = strings.NewReplacer("<li></li>", "¶", "<thead></thead>", "", "<tbody></tbody>", "",
		"<table></table>", "¶", "<ul></ul>", "¶", "<ol></ol>", "¶", "<blockquote></blockquote>", "¶",
		"<h1></h1>", "¶", "<h2></h2>", "¶", "<h3></h3>", "¶", "<h4></h4>", "¶", "<h5></h5>", "¶", "<h6></h6>", "¶",
		"</ul><ul>", "", "</ol><ol>", "", "</blockquote><blockquote>", "")
)

func refNormalizeView(h string) string {
	h = refDrop.ReplaceAllString(h, "")
	h = refAttr.ReplaceAllString(h, "<$1>")
	h = refP.Replace(h)
	for {
		n := refEmpty.Replace(refTidy(refRow.ReplaceAllString(h, "")))
		if n == h {
			return strings.Trim(h, " ¶")
		}
		h = n
	}
}

func refTidy(h string) string {
	var b strings.Builder
	pending := ""
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

// The scans give the reference's view of every rendering a redline of
// content/'s releases compares, and of random soup of the tags and
// characters they look at.
func TestNormalizeViewAsReference(t *testing.T) {
	var htmls []string
	v := newViewer()
	raw := func(md goldmark.Markdown, src []byte) string {
		var b bytes.Buffer
		if err := md.Convert(src, &b); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	for _, p := range releasePairs(t) {
		red := Markdown(p[0], p[1])
		htmls = append(htmls, raw(v.plainMD, p[0]), raw(v.plainMD, p[1]), raw(v.acceptMD, red), raw(v.rejectMD, red))
	}
	pieces := []string{"<p>", "</p>", "<pre><code>", "<pre><code class=\"x\">", "</code></pre>", "<hr>", "<hr />", "<hr/", "<hr\n>",
		"<!-- raw HTML omitted -->", "<h2 id=\"a\">", "<h2>", "</h2>", "<td style=\"x\">", "<td>", "</td>", "<th>", "</th>", "<tr>", "</tr>",
		"<ol start=\"3\">", "<ol>", "</ol>", "<ul>", "</ul>", "<li>", "</li>", "<table>", "</table>", "<thead>", "</thead>", "<tbody>", "</tbody>",
		"<blockquote>", "</blockquote>", "<br />", "<em>", "</em>", "<a href=\"x\">", "</a>", " ", "\n", "\t", "\f", "\r", "¶", "\xc2", "\xb6",
		"<", ">", "/", "a", "Wort", "ä", "<h7 x>", "<tdx>", "<h1\t>"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(30) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		htmls = append(htmls, b.String())
	}
	for _, h := range htmls {
		if got, want := normalizeView(h), refNormalizeView(h); got != want {
			t.Fatalf("normalizeView(%q)\n = %q\nwant %q", h, got, want)
		}
	}
}

// plainTree of a parsed document is plain of its source.
func TestPlainTree(t *testing.T) {
	r := newRedliner()
	for _, p := range releasePairs(t) {
		for _, src := range p {
			if got, want := r.v.plainTree(r.parse(src).root, src), r.v.plain(src); got != want {
				t.Fatalf("plainTree differs from plain:\n%s\n%s", got, want)
			}
		}
	}
}
