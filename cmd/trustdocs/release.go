package main

import (
	"bytes"
	"crypto/ed25519"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"trustdocs/generator/build"
	"trustdocs/generator/diff"
	"trustdocs/generator/integrity"
	"trustdocs/generator/outfile"
	"trustdocs/generator/pdf"
	"trustdocs/generator/release"
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

// docNotes collects repeated --doc-note DOC:LANG=TEXT flags.
type docNotes map[string]map[string]string

func (n docNotes) String() string { return fmt.Sprint(map[string]map[string]string(n)) }

func (n docNotes) Set(v string) error {
	doc, rest, ok := strings.Cut(v, ":")
	lang, text, ok2 := strings.Cut(rest, "=")
	if !ok || !ok2 || doc == "" || len(lang) != 2 || strings.TrimSpace(text) == "" {
		return fmt.Errorf("want DOC:LANG=TEXT, e.g. toms:en=\"Backup measure rewritten\"")
	}
	if n[doc] == nil {
		n[doc] = map[string]string{}
	}
	n[doc][lang] = text
	return nil
}

func runRelease(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("release VERSION", "Cuts an immutable release of the current content into content/releases/VERSION: the\nsnapshot, every document's PDF and the change notice. Refuses an existing version, a version\nor date lower than the last release's, a changed document that keeps its version (unless\n--bump) and an unchanged one with a new version, and, when subprocessors are added or\nreplaced, an effective date earlier than the date plus the notice period.", stdout, stderr)
	content := fs.String("content", "content", "content `directory`")
	themeDir := fs.String("theme", "", "theme `directory` whose files shadow the default theme")
	date := fs.String("date", "", "release `date`, the day it is announced (YYYY-MM-DD, required)")
	effective := fs.String("effective", "", "`date` the release takes effect (default: the release date, or the date plus the notice period when subprocessors are added or replaced)")
	noticeDays := fs.Int("notice-days", 0, "notice period in `days` for subprocessor changes (Art. 28(2) GDPR; default: objections.notice_days of site.yaml, else 30)")
	sourceNotes := fs.String("notes", "", "release notes in the source language")
	approvedBy := fs.String("approved-by", "", "`name` of who approved the release (printed in the documents' history and the notice)")
	approved := fs.String("approved", "", "`date` of the approval (default: the release date)")
	bump := fs.Bool("bump", false, "raise the minor version of every changed document that still has its released version (in site.yaml too)")
	signKey := fs.String("sign-key", "", "Ed25519 private key `file` (PEM) to sign the release with; its public half is site.yaml's release_key")
	n := notes{}
	fs.Var(n, "note", "release notes in one language, `LANG=TEXT` (repeat per language)")
	dn := docNotes{}
	fs.Var(dn, "doc-note", "notes about one document, `DOC:LANG=TEXT` (its history shows them instead of the release notes)")
	pos, code, ok := parse(fs, args, stdout)
	if !ok {
		return code
	}
	if len(pos) != 1 {
		fmt.Fprintln(stderr, "trustdocs release: give exactly one version, e.g. trustdocs release 2.1 --date 2026-12-01 --notes \"…\" --note en=\"…\"")
		return exitUsage
	}
	if *date == "" {
		fmt.Fprintln(stderr, "trustdocs release: --date is required, e.g. --date 2026-12-01")
		return exitUsage
	}
	all := map[string]string(n)
	if *sourceNotes != "" {
		all[""] = *sourceNotes
	}
	var key ed25519.PrivateKey
	if *signKey != "" {
		var err error
		if key, err = integrity.ReadPrivateKey(*signKey); err != nil {
			fmt.Fprintf(stderr, "trustdocs release: --sign-key %v\n", err)
			return exitUsage
		}
	}
	created, err := sourceDateEpoch()
	if err != nil {
		fmt.Fprintf(stderr, "trustdocs release: %v\n", err)
		return exitUsage
	}
	info, diags, err := build.Release(build.ReleaseOptions{
		Content: *content, Theme: *themeDir, Version: pos[0], Date: *date, Effective: *effective,
		NoticeDays: *noticeDays, Notes: all, DocNotes: dn, ApprovedBy: *approvedBy, Approved: *approved,
		Bump: *bump, SignKey: key, Created: created,
	})
	printDiagnostics(stderr, diags)
	if err != nil {
		if !diags.HasErrors() {
			fmt.Fprintf(stderr, "trustdocs release: %v\n", err)
		}
		return exitContent
	}
	fmt.Fprintf(stdout, "released %s (%s, effective %s) into %s/%s/%s\n", info.Version, info.Date, info.Effective, *content, release.Dir, info.Version)
	for _, d := range info.Documents {
		state := "unchanged"
		if d.Changed {
			state = "changed"
		}
		fmt.Fprintf(stdout, "  %s %s (%s)\n", d.ID, d.Version, state)
	}
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
	nt, th, diags, err := build.Compare(*content, *themeDir, pos[0], pos[1], *lang)
	printDiagnostics(stderr, diags)
	if err != nil {
		fmt.Fprintf(stderr, "trustdocs diff: %v\n", err)
		return exitContent
	}
	var data []byte
	switch *format {
	case "html":
		data, err = nt.HTML(th)
	case "pdf":
		var fonts *pdf.Fonts
		if fonts, err = pdf.LoadFonts(); err == nil {
			created, cerr := sourceDateEpoch()
			if cerr != nil {
				fmt.Fprintf(stderr, "trustdocs diff: %v\n", cerr)
				return exitUsage
			}
			var warnings []pdf.Warning
			data, warnings, err = nt.PDF(th, fonts, created)
			for _, w := range warnings {
				fmt.Fprintf(stderr, "trustdocs diff: warning: line %d of the change notice: %s\n", w.Line, w.Message)
			}
		}
	case "json":
		data, err = json.MarshalIndent(struct {
			Old string `json:"old"`
			New string `json:"new"`
			*diff.Report
		}{nt.Old.Version, nt.New.Version, nt.Report}, "", "  ")
		data = append(data, '\n')
	default:
		var buf bytes.Buffer
		err = diff.WriteText(&buf, nt.Report, nt.Header, th.Localizer(nt.Lang), *outFile == "" && isTerminal(stdout))
		data = buf.Bytes()
	}
	if err != nil {
		fmt.Fprintf(stderr, "trustdocs diff: %v\n", err)
		return exitContent
	}
	if *outFile == "" {
		if _, err := stdout.Write(data); err != nil {
			fmt.Fprintf(stderr, "trustdocs diff: %v\n", err)
			return exitContent
		}
		return exitOK
	}
	if err := os.WriteFile(*outFile, data, 0o644); err != nil {
		fmt.Fprintf(stderr, "trustdocs diff: %v\n", err)
		return exitContent
	}
	fmt.Fprintf(stdout, "wrote the change notice %s → %s (%s) to %s\n", nt.Old.Version, nt.New.Version, nt.Lang, *outFile)
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
