package plan

import (
	"bytes"
	"encoding/xml"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

var (
	update = flag.Bool("update", false, "rewrite the golden files in testdata")
	svgDir = flag.String("svgdir", "", "also write the test layouts as SVG to this directory, to look at")
)

// fakeMetrics is deterministic and independent of fonts: 0.5 em a rune,
// 0.55 em in bold.
type fakeMetrics struct{}

func (fakeMetrics) Width(s string, size float64, bold bool) float64 {
	f := 0.5
	if bold {
		f = 0.55
	}
	return f * size * float64(utf8.RuneCountInString(s))
}

func small() Diagram {
	return Diagram{
		Title:   "Übersichtsplan",
		Desc:    "Firma, Rechenzentren und Cloud-Dienste mit ihren Verbindungen über das Internet.",
		Hub:     "Internet",
		Company: &Node{ID: "firma", Label: "Muster GmbH", Note: "25 Mitarbeitende"},
		Sites: []Group{
			{Node: Node{ID: "rz1", Label: "RZ Nord", Note: "Hamburg"}, Components: []Node{
				{ID: "fw", Label: "Firewall"},
				{ID: "app", Label: "Anwendungsserver", Note: "Linux"},
				{ID: "db", Label: "Datenbank <&> \"PostgreSQL\""},
			}},
			{Node: Node{ID: "rz2", Label: "RZ Süd", Note: "München"}, Components: []Node{
				{ID: "backup", Label: "Backup"},
				{ID: "mon", Label: "Monitoring"},
			}},
		},
		Services: []Node{
			{ID: "m365", Label: "Microsoft 365", Note: "Microsoft"},
			{ID: "crm", Label: "CRM-System", Note: "Salesforce"},
			{ID: "mail", Label: "E-Mail-Filter"},
		},
		Links: []Link{
			{From: "firma", To: Hub, Label: "TLS"},
			{From: "fw", To: Hub, Label: "TLS"},
			{From: "app", To: Hub, Label: "HTTPS"},
			{From: "backup", To: Hub, Label: "SFTP"},
			{From: Hub, To: "m365", Label: "TLS"},
			{From: "crm", To: Hub, Label: "TLS"},
			{From: "mail", To: Hub, Label: "TLS"},
			{From: "rz1", To: "rz2", Label: "VPN", Dashed: true},
			{From: "firma", To: "crm", Label: "SSO", Dashed: true},
		},
		Legend: []string{"RZ: Rechenzentrum"},
	}
}

// big has nsites sites of 4 components and nsvc services, all on the
// Internet, and a few links between nodes.
func big(nsites, nsvc int) Diagram {
	d := Diagram{Title: "Plan", Hub: "Internet",
		Company: &Node{ID: "firma", Label: "Beispiel Sicherheitsdienstleistungen GmbH", Note: "140 Mitarbeitende an 3 Standorten"}}
	d.Links = append(d.Links, Link{From: "firma", To: Hub, Label: "TLS"})
	for i := range nsites {
		g := Group{Node: Node{ID: fmt.Sprintf("rz%d", i), Label: fmt.Sprintf("Rechenzentrum %d", i+1), Note: "Colocation-Anbieter, Frankfurt am Main"}}
		for j := range 4 {
			id := fmt.Sprintf("rz%d-c%d", i, j)
			g.Components = append(g.Components, Node{ID: id, Label: fmt.Sprintf("Komponente %d.%d Virtualisierungscluster", i+1, j+1)})
			if j%2 == 0 {
				d.Links = append(d.Links, Link{From: id, To: Hub, Label: "TLS"})
			}
		}
		d.Sites = append(d.Sites, g)
	}
	for i := range nsvc {
		id := fmt.Sprintf("svc%d", i)
		d.Services = append(d.Services, Node{ID: id, Label: fmt.Sprintf("Cloud-Dienst Nummer %d", i+1), Note: "Anbieter GmbH & Co. KG"})
		label := "TLS"
		if i%5 == 0 {
			label = "HTTPS, SFTP"
		}
		d.Links = append(d.Links, Link{From: id, To: Hub, Label: label})
	}
	if nsites >= 2 {
		d.Links = append(d.Links, Link{From: "rz0", To: "rz1", Label: "VPN", Dashed: true})
		d.Links = append(d.Links, Link{From: "rz0-c1", To: fmt.Sprintf("rz%d-c3", nsites-1), Label: "Replikation", Dashed: true})
	}
	if nsvc >= 3 {
		d.Links = append(d.Links, Link{From: "firma", To: "svc2", Label: "SSO"})
		d.Links = append(d.Links, Link{From: "svc0", To: fmt.Sprintf("svc%d", nsvc-1), Label: "API"})
	}
	d.Legend = []string{"RZ: Rechenzentrum", "Gestrichelt: Verbindung ohne Internet"}
	return d
}

// tangled has many links between nodes, several on one box.
func tangled() Diagram {
	d := small()
	d.Links = append(d.Links,
		Link{From: "fw", To: "app", Label: "IPsec"},
		Link{From: "app", To: "db", Label: "SQL über TLS"},
		Link{From: "rz1", To: "db"},
		Link{From: "firma", To: "rz2", Label: "VPN", Dashed: true},
		Link{From: "mon", To: "mail", Label: "SMTP"},
		Link{From: "backup", To: "m365", Label: "Graph-API", Dashed: true},
		Link{From: "m365", To: "mail", Label: "Weiterleitung"},
		Link{From: "crm", To: "mail"},
		Link{From: Hub, To: "rz2", Label: "TLS"},
	)
	return d
}

// seed resembles the real plan: sites linked as a whole, no lanes.
func seed() Diagram {
	comps := func(site string, names ...string) []Node {
		var out []Node
		for i, n := range names {
			out = append(out, Node{ID: fmt.Sprintf("%s-%d", site, i), Label: n})
		}
		return out
	}
	d := Diagram{Title: "Übersichtsplan", Hub: "Internet",
		Company: &Node{ID: "c4v", Label: "Connect4Video GmbH", Note: "Mitarbeiter im Homeoffice"},
		Sites: []Group{
			{Node: Node{ID: "darz", Label: "Rechenzentrum DARZ", Note: "DARZ GmbH, Darmstadt"},
				Components: comps("darz", "Meeting Connector (MC)", "Virtual Room Connector (VRC)", "Recording Connector (RC)")},
			{Node: Node{ID: "datasix", Label: "Rechenzentrum DATASIX", Note: "DATASIX GmbH, Frankfurt"},
				Components: comps("datasix", "Meeting Connector (MC)", "Virtual Room Connector (VRC)", "Recording Connector (RC)",
					"Firewall (OPNsense)", "Firewall Traversal (GnuGK)", "Infrastrukturüberwachung (Zabbix, Graylog)")},
			{Node: Node{ID: "iway", Label: "Rechenzentrum iWay", Note: "iWay AG, Zürich"},
				Components: comps("iway", "Meeting Connector (MC)", "Recording Connector (RC)", "Firewall des RZ-Betreibers")},
		},
		Legend: []string{"RZ: Rechenzentrum", "VPN: Virtual Private Network, TLS: Transport Layer Security"},
	}
	d.Links = append(d.Links, Link{From: "c4v", To: Hub, Label: "TLS"})
	for _, g := range d.Sites {
		d.Links = append(d.Links, Link{From: g.ID, To: Hub, Label: "VPN"}, Link{From: g.ID, To: Hub, Label: "TLS"})
	}
	for i, s := range []string{"Zoom (Videokonferenzen)", "CRM", "E-Mail", "Webhosting", "Terminbuchung", "Datenspeicher", "Wiki", "Telefonie"} {
		id := fmt.Sprintf("svc%d", i)
		d.Services = append(d.Services, Node{ID: id, Label: s, Note: "Anbieter"})
		d.Links = append(d.Links, Link{From: id, To: Hub, Label: "TLS"})
	}
	return d
}

// nine is a grown seed, as the benchmark corpus makes it: nine sites of
// four components each and 17 services. Its left column used to be about
// three times as tall as the right one.
func nine() Diagram {
	d := seed()
	d.Sites = nil
	d.Links = []Link{{From: "c4v", To: Hub, Label: "TLS"}}
	names := []string{"Meeting Connector (MC)", "Virtual Room Connector (VRC)", "Recording Connector (RC)",
		"Firewall (OPNsense)", "Firewall Traversal (GnuGK)", "Infrastrukturüberwachung (Zabbix, Graylog)"}
	places := []string{"DARZ GmbH, Darmstadt", "DATASIX GmbH, Frankfurt", "iWay AG, Zürich"}
	for i := range 9 {
		id := fmt.Sprintf("rz%d", i)
		g := Group{Node: Node{ID: id, Label: fmt.Sprintf("Rechenzentrum %d", i+1), Note: places[i%3]}}
		for j := range 4 {
			g.Components = append(g.Components, Node{ID: fmt.Sprintf("%s-%d", id, j), Label: names[(i+j)%len(names)]})
		}
		d.Sites = append(d.Sites, g)
		d.Links = append(d.Links, Link{From: id, To: Hub, Label: "VPN"}, Link{From: id, To: Hub, Label: "TLS"})
	}
	svcs := d.Services
	d.Services = nil
	for i := range 17 {
		s := svcs[i%len(svcs)]
		s.ID = fmt.Sprintf("svc%d", i)
		if i >= len(svcs) {
			s.Label += fmt.Sprintf(" %d", i/len(svcs)+1)
		}
		d.Services = append(d.Services, s)
		d.Links = append(d.Links, Link{From: s.ID, To: Hub, Label: "TLS"})
	}
	d.Links = append(d.Links, Link{From: "rz0", To: "rz4", Label: "Replikation", Dashed: true})
	return d
}

func mustCompute(t *testing.T, d Diagram, m Metrics, opt Options) *Layout {
	t.Helper()
	l, err := Compute(d, m, opt)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func writeSVG(t *testing.T, name string, l *Layout) {
	if *svgDir == "" {
		return
	}
	if err := os.WriteFile(filepath.Join(*svgDir, name+".svg"), l.SVG(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if bytes.Equal(got, want) {
		return
	}
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			t.Errorf("%s:%d differs (go test -update rewrites it):\n got: %s\nwant: %s", path, i+1, g[i], w[i])
			return
		}
	}
	t.Errorf("%s: %d lines, want %d (go test -update rewrites it)", path, len(g), len(w))
}

// The seed-like plan is the real one: balancing must leave it alone.
func TestSeedGolden(t *testing.T) {
	l := mustCompute(t, seed(), SansMetrics(), Options{Width: 467, MaxHeight: 640})
	js, err := l.JSON()
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "seed.golden.json", js)
}

func TestGolden(t *testing.T) {
	l := mustCompute(t, small(), fakeMetrics{}, Options{Width: 481, MaxHeight: 680})
	js, err := l.JSON()
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "small.golden.json", js)
	golden(t, "small.golden.svg", l.SVG())

	l = mustCompute(t, small(), fakeMetrics{}, Options{Width: NarrowWidth, Narrow: true})
	if js, err = l.JSON(); err != nil {
		t.Fatal(err)
	}
	golden(t, "small-narrow.golden.json", js)
	golden(t, "small-narrow.golden.svg", l.SVG())
}

