package validate

import (
	"strings"
	"time"

	"trustdocs/generator/model"
)

// The trust centre's blocks: contacts someone can reach, a security.txt
// that has not expired, and document slugs that name one file each.

// checkContacts wants every contact reachable and named.
func (v *checker) checkContacts() {
	for _, c := range v.site.Contacts {
		if c.Role.ID == "" {
			continue // reported by the loader
		}
		known := false
		for _, r := range model.ContactRoles {
			known = known || r == c.Role.ID
		}
		if !known && !c.Label.Set {
			v.errs.Errorf(c.Role.Pos, "contact role %q has no name in the theme: give it a label: {%s} or use one of %s", c.Role.ID, strings.Join(v.site.LangIDs(), ": …, ")+": …", strings.Join(model.ContactRoles, ", "))
		}
		r := v.site.Reach(c)
		if r.Email == "" && r.Phone == "" && r.URL == "" {
			hint := "give email:, phone: or url:"
			switch c.Role.ID {
			case model.ContactDPO:
				hint += " (or people: dpo: in site.yaml)"
			case model.ContactSecurity:
				hint += " (or people: security_officer: in site.yaml)"
			case model.ContactObjections:
				hint += " (or objections: email: in site.yaml)"
			}
			v.errs.Errorf(c.Pos, "contact %q says neither an e-mail address, a phone number nor a web address: %s", c.Role.ID, hint)
		}
		if c.Role.ID == model.ContactVulnerabilities && r.Email == "" && r.URL == "" {
			v.errs.Errorf(c.Pos, "the vulnerabilities contact needs an e-mail address or a web address: security.txt (RFC 9116) has no Contact without one")
		}
	}
	if v.site.Vulnerabilities() != nil && v.site.SecurityTxt.Expires.IsZero() {
		pos := v.site.SecurityTxt.Pos
		if !v.site.SecurityTxt.Set {
			pos = v.site.SitePos
		}
		v.errs.Errorf(pos, "the site has a vulnerabilities contact but security.txt has no expiry date: add security_txt: {expires: YYYY-MM-DD} to site.yaml, at most a year ahead (RFC 9116)")
	}
}

// checkSlugs wants one document per file name and language, and no slug
// that takes the old address (the ID) of another document.
func (v *checker) checkSlugs() {
	for _, lang := range v.site.LangIDs() {
		taken := map[string]*model.Document{}
		for _, d := range v.site.Documents {
			if d.ID.ID != "" {
				taken[d.ID.ID] = d
			}
		}
		for _, d := range v.site.Documents {
			s := v.site.Slug(d, lang)
			if o := taken[s]; o != nil && o != d {
				pos := d.ID.Pos
				if p, ok := d.SlugPos[lang]; ok {
					pos = p
				}
				v.errs.Errorf(pos, "document %q would be published in %s as %s.html, which is the address of document %q: give it another slug: {%s: …}", d.ID.ID, lang, s, o.ID.ID, lang)
				continue
			}
			taken[s] = d
		}
	}
}

// securityTxtSoon is how many days ahead check warns of security.txt
// expiring.
const securityTxtSoon = 30

// checkSecurityTxt refuses an expired security.txt on a site that
// publishes one, and warns of one soon to expire.
func (v *checker) checkSecurityTxt() {
	exp := v.site.SecurityTxt.Expires
	if v.site.Vulnerabilities() == nil || exp.IsZero() || v.opts.Today.IsZero() {
		return
	}
	day, err := time.Parse(time.DateOnly, exp.Value)
	if err != nil {
		return
	}
	t := v.opts.Today
	today := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	days := int(day.Sub(today).Hours() / 24)
	switch {
	case days < 0:
		v.errs.Errorf(exp.Pos, "security.txt expired on %s: check its contacts, then set security_txt: expires: to a day at most a year ahead", exp.Value)
	case days <= securityTxtSoon:
		v.errs.Warnf(exp.Pos, "security.txt expires on %s, %s: check its contacts, then set a new expiry date", exp.Value, inDays(days))
	}
}
