// Package pdf renders one document's Markdown into a print-ready PDF that
// reads like a typeset German contract document: cover page, table of
// contents with exact page numbers and links, numbered headings with a PDF
// outline, running header and "Seite X von Y" footer, justified text,
// lists, block quotes, code and GFM tables that continue across pages with
// their header row repeated.
//
// It takes the Markdown the document templates produce (CommonMark, GFM
// tables and strikethrough, heading attributes {#id .unnumbered}, parsed
// with NewMarkdown, the configuration the HTML backend shares) and the
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