// The narrow layout is one column right of a bus at the left edge, in
// reading order: company, sites with their components, services. It
// fills NarrowWidth at full size, so a phone shows 9 pt labels.
func TestNarrow(t *testing.T) {
	m := SansMetrics()
	for _, d := range []Diagram{small(), seed(), tangled(), big(5, 30), big(2, 3), nine()} {
		l := mustCompute(t, d, m, Options{Narrow: true, MaxHeight: 640})
		if l.W != NarrowWidth {
			t.Errorf("%s: width %v, want %v", d.Title, l.W, NarrowWidth)
		}
		byID := map[string]Box{}
		for _, b := range l.Boxes {
			byID[b.ID] = b
		}
		hub := byID[Hub]
		if hub.X != margin || hub.Y != margin {
			t.Errorf("bus at %v, %v, not at the top left", hub.X, hub.Y)
		}
		x, y := -1.0, 0.0
		var top []string
		if d.Company != nil {
			top = append(top, d.Company.ID)
		}
		for _, g := range d.Sites {
			top = append(top, g.ID)
		}
		for _, s := range d.Services {
			top = append(top, s.ID)
		}
		for _, id := range top {
			b := byID[id]
			if x < 0 {
				x = b.X
			}
			if b.X != x || b.Y < y || b.X < hub.X+hub.W {
				t.Errorf("box %s at %v, %v: not in one column right of the bus, below %v", id, b.X, b.Y, y)
			}
			y = b.Y + b.H
		}
		if w := l.W - x; w < 0.5*NarrowWidth {
			t.Errorf("column %.0f pt wide", w)
		}
		for _, b := range l.Boxes {
			for _, tx := range b.Lines {
				if tx.Size < noteSize {
					t.Errorf("box %s: text at %v pt", b.ID, tx.Size)
				}
			}
		}
	}
	if _, err := Compute(small(), fakeMetrics{}, Options{Width: 100, Narrow: true}); err == nil || !strings.Contains(err.Error(), "width") {
		t.Errorf("too narrow: %v", err)
	}
}

