package site

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"path"
	"sort"
	"strings"

	"trustdocs/generator/model"
	"trustdocs/generator/render"
	"trustdocs/generator/theme"
)

// What makes the site a trust centre rather than a download page: the
// contacts, attachments and legal links of the landing page; per-language
// file names (slugs) with the addresses published before kept working;
// the standard files security.txt (RFC 9116), sitemap.xml with hreflang
// alternates and robots.txt; hreflang and Open Graph in every head.

// Standard files at the root of the output.
const (
	SecurityTxtPath = ".well-known/security.txt"
	SitemapPath     = "sitemap.xml"
)

// ContactView is a contact as the landing page shows it.
type ContactView struct {
	Role, Label             string
	Name, Email, Phone, URL string
}

// AttachmentView is a download of attachments/ as a page lists it.
type AttachmentView struct {
	Title, Href, Size, SHA256, Name string
	IsPDF                           bool
}

// FileName is the name the verify commands name.
func (a AttachmentView) FileName() string { return a.Name }

// FileName is the name the verify commands name: the PDF's.
func (d *DocView) FileName() string { return d.PDF }

// contactLabels are the theme's names of the contact roles.
var contactLabels = map[string]string{
	model.ContactDPO:             "SiteContactDPO",
	model.ContactSecurity:        "SiteContactSecurity",
	model.ContactObjections:      "SiteContactObjections",
	model.ContactVulnerabilities: "SiteContactVulnerabilities",
}

// slug is the file name (no extension) of the current document d.
func (b *builder) slug(d *render.Text) string {
	if md := b.model[d.ID]; md != nil {
		return b.in.Site.Slug(md, d.Lang)
	}
	return d.ID
}

// CurrentHTMLPath and CurrentPDFPath are where the current document d lies
// under its slug: en/security-concept.html. HTMLPath and PDFPath (by ID)
// are where it lay before slugs; a renamed page leaves a redirect there
// and a renamed PDF a copy, so every address published stays valid.
func (b *builder) currentHTML(d *render.Text) string { return d.Lang + "/" + b.slug(d) + ".html" }
func (b *builder) currentPDF(d *render.Text) string  { return d.Lang + "/" + b.slug(d) + ".pdf" }

func (b *builder) contacts(loc *theme.Localizer, lang string) ([]ContactView, error) {
	var out []ContactView
	for _, c := range b.in.Site.Contacts {
		r := b.in.Site.Reach(c)
		label := c.Label.Get(lang)
		if label == "" {
			key, ok := contactLabels[c.Role.ID]
			if !ok {
				label = c.Label.Get(b.langs[0])
			} else {
				var err error
				if label, err = loc.T(key, nil); err != nil {
					return nil, err
				}
			}
		}
		out = append(out, ContactView{Role: c.Role.ID, Label: label, Name: r.Name, Email: r.Email, Phone: r.Phone, URL: r.URL})
	}
	return out, nil
}

// attachmentPath is where an attachment lies in the output: the same
// path as under the content directory (attachments/iso-27001.pdf).
func attachmentPath(a *model.Attachment) string { return a.File }

func (b *builder) attachments(loc *theme.Localizer, lang, page string) ([]AttachmentView, error) {
	var out []AttachmentView
	for _, a := range b.in.Site.Attachments {
		size, err := fileSize(loc, lang, len(a.Data))
		if err != nil {
			return nil, err
		}
		title := a.Title.Get(lang)
		if title == "" {
			title = a.Title.Get(b.langs[0])
		}
		out = append(out, AttachmentView{
			Title: title, Href: rel(page, attachmentPath(a)), Size: size, SHA256: sha256Hex(a.Data),
			Name: path.Base(a.File), IsPDF: path.Ext(a.File) == ".pdf",
		})
	}
	return out, nil
}

// absolute is the address of output path p under the base URL, "" without one.
func (b *builder) absolute(p string) string {
	base := b.in.Site.BaseURL
	if base == "" {
		return ""
	}
	return strings.TrimSuffix(base, "/") + "/" + strings.TrimSuffix(p, "index.html")
}

// alternates are the page at output path name in every language that has
// it, for hreflang (absolute under the base URL, else relative).
func (b *builder) alternates(name string, sitemap bool) ([]Language, error) {
	var out []Language
	for _, l := range b.langs {
		target, ok := b.counterpart(name, l)
		if !ok {
			continue
		}
		// Relative, so that the site works under any path and from
		// file://; sitemap.xml gives the absolute addresses.
		href := rel(name, target)
		if sitemap {
			href = b.absolute(target)
		}
		og, err := b.in.Theme.Localizer(l).T("SiteOGLocale", nil)
		if err != nil {
			return nil, err
		}
		out = append(out, Language{Lang: l, Name: b.names[l], Href: href, OGLocale: og})
	}
	return out, nil
}

