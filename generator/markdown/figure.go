package markdown

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/yuin/goldmark/ast"

	"trustdocs/generator/plan"
)

// PlanInfo is the info string of a fenced code block that holds an overview
// plan: its layouts (package plan) as JSON, computed once when the Markdown
// was made. Both backends draw it instead of printing it: the HTML page as
// inline SVG, the PDF as vector graphics.
const PlanInfo = "trustdocs-plan"

// PlanFigure is the content of a plan block: the layout for a page or a
// wide screen, and one column for a phone (the HTML page shows one of the
// two by the screen's width; the PDF draws Wide).
type PlanFigure struct {
	Wide    *plan.Layout
	Narrow  *plan.Layout
	Caption string // "Abbildung 1: Übersichtsplan …"; empty in blocks made before captions
}

type planJSON struct {
	Wide    json.RawMessage `json:"wide"`
	Narrow  json.RawMessage `json:"narrow"`
	Caption string          `json:"caption,omitempty"`
}

// PlanBlock is the fenced block of a figure, for a document template.
func PlanBlock(f PlanFigure) (string, error) {
	wide, err := f.Wide.JSON()
	if err != nil {
		return "", err
	}
	narrow, err := f.Narrow.JSON()
	if err != nil {
		return "", err
	}
	var b bytes.Buffer
	b.WriteString("```" + PlanInfo + "\n")
	b.WriteString(`{"wide":`)
	b.Write(wide)
	b.WriteString(",\n\"narrow\":")
	b.Write(narrow)
	if f.Caption != "" {
		c, err := json.Marshal(f.Caption)
		if err != nil {
			return "", err
		}
		b.WriteString(",\n\"caption\":")
		b.Write(c)
	}
	b.WriteString("}\n```\n")
	return b.String(), nil
}

// Plan returns the figure in n if n is a plan block (ok), or why its
// content is none (err).
func Plan(n ast.Node, src []byte) (fig PlanFigure, ok bool, err error) {
	fc, isFenced := n.(*ast.FencedCodeBlock)
	if !isFenced || fc.Info == nil {
		return fig, false, nil
	}
	if info := bytes.TrimSpace(fc.Info.Segment.Value(src)); string(info) != PlanInfo {
		return fig, false, nil
	}
	var body bytes.Buffer
	lines := fc.Lines()
	for i := range lines.Len() {
		s := lines.At(i)
		body.Write(s.Value(src))
	}
	fail := func(err error) (PlanFigure, bool, error) {
		return PlanFigure{}, true, fmt.Errorf("the %s block is no overview plan: %v", PlanInfo, err)
	}
	dec := json.NewDecoder(&body)
	dec.DisallowUnknownFields()
	var raw planJSON
	if err := dec.Decode(&raw); err != nil {
		return fail(err)
	}
	if dec.More() {
		return fail(errors.New("text after the JSON object"))
	}
	if raw.Wide == nil || raw.Narrow == nil {
		return fail(errors.New(`it needs both "wide" and "narrow"`))
	}
	if fig.Wide, err = plan.Parse(raw.Wide); err != nil {
		return fail(fmt.Errorf("wide: %v", err))
	}
	if fig.Narrow, err = plan.Parse(raw.Narrow); err != nil {
		return fail(fmt.Errorf("narrow: %v", err))
	}
	fig.Caption = raw.Caption
	return fig, true, nil
}
