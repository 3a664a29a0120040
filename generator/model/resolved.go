package model

// The resolved model: one language, references replaced by what they point
// to, positions dropped. Templates and the JSON output read this form.

// Resolved is a site in one language.
type Resolved struct {
	Lang         string             `json:"lang" yaml:"lang"`
	Languages    []string           `json:"languages" yaml:"languages"`
	BaseURL      string             `json:"base_url,omitempty" yaml:"base_url,omitempty"`
	Organisation ROrganisation      `json:"organisation" yaml:"organisation"`
	People       RPeople            `json:"people" yaml:"people"`
	Contract     *RContract         `json:"contract,omitempty" yaml:"contract,omitempty"`
	Objections   *RObjections       `json:"objections,omitempty" yaml:"objections,omitempty"`
	Documents    []RDocument        `json:"documents" yaml:"documents"`
	Goals        []REntry           `json:"goals" yaml:"goals"`
	Threats      []REntry           `json:"threats" yaml:"threats"`
	Requirements []REntry           `json:"requirements" yaml:"requirements"`
	TOM          []RTOMSection      `json:"tom" yaml:"tom"`
	Vendors      []RVendor          `json:"vendors" yaml:"vendors"`
	Sites        []RLocation        `json:"sites" yaml:"sites"`
	Measures     []RMeasure         `json:"measures" yaml:"measures"`
	Subsystems   []RSubsystem       `json:"subsystems" yaml:"subsystems"`
	Pages        map[string]RPage   `json:"pages" yaml:"pages"`
	Plan         *RPlan             `json:"plan,omitempty" yaml:"plan,omitempty"`
	index        map[string]RVendor // vendors by id (not serialised)
}

type ROrganisation struct {
	Name       string   `json:"name" yaml:"name"`
	ShortName  string   `json:"short_name,omitempty" yaml:"short_name,omitempty"`
	Address    RAddress `json:"address" yaml:"address"`
	Phone      string   `json:"phone,omitempty" yaml:"phone,omitempty"`
	Email      string   `json:"email,omitempty" yaml:"email,omitempty"`
	Website    string   `json:"website,omitempty" yaml:"website,omitempty"`
	Court      string   `json:"register_court,omitempty" yaml:"register_court,omitempty"`
	Register   string   `json:"register_number,omitempty" yaml:"register_number,omitempty"`
	Management []string `json:"management,omitempty" yaml:"management,omitempty"`
}

type RAddress struct {
	Street   string `json:"street,omitempty" yaml:"street,omitempty"`
	Postcode string `json:"postcode,omitempty" yaml:"postcode,omitempty"`
	City     string `json:"city,omitempty" yaml:"city,omitempty"`
	Country  string `json:"country,omitempty" yaml:"country,omitempty"`
}

type RContract struct {
	Title   string `json:"title" yaml:"title"`
	Date    string `json:"date" yaml:"date"`
	Version string `json:"version,omitempty" yaml:"version,omitempty"`
}

type RObjections struct {
	Email      string   `json:"email" yaml:"email"`
	Address    RAddress `json:"address" yaml:"address"`
	NoticeDays int      `json:"notice_days,omitempty" yaml:"notice_days,omitempty"`
}

type RPerson struct {
	Name  string `json:"name" yaml:"name"`
	Phone string `json:"phone,omitempty" yaml:"phone,omitempty"`
	Email string `json:"email,omitempty" yaml:"email,omitempty"`
}

type RPeople struct {
	SecurityOfficer *RPerson          `json:"security_officer,omitempty" yaml:"security_officer,omitempty"`
	DPO             *RPerson          `json:"dpo,omitempty" yaml:"dpo,omitempty"`
	EUContact       *RPerson          `json:"eu_contact,omitempty" yaml:"eu_contact,omitempty"`
	Roles           map[string]string `json:"roles,omitempty" yaml:"roles,omitempty"` // names overriding the theme's
}

type RDeclaration struct {
	By    []string `json:"by" yaml:"by"`
	Date  string   `json:"date" yaml:"date"`
	Place string   `json:"place" yaml:"place"`
}

type RDocument struct {
	ID             string              `json:"id" yaml:"id"`
	Type           string              `json:"type" yaml:"type"`
	Title          string              `json:"title" yaml:"title"`
	Subtitle       string              `json:"subtitle,omitempty" yaml:"subtitle,omitempty"`
	Version        string              `json:"version" yaml:"version"`
	Date           string              `json:"date" yaml:"date"`
	Classification string              `json:"classification" yaml:"classification"`
	Pages          map[string][]string `json:"pages,omitempty" yaml:"pages,omitempty"`
	Reviewed       string              `json:"reviewed,omitempty" yaml:"reviewed,omitempty"` // YYYY-MM-DD of the last review
	Cover          string              `json:"cover,omitempty" yaml:"cover,omitempty"`       // auto, true, false
	TOC            string              `json:"toc,omitempty" yaml:"toc,omitempty"`
	TOM            *RTOMOptions        `json:"tom,omitempty" yaml:"tom,omitempty"`
	Declaration    *RDeclaration       `json:"declaration,omitempty" yaml:"declaration,omitempty"`
	Effective      string              `json:"effective,omitempty" yaml:"effective,omitempty"` // YYYY-MM-DD this version takes effect ("gilt ab")
}

