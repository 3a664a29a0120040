package pdf

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
)

// NewMarkdown returns the goldmark configuration both backends parse with:
// CommonMark plus GFM tables and strikethrough, and heading attributes
// ({#id .class}). Automatic heading IDs are off because goldmark's drop
// umlauts ("Gewährleistung" → "gewhrleistung"); see headingID.
func NewMarkdown() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough),
		goldmark.WithParserOptions(parser.WithAttribute()),
	)
}
