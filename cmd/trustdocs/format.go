package main

// The output formats of `trustdocs check`: text for people (coloured on a
// terminal), JSON for programs, and GitHub Actions workflow commands, which
// show every diagnostic inline in a pull request.

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"trustdocs/generator/diag"
	"trustdocs/generator/validate"
)

// Check output formats.
const (
	formatText   = "text"
	formatJSON   = "json"
	formatGitHub = "github"
)

var formats = []string{formatText, formatJSON, formatGitHub}

// checkPrinter prints the outcome of a check in one format.
type checkPrinter struct {
	format         string
	stdout, stderr io.Writer
	// colour stdout and stderr (text format on a terminal only)
	colourOut, colourErr bool
}

func newCheckPrinter(format string, stdout, stderr io.Writer) (*checkPrinter, error) {
	known := false
	for _, f := range formats {
		known = known || f == format
	}
	if !known {
		return nil, fmt.Errorf("unknown --format %q: use %s", format, strings.Join(formats, ", "))
	}
	p := &checkPrinter{format: format, stdout: stdout, stderr: stderr}
	if format == formatText && wantColour() {
		p.colourOut, p.colourErr = isTTY(stdout), isTTY(stderr)
	}
	return p, nil
}

// wantColour respects NO_COLOR (https://no-color.org) and dumb terminals.
func wantColour() bool {
	return os.Getenv("NO_COLOR") == "" && os.Getenv("TERM") != "dumb"
}

