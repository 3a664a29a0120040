package validate

import (
	"fmt"
	"time"

	"trustdocs/generator/diag"
	"trustdocs/generator/model"
)

// The checks of this file keep translations and reviews current: they are
// warnings, or errors with Options.Strict.

// flag reports a problem that Strict makes an error.
func (v *checker) flag(pos diag.Pos, format string, args ...any) {
	if v.opts.Strict {
		v.errs.Errorf(pos, format, args...)
	} else {
		v.errs.Warnf(pos, format, args...)
	}
}

func (v *checker) countFresh(m *map[string]int, lang string) {
	if *m == nil {
		*m = map[string]int{}
	}
	(*m)[lang]++
}

// checkSources compares each translation's recorded source hash with the
// source text it stands next to.
func (v *checker) checkSources(f model.TextField) {
	t := f.Text
	src := v.site.SourceLang()
	source := t.Values[src]
	if !t.Set || source == "" {
		return
	}
	hash := model.SourceHash(source)
	for _, lang := range v.site.LangIDs()[1:] {
		if t.Values[lang] == "" {
			continue
		}
		pos := t.LangPos[lang]
		switch rec := t.Hashes[lang]; {
		case rec == "":
			v.countFresh(&v.unrecorded, lang)
			if v.opts.Strict {
				v.errs.Errorf(pos, "translation (%s) of %s records no source hash: check it against the %s text, then run 'trustdocs translate mark --lang %s %s'", lang, f.What, src, lang, f.Unit)
			}
		case rec != hash:
			v.countFresh(&v.stale, lang)
			v.flag(pos, "stale translation (%s): source text changed: %s; update the %s text, then run 'trustdocs translate mark --lang %s --stale %s'", lang, f.What, lang, lang, f.Unit)
		}
	}
}

// checkPageSources does for pages what checkSources does for texts: a
// translated page records the hash of the source page's title and body.
func (v *checker) checkPageSources() {
	src := v.site.SourceLang()
	sources := map[string]*model.Page{}
	for _, p := range v.site.Pages {
		if p.Lang == src {
			sources[p.Name] = p
		}
	}
	for _, p := range v.site.Pages {
		sp := sources[p.Name]
		if p.Lang == src || sp == nil || sp.Body == "" || p.Body == "" {
			continue
		}
		unit := model.PageUnit(p.Name)
		switch {
		case p.Source == "":
			v.countFresh(&v.unrecorded, p.Lang)
			if v.opts.Strict {
				v.errs.Errorf(p.Pos, "translation (%s) of page %q records no source hash: check it against %s, then run 'trustdocs translate mark --lang %s %s'", p.Lang, p.Name, sp.Pos.File, p.Lang, unit)
			}
		case p.Source != model.PageHash(sp.Title, sp.Body):
			v.countFresh(&v.stale, p.Lang)
			v.flag(p.SourcePos, "stale translation (%s): source text changed: page %q (%s); update this page, then run 'trustdocs translate mark --lang %s --stale %s'", p.Lang, p.Name, sp.Pos.File, p.Lang, unit)
		}
	}
}

// reviewSoon is how far ahead check warns of a review falling due.
const reviewSoon = 30

// checkReviews wants documents and subsystems reviewed within their
// interval. A site that sets review_interval wants every one reviewed.
func (v *checker) checkReviews() {
	for _, d := range v.site.Documents {
		v.review(fmt.Sprintf("document %q", d.ID.ID), d.ID.Pos, d.Reviewed, d.ReviewInterval)
	}
	for _, s := range v.site.Subsystems {
		v.review(fmt.Sprintf("subsystem %q", s.ID.ID), s.ID.Pos, s.Reviewed, s.ReviewInterval)
	}
}

func (v *checker) review(what string, at diag.Pos, reviewed model.Date, own model.Interval) {
	iv := v.site.ReviewIntervalOf(own)
	if reviewed.IsZero() {
		if !v.site.ReviewInterval.IsZero() || !own.IsZero() {
			v.flag(at, "%s has no review date: review it, then record the day as reviewed: YYYY-MM-DD (it is due every %s)", what, iv)
		}
		return
	}
	last, err := time.Parse(time.DateOnly, reviewed.Value)
	if err != nil {
		return // reported by the loader
	}
	due := iv.After(last)
	if v.next == nil || due.Format(time.DateOnly) < v.next.Due {
		v.next = &Review{What: what, Due: due.Format(time.DateOnly)}
	}
	if v.opts.Today.IsZero() {
		return
	}
	today := v.opts.Today
	today = time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	days := int(due.Sub(today).Hours() / 24)
	switch {
	case last.After(today):
		v.errs.Warnf(reviewed.Pos, "the review date of %s, %s, lies in the future (today is %s)", what, reviewed.Value, today.Format(time.DateOnly))
	case days < 0:
		v.flag(reviewed.Pos, "review of %s is overdue: last reviewed on %s, due on %s (every %s); review it and update reviewed:", what, reviewed.Value, due.Format(time.DateOnly), iv)
	case days <= reviewSoon:
		v.errs.Warnf(reviewed.Pos, "review of %s is due on %s, %s: last reviewed on %s (every %s)", what, due.Format(time.DateOnly), inDays(days), reviewed.Value, iv)
	}
}

func inDays(n int) string {
	switch n {
	case 0:
		return "today"
	case 1:
		return "tomorrow"
	}
	return fmt.Sprintf("in %d days", n)
}
