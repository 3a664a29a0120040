package main

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"trustdocs/generator/durable"
	"trustdocs/generator/load"
	"trustdocs/generator/model"
	"trustdocs/generator/translate"
)

const translateUsage = `Usage: trustdocs translate <export|import|mark> [flags]

Exchanges translations with translators in XLIFF 2.0, the format translation
tools read, and keeps track of which source text each translation was made
from (the hash next to it, e.g. en@: 3f2a9c1b).

  export --lang LANG --out FILE [--all] [UNIT…]
          write the missing and stale texts of LANG (with --all: every text)
  import FILE [--force] [--dry-run]
          write the translations of FILE back into the content files,
          keeping their comments and layout; all files or none
  mark --lang LANG [--stale] [--dry-run] [UNIT…]
          record that translations without a source hash (with --stale: stale
          ones too) were made from the current source text

UNIT selects units by ID or prefix, e.g. measure.tls.text or subsystem.darz.
Every command takes --content DIR (default: content).
Run 'trustdocs translate <command> --help' for details.
`

func runTranslate(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, translateUsage)
		return exitUsage
	}
	switch args[0] {
	case "export":
		return runTranslateExport(args[1:], stdout, stderr)
	case "import":
		return runTranslateImport(args[1:], stdout, stderr)
	case "mark":
		return runTranslateMark(args[1:], stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, translateUsage)
		return exitOK
	}
	fmt.Fprintf(stderr, "trustdocs translate: unknown command %q\n\n%s", args[0], translateUsage)
	return exitUsage
}

// loadForTranslate loads the content; translating needs a tree without
// load errors (missing translations and dangling references are fine).
func loadForTranslate(name, content string, stderr io.Writer) (*model.Site, bool) {
	site, diags := load.Load(content)
	if diags.HasErrors() {
		printDiagnostics(stderr, diags)
		fmt.Fprintf(stderr, "%s: %s: fix them before 'trustdocs translate %s'\n", content, countErrors(diags), name)
		return nil, false
	}
	return site, true
}

// checkLang says whether lang is a translation language of site.
func checkLang(name, lang string, site *model.Site, stderr io.Writer) bool {
	langs := site.LangIDs()
	switch {
	case lang == "":
		fmt.Fprintf(stderr, "trustdocs translate %s: give the target language with --lang, one of %s\n", name, strings.Join(langs[min(1, len(langs)):], ", "))
	case len(langs) > 0 && lang == langs[0]:
		fmt.Fprintf(stderr, "trustdocs translate %s: %s is the source language; translations are into %s\n", name, lang, strings.Join(langs[1:], ", "))
	case !contains(langs, lang):
		fmt.Fprintf(stderr, "trustdocs translate %s: %q is not a language of this content (site.yaml lists %s)\n", name, lang, strings.Join(langs, ", "))
	default:
		return true
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func runTranslateExport(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("translate export [UNIT…]", "Writes the texts of a language that are missing or stale (whose source changed since\nthey were translated) as XLIFF 2.0, with the source text, the current translation\nand a stable ID per field. Give UNITs (IDs or prefixes) to export only those.", stdout, stderr)
	content := fs.String("content", "content", "content `directory`")
	lang := fs.String("lang", "", "target `language`, e.g. en")
	all := fs.Bool("all", false, "export every text, not only the missing and stale ones")
	out := fs.String("out", "", "XLIFF `file` to write (- for standard output)")
	ids, code, ok := parse(fs, args, stdout)
	if !ok {
		return code
	}
	if *out == "" {
		fmt.Fprintln(stderr, "trustdocs translate export: give the file to write with --out FILE (or --out - for standard output)")
		return exitUsage
	}
	site, ok := loadForTranslate("export", *content, stderr)
	if !ok {
		return exitContent
	}
	if !checkLang("export", *lang, site, stderr) {
		return exitUsage
	}
	doc, units, err := translate.Export(site, translate.ExportOptions{Lang: *lang, All: *all, IDs: ids})
	if err != nil {
		fmt.Fprintf(stderr, "trustdocs translate export: %v\n", err)
		return exitContent
	}
	info := stdout
	if *out == "-" {
		info = stderr
	}
	if doc == nil {
		fmt.Fprintf(info, "nothing to translate: every %s text is there and current (--all exports every text)\n", *lang)
		return exitOK
	}
	var buf bytes.Buffer
	if err := translate.WriteXLIFF(&buf, doc); err != nil {
		fmt.Fprintf(stderr, "trustdocs translate export: %v\n", err)
		return exitContent
	}
	if *out == "-" {
		stdout.Write(buf.Bytes())
	} else if err := durable.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		fmt.Fprintf(stderr, "trustdocs translate export: %v\n", err)
		return exitContent
	}
	counts := map[translate.State]int{}
	for _, u := range units {
		counts[u.State]++
	}
	var parts []string
	for _, st := range []translate.State{translate.Missing, translate.Stale, translate.Unrecorded, translate.Current} {
		if counts[st] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", counts[st], st))
		}
	}
	name := *out
	if name == "-" {
		name = "standard output"
	}
	fmt.Fprintf(info, "wrote %s: %d %s units (%s) from %d files\n", name, len(units), *lang, strings.Join(parts, ", "), len(doc.Files))
	return exitOK
}

