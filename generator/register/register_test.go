package register

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"slices"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"trustdocs/generator/model"
)

// Validate checks a register against the committed schema.
func Validate(t *testing.T, data []byte) error {
	t.Helper()
	schemaFile, err := os.Open("../../" + SchemaPath)
	if err != nil {
		t.Fatal(err)
	}
	defer schemaFile.Close()
	doc, err := jsonschema.UnmarshalJSON(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("subprocessors.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("subprocessors.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return sch.Validate(inst)
}

func vendor(id, service string) model.RVendor {
	return model.RVendor{
		ID: id, Name: id, LegalName: id + " GmbH", Role: model.RoleSubprocessor, Service: service,
		Address: model.RAddress{City: "Berlin", Country: "DE"}, Locations: []string{"DE"},
		Transfers: []model.RTransfer{{Basis: model.TransferNone}}, DPA: true,
	}
}

// Against the previous release, each entry says whether it was added,
// changed (and which fields) or is unchanged; a subprocessor that is gone,
// or that is now another kind of vendor, is listed as removed.
func TestChangesAgainstThePreviousRelease(t *testing.T) {
	adviser := vendor("adviser", "Beratung")
	adviser.Role = model.RoleController
	prev := &model.Resolved{Lang: "de", Vendors: []model.RVendor{vendor("kept", "Hosting"), vendor("edited", "Hosting"), vendor("gone", "Hosting"), vendor("adviser", "Beratung")}}
	edited := vendor("edited", "Hosting und Support")
	edited.Transfers = []model.RTransfer{{Basis: model.TransferSCC, Module: "3", Decision: "2021/914"}}
	cur := &model.Resolved{Lang: "de", Organisation: model.ROrganisation{Name: "Beispiel GmbH"}, Vendors: []model.RVendor{vendor("kept", "Hosting"), edited, vendor("new", "Mail"), adviser}}
	r := Build(State{Site: cur, Release: "2.0", Date: "2026-12-01", Effective: "2027-01-01", Previous: prev, PrevVer: "1.0", SchemaURL: "../" + SchemaPath})
	got := map[string]Entry{}
	var ids []string
	for _, e := range r.Entries {
		got[e.ID] = e
		ids = append(ids, e.ID)
	}
	if !slices.Equal(ids, []string{"kept", "edited", "new"}) {
		t.Fatalf("entries %v, want the three subprocessors in content order", ids)
	}
	if got["kept"].Change != Unchanged || got["new"].Change != "added" || got["edited"].Change != "changed" {
		t.Errorf("changes: kept %s, new %s, edited %s", got["kept"].Change, got["new"].Change, got["edited"].Change)
	}
	if f := got["edited"].ChangedFields; !slices.Equal(f, []string{"service", "transfer"}) {
		t.Errorf("edited changed %v, want [service transfer]", f)
	}
	if len(r.Removed) != 2 || r.Removed[0].ID != "gone" && r.Removed[1].ID != "gone" {
		t.Errorf("removed %v, want gone and adviser (now a controller)", r.Removed)
	}
	if r.Effective != "2027-01-01" || r.Previous != "1.0" {
		t.Errorf("effective %s, previous %s", r.Effective, r.Previous)
	}
	data, err := r.JSON()
	if err != nil {
		t.Fatal(err)
	}
	if err := Validate(t, data); err != nil {
		t.Errorf("the register does not validate: %v\n%s", err, data)
	}
	var back Register
	if err := json.Unmarshal(data, &back); err != nil || back.Schema != "../"+SchemaPath {
		t.Errorf("$schema %q, %v", back.Schema, err)
	}
	c, err := r.CSV()
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(c)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1+3+2 || !slices.Equal(rows[0], CSVHeader) {
		t.Fatalf("CSV has %d rows, header %v", len(rows), rows[0])
	}
	if rows[2][0] != "edited" || rows[2][12] != "scc module 3 2021/914" || rows[2][18] != "changed" || rows[2][19] != "service; transfer" || rows[2][21] != "2027-01-01" {
		t.Errorf("CSV row of edited: %q", rows[2])
	}
}

// The schema rejects what a tool could not rely on.
func TestSchemaRejects(t *testing.T) {
	r := Build(State{Site: &model.Resolved{Lang: "de", Organisation: model.ROrganisation{Name: "B"}, Vendors: []model.RVendor{vendor("a", "Hosting")}}, Release: "draft", Date: "2026-12-01", SchemaURL: "x"})
	good, _ := r.JSON()
	if err := Validate(t, good); err != nil {
		t.Fatalf("a good register fails: %v", err)
	}
	for name, edit := range map[string]func(*Register){
		"bad country":  func(r *Register) { r.Entries[0].Address.Country = "Deutschland" },
		"bad change":   func(r *Register) { r.Entries[0].Change = "new" },
		"bad module":   func(r *Register) { r.Entries[0].Transfers[0].Module = "5" },
		"bad date":     func(r *Register) { r.Effective = "1.12.2026" },
		"bad release":  func(r *Register) { r.Release = "" },
		"no legalname": func(r *Register) { r.Entries[0].LegalName = "" },
	} {
		b := Build(State{Site: &model.Resolved{Lang: "de", Organisation: model.ROrganisation{Name: "B"}, Vendors: []model.RVendor{vendor("a", "Hosting")}}, Release: "draft", Date: "2026-12-01", SchemaURL: "x"})
		edit(&b)
		data, _ := b.JSON()
		if Validate(t, data) == nil {
			t.Errorf("%s: the schema accepts it", name)
		}
	}
}
