package lint

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"trustdocs/generator/diag"
	"trustdocs/generator/load"
	"trustdocs/generator/model"
	"trustdocs/themes"
)

// Every rule of the theme's glossary fires on the wrong term in its context
// and stays silent on the right one (or where the German shows that the
// rule does not apply).
func TestThemeTermRules(t *testing.T) {
	cases := map[string][]struct {
		en, de string
		fires  bool
	}{
		"consent-to-terms": {
			{"Consent is a prerequisite for concluding a contract.", "Zustimmung ist Voraussetzung für einen Vertragsabschluss.", true},
			{"Acceptance of these terms is a prerequisite for the contract.", "Zustimmung ist Voraussetzung für einen Vertragsabschluss.", false},
			{"only with the consent of the data subject", "nur nach Einwilligung des Betroffenen", false},
		},
		"client-for-controller": {
			{"The client may object to such a change.", "Der Auftraggeber kann Einspruch erheben.", true},
			{"The controller may object to such a change.", "Der Auftraggeber kann Einspruch erheben.", false},
			{"The client computers run anti-virus software.", "Die Clientrechner haben Virenschutz.", false},
		},
		"contractor-for-processor": {
			{"the contractor processes the data", "der Auftragnehmer verarbeitet die Daten", true},
			{"the processor processes the data", "der Auftragnehmer verarbeitet die Daten", false},
		},
		"affected-person": {
			{"the rights of the affected persons", "die Rechte der Betroffenen", true},
			{"the rights of data subjects", "die Rechte der Betroffenen", false},
		},
		"order-processing": {
			{"a contract for commissioned data processing", "Auftragsverarbeitungsvertrag", true},
			{"a data processing agreement", "Auftragsverarbeitungsvertrag", false},
		},
		"sub-processor-spelling": {
			{"the sub-processors listed below", "Unterauftragsverarbeiter", true},
			{"the subprocessors listed below", "Unterauftragsverarbeiter", false},
		},
		"art32-level-of-data-protection": {
			{"to ensure a level of data protection\nappropriate to the risk", "ein dem Risiko angemessenes Datenschutzniveau", true},
			{"to ensure an appropriate level of data protection", "eines angemessenen Datenschutzniveaus", true},
			{"to ensure a level of security appropriate to the risk", "ein dem Risiko angemessenes Datenschutzniveau", false},
			{"Switzerland ensures an adequate level of data protection.", "Angemessenheit des Datenschutzniveaus", false},
		},
		"deletion-periods": {
			{"Deletion periods are defined.", "Löschfristen sind definiert.", true},
			{"Time limits for erasure are defined.", "Löschfristen sind definiert.", false},
		},
		"declaration-of-commitment": {
			{"a declaration of commitment", "eine Verpflichtungserklärung", true},
			{"a confidentiality undertaking", "eine Verpflichtungserklärung", false},
		},
		"organizational-spelling": {
			{"technical and organizational measures", "technische und organisatorische Maßnahmen", true},
			{"technical and organisational measures", "technische und organisatorische Maßnahmen", false},
		},
		"eu-gdpr": {
			{"bound by the EU GDPR", "der EU-DSGVO verpflichtet", true},
			{"subject to the GDPR", "der EU-DSGVO verpflichtet", false},
		},
		"safe-third-countries": {
			{"the list of safe third countries", "Liste der sicheren Drittstaaten", true},
			{"covered by a Commission adequacy decision", "Liste der sicheren Drittstaaten", false},
		},
		"scc-capitals": {
			{"the EU Standard Contractual Clauses", "EU-Standardvertragsklauseln", true},
			{"the EU standard contractual clauses", "EU-Standardvertragsklauseln", false},
			{"Standard contractual clauses", "Standardvertragsklauseln", false},
		},
		"customer-master-data": {
			{"Personal data (customer master data)", "Personenbezogene Daten (Kundenbestandsdaten)", true},
			{"Personal data (subscriber data)", "Personenbezogene Daten (Kundenbestandsdaten)", false},
			{"Customer master data and sales data are kept apart.", "Kundenstammdaten und Umsatzdaten werden getrennt.", false},
		},
		"bnetza-abbreviation": {
			{"registered with the BNetzA", "bei der BNetzA gemeldet", true},
			{"registered with the Federal Network Agency (Bundesnetzagentur)", "bei der BNetzA gemeldet", false},
		},
		"contract-quota": {
			{"within the contract quota of ZengerConsult GmbH", "im Rahmen des Kontingents der ZengerConsult GmbH", true},
			{"under ZengerConsult GmbH's hosting contract", "im Rahmen des Kontingents der ZengerConsult GmbH", false},
		},
	}
	rules, err := ThemeTerms(themes.Default())
	if err != nil {
		t.Fatal(err)
	}
	if len(rules) == 0 {
		t.Fatal("the default theme has no terminology rules")
	}
	for _, r := range rules {
		list, ok := cases[r.ID]
		if !ok {
			t.Errorf("theme rule %q has no case in this test", r.ID)
			continue
		}
		delete(cases, r.ID)
		for _, c := range list {
			got := termWarnings(t, []model.TermRule{r}, c.en, c.de)
			if c.fires != (len(got) == 1) || len(got) > 1 {
				t.Errorf("rule %q on %q (German %q): fires %v, want %v: %v", r.ID, c.en, c.de, len(got) > 0, c.fires, got)
			}
			if c.fires && len(got) == 1 && !strings.Contains(got[0].Msg, `glossary rule "`+r.ID+`"`) {
				t.Errorf("rule %q: the message does not name the rule: %s", r.ID, got[0].Msg)
			}
		}
	}
	for id := range cases {
		t.Errorf("case for %q, which the theme does not have", id)
	}
}

