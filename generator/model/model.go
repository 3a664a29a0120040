// Package model holds the content model of a trustdocs site: the entities as
// written in content/ (with the positions they were written at, for error
// messages), and their resolved, single-language form for the renderers.
//
// The loader fills a Site; the validator checks it; Localize turns it into a
// Resolved view per language.
package model

import (
	"trustdocs/generator/diag"
)

// Site is everything read from one content directory.
type Site struct {
	Dir string // content directory as given on the command line

	Languages    []Ident // first = source language
	BaseURL      string
	Organisation Organisation
	People       People
	Contract     Contract   // the AV contract the annexes belong to
	Objections   Objections // where a customer objects to a subprocessor change
	Documents    []*Document
	// The trust centre's blocks (trustcentre.go).
	Contacts    []*Contact
	Legal       Legal
	SecurityTxt SecurityTxt
	Attachments []*Attachment
	// ReleaseKey is the file (relative to the content directory) of the
	// public Ed25519 key that signs the releases; "" means unsigned.
	ReleaseKey string

	Catalogue  Catalogue
	Vendors    []*Vendor
	Locations  []*Location
	Measures   []*Measure
	Subsystems []*Subsystem
	Pages      []*Page // one per name and language, sorted by name then language
	Plan       *Plan   // plan.yaml: the overview plan; nil when the file is absent

	// ReviewInterval is how often documents and subsystems are reviewed,
	// unless they say otherwise. Setting it makes a review date required.
	ReviewInterval Interval
	Lint           LintConfig // the site's lint.yaml

	SitePos diag.Pos // position of site.yaml, for errors about the whole site

	// Audiences are the editions, in order of trust (site.yaml audiences:,
	// default public, customer, internal). Edition is the one this site was
	// loaded for ("" = everything); Withheld are the texts it left out
	// (package audience, for the leak check).
	Audiences []Ident
	Edition   string
	Withheld  []Withheld
	Marks     int // audience markings read (keys, variants, fences)

	// Unreadable names the kinds ("vendor", "measure", "catalogue", …) with
	// a file that did not parse: its error is reported, and references to
	// what it may have defined are not reported again as unknown.
	Unreadable map[string]bool
}

// MarkUnreadable records that a file of kind did not parse.
func (s *Site) MarkUnreadable(kind string) {
	if s.Unreadable == nil {
		s.Unreadable = map[string]bool{}
	}
	s.Unreadable[kind] = true
}

// SourceLang is the language every text must have first.
func (s *Site) SourceLang() string {
	if len(s.Languages) == 0 {
		return ""
	}
	return s.Languages[0].ID
}

// LangIDs lists the site's language codes in order.
func (s *Site) LangIDs() []string {
	out := make([]string, len(s.Languages))
	for i, l := range s.Languages {
		out[i] = l.ID
	}
	return out
}

// Ident is an identifier (an entity's own ID, or a language code) with the
// place it was written.
type Ident struct {
	ID  string
	Pos diag.Pos
}

// Ref is a reference to another entity by ID, with the place it was written.
type Ref struct {
	ID  string
	Pos diag.Pos
}

// Text is a human-readable text in every language of the site.
type Text struct {
	Pos     diag.Pos            // the mapping (or where it should have been)
	Values  map[string]string   // language → text
	LangPos map[string]diag.Pos // language → position of its value
	Set     bool                // the field was written at all

	// Hashes holds, per translation, the source hash written next to it
	// (en@: 3f2a9c1b): which source text the translation was made from.
	Hashes  map[string]string
	HashPos map[string]diag.Pos // language → position of its hash

	// Verbatim holds, per language, where the characters of the value
	// begin in the file when they stand there line for line as in the
	// value (a literal block scalar, or a one-line scalar without escapes);
	// lints use it to point into a text.
	Verbatim map[string]diag.Pos
}

// Get returns the text in lang ("" if missing).
func (t Text) Get(lang string) string { return t.Values[lang] }

// Date is a calendar date written as YYYY-MM-DD.
type Date struct {
	Value string // normalised YYYY-MM-DD, "" if unset
	Pos   diag.Pos
}

// IsZero reports whether no date was written.
func (d Date) IsZero() bool { return d.Value == "" }

// Address is a postal address.
type Address struct {
	Street   string
	Postcode string
	City     string
	Country  Ident // ISO 3166 alpha-2
	Pos      diag.Pos
}

// Organisation is the company that publishes the documents.
type Organisation struct {
	Name       string
	ShortName  string
	Address    Address
	Phone      string
	Email      string
	Website    string
	Register   Register
	Management []string
	Pos        diag.Pos
}

// Register is the commercial register entry.
type Register struct {
	Court  string
	Number string
}

