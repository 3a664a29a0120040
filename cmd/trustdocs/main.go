// Command trustdocs builds security and data-protection documents (the
// Sicherheitskonzept, Anlage 1 TOMs, the subprocessor annex) from structured
// content, in every language of the site.
//
// This file only parses the command line and prints; the work is done by the
// packages under generator/.
package main

import (
	"crypto/ed25519"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"trustdocs/generator/build"
	"trustdocs/generator/diag"
	"trustdocs/generator/integrity"
	"trustdocs/generator/load"
)

// Exit statuses.
const (
	exitOK      = 0
	exitContent = 1 // the content has errors, or the output could not be written
	exitUsage   = 2 // the command line is wrong
)

// version is set at link time (-ldflags "-X main.version=…"); otherwise the
// module version from the build info is used.
var version = ""

const usage = `trustdocs builds security and data-protection documents from structured content.

Usage:
  trustdocs <command> [flags]

Commands:
  check     load and validate the content; print a summary or every error
  build     check, then write the output
  serve     build, serve on 127.0.0.1:1313, rebuild and reload on every change
  translate exchange translations with translators (XLIFF 2.0): export, import, mark
  new       start a subsystem, vendor, measure or site from a commented skeleton
  release   cut an immutable release of the current content
  releases  list the releases, oldest first
  diff      compare two releases (or "current"), field by field
  verify    check a published output: checksums and signature
  keygen    make an Ed25519 key pair for signing SHA256SUMS
  version   print the version
  help      show help for a command

Run 'trustdocs <command> --help' for the flags of a command.
Exit status: 0 ok, 1 content errors, 2 usage errors.
`

// commands are the names run knows, for "did you mean".
var commands = []string{"check", "build", "serve", "translate", "new", "release", "releases", "diff", "verify", "keygen", "version", "help"}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "check":
		return runCheck(rest, stdout, stderr)
	case "build":
		return runBuild(rest, stdout, stderr)
	case "translate":
		return runTranslate(rest, stdout, stderr)
	case "serve":
		return runServe(rest, stdout, stderr)
	case "new":
		return runNew(rest, stdout, stderr)
	case "release":
		return runRelease(rest, stdout, stderr)
	case "releases":
		return runReleases(rest, stdout, stderr)
	case "verify":
		return runVerify(rest, stdout, stderr)
	case "keygen":
		return runKeygen(rest, stdout, stderr)
	case "diff":
		return runDiff(rest, stdout, stderr)
	case "version", "--version", "-version":
		fmt.Fprintf(stdout, "trustdocs %s (%s)\n", versionString(), runtime.Version())
		return exitOK
	case "help", "-h", "-help", "--help":
		if len(rest) > 0 && rest[0] != "help" {
			return run([]string{rest[0], "--help"}, stdout, stderr)
		}
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	if s := load.Suggest(cmd, commands); s != "" {
		fmt.Fprintf(stderr, "trustdocs: unknown command %q: did you mean %q? (see 'trustdocs help')\n", cmd, s)
		return exitUsage
	}
	fmt.Fprintf(stderr, "trustdocs: unknown command %q\n\n%s", cmd, usage)
	return exitUsage
}

func versionString() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}

// newFlags makes a flag set that prints its help to stdout on --help.
func newFlags(name, synopsis string, stdout, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: trustdocs %s [flags]\n\n%s\n\nFlags:\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags that may stand before or after the arguments, as in git.
// It returns the positional arguments, or an exit status if parsing ended.
func parse(fs *flag.FlagSet, args []string, stdout io.Writer) ([]string, int, bool) {
	var positional []string
	// The flag package prints the whole usage on every error and on --help,
	// to its output (stderr): silence it, print help once to stdout, and on
	// a mistyped flag say which one was meant instead.
	usage, out := fs.Usage, fs.Output()
	fs.Usage = func() {}
	fs.SetOutput(io.Discard)
	defer func() { fs.Usage = usage; fs.SetOutput(out) }()
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fs.SetOutput(stdout)
				usage()
				out = stdout
				return nil, exitOK, false
			}
			msg := err.Error()
			if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
				name = strings.TrimLeft(name, "-")
				msg = fmt.Sprintf("unknown flag --%s", name)
				var names []string
				fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
				if s := load.Suggest(name, names); s != "" {
					msg += fmt.Sprintf(": did you mean --%s?", s)
				}
			}
			cmd := strings.Join(commandWords(fs.Name()), " ")
			fmt.Fprintf(out, "trustdocs %s: %s (see 'trustdocs %s --help')\n", cmd, msg, cmd)
			return nil, exitUsage, false
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, 0, true
		}
		if args[0] == "--" {
			return append(positional, args[1:]...), 0, true
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// commandWords are the leading lower-case words of a flag set's name
// ("translate export" of "translate export [FILE]"; "release" of
// "release VERSION").
func commandWords(name string) []string {
	var words []string
	for _, w := range strings.Fields(name) {
		if w != strings.ToLower(w) || strings.ContainsAny(w, "[|") {
			break
		}
		words = append(words, w)
	}
	return words
}

func noArgs(name string, positional []string, stderr io.Writer) bool {
	if len(positional) > 0 {
		fmt.Fprintf(stderr, "trustdocs %s: unexpected argument %q (see 'trustdocs %s --help')\n", name, positional[0], name)
		return false
	}
	return true
}

func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("check", "Loads and validates the content. Prints a summary and exits 0, or prints every\nerror as file:line:col: message and exits 1. Warnings (stale translations,\nreviews falling due, lints) never fail the check, unless --strict makes stale\ntranslations and overdue reviews errors.", stdout, stderr)
	content := fs.String("content", "content", "content `directory`")
	strict := fs.Bool("strict", false, "stale translations, translations without a source hash, and missing or overdue reviews are errors")
	format := fs.String("format", formatText, "output `format`: text, json, or github (GitHub Actions annotations)")
	today := fs.String("today", "", "the `date` (YYYY-MM-DD) reviews and certificates are measured against (default: today)")
	themeDir := fs.String("theme", "", "theme `directory` whose files shadow the default theme (its lint rules apply)")
	pos, code, ok := parse(fs, args, stdout)
	if !ok {
		return code
	}
	if !noArgs("check", pos, stderr) {
		return exitUsage
	}
	printer, err := newCheckPrinter(*format, stdout, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "trustdocs check: %v\n", err)
		return exitUsage
	}
	day, err := parseToday(*today, time.Now)
	if err != nil {
		fmt.Fprintf(stderr, "trustdocs check: %v\n", err)
		return exitUsage
	}
	_, report, diags, err := build.CheckAll(build.CheckOptions{Content: *content, Theme: *themeDir, Today: day, Strict: *strict})
	if err != nil {
		fmt.Fprintf(stderr, "trustdocs check: %v\n", err)
		return exitContent
	}
	printer.print(*content, report, diags)
	if diags.HasErrors() {
		return exitContent
	}
	return exitOK
}

