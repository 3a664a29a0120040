// Command trustdocs builds security and data-protection documents (the
// Sicherheitskonzept, Anlage 1 TOMs, the subprocessor annex) from structured
// content, in every language of the site.
//
// The CLI only parses the command line and prints; the work is done by the
// packages under generator/. Every command returns an error; run prints it
// and chooses the exit status.
package main

import (
	"cmp"
	"crypto/ed25519"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"trustdocs/generator/build"
	"trustdocs/generator/integrity"
	"trustdocs/generator/interrupt"
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

// A command is one sub-command: its usage, the flags it takes and what it
// does with them.
type command struct {
	name     string // with its arguments, as the usage line shows them
	synopsis string
	nargs    int    // positional arguments it takes; -1: any number
	argsHint string // said when nargs is not met (default: "unexpected argument")
	shared   []flagSpec
	// flags declares the command's own flags and returns what it does.
	flags func(fs *flag.FlagSet, c *cli) func() error
}

// commands are the commands, in the order of "did you mean".
var commands = []*command{checkCommand, buildCommand, serveCommand, newCommand, releaseCommand,
	releasesCommand, diffCommand, verifyCommand, keygenCommand,
	exportCommand, importCommand, markCommand}

// cli is what a running command reads: its arguments, the shared flags and
// the two output streams.
type cli struct {
	stdout, stderr                                    io.Writer
	args                                              []string
	content, theme, out, lang, format, today, signKey string
	force, dryRun                                     bool
}

// A flagSpec names a shared flag a command takes, with the command's own
// default and help text where they differ from the shared ones.
type flagSpec struct{ name, def, usage string }

// declare adds the shared flags to fs, each bound to its field of c.
func (c *cli) declare(fs *flag.FlagSet, specs []flagSpec) {
	strs := map[string]*string{"content": &c.content, "theme": &c.theme, "out": &c.out, "lang": &c.lang,
		"format": &c.format, "today": &c.today, "sign-key": &c.signKey}
	bools := map[string]*bool{"force": &c.force, "dry-run": &c.dryRun}
	defaults := map[string][2]string{
		"content": {"content", "content `directory`"},
		"theme":   {"", "theme `directory` whose files shadow the default theme"},
		"lang":    {"", "target `language`, e.g. en"},
		"dry-run": {"", "say what would change, write nothing"},
	}
	for _, s := range specs {
		d := defaults[s.name]
		def, usage := cmp.Or(s.def, d[0]), cmp.Or(s.usage, d[1])
		if p, ok := bools[s.name]; ok {
			fs.BoolVar(p, s.name, false, usage)
		} else {
			fs.StringVar(strs[s.name], s.name, def, usage)
		}
	}
}

// exitError is an error with its exit status. A bare one is printed as it
// is, others after "trustdocs COMMAND: "; one without text prints nothing
// (what was wrong is printed already).
type exitError struct {
	code int
	bare bool
	msg  string
}

func (e *exitError) Error() string { return e.msg }

func usageErr(format string, a ...any) error {
	return &exitError{code: exitUsage, msg: fmt.Sprintf(format, a...)}
}

// failed is a content error whose message names its own file or directory.
func failed(format string, a ...any) error {
	return &exitError{code: exitContent, bare: true, msg: fmt.Sprintf(format, a...)}
}

// errReported ends a command whose errors are printed already.
var errReported = &exitError{code: exitContent}

// errHelp ends a command that printed its help.
var errHelp = &exitError{code: exitOK}

func main() {
	interrupt.Main(func() int { return run(os.Args[1:], os.Stdout, os.Stderr) })
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	name, rest := args[0], args[1:]
	switch name {
	case "version", "--version", "-version":
		fmt.Fprintf(stdout, "trustdocs %s (%s)\n", versionString(), runtime.Version())
		return exitOK
	case "help", "-h", "-help", "--help":
		if len(rest) > 0 && rest[0] != "help" {
			return run([]string{rest[0], "--help"}, stdout, stderr)
		}
		fmt.Fprint(stdout, usage)
		return exitOK
	case "translate":
		if len(rest) == 0 {
			fmt.Fprint(stderr, translateUsage)
			return exitUsage
		}
		switch rest[0] {
		case "help", "-h", "-help", "--help":
			fmt.Fprint(stdout, translateUsage)
			return exitOK
		case "export", "import", "mark":
			name, rest = name+" "+rest[0], rest[1:]
		default:
			fmt.Fprintf(stderr, "trustdocs translate: unknown command %q\n\n%s", rest[0], translateUsage)
			return exitUsage
		}
	}
	var names []string
	for _, c := range commands {
		if words := strings.Join(commandWords(c.name), " "); words == name {
			return c.run(rest, stdout, stderr)
		} else if !strings.Contains(words, " ") {
			names = append(names, words)
		}
	}
	if s := load.Suggest(name, append(names, "translate", "version", "help")); s != "" {
		fmt.Fprintf(stderr, "trustdocs: unknown command %q: did you mean %q? (see 'trustdocs help')\n", name, s)
		return exitUsage
	}
	fmt.Fprintf(stderr, "trustdocs: unknown command %q\n\n%s", name, usage)
	return exitUsage
}

// run parses the command's flags, runs it, and prints its error: the one
// place that chooses the exit status.
func (cmd *command) run(args []string, stdout, stderr io.Writer) int {
	words := strings.Join(commandWords(cmd.name), " ")
	fs := flag.NewFlagSet(cmd.name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: trustdocs %s [flags]\n\n%s\n\nFlags:\n", cmd.name, cmd.synopsis)
		fs.PrintDefaults()
	}
	c := &cli{stdout: stdout, stderr: stderr}
	c.declare(fs, cmd.shared)
	do := cmd.flags(fs, c)
	pos, err := parse(fs, args, stdout)
	if err == nil {
		c.args = pos
		switch {
		case cmd.nargs < 0 || len(pos) == cmd.nargs:
			err = do()
		case cmd.argsHint != "":
			err = usageErr("%s", cmd.argsHint)
		default:
			err = usageErr("unexpected argument %q (see 'trustdocs %s --help')", pos[0], words)
		}
	}
	var e *exitError
	if err == nil {
		return exitOK
	}
	if !errors.As(err, &e) {
		e = &exitError{code: exitContent, msg: err.Error()}
	}
	switch {
	case e.msg == "":
	case e.bare:
		fmt.Fprintln(stderr, e.msg)
	default:
		fmt.Fprintf(stderr, "trustdocs %s: %s\n", words, e.msg)
	}
	return e.code
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

// parse parses flags that may stand before or after the arguments, as in git.
// It returns the positional arguments, errHelp after printing the help, or
// the usage error of a wrong flag.
func parse(fs *flag.FlagSet, args []string, stdout io.Writer) ([]string, error) {
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
				return nil, errHelp
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
			return nil, usageErr("%s (see 'trustdocs %s --help')", msg, strings.Join(commandWords(fs.Name()), " "))
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		if args[0] == "--" {
			return append(positional, args[1:]...), nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// commandWords are the leading lower-case words of a command's name
// ("translate export" of "translate export [UNIT…]"; "release" of
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

// signingKey reads --sign-key, if given.
func (c *cli) signingKey() (ed25519.PrivateKey, error) {
	if c.signKey == "" {
		return nil, nil
	}
	key, err := integrity.ReadPrivateKey(c.signKey)
	if err != nil {
		return nil, usageErr("--sign-key %v", err)
	}
	return key, nil
}

// sourceDateEpoch reads SOURCE_DATE_EPOCH, the date to write into the PDFs.
func sourceDateEpoch() (time.Time, error) {
	t, err := build.SourceDateEpoch(os.Getenv("SOURCE_DATE_EPOCH"))
	if err != nil {
		return t, usageErr("%v", err)
	}
	return t, nil
}

// parseToday reads --today: a date, or "" for the real date.
func parseToday(s string, now func() time.Time) (time.Time, error) {
	if s == "" {
		t := now()
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, usageErr("invalid --today %q: write YYYY-MM-DD", s)
	}
	return t, nil
}
