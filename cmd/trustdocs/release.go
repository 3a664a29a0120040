package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"trustdocs/generator/build"
	"trustdocs/generator/diff"
	"trustdocs/generator/outfile"
	"trustdocs/generator/pdf"
	"trustdocs/generator/release"
	"trustdocs/generator/render"
	"trustdocs/generator/theme"
)

// notes collects repeated --note LANG=TEXT flags.
type notes map[string]string

func (n notes) String() string { return fmt.Sprint(map[string]string(n)) }

func (n notes) Set(v string) error {
	lang, text, ok := strings.Cut(v, "=")
	if !ok || len(lang) != 2 || strings.TrimSpace(text) == "" {
		return fmt.Errorf("want LANG=TEXT, e.g. en=\"New subprocessor\"")
	}
	n[lang] = text
	return nil
}

func runRelease(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("release VERSION", "Cuts an immutable release of the current content into content/releases/VERSION.\nRefuses an existing version, and a version or date lower than the last release's.", stdout, stderr)
	content := fs.String("content", "content", "content `directory`")
	themeDir := fs.String("theme", "", "theme `directory` whose files shadow the default theme")
	date := fs.String("date", "", "release `date` (YYYY-MM-DD, required)")
	effective := fs.String("effective", "", "`date` the changes take effect (default: the release date)")
	objection := fs.Int("objection-days", 0, "customers may object to subprocessor changes for `N` days after the release date (Art. 28(2) GDPR)")
	sourceNotes := fs.String("notes", "", "release notes in the source language")
	n := notes{}
	fs.Var(n, "note", "release notes in one language, `LANG=TEXT` (repeat per language)")
	pos, code, ok := parse(fs, args, stdout)
	if !ok {
		return code
	}
	if len(pos) != 1 {
		fmt.Fprintln(stderr, "trustdocs release: give exactly one version, e.g. trustdocs release 2.1 --date 2026-12-01 --notes \"…\" --note en=\"…\"")
		return exitUsage
	}
	if *date == "" {
		fmt.Fprintln(stderr, "trustdocs release: --date is required")
		return exitUsage
	}
	info := release.Info{Version: pos[0], Date: *date, Effective: *effective, Notes: map[string]string(n)}
	if info.Effective == "" {
		info.Effective = info.Date
	}
	if *objection > 0 {
		d, err := time.Parse("2006-01-02", info.Date)
		if err != nil {
			fmt.Fprintf(stderr, "trustdocs release: invalid date %q: write YYYY-MM-DD\n", info.Date)
			return exitUsage
		}
		info.ObjectionUntil = d.AddDate(0, 0, *objection).Format("2006-01-02")
	}
	if *sourceNotes != "" {
		site, _, diags := build.Check(*content)
		if diags.HasErrors() {
			printDiagnostics(stderr, diags)
			return exitContent
		}
		info.Notes[site.SourceLang()] = *sourceNotes
	}
	diags, err := build.Release(*content, *themeDir, info)
	printDiagnostics(stderr, diags)
	if err != nil {
		fmt.Fprintf(stderr, "trustdocs release: %v\n", err)
		return exitContent
	}
	fmt.Fprintf(stdout, "released %s (%s) into %s/%s/%s\n", info.Version, info.Date, *content, release.Dir, info.Version)
	return exitOK
}

func runReleases(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("releases", "Lists the releases, oldest first: version, date, effective date, notes.", stdout, stderr)
	content := fs.String("content", "content", "content `directory`")
	pos, code, ok := parse(fs, args, stdout)
	if !ok {
		return code
	}
	if !noArgs("releases", pos, stderr) {
		return exitUsage
	}
	rels, diags := release.Load(*content)
	printDiagnostics(stderr, diags)
	if diags.HasErrors() {
		return exitContent
	}
	for _, r := range rels {
		var langs []string
		for l := range r.Info.Notes {
			langs = append(langs, l)
		}
		note := ""
		if len(langs) > 0 {
			note = oneLine(r.Info.Notes[firstSorted(langs)])
		}
		fmt.Fprintf(stdout, "%s\t%s\teffective %s\t%s\n", r.Info.Version, r.Info.Date, r.Info.Effective, note)
	}
	return exitOK
}

