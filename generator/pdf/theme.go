package pdf

// All lengths are in PostScript points (1 pt = 1/72 in); the document is
// created with "pt" as its unit, so fpdf takes them as they are.
const mm = 72 / 25.4

// rgb is a colour with 0–255 components.
type rgb struct{ r, g, b uint8 }

// theme is the typography of a document: page geometry, sizes and colours.
// It is a value built by defaultTheme, never a mutable global.
type theme struct {
	pageW, pageH             float64
	left, right, top, bottom float64 // margins of the text area

	headerY, footerY float64 // baselines of the running header and footer
	furnitureSize    float64

	bodySize, bodyLead float64 // body text size and line distance
	paraGap            float64 // space between paragraphs
	tightGap           float64 // between items of a tight list

	// headings by level 1..4 (deeper levels use 4)
	headSize, headLead, headBefore, headAfter [5]float64
	headFollow                                float64 // room kept for the text after a heading

	listIndent float64 // label column of a list
	quoteInset float64

	codeSize, codeLead, codePad float64
	tableSize, tableLead        float64
	cellPadX, cellPadY          float64

	text, heading, link, muted, rule rgb
	quoteBar, codeBG, tableHead      rgb

	// redlines: inserted and deleted text, and the change bar, drawn
	// barGap left of the text area, barW wide
	inserted, deleted, changeBar rgb
	barGap, barW                 float64

	watermark      rgb
	watermarkAlpha float64
}

func defaultTheme() theme {
	t := theme{
		pageW: 595.28, pageH: 841.89,
		// DIN 5008-like: 25 mm binding margin left, 20 mm right.
		left: 25 * mm, right: 20 * mm, top: 27 * mm, bottom: 25 * mm,
		headerY: 16 * mm, footerY: 297*mm - 13*mm, furnitureSize: 8.5,

		bodySize: 10.5, bodyLead: 14.2,
		paraGap: 6.5, tightGap: 2,

		headFollow: 3 * 14.2,

		listIndent: 16, quoteInset: 14,

		codeSize: 8.8, codeLead: 11.4, codePad: 5,
		tableSize: 9, tableLead: 11.4, cellPadX: 4.5, cellPadY: 3.2,

		text:      rgb{0, 0, 0},
		heading:   rgb{16, 42, 84},
		link:      rgb{16, 62, 140},
		muted:     rgb{90, 90, 90},
		rule:      rgb{150, 150, 150},
		quoteBar:  rgb{175, 175, 175},
		codeBG:    rgb{243, 243, 243},
		tableHead: rgb{228, 232, 238},

		inserted:  rgb{0, 110, 60},
		deleted:   rgb{190, 20, 20},
		changeBar: rgb{40, 40, 40},
		barGap:    10, barW: 2,

		watermark: rgb{120, 120, 120}, watermarkAlpha: 0.16,
	}
	//             -   H1    H2    H3    H4
	t.headSize = [5]float64{0, 15, 12.5, 11, 10.5}
	t.headLead = [5]float64{0, 19, 16, 14.2, 14.2}
	t.headBefore = [5]float64{0, 22, 15, 11, 9}
	t.headAfter = [5]float64{0, 9, 6.5, 5, 4}
	return t
}

func (t *theme) textWidth() float64 { return t.pageW - t.left - t.right }
