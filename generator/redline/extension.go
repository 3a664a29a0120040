package redline

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Insert is inserted text, {++…++} in CriticMarkup. Its children are the
// inserted inlines (text, emphasis, links, code).
type Insert struct{ ast.BaseInline }

// Delete is deleted text, {--…--} in CriticMarkup.
type Delete struct{ ast.BaseInline }

// KindInsert and KindDelete are the node kinds of Insert and Delete, for
// renderers' RegisterFuncs.
var (
	KindInsert = ast.NewNodeKind("Insert")
	KindDelete = ast.NewNodeKind("Delete")
)

// Kind implements ast.Node.
func (n *Insert) Kind() ast.NodeKind { return KindInsert }

// Kind implements ast.Node.
func (n *Delete) Kind() ast.NodeKind { return KindDelete }

// Dump implements ast.Node.
func (n *Insert) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// Dump implements ast.Node.
func (n *Delete) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// Extension adds the CriticMarkup marks {++…++} and {--…--} to a goldmark
// configuration: the parser makes Insert and Delete nodes of them, the
// HTML renderer writes <ins> and <del>. Register it like goldmark's own
// extensions:
//
//	goldmark.New(goldmark.WithExtensions(extension.Table, redline.Extension))
//
// or add it to an existing configuration with redline.Extension.Extend(md).
//
// The marks are parsed like emphasis delimiters: an opening {++ and the
// next closing ++} in the same inline context (paragraph, heading, table
// cell, or inside one emphasis or link) make a node; whatever lies between
// them, emphasis, links and code included, becomes its children. A mark
// without its partner, or one that would cross the boundary of emphasis,
// a link or a code span, stays literal text. To write the marks literally,
// escape the brace: \{++.
var Extension goldmark.Extender = extender{}

type extender struct{}

func (extender) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(markParser{}, 450)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(htmlRenderer{}, 450)))
}

// markParser pushes a delimiter for each {++ {-- (openers) and ++} --}
// (closers); goldmark's delimiter processing pairs them, as it pairs
// emphasis, at the end of the inline context.
type markParser struct{}

func (markParser) Trigger() []byte { return []byte{'{', '-', '+'} }

func (markParser) Parse(_ ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) < 3 {
		return nil
	}
	var open bool
	var c byte
	switch {
	case line[0] == '{' && (line[1] == '+' || line[1] == '-') && line[2] == line[1]:
		open, c = true, line[1]
	case (line[0] == '+' || line[0] == '-') && line[1] == line[0] && line[2] == '}':
		c = line[0]
	default:
		return nil
	}
	var proc parser.DelimiterProcessor = deleteProcessor{}
	if c == '+' {
		proc = insertProcessor{}
	}
	d := parser.NewDelimiter(open, !open, 1, c, proc)
	d.Segment = seg.WithStop(seg.Start + 3)
	block.Advance(3)
	pc.PushDelimiter(d)
	return d
}

func (markParser) CloseBlock(ast.Node, parser.Context) {}

type insertProcessor struct{}

func (insertProcessor) IsDelimiter(b byte) bool { return b == '+' }

func (insertProcessor) CanOpenCloser(opener, closer *parser.Delimiter) bool {
	_, ok := closer.Processor.(insertProcessor)
	return ok
}

func (insertProcessor) OnMatch(int) ast.Node { return &Insert{} }

type deleteProcessor struct{}

func (deleteProcessor) IsDelimiter(b byte) bool { return b == '-' }

func (deleteProcessor) CanOpenCloser(opener, closer *parser.Delimiter) bool {
	_, ok := closer.Processor.(deleteProcessor)
	return ok
}

func (deleteProcessor) OnMatch(int) ast.Node { return &Delete{} }

// htmlRenderer writes Insert as <ins> and Delete as <del>.
type htmlRenderer struct{}

func (htmlRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindInsert, tag("ins"))
	reg.Register(KindDelete, tag("del"))
}

func tag(name string) renderer.NodeRendererFunc {
	return func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString("<" + name)
			if n.Attributes() != nil {
				html.RenderAttributes(w, n, html.GlobalAttributeFilter)
			}
			_ = w.WriteByte('>')
		} else {
			_, _ = w.WriteString("</" + name + ">")
		}
		return ast.WalkContinue, nil
	}
}
