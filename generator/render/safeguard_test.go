package render

import (
	"testing"

	"trustdocs/generator/model"
	"trustdocs/generator/theme"
)

// The transfer basis of the subprocessor annex: the note adds details, and
// a note that repeats the basis is not printed twice.
func TestSafeguard(t *testing.T) {
	th, err := theme.Open("")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		lang, transfer, note, want string
	}{
		{"en", model.TransferSCC, "", "EU standard contractual clauses"},
		{"en", model.TransferSCC, "EU standard contractual clauses", "EU standard contractual clauses"},
		{"en", model.TransferSCC, "Module 3", "EU standard contractual clauses (Module 3)"},
		{"en", model.TransferAdequacy, "Adequacy decision of the European Commission for Switzerland (Art. 45 GDPR)", "Adequacy decision of the European Commission for Switzerland (Art. 45 GDPR)"},
		{"de", model.TransferSCC, "EU-Standardvertragsklauseln", "EU-Standardvertragsklauseln"},
		{"de", model.TransferSCC, "Standardvertragsklauseln", "EU-Standardvertragsklauseln"},
		{"de", model.TransferNone, "", "nicht erforderlich (EU/EWR)"},
	} {
		f := &funcs{loc: th.Localizer(c.lang), lang: c.lang}
		got, err := f.safeguard(model.RVendor{Transfer: c.transfer, TransferNote: c.note})
		if err != nil || got != c.want {
			t.Errorf("%s %s %q: got %q, %v; want %q", c.lang, c.transfer, c.note, got, err, c.want)
		}
	}
}
