package diff

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"trustdocs/generator/model"
	"trustdocs/generator/theme"
)

func TestMeasureName(t *testing.T) {
	for _, c := range []struct{ title, text, want string }{
		{"Alarmanlage", "Das Gebäude hat eine Alarmanlage.", "Alarmanlage"},
		{"", "Das Gebäude hat eine Alarmanlage. Sie ist aufgeschaltet.", "Das Gebäude hat eine Alarmanlage."},
		{"", "**Generell:** Backups werden z. B. täglich nach Art. 32 Abs. 1 DS-GVO erstellt. Mehr.", "Generell: Backups werden z. B. täglich nach Art. 32 Abs. 1 DS-GVO erstellt."},
		{"", "Siehe [die Richtlinie](https://example.org) und [](#tom-access). Weiter.", "Siehe die Richtlinie und ."},
		{"", "Der Zugriff erfolgt über das Internet:\n\n- Zoom: TLS\n- Wiki: TLS\n", "Der Zugriff erfolgt über das Internet:"},
		{"", "**Zoom Dienst:**\n\nAbhängig von der Anwendung erfolgt der Zugriff. Mehr.", "Zoom Dienst: Abhängig von der Anwendung erfolgt der Zugriff."},
		{"", "- Erster Punkt einer Liste\n- Zweiter\n", "Erster Punkt einer Liste"},
		{"", "Logs werden am 1. Januar gelöscht. Danach nicht.", "Logs werden am 1. Januar gelöscht."},
		{"", strings.Repeat("Zugriffsberechtigungen werden vergeben ", 5) + "jährlich.",
			"Zugriffsberechtigungen werden vergeben Zugriffsberechtigungen werden vergeben…"},
	} {
		got := MeasureName(model.RMeasure{ID: "some-id", Title: c.title, Text: c.text})
		if got != c.want {
			t.Errorf("MeasureName(%q, %q) = %q, want %q", c.title, c.text, got, c.want)
		}
		if len([]rune(got)) > MaxName {
			t.Errorf("MeasureName(%q) has %d characters, more than %d", c.text, len([]rune(got)), MaxName)
		}
		if strings.Contains(got, "some-id") || strings.Contains(got, "**") {
			t.Errorf("MeasureName(%q) = %q holds the ID or Markdown", c.text, got)
		}
	}
}

// anlage1 is a resolved model with a section, a category and a
// sub-category, and two measures, one with a title.
func anlage1() *model.Resolved {
	return &model.Resolved{Lang: "de",
		Sites: []model.RLocation{{ID: "office", Name: "Büro Berlin"}},
		TOM: []model.RTOMSection{{RTOMNode: model.RTOMNode{ID: "confidentiality", Title: "Vertraulichkeit"},
			Categories: []model.RTOMCategory{{RTOMNode: model.RTOMNode{ID: "physical-access", Title: "Zutrittskontrolle"},
				Categories: []model.RTOMCategory{
					{RTOMNode: model.RTOMNode{ID: "alarm", Title: "Einbruchschutz"}},
					{RTOMNode: model.RTOMNode{ID: "pseudonymisation", Title: "Pseudonymisierung"}},
				}}}}},
		Measures: []model.RMeasure{
			{ID: "alarm-system", Title: "Alarmanlage", TOM: []string{"alarm"}, Kind: model.KindTechnical, State: model.StatePlanned, Text: "Das Büro hat eine Alarmanlage."},
			{ID: "keys-logged", TOM: []string{"physical-access"}, Text: "Schlüssel werden gegen Unterschrift ausgegeben. Verluste werden gemeldet."},
		},
	}
}

func fieldsOf(c Change) map[string]Field {
	out := map[string]Field{}
	for _, f := range c.Fields {
		out[f.Name] = f
	}
	return out
}

func find(t *testing.T, r *Report, entity, id string) Change {
	t.Helper()
	for _, c := range r.Changes {
		if c.Entity == entity && c.ID == id {
			return c
		}
	}
	t.Fatalf("no change of %s %q in %+v", entity, id, r.Changes)
	return Change{}
}

// Sub-categories and every field a node of Anlage 1 prints are compared,
// each as a field with its old and new value, under the node it belongs to.
func TestTOMNodeFieldChanges(t *testing.T) {
	old, new := anlage1(), anlage1()
	sub := &new.TOM[0].Categories[0].Categories[1]
	sub.Status, sub.Reason = model.TOMNotApplicable, "Es werden keine Daten pseudonymisiert verarbeitet."
	cat := &new.TOM[0].Categories[0]
	cat.Intro = "Maßnahmen, die Unbefugten den Zutritt verwehren."
	cat.Note = "Siehe auch die Hausordnung."
	cat.Order = []string{"note", "keys-logged", "site:office"}
	cat.Layout = model.LayoutColumns
	cat.Categories = append(cat.Categories, model.RTOMCategory{RTOMNode: model.RTOMNode{ID: "video", Title: "Videoüberwachung", Intro: "Der Eingang wird gefilmt."}})

	r := Compare(old, new, nil)
	if n := len(r.ByEntity(EntTOM)); n != 3 {
		t.Fatalf("%d TOM changes, want 3 (sub-category changed, category changed, sub-category added): %+v", n, r.ByEntity(EntTOM))
	}
	ps := find(t, r, EntTOM, "pseudonymisation")
	if ps.Kind != Changed || ps.Title != "Pseudonymisierung" || !ps.Substantive {
		t.Errorf("pseudonymisation: %+v", ps)
	}
	f := fieldsOf(ps)
	if s := f["status"]; s.Old != model.TOMApplies || s.New != model.TOMNotApplicable {
		t.Errorf("status of the sub-category: %+v, want applies → not-applicable", s)
	}
	if s := f["reason"]; s.Old != "" || s.New != sub.Reason {
		t.Errorf("reason: %+v", s)
	}
	if len(f) != 2 {
		t.Errorf("fields of pseudonymisation %v, want status and reason only", ps.Fields)
	}

	f = fieldsOf(find(t, r, EntTOM, "physical-access"))
	if f["intro"].New != cat.Intro || f["note"].New != cat.Note || f["layout"].New != model.LayoutColumns {
		t.Errorf("intro, note, layout of the category: %+v", f)
	}
	// The order names what it orders: the note, the measure by its first
	// sentence, the site by its name; never their IDs.
	if o := f["order"].New; o != "note; Schlüssel werden gegen Unterschrift ausgegeben.; Büro Berlin" {
		t.Errorf("order = %q", o)
	}

	add := find(t, r, EntTOM, "video")
	f = fieldsOf(add)
	if add.Kind != Added || f["title"].New != "Videoüberwachung" || f["intro"].New == "" {
		t.Errorf("added sub-category: %+v", add)
	}
	if _, ok := f["status"]; ok {
		t.Errorf("an added node that applies lists its status: %+v", add.Fields)
	}
}

