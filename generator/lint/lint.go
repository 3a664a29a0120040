// Package lint finds what a valid site allows but probably did not mean: a
// vendor outside the EU/EEA without a transfer safeguard, an expired
// certification, a subprocessor or a measure no subsystem mentions, a
// not-relevant goal whose reason is no reason, citations of superseded
// law, and English terms the glossary marks as wrong (terminology.go).
//
// It takes a site that passed package validate (lints on a broken site
// would only repeat its errors) and gives warnings, each at its position
// and ending in the lint's name in brackets, e.g. "[superseded-law]". A
// site turns lints off by name in content/lint.yaml (disable: […]).
package lint

import (
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"trustdocs/generator/diag"
	"trustdocs/generator/load"
	"trustdocs/generator/model"
	"trustdocs/themes"
)

// The lints, by name.
const (
	TransferSafeguard    = "transfer-safeguard"
	ExpiredCertification = "expired-certification"
	UnusedSubprocessor   = "unused-subprocessor"
	UnreferencedMeasure  = "unreferenced-measure"
	GoalReason           = "goal-reason"
	SupersededLaw        = "superseded-law"
	Terminology          = "terminology"
	TOMControl           = "tom-control"  // a canonical control of Art. 32 with neither a measure nor a status
	TOMSimilar           = "tom-similar"  // two measures with nearly the same text
	TOMRepeated          = "tom-repeated" // the same text twice in one category
)

// Names lists every lint.
var Names = []string{TransferSafeguard, ExpiredCertification, UnusedSubprocessor, UnreferencedMeasure, GoalReason, SupersededLaw, Terminology,
	TOMControl, TOMSimilar, TOMRepeated}

// LawFile is the theme file that lists references to superseded law.
const LawFile = "lint/superseded-law.yaml"

// Options adjust a lint run.
type Options struct {
	// Today is the date certifications are measured against; the zero
	// value skips that lint.
	Today time.Time
	// Theme holds lint/superseded-law.yaml and lint/terminology.yaml; nil
	// means the default theme.
	Theme fs.FS
}

// soon is how many days ahead an expiring certification is reported.
const soon = 30

// Run lints site. The error is for a broken theme file, not for the site.
func Run(site *model.Site, opts Options) (*diag.List, error) {
	theme := opts.Theme
	if theme == nil {
		theme = themes.Default()
	}
	rules, err := ThemeRules(theme)
	if err != nil {
		return nil, err
	}
	terms, err := ThemeTerms(theme)
	if err != nil {
		return nil, err
	}
	l := &linter{site: site, opts: opts, out: &diag.List{}, off: map[string]bool{}}
	for _, id := range site.Lint.Disable {
		if !slices.Contains(Names, id.ID) {
			msg := fmt.Sprintf("unknown lint %q in disable", id.ID)
			if s := load.Suggest(id.ID, Names); s != "" {
				msg += fmt.Sprintf(": did you mean %q?", s)
			} else {
				msg += "; the lints are: " + strings.Join(Names, ", ")
			}
			l.out.Warnf(id.Pos, "%s", msg)
		}
		l.off[id.ID] = true
	}
	l.transfers()
	l.certifications()
	l.unusedSubprocessors()
	l.unreferencedMeasures()
	l.goalReasons()
	l.tomControls()
	l.tomDuplicates()
	if err := l.law(append(rules, site.Lint.SupersededLaw...)); err != nil {
		return nil, err
	}
	if err := l.terminology(l.mergeTerms(terms, site.Lint.Terminology)); err != nil {
		return nil, err
	}
	return l.out, nil
}

type linter struct {
	site    *model.Site
	opts    Options
	out     *diag.List
	off     map[string]bool
	anyRule *regexp.Regexp // all superseded-law patterns as one
}

func (l *linter) warn(name string, pos diag.Pos, format string, args ...any) {
	if l.off[name] {
		return
	}
	l.out.Warnf(pos, "%s [%s]", fmt.Sprintf(format, args...), name)
}