// counterpart is the page at output path name in language l, if it exists.
func (b *builder) counterpart(name, l string) (string, bool) {
	if c, ok := b.counter[name]; ok {
		t, ok := c[l]
		return t, ok
	}
	if name == "index.html" { // the root page, x-default, names every landing page
		return l + "/index.html", true
	}
	if !strings.Contains(name, "/") {
		return "", false
	}
	target := l + "/" + name[strings.IndexByte(name, '/')+1:]
	return target, b.has[target]
}

// redirects writes, for each current document whose slug is not its ID, a
// page at the old address that sends the reader on (meta refresh and a
// canonical link, no script); the PDF at the old address is in the
// output already (Input.PDFs holds it there).
func (b *builder) redirects(lays layouts, lang string) error {
	for _, d := range b.byLang[lang] {
		old, cur := HTMLPath(d), b.currentHTML(d)
		if old == cur || b.has[old] {
			continue
		}
		p, err := b.basePage(lang, old)
		if err != nil {
			return err
		}
		p.Title = d.Doc.Title
		p.Redirect = rel(old, cur)
		p.Canonical = p.Redirect
		p.Alternates, p.URL = nil, ""
		if err := b.execute(lays, "redirect", old, &p); err != nil {
			return err
		}
		b.moved[old] = true
	}
	return nil
}

// securityTxt is /.well-known/security.txt (RFC 9116), for a site with a
// vulnerabilities contact.
func (b *builder) securityTxt() []byte {
	c := b.in.Site.Vulnerabilities()
	st := b.in.Site.SecurityTxt
	if c == nil || st.Expires.IsZero() {
		return nil
	}
	var w bytes.Buffer
	if c.Email != "" {
		fmt.Fprintf(&w, "Contact: mailto:%s\n", c.Email)
	}
	if c.URL != "" {
		fmt.Fprintf(&w, "Contact: %s\n", c.URL)
	}
	// The end of the day it names, in UTC (RFC 9116 2.5.5 wants a
	// date-time of RFC 3339).
	fmt.Fprintf(&w, "Expires: %sT23:59:59Z\n", st.Expires.Value)
	fmt.Fprintf(&w, "Preferred-Languages: %s\n", strings.Join(b.langs, ", "))
	if u := b.absolute(SecurityTxtPath); u != "" {
		fmt.Fprintf(&w, "Canonical: %s\n", u)
	}
	if st.Policy != "" {
		fmt.Fprintf(&w, "Policy: %s\n", st.Policy)
	}
	return w.Bytes()
}

// robotsTxt lets search engines in and names the sitemap.
func (b *builder) robotsTxt() []byte {
	var w bytes.Buffer
	w.WriteString("User-agent: *\nAllow: /\n")
	if u := b.absolute(SitemapPath); u != "" {
		fmt.Fprintf(&w, "Sitemap: %s\n", u)
	}
	return w.Bytes()
}

type sitemapURLSet struct {
	XMLName xml.Name     `xml:"urlset"`
	NS      string       `xml:"xmlns,attr"`
	XHTML   string       `xml:"xmlns:xhtml,attr"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc   string        `xml:"loc"`
	Links []sitemapLink `xml:"xhtml:link"`
}

type sitemapLink struct {
	Rel      string `xml:"rel,attr"`
	Hreflang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

// sitemap lists every page (but redirects) with its language versions
// (sitemaps.org, hreflang as Google reads it); it needs the base URL.
func (b *builder) sitemap() ([]byte, error) {
	if b.in.Site.BaseURL == "" {
		return nil, nil
	}
	var names []string
	for n := range b.files {
		if path.Ext(n) == ".html" && !b.moved[n] && !strings.HasPrefix(n, "static/") {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	set := sitemapURLSet{NS: "http://www.sitemaps.org/schemas/sitemap/0.9", XHTML: "http://www.w3.org/1999/xhtml"}
	for _, n := range names {
		u := sitemapURL{Loc: b.absolute(n)}
		alts, err := b.alternates(n, true)
		if err != nil {
			return nil, err
		}
		for _, a := range alts {
			u.Links = append(u.Links, sitemapLink{Rel: "alternate", Hreflang: a.Lang, Href: a.Href})
		}
		if len(u.Links) > 0 {
			u.Links = append(u.Links, sitemapLink{Rel: "alternate", Hreflang: "x-default", Href: b.absolute("index.html")})
		}
		set.URLs = append(set.URLs, u)
	}
	out, err := xml.MarshalIndent(set, "", " ")
	if err != nil {
		return nil, err
	}
	return append(append([]byte(xml.Header), out...), '\n'), nil
}
