package render

import (
	"fmt"
	"regexp"
	"strings"

	"trustdocs/generator/markdown"
	"trustdocs/generator/model"
	"trustdocs/generator/plan"
)

// PlanWidth and PlanMaxHeight are the room the overview plan is laid out
// for: the PDF's text column and most of a page body, in points. The HTML
// page draws the same layout, scaled to its column, and on a phone a
// second one of a single column (plan.NarrowWidth wide).
const (
	PlanWidth     = 467
	PlanMaxHeight = 640
)

// overviewPlan is chapter 1.2's drawing: the overview plan laid out once
// (package plan) and written as a fenced block both backends draw, with
// its caption ("Abbildung 1: …"), then what the plan cannot show (sites
// without components, parts without a connection). Without plan data it
// says so instead. Given the chapter's text (body), it prints the text
// first and moves the text's closing legend ("RZ: Rechenzentrum") under
// the drawing, where the seed has it, so the two are never apart.
func (f *funcs) overviewPlan(body ...string) (string, error) {
	org := f.site.Organisation.Name
	text, legend := splitLegend(strings.Join(body, "\n\n"))
	if f.site.Plan == nil {
		s, err := f.t("PlanNoData", "Org", escape(org))
		return joinBlocks(text, strings.Join(legend, "\n\n"), s), err
	}
	d, notes, err := f.planDiagram()
	if err != nil {
		return "", err
	}
	var fig markdown.PlanFigure
	d.Legend = append(legend, d.Legend...)
	// One plan per document: it is figure 1.
	if fig.Caption, err = f.t("FigureCaption", "N", 1, "Title", d.Title); err != nil {
		return "", err
	}
	if fig.Wide, err = plan.Compute(d, plan.SansMetrics(), plan.Options{Width: PlanWidth, MaxHeight: PlanMaxHeight}); err != nil {
		return "", fmt.Errorf("overview plan: %v", err)
	}
	if fig.Narrow, err = plan.Compute(d, plan.SansMetrics(), plan.Options{Narrow: true}); err != nil {
		return "", fmt.Errorf("overview plan: %v", err)
	}
	block, err := markdown.PlanBlock(fig)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	if text != "" {
		b.WriteString(text + "\n\n")
	}
	b.WriteString(block)
	for _, n := range notes {
		b.WriteString("\n" + n + "\n")
	}
	return b.String(), nil
}

// legendLine is a paragraph that explains an abbreviation of the plan:
// "RZ: Rechenzentrum" (two to six capitals or digits, a colon, one line
// of plain words).
var legendLine = regexp.MustCompile(`^[A-ZÄÖÜ][A-ZÄÖÜ0-9]{1,5}: [^*_\\\[\]<>#|` + "`" + `\n]+$`)

// splitLegend takes the legend paragraphs off the end of a chapter text.
func splitLegend(body string) (text string, legend []string) {
	paras := strings.Split(strings.TrimSpace(body), "\n\n")
	n := len(paras)
	for n > 0 && legendLine.MatchString(strings.TrimSpace(paras[n-1])) {
		n--
	}
	for _, p := range paras[n:] {
		legend = append(legend, strings.TrimSpace(p))
	}
	return strings.TrimSpace(strings.Join(paras[:n], "\n\n")), legend
}

func joinBlocks(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "\n\n")
}

