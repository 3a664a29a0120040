package site

import (
	"encoding/xml"
	"fmt"
	"net/url"
	"strings"

	"trustdocs/generator/diff"
	"trustdocs/generator/model"
)

// The Atom feeds (RFC 4287): feed.xml at the root with every language's
// entries, and <lang>/feed.xml; one entry per release and language, newest
// first, linking the release's change report (its page for the first
// release). Times are the release dates at 00:00 UTC, so the same releases
// give the same feed. Links are absolute when site.yaml has a base_url,
// relative to the feed otherwise; IDs are tag: URIs (RFC 4151) that never
// change with the URLs.

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr,omitempty"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Author  atomPerson  `xml:"author"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomPerson struct {
	Name  string `xml:"name"`
	Email string `xml:"email,omitempty"`
	URI   string `xml:"uri,omitempty"`
}

type atomLink struct {
	Rel      string `xml:"rel,attr,omitempty"`
	Type     string `xml:"type,attr,omitempty"`
	Href     string `xml:"href,attr"`
	Hreflang string `xml:"hreflang,attr,omitempty"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

type atomEntry struct {
	Lang    string     `xml:"xml:lang,attr,omitempty"`
	ID      string     `xml:"id"`
	Title   string     `xml:"title"`
	Updated string     `xml:"updated"`
	Links   []atomLink `xml:"link"`
	Summary atomText   `xml:"summary"`
}

func (b *builder) feeds() error {
	all := b.feed("", b.langs)
	data, err := all()
	if err != nil {
		return err
	}
	b.files[Feed] = data
	for _, l := range b.langs {
		data, err := b.feed(l, []string{l})()
		if err != nil {
			return err
		}
		b.files[l+"/"+Feed] = data
	}
	return nil
}

// feed returns the writer of the feed with the entries of langs, at
// <lang>/feed.xml, or at the root for lang "".
func (b *builder) feed(lang string, langs []string) func() ([]byte, error) {
	return func() ([]byte, error) {
		name := Feed
		titleLang, titleKey, home := b.langs[0], "SiteFeedAllTitle", "index.html"
		if lang != "" {
			name = lang + "/" + Feed
			titleLang, titleKey, home = lang, "SiteFeedTitle", lang+"/index.html"
		}
		org := b.in.Models.Get(titleLang).Organisation
		title, err := b.in.Theme.Localizer(titleLang).T(titleKey, map[string]any{"Org": org.Name})
		if err != nil {
			return nil, err
		}
		f := atomFeed{
			Lang: lang, Title: title, ID: b.tag("feed", lang),
			Author: atomPerson{Name: org.Name, Email: org.Email, URI: org.Website},
			Links: []atomLink{
				{Rel: "self", Type: "application/atom+xml", Href: b.link(name, name)},
				{Rel: "alternate", Type: "text/html", Href: b.link(name, home)},
			},
		}
		// The register of subprocessors, for tools that follow the feed.
		for _, l := range langs {
			for _, d := range b.in.Docs {
				if d.Lang == l && d.Type == model.DocSubprocessors {
					f.Links = append(f.Links,
						atomLink{Rel: "related", Type: "application/json", Href: b.link(name, l+"/subprocessors.json"), Hreflang: l},
						atomLink{Rel: "related", Type: "text/csv", Href: b.link(name, l+"/subprocessors.csv"), Hreflang: l})
				}
			}
		}
		updated := ""
		for i := len(b.in.Releases) - 1; i >= 0; i-- {
			r := b.in.Releases[i]
			for _, l := range langs {
				if !b.has[ReleaseDir(l, r.Version)+"index.html"] {
					continue
				}
				e, err := b.entry(name, r, l)
				if err != nil {
					return nil, err
				}
				f.Entries = append(f.Entries, e)
				updated = max(updated, e.Updated)
			}
		}
		if updated == "" { // no release yet: the documents' date
			for _, d := range b.in.Docs {
				updated = max(updated, d.Doc.Date+"T00:00:00Z")
			}
		}
		if updated == "" {
			updated = "1970-01-01T00:00:00Z"
		}
		f.Updated = updated
		out, err := xml.MarshalIndent(f, "", "  ")
		if err != nil {
			return nil, err
		}
		return append([]byte(xml.Header), append(out, '\n')...), nil
	}
}

// entry is release r in lang, for the feed at output path feed.
func (b *builder) entry(feed string, r *Release, lang string) (atomEntry, error) {
	loc := b.in.Theme.Localizer(lang)
	d, err := date(r.Date, lang)
	if err != nil {
		return atomEntry{}, err
	}
	title, err := loc.T("SiteReleaseHeading", map[string]any{"Version": r.Version, "Date": d})
	if err != nil {
		return atomEntry{}, err
	}
	target := ReleaseDir(lang, r.Version) + "index.html"
	if b.has[ChangesHTMLPath(lang, r.Version)] {
		target = ChangesHTMLPath(lang, r.Version)
	}
	summary, err := b.summary(r, lang)
	if err != nil {
		return atomEntry{}, err
	}
	return atomEntry{
		Lang: lang, ID: b.tag("release/"+r.Version, lang), Title: title,
		Updated: r.Date + "T00:00:00Z",
		Links:   []atomLink{{Rel: "alternate", Type: "text/html", Href: b.link(feed, target), Hreflang: lang}},
		Summary: atomText{Type: "text", Text: summary},
	}, nil
}

// summary is an entry's text: the release notes, the changes of
// subprocessors in words, the effective date and the objection deadline.
func (b *builder) summary(r *Release, lang string) (string, error) {
	loc := b.in.Theme.Localizer(lang)
	var parts []string
	if n := strings.TrimSpace(r.Notes[lang]); n != "" {
		parts = append(parts, n)
	}
	if c := r.Changes[lang]; c != nil && c.Report != nil {
		var lines []string
		for _, ch := range c.Report.ByEntity(diff.EntSubprocessor) {
			var s string
			var err error
			switch ch.Kind {
			case diff.Added:
				s, err = loc.T("SiteFeedSubAdded", map[string]any{"Name": ch.Title, "Details": details(ch)})
			case diff.Removed:
				s, err = loc.T("SiteFeedSubRemoved", map[string]any{"Name": ch.Title})
			default:
				var names []string
				for _, f := range ch.Fields {
					n, ferr := loc.T("Field."+f.Name, nil)
					if ferr != nil {
						n = f.Name
					}
					names = append(names, n)
				}
				s, err = loc.T("SiteFeedSubChanged", map[string]any{"Name": ch.Title, "Fields": strings.Join(names, ", ")})
			}
			if err != nil {
				return "", err
			}
			lines = append(lines, "– "+s)
		}
		if len(lines) > 0 {
			head, err := loc.T("SiteFeedSubprocessors", nil)
			if err != nil {
				return "", err
			}
			parts = append(parts, head+"\n"+strings.Join(lines, "\n"))
		}
	}
	var dates []string
	for _, x := range []struct{ key, iso string }{{"DiffEffective", r.Effective}, {"DiffObjection", r.ObjectionUntil}} {
		if x.iso == "" {
			continue
		}
		d, err := date(x.iso, lang)
		if err != nil {
			return "", err
		}
		s, err := loc.T(x.key, map[string]any{"Date": d})
		if err != nil {
			return "", err
		}
		dates = append(dates, s)
	}
	if len(dates) > 0 {
		parts = append(parts, strings.Join(dates, "\n"))
	}
	return strings.Join(parts, "\n\n"), nil
}

// details are an added subprocessor's service, place and safeguard.
func details(ch diff.Change) string {
	var out []string
	for _, f := range ch.Fields {
		switch f.Name {
		case "service", "locations", "transfer":
			if v := strings.Join(strings.Fields(f.New+f.Old), " "); v != "" { // one of them: added or removed
				out = append(out, v)
			}
		}
	}
	return strings.Join(out, "; ")
}

// link is the href of the output file to in the feed at output path feed:
// absolute under the base URL if there is one, else relative.
func (b *builder) link(feed, to string) string {
	if base := b.in.Site.BaseURL; base != "" {
		return strings.TrimSuffix(base, "/") + "/" + to
	}
	return rel(feed, to)
}

// tag is a tag: URI naming something of the site for good:
// tag:example.com,2025-06-02:trustdocs/de/release/1.1. The authority is the
// host of the base URL, the website or the e-mail address; the date is
// the first release's (or the documents') date.
func (b *builder) tag(what, lang string) string {
	auth := "trustdocs.invalid"
	org := b.in.Site
	for _, u := range []string{org.BaseURL, b.in.Models.Get(b.langs[0]).Organisation.Website} {
		if p, err := url.Parse(u); err == nil && p.Hostname() != "" {
			auth = strings.TrimPrefix(strings.ToLower(p.Hostname()), "www.")
			break
		}
	}
	if auth == "trustdocs.invalid" {
		if e := b.in.Models.Get(b.langs[0]).Organisation.Email; strings.Contains(e, "@") {
			auth = strings.ToLower(e)
		}
	}
	day := ""
	if len(b.in.Releases) > 0 {
		day = b.in.Releases[0].Date
	} else {
		for _, d := range b.in.Docs {
			if day == "" || d.Doc.Date < day {
				day = d.Doc.Date
			}
		}
	}
	if day == "" {
		day = "1970-01-01"
	}
	specific := "trustdocs/" + what
	if lang != "" {
		specific = "trustdocs/" + lang + "/" + what
	}
	return fmt.Sprintf("tag:%s,%s:%s", auth, day, specific)
}
