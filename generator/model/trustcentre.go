package model

import "trustdocs/generator/diag"

// The blocks of site.yaml that only the trust centre (the website) shows:
// contacts, the site's own legal pages, security.txt and attachments.

// Contact roles the theme has names for; another role needs a label.
const (
	ContactDPO             = "dpo"
	ContactSecurity        = "security"
	ContactObjections      = "objections"
	ContactVulnerabilities = "vulnerabilities"
)

// ContactRoles are the roles the theme names (in this order on the page).
var ContactRoles = []string{ContactSecurity, ContactDPO, ContactObjections, ContactVulnerabilities}

// Contact is one entry of site.yaml's contacts: whom a customer writes to
// for a purpose. An entry without name, e-mail, phone and URL takes them
// from people: (dpo, security) or objections: (objections).
type Contact struct {
	Role  Ident
	Label Text // the role's name, overriding the theme's
	Name  string
	Email string
	Phone string
	URL   string
	Pos   diag.Pos
}

// Legal are the addresses of the site's own Impressum (§ 5 DDG) and
// privacy policy, which the site links but does not contain.
type Legal struct {
	Impressum string
	Privacy   string
	Pos       diag.Pos
	Set       bool
}

// SecurityTxt are the fields of /.well-known/security.txt (RFC 9116) that
// are not derived from contacts and languages.
type SecurityTxt struct {
	Expires Date   // required when a vulnerabilities contact exists
	Policy  string // URL of the vulnerability disclosure policy, may be ""
	Pos     diag.Pos
	Set     bool
}

// Attachment is a file under attachments/ that the site offers for
// download (a certificate, the contract), with a title per language.
type Attachment struct {
	File  string // "attachments/iso-27001.pdf", relative to the content directory
	Title Text
	Data  []byte // the file's bytes, read by the loader
	Pos   diag.Pos
}

// Reach is the contact with what people: or objections: say filled in,
// for an entry that names only its role.
func (s *Site) Reach(c *Contact) Contact {
	out := *c
	if c.Name != "" || c.Email != "" || c.Phone != "" || c.URL != "" {
		return out
	}
	var p Person
	switch c.Role.ID {
	case ContactDPO:
		p = s.People.DPO
	case ContactSecurity:
		p = s.People.SecurityOfficer
	case ContactObjections:
		out.Email = s.Objections.Email
		return out
	}
	out.Name, out.Email, out.Phone = p.Name, p.Email, p.Phone
	return out
}

// Vulnerabilities is the contact for vulnerability reports, or nil.
func (s *Site) Vulnerabilities() *Contact {
	for _, c := range s.Contacts {
		if c.Role.ID == ContactVulnerabilities {
			r := s.Reach(c)
			return &r
		}
	}
	return nil
}

// Slug is the file name (without extension) of document d in lang: its
// slug: for lang if set; else in the source language its ID, in another
// language the name of its type (security-concept) when it is the only
// document of its type, else its ID.
func (s *Site) Slug(d *Document, lang string) string {
	if v := d.Slug[lang]; v != "" {
		return v
	}
	if lang == s.SourceLang() {
		return d.ID.ID
	}
	for _, o := range s.Documents {
		if o != d && o.Type.ID == d.Type.ID {
			return d.ID.ID
		}
	}
	return d.Type.ID
}
