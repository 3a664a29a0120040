package lint

import (
	"fmt"
	"io/fs"
	"regexp"
	"sort"
	"strings"

	"trustdocs/generator/diag"
	"trustdocs/generator/load"
	"trustdocs/generator/model"
)

// TermFile is the theme file with the glossary's wrong terms (see
// docs/glossary.md): wrong English term → preferred term, with the reason
// and the context where the rule applies.
const TermFile = "lint/terminology.yaml"

// ThemeTerms reads the theme's terminology rules (a theme without the file
// has none). Every rule needs id, wrong, preferred and reason; IDs are
// unique and the patterns compile.
func ThemeTerms(theme fs.FS) ([]model.TermRule, error) {
	raw, err := readThemeList[struct {
		ID        string `yaml:"id"`
		Wrong     string `yaml:"wrong"`
		Source    string `yaml:"source"`
		Preferred string `yaml:"preferred"`
		Reason    string `yaml:"reason"`
		Context   string `yaml:"context"`
		Lang      string `yaml:"lang"`
	}](theme, TermFile)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var out []model.TermRule
	for i, r := range raw {
		if r.ID == "" || r.Wrong == "" || r.Preferred == "" || r.Reason == "" {
			return nil, fmt.Errorf("theme file %s: entry %d needs id, wrong, preferred and reason", TermFile, i+1)
		}
		if seen[r.ID] {
			return nil, fmt.Errorf("theme file %s: entry %d: id %q is used twice", TermFile, i+1, r.ID)
		}
		seen[r.ID] = true
		for _, p := range []string{r.Wrong, r.Source} {
			if _, err := regexp.Compile(p); err != nil {
				return nil, fmt.Errorf("theme file %s: entry %d (%s): %v", TermFile, i+1, r.ID, err)
			}
		}
		out = append(out, model.TermRule{ID: r.ID, Wrong: r.Wrong, Source: r.Source, Preferred: r.Preferred,
			Reason: r.Reason, Context: r.Context, Lang: r.Lang, Pos: diag.Pos{File: TermFile}})
	}
	return out, nil
}

// mergeTerms lays the site's rules over the theme's: a site rule with a
// theme rule's ID replaces it (or, with off: true, removes it); others are
// added. An off rule for an ID the theme does not have is a warning.
func (l *linter) mergeTerms(theme, site []model.TermRule) []model.TermRule {
	byID := map[string]int{}
	out := append([]model.TermRule(nil), theme...)
	for i, r := range out {
		byID[r.ID] = i
	}
	off := map[string]bool{}
	for _, r := range site {
		i, ok := byID[r.ID]
		switch {
		case r.Off && !ok:
			ids := make([]string, 0, len(theme))
			for _, t := range theme {
				ids = append(ids, t.ID)
			}
			msg := fmt.Sprintf("terminology rule %q is not in the theme, so off: true turns nothing off", r.ID)
			if s := load.Suggest(r.ID, ids); s != "" {
				msg += fmt.Sprintf(": did you mean %q?", s)
			}
			l.out.Warnf(r.Pos, "%s", msg)
		case r.Off:
			off[r.ID] = true
		case ok:
			out[i] = r
		default:
			byID[r.ID] = len(out)
			out = append(out, r)
		}
	}
	kept := out[:0]
	for _, r := range out {
		if !off[r.ID] {
			kept = append(kept, r)
		}
	}
	return kept
}

// termRule is a compiled terminology rule.
type termRule struct {
	model.TermRule
	wrong, source *regexp.Regexp
}

// terminology warns wherever a text in a rule's language uses a term the
// glossary marks as wrong (where the source-language text matches the
// rule's source, if it has one).
func (l *linter) terminology(list []model.TermRule) error {
	if l.off[Terminology] || len(list) == 0 {
		return nil
	}
	var rules []termRule
	for _, r := range list {
		cr := termRule{TermRule: r}
		var err error
		if cr.wrong, err = regexp.Compile(r.Wrong); err != nil {
			return fmt.Errorf("%s: terminology rule %q: wrong %q: %v", r.Pos, r.ID, r.Wrong, err)
		}
		if r.Source != "" {
			if cr.source, err = regexp.Compile(r.Source); err != nil {
				return fmt.Errorf("%s: terminology rule %q: source %q: %v", r.Pos, r.ID, r.Source, err)
			}
		}
		if cr.Lang == "" {
			cr.Lang = "en"
		}
		rules = append(rules, cr)
	}
	src := l.site.SourceLang()
	for _, f := range model.Texts(l.site) {
		t := f.Text
		if !t.Set {
			continue
		}
		for _, lang := range l.site.LangIDs() {
			if lang == src {
				continue
			}
			text := t.Values[lang]
			l.scanTerms(rules, lang, text, t.Values[src], func(off int) diag.Pos {
				if start, ok := t.Verbatim[lang]; ok {
					return diag.Within(start, text, off)
				}
				return t.LangPos[lang]
			})
		}
	}
	source := map[string]*model.Page{}
	for _, p := range l.site.Pages {
		if p.Lang == src {
			source[p.Name] = p
		}
	}
	for _, p := range l.site.Pages {
		if p.Lang == src {
			continue
		}
		var srcTitle, srcBody string
		if sp := source[p.Name]; sp != nil {
			srcTitle, srcBody = sp.Title, sp.Body
		}
		l.scanTerms(rules, p.Lang, p.Title, srcTitle, func(int) diag.Pos { return p.TitlePos })
		l.scanTerms(rules, p.Lang, p.Body, srcBody, func(off int) diag.Pos { return diag.Within(p.BodyPos, p.Body, off) })
	}
	return nil
}

func (l *linter) scanTerms(rules []termRule, lang, text, source string, at func(off int) diag.Pos) {
	if text == "" {
		return
	}
	type hit struct {
		off int
		msg string
	}
	var hits []hit
	for _, r := range rules {
		if r.Lang != lang || r.source != nil && !r.source.MatchString(source) {
			continue
		}
		for _, m := range r.wrong.FindAllStringIndex(text, -1) {
			found := strings.Join(strings.Fields(text[m[0]:m[1]]), " ")
			msg := fmt.Sprintf("%q: write %s", found, r.Preferred)
			if r.Context != "" {
				msg += "; applies to: " + r.Context
			}
			if r.Reason != "" {
				msg += "; why: " + r.Reason
			}
			msg += fmt.Sprintf("; glossary rule %q", r.ID)
			hits = append(hits, hit{m[0], msg})
		}
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].off < hits[j].off })
	for _, h := range hits {
		l.warn(Terminology, at(h.off), "%s", h.msg)
	}
}