func runBuild(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("build", "Checks the content, then writes the documents into the output directory.\nThe previous output is replaced only by a complete, successful build.", stdout, stderr)
	content := fs.String("content", "content", "content `directory`")
	theme := fs.String("theme", "", "theme `directory` whose files shadow the default theme")
	out := fs.String("out", "output", "output `directory`")
	signKey := fs.String("sign-key", "", "Ed25519 private key `file` (PEM, from 'trustdocs keygen') to sign SHA256SUMS with, into SHA256SUMS.sig")
	verbose := fs.Bool("v", false, "list every file written and the time of each stage")
	timings := fs.Bool("timings", false, "print the time of each stage")
	quiet := fs.Bool("quiet", false, "print nothing on success")
	workers := fs.Int("workers", 0, "PDFs typeset at once (default: the number of CPUs)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the build to `file` (go tool pprof)")
	today := fs.String("today", "", "the build `day` (YYYY-MM-DD) that decides which release is in force (default: the date of SOURCE_DATE_EPOCH, else today)")
	aud := fs.String("audience", "", "build only the edition for this `audience` of site.yaml, into the output directory itself (default: every edition, each into OUT/<audience>/, leak-checked)")
	pos, code, ok := parse(fs, args, stdout)
	if !ok {
		return code
	}
	if !noArgs("build", pos, stderr) {
		return exitUsage
	}
	created, err := sourceDateEpoch()
	if err != nil {
		fmt.Fprintf(stderr, "trustdocs build: %v\n", err)
		return exitUsage
	}
	day := *today
	if day == "" && !created.IsZero() {
		day = created.Format(time.DateOnly)
	}
	if day != "" {
		if _, err := parseToday(day, time.Now); err != nil {
			fmt.Fprintf(stderr, "trustdocs build: %v\n", err)
			return exitUsage
		}
	}
	var key ed25519.PrivateKey
	if *signKey != "" {
		if key, err = integrity.ReadPrivateKey(*signKey); err != nil {
			fmt.Fprintf(stderr, "trustdocs build: --sign-key %v\n", err)
			return exitUsage
		}
	}
	if *cpuProfile != "" {
		stop, err := startCPUProfile(*cpuProfile)
		if err != nil {
			fmt.Fprintf(stderr, "trustdocs build: --cpuprofile: %v\n", err)
			return exitUsage
		}
		defer stop()
	}
	stopProgress := startProgress(stderr, *quiet)
	res, diags, err := buildEditions(build.Options{Content: *content, Theme: *theme, Out: *out, Created: created, SignKey: key, Workers: *workers, Today: day, Audience: *aud})
	stopProgress()
	if !*quiet || err != nil {
		printDiagnostics(stderr, diags)
	}
	if err != nil {
		if diags.HasErrors() {
			fmt.Fprintf(stderr, "%s: %s; %s left unchanged\n", *content, countErrors(diags), *out)
		} else {
			fmt.Fprintf(stderr, "trustdocs build: %v\n", err)
		}
		return exitContent
	}
	if !*quiet {
		printBuildSummary(stdout, res, *out, *verbose, *timings || *verbose)
	}
	return exitOK
}

// maxEpoch is 9999-12-31T23:59:59Z, the last second a PDF date can hold.
const maxEpoch = 253402300799

// sourceDateEpoch reads SOURCE_DATE_EPOCH (reproducible-builds.org), the
// date to write into the PDFs instead of each document's own date.
func sourceDateEpoch() (time.Time, error) {
	v := os.Getenv("SOURCE_DATE_EPOCH")
	if v == "" {
		return time.Time{}, nil
	}
	sec, err := strconv.ParseInt(v, 10, 64)
	if err != nil || sec < 0 {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a number of seconds since 1970", v)
	}
	if sec > maxEpoch {
		// A PDF date has four digits for the year.
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q is after the year 9999: give at most %d", v, maxEpoch)
	}
	return time.Unix(sec, 0).UTC(), nil
}

func printDiagnostics(w io.Writer, diags *diag.List) {
	for _, d := range diags.Items() {
		fmt.Fprintln(w, d.String())
	}
}

func countErrors(diags *diag.List) string {
	n := diags.ErrorCount()
	if n == 1 {
		return "1 error"
	}
	return fmt.Sprintf("%d errors", n)
}
