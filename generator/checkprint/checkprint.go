// Package checkprint prints the outcome of a check in the forms `trustdocs
// check` offers: text for people (coloured on a terminal), JSON for programs,
// and GitHub Actions workflow commands, which show every diagnostic inline in
// a pull request.
package checkprint

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"trustdocs/generator/diag"
	"trustdocs/generator/validate"
)

// Output formats.
const (
	Text   = "text"
	JSON   = "json"
	GitHub = "github"
)

// Formats are the formats a Printer knows.
var Formats = []string{Text, JSON, GitHub}

// Printer prints the outcome of a check in one format.
type Printer struct {
	format         string
	stdout, stderr io.Writer
	// colour stdout and stderr (text format on a terminal only)
	colourOut, colourErr bool
}

// New is a printer of format; colourOut and colourErr say whether stdout and
// stderr are terminals that want colour (only the text format uses it).
func New(format string, stdout, stderr io.Writer, colourOut, colourErr bool) (*Printer, error) {
	known := false
	for _, f := range Formats {
		known = known || f == format
	}
	if !known {
		return nil, fmt.Errorf("unknown --format %q: use %s", format, strings.Join(Formats, ", "))
	}
	p := &Printer{format: format, stdout: stdout, stderr: stderr}
	if format == Text {
		p.colourOut, p.colourErr = colourOut, colourErr
	}
	return p, nil
}

// ANSI colours.
const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[1;31m"
	ansiYellow = "\x1b[1;33m"
	ansiGreen  = "\x1b[1;32m"
)

// Print prints the diagnostics and then either the closing error count or
// the report.
func (p *Printer) Print(content string, report *validate.Report, diags *diag.List) {
	items := diags.Items()
	switch p.format {
	case JSON:
		p.json(content, report, diags, items)
		return
	case GitHub:
		for _, d := range items {
			fmt.Fprintln(p.stdout, GitHubCommand(d))
		}
	default:
		for _, d := range items {
			fmt.Fprintln(p.stderr, p.textLine(d))
		}
	}
	if diags.HasErrors() {
		fmt.Fprintf(p.stderr, "%s: %s\n", content, diags.Errors())
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
func (p *Printer) textLine(d diag.Diagnostic) string {
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

func (p *Printer) report(content string, r *validate.Report, warnings int) {
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

// GitHubCommand is d as a GitHub Actions workflow command:
// ::error file=F,line=L,col=C::message (or ::warning …).
func GitHubCommand(d diag.Diagnostic) string {
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

// JSONDiagnostic is one diagnostic in the JSON output.
type JSONDiagnostic struct {
	File     string `json:"file,omitempty"`
	Line     int    `json:"line,omitempty"`
	Col      int    `json:"col,omitempty"`
	Severity string `json:"severity"` // "error" or "warning"
	Message  string `json:"message"`
}

// JSONCoverage is the translation coverage of one language.
type JSONCoverage struct {
	Lang       string `json:"lang"`
	Have       int    `json:"have"`
	Total      int    `json:"total"`
	Percent    int    `json:"percent"`
	Stale      int    `json:"stale"`
	Unrecorded int    `json:"unrecorded"`
}

// JSONSummary is the report of a check without errors.
type JSONSummary struct {
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
	Translations  []JSONCoverage   `json:"translations"`
	NextReview    *validate.Review `json:"next_review,omitempty"`
}

// JSONResult is the whole JSON output of check.
type JSONResult struct {
	Content     string           `json:"content"`
	OK          bool             `json:"ok"`
	Errors      int              `json:"errors"`
	Warnings    int              `json:"warnings"`
	Diagnostics []JSONDiagnostic `json:"diagnostics"`
	Summary     *JSONSummary     `json:"summary"` // null when there are errors
}

func (p *Printer) json(content string, r *validate.Report, diags *diag.List, items []diag.Diagnostic) {
	res := JSONResult{Content: content, OK: !diags.HasErrors(), Errors: diags.ErrorCount(),
		Warnings: warningCount(items), Diagnostics: []JSONDiagnostic{}}
	for _, d := range items {
		sev := "error"
		if d.Severity == diag.Warning {
			sev = "warning"
		}
		res.Diagnostics = append(res.Diagnostics, JSONDiagnostic{File: d.Pos.File, Line: d.Pos.Line, Col: d.Pos.Col, Severity: sev, Message: d.Msg})
	}
	if res.OK && r != nil {
		s := &JSONSummary{Documents: r.Documents, Subsystems: r.Subsystems, Measures: r.Measures, Vendors: r.Vendors,
			Sites: r.Sites, Pages: r.Pages, Goals: r.Goals, Threats: r.Threats, Requirements: r.Requirements,
			TOMCategories: r.TOMCategories, Translations: []JSONCoverage{}, NextReview: r.NextReview}
		for _, c := range r.Coverage {
			s.Translations = append(s.Translations, JSONCoverage{Lang: c.Lang, Have: c.Have, Total: c.Total,
				Percent: c.Percent(), Stale: c.Stale, Unrecorded: c.Unrecorded})
		}
		res.Summary = s
	}
	enc := json.NewEncoder(p.stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	enc.Encode(res)
}