type REntry struct {
	ID    string `json:"id" yaml:"id"`
	Title string `json:"title" yaml:"title"`
}

type RTOMSection struct {
	RTOMNode   `yaml:",inline"`
	Categories []RTOMCategory `json:"categories,omitempty" yaml:"categories,omitempty"`
}

type RTOMCategory struct {
	RTOMNode   `yaml:",inline"`
	Categories []RTOMCategory `json:"categories,omitempty" yaml:"categories,omitempty"`
}

// RTOMNode is a section, category or sub-category of Anlage 1.
type RTOMNode struct {
	ID          string   `json:"id" yaml:"id"`
	Title       string   `json:"title" yaml:"title"`
	Intro       string   `json:"intro,omitempty" yaml:"intro,omitempty"`
	Note        string   `json:"note,omitempty" yaml:"note,omitempty"`
	SiteHeading string   `json:"site_heading,omitempty" yaml:"site_heading,omitempty"`
	Status      string   `json:"status,omitempty" yaml:"status,omitempty"`
	Reason      string   `json:"reason,omitempty" yaml:"reason,omitempty"`
	Layout      string   `json:"layout,omitempty" yaml:"layout,omitempty"`
	Order       []string `json:"order,omitempty" yaml:"order,omitempty"`
	Control     string   `json:"control,omitempty" yaml:"control,omitempty"`
}

// RTOMOptions is a TOM document's tom: block in one language.
type RTOMOptions struct {
	Heading   string   `json:"heading,omitempty" yaml:"heading,omitempty"`
	NoHeading bool     `json:"no_heading,omitempty" yaml:"no_heading,omitempty"`
	Numbering []string `json:"numbering,omitempty" yaml:"numbering,omitempty"`
	Layout    string   `json:"layout,omitempty" yaml:"layout,omitempty"`
	States    string   `json:"states,omitempty" yaml:"states,omitempty"`
}

type RCertification struct {
	Name       string `json:"name" yaml:"name"`
	Kind       string `json:"kind,omitempty" yaml:"kind,omitempty"` // "report" for an attestation report
	Scope      string `json:"scope,omitempty" yaml:"scope,omitempty"`
	Edition    string `json:"edition,omitempty" yaml:"edition,omitempty"`
	ValidUntil string `json:"valid_until,omitempty" yaml:"valid_until,omitempty"`
	Link       string `json:"link,omitempty" yaml:"link,omitempty"`
}

// RTransfer is one transfer basis of a vendor.
type RTransfer struct {
	Basis    string `json:"basis" yaml:"basis"`
	Decision string `json:"decision,omitempty" yaml:"decision,omitempty"`
	Module   string `json:"module,omitempty" yaml:"module,omitempty"`
}

type RVendor struct {
	ID             string           `json:"id" yaml:"id"`
	Name           string           `json:"name" yaml:"name"`
	LegalName      string           `json:"legal_name" yaml:"legal_name"`
	Address        RAddress         `json:"address" yaml:"address"`
	Website        string           `json:"website,omitempty" yaml:"website,omitempty"`
	Statement      string           `json:"statement,omitempty" yaml:"statement,omitempty"`
	Certifications []RCertification `json:"certifications,omitempty" yaml:"certifications,omitempty"`
	Role           string           `json:"role" yaml:"role"`
	Service        string           `json:"service" yaml:"service"`
	Data           string           `json:"data,omitempty" yaml:"data,omitempty"`
	Locations      []string         `json:"locations,omitempty" yaml:"locations,omitempty"`
	DPA            bool             `json:"dpa" yaml:"dpa"`
	// Transfer is the single basis of releases cut before a vendor could
	// have several (Transfers); Bases reads both.
	Transfer     string `json:"transfer,omitempty" yaml:"transfer,omitempty"`
	TransferNote string `json:"transfer_note,omitempty" yaml:"transfer_note,omitempty"`

	Transfers        []RTransfer `json:"transfers,omitempty" yaml:"transfers,omitempty"`
	TIA              bool        `json:"tia,omitempty" yaml:"tia,omitempty"`
	DataSubjects     string      `json:"data_subjects,omitempty" yaml:"data_subjects,omitempty"`
	DPADate          string      `json:"dpa_date,omitempty" yaml:"dpa_date,omitempty"`
	DPAReference     string      `json:"dpa_reference,omitempty" yaml:"dpa_reference,omitempty"`
	SubprocessorList string      `json:"subprocessor_list,omitempty" yaml:"subprocessor_list,omitempty"`
	SupportAccess    []string    `json:"support_access,omitempty" yaml:"support_access,omitempty"`
}