func TestGeometry(t *testing.T) {
	m := SansMetrics()
	cases := []struct {
		name string
		d    Diagram
		opt  Options
	}{
		{"small", small(), Options{Width: 481, MaxHeight: 680}},
		{"seed", seed(), Options{Width: 481, MaxHeight: 680}},
		{"tangled", tangled(), Options{Width: 481}},
		{"big", big(5, 30), Options{Width: 481, MaxHeight: 680}},
		{"three", big(2, 3), Options{Width: 481}},
		{"many", big(2, 30), Options{Width: 481, MaxHeight: 680}},
		{"sites-only", big(5, 0), Options{Width: 481}},
		{"services-only", Diagram{Hub: "Internet", Services: small().Services}, Options{}},
		{"small-width", big(3, 8), Options{Width: 300}},
		{"hub-only", Diagram{Hub: "Das öffentliche Internet"}, Options{}},
		{"nine", nine(), Options{Width: 467, MaxHeight: 640}},
		{"nine-big", big(9, 17), Options{Width: 467, MaxHeight: 640}},
	}
	// Every diagram also in the narrow layout for phones.
	for _, c := range cases[:len(cases):len(cases)] {
		if c.name == "small-width" {
			continue
		}
		cases = append(cases, struct {
			name string
			d    Diagram
			opt  Options
		}{c.name + "-narrow", c.d, Options{Width: NarrowWidth, Narrow: true}})
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l := mustCompute(t, c.d, m, c.opt)
			writeSVG(t, c.name, l)
			for _, p := range geometryProblems(c.d, l, m) {
				t.Error(p)
			}
		})
	}
}