// A measure's title, kind and state are compared; the measure is named by
// its title, or by its first sentence.
func TestMeasureFieldChanges(t *testing.T) {
	old, new := anlage1(), anlage1()
	new.Measures[0].Title = "Alarmanlage mit Aufschaltung"
	new.Measures[0].State = model.StateImplemented
	new.Measures[1].Kind = model.KindOrganisational
	r := Compare(old, new, nil)
	a := find(t, r, EntMeasure, "alarm-system")
	f := fieldsOf(a)
	if a.Title != "Alarmanlage mit Aufschaltung" {
		t.Errorf("title of the change %q, want the new title", a.Title)
	}
	if f["title"].Old != "Alarmanlage" || f["title"].New != "Alarmanlage mit Aufschaltung" {
		t.Errorf("title field: %+v", f["title"])
	}
	if f["state"].Old != model.StatePlanned || f["state"].New != model.StateImplemented {
		t.Errorf("state field: %+v", f["state"])
	}
	k := find(t, r, EntMeasure, "keys-logged")
	if k.Title != "Schlüssel werden gegen Unterschrift ausgegeben." {
		t.Errorf("untitled measure named %q, want its first sentence", k.Title)
	}
	if kf := fieldsOf(k)["kind"]; kf.Old != "" || kf.New != model.KindOrganisational {
		t.Errorf("kind field: %+v", kf)
	}
}

// What a reader sees of the report, in the theme's words: names, never
// IDs; a status change with its old and new value under its category.
func TestTextAndJSONNameNoIDs(t *testing.T) {
	th, err := theme.Open("")
	if err != nil {
		t.Fatal(err)
	}
	old, new := anlage1(), anlage1()
	sub := &new.TOM[0].Categories[0].Categories[1]
	sub.Status, sub.Reason = model.TOMNotApplicable, "Keine Pseudonymisierung."
	new.Measures[0].State = model.StateImplemented
	new.Measures = append(new.Measures, model.RMeasure{ID: "visitor-book", TOM: []string{"physical-access"}, Text: "Besucher tragen sich ein."})
	old.Subsystems = []model.RSubsystem{{ID: "wiki", Title: "Wiki", Measures: old.Measures[:1]}}
	new.Subsystems = []model.RSubsystem{{ID: "wiki", Title: "Wiki", Measures: new.Measures[1:]}}
	namer := func(field, v string) string {
		if s, err := th.Localizer("de").T("Value."+field+"."+v, nil); err == nil {
			return s
		}
		return v
	}
	r := Compare(old, new, namer)
	var buf bytes.Buffer
	if err := WriteText(&buf, r, Header{Old: "1.0", New: "1.1"}, th.Localizer("de"), false); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, id := range []string{"alarm-system", "keys-logged", "visitor-book", "pseudonymisation", "physical-access", "wiki", "["} {
		if strings.Contains(out, id) {
			t.Errorf("the text report shows %q:\n%s", id, out)
		}
	}
	// The status change stands under the sub-category's name, old then new.
	want := "  ~ geändert: Pseudonymisierung\n      Status:\n        - anwendbar\n        + nicht anwendbar\n      Begründung:\n        + Keine Pseudonymisierung.\n"
	if !strings.Contains(out, want) {
		t.Errorf("the text report lacks\n%s\nin\n%s", want, out)
	}
	for _, s := range []string{"  ~ geändert: Alarmanlage\n      Umsetzung:\n        - geplant\n        + umgesetzt\n", "+ hinzugefügt: Besucher tragen sich ein.", "Schutzmaßnahmen: neu: Schlüssel werden gegen Unterschrift ausgegeben.; Besucher tragen sich ein.", "Schutzmaßnahmen: entfällt: Alarmanlage"} {
		if !strings.Contains(out, s) {
			t.Errorf("the text report lacks %q:\n%s", s, out)
		}
	}
	js, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var back struct {
		Changes []struct {
			ID, Title string
			Fields    []Field
		}
	}
	if err := json.Unmarshal(js, &back); err != nil {
		t.Fatal(err)
	}
	titles := map[string]string{}
	for _, c := range back.Changes {
		titles[c.ID] = c.Title
	}
	if titles["alarm-system"] != "Alarmanlage" || titles["pseudonymisation"] != "Pseudonymisierung" || titles["visitor-book"] != "Besucher tragen sich ein." {
		t.Errorf("JSON titles %v", titles)
	}
}
