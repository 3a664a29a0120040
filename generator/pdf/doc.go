// Package pdf renders one document's Markdown into a print-ready PDF that
// reads like a typeset German contract document: cover page, table of
// contents with exact page numbers and links, numbered headings with a PDF
// outline, running header and "Seite X von Y" footer, justified text,
// lists, block quotes, code and GFM tables that continue across pages with
// their header row repeated, set smaller than the text as in legal
// documents. A word too long for its column is split with a hyphen at a
// compound or syllable boundary (hyphen.go). With Meta.Redline it draws
// the CriticMarkup of generator/redline as a lawyer's redline (inserted
// text underlined in green, deleted text struck through in red, change
// bars in the margin); Meta.Watermark puts a diagonal "ENTWURF" behind
// every page, as outlines that do not mix into the text (watermark.go).
//
// It takes the Markdown the document templates produce (CommonMark, GFM
// tables and strikethrough, heading attributes {#id .unnumbered}, parsed
// with markdown.New, the configuration the HTML backend shares) and the
// document's Meta; it gives the PDF bytes plus warnings about input it
// shows differently than written (characters the fonts lack, raw HTML,
// images). The same input gives byte-identical output.
//
//	fonts, err := pdf.LoadFonts() // once per process
//	out, warnings, err := pdf.Render(markdown, meta, fonts)
//
// How it works: a goldmark renderer.NodeRenderer of our own (blocks.go,
// inlines.go, table.go) walks the AST and lays the text out with our own
// line breaker (linebreak.go) and page builder (layout.go) into a display
// list; furniture.go adds cover, contents, header and footer once every
// page number is known, and paint.go replays the list on fpdf. Widths and
// glyph coverage come from the fonts' own tables (sfnt.go), so layout never
// calls fpdf's slow text functions and no character fpdf cannot draw ever
// reaches it.
package pdf