// Contract is the data processing agreement (Art. 28(3) GDPR) that the
// annexes belong to; Set is false when site.yaml has no contract block.
type Contract struct {
	Title   Text
	Date    Date
	Version string
	Pos     diag.Pos
	Set     bool
}

// Objections says where a customer sends an objection to an intended
// change of subprocessors (Art. 28(2) GDPR).
type Objections struct {
	Email      string
	Address    Address // the organisation's when not given
	NoticeDays int     // default notice period of a release; 0 if unset
	Pos        diag.Pos
	Set        bool
}

// Person is a named role holder.
type Person struct {
	Name  string
	Phone string
	Email string
	Pos   diag.Pos
	Set   bool
}

// People are the roles the documents name.
type People struct {
	SecurityOfficer Person
	DPO             Person
	EUContact       Person
	// Roles overrides the theme's names of the roles (RoleKeys), e.g.
	// "Geschäftsführung" for "Geschäftsführer".
	Roles map[string]Text
}

// RoleKeys are the roles whose names site.yaml may override.
var RoleKeys = []string{"management", "security_officer", "dpo", "eu_contact"}

// Declaration is the operator's declaration that the measures of the
// security concept are implemented (TKG § 166(3)).
type Declaration struct {
	By    []string // who declares; the organisation's management when empty
	Date  Date     // the document's date when not given
	Place string   // where; the organisation's city when empty
	Pos   diag.Pos
	Set   bool
}

// Document types.
const (
	DocSecurityConcept = "security-concept"
	DocTOMs            = "toms"
	DocSubprocessors   = "subprocessors"
	DocProcessing      = "processing" // subject matter, nature and purpose (Art. 28(3) GDPR)
)

// Document is one document to build.
type Document struct {
	ID             Ident
	Type           Ident
	Title          Text
	Subtitle       Text
	Version        string
	Date           Date
	Classification Ident
	Pages          []PageSlot
	Reviewed       Date     // when the document was last reviewed
	ReviewInterval Interval // overrides the site's review interval
	Cover          Ident    // auto (default), true or false
	TOC            Ident    // auto (default), true or false
	TOM            TOMOptions
	Declaration    Declaration
	// Slug is the document's file name per language where it differs
	// from the default (the ID in the source language, the type's
	// name in the others): {en: security-concept}.
	Slug    map[string]string
	SlugPos map[string]diag.Pos
	// Effective (YYYY-MM-DD) is when this version takes effect: not read
	// from content, but set by the build from the release that made it
	// (the "gilt ab" date); "" means Date.
	Effective string
	Pos       diag.Pos
}

// Furniture settings of cover and contents.
const (
	FurnitureAuto = "auto"
	FurnitureOn   = "true"
	FurnitureOff  = "false"
)

// How a TOM document shows the state of a measure.
const (
	StatesNone   = "none"
	StatesBoxes  = "boxes"  // ☒ implemented, ☐ otherwise
	StatesChecks = "checks" // ✓ implemented, ✗ not implemented
	StatesWords  = "words"
)

// Measure states.
const (
	StateImplemented    = "implemented"
	StatePlanned        = "planned"
	StateNotImplemented = "not-implemented"
)

// Measure kinds.
const (
	KindTechnical      = "technical"
	KindOrganisational = "organisational"
)

// TOMOptions shape a TOM document (the tom: block of a document).
type TOMOptions struct {
	Heading   Text     // the heading above the sections; unset: the theme's
	NoHeading bool     // heading: none
	Numbering []string // number pattern per level, see docs/content-model.md
	Layout    Ident    // list (default) or columns
	States    Ident    // none (default), boxes, checks or words
	Pos       diag.Pos
}

// PageSlot binds a named place in a document type to one or more pages.
type PageSlot struct {
	Slot  Ident
	Pages []Ref
}

// Slot returns the page references of the named slot.
func (d *Document) Slot(name string) []Ref {
	for _, s := range d.Pages {
		if s.Slot.ID == name {
			return s.Pages
		}
	}
	return nil
}

// Catalogue holds the shared lists that subsystems and measures refer to.
type Catalogue struct {
	Goals        []*Entry
	Threats      []*Entry
	Requirements []*Entry
	TOM          []*TOMSection
	Pos          diag.Pos
}

// Entry is a catalogue item: an ID and its text.
type Entry struct {
	ID    Ident
	Title Text
	Pos   diag.Pos
}

// TOMSection is one heading of Art. 32 in Anlage 1, e.g. confidentiality.
type TOMSection struct {
	TOMNode
	Categories []*TOMCategory
}