// The geometry check finds what it is meant to find.
func TestGeometryCheck(t *testing.T) {
	m := SansMetrics()
	d := small()
	cases := []struct {
		name, want string
		spoil      func(l *Layout)
	}{
		{"overlap", "overlap", func(l *Layout) { l.Boxes[1].Y = l.Boxes[2].Y + 5 }},
		{"outside", "outside", func(l *Layout) { l.Boxes[1].X = -20 }},
		{"line", "sticks out", func(l *Layout) { l.Boxes[1].Lines[0].S = strings.Repeat("W", 60) }},
		{"edge", "passes through", func(l *Layout) {
			e := &l.Edges[0]
			e.Points = append([]Point{{l.W - 10, e.Points[0].Y}}, e.Points...)
		}},
		{"label", "overlaps box", func(l *Layout) { l.Texts[0].X = l.Boxes[1].X + 10 }},
	}
	for _, c := range cases {
		l := mustCompute(t, d, m, Options{})
		if p := geometryProblems(d, l, m); len(p) > 0 {
			t.Fatalf("unspoilt layout: %v", p)
		}
		c.spoil(l)
		if p := strings.Join(geometryProblems(d, l, m), "\n"); !strings.Contains(p, c.want) {
			t.Errorf("%s: problems %q lack %q", c.name, p, c.want)
		}
	}
}

type rect struct{ x0, y0, x1, y1 float64 }

func boxRect(b Box) rect { return rect{b.X, b.Y, b.X + b.W, b.Y + b.H} }

func (r rect) overlaps(o rect, eps float64) bool {
	return r.x0+eps < o.x1 && o.x0+eps < r.x1 && r.y0+eps < o.y1 && o.y0+eps < r.y1
}

func (r rect) contains(o rect, eps float64) bool {
	return o.x0 >= r.x0-eps && o.x1 <= r.x1+eps && o.y0 >= r.y0-eps && o.y1 <= r.y1+eps
}

// textRect is the ink box of a line: ascent 0.9, descent 0.22 of the size.
func textRect(t Text, m Metrics) rect {
	w := m.Width(t.S, t.Size, t.Bold)
	x := t.X
	switch t.Anchor {
	case "middle":
		x -= w / 2
	case "end":
		x -= w
	}
	if t.Vertical { // x runs up from the anchor, ascent to the left
		y := t.Y - (x - t.X)
		return rect{t.X - 0.9*t.Size, y - w, t.X + 0.22*t.Size, y}
	}
	return rect{x, t.Y - 0.9*t.Size, x + w, t.Y + 0.22*t.Size}
}

// crosses reports whether the segment a–b enters the inside of r shrunk by
// eps (Liang–Barsky clipping).
func crosses(a, b Point, r rect, eps float64) bool {
	r = rect{r.x0 + eps, r.y0 + eps, r.x1 - eps, r.y1 - eps}
	t0, t1 := 0.0, 1.0
	dx, dy := b.X-a.X, b.Y-a.Y
	for _, c := range [][2]float64{{-dx, a.X - r.x0}, {dx, r.x1 - a.X}, {-dy, a.Y - r.y0}, {dy, r.y1 - a.Y}} {
		p, q := c[0], c[1]
		if p == 0 {
			if q <= 0 {
				return false
			}
			continue
		}
		u := q / p
		if p < 0 {
			t0 = max(t0, u)
		} else {
			t1 = min(t1, u)
		}
	}
	return t0 < t1
}

