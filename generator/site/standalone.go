package site

import (
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"html/template"

	"trustdocs/generator/model"
	"trustdocs/generator/theme"
)

// StandaloneChanges renders the change report of release r in lang as one
// self-contained HTML page (trustdocs diff --format html): the layout of
// the site's change report pages with the theme's style sheet inline,
// allowed by its hash in the Content-Security-Policy, and no links into a
// site. res is the newer state's model in lang.
func StandaloneChanges(th *theme.Theme, res *model.Resolved, r *Release, lang string) ([]byte, error) {
	c := r.Changes[lang]
	if c == nil || res == nil {
		return nil, fmt.Errorf("site: no change report in %s", lang)
	}
	css, err := th.ReadFile("static/site.css")
	if err != nil {
		return nil, fmt.Errorf("site: the theme has no static/site.css: %v", err)
	}
	sum := sha256.Sum256(css)
	loc := th.Localizer(lang)
	lays, err := parseLayouts(th.FS, loc)
	if err != nil {
		return nil, err
	}
	b := &builder{in: Input{Theme: th, Releases: []*Release{r}}, langs: []string{lang}, files: map[string][]byte{}, has: map[string]bool{}, standalone: true}
	view, err := b.releaseView(r, lang, "changes.html", loc)
	if err != nil {
		return nil, err
	}
	view.Href, view.Changes = "", ""
	p := Page{
		Lang: lang, Org: res.Organisation, OrgAddress: addressLines(res.Organisation.Address, lang), People: res.People,
		Standalone: true, Style: template.CSS(css), StyleHash: "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'",
		Release: view,
	}
	if p.Changes, err = b.changesDoc(c.Markdown, lang, loc, view); err != nil {
		return nil, err
	}
	p.Title = p.Changes.Title
	if err := b.execute(lays, "changes", "changes.html", &p); err != nil {
		return nil, err
	}
	return b.files["changes.html"], nil
}
