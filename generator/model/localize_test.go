package model_test

import (
	"reflect"
	"sync"
	"testing"

	"trustdocs/generator/load"
	"trustdocs/generator/model"
)

func TestMemoize(t *testing.T) {
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
		t.Fatal("shared without Memoize")
	}

	done := model.Memoize(site)
	var wg sync.WaitGroup
	got := make([]*model.Resolved, 8)
	for i := range got {
		wg.Add(1)
		go func() { // one result for all, also when asked at once
			defer wg.Done()
			got[i] = model.Localize(site, lang)
		}()
	}
	wg.Wait()
	for _, r := range got {
		if r != got[0] {
			t.Fatal("Localize resolved the language more than once under Memoize")
		}
	}
	if !reflect.DeepEqual(got[0], plain) {
		t.Error("the memoized model differs from one resolved afresh")
	}
	inner := model.Memoize(site)
	inner() // an inner Memoize does not end the outer one
	if model.Localize(site, lang) != got[0] {
		t.Error("an inner Memoize ended the memo")
	}
	for _, l := range langs[1:] {
		if r := model.Localize(site, l); r == got[0] || r.Lang != l {
			t.Errorf("%s: the model of another language", l)
		}
	}
	done()
	if model.Localize(site, lang) == got[0] {
		t.Error("still shared after done")
	}
}
