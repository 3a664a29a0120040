package model_test

import (
	"reflect"
	"sync"
	"testing"

	"trustdocs/generator/load"
	"trustdocs/generator/model"
)

// Models resolve each language once, also when asked at once, into what
// Localize resolves afresh; two sites' models are their own.
func TestModels(t *testing.T) {
	site, errs := load.Load("../../testdata/minimal")
	if errs.HasErrors() {
		t.Fatal(errs.Err())
	}
	langs := site.LangIDs()
	if len(langs) == 0 {
		t.Fatal("no languages")
	}
	lang := langs[0]
	plain := model.Localize(site, lang)
	if model.Localize(site, lang) == plain {
		t.Fatal("Localize shares its results")
	}
	models := model.Resolve(site)
	var wg sync.WaitGroup
	got := make([]*model.Resolved, 8)
	for i := range got {
		wg.Add(1)
		go func() { // one result for all, also when asked at once
			defer wg.Done()
			got[i] = models.Get(lang)
		}()
	}
	wg.Wait()
	for _, r := range got {
		if r != got[0] {
			t.Fatal("Models resolved the language more than once")
		}
	}
	if !reflect.DeepEqual(got[0], plain) {
		t.Error("the shared model differs from one resolved afresh")
	}
	if model.Localize(site, lang) == got[0] {
		t.Error("Localize gives the shared model: a hidden cache")
	}
	if other := model.Resolve(site).Get(lang); other == got[0] {
		t.Error("two Models of one site share a model: a hidden cache")
	}
	for _, l := range langs[1:] {
		if r := models.Get(l); r == got[0] || r.Lang != l {
			t.Errorf("%s: the model of another language", l)
		}
	}
}
