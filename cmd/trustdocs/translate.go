package main

import (
	"bytes"
	"flag"
	"fmt"

	"trustdocs/generator/durable"
	"trustdocs/generator/load"
	"trustdocs/generator/model"
	"trustdocs/generator/outfile"
	"trustdocs/generator/translate"
	"trustdocs/generator/validate"
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

// loadForTranslate loads the content; translating needs a tree without
// load errors (missing translations and dangling references are fine).
// With a language, it must be one to translate into.
func (c *cli) loadForTranslate(name string, lang bool) (*model.Site, error) {
	site, diags := load.Load(c.content)
	if diags.HasErrors() {
		diags.Print(c.stderr)
		return nil, failed("%s: %s: fix them before 'trustdocs translate %s'", c.content, diags.Errors(), name)
	}
	if err := translate.CheckLang(site, c.lang); lang && err != nil {
		return nil, usageErr("%v", err)
	}
	return site, nil
}

var exportCommand = &command{
	name:     "translate export [UNIT…]",
	synopsis: "Writes the texts of a language that are missing or stale (whose source changed since\nthey were translated) as XLIFF 2.0, with the source text, the current translation\nand a stable ID per field. Give UNITs (IDs or prefixes) to export only those.",
	nargs:    -1,
	shared: []flagSpec{{name: "content"}, {name: "lang"}, {name: "out", usage: "XLIFF `file` to write (- for standard output)"},
		{name: "force", usage: "overwrite an existing --out file that an export did not write"}},
	flags: func(fs *flag.FlagSet, c *cli) func() error {
		all := fs.Bool("all", false, "export every text, not only the missing and stale ones")
		return func() error {
			if c.out == "" {
				return usageErr("give the file to write with --out FILE (or --out - for standard output)")
			}
			info, name := c.stdout, c.out
			if c.out == "-" {
				info, name = c.stderr, "standard output"
			} else {
				ours := func(head []byte) bool { return bytes.Contains(head, []byte(`<mda:metaGroup category="trustdocs">`)) }
				if err := outfile.Guard(c.out, []string{c.content}, c.force, ours); err != nil {
					return usageErr("%v", err)
				}
			}
			site, err := c.loadForTranslate("export", true)
			if err != nil {
				return err
			}
			doc, units, err := translate.Export(site, translate.ExportOptions{Lang: c.lang, All: *all, IDs: c.args})
			if err != nil {
				return err
			}
			if doc == nil {
				fmt.Fprintf(info, "nothing to translate: every %s text is there and current (--all exports every text)\n", c.lang)
				return nil
			}
			var buf bytes.Buffer
			if err := translate.WriteXLIFF(&buf, doc); err != nil {
				return err
			}
			if c.out == "-" {
				c.stdout.Write(buf.Bytes())
			} else if err := durable.WriteFile(c.out, buf.Bytes(), 0o644); err != nil {
				return err
			}
			fmt.Fprintf(info, "wrote %s: %d %s units (%s) from %d files\n", name, len(units), c.lang, translate.Counts(units), len(doc.Files))
			return nil
		}
	},
}

var importCommand = &command{
	name:     "translate import FILE",
	synopsis: "Writes the translations of an XLIFF file (made by 'translate export') back into\nthe content files, with the hash of the source text they were made from. Only\nthe translated values change; comments, order and layout stay. Units still in\nstate initial with an unchanged target are skipped. A file made for other content\nchanges nothing and exits 1; so does any other error: all files or none.",
	nargs:    1,
	argsHint: "give exactly one XLIFF file (see 'trustdocs translate import --help')",
	shared: []flagSpec{{name: "content"}, {name: "dry-run"},
		{name: "force", usage: "overwrite translations that were changed in the content since the export"}},
	flags: func(fs *flag.FlagSet, c *cli) func() error {
		return func() error {
			file := c.args[0]
			doc, xerrs := translate.ReadXLIFF(file)
			if doc == nil {
				xerrs.Print(c.stderr)
				return failed("%s: %s; nothing imported", file, xerrs.Errors())
			}
			site, err := c.loadForTranslate("import", false)
			if err != nil {
				return err
			}
			res, diags := translate.Import(site, doc, translate.ImportOptions{Force: c.force})
			diags.Print(c.stderr)
			if diags.HasErrors() {
				return failed("%s: %s; nothing imported", file, diags.Errors())
			}
			// What the import writes must load: checked on a copy, before
			// anything is written.
			trial, err := translate.Trial(site.Dir, res.Changes, validate.OwnRules)
			if err != nil {
				return fmt.Errorf("%v; nothing imported", err)
			}
			if trial.HasErrors() {
				trial.Print(c.stderr)
				return failed("%s: the translations would make %s in the content; nothing imported: fix them in the XLIFF file", file, trial.Errors())
			}
			for _, l := range res.SkippedLines(10) {
				fmt.Fprintln(c.stdout, l)
			}
			for _, u := range res.NowStale {
				fmt.Fprintf(c.stderr, "%s: warning: the %s source text of %s changed after the export: imported, but it is stale\n", u.Pos, u.Src, u.What)
			}
			verb := "imported"
			if c.dryRun {
				verb = "would import"
				for _, ch := range res.Changes {
					fmt.Fprintf(c.stdout, "would write %s\n", ch.Path)
				}
			} else if err := translate.Commit(res.Changes); err != nil {
				return err
			}
			fmt.Fprintf(c.stdout, "%s %d %s translations into %d files (%d unchanged, %d skipped)\n", verb, len(res.Imported), res.Lang, len(res.Changes), res.Unchanged, len(res.Skipped))
			return nil
		}
	},
}

var markCommand = &command{
	name:     "translate mark [UNIT…]",
	synopsis: "Records, next to each translation without a source hash, the hash of its current\nsource text: says it was made from that text. With --stale, stale translations\n(updated by hand) are marked too. Give UNITs (IDs or prefixes) to mark only those.",
	nargs:    -1,
	shared:   []flagSpec{{name: "content"}, {name: "lang"}, {name: "dry-run"}},
	flags: func(fs *flag.FlagSet, c *cli) func() error {
		stale := fs.Bool("stale", false, "mark stale translations too: they were updated to the new source text")
		return func() error {
			site, err := c.loadForTranslate("mark", true)
			if err != nil {
				return err
			}
			res, diags := translate.Mark(site, translate.MarkOptions{Lang: c.lang, Stale: *stale, IDs: c.args})
			diags.Print(c.stderr)
			if diags.HasErrors() {
				return failed("%s: %s; nothing marked", c.content, diags.Errors())
			}
			if c.dryRun {
				for _, u := range res.Marked {
					fmt.Fprintf(c.stdout, "would mark %s (%s)\n", u.ID, u.Pos)
				}
				return nil
			}
			if err := translate.Commit(res.Changes); err != nil {
				return err
			}
			fmt.Fprintln(c.stdout, res.Summary(c.lang))
			return nil
		}
	},
}
