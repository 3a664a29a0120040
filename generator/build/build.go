// Package build runs the pipeline: load, validate, resolve per language, and
// write the output atomically.
//
// It takes Options (content, theme and output directories) and gives the
// check report and the files written, or the diagnostics that stopped it.
package build

import (
	"bytes"
	"encoding/json"
	"sort"

	"trustdocs/generator/diag"
	"trustdocs/generator/load"
	"trustdocs/generator/model"
	"trustdocs/generator/output"
	"trustdocs/generator/validate"
)

// Options say where to read and write.
type Options struct {
	Content string // content directory
	Theme   string // optional theme directory shadowing the default theme
	Out     string // output directory
}

// Result is what a build did.
type Result struct {
	Report *validate.Report
	Files  []string // relative paths written, sorted
}

// Check loads and validates a content directory.
func Check(content string) (*model.Site, *validate.Report, *diag.List) {
	site, errs := load.Load(content)
	report, verrs := validate.Check(site)
	errs.Add(verrs)
	return site, report, errs
}

// Build checks the content and, if it has no errors, writes the output.
// Diagnostics (warnings too) are returned either way; err is set when the
// content had errors or the output could not be written.
func Build(opts Options) (*Result, *diag.List, error) {
	site, report, diags := Check(opts.Content)
	if err := diags.Err(); err != nil {
		return nil, diags, err
	}
	files := output.Files{}
	for _, lang := range site.LangIDs() {
		data, err := modelJSON(model.Localize(site, lang))
		if err != nil {
			return nil, diags, err
		}
		files[lang+"/model.json"] = data
	}
	guard := output.Guard{Protected: []string{opts.Content}}
	if opts.Theme != "" {
		guard.Protected = append(guard.Protected, opts.Theme)
	}
	if err := output.Write(opts.Out, files, guard); err != nil {
		return nil, diags, err
	}
	res := &Result{Report: report}
	for name := range files {
		res.Files = append(res.Files, name)
	}
	sort.Strings(res.Files)
	return res, diags, nil
}

func modelJSON(r *model.Resolved) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
