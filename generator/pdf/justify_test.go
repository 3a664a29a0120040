package pdf

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

// The painter writes a justified run's bytes itself once the face has
// drawn its runes; they are the bytes fpdf's CellFormat writes.
func TestJustifiedWritesCellFormatsBytes(t *testing.T) {
	t.Parallel()
	fonts := testFonts(t)
	runs := []op{
		{kind: opText, face: 0, size: 10.5, x: 70.87, y: 754.71, w: 380.5, n: 4, s: "Die (Kunden-)Daten werden über\\ Standardvertragsklauseln "},
		{kind: opText, face: 0, size: 10.5, x: 70.87, y: 740.51, w: 300, n: 2, s: "Zoom (Dienst) übermittelt"},
		{kind: opText, face: 1, size: 9, x: 80, y: 700.25, w: 120.333, n: 1, s: "eng gesetzt"}, // narrower than natural: a negative shift
	}
	paint := func(direct bool) []byte {
		doc := fpdf.New("P", "pt", "A4", "")
		doc.SetCompression(false)
		doc.SetCatalogSort(true) // else fpdf writes its fonts in map order
		doc.SetCellMargin(0)
		doc.SetCreationDate(time.Unix(0, 0).UTC())
		doc.SetModificationDate(time.Unix(0, 0).UTC())
		doc.AddPage()
		p := painter{doc: doc, fonts: fonts}
		for pass := 0; pass < 2; pass++ { // the second pass has every rune drawn
			for _, o := range runs {
				if direct {
					p.setFont(o.face, o.size)
					p.setFill(o.color)
					doc.SetXY(o.x, o.y-0.3*o.size)
					doc.CellFormat(o.w, 0, o.s, "", 0, "J", false, 0, "")
				} else {
					p.justified(o)
				}
			}
		}
		var out bytes.Buffer
		if err := doc.Output(&out); err != nil {
			t.Fatal(err)
		}
		return out.Bytes()
	}
	got, want := paint(false), paint(true)
	if !bytes.Equal(got, want) {
		t.Errorf("the painter's runs differ from CellFormat's:\n%s\nwant\n%s", tjLines(got), tjLines(want))
	}
	if n := strings.Count(string(got), "] TJ ET"); n != 2*len(runs) {
		t.Errorf("%d TJ arrays, want %d", n, 2*len(runs))
	}
}

func tjLines(b []byte) string {
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasSuffix(l, "TJ ET") {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