// termWarnings lints one English text (and its German source) with rules.
func termWarnings(t *testing.T, rules []model.TermRule, en, de string) []diag.Diagnostic {
	t.Helper()
	site := &model.Site{Languages: []model.Ident{{ID: "de"}, {ID: "en"}}}
	site.Pages = []*model.Page{
		{Name: "p", Lang: "de", Body: de, BodyPos: diag.Pos{File: "p.de.md", Line: 4, Col: 1}},
		{Name: "p", Lang: "en", Body: en, BodyPos: diag.Pos{File: "p.en.md", Line: 5, Col: 1}},
	}
	l := &linter{site: site, out: &diag.List{}, off: map[string]bool{}}
	if err := l.terminology(rules); err != nil {
		t.Fatal(err)
	}
	return l.out.Items()
}

// Warnings point at the wrong term itself, in the English file.
func TestTermPosition(t *testing.T) {
	r := model.TermRule{ID: "x", Wrong: `(?i)\bcustomer\s+master\s+data\b`, Preferred: `"subscriber data"`}
	got := termWarnings(t, []model.TermRule{r}, "First line.\nThe customer\nmaster data are stored.", "Bestandsdaten")
	if len(got) != 1 || got[0].Pos.String() != "p.en.md:6:5" {
		t.Errorf("got %v, want one warning at p.en.md:6:5", got)
	}
}

// A broken theme glossary is an error; a theme without one has no rules.
func TestThemeTermsFile(t *testing.T) {
	for name, data := range map[string]string{
		"bad pattern":  "- {id: a, wrong: '(', preferred: b, reason: c}\n",
		"bad source":   "- {id: a, wrong: a, source: '[', preferred: b, reason: c}\n",
		"no reason":    "- {id: a, wrong: a, preferred: b}\n",
		"unknown key":  "- {id: a, wrong: a, preferred: b, reason: c, contxt: d}\n",
		"duplicate id": "- {id: a, wrong: a, preferred: b, reason: c}\n- {id: a, wrong: b, preferred: b, reason: c}\n",
	} {
		if _, err := ThemeTerms(fstest.MapFS{TermFile: {Data: []byte(data)}}); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if r, err := ThemeTerms(fstest.MapFS{}); err != nil || r != nil {
		t.Errorf("a theme without the file: %v, %v", r, err)
	}
}

// A broken terminology section of lint.yaml is a load error at its place.
func TestLintFileTermErrors(t *testing.T) {
	tree := overlay(t, "testdata/terminology/clean")
	os.WriteFile(filepath.Join(tree, "lint.yaml"), []byte("terminology:\n  - id: a\n    wrong: '(x'\n    preferred: b\n  - wrong: x\n    preferred: y\n  - id: c\n    off: true\n    prefered: z\n"), 0o644)
	_, errs := load.Load(tree)
	got := strings.ReplaceAll(errs.Err().Error(), tree+string(filepath.Separator), "")
	for _, want := range []string{
		"lint.yaml:3:12: field \"wrong\" is not a valid regular expression: missing closing ): `(x`",
		"lint.yaml:5:5: terminology rule is missing the required field \"id\"",
		"lint.yaml:9:5: unknown field \"prefered\" in terminology rule: did you mean \"preferred\"?",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
}