// adequate are the countries with an EU adequacy decision (Art. 45 GDPR);
// the USA only for companies certified under the Data Privacy Framework
// (transfer: dpf).
var adequate = set("AD AR CA CH FO GB GG IL IM JE JP KR NZ UY")

func set(s string) map[string]bool {
	m := map[string]bool{}
	for _, f := range strings.Fields(s) {
		m[f] = true
	}
	return m
}

// transfers: data processed outside the EU/EEA needs a safeguard, and the
// safeguard named must fit the country.
func (l *linter) transfers() {
	for _, v := range l.site.Vendors {
		countries := make([]string, 0, len(v.Locations))
		for _, c := range v.Locations {
			countries = append(countries, c.ID)
		}
		where := "processes data in"
		if len(countries) == 0 && v.Address.Country.ID != "" {
			countries = []string{v.Address.Country.ID}
			where = "is based in"
		}
		var outside []string
		for _, c := range countries {
			if !model.InEEA(c) { // transfers within the EU/EEA need no safeguard
				outside = append(outside, c)
			}
		}
		if len(outside) == 0 {
			continue
		}
		out := strings.Join(outside, ", ")
		if len(v.Transfers) == 0 {
			l.warn(TransferSafeguard, v.ID.Pos, "vendor %q %s %s (outside the EU/EEA) but names no transfer safeguard: add transfer: adequacy, scc or dpf", v.ID.ID, where, out)
			continue
		}
		// Each country outside must be covered by one of the bases: SCCs
		// cover any, an adequacy decision its countries, the DPF the USA.
		var uncovered []string
		for _, c := range outside {
			ok := false
			for _, t := range v.Transfers {
				ok = ok || t.Basis.ID == model.TransferSCC ||
					t.Basis.ID == model.TransferAdequacy && adequate[c] ||
					t.Basis.ID == model.TransferDPF && c == "US"
			}
			if !ok {
				uncovered = append(uncovered, c)
			}
		}
		if len(uncovered) == 0 {
			continue
		}
		pos, not := v.Transfers[0].Pos, strings.Join(uncovered, ", ")
		switch basis := v.Transfers[0].Basis.ID; {
		case len(v.Transfers) > 1:
			l.warn(TransferSafeguard, pos, "vendor %q %s %s, which none of its transfer bases covers: add scc for it", v.ID.ID, where, not)
		case basis == model.TransferAdequacy:
			l.warn(TransferSafeguard, pos, "vendor %q %s %s, for which the EU has no adequacy decision: use scc (or dpf for a US company certified under the Data Privacy Framework)", v.ID.ID, where, not)
		case basis == model.TransferDPF:
			l.warn(TransferSafeguard, pos, "vendor %q %s %s, but the Data Privacy Framework covers transfers to the USA only: use adequacy or scc", v.ID.ID, where, not)
		default:
			l.warn(TransferSafeguard, pos, "vendor %q %s %s (outside the EU/EEA), so transfer: none is not enough: use adequacy, scc or dpf", v.ID.ID, where, not)
		}
	}
}

// certifications: a certificate past its validity is no longer one.
func (l *linter) certifications() {
	if l.opts.Today.IsZero() {
		return
	}
	today := day(l.opts.Today)
	for _, v := range l.site.Vendors {
		for _, c := range v.Certifications {
			if c.ValidUntil.IsZero() {
				continue
			}
			until, err := time.Parse(time.DateOnly, c.ValidUntil.Value)
			if err != nil {
				continue
			}
			days := int(until.Sub(today).Hours() / 24)
			switch {
			case days < 0:
				l.warn(ExpiredCertification, c.ValidUntil.Pos, "certification %q of vendor %q expired on %s: record the renewed certificate's date, or remove it", c.Name, v.ID.ID, c.ValidUntil.Value)
			case days <= soon:
				l.warn(ExpiredCertification, c.ValidUntil.Pos, "certification %q of vendor %q expires on %s (in %d days): ask the vendor for the renewed certificate", c.Name, v.ID.ID, c.ValidUntil.Value, days)
			}
		}
	}
}