// Bases are the vendor's transfer bases, in either form a release holds.
func (v RVendor) Bases() []RTransfer {
	if len(v.Transfers) > 0 || v.Transfer == "" {
		return v.Transfers
	}
	return []RTransfer{{Basis: v.Transfer}}
}

type RLocation struct {
	ID      string    `json:"id" yaml:"id"`
	Name    string    `json:"name" yaml:"name"`
	Kind    string    `json:"kind" yaml:"kind"`
	Vendor  string    `json:"vendor,omitempty" yaml:"vendor,omitempty"`
	Address *RAddress `json:"address,omitempty" yaml:"address,omitempty"`

	Components []RComponent `json:"components,omitempty" yaml:"components,omitempty"`
}

type RComponent struct {
	ID   string `json:"id" yaml:"id"`
	Name string `json:"name" yaml:"name"`
}

// RPlan is plan.yaml resolved: IDs as written, labels in one language.
type RPlan struct {
	Staff       []string      `json:"staff,omitempty" yaml:"staff,omitempty"`
	Services    []string      `json:"services,omitempty" yaml:"services,omitempty"`
	Connections []RConnection `json:"connections,omitempty" yaml:"connections,omitempty"`
}

type RConnection struct {
	From       string   `json:"from" yaml:"from"`
	To         string   `json:"to" yaml:"to"`
	Kind       string   `json:"kind" yaml:"kind"`
	Protection []string `json:"protection,omitempty" yaml:"protection,omitempty"`
	Label      string   `json:"label,omitempty" yaml:"label,omitempty"`
}

type RMeasure struct {
	ID    string   `json:"id" yaml:"id"`
	TOM   []string `json:"tom" yaml:"tom"`
	Sites []string `json:"sites,omitempty" yaml:"sites,omitempty"`
	Kind  string   `json:"kind,omitempty" yaml:"kind,omitempty"`
	State string   `json:"state,omitempty" yaml:"state,omitempty"`
	Title string   `json:"title,omitempty" yaml:"title,omitempty"`
	Text  string   `json:"text" yaml:"text"`
}

type RGoal struct {
	ID     string `json:"id" yaml:"id"`
	Title  string `json:"title" yaml:"title"`
	Status string `json:"status" yaml:"status"`
	Reason string `json:"reason,omitempty" yaml:"reason,omitempty"`
}

type RRisk struct {
	Risk       string `json:"risk" yaml:"risk"`
	Acceptance string `json:"acceptance" yaml:"acceptance"`
}

type RSubsystem struct {
	ID                 string     `json:"id" yaml:"id"`
	Title              string     `json:"title" yaml:"title"`
	Provider           *RVendor   `json:"provider,omitempty" yaml:"provider,omitempty"`
	Contractor         *RVendor   `json:"contractor,omitempty" yaml:"contractor,omitempty"`
	Summary            string     `json:"summary" yaml:"summary"`
	Description        string     `json:"description" yaml:"description"`
	Data               string     `json:"data,omitempty" yaml:"data,omitempty"`
	Goals              []RGoal    `json:"goals" yaml:"goals"`
	DelegatedIntro     string     `json:"delegated_intro,omitempty" yaml:"delegated_intro,omitempty"`
	NotOperationalNote string     `json:"not_operational_note,omitempty" yaml:"not_operational_note,omitempty"`
	ThreatsScope       string     `json:"threats_scope,omitempty" yaml:"threats_scope,omitempty"`
	Threats            []REntry   `json:"threats" yaml:"threats"`
	Requirements       []REntry   `json:"requirements" yaml:"requirements"`
	MeasuresIntro      string     `json:"measures_intro,omitempty" yaml:"measures_intro,omitempty"`
	Measures           []RMeasure `json:"measures" yaml:"measures"`
	ResidualRisks      []RRisk    `json:"residual_risks,omitempty" yaml:"residual_risks,omitempty"`
	Verdict            string     `json:"verdict,omitempty" yaml:"verdict,omitempty"`
	Reviewed           string     `json:"reviewed,omitempty" yaml:"reviewed,omitempty"` // YYYY-MM-DD of the last review
}

type RPage struct {
	Name  string `json:"name" yaml:"name"`
	Title string `json:"title" yaml:"title"`
	Body  string `json:"body" yaml:"body"`
}
