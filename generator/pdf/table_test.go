package pdf

import (
	"math"
	"strings"
	"testing"
)

// textX is the x of the first text op that starts with s in a laid-out body.
func textX(d *document, s string) float64 {
	for _, p := range d.body.pages {
		for _, o := range p.ops {
			if o.kind == opText && strings.HasPrefix(o.s, s) {
				return o.x
			}
		}
	}
	return math.NaN()
}

// TestTOMColumnsAreHalves: Anlage 1's technical | organisational table gets
// two equal halves, however unequal its measures; another two-column table
// follows its content.
func TestTOMColumnsAreHalves(t *testing.T) {
	long := strings.Repeat("Verschlüsselung der Festplatten aller Notebooks und Server mit AES-256 ", 3)
	md := func(a, b string) string {
		return "| " + a + " | " + b + " |\n|---|---|\n| ☒ " + long + " | ☒ Schlüsselregelung |\n"
	}
	meta := testMeta()
	meta.ColumnHeads = [2]string{"Technische Maßnahmen", "Organisatorische Maßnahmen"}
	th := defaultTheme()
	mid := th.left + th.textWidth()/2 + th.cellPadX
	d, err := layOut([]byte(md("Technische Maßnahmen", "Organisatorische Maßnahmen")), meta, testFonts(t), false)
	if err != nil {
		t.Fatal(err)
	}
	if x := textX(d, "Organisatorische"); math.Abs(x-mid) > 0.01 {
		t.Errorf("the second column starts at %.1f, want the middle %.1f", x, mid)
	}
	d, err = layOut([]byte(md("Maßnahme", "Regelung")), meta, testFonts(t), false)
	if err != nil {
		t.Fatal(err)
	}
	if x := textX(d, "Regelung"); !(x > mid+20) {
		t.Errorf("another table's second column starts at %.1f: want it wider for the long first column (past %.1f)", x, mid+20)
	}
}

// TestBalancedColumnsAreShorter: where the text must wrap, the columns are
// balanced so the table takes fewer lines than the share by text length,
// and never more.
func TestBalancedColumnsAreShorter(t *testing.T) {
	d := newDocument(nil, testMeta(), testFonts(t))
	b := d.newBreaker()
	st := style{size: d.t.tableSize}
	rows := [][]string{
		{"Rechenzentrum", "Hosting virtueller Maschinen für Zoom Meeting Connectoren, Virtual Room Connectoren und Recording Connectoren", "IP-Adressen; Mediendaten der Meetings (verarbeitet, nicht gespeichert)", "Deutschland"},
		{"Cloud", "Cloud-Software (SaaS) für Buchhaltung, Kundenbestandsdatenverwaltung (CRM) und Supportticketsystem", "Kundenbestandsdaten; Angaben in Supporttickets (z. B. Name, E-Mail-Adresse); Betroffene: Ansprechpersonen der Kunden", "Deutschland"},
	}
	items := make([][][]item, len(rows))
	mins, maxs := make([]float64, 4), make([]float64, 4)
	for r, row := range rows {
		items[r] = make([][]item, 4)
		for c, s := range row {
			items[r][c] = b.tokenize([]run{{text: s, st: st}})
			lo, hi := minMax(items[r][c])
			mins[c], maxs[c] = max(mins[c], lo+2*d.t.cellPadX), max(maxs[c], hi+2*d.t.cellPadX)
		}
	}
	lines := func(widths []float64) int {
		n := 0
		for r := range items {
			m := 0
			for c := range widths {
				m = max(m, len(b.breakLines(items[r][c], widths[c]-2*d.t.cellPadX, true)))
			}
			n += m
		}
		return n
	}
	w := 300.0
	share := fitColumns(mins, maxs, w)
	balanced := d.balanceColumns(b, items, share, false)
	if sum := balanced[0] + balanced[1] + balanced[2] + balanced[3]; math.Abs(sum-w) > 1e-6 {
		t.Errorf("balanced widths sum to %.2f, want %.0f", sum, w)
	}
	if a, z := lines(share), lines(balanced); z >= a {
		t.Errorf("balanced columns take %d lines, the share by length %d: want fewer", z, a)
	}
}
