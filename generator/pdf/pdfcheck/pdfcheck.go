// Package pdfcheck reads a PDF back through qpdf's JSON and checks the
// clauses of PDF/A-2u (ISO 19005-2) and PDF/UA-1 (ISO 14289-1) that the
// PDF renderer implements. veraPDF cannot be installed here; these checks
// stand in for it for what trustdocs writes, and are no general validator:
// they assume, for instance, that every page has one content stream.
//
//	f, err := pdfcheck.Load("out.pdf")
//	for _, p := range f.Check() { … } // "PDF/UA-1 7.1: page 3: text outside marked content"
package pdfcheck

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
)

// File is a PDF as qpdf gives it: every object by its reference.
type File struct {
	Path    string
	objs    map[string]any
	trailer map[string]any
	pages   []string // page object references, in order
	outline []string // bookmark titles, depth first
}

// Load runs qpdf --json on the file.
func Load(path string) (*File, error) {
	out, err := exec.Command("qpdf", "--json=2", "--json-stream-data=inline", "--decode-level=generalized", path).Output()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() == 3 {
			err = nil // qpdf's "warnings": Check reports what matters
		} else {
			return nil, fmt.Errorf("qpdf --json %s: %v", path, err)
		}
	}
	var doc struct {
		Pages []struct {
			Object string `json:"object"`
		} `json:"pages"`
		QPDF     []json.RawMessage `json:"qpdf"`
		Outlines []outline         `json:"outlines"`
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		return nil, fmt.Errorf("qpdf --json %s: %v", path, err)
	}
	if len(doc.QPDF) != 2 {
		return nil, fmt.Errorf("qpdf --json %s: no objects", path)
	}
	f := &File{Path: path}
	if err := json.Unmarshal(doc.QPDF[1], &f.objs); err != nil {
		return nil, err
	}
	t, _ := f.objs["trailer"].(map[string]any)
	f.trailer, _ = t["value"].(map[string]any)
	for _, p := range doc.Pages {
		f.pages = append(f.pages, p.Object)
	}
	var walk func([]outline)
	walk = func(os []outline) {
		for _, o := range os {
			f.outline = append(f.outline, o.Title)
			walk(o.Kids)
		}
	}
	walk(doc.Outlines)
	return f, nil
}

type outline struct {
	Title string    `json:"title"`
	Kids  []outline `json:"kids"`
}

// Outline gives the bookmark titles in order, depth first.
func (f *File) Outline() []string { return f.outline }

// Pages is the number of pages.
func (f *File) Pages() int { return len(f.pages) }

// resolve follows a reference ("12 0 R") to the object's value, or a
// stream's dictionary; other values are returned as they are.
func (f *File) resolve(v any) any {
	for i := 0; i < 32; i++ {
		s, ok := v.(string)
		if !ok || !strings.HasSuffix(s, " R") {
			return v
		}
		o, ok := f.objs["obj:"+s].(map[string]any)
		if !ok {
			return nil
		}
		if st, ok := o["stream"].(map[string]any); ok {
			return st["dict"]
		}
		v = o["value"]
	}
	return nil
}

// dict resolves v to a dictionary (nil if it is none).
func (f *File) dict(v any) map[string]any {
	d, _ := f.resolve(v).(map[string]any)
	return d
}

func (f *File) array(v any) []any {
	a, _ := f.resolve(v).([]any)
	return a
}

// streamData is the decoded data of the stream v refers to, and whether
// qpdf could decode it.
func (f *File) streamData(v any) ([]byte, bool) {
	s, ok := v.(string)
	if !ok {
		return nil, false
	}
	o, _ := f.objs["obj:"+s].(map[string]any)
	st, _ := o["stream"].(map[string]any)
	data, _ := st["data"].(string)
	if st == nil {
		return nil, false
	}
	b, err := base64.StdEncoding.DecodeString(data)
	return b, err == nil
}

// text decodes a qpdf string value: "u:text" or "b:hex".
func text(v any) string {
	s, _ := v.(string)
	switch {
	case strings.HasPrefix(s, "u:"):
		return s[2:]
	case strings.HasPrefix(s, "b:"):
		var b bytes.Buffer
		for i := 2; i+1 < len(s); i += 2 {
			n, _ := strconv.ParseUint(s[i:i+2], 16, 8)
			b.WriteByte(byte(n))
		}
		return b.String()
	}
	return ""
}

func number(v any) (float64, bool) {
	n, ok := v.(float64)
	return n, ok
}

func name(v any) string {
	s, _ := v.(string)
	if strings.HasPrefix(s, "/") {
		return s[1:]
	}
	return ""
}

// catalog is the document catalogue.
func (f *File) catalog() map[string]any { return f.dict(f.trailer["/Root"]) }

// Problem is a clause the file does not meet.
type Problem struct {
	Clause string // "PDF/A-2 6.6.2.1", "PDF/UA-1 7.1"
	What   string
}

func (p Problem) String() string { return p.Clause + ": " + p.What }

type problems []Problem

func (ps *problems) add(clause, format string, args ...any) {
	*ps = append(*ps, Problem{clause, fmt.Sprintf(format, args...)})
}

// Check runs every check and returns what fails.
func (f *File) Check() []Problem {
	var ps problems
	f.checkFile(&ps)
	f.checkMetadata(&ps)
	f.checkOutputIntent(&ps)
	f.checkFonts(&ps)
	f.checkGlyphs(&ps)
	f.checkAnnotations(&ps)
	tree := f.checkStructure(&ps)
	f.checkContent(&ps, tree)
	return ps
}
