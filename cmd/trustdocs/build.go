package main

import (
	"flag"
	"fmt"
	"os"
	"runtime/pprof"
	"time"

	"trustdocs/generator/build"
	"trustdocs/generator/checkprint"
	"trustdocs/generator/term"
)

var checkCommand = &command{
	name:     "check",
	synopsis: "Loads and validates the content. Prints a summary and exits 0, or prints every\nerror as file:line:col: message and exits 1. Warnings (stale translations,\nreviews falling due, lints) never fail the check, unless --strict makes stale\ntranslations and overdue reviews errors.",
	shared: []flagSpec{{name: "content"}, {name: "theme", usage: "theme `directory` whose files shadow the default theme (its lint rules apply)"},
		{name: "format", def: checkprint.Text, usage: "output `format`: text, json, or github (GitHub Actions annotations)"},
		{name: "today", usage: "the `date` (YYYY-MM-DD) reviews and certificates are measured against (default: today)"}},
	flags: func(fs *flag.FlagSet, c *cli) func() error {
		strict := fs.Bool("strict", false, "stale translations, translations without a source hash, and missing or overdue reviews are errors")
		return func() error {
			printer, err := checkprint.New(c.format, c.stdout, c.stderr, term.Colour(c.stdout), term.Colour(c.stderr))
			if err != nil {
				return usageErr("%v", err)
			}
			day, err := parseToday(c.today, time.Now)
			if err != nil {
				return err
			}
			_, report, diags, err := build.CheckAll(build.CheckOptions{Content: c.content, Theme: c.theme, Today: day, Strict: *strict})
			if err != nil {
				return err
			}
			printer.Print(c.content, report, diags)
			if diags.HasErrors() {
				return errReported
			}
			return nil
		}
	},
}

var buildCommand = &command{
	name:     "build",
	synopsis: "Checks the content, then writes the documents into the output directory.\nThe previous output is replaced only by a complete, successful build.",
	shared: []flagSpec{{name: "content"}, {name: "theme"}, {name: "out", def: "output", usage: "output `directory`"},
		{name: "sign-key", usage: "Ed25519 private key `file` (PEM, from 'trustdocs keygen') to sign SHA256SUMS with, into SHA256SUMS.sig"},
		{name: "today", usage: "the build `day` (YYYY-MM-DD) that decides which release is in force (default: the date of SOURCE_DATE_EPOCH, else today)"}},
	flags: func(fs *flag.FlagSet, c *cli) func() error {
		verbose := fs.Bool("v", false, "list every file written and the time of each stage")
		timings := fs.Bool("timings", false, "print the time of each stage")
		quiet := fs.Bool("quiet", false, "print nothing on success")
		workers := fs.Int("workers", 0, "PDFs typeset at once (default: the number of CPUs)")
		aud := fs.String("audience", "", "build only the edition for this `audience` of site.yaml, into the output directory itself (default: every edition, each into OUT/<audience>/, leak-checked)")
		cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the build to `file` (go tool pprof)")
		return func() error {
			created, err := sourceDateEpoch()
			if err != nil {
				return err
			}
			day := c.today
			if day == "" && !created.IsZero() {
				day = created.Format(time.DateOnly)
			}
			if day != "" {
				if _, err := parseToday(day, time.Now); err != nil {
					return err
				}
			}
			key, err := c.signingKey()
			if err != nil {
				return err
			}
			if *cpuProfile != "" {
				stop, err := startCPUProfile(*cpuProfile)
				if err != nil {
					return usageErr("--cpuprofile: %v", err)
				}
				defer stop()
			}
			stopProgress := func() {}
			if !*quiet {
				stopProgress = term.Spinner(c.stderr, 2*time.Second, "building")
			}
			res, diags, err := buildEditions(build.Options{Content: c.content, Theme: c.theme, Out: c.out, Created: created, SignKey: key, Workers: *workers, Today: day, Audience: *aud})
			stopProgress()
			if !*quiet || err != nil {
				diags.Print(c.stderr)
			}
			if err != nil && diags.HasErrors() {
				return failed("%s: %s; %s left unchanged", c.content, diags.Errors(), c.out)
			} else if err != nil {
				return err
			}
			if !*quiet {
				fmt.Fprint(c.stdout, res.Summary(c.out, *verbose, *timings || *verbose))
			}
			return nil
		}
	},
}

// startCPUProfile profiles the process into file until the function it
// gives is called.
func startCPUProfile(file string) (func(), error) {
	f, err := os.Create(file)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}