func runTranslateImport(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("translate import FILE", "Writes the translations of an XLIFF file (made by 'translate export') back into\nthe content files, with the hash of the source text they were made from. Only\nthe translated values change; comments, order and layout stay. Units still in\nstate initial with an unchanged target are skipped. A file made for other content\nchanges nothing and exits 1; so does any other error: all files or none.", stdout, stderr)
	content := fs.String("content", "content", "content `directory`")
	force := fs.Bool("force", false, "overwrite translations that were changed in the content since the export")
	dryRun := fs.Bool("dry-run", false, "say what would change, write nothing")
	pos, code, ok := parse(fs, args, stdout)
	if !ok {
		return code
	}
	if len(pos) != 1 {
		fmt.Fprintln(stderr, "trustdocs translate import: give exactly one XLIFF file (see 'trustdocs translate import --help')")
		return exitUsage
	}
	file := pos[0]
	doc, xerrs := translate.ReadXLIFF(file)
	if doc == nil {
		printDiagnostics(stderr, xerrs)
		fmt.Fprintf(stderr, "%s: %s; nothing imported\n", file, countErrors(xerrs))
		return exitContent
	}
	site, ok := loadForTranslate("import", *content, stderr)
	if !ok {
		return exitContent
	}
	res, diags := translate.Import(site, doc, translate.ImportOptions{Force: *force})
	printDiagnostics(stderr, diags)
	if diags.HasErrors() {
		fmt.Fprintf(stderr, "%s: %s; nothing imported\n", file, countErrors(diags))
		return exitContent
	}
	const shown = 10
	for i, s := range res.Skipped {
		if i == shown {
			fmt.Fprintf(stdout, "skipped %d more units\n", len(res.Skipped)-shown)
			break
		}
		fmt.Fprintf(stdout, "skipped %s\n", s)
	}
	for _, u := range res.NowStale {
		fmt.Fprintf(stderr, "%s: warning: the %s source text of %s changed after the export: imported, but it is stale\n", u.Pos, u.Src, u.What)
	}
	verb := "imported"
	if *dryRun {
		verb = "would import"
		for _, c := range res.Changes {
			fmt.Fprintf(stdout, "would write %s\n", c.Path)
		}
	} else if err := translate.Commit(res.Changes); err != nil {
		fmt.Fprintf(stderr, "trustdocs translate import: %v\n", err)
		return exitContent
	}
	fmt.Fprintf(stdout, "%s %d %s translations into %d files (%d unchanged, %d skipped)\n", verb, len(res.Imported), res.Lang, len(res.Changes), res.Unchanged, len(res.Skipped))
	return exitOK
}

func runTranslateMark(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("translate mark [UNIT…]", "Records, next to each translation without a source hash, the hash of its current\nsource text: says it was made from that text. With --stale, stale translations\n(updated by hand) are marked too. Give UNITs (IDs or prefixes) to mark only those.", stdout, stderr)
	content := fs.String("content", "content", "content `directory`")
	lang := fs.String("lang", "", "target `language`, e.g. en")
	stale := fs.Bool("stale", false, "mark stale translations too: they were updated to the new source text")
	dryRun := fs.Bool("dry-run", false, "say what would change, write nothing")
	ids, code, ok := parse(fs, args, stdout)
	if !ok {
		return code
	}
	site, ok := loadForTranslate("mark", *content, stderr)
	if !ok {
		return exitContent
	}
	if !checkLang("mark", *lang, site, stderr) {
		return exitUsage
	}
	res, diags := translate.Mark(site, translate.MarkOptions{Lang: *lang, Stale: *stale, IDs: ids})
	printDiagnostics(stderr, diags)
	if diags.HasErrors() {
		fmt.Fprintf(stderr, "%s: %s; nothing marked\n", *content, countErrors(diags))
		return exitContent
	}
	if *dryRun {
		for _, u := range res.Marked {
			fmt.Fprintf(stdout, "would mark %s (%s)\n", u.ID, u.Pos)
		}
		return exitOK
	}
	if err := translate.Commit(res.Changes); err != nil {
		fmt.Fprintf(stderr, "trustdocs translate mark: %v\n", err)
		return exitContent
	}
	fmt.Fprintln(stdout, res.Summary(*lang))
	return exitOK
}
