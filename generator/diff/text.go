package diff

import (
	"fmt"
	"io"
	"strings"
)

// Localizer gives UI words (theme.Localizer satisfies it).
type Localizer interface {
	T(id string, data any) (string, error)
	// Count gives the plural form of id for n (one, other, …).
	Count(id string, n int, data map[string]any) (string, error)
}

// Header names the two states compared, dates already formatted.
type Header struct {
	Old, OldDate, New, NewDate string
	Effective, ObjectionUntil  string // formatted dates, may be empty
}

// ANSI colours for a terminal.
const (
	green = "\x1b[32m"
	red   = "\x1b[31m"
	bold  = "\x1b[1m"
	dim   = "\x1b[2m"
	reset = "\x1b[0m"
)

// WriteText writes the report for people: a heading per kind of entity,
// subprocessors first, each change with its fields' before and after.
// Colour only when color is true (a terminal).
func WriteText(w io.Writer, rep *Report, h Header, loc Localizer, color bool) error {
	p := &printer{w: w, loc: loc, color: color}
	p.line(p.paint(bold, p.t("DiffFromTo", map[string]any{"Old": h.Old, "OldDate": h.OldDate, "New": h.New, "NewDate": h.NewDate})))
	if h.Effective != "" {
		p.line(p.t("DiffEffective", map[string]any{"Date": h.Effective}))
	}
	if h.ObjectionUntil != "" {
		p.line(p.t("DiffObjection", map[string]any{"Date": h.ObjectionUntil}))
	}
	subst, edit := 0, 0
	for _, c := range rep.Changes {
		if c.Substantive {
			subst++
		} else {
			edit++
		}
	}
	p.line(p.t("DiffSummary", map[string]any{"Substantive": p.count("DiffSubstantive", subst), "Editorial": p.count("DiffEditorialCount", edit)}))
	if len(rep.Changes) == 0 {
		p.line("")
		p.line(p.t("DiffNone", nil))
	}
	for _, entity := range entityOrder {
		changes := rep.ByEntity(entity)
		if len(changes) == 0 {
			continue
		}
		p.line("")
		p.line(p.paint(bold, p.t(EntityKey(entity), nil)))
		for _, c := range changes {
			p.change(c)
		}
	}
	return p.err
}

type printer struct {
	w     io.Writer
	loc   Localizer
	color bool
	err   error
}

// count is the plural form of id for n: "1 redaktionelle Änderung".
func (p *printer) count(id string, n int) string {
	s, err := p.loc.Count(id, n, nil)
	if err != nil && p.err == nil {
		p.err = err
	}
	return s
}

func (p *printer) t(id string, data any) string {
	s, err := p.loc.T(id, data)
	if err != nil && p.err == nil {
		p.err = err
	}
	return s
}

func (p *printer) line(s string) {
	if p.err == nil {
		_, p.err = fmt.Fprintln(p.w, s)
	}
}

func (p *printer) paint(code, s string) string {
	if !p.color || s == "" {
		return s
	}
	return code + s + reset
}

func (p *printer) change(c Change) {
	mark, code := "~", bold
	switch c.Kind {
	case Added:
		mark, code = "+", green
	case Removed:
		mark, code = "-", red
	}
	kind := p.t(KindKey(c.Kind), nil)
	suffix := ""
	if !c.Substantive {
		suffix = " (" + p.t("DiffEditorial", nil) + ")"
	}
	// Named by its title only: an ID is the authors' handle, not the
	// reader's; only an entity without any title falls back to it.
	p.line(fmt.Sprintf("  %s %s: %s%s", p.paint(code, mark), kind, orID(c.Title, c.ID), suffix))
	for _, f := range c.Fields {
		name := p.fieldName(f.Name)
		switch {
		case c.Kind == Added:
			p.line(fmt.Sprintf("      %s: %s", name, p.paint(green, oneLine(f.New))))
		case c.Kind == Removed:
			p.line(fmt.Sprintf("      %s: %s", name, p.paint(red, oneLine(f.Old))))
		case len(f.Added) > 0 || len(f.Removed) > 0:
			if len(f.Added) > 0 {
				p.line(fmt.Sprintf("      %s: %s", name, p.paint(green, p.t("DiffItemsAdded", map[string]any{"Items": strings.Join(f.Added, "; ")}))))
			}
			if len(f.Removed) > 0 {
				p.line(fmt.Sprintf("      %s: %s", name, p.paint(red, p.t("DiffItemsRemoved", map[string]any{"Items": strings.Join(f.Removed, "; ")}))))
			}
		default:
			ed := ""
			if f.Editorial {
				ed = " (" + p.t("DiffEditorial", nil) + ")"
			}
			p.line(fmt.Sprintf("      %s%s:", name, ed))
			if f.Old != "" {
				p.line("        - " + p.paint(red, oneLine(f.Old)))
			}
			if f.New != "" {
				p.line("        + " + p.paint(green, oneLine(f.New)))
			}
		}
	}
}

// fieldName localizes a field; goals are fields named "goal:<title>".
func (p *printer) fieldName(name string) string {
	if title, ok := strings.CutPrefix(name, "goal:"); ok {
		return p.t("DiffGoal", map[string]any{"Title": title})
	}
	return p.t("Field."+name, nil)
}

// EntityKey is the UI message naming an entity kind (plural heading).
func EntityKey(entity string) string {
	return "Ent" + strings.ToUpper(entity[:1]) + entity[1:]
}

// KindKey is the UI message naming a kind of change.
func KindKey(kind string) string {
	return "Diff" + strings.ToUpper(kind[:1]) + kind[1:]
}

// EntityOrder lists the entity kinds in report order.
func EntityOrder() []string { return append([]string(nil), entityOrder...) }

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
