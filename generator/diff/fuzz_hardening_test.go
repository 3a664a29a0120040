package diff

import (
	"encoding/json"
	"reflect"
	"testing"

	"gopkg.in/yaml.v3"

	"trustdocs/generator/load"
	"trustdocs/generator/model"
)

// FuzzCompare compares two resolved models read from YAML, as release
// snapshots are read back: any pair compares without a panic, a model
// compared with itself has no changes, and the report is the same every
// time. The strings a and b replace the text of the first measure on each
// side, to drive the editorial/substantive word diff with odd text.
// Seeds: the resolved models of testdata/minimal and variants of them.
func FuzzCompare(f *testing.F) {
	site, errs := load.Load("../../testdata/minimal")
	if errs.HasErrors() {
		f.Fatal(errs.Err())
	}
	var seeds [][]byte
	for _, lang := range site.LangIDs() {
		r := model.Localize(site, lang)
		b, err := yaml.Marshal(r)
		if err != nil {
			f.Fatal(err)
		}
		seeds = append(seeds, b)
		// A variant without the first vendor and measure.
		if len(r.Vendors) > 0 {
			r.Vendors = r.Vendors[1:]
		}
		if len(r.Measures) > 0 {
			r.Measures = r.Measures[1:]
		}
		b, _ = yaml.Marshal(r)
		seeds = append(seeds, b)
	}
	for i := range seeds {
		for j := range seeds {
			f.Add(seeds[i], seeds[j], "", "")
		}
	}
	f.Add(seeds[0], seeds[0], "Logs werden nach 12 Monaten gelöscht.", "Logs werden nach 6 Monaten gelöscht.")
	f.Add(seeds[0], seeds[1], "😀 中文 \u202e \x00", "\xff\xfe")
	f.Add([]byte("vendors: [{id: a}, {id: a}]\nmeasures: [{id: m}, {id: m, text: x}]\n"), []byte("vendors: [{id: a, role: subprocessor}]\n"), "a", "")

	f.Fuzz(func(t *testing.T, a, b []byte, ta, tb string) {
		var old, new model.Resolved
		if yaml.Unmarshal(a, &old) != nil || yaml.Unmarshal(b, &new) != nil {
			return
		}
		if ta != "" && len(old.Measures) > 0 {
			old.Measures[0].Text = ta
		}
		if tb != "" && len(new.Measures) > 0 {
			new.Measures[0].Text = tb
		}
		// Snapshots of valid content have unique IDs; with duplicates the
		// pairing of records is undefined (but must not panic).
		if r := Compare(&old, &old, nil); len(r.Changes) != 0 && uniqueIDs(reflect.ValueOf(old)) {
			t.Fatalf("a model compared with itself has %d changes: %+v", len(r.Changes), r.Changes[0])
		}
		r1 := Compare(&old, &new, nil)
		r2 := Compare(&old, &new, nil)
		if !reflect.DeepEqual(r1, r2) {
			t.Fatal("two comparisons of the same models differ")
		}
		if _, err := json.Marshal(r1); err != nil {
			t.Fatal(err)
		}
	})
}

// uniqueIDs reports whether every list of entities in v has distinct IDs.
func uniqueIDs(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		return v.IsNil() || uniqueIDs(v.Elem())
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() && !uniqueIDs(v.Field(i)) {
				return false
			}
		}
	case reflect.Map:
		for it := v.MapRange(); it.Next(); {
			if !uniqueIDs(it.Value()) {
				return false
			}
		}
	case reflect.Slice:
		seen := map[string]bool{}
		for i := 0; i < v.Len(); i++ {
			e := v.Index(i)
			if e.Kind() == reflect.Struct {
				if id := e.FieldByName("ID"); id.IsValid() && id.Kind() == reflect.String {
					if seen[id.String()] {
						return false
					}
					seen[id.String()] = true
				}
			}
			if !uniqueIDs(e) {
				return false
			}
		}
	}
	return true
}