func day(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC) }

// hasSecurityConcept tells whether subsystems matter: only a security
// concept lists them.
func (l *linter) hasSecurityConcept() bool {
	for _, d := range l.site.Documents {
		if d.Type.ID == model.DocSecurityConcept {
			return true
		}
	}
	return false
}

// unusedSubprocessors: a subprocessor processes customer data, so the
// security concept should show where.
func (l *linter) unusedSubprocessors() {
	if !l.hasSecurityConcept() {
		return
	}
	used := map[string]bool{}
	for _, s := range l.site.Subsystems {
		used[s.Provider.ID] = true
		used[s.Contractor.ID] = true
	}
	for _, v := range l.site.Vendors {
		if v.Role.ID == model.RoleSubprocessor && !used[v.ID.ID] {
			l.warn(UnusedSubprocessor, v.ID.Pos, "subprocessor %q is the provider or contractor of no subsystem: the security concept should describe the system it runs (or is its role wrong?)", v.ID.ID)
		}
	}
}

// unreferencedMeasures: a measure that no subsystem lists is described in
// no chapter of the security concept.
func (l *linter) unreferencedMeasures() {
	if !l.hasSecurityConcept() {
		return
	}
	used := map[string]bool{}
	for _, s := range l.site.Subsystems {
		for _, m := range s.Measures {
			used[m.ID] = true
		}
	}
	for _, m := range l.site.Measures {
		if !used[m.ID.ID] && !m.TOMsOnly {
			l.warn(UnreferencedMeasure, m.ID.Pos, "measure %q is listed by no subsystem: add it to the measures of the subsystems it serves, or delete it", m.ID.ID)
		}
	}
}

// nonReasons are "reasons" that only restate that a goal is not relevant.
var nonReasons = set(strings.ReplaceAll(strings.Join([]string{
	"nicht_relevant", "irrelevant", "bedeutungslos", "entfällt", "keine", "keiner", "nein", "n/a", "na", "-", "–", "—",
	"nicht_anwendbar", "trifft_nicht_zu", "siehe_oben", "s._o.", "tbd", "todo", "offen",
	"not_relevant", "not_applicable", "does_not_apply", "none", "no", "see_above", "irrelevant",
}, " "), "_", "\x00"))

// goalReasons: "not relevant" needs a reason (package validate insists on
// one); this lint catches reasons that say nothing.
func (l *linter) goalReasons() {
	for _, s := range l.site.Subsystems {
		for _, g := range s.Goals {
			if g.Status.ID != model.GoalNotRelevant || !g.Reason.Set {
				continue
			}
			for _, lang := range l.site.LangIDs() {
				text := g.Reason.Values[lang]
				norm := strings.ToLower(strings.Trim(strings.TrimSpace(text), ".!;:"))
				norm = strings.Join(strings.Fields(norm), "\x00")
				if text != "" && (nonReasons[norm] || utf8.RuneCountInString(norm) < 3) {
					l.warn(GoalReason, g.Reason.LangPos[lang], "the reason (%s) why goal %q does not apply to subsystem %q says nothing (%q): say why, e.g. which data the system does not hold", lang, g.Goal.ID, s.ID.ID, strings.TrimSpace(text))
				}
			}
		}
	}
}

// rule is a compiled superseded-law entry.
type rule struct {
	model.LawRule
	re, not *regexp.Regexp
}

// readThemeList reads a theme's list file strictly (an unknown field is an
// error); a theme without the file gives an empty list.
func readThemeList[T any](theme fs.FS, file string) ([]T, error) {
	data, err := fs.ReadFile(theme, file)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		return nil, fmt.Errorf("theme file %s: %v", file, err)
	}
	var raw []T
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&raw); err != nil {
		return nil, fmt.Errorf("theme file %s: %v", file, err)
	}
	return raw, nil
}

