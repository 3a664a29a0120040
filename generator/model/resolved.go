package model

// The resolved model: one language, references replaced by what they point
// to, positions dropped. Templates and the JSON output read this form.

// Resolved is a site in one language.
type Resolved struct {
	Lang         string             `json:"lang"`
	Languages    []string           `json:"languages"`
	BaseURL      string             `json:"base_url,omitempty"`
	Organisation ROrganisation      `json:"organisation"`
	People       RPeople            `json:"people"`
	Documents    []RDocument        `json:"documents"`
	Goals        []REntry           `json:"goals"`
	Threats      []REntry           `json:"threats"`
	Requirements []REntry           `json:"requirements"`
	TOM          []RTOMSection      `json:"tom"`
	Vendors      []RVendor          `json:"vendors"`
	Sites        []RLocation        `json:"sites"`
	Measures     []RMeasure         `json:"measures"`
	Subsystems   []RSubsystem       `json:"subsystems"`
	Pages        map[string]RPage   `json:"pages"`
	index        map[string]RVendor // vendors by id
}

type ROrganisation struct {
	Name       string   `json:"name"`
	ShortName  string   `json:"short_name,omitempty"`
	Address    RAddress `json:"address"`
	Phone      string   `json:"phone,omitempty"`
	Email      string   `json:"email,omitempty"`
	Website    string   `json:"website,omitempty"`
	Court      string   `json:"register_court,omitempty"`
	Register   string   `json:"register_number,omitempty"`
	Management []string `json:"management,omitempty"`
}

type RAddress struct {
	Street   string `json:"street,omitempty"`
	Postcode string `json:"postcode,omitempty"`
	City     string `json:"city,omitempty"`
	Country  string `json:"country,omitempty"`
}

type RPerson struct {
	Name  string `json:"name"`
	Phone string `json:"phone,omitempty"`
	Email string `json:"email,omitempty"`
}

type RPeople struct {
	SecurityOfficer *RPerson `json:"security_officer,omitempty"`
	DPO             *RPerson `json:"dpo,omitempty"`
	EUContact       *RPerson `json:"eu_contact,omitempty"`
}

type RDocument struct {
	ID             string              `json:"id"`
	Type           string              `json:"type"`
	Title          string              `json:"title"`
	Subtitle       string              `json:"subtitle,omitempty"`
	Version        string              `json:"version"`
	Date           string              `json:"date"`
	Classification string              `json:"classification"`
	Pages          map[string][]string `json:"pages,omitempty"`
}

type REntry struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

type RTOMSection struct {
	ID          string         `json:"id"`
	Title       string         `json:"title"`
	Intro       string         `json:"intro,omitempty"`
	SiteHeading string         `json:"site_heading,omitempty"`
	Categories  []RTOMCategory `json:"categories,omitempty"`
}

type RTOMCategory struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	SiteHeading string `json:"site_heading,omitempty"`
}

type RCertification struct {
	Name       string `json:"name"`
	ValidUntil string `json:"valid_until,omitempty"`
}

type RVendor struct {
	ID             string           `json:"id"`
	Name           string           `json:"name"`
	LegalName      string           `json:"legal_name"`
	Address        RAddress         `json:"address"`
	Website        string           `json:"website,omitempty"`
	Statement      string           `json:"statement,omitempty"`
	Certifications []RCertification `json:"certifications,omitempty"`
	Role           string           `json:"role"`
	Service        string           `json:"service"`
	Data           string           `json:"data,omitempty"`
	Locations      []string         `json:"locations,omitempty"`
	DPA            bool             `json:"dpa"`
	Transfer       string           `json:"transfer,omitempty"`
	TransferNote   string           `json:"transfer_note,omitempty"`
}

type RLocation struct {
	ID      string    `json:"id"`
	Name    string    `json:"name"`
	Kind    string    `json:"kind"`
	Vendor  string    `json:"vendor,omitempty"`
	Address *RAddress `json:"address,omitempty"`
}

type RMeasure struct {
	ID    string   `json:"id"`
	TOM   []string `json:"tom"`
	Sites []string `json:"sites,omitempty"`
	Text  string   `json:"text"`
}

type RGoal struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Status string `json:"status"`
	Reason string `json:"reason,omitempty"`
}

type RRisk struct {
	Risk       string `json:"risk"`
	Acceptance string `json:"acceptance"`
}

type RSubsystem struct {
	ID                 string     `json:"id"`
	Title              string     `json:"title"`
	Provider           *RVendor   `json:"provider,omitempty"`
	Contractor         *RVendor   `json:"contractor,omitempty"`
	Summary            string     `json:"summary"`
	Description        string     `json:"description"`
	Data               string     `json:"data,omitempty"`
	Goals              []RGoal    `json:"goals"`
	DelegatedIntro     string     `json:"delegated_intro,omitempty"`
	NotOperationalNote string     `json:"not_operational_note,omitempty"`
	ThreatsScope       string     `json:"threats_scope,omitempty"`
	Threats            []REntry   `json:"threats"`
	Requirements       []REntry   `json:"requirements"`
	MeasuresIntro      string     `json:"measures_intro,omitempty"`
	Measures           []RMeasure `json:"measures"`
	ResidualRisks      []RRisk    `json:"residual_risks,omitempty"`
	Verdict            string     `json:"verdict,omitempty"`
}

type RPage struct {
	Name  string `json:"name"`
	Title string `json:"title"`
	Body  string `json:"body"`
}
