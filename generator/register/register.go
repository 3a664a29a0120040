// Package register writes the register of subprocessors for machines: per
// language subprocessors.json (valid against schemas/subprocessors.schema.json)
// and subprocessors.csv, with stable entity IDs (the vendors' IDs), the
// release and its effective date, and each entry's changes against the
// previous release, so a customer's tool sees what changed without reading
// HTML (EDPB Opinion 22/2024: the chain of subprocessors readily available).
package register

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"sort"
	"strconv"
	"strings"

	"trustdocs/generator/diff"
	"trustdocs/generator/model"
)

// SchemaPath is where the schema of the JSON file lies in the output and
// under schemas/ in the repository.
const SchemaPath = "schemas/subprocessors.schema.json"

// Files are the register's files of one language: <lang>/subprocessors.json
// and .csv.
func Files(lang string) (json, csv string) {
	return lang + "/subprocessors.json", lang + "/subprocessors.csv"
}

// Register is the JSON file.
type Register struct {
	Schema       string    `json:"$schema"`
	Lang         string    `json:"lang"`
	Organisation string    `json:"organisation"`
	Release      string    `json:"release"` // the version in force, or "draft"
	Date         string    `json:"date"`    // of the release (of the annex, for a draft)
	Effective    string    `json:"effective"`
	Previous     string    `json:"previous_release,omitempty"` // what changes are counted against
	Entries      []Entry   `json:"subprocessors"`
	Removed      []Removed `json:"removed,omitempty"`
}

// Entry is one subprocessor.
type Entry struct {
	ID               string                 `json:"id"`
	LegalName        string                 `json:"legal_name"`
	Name             string                 `json:"name"`
	Address          model.RAddress         `json:"address"`
	Service          string                 `json:"service"`
	DataCategories   string                 `json:"data_categories,omitempty"`
	DataSubjects     string                 `json:"data_subjects,omitempty"`
	Locations        []string               `json:"locations"`
	SupportAccess    []string               `json:"support_access,omitempty"`
	Transfers        []model.RTransfer      `json:"transfers"`
	TIA              bool                   `json:"tia"`
	Certifications   []model.RCertification `json:"certifications"`
	SubprocessorList string                 `json:"subprocessor_list,omitempty"`
	DPADate          string                 `json:"dpa_date,omitempty"`
	DPAReference     string                 `json:"dpa_reference,omitempty"`
	Change           string                 `json:"change"`                   // added, changed or unchanged
	ChangedFields    []string               `json:"changed_fields,omitempty"` // for changed
}

// Removed is a subprocessor of the previous release that is gone.
type Removed struct {
	ID        string `json:"id"`
	LegalName string `json:"legal_name"`
}

// Unchanged is the change of an entry the previous release had as it is.
const Unchanged = "unchanged"

// State is the content the register describes, and the release before it.
type State struct {
	Site      *model.Resolved
	Release   string // version, or "draft"
	Date      string
	Effective string          // "" = Date
	Previous  *model.Resolved // nil: no previous release, every entry is added
	PrevVer   string
	SchemaURL string // the value of $schema
}

// Build makes the register of one state.
func Build(s State) Register {
	r := Register{
		Schema: s.SchemaURL, Lang: s.Site.Lang, Organisation: s.Site.Organisation.Name,
		Release: s.Release, Date: s.Date, Effective: s.Effective, Previous: s.PrevVer,
	}
	if r.Effective == "" {
		r.Effective = r.Date
	}
	changes := map[string]diff.Change{}
	if s.Previous != nil {
		for _, c := range diff.Compare(s.Previous, s.Site, nil).ByEntity(diff.EntSubprocessor) {
			changes[c.ID] = c
			if c.Kind == diff.Removed {
				r.Removed = append(r.Removed, Removed{ID: c.ID, LegalName: c.Title})
			}
		}
	}
	for _, v := range s.Site.Vendors {
		if v.Role != model.RoleSubprocessor {
			continue
		}
		e := Entry{
			ID: v.ID, LegalName: v.LegalName, Name: v.Name, Address: v.Address, Service: v.Service,
			DataCategories: v.Data, DataSubjects: v.DataSubjects, Locations: nonNil(v.Locations),
			SupportAccess: v.SupportAccess, Transfers: v.Bases(), TIA: v.TIA,
			Certifications: v.Certifications, SubprocessorList: v.SubprocessorList,
			DPADate: v.DPADate, DPAReference: v.DPAReference, Change: diff.Added,
		}
		if e.Transfers == nil {
			e.Transfers = []model.RTransfer{}
		}
		if e.Certifications == nil {
			e.Certifications = []model.RCertification{}
		}
		if s.Previous != nil {
			e.Change = Unchanged
			if c, ok := changes[v.ID]; ok {
				e.Change = c.Kind
				if c.Kind == diff.Changed {
					for _, f := range c.Fields {
						e.ChangedFields = append(e.ChangedFields, f.Name)
					}
					sort.Strings(e.ChangedFields)
				}
			}
		}
		r.Entries = append(r.Entries, e)
	}
	if r.Entries == nil {
		r.Entries = []Entry{}
	}
	return r
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// JSON encodes the register, indented, with a final newline.
func (r Register) JSON() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// CSVHeader are the columns of the CSV file.
var CSVHeader = []string{
	"id", "legal_name", "name", "street", "postcode", "city", "country", "service",
	"data_categories", "data_subjects", "locations", "support_access", "transfers", "tia",
	"certifications", "subprocessor_list", "dpa_date", "dpa_reference",
	"change", "changed_fields", "release", "effective",
}

// CSV writes one row per subprocessor (RFC 4180); lists are joined with
// "; ", a transfer basis as "scc module 3 2021/914". Removed subprocessors
// are rows with change "removed" and only their ID and legal name.
func (r Register) CSV() ([]byte, error) {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	rows := [][]string{CSVHeader}
	for _, e := range r.Entries {
		var transfers, certs []string
		for _, t := range e.Transfers {
			s := t.Basis
			if t.Module != "" {
				s += " module " + t.Module
			}
			if t.Decision != "" {
				s += " " + t.Decision
			}
			transfers = append(transfers, s)
		}
		for _, c := range e.Certifications {
			s := c.Name
			if c.Edition != "" {
				s += ":" + c.Edition
			}
			certs = append(certs, s)
		}
		a := e.Address
		rows = append(rows, []string{
			e.ID, e.LegalName, e.Name, a.Street, a.Postcode, a.City, a.Country, e.Service,
			e.DataCategories, e.DataSubjects, strings.Join(e.Locations, "; "), strings.Join(e.SupportAccess, "; "),
			strings.Join(transfers, "; "), strconv.FormatBool(e.TIA), strings.Join(certs, "; "),
			e.SubprocessorList, e.DPADate, e.DPAReference, e.Change, strings.Join(e.ChangedFields, "; "),
			r.Release, r.Effective,
		})
	}
	for _, x := range r.Removed {
		row := make([]string, len(CSVHeader))
		row[0], row[1], row[18], row[20], row[21] = x.ID, x.LegalName, diff.Removed, r.Release, r.Effective
		rows = append(rows, row)
	}
	if err := w.WriteAll(rows); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