// ThemeRules reads the theme's list of superseded law (a theme without the
// file has none).
func ThemeRules(theme fs.FS) ([]model.LawRule, error) {
	raw, err := readThemeList[struct {
		Pattern       string `yaml:"pattern"`
		NotFollowedBy string `yaml:"not_followed_by"`
		Old           string `yaml:"old"`
		New           string `yaml:"new"`
	}](theme, LawFile)
	if err != nil {
		return nil, err
	}
	var out []model.LawRule
	for i, r := range raw {
		if r.Pattern == "" || r.Old == "" || r.New == "" {
			return nil, fmt.Errorf("theme file %s: entry %d needs pattern, old and new", LawFile, i+1)
		}
		out = append(out, model.LawRule{Pattern: r.Pattern, NotFollowedBy: r.NotFollowedBy, Old: r.Old, New: r.New,
			Pos: diag.Pos{File: LawFile}})
	}
	return out, nil
}

// law finds citations of superseded law in every text and page.
func (l *linter) law(list []model.LawRule) error {
	if l.off[SupersededLaw] || len(list) == 0 {
		return nil
	}
	var rules []rule
	for _, r := range list {
		re, err := regexp.Compile(r.Pattern)
		if err != nil {
			return fmt.Errorf("%s: superseded-law pattern %q: %v", r.Pos, r.Pattern, err)
		}
		cr := rule{LawRule: r, re: re}
		if r.NotFollowedBy != "" {
			if cr.not, err = regexp.Compile(r.NotFollowedBy); err != nil {
				return fmt.Errorf("%s: superseded-law not_followed_by %q: %v", r.Pos, r.NotFollowedBy, err)
			}
		}
		rules = append(rules, cr)
	}
	// One pass of all patterns at once finds the (few) texts that cite
	// anything; only those are searched rule by rule.
	alts := make([]string, len(rules))
	for i, r := range rules {
		alts[i] = "(?:" + r.Pattern + ")"
	}
	anyRule, err := regexp.Compile(strings.Join(alts, "|"))
	if err != nil {
		anyRule = nil
	}
	l.anyRule = anyRule
	langs := l.site.LangIDs()
	for _, f := range model.Texts(l.site) {
		t := f.Text
		if !t.Set {
			continue
		}
		for _, lang := range langs {
			text := t.Values[lang]
			l.scan(rules, text, func(off int) diag.Pos {
				if start, ok := t.Verbatim[lang]; ok {
					return diag.Within(start, text, off)
				}
				return t.LangPos[lang]
			})
		}
	}
	for _, p := range l.site.Pages {
		l.scan(rules, p.Title, func(int) diag.Pos { return p.TitlePos })
		l.scan(rules, p.Body, func(off int) diag.Pos { return diag.Within(p.BodyPos, p.Body, off) })
	}
	return nil
}

func (l *linter) scan(rules []rule, text string, at func(off int) diag.Pos) {
	if text == "" || l.anyRule != nil && !l.anyRule.MatchString(text) {
		return
	}
	type hit struct {
		off int
		msg string
	}
	var hits []hit
	// One warning per citation: the first rule that matches at a place wins,
	// so a specific rule (§ 109(5) TKG) stands before a general one (§ 109 TKG).
	taken := map[int]bool{}
	for _, r := range rules {
		for _, m := range r.re.FindAllStringIndex(text, -1) {
			if taken[m[0]] || r.not != nil && r.not.MatchString(text[m[1]:]) {
				continue
			}
			taken[m[0]] = true
			cited := strings.Join(strings.Fields(text[m[0]:m[1]]), " ")
			hits = append(hits, hit{m[0], fmt.Sprintf("%q cites superseded law (%s): cite %s", cited, r.Old, r.New)})
		}
	}
	sort.Slice(hits, func(i, j int) bool { return hits[i].off < hits[j].off })
	for _, h := range hits {
		l.warn(SupersededLaw, at(h.off), "%s", h.msg)
	}
}