// isTTY reports whether w is a terminal (a character device).
func isTTY(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// ANSI colours.
const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[1;31m"
	ansiYellow = "\x1b[1;33m"
	ansiGreen  = "\x1b[1;32m"
)

// print prints the diagnostics and then either the closing error count or
// the report.
func (p *checkPrinter) print(content string, report *validate.Report, diags *diag.List) {
	items := diags.Items()
	switch p.format {
	case formatJSON:
		p.json(content, report, diags, items)
		return
	case formatGitHub:
		for _, d := range items {
			fmt.Fprintln(p.stdout, githubCommand(d))
		}
	default:
		for _, d := range items {
			fmt.Fprintln(p.stderr, p.textLine(d))
		}
	}
	if diags.HasErrors() {
		fmt.Fprintf(p.stderr, "%s: %s\n", content, countErrors(diags))
		return
	}
	p.report(content, report, warningCount(items))
}

func warningCount(items []diag.Diagnostic) int {
	n := 0
	for _, d := range items {
		if d.Severity == diag.Warning {
			n++
		}
	}
	return n
}

// textLine is d as file:line:col: message, in colour on a terminal.
func (p *checkPrinter) textLine(d diag.Diagnostic) string {
	if !p.colourErr {
		return d.String()
	}
	pos := d.Pos.String()
	if pos != "" {
		pos += ":"
	}
	if d.Severity == diag.Warning {
		return strings.TrimLeft(ansiBold+pos+ansiReset+" "+ansiYellow+"warning:"+ansiReset+" "+d.Msg, " ")
	}
	return strings.TrimLeft(ansiRed+pos+ansiReset+" "+d.Msg, " ")
}

func (p *checkPrinter) report(content string, r *validate.Report, warnings int) {
	w := p.stdout
	fmt.Fprintf(w, "%s: %d documents, %d subsystems, %d measures, %d vendors, %d sites, %d pages\n",
		content, r.Documents, r.Subsystems, r.Measures, r.Vendors, r.Sites, r.Pages)
	fmt.Fprintf(w, "catalogue: %d protection goals, %d threats, %d requirements, %d TOM categories\n",
		r.Goals, r.Threats, r.Requirements, r.TOMCategories)
	parts := make([]string, len(r.Coverage))
	var fresh []string
	for i, c := range r.Coverage {
		parts[i] = fmt.Sprintf("%s %d %% (%d/%d)", c.Lang, c.Percent(), c.Have, c.Total)
		var notes []string
		if c.Stale > 0 {
			notes = append(notes, fmt.Sprintf("%d stale", c.Stale))
		}
		if c.Unrecorded > 0 {
			notes = append(notes, fmt.Sprintf("%d without source hash (after checking them, run 'trustdocs translate mark --lang %s')", c.Unrecorded, c.Lang))
		}
		if len(notes) > 0 {
			fresh = append(fresh, c.Lang+": "+strings.Join(notes, ", "))
		}
	}
	line := "translations: " + strings.Join(parts, ", ")
	if len(fresh) > 0 {
		line += "; " + strings.Join(fresh, "; ")
	}
	fmt.Fprintln(w, line)
	if r.NextReview != nil {
		fmt.Fprintf(w, "reviews: next due on %s (%s)\n", r.NextReview.Due, r.NextReview.What)
	}
	ok := "ok"
	switch warnings {
	case 0:
	case 1:
		ok += " (1 warning)"
	default:
		ok += fmt.Sprintf(" (%d warnings)", warnings)
	}
	if p.colourOut {
		ok = ansiGreen + ok + ansiReset
	}
	fmt.Fprintln(w, ok)
}

// githubCommand is d as a GitHub Actions workflow command:
// ::error file=F,line=L,col=C::message (or ::warning …).
func githubCommand(d diag.Diagnostic) string {
	kind := "error"
	if d.Severity == diag.Warning {
		kind = "warning"
	}
	var props []string
	if d.Pos.File != "" {
		props = append(props, "file="+githubProperty(d.Pos.File))
		if d.Pos.Line > 0 {
			props = append(props, fmt.Sprintf("line=%d", d.Pos.Line))
			if d.Pos.Col > 0 {
				props = append(props, fmt.Sprintf("col=%d", d.Pos.Col))
			}
		}
	}
	cmd := "::" + kind
	if len(props) > 0 {
		cmd += " " + strings.Join(props, ",")
	}
	return cmd + "::" + githubData(d.Msg)
}

// githubData escapes a command's message as the runner expects.
func githubData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// githubProperty escapes a property value: also ":" and ",".
func githubProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// jsonDiagnostic is one diagnostic in the JSON output.
type jsonDiagnostic struct {
	File     string `json:"file,omitempty"`
	Line     int    `json:"line,omitempty"`
	Col      int    `json:"col,omitempty"`
	Severity string `json:"severity"` // "error" or "warning"
	Message  string `json:"message"`
}

type jsonCoverage struct {
	Lang       string `json:"lang"`
	Have       int    `json:"have"`
	Total      int    `json:"total"`
	Percent    int    `json:"percent"`
	Stale      int    `json:"stale"`
	Unrecorded int    `json:"unrecorded"`
}

type jsonSummary struct {
	Documents     int              `json:"documents"`
	Subsystems    int              `json:"subsystems"`
	Measures      int              `json:"measures"`
	Vendors       int              `json:"vendors"`
	Sites         int              `json:"sites"`
	Pages         int              `json:"pages"`
	Goals         int              `json:"goals"`
	Threats       int              `json:"threats"`
	Requirements  int              `json:"requirements"`
	TOMCategories int              `json:"tom_categories"`
	Translations  []jsonCoverage   `json:"translations"`
	NextReview    *validate.Review `json:"next_review,omitempty"`
}

// jsonResult is the whole JSON output of check.
type jsonResult struct {
	Content     string           `json:"content"`
	OK          bool             `json:"ok"`
	Errors      int              `json:"errors"`
	Warnings    int              `json:"warnings"`
	Diagnostics []jsonDiagnostic `json:"diagnostics"`
	Summary     *jsonSummary     `json:"summary"` // null when there are errors
}

func (p *checkPrinter) json(content string, r *validate.Report, diags *diag.List, items []diag.Diagnostic) {
	res := jsonResult{Content: content, OK: !diags.HasErrors(), Errors: diags.ErrorCount(),
		Warnings: warningCount(items), Diagnostics: []jsonDiagnostic{}}
	for _, d := range items {
		sev := "error"
		if d.Severity == diag.Warning {
			sev = "warning"
		}
		res.Diagnostics = append(res.Diagnostics, jsonDiagnostic{File: d.Pos.File, Line: d.Pos.Line, Col: d.Pos.Col, Severity: sev, Message: d.Msg})
	}
	if res.OK && r != nil {
		s := &jsonSummary{Documents: r.Documents, Subsystems: r.Subsystems, Measures: r.Measures, Vendors: r.Vendors,
			Sites: r.Sites, Pages: r.Pages, Goals: r.Goals, Threats: r.Threats, Requirements: r.Requirements,
			TOMCategories: r.TOMCategories, Translations: []jsonCoverage{}, NextReview: r.NextReview}
		for _, c := range r.Coverage {
			s.Translations = append(s.Translations, jsonCoverage{Lang: c.Lang, Have: c.Have, Total: c.Total,
				Percent: c.Percent(), Stale: c.Stale, Unrecorded: c.Unrecorded})
		}
		res.Summary = s
	}
	enc := json.NewEncoder(p.stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	enc.Encode(res)
}

// parseToday reads --today: a date, or "" for the real date.
func parseToday(s string, now func() time.Time) (time.Time, error) {
	if s == "" {
		t := now()
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("invalid --today %q: write YYYY-MM-DD", s)
	}
	return t, nil
}