// TOMCategory is a control under a section, e.g. physical access control;
// its Categories are sub-categories (the third and last level).
type TOMCategory struct {
	TOMNode
	Categories []*TOMCategory
}

// TOM node statuses: a control applies (the default), does not apply to the
// processing, or is the controller's duty; the latter two carry a reason.
const (
	TOMApplies       = "applies"
	TOMNotApplicable = "not-applicable"
	TOMController    = "controller"
)

// TOM layouts: measures one below the other, or a two-column table of
// technical and organisational measures.
const (
	LayoutList    = "list"
	LayoutColumns = "columns"
)

// TOMNode is what every level of Anlage 1 has (section, category,
// sub-category).
type TOMNode struct {
	ID          Ident
	Title       Text
	Intro       Text // Markdown before the measures, e.g. the statutory purpose
	Note        Text // Markdown, printed as a note after the measures (or where Order says)
	SiteHeading Text
	Status      Ident // "" (applies), TOMNotApplicable or TOMController
	Reason      Text  // why the status, printed in place
	Layout      Ident // "" (inherited), LayoutList or LayoutColumns
	Order       []Ref // measure IDs, "note" and "site:ID", in the order printed
	Control     Ident // the canonical control this node is, e.g. contractor
	Pos         diag.Pos
}

// TOMNodes lists every section, category and sub-category, in document
// order, each with its depth (0 for a section).
func (c *Catalogue) TOMNodes() []TOMNodeAt {
	var out []TOMNodeAt
	var walk func(cats []*TOMCategory, depth int)
	walk = func(cats []*TOMCategory, depth int) {
		for _, cat := range cats {
			out = append(out, TOMNodeAt{Node: &cat.TOMNode, Depth: depth})
			walk(cat.Categories, depth+1)
		}
	}
	for _, sec := range c.TOM {
		out = append(out, TOMNodeAt{Node: &sec.TOMNode})
		walk(sec.Categories, 1)
	}
	return out
}

// TOMNodeAt is a TOM node and how deep it stands.
type TOMNodeAt struct {
	Node  *TOMNode
	Depth int
}

// Vendor roles.
const (
	RoleSubprocessor     = "subprocessor"
	RoleController       = "controller"
	RoleProcessorOwnData = "processor-own-data"
)

// Transfer safeguards.
const (
	TransferNone     = "none"
	TransferAdequacy = "adequacy"
	TransferSCC      = "scc"
	TransferDPF      = "dpf"
)

// Vendor is an outside company: provider of a subsystem, subprocessor, adviser.
type Vendor struct {
	ID             Ident
	Name           string
	LegalName      string
	Address        Address
	Website        string
	Statement      Text
	Certifications []Certification
	Role           Ident
	Service        Text
	Data           Text
	Locations      []Ident
	DPA            bool
	DPAPos         diag.Pos // the dpa key, or the vendor when it is absent
	Transfers      []Transfer
	TransferNote   Text
	Pos            diag.Pos

	DataSubjects     Text    // whose data the vendor processes
	DPADate          Date    // when the data processing agreement was signed
	DPAReference     string  // the agreement's name or number
	TIA              bool    // a transfer impact assessment was made
	SubprocessorList string  // URL of the vendor's own list of subprocessors
	SupportAccess    []Ident // third countries that support staff access the data from
}

// Transfer is one basis for transferring data to a third country
// (Chapter V GDPR): an adequacy decision (Art. 45), the Standard Contractual
// Clauses (Art. 46(2)(c)) or the EU-US Data Privacy Framework (an adequacy
// decision for certified US companies).
type Transfer struct {
	Basis    Ident  // TransferNone, TransferAdequacy, TransferSCC, TransferDPF
	Decision string // the Commission's decision, e.g. "2021/914"
	Module   string // SCC module: "1" to "4"
	Pos      diag.Pos
}

// Certification is an audit or certificate a vendor holds.
type Certification struct {
	Name       string
	Kind       Ident  // CertCertificate (the default) or CertReport
	Scope      Text   // what the certificate covers
	Edition    string // the standard's edition, e.g. "2022"
	ValidUntil Date
	Link       string // where the certificate or report can be seen
	Pos        diag.Pos
}

// Kinds of certification: a certificate (ISO/IEC 27001) or an attestation
// report (SOC 2 Type II), which the security concept does not call a
// certification.
const (
	CertCertificate = "certificate"
	CertReport      = "report"
)

// Location kinds.
const (
	LocationDataCentre  = "data-centre"
	LocationOffice      = "office"
	LocationCloudRegion = "cloud-region"
)

// Location is a place that measures can be specific to (content/sites/).
type Location struct {
	ID         Ident
	Name       Text
	Kind       Ident
	Vendor     Ref
	Address    Address
	Components []Component // what runs there, drawn in the overview plan
	Pos        diag.Pos
}