// planDiagram turns the resolved plan into plan's input: the staff's office
// sites as the company box, every other site with its components, the
// services, and the connections labelled with their protection.
func (f *funcs) planDiagram() (plan.Diagram, []string, error) {
	s, p := f.site, f.site.Plan
	title, err := f.t("PlanTitle", "Org", s.Organisation.Name)
	if err != nil {
		return plan.Diagram{}, nil, err
	}
	w, err := f.words("PlanInternet", "PlanStaff", "PlanNoComponents", "PlanDashed")
	if err != nil {
		return plan.Diagram{}, nil, err
	}
	hub, staffWord, none, dashedWord := w[0], w[1], w[2], w[3]
	d := plan.Diagram{Title: title, Hub: hub}
	names := map[string]string{model.PlanInternet: hub}

	staff := map[string]bool{}
	for _, id := range p.Staff {
		staff[id] = true
	}
	// alias maps every office site of the staff to the company box.
	alias := map[string]string{}
	if len(p.Staff) > 0 {
		var where []string
		for _, l := range s.Sites {
			if staff[l.ID] {
				where = append(where, l.Name)
				alias[l.ID] = p.Staff[0]
			}
		}
		d.Company = &plan.Node{ID: p.Staff[0], Label: s.Organisation.Name, Note: staffWord + ": " + strings.Join(where, ", ")}
		names[p.Staff[0]] = s.Organisation.Name
	}
	vendors := map[string]string{}
	for _, v := range s.Vendors {
		vendors[v.ID] = v.Name
	}
	var bare []string
	for _, l := range s.Sites {
		if staff[l.ID] {
			continue
		}
		g := plan.Group{Node: plan.Node{ID: l.ID, Label: l.Name, Note: note(l.Name, vendors[l.Vendor])}}
		for _, c := range l.Components {
			g.Components = append(g.Components, plan.Node{ID: c.ID, Label: c.Name})
			names[c.ID] = c.Name
		}
		if len(l.Components) == 0 {
			bare = append(bare, l.Name)
			g.Note = strings.TrimPrefix(g.Note+" · "+none, " · ")
		}
		d.Sites = append(d.Sites, g)
		names[l.ID] = l.Name
	}
	subsystems := map[string]model.RSubsystem{}
	for _, sub := range s.Subsystems {
		subsystems[sub.ID] = sub
	}
	for _, id := range p.Services {
		sub, ok := subsystems[id]
		if !ok {
			continue
		}
		n := plan.Node{ID: sub.ID, Label: sub.Title}
		if sub.Provider != nil {
			n.Note = note(sub.Title, sub.Provider.Name)
		}
		d.Services = append(d.Services, n)
		names[sub.ID] = sub.Title
	}

	connected := map[string]bool{}
	var desc []string
	for _, c := range p.Connections {
		from, to := c.From, c.To
		if a, ok := alias[from]; ok {
			from = a
		}
		if a, ok := alias[to]; ok {
			to = a
		}
		label, err := f.connectionLabel(c)
		if err != nil {
			return plan.Diagram{}, nil, err
		}
		l := plan.Link{From: from, To: to, Label: label, Dashed: c.Kind != model.ConnInternet}
		if l.Dashed && len(d.Legend) == 0 {
			d.Legend = append(d.Legend, dashedWord)
		}
		d.Links = append(d.Links, l)
		connected[from], connected[to] = true, true
		line := names[from] + " – " + names[to]
		if label != "" {
			line += " (" + label + ")"
		}
		desc = append(desc, line)
	}
	if d.Desc, err = f.t("PlanDesc", "Parts", strings.Join(desc, "; ")); err != nil {
		return plan.Diagram{}, nil, err
	}
	notes, err := f.planNotes(d, bare, connected)
	return d, notes, err
}

// planNotes are the sentences under the plan for what it cannot show:
// sites without components (bare) and parts without a connection.
func (f *funcs) planNotes(d plan.Diagram, bare []string, connected map[string]bool) ([]string, error) {
	var lonely []string
	if d.Company != nil && !connected[d.Company.ID] {
		lonely = append(lonely, d.Company.Label)
	}
	for _, g := range d.Sites {
		linked := connected[g.ID]
		for _, c := range g.Components {
			linked = linked || connected[c.ID]
		}
		if !linked {
			lonely = append(lonely, g.Label)
		}
	}
	for _, n := range d.Services {
		if !connected[n.ID] {
			lonely = append(lonely, n.Label)
		}
	}
	var notes []string
	for _, n := range []struct {
		id, arg string
		parts   []string
	}{{"PlanSitesWithoutComponents", "Sites", bare}, {"PlanUnconnected", "Parts", lonely}} {
		if len(n.parts) == 0 {
			continue
		}
		s, err := f.t(n.id, n.arg, escape(strings.Join(n.parts, ", ")))
		if err != nil {
			return nil, err
		}
		notes = append(notes, s)
	}
	return notes, nil
}

