package audience

import (
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"trustdocs/generator/diag"
)

const doc = `measures:
  - id: open
    text: {de: Offen für alle.}
  - id: secret
    audience: customer
    text: {de: TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 wird verwendet.}
  - id: varied
    text:
      public: {de: Verbindungen sind verschlüsselt.}
      customer: {de: Verbindungen sind mit TLS 1.3 verschlüsselt.}
      internal: {de: Der Schlüssel liegt im Tresor im Keller.}
  - id: detail-only
    note:
      customer: {de: Nur für Kunden.}
    text:
      de: |
        Erster Absatz.

        ::: customer
        Es wird kein Virenschutzprogramm verwendet.
        :::

        Letzter Absatz.
`

// filtered gives the document as the edition sees it, re-encoded.
func filtered(t *testing.T, edition string) (string, *Filter) {
	t.Helper()
	var root yaml.Node
	if err := yaml.Unmarshal([]byte(doc), &root); err != nil {
		t.Fatal(err)
	}
	errs := &diag.List{}
	f, err := New(Default, edition, errs)
	if err != nil {
		t.Fatal(err)
	}
	f.Node("m.yaml", []byte(doc), "measure", root.Content[0])
	if errs.HasErrors() {
		t.Fatalf("errors: %v", errs.Err())
	}
	out, err := yaml.Marshal(root.Content[0])
	if err != nil {
		t.Fatal(err)
	}
	return string(out), f
}

func TestEditionsSeeWhatTheyMay(t *testing.T) {
	cases := []struct {
		edition    string
		has, lacks []string
	}{
		{"public", []string{"Offen für alle.", "Verbindungen sind verschlüsselt.", "Erster Absatz.", "Letzter Absatz."},
			[]string{"TLS_ECDHE", "TLS 1.3", "Tresor", "Nur für Kunden", "Virenschutzprogramm", "audience", "note", ":::"}},
		{"customer", []string{"TLS_ECDHE", "TLS 1.3", "Nur für Kunden", "Virenschutzprogramm", "Letzter Absatz."},
			[]string{"Tresor", "Verbindungen sind verschlüsselt.", "audience", ":::"}},
		{"internal", []string{"TLS_ECDHE", "Tresor", "Nur für Kunden", "Virenschutzprogramm"},
			[]string{"TLS 1.3", "audience", ":::"}},
		{"", []string{"TLS_ECDHE", "Tresor", "Virenschutzprogramm"}, []string{"TLS 1.3", "audience", ":::"}},
	}
	for _, c := range cases {
		got, f := filtered(t, c.edition)
		for _, s := range c.has {
			if !strings.Contains(got, s) {
				t.Errorf("edition %q lacks %q:\n%s", c.edition, s, got)
			}
		}
		for _, s := range c.lacks {
			if strings.Contains(got, s) {
				t.Errorf("edition %q holds %q:\n%s", c.edition, s, got)
			}
		}
		// What is left out is what the leak check looks for, and only that.
		var withheld []string
		for _, w := range f.Withheld {
			withheld = append(withheld, w.Text)
		}
		all := strings.Join(withheld, "\n")
		for _, s := range c.lacks {
			if s == "audience" || s == ":::" || s == "note" || s == "Verbindungen sind verschlüsselt." || s == "TLS 1.3" && c.edition != "public" {
				continue
			}
			if !strings.Contains(all, s) {
				t.Errorf("edition %q: %q left out but not withheld (withheld: %q)", c.edition, s, withheld)
			}
		}
		if c.edition == "public" && !f.IDs["measure"]["secret"] {
			t.Errorf("the withheld measure's id is not recorded: %v", f.IDs)
		}
	}
}

func TestWithheldPositions(t *testing.T) {
	_, f := filtered(t, "public")
	want := map[string]int{ // text → line in doc
		"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 wird verwendet.": 6,
		"Es wird kein Virenschutzprogramm verwendet.":           20,
	}
	for _, w := range f.Withheld {
		if line, ok := want[strings.TrimSpace(w.Text)]; ok {
			if w.Pos.Line != line {
				t.Errorf("%q withheld at line %d, want %d", w.Text, w.Pos.Line, line)
			}
			delete(want, strings.TrimSpace(w.Text))
		}
	}
	if len(want) > 0 {
		t.Errorf("not withheld: %v (got %+v)", want, f.Withheld)
	}
}

func TestMarkerErrors(t *testing.T) {
	cases := []struct{ text, want string }{
		{"a\n::: custmer\nb\n:::\n", `x.md:2:5: unknown audience "custmer" (site.yaml lists "public", "customer" or "internal")`},
		{"a\n::: customer\nb\n", `x.md:2:1: "::: customer" is not closed`},
		{"a\n:::\n", `x.md:2:1: closing ":::" without an opening`},
		{"::: customer\n::: internal\n:::\n", `x.md:2:1: "::: internal" inside the block opened at line 1`},
	}
	for _, c := range cases {
		errs := &diag.List{}
		f, _ := New(Default, "public", errs)
		f.Page("x.md", 1, c.text, false, "")
		if err := errs.Err(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: got %v, want %s", c.text, err, c.want)
		}
	}
}

func TestAudienceValueErrors(t *testing.T) {
	src := "a:\n  audience: custmer\n  x: 1\nb:\n  publik: {de: x}\n  customer: {de: y}\n"
	var root yaml.Node
	if err := yaml.Unmarshal([]byte(src), &root); err != nil {
		t.Fatal(err)
	}
	errs := &diag.List{}
	f, _ := New(Default, "public", errs)
	f.Suggest = func(s string, c []string) string {
		if s == "custmer" {
			return "customer"
		}
		if s == "publik" {
			return "public"
		}
		return ""
	}
	f.Node("s.yaml", []byte(src), "", root.Content[0])
	got := errs.Err().Error()
	for _, want := range []string{`s.yaml:2:13: unknown audience "custmer"`, `did you mean "customer"?`, `s.yaml:5:3: unknown audience "publik"`} {
		if !strings.Contains(got, want) {
			t.Errorf("errors lack %q:\n%s", want, got)
		}
	}
}