// geometryProblems lists boxes that overlap or leave the drawing, text that
// sticks out of its box, edges through boxes and labels that collide.
func geometryProblems(d Diagram, l *Layout, m Metrics) []string {
	var probs []string
	errorf := func(format string, args ...any) { probs = append(probs, fmt.Sprintf(format, args...)) }
	const eps = 0.02
	site := map[string]string{} // component → its site
	for _, g := range d.Sites {
		for _, c := range g.Components {
			site[c.ID] = g.ID
		}
	}
	byID := map[string]Box{}
	page := rect{0, 0, l.W, l.H}
	for i, b := range l.Boxes {
		byID[b.ID] = b
		if !page.contains(boxRect(b), eps) {
			errorf("box %s %v outside %v × %v", b.ID, boxRect(b), l.W, l.H)
		}
		for _, tx := range b.Lines {
			if r := textRect(tx, m); !boxRect(b).contains(r, eps) {
				errorf("box %s: line %q at %v sticks out of %v", b.ID, tx.S, r, boxRect(b))
			}
		}
		for _, o := range l.Boxes[i+1:] {
			if !boxRect(b).overlaps(boxRect(o), eps) {
				continue
			}
			if site[o.ID] == b.ID && boxRect(b).contains(boxRect(o), eps) ||
				site[b.ID] == o.ID && boxRect(o).contains(boxRect(b), eps) {
				continue
			}
			errorf("boxes %s %v and %s %v overlap", b.ID, boxRect(b), o.ID, boxRect(o))
		}
	}
	for _, id := range append(slicesOf(d), Hub) {
		if _, ok := byID[id]; !ok {
			errorf("no box for %s", id)
		}
	}
	if len(l.Edges) == 0 && len(d.Links) > 0 {
		errorf("no edges for %d links", len(d.Links))
	}
	for _, e := range l.Edges {
		allowed := map[string]bool{e.From: true, e.To: true, site[e.From]: true, site[e.To]: true}
		if len(e.Points) < 2 {
			errorf("edge %s–%s has %d points", e.From, e.To, len(e.Points))
			continue
		}
		for k := 1; k < len(e.Points); k++ {
			a, c := e.Points[k-1], e.Points[k]
			if !page.contains(rect{min(a.X, c.X), min(a.Y, c.Y), max(a.X, c.X), max(a.Y, c.Y)}, eps) {
				errorf("edge %s–%s leaves the drawing at %v–%v", e.From, e.To, a, c)
			}
			for _, b := range l.Boxes {
				if !allowed[b.ID] && crosses(a, c, boxRect(b), 0.05) {
					errorf("edge %s–%s segment %v–%v passes through box %s", e.From, e.To, a, c, b.ID)
				}
			}
		}
		// The ends touch their boxes.
		for k, id := range []string{e.From, e.To} {
			p := e.Points[0]
			if k == 1 {
				p = e.Points[len(e.Points)-1]
			}
			if !boxRect(byID[id]).contains(rect{p.X, p.Y, p.X, p.Y}, eps) {
				errorf("edge %s–%s: end %v not on box %s %v", e.From, e.To, p, id, boxRect(byID[id]))
			}
		}
	}
	// Edge labels and legend clear boxes, edges and each other.
	for i, tx := range l.Texts {
		r := textRect(tx, m)
		if !page.contains(r, eps) {
			errorf("text %q %v outside the drawing", tx.S, r)
		}
		for _, b := range l.Boxes {
			if r.overlaps(boxRect(b), eps) {
				errorf("text %q %v overlaps box %s", tx.S, r, b.ID)
			}
		}
		for _, o := range l.Texts[i+1:] {
			if r.overlaps(textRect(o, m), eps) {
				errorf("texts %q and %q overlap", tx.S, o.S)
			}
		}
		for _, e := range l.Edges {
			for k := 1; k < len(e.Points); k++ {
				if crosses(e.Points[k-1], e.Points[k], r, 0) {
					errorf("text %q %v is crossed by edge %s–%s", tx.S, r, e.From, e.To)
				}
			}
		}
	}
	return probs
}

func slicesOf(d Diagram) []string {
	var ids []string
	if d.Company != nil {
		ids = append(ids, d.Company.ID)
	}
	for _, g := range d.Sites {
		ids = append(ids, g.ID)
		for _, c := range g.Components {
			ids = append(ids, c.ID)
		}
	}
	for _, s := range d.Services {
		ids = append(ids, s.ID)
	}
	return ids
}

// Many services move to the left column, in order, so the columns end
// about level.
func TestBalance(t *testing.T) {
	for _, c := range []struct {
		d    Diagram
		move bool
	}{{big(2, 30), true}, {big(5, 30), false}, {big(5, 3), false}} {
		l := mustCompute(t, c.d, SansMetrics(), Options{Width: 481, MaxHeight: 680})
		var hub Box
		for _, b := range l.Boxes {
			if b.Kind == KindHub {
				hub = b
			}
		}
		bottom := map[bool]float64{}
		var left, right []string
		for _, b := range l.Boxes {
			isLeft := b.X < hub.X
			bottom[isLeft] = max(bottom[isLeft], b.Y+b.H)
			if b.Kind == KindService && isLeft {
				left = append(left, b.ID)
			} else if b.Kind == KindService {
				right = append(right, b.ID)
			}
		}
		for i, id := range append(left, right...) {
			if id != c.d.Services[i].ID {
				t.Errorf("services out of order: %v then %v", left, right)
				break
			}
		}
		if c.move && len(left) == 0 {
			t.Errorf("%d services, none moved left", len(right))
		}
		if len(c.d.Services) > 10 {
			if lo, hi := min(bottom[true], bottom[false]), max(bottom[true], bottom[false]); hi > 1.2*lo {
				t.Errorf("columns end at %.0f and %.0f", bottom[true], bottom[false])
			}
		}
		if len(c.d.Services) < 5 && len(left) > 0 {
			t.Errorf("services %v moved left though the sites are taller", left)
		}
	}
}

