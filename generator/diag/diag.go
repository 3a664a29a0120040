// Package diag collects positioned diagnostics (errors and warnings) the way a
// compiler does: every problem with its file, line and column, all at once,
// sorted, printed as "file:line:col: message".
//
// It takes positions and messages from the load and validate stages and gives
// the CLI one value to print and to decide the exit status from.
package diag

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Pos is a place in a content file. Line and Col are 1-based; 0 means unknown.
type Pos struct {
	File string // path as the user gave it (relative to the working directory)
	Line int
	Col  int
}

func (p Pos) String() string {
	file := QuoteName(p.File)
	switch {
	case p.File == "":
		return ""
	case p.Line == 0:
		return file
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", file, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", file, p.Line, p.Col)
}

// QuoteName gives a file name as it can be printed: unchanged if it holds
// only printable characters, else quoted with escapes, so that a name with
// a line break cannot forge a second message and one with U+202E cannot
// turn the line around.
func QuoteName(name string) string {
	if strings.IndexFunc(name, unsafeRune) < 0 {
		return name
	}
	return strconv.QuoteToGraphic(name)
}

func unsafeRune(r rune) bool {
	return !unicode.IsGraphic(r) || unicode.Is(unicode.Bidi_Control, r) || r == utf8.RuneError
}

// Severity tells whether a diagnostic fails the build.
type Severity int

const (
	Error Severity = iota
	Warning
)

// Diagnostic is one problem at one place.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	Msg      string
}

func (d Diagnostic) String() string {
	msg := d.Msg
	if d.Severity == Warning {
		msg = "warning: " + msg
	}
	if p := d.Pos.String(); p != "" {
		return p + ": " + msg
	}
	return msg
}

// List gathers diagnostics. The zero value is ready to use.
type List struct {
	items []Diagnostic
}

// Errorf adds an error at pos.
func (l *List) Errorf(pos Pos, format string, args ...any) {
	l.items = append(l.items, Diagnostic{Pos: pos, Severity: Error, Msg: fmt.Sprintf(format, args...)})
}

// Warnf adds a warning at pos.
func (l *List) Warnf(pos Pos, format string, args ...any) {
	l.items = append(l.items, Diagnostic{Pos: pos, Severity: Warning, Msg: fmt.Sprintf(format, args...)})
}

// Add appends diagnostics from another list.
func (l *List) Add(other *List) {
	if other != nil {
		l.items = append(l.items, other.items...)
	}
}

// Items returns the diagnostics sorted by file, line, column and message,
// with exact duplicates removed.
func (l *List) Items() []Diagnostic {
	items := append([]Diagnostic(nil), l.items...)
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i], items[j]
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Pos.Col != b.Pos.Col {
			return a.Pos.Col < b.Pos.Col
		}
		return a.Msg < b.Msg
	})
	out := items[:0]
	for i, d := range items {
		if i > 0 && d == items[i-1] {
			continue
		}
		out = append(out, d)
	}
	return out
}

// ErrorCount is the number of diagnostics with severity Error.
func (l *List) ErrorCount() int {
	n := 0
	for _, d := range l.items {
		if d.Severity == Error {
			n++
		}
	}
	return n
}

// Errors counts the errors for a closing line: "1 error", "3 errors".
func (l *List) Errors() string {
	if n := l.ErrorCount(); n != 1 {
		return fmt.Sprintf("%d errors", n)
	}
	return "1 error"
}

// Print writes every diagnostic to w, one per line, in the order of Items.
func (l *List) Print(w io.Writer) {
	if l == nil {
		return
	}
	for _, d := range l.Items() {
		fmt.Fprintln(w, d.String())
	}
}

// HasErrors reports whether any error (not warning) was recorded.
func (l *List) HasErrors() bool { return l.ErrorCount() > 0 }

// Err returns nil when there are no errors, else an error whose text lists
// every diagnostic, one per line.
func (l *List) Err() error {
	if !l.HasErrors() {
		return nil
	}
	return &ListError{Items: l.Items()}
}

// ListError is the error form of a List.
type ListError struct {
	Items []Diagnostic
}

func (e *ListError) Error() string {
	lines := make([]string, len(e.Items))
	for i, d := range e.Items {
		lines[i] = d.String()
	}
	return strings.Join(lines, "\n")
}

// At is the start of a file: the position of problems with a file (or
// folder) as a whole, so every message still reads file:line:col.
func At(file string) Pos { return Pos{File: file, Line: 1, Col: 1} }

// Or joins alternatives the way messages name them: "a", "a or b",
// "a, b or c". Callers quote the items if they should be quoted.
func Or(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}

// Quoted returns the items in double quotes, for Or.
func Quoted(items []string) []string {
	out := make([]string, len(items))
	for i, s := range items {
		out[i] = strconv.Quote(s)
	}
	return out
}