func firstSorted(list []string) string {
	min := list[0]
	for _, s := range list {
		if s < min {
			min = s
		}
	}
	return min
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func runDiff(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("diff OLD NEW", "Compares two releases (or \"current\", the content as it is) entity by entity and field\nby field; subprocessor changes first.", stdout, stderr)
	content := fs.String("content", "content", "content `directory`")
	themeDir := fs.String("theme", "", "theme `directory` whose files shadow the default theme")
	lang := fs.String("lang", "", "`language` of the report (default: the site's source language)")
	format := fs.String("format", "text", "`format`: text, json, html (a standalone change report page) or pdf (the change report with the redline)")
	outFile := fs.String("out", "", "write to `FILE` instead of standard output")
	force := fs.Bool("force", false, "overwrite an existing --out file that diff did not write")
	pos, code, ok := parse(fs, args, stdout)
	if !ok {
		return code
	}
	if len(pos) != 2 {
		fmt.Fprintln(stderr, "trustdocs diff: give two versions, e.g. trustdocs diff 1.0 2.0 (or current)")
		return exitUsage
	}
	switch *format {
	case "text", "json", "html":
	case "pdf":
		if *outFile == "" && isTerminal(stdout) {
			fmt.Fprintln(stderr, "trustdocs diff: --format pdf writes a PDF: give --out FILE or redirect standard output")
			return exitUsage
		}
	default:
		fmt.Fprintf(stderr, "trustdocs diff: unknown --format %q: use text, json, html or pdf\n", *format)
		return exitUsage
	}
	if *outFile != "" {
		if err := outfile.Guard(*outFile, []string{*content}, *force, diffOutput); err != nil {
			fmt.Fprintf(stderr, "trustdocs diff: %v\n", err)
			return exitUsage
		}
	}
	states, diags, err := build.States(*content, *themeDir)
	printDiagnostics(stderr, diags)
	if err != nil {
		fmt.Fprintf(stderr, "trustdocs diff: %v\n", err)
		return exitContent
	}
	old, err1 := build.Find(states, pos[0])
	new, err2 := build.Find(states, pos[1])
	if err1 != nil || err2 != nil {
		fmt.Fprintf(stderr, "trustdocs diff: %v\n", firstErr(err1, err2))
		return exitContent
	}
	l := *lang
	if cur := states[len(states)-1]; l == "" {
		for _, m := range cur.Model {
			l = m.Languages[0] // every language's model lists the source language first
			break
		}
	}
	om, nm := old.Model[l], new.Model[l]
	if om == nil || nm == nil {
		fmt.Fprintf(stderr, "trustdocs diff: no %q text in one of the releases\n", l)
		return exitUsage
	}
	th, err := theme.Open(*themeDir)
	if err != nil {
		fmt.Fprintf(stderr, "trustdocs diff: %v\n", err)
		return exitContent
	}
	if *format == "html" || *format == "pdf" {
		return writeChangeReport(th, old, new, l, *format, *outFile, stdout, stderr)
	}
	rep := diff.Compare(om, nm, render.ValueNamer(th, l))

	var w io.Writer = stdout
	color := isTerminal(stdout)
	if *outFile != "" {
		f, err := os.Create(*outFile)
		if err != nil {
			fmt.Fprintf(stderr, "trustdocs diff: %v\n", err)
			return exitContent
		}
		defer f.Close()
		w, color = f, false
	}
	if *format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(struct {
			Old string `json:"old"`
			New string `json:"new"`
			*diff.Report
		}{old.Version, new.Version, rep}); err != nil {
			fmt.Fprintf(stderr, "trustdocs diff: %v\n", err)
			return exitContent
		}
		return exitOK
	}
	h := diff.Header{Old: old.Version, New: new.Version}
	h.OldDate, _ = render.FormatDate(old.Date, l)
	h.NewDate, _ = render.FormatDate(new.Date, l)
	if new.Info != nil {
		h.Effective, _ = render.FormatDate(new.Info.Effective, l)
		if new.Info.ObjectionUntil != "" {
			h.ObjectionUntil, _ = render.FormatDate(new.Info.ObjectionUntil, l)
		}
	}
	if err := diff.WriteText(w, rep, h, th.Localizer(l), color); err != nil {
		fmt.Fprintf(stderr, "trustdocs diff: %v\n", err)
		return exitContent
	}
	return exitOK
}

// writeChangeReport writes the change report from old to new in lang as a
// standalone HTML page or as PDF, to out or standard output.
func writeChangeReport(th *theme.Theme, old, new *build.State, lang, format, out string, stdout, stderr io.Writer) int {
	cr, err := build.NewChangeReport(th, old, new, lang)
	if err != nil {
		fmt.Fprintf(stderr, "trustdocs diff: %v\n", err)
		return exitContent
	}
	var data []byte
	if format == "html" {
		data, err = cr.HTML(th)
	} else {
		var fonts *pdf.Fonts
		if fonts, err = pdf.LoadFonts(); err == nil {
			created, cerr := sourceDateEpoch()
			if cerr != nil {
				fmt.Fprintf(stderr, "trustdocs diff: %v\n", cerr)
				return exitUsage
			}
			var warnings []pdf.Warning
			data, warnings, err = cr.PDF(th, fonts, created)
			for _, w := range warnings {
				fmt.Fprintf(stderr, "trustdocs diff: warning: line %d of the change report: %s\n", w.Line, w.Message)
			}
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "trustdocs diff: %v\n", err)
		return exitContent
	}
	if out == "" {
		if _, err := stdout.Write(data); err != nil {
			fmt.Fprintf(stderr, "trustdocs diff: %v\n", err)
			return exitContent
		}
		return exitOK
	}
	if err := os.WriteFile(out, data, 0o644); err != nil {
		fmt.Fprintf(stderr, "trustdocs diff: %v\n", err)
		return exitContent
	}
	fmt.Fprintf(stdout, "wrote the change report %s → %s (%s) to %s\n", old.Version, new.Version, lang, out)
	return exitOK
}

// diffOutput recognises what diff --out wrote before: a JSON report, or an
// HTML or PDF change report (both name trustdocs; the PDF as its producer).
// Text has no mark.
func diffOutput(head []byte) bool {
	producer := []byte("/Producer (\xfe\xff\x00t\x00r\x00u\x00s\x00t\x00d\x00o\x00c\x00s)") // UTF-16 in the PDF's info
	html := bytes.HasPrefix(bytes.ToLower(head[:min(len(head), 15)]), []byte("<!doctype html>"))
	return bytes.HasPrefix(head, []byte("{\n  \"old\": ")) ||
		html && bytes.Contains(head, []byte("trustdocs")) ||
		bytes.HasPrefix(head, []byte("%PDF-")) && bytes.Contains(head, producer)
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

// isTerminal reports whether w is a terminal (colour is for people, not pipes).
func isTerminal(w io.Writer) bool {
	if os.Getenv("NO_COLOR") != "" {
		return false
	}
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