// Whole sites move to the bottom of the right column, in order, when the
// left one is much taller; the seed-like plan keeps them left.
func TestSitesMoveRight(t *testing.T) {
	m := SansMetrics()
	for _, c := range []struct {
		name string
		d    Diagram
		maxH float64 // of the layout at the PDF's width and page body
	}{{"nine", nine(), 900}, {"nine-big", big(9, 17), 1100}} {
		l := mustCompute(t, c.d, m, Options{Width: 467, MaxHeight: 640})
		if l.H > c.maxH {
			t.Errorf("%s: %.1f pt tall, more than %v", c.name, l.H, c.maxH)
		}
		var hub Box
		for _, b := range l.Boxes {
			if b.Kind == KindHub {
				hub = b
			}
		}
		var left, right []string
		y := 0.0
		for _, b := range l.Boxes {
			switch {
			case b.Kind != KindSite && b.Kind != KindService:
			case b.X < hub.X && b.Kind == KindSite:
				left = append(left, b.ID)
			case b.X < hub.X:
				t.Errorf("%s: service %s moved left", c.name, b.ID)
			case b.Y < y:
				t.Errorf("%s: %s %s above the box before it", c.name, b.Kind, b.ID)
			case b.Kind == KindSite:
				right = append(right, b.ID)
				y = b.Y
			case len(right) > 0:
				t.Errorf("%s: service %s below site %s", c.name, b.ID, right[0])
			default:
				y = b.Y
			}
		}
		if len(right) == 0 {
			t.Errorf("%s: no site moved right", c.name)
		}
		for i, id := range append(left, right...) {
			if id != c.d.Sites[i].ID {
				t.Errorf("%s: sites out of order: %v then %v", c.name, left, right)
				break
			}
		}
	}

	for _, opt := range []Options{{Width: 467, MaxHeight: 640}, {Width: 481, MaxHeight: 680}, {Width: 420}, {Width: 600}, {}} {
		l := mustCompute(t, seed(), m, opt)
		var hub Box
		for _, b := range l.Boxes {
			if b.Kind == KindHub {
				hub = b
			}
		}
		for _, b := range l.Boxes {
			if b.Kind != KindHub && (b.Kind != KindService) != (b.X < hub.X) {
				t.Errorf("seed at %v: %s %s moved", opt, b.Kind, b.ID)
			}
		}
	}
}

func TestDeterminism(t *testing.T) {
	for _, c := range []struct {
		d   Diagram
		opt Options
	}{
		{small(), Options{Width: 481, MaxHeight: 680}},
		{big(5, 30), Options{Width: 481, MaxHeight: 680}},
		{tangled(), Options{Width: 481, MaxHeight: 680}},
		{seed(), Options{Width: 481, MaxHeight: 680}},
		{nine(), Options{Width: 467, MaxHeight: 640}},
		{tangled(), Options{Narrow: true}},
		{big(5, 30), Options{Narrow: true}},
	} {
		a := mustCompute(t, c.d, SansMetrics(), c.opt)
		b := mustCompute(t, c.d, SansMetrics(), c.opt)
		ja, _ := a.JSON()
		jb, _ := b.JSON()
		if !bytes.Equal(ja, jb) || !bytes.Equal(a.SVG(), b.SVG()) {
			t.Fatal("two runs differ")
		}
		p, err := Parse(ja)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(p, a) {
			t.Error("Parse(JSON) differs from the layout")
		}
		if jp, _ := p.JSON(); !bytes.Equal(jp, ja) {
			t.Error("JSON of the parsed layout differs")
		}
		if !bytes.Equal(p.SVG(), a.SVG()) {
			t.Error("SVG of the parsed layout differs")
		}
	}
}

func TestSVG(t *testing.T) {
	d := small()
	d.Title = `Plan <"A&B">`
	l := mustCompute(t, d, fakeMetrics{}, Options{})
	svg := l.SVG()
	var texts []string
	var rects, polylines int
	dec := xml.NewDecoder(bytes.NewReader(svg))
	depth, inText := 0, false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed: %v\n%s", err, svg)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			depth++
			switch tok.Name.Local {
			case "text":
				inText = true
				texts = append(texts, "")
			case "rect":
				rects++
			case "polyline":
				polylines++
			case "script", "image", "use", "foreignObject", "style", "a":
				t.Errorf("SVG has a <%s>", tok.Name.Local)
			}
			for _, a := range tok.Attr {
				if a.Name.Local == "style" || a.Name.Local == "href" || strings.HasPrefix(a.Name.Local, "on") {
					t.Errorf("<%s> has attribute %s", tok.Name.Local, a.Name.Local)
				}
			}
		case xml.EndElement:
			depth--
			inText = false
		case xml.CharData:
			if inText {
				texts[len(texts)-1] += string(tok)
			}
		}
	}
	if depth != 0 {
		t.Errorf("unbalanced elements")
	}
	all := strings.Join(texts, " ")
	for _, id := range slicesOf(d) {
		label := labelOf(d, id)
		for _, w := range strings.Fields(label) {
			if !strings.Contains(all, w) {
				t.Errorf("SVG text lacks %q of %q", w, label)
			}
		}
	}
	for _, want := range []string{"Datenbank &lt;&amp;&gt; &#34;PostgreSQL&#34;", "<title id=", "Plan &lt;&#34;A&amp;B&#34;&gt;"} {
		if !bytes.Contains(svg, []byte(want)) {
			t.Errorf("SVG lacks %s", want)
		}
	}
	if !bytes.HasPrefix(svg, []byte(`<svg xmlns="http://www.w3.org/2000/svg"`)) {
		t.Errorf("SVG starts with %.60s", svg)
	}
	if bytes.Contains(svg, []byte("<&>")) {
		t.Error("unescaped text in SVG")
	}

	// Draw paints the same elements.
	var rc recorder
	l.Draw(&rc)
	if rc.rects != rects || rc.texts != len(texts) || rc.lines != polylines {
		t.Errorf("Draw: %d rects, %d texts, %d lines; SVG: %d, %d, %d", rc.rects, rc.texts, rc.lines, rects, len(texts), polylines)
	}
	if want := strings.Join(rc.order, ""); want != svgOrder(svg) {
		t.Errorf("Draw order %s\n SVG order %s", want, svgOrder(svg))
	}

	// Two plans on one page need different ids.
	if a, b := l.SVGWithID("one"), l.SVGWithID("two"); !bytes.Contains(a, []byte(`id="one-title"`)) || bytes.Contains(b, []byte(`"one-`)) {
		t.Error("SVGWithID does not set the id prefix")
	}
	if bytes.Contains(l.SVGWithID(`x" onload="y`), []byte("onload")) {
		t.Error("bad id prefix is not refused")
	}
}