// words are the theme's messages ids, without arguments.
func (f *funcs) words(ids ...string) ([]string, error) {
	out := make([]string, len(ids))
	for i, id := range ids {
		w, err := f.t(id)
		if err != nil {
			return nil, err
		}
		out[i] = w
	}
	return out, nil
}

// note is the second line of a box: who runs it, unless the label says so.
func note(label, who string) string {
	if strings.Contains(strings.ToLower(label), strings.ToLower(who)) {
		return ""
	}
	return who
}

// connectionLabel is what the plan writes on a line: the kind of a direct
// connection, its protections, and its own label.
func (f *funcs) connectionLabel(c model.RConnection) (string, error) {
	var parts []string
	kinds := map[string]string{model.ConnVPN: "ConnVPN", model.ConnLeasedLine: "ConnLeasedLine", model.ConnLAN: "ConnLAN"}
	prots := map[string]string{"tls": "ProtTLS", "vpn": "ProtVPN", "ipsec": "ProtIPsec", "ssh": "ProtSSH", "none": "ProtNone"}
	if id, ok := kinds[c.Kind]; ok {
		w, err := f.t(id)
		if err != nil {
			return "", err
		}
		parts = append(parts, w)
	}
	for _, p := range c.Protection {
		id, ok := prots[p]
		if !ok {
			return "", fmt.Errorf("connection %s–%s: unknown protection %q", c.From, c.To, p)
		}
		w, err := f.t(id)
		if err != nil {
			return "", err
		}
		if len(parts) == 0 || parts[len(parts)-1] != w {
			parts = append(parts, w)
		}
	}
	if c.Label != "" {
		parts = append(parts, c.Label)
	}
	return strings.Join(parts, ", "), nil
}

// goalMatrix is the protection goals of every subsystem as one table:
// subsystems down, goals across (numbered, named below), a symbol per
// status, and the reasons for "not relevant" as numbered notes.
func (f *funcs) goalMatrix() (string, error) {
	s := f.site
	if len(s.Subsystems) == 0 || len(s.Goals) == 0 {
		return "", nil
	}
	symbol := map[string]string{
		model.GoalRelevant: "●", model.GoalDelegated: "→",
		model.GoalNotOperational: "○", model.GoalNotRelevant: "–",
	}
	words, err := f.words("GoalMatrix", "GoalMatrixSubsystem", "GoalMatrixGoals", "GoalMatrixLegend", "GoalMatrixReasons")
	if err != nil {
		return "", err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "**%s**\n\n| %s |", words[0], cell(words[1]))
	for i := range s.Goals {
		fmt.Fprintf(&b, " %d |", i+1)
	}
	b.WriteString("\n| --- |")
	for range s.Goals {
		b.WriteString(" :-: |")
	}
	b.WriteString("\n")
	var reasons []string
	for _, sub := range s.Subsystems {
		fmt.Fprintf(&b, "| %s |", cell(sub.Title))
		for _, g := range s.Goals {
			c := ""
			for _, sg := range sub.Goals {
				if sg.ID != g.ID {
					continue
				}
				c = symbol[sg.Status]
				if sg.Status == model.GoalNotRelevant && sg.Reason != "" {
					reasons = append(reasons, fmt.Sprintf("(%d) %s – %s: %s", len(reasons)+1, sub.Title, g.Title, sg.Reason))
					c += fmt.Sprintf(" (%d)", len(reasons))
				}
			}
			fmt.Fprintf(&b, " %s |", cell(c))
		}
		b.WriteString("\n")
	}
	b.WriteString("\n" + words[3] + "\n\n" + words[2] + "\n\n")
	for i, g := range s.Goals {
		fmt.Fprintf(&b, "%d. %s\n", i+1, g.Title)
	}
	if len(reasons) > 0 {
		b.WriteString("\n" + words[4] + "\n\n")
		for _, r := range reasons {
			b.WriteString("- " + r + "\n")
		}
	}
	return b.String(), nil
}