// Component is a part running at a site (a connector, a firewall, a server).
type Component struct {
	ID   Ident
	Name Text
	Pos  diag.Pos
}

// Connection kinds and protections of the overview plan.
const (
	ConnInternet   = "internet"
	ConnVPN        = "vpn"
	ConnLeasedLine = "leased-line"
	ConnLAN        = "lan"

	// PlanInternet is the ID connections name the Internet by.
	PlanInternet = "internet"
)

// Plan is plan.yaml: what the overview plan (Sicherheitskonzept 1.2) draws
// besides the sites: where the staff work, the cloud services, and how the
// parts connect.
type Plan struct {
	Staff       []Ref        // office sites of the staff, drawn as the company box
	Services    []Ref        // subsystems drawn as cloud services
	Connections []Connection // between sites, components, services, staff and the Internet
	Pos         diag.Pos
}

// Connection joins two parts of the plan.
type Connection struct {
	From       Ref
	To         Ref
	Kind       Ident   // ConnInternet etc.; the Internet when unset
	Protection []Ident // tls, vpn, ipsec, ssh, none
	Label      Text    // optional, drawn on the line
	Pos        diag.Pos
}

// Measure is a technical or organisational measure, written once.
type Measure struct {
	ID Ident
	// Title names the measure to a reader (change notice, diff) and heads
	// it in Anlage 1; optional: without it the first sentence names it.
	Title Text
	TOM   []Ref
	Sites []Ref
	Kind  Ident // "", KindTechnical or KindOrganisational
	State Ident // "", StateImplemented, StatePlanned or StateNotImplemented
	// TOMsOnly marks a measure only Anlage 1 prints: no subsystem lists it
	// (a company-wide measure, or one that sums up several subsystems').
	TOMsOnly bool
	Text     Text
	Pos      diag.Pos
}

// Goal statuses.
const (
	GoalRelevant       = "relevant"
	GoalNotRelevant    = "not-relevant"
	GoalDelegated      = "delegated"
	GoalNotOperational = "not-operational"
)

// GoalStatus is how one protection goal applies to a subsystem.
type GoalStatus struct {
	Goal   Ref
	Status Ident
	Reason Text
}

// ResidualRisk is a risk that remains, and why it is accepted.
type ResidualRisk struct {
	Risk       Text
	Acceptance Text
	Pos        diag.Pos
}

// Subsystem is one Sicherheitsteilsystem, one chapter of the security concept.
type Subsystem struct {
	ID                 Ident
	Title              Text
	Provider           Ref
	Contractor         Ref
	Summary            Text
	Description        Text
	Data               Text
	Goals              []GoalStatus
	GoalsPos           diag.Pos
	DelegatedIntro     Text
	NotOperationalNote Text
	ThreatsScope       Text
	Threats            []Ref
	Requirements       []Ref
	MeasuresIntro      Text
	Measures           []Ref
	ResidualRisks      []ResidualRisk
	Verdict            Text
	Reviewed           Date     // when the chapter was last reviewed
	ReviewInterval     Interval // overrides the site's review interval
	Pos                diag.Pos
}

// Page is a free Markdown section in one language (pages/NAME.LANG.md).
type Page struct {
	Name  string
	Lang  string
	Title string
	Body  string
	Pos   diag.Pos // the file

	// Source is the source hash in the front matter of a translated page:
	// which source page (title and body) it was made from.
	Source    string
	SourcePos diag.Pos
	TitlePos  diag.Pos // the title's value in the front matter
	BodyPos   diag.Pos // the first line of the body
}

// DefaultAudiences are the editions when site.yaml names none, widest
// first.
var DefaultAudiences = []string{"public", "customer", "internal"}

// AudienceNames lists the site's audiences, widest first.
func (s *Site) AudienceNames() []string {
	if len(s.Audiences) == 0 {
		return append([]string(nil), DefaultAudiences...)
	}
	out := make([]string, len(s.Audiences))
	for i, a := range s.Audiences {
		out[i] = a.ID
	}
	return out
}

// Withheld is a text left out of an edition because it is marked for a
// narrower audience: the leak check searches the edition's files for it.
type Withheld struct {
	Audience string
	Pos      diag.Pos // where the text is written
	Field    string   // the field within its file, e.g. "text.de"; "page" for a whole page
	Text     string
	// Instead is what the edition says in its place (the variant it
	// took), whose sentences the withheld text may share without a leak.
	Instead string
}

// Marked says whether the content marks anything for an audience: only
// then do its editions differ.
func (s *Site) Marked() bool { return s.Marks > 0 }