func labelOf(d Diagram, id string) string {
	if d.Company != nil && d.Company.ID == id {
		return d.Company.Label
	}
	for _, g := range d.Sites {
		if g.ID == id {
			return g.Label
		}
		for _, c := range g.Components {
			if c.ID == id {
				return c.Label
			}
		}
	}
	for _, s := range d.Services {
		if s.ID == id {
			return s.Label
		}
	}
	return ""
}

// svgOrder lists the drawing elements of an SVG as R, T, L.
func svgOrder(svg []byte) string {
	var b strings.Builder
	dec := xml.NewDecoder(bytes.NewReader(svg))
	for {
		tok, err := dec.Token()
		if err != nil {
			return b.String()
		}
		if s, ok := tok.(xml.StartElement); ok {
			switch s.Name.Local {
			case "rect":
				b.WriteString("R")
			case "text":
				b.WriteString("T")
			case "polyline":
				b.WriteString("L")
			}
		}
	}
}

type recorder struct {
	rects, texts, lines int
	order               []string
}

func (r *recorder) Rect(x, y, w, h float64, s Style) {
	r.rects++
	r.order = append(r.order, "R")
}

func (r *recorder) Line(pts []Point, s Style) {
	r.lines++
	r.order = append(r.order, "L")
}

func (r *recorder) Text(t Text, s Style) {
	r.texts++
	r.order = append(r.order, "T")
}

