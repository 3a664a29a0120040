package diff

import (
	"testing"

	"trustdocs/generator/model"
)

func TestEditorial(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"Lösungsfristen sind definiert.", "Löschfristen sind definiert.", false}, // 3 deleted + 2 inserted
		{"gesetzkonform", "gesetzeskonform", true},
		{"Die Logs werden nach 6 Monaten gelöscht.", "Die Logs werden nach 3 Monaten gelöscht.", false},
		{"Die Daten werden gespeichert.", "Die Daten werden nicht gespeichert.", false},
		{"Zugriff ist erlaubt.", "Zugriff ist erlaubt!", true},
		{"Backups werden täglich erstellt.", "Backups werden wöchentlich erstellt.", false},
	} {
		if got := Editorial(c.a, c.b); got != c.want {
			t.Errorf("Editorial(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

func TestCompareOrdersSubprocessorsFirst(t *testing.T) {
	old := &model.Resolved{Lang: "de",
		Vendors:  []model.RVendor{{ID: "a", LegalName: "A GmbH", Role: model.RoleSubprocessor, Locations: []string{"DE"}}},
		Measures: []model.RMeasure{{ID: "m", Text: "Logs werden nach 12 Monaten gelöscht.", TOM: []string{"erasure"}}},
		Subsystems: []model.RSubsystem{{ID: "s", Title: "Wiki",
			Goals:   []model.RGoal{{ID: "g", Title: "Fernmeldegeheimnis", Status: model.GoalRelevant}},
			Threats: []model.REntry{{ID: "t1", Title: "Benutzerverhalten"}}}},
	}
	new := &model.Resolved{Lang: "de",
		Vendors: []model.RVendor{
			{ID: "a", LegalName: "A GmbH", Role: model.RoleSubprocessor, Locations: []string{"DE", "AT"}},
			{ID: "b", LegalName: "B AG", Role: model.RoleSubprocessor},
		},
		Measures: []model.RMeasure{{ID: "m", Text: "Logs werden nach 6 Monaten gelöscht.", TOM: []string{"erasure"}}},
		Subsystems: []model.RSubsystem{{ID: "s", Title: "Wiki",
			Goals:   []model.RGoal{{ID: "g", Title: "Fernmeldegeheimnis", Status: model.GoalNotRelevant, Reason: "Kein TK-System."}},
			Threats: []model.REntry{{ID: "t2", Title: "Sabotage"}}}},
	}
	r := Compare(old, new, nil)
	var got []string
	for _, c := range r.Changes {
		got = append(got, c.Entity+" "+c.Kind+" "+c.ID)
	}
	want := []string{"subprocessor changed a", "subprocessor added b", "subsystem changed s", "measure changed m"}
	if len(got) != len(want) {
		t.Fatalf("changes %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("change %d = %q, want %q", i, got[i], want[i])
		}
	}
	loc := r.Changes[0].Fields[0]
	if loc.Name != "locations" || len(loc.Added) != 1 || loc.Added[0] != "AT" {
		t.Errorf("locations field: %+v", loc)
	}
	sub := r.Changes[2]
	fields := map[string]Field{}
	for _, f := range sub.Fields {
		fields[f.Name] = f
	}
	if g := fields["goal:Fernmeldegeheimnis"]; g.Old != "relevant" || g.New != "not-relevant: Kein TK-System." {
		t.Errorf("goal field: %+v", g)
	}
	if th := fields["threats"]; len(th.Added) != 1 || len(th.Removed) != 1 {
		t.Errorf("threats field: %+v", th)
	}
	if !r.Changes[3].Substantive {
		t.Error("a shortened retention period is substantive")
	}
}
