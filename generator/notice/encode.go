package notice

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"trustdocs/generator/diff"
	"trustdocs/generator/pdf"
	"trustdocs/generator/theme"
)

// Formats are the forms Encode writes a notice in, as `diff --format` names them.
var Formats = []string{"text", "json", "html", "pdf"}

// Encode writes the notice in format: text (in colour if colour), json, html
// (a standalone page) or pdf (with the redline, dated created). The PDF's
// layout warnings come back with it.
func (c *Notice) Encode(th *theme.Theme, format string, colour bool, created time.Time) ([]byte, []pdf.Warning, error) {
	switch format {
	case "html":
		data, err := c.HTML(th)
		return data, nil, err
	case "pdf":
		fonts, err := pdf.LoadFonts()
		if err != nil {
			return nil, nil, err
		}
		return c.PDF(th, fonts, created)
	case "json":
		data, err := json.MarshalIndent(struct {
			Old string `json:"old"`
			New string `json:"new"`
			*diff.Report
		}{c.Old.Version, c.New.Version, c.Report}, "", "  ")
		return append(data, '\n'), nil, err
	case "text":
		var buf bytes.Buffer
		err := diff.WriteText(&buf, c.Report, c.Header, th.Localizer(c.Lang), colour)
		return buf.Bytes(), nil, err
	}
	return nil, nil, fmt.Errorf("unknown format %q", format)
}

// Written recognises a file Encode wrote, from its first bytes: a JSON
// report, or an HTML or PDF notice (both name trustdocs; the PDF as its
// producer). Text has no mark.
func Written(head []byte) bool {
	producer := []byte("/Producer (\xfe\xff\x00t\x00r\x00u\x00s\x00t\x00d\x00o\x00c\x00s)") // UTF-16 in the PDF's info
	html := bytes.HasPrefix(bytes.ToLower(head[:min(len(head), 15)]), []byte("<!doctype html>"))
	return bytes.HasPrefix(head, []byte("{\n  \"old\": ")) ||
		html && bytes.Contains(head, []byte("trustdocs")) ||
		bytes.HasPrefix(head, []byte("%PDF-")) && bytes.Contains(head, producer)
}