func TestParseRefuses(t *testing.T) {
	l := mustCompute(t, small(), fakeMetrics{}, Options{})
	good, _ := l.JSON()
	if _, err := Parse(good); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, json, want string
	}{
		{"garbage", "not json", "invalid character"},
		{"empty", "", "EOF"},
		{"null", "null", "size"},
		{"unknown field", `{"w":10,"h":10,"extra":1}`, "unknown field"},
		{"NaN", `{"w":NaN,"h":10}`, "invalid character"},
		{"NaN string", `{"w":"NaN","h":10}`, "cannot unmarshal"},
		{"negative size", `{"w":10,"h":-1}`, "size"},
		{"trailing", `{"w":10,"h":10} {}`, "after the layout"},
		{"box outside", `{"w":10,"h":10,"boxes":[{"id":"a","kind":"service","x":5,"y":5,"w":10,"h":1,"title":"","lines":[]}]}`, "not inside"},
		{"negative box", `{"w":10,"h":10,"boxes":[{"id":"a","kind":"service","x":5,"y":5,"w":-1,"h":1,"title":"","lines":[]}]}`, "not inside"},
		{"kind", `{"w":10,"h":10,"boxes":[{"id":"a","kind":"rocket","x":0,"y":0,"w":1,"h":1,"title":"","lines":[]}]}`, "unknown kind"},
		{"anchor", `{"w":10,"h":10,"texts":[{"x":1,"y":1,"s":"a","size":7,"anchor":"left"}]}`, "anchor"},
		{"font size", `{"w":10,"h":10,"texts":[{"x":1,"y":1,"s":"a","size":0,"anchor":"start"}]}`, "font size"},
		{"point", `{"w":10,"h":10,"edges":[{"from":"a","to":"b","points":[{"x":1,"y":11}]}]}`, "outside"},
		{"huge", `{"w":1e300,"h":10}`, "size"},
		{"too many", `{"w":10,"h":10,"edges":[` + strings.Repeat(`{"from":"a","to":"b","points":[]},`, MaxBoxes) + `{"from":"a","to":"b","points":[]}]}`, "more than"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l, err := Parse([]byte(c.json))
			if err == nil {
				t.Fatalf("accepted: %+v", l)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q does not mention %q", err, c.want)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	l, err := Compute(small(), fakeMetrics{}, Options{})
	if err != nil {
		f.Fatal(err)
	}
	js, _ := l.JSON()
	f.Add(js)
	f.Add([]byte(`{"w":10,"h":10,"texts":[{"x":1,"y":1,"s":"<\u0000&>","size":7,"anchor":"start"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := Parse(data)
		if err != nil {
			return
		}
		svg := l.SVG()
		dec := xml.NewDecoder(bytes.NewReader(svg))
		for {
			_, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("SVG of a parsed layout is not well-formed: %v\n%s", err, svg)
			}
		}
		js, err := l.JSON()
		if err != nil {
			t.Fatal(err)
		}
		again, err := Parse(js)
		if err != nil {
			t.Fatalf("JSON of a parsed layout is refused: %v", err)
		}
		if !reflect.DeepEqual(again, l) {
			t.Fatal("round trip differs")
		}
	})
}

func TestComputeRefuses(t *testing.T) {
	d := small()
	d.Company.ID = "rz1"
	d.Services[1].Label = "  "
	d.Services = append(d.Services, Node{ID: Hub, Label: "x"})
	d.Links = append(d.Links, Link{From: "nope", To: Hub}, Link{From: "mail", To: "mail"})
	_, err := Compute(d, fakeMetrics{}, Options{})
	if err == nil {
		t.Fatal("accepted")
	}
	for _, want := range []string{`duplicate id "rz1"`, `"crm" has an empty label`, "reserved", `unknown id "nope"`, `"mail" with itself`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	if _, err := Compute(small(), fakeMetrics{}, Options{Width: 100}); err == nil || !strings.Contains(err.Error(), "width") {
		t.Errorf("narrow width: %v", err)
	}
	if _, err := Compute(small(), fakeMetrics{}, Options{Width: math.NaN()}); err == nil {
		t.Error("NaN width accepted")
	}
	if _, err := Compute(Diagram{}, fakeMetrics{}, Options{}); err == nil {
		t.Error("empty hub label accepted")
	}
}

func TestWrap(t *testing.T) {
	m := fakeMetrics{} // 5 pt a rune at size 10
	cases := []struct {
		s    string
		w    float64
		want []string
	}{
		{"Anwendungsserver Linux", 100, []string{"Anwendungsserver", "Linux"}},
		{"a b c", 100, []string{"a b c"}},
		{"E-Mail-Filter-Gateway", 40, []string{"E-Mail-", "Filter-", "Gateway"}},
		{"Donaudampfschiff", 40, []string{"Donaudam", "pfschiff"}},
		{"  ", 40, nil},
		{"W", 1, []string{"W"}},
	}
	for _, c := range cases {
		got := wrap(m, c.s, 10, false, c.w)
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("wrap(%q, %v) = %q, want %q", c.s, c.w, got, c.want)
		}
		for _, line := range got {
			if m.Width(line, 10, false) > c.w && utf8.RuneCountInString(line) > 1 {
				t.Errorf("line %q too wide", line)
			}
		}
	}
}

func TestSansMetrics(t *testing.T) {
	m := SansMetrics()
	// Arial/Liberation Sans widths in 1/1000 em: I 278, n 611, t 333, e 556, r 389 (bold).
	if got := m.Width("Internet", 10, true); math.Abs(got-36.67) > 0.001 {
		t.Errorf("bold Internet at 10 pt: %v", got)
	}
	// Regular: "i" 222, "m" 833.
	if got := m.Width("im", 1000, false); got != 1055 {
		t.Errorf("im at 1000 pt: %v", got)
	}
	if m.Width("Ä", 10, false) != m.Width("A", 10, false) {
		t.Error("umlaut differs from its base letter")
	}
}

func TestEmptyLists(t *testing.T) {
	l := mustCompute(t, Diagram{Hub: "Internet"}, fakeMetrics{}, Options{})
	js, _ := l.JSON()
	if !bytes.Contains(js, []byte(`"edges": []`)) {
		t.Errorf("empty edges not written as []:\n%s", js)
	}
	if _, err := Parse(js); err != nil {
		t.Error(err)
	}
}

// TestLargestComputeParses: whatever Compute lays out, Parse accepts — the
// layout travels as JSON through the Markdown AST. The bench corpus of 1,500
// subsystems once drew a phone plan 100,295 pt tall and Parse refused it.
func TestLargestComputeParses(t *testing.T) {
	m := SansMetrics()
	d := big(1, MaxBoxes-10)
	for _, narrow := range []bool{false, true} {
		l := mustCompute(t, d, m, Options{Narrow: narrow})
		data, err := l.JSON()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Parse(data); err != nil {
			t.Errorf("narrow %v: %.0f × %.0f pt: %v", narrow, l.W, l.H, err)
		}
	}
}
