package main

import (
	"cmp"
	"errors"
	"flag"
	"fmt"
	"time"

	"trustdocs/generator/build"
	"trustdocs/generator/durable"
	"trustdocs/generator/notice"
	"trustdocs/generator/outfile"
	"trustdocs/generator/release"
	"trustdocs/generator/term"
)

var releaseCommand = &command{
	name:     "release VERSION",
	synopsis: "Cuts an immutable release of the current content into content/releases/VERSION: the\nsnapshot, every document's PDF and the change notice. Refuses an existing version, a version\nor date lower than the last release's, a changed document that keeps its version (unless\n--bump) and an unchanged one with a new version, and, when subprocessors are added or\nreplaced, an effective date earlier than the date plus the notice period.",
	nargs:    1,
	argsHint: "give exactly one version, e.g. trustdocs release 2.1 --date 2026-12-01 --notes \"…\" --note en=\"…\"",
	shared: []flagSpec{{name: "content"}, {name: "theme"},
		{name: "sign-key", usage: "Ed25519 private key `file` (PEM) to sign the release with; its public half is site.yaml's release_key"}},
	flags: func(fs *flag.FlagSet, c *cli) func() error {
		date := fs.String("date", "", "release `date`, the day it is announced (YYYY-MM-DD, required)")
		effective := fs.String("effective", "", "`date` the release takes effect (default: the release date, or the date plus the notice period when subprocessors are added or replaced)")
		noticeDays := fs.Int("notice-days", 0, "notice period in `days` for subprocessor changes (Art. 28(2) GDPR; default: objections.notice_days of site.yaml, else 30)")
		sourceNotes := fs.String("notes", "", "release notes in the source language")
		approvedBy := fs.String("approved-by", "", "`name` of who approved the release (printed in the documents' history and the notice)")
		approved := fs.String("approved", "", "`date` of the approval (default: the release date)")
		bump := fs.Bool("bump", false, "raise the minor version of every changed document that still has its released version (in site.yaml too)")
		by := map[string]map[string]string{"": {}}
		fs.Var(release.Notes{By: by}, "note", "release notes in one language, `LANG=TEXT` (repeat per language)")
		fs.Var(release.Notes{Doc: true, By: by}, "doc-note", "notes about one document, `DOC:LANG=TEXT` (its history shows them instead of the release notes)")
		return func() error {
			if *date == "" {
				return usageErr("--date is required, e.g. --date 2026-12-01")
			}
			for _, d := range [][2]string{{"date", *date}, {"effective", *effective}, {"approved", *approved}} {
				if err := release.CheckDate(d[0], d[1]); err != nil {
					return usageErr("%v", err)
				}
			}
			n := by[""]
			if *sourceNotes != "" {
				n[""] = *sourceNotes
			}
			delete(by, "")
			key, err := c.signingKey()
			if err != nil {
				return err
			}
			created, err := sourceDateEpoch()
			if err != nil {
				return err
			}
			info, diags, err := build.Release(build.ReleaseOptions{
				Content: c.content, Theme: c.theme, Version: c.args[0], Date: *date, Effective: *effective,
				NoticeDays: *noticeDays, Notes: n, DocNotes: by, ApprovedBy: *approvedBy, Approved: *approved,
				Bump: *bump, SignKey: key, Created: created,
			})
			diags.Print(c.stderr)
			if err != nil && diags.HasErrors() {
				return errReported
			} else if err != nil {
				return err
			}
			fmt.Fprintf(c.stdout, "released %s (%s, effective %s) into %s/%s/%s\n", info.Version, info.Date, info.Effective, c.content, release.Dir, info.Version)
			for _, d := range info.Documents {
				fmt.Fprintf(c.stdout, "  %s\n", d)
			}
			return nil
		}
	},
}

var releasesCommand = &command{
	name:     "releases",
	synopsis: "Lists the releases, oldest first: version, date, effective date, notes.",
	shared:   []flagSpec{{name: "content"}},
	flags: func(fs *flag.FlagSet, c *cli) func() error {
		return func() error {
			rels, diags := release.Load(c.content)
			diags.Print(c.stderr)
			if diags.HasErrors() {
				return errReported
			}
			for _, r := range rels {
				fmt.Fprintf(c.stdout, "%s\t%s\teffective %s\t%s\n", r.Info.Version, r.Info.Date, r.Info.Effective, r.Info.Summary())
			}
			return nil
		}
	},
}

var diffCommand = &command{
	name:     "diff OLD NEW",
	synopsis: "Compares two releases (or \"current\", the content as it is) entity by entity and field\nby field; subprocessor changes first.",
	nargs:    2,
	argsHint: "give two versions, e.g. trustdocs diff 1.0 2.0 (or current)",
	shared: []flagSpec{{name: "content"}, {name: "theme"},
		{name: "lang", usage: "`language` of the report (default: the site's source language)"},
		{name: "format", def: "text", usage: "`format`: text, json, html (a standalone change report page) or pdf (the change report with the redline)"},
		{name: "out", usage: "write to `FILE` instead of standard output"},
		{name: "force", usage: "overwrite an existing --out file that diff did not write"}},
	flags: func(fs *flag.FlagSet, c *cli) func() error {
		return func() error {
			toStdout := c.out == ""
			switch c.format {
			case "text", "json", "html":
			case "pdf":
				if toStdout && term.Is(c.stdout) {
					return usageErr("--format pdf writes a PDF: give --out FILE or redirect standard output")
				}
			default:
				return usageErr("unknown --format %q: use text, json, html or pdf", c.format)
			}
			var err error
			if !toStdout {
				if err = outfile.Guard(c.out, []string{c.content}, c.force, notice.Written); err != nil {
					return usageErr("%v", err)
				}
			}
			var created time.Time // the PDF's date
			if c.format == "pdf" {
				if created, err = sourceDateEpoch(); err != nil {
					return err
				}
			}
			nt, th, diags, err := build.Compare(c.content, c.theme, c.args[0], c.args[1], c.lang)
			diags.Print(c.stderr)
			if err != nil {
				return err
			}
			data, warnings, err := nt.Encode(th, c.format, toStdout && term.Colour(c.stdout), created)
			for _, w := range warnings {
				fmt.Fprintf(c.stderr, "trustdocs diff: warning: line %d of the change notice: %s\n", w.Line, w.Message)
			}
			if err != nil {
				return err
			}
			if toStdout {
				if _, err := c.stdout.Write(data); err != nil {
					return fmt.Errorf("cannot write standard output: %v", cmp.Or(errors.Unwrap(err), err))
				}
				return nil
			}
			if err := durable.WriteFile(c.out, data, 0o644); err != nil {
				return fmt.Errorf("cannot write %s: %v (it is as it was)", c.out, cmp.Or(errors.Unwrap(err), err))
			}
			fmt.Fprintf(c.stdout, "wrote the change notice %s → %s (%s) to %s\n", nt.Old.Version, nt.New.Version, nt.Lang, c.out)
			return nil
		}
	},
}
