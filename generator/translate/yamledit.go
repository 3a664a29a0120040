package translate

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"trustdocs/generator/diag"
)

// yamlDoc is a YAML file being edited. yaml.v3 re-encodes a whole document
// in its own layout, so edits are made on the original bytes instead: each
// value is found by its node's line and column and only its bytes are
// replaced, or new lines are inserted after an entry. Everything else
// stays byte for byte. Before the result is accepted it is parsed again and
// compared, node by node, with what the edits should have made.
type yamlDoc struct {
	name    string
	data    []byte // without byte order mark, line ends as \n
	bom     bool
	crlf    bool
	root    *yaml.Node // the document node
	splices []splice
	expect  []expectation
	lines   []int                 // offsets of the lines of data, made on first use
	maps    map[[2]int]*yaml.Node // mappings by line and column, made on first use
	// lineShift is added to line numbers in messages: a page's front
	// matter starts on line 2 of its file.
	lineShift int
}

type splice struct {
	start, end int
	text       string
	seq        int // insertion order, for splices at the same place
}

// expectation is one edit as the parsed result must show it.
type expectation struct {
	m     *yaml.Node // the mapping, in the original parse
	key   string
	value string
}

// parseYAMLDoc prepares data (a file named name) for editing.
func parseYAMLDoc(name string, data []byte) (*yamlDoc, error) {
	d := &yamlDoc{name: name}
	if bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}) {
		d.bom = true
		data = data[3:]
	}
	if bytes.Contains(data, []byte("\r\n")) {
		if bytes.Count(data, []byte("\r\n")) != bytes.Count(data, []byte("\n")) {
			return nil, fmt.Errorf("%s mixes Windows and Unix line ends: save it with one kind first", name)
		}
		d.crlf = true
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	}
	d.data = data
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	d.root = &doc
	return d, nil
}

// mappingAt finds the mapping node that starts at line and col.
func (d *yamlDoc) mappingAt(line, col int) *yaml.Node {
	if d.maps == nil {
		d.maps = map[[2]int]*yaml.Node{}
		var walk func(n *yaml.Node)
		walk = func(n *yaml.Node) {
			if n.Kind == yaml.MappingNode {
				d.maps[[2]int{n.Line, n.Column}] = n
			}
			for _, c := range n.Content {
				walk(c)
			}
		}
		walk(d.root)
	}
	return d.maps[[2]int{line, col}]
}

// offset converts a node's line and column (columns count runes) into a
// byte offset.
func (d *yamlDoc) offset(line, col int) (int, error) {
	if d.lines == nil {
		d.lines = []int{0}
		for i, c := range d.data {
			if c == '\n' {
				d.lines = append(d.lines, i+1)
			}
		}
	}
	if line < 1 || line > len(d.lines) {
		return 0, d.errAt(1, 1, "line %d is past the end of the file", line)
	}
	off := d.lines[line-1]
	for c := 1; c < col; c++ {
		if off >= len(d.data) || d.data[off] == '\n' {
			return 0, d.errAt(line, 1, "column %d is past the end of the line", col)
		}
		_, size := utf8.DecodeRune(d.data[off:])
		off += size
	}
	return off, nil
}

// EditError is a problem with one edit, at a place in a content file.
type EditError struct {
	Pos diag.Pos
	Msg string
}

func (e *EditError) Error() string { return e.Pos.String() + ": " + e.Msg }

func (d *yamlDoc) errAt(line, col int, format string, args ...any) error {
	return &EditError{Pos: diag.Pos{File: d.name, Line: line + d.lineShift, Col: col}, Msg: fmt.Sprintf(format, args...)}
}

func (d *yamlDoc) add(start, end int, text string) {
	d.splices = append(d.splices, splice{start: start, end: end, text: text, seq: len(d.splices)})
}

func entry(m *yaml.Node, key string) int {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return i
		}
	}
	return -1
}

func implicitNull(v *yaml.Node) bool {
	return v.Kind == yaml.ScalarNode && v.Tag == "!!null" && v.Value == ""
}

// set writes value (unless nil) under key of mapping m, and hash under
// hashKey: replacing what is there, or adding entries after the last one
// (the hash right after the value). For a text, key is the language and
// hashKey the language followed by @; for a page's front matter they are
// title and source.
func (d *yamlDoc) set(m *yaml.Node, key string, value *string, hashKey, hash string) error {
	if m.Kind != yaml.MappingNode || len(m.Content) < 2 {
		return d.errAt(m.Line, m.Column, "expected a mapping with at least one entry")
	}
	flow := m.Style&yaml.FlowStyle != 0
	indent := m.Column - 1
	lang := key
	ki, hi := entry(m, lang), entry(m, hashKey)
	if value == nil && ki < 0 {
		return d.errAt(m.Line, m.Column, "there is no %s to record a hash for", lang)
	}

	// The translation.
	var after int // where an entry following the translation goes
	if value != nil {
		d.expect = append(d.expect, expectation{m: m, key: lang, value: *value})
		if ki >= 0 {
			k, v := m.Content[ki], m.Content[ki+1]
			end, err := d.replaceValue(k, v, *value, flow, indent)
			if err != nil {
				return err
			}
			after = d.afterEntry(end, flow)
		} else {
			last := m.Content[len(m.Content)-2]
			end, err := d.valueEnd(last, m.Content[len(m.Content)-1])
			if err != nil {
				return err
			}
			after = d.afterEntry(end, flow)
			text, err := renderEntry(lang, *value, flow, indent)
			if err != nil {
				return err
			}
			d.insertEntry(after, text, flow)
		}
	} else {
		end, err := d.valueEnd(m.Content[ki], m.Content[ki+1])
		if err != nil {
			return err
		}
		after = d.afterEntry(end, flow)
	}

	// The hash.
	if hash == "" {
		return nil // nothing to record
	}
	d.expect = append(d.expect, expectation{m: m, key: hashKey, value: hash})
	if hi >= 0 {
		_, err := d.replaceValue(m.Content[hi], m.Content[hi+1], hash, flow, indent)
		return err
	}
	text, err := renderEntry(hashKey, hash, flow, indent)
	if err != nil {
		return err
	}
	d.insertEntry(after, text, flow)
	return nil
}

// afterEntry is where an entry goes after a value ending at end: in a flow
// mapping right after it, in a block mapping at the start of the next line.
func (d *yamlDoc) afterEntry(end int, flow bool) int {
	if flow {
		return end
	}
	nl := bytes.IndexByte(d.data[end:], '\n')
	if nl < 0 {
		return len(d.data)
	}
	return end + nl + 1
}

// insertEntry inserts a rendered entry ("key: value") at off.
func (d *yamlDoc) insertEntry(off int, text string, flow bool) {
	switch {
	case flow:
		d.add(off, off, ", "+text)
	case off == len(d.data) && (len(d.data) == 0 || d.data[len(d.data)-1] != '\n'):
		d.add(off, off, "\n"+text)
	default:
		d.add(off, off, text+"\n")
	}
}

// replaceValue replaces the value v of key k and returns where the value
// ends in the original.
func (d *yamlDoc) replaceValue(k, v *yaml.Node, value string, flow bool, indent int) (int, error) {
	if implicitNull(v) {
		at, colon, err := d.afterColon(k)
		if err != nil {
			return 0, err
		}
		r, err := renderScalar(value, flow, indent)
		if err != nil {
			return 0, err
		}
		prefix := " "
		if !colon {
			prefix = ": "
		}
		if head, body, ok := strings.Cut(r, "\n"); ok {
			// A block scalar: its header after the colon, its lines after
			// the rest of the line (which may hold a comment).
			d.add(at, at, prefix+head)
			next := d.afterEntry(at, false)
			if next == len(d.data) && (len(d.data) == 0 || d.data[len(d.data)-1] != '\n') {
				d.add(next, next, "\n"+body)
			} else {
				d.add(next, next, body+"\n")
			}
			return at, nil
		}
		d.add(at, at, prefix+r)
		return at, nil
	}
	start, end, err := d.span(k, v)
	if err != nil {
		return 0, err
	}
	r, err := renderScalar(value, flow, indent)
	if err != nil {
		return 0, err
	}
	d.add(start, end, r)
	return end, nil
}

// valueEnd is where the value v of key k ends.
func (d *yamlDoc) valueEnd(k, v *yaml.Node) (int, error) {
	if implicitNull(v) {
		at, _, err := d.afterColon(k)
		return at, err
	}
	if v.Kind != yaml.ScalarNode {
		return 0, d.errAt(v.Line, v.Column, "expected a text, found a %s", kindWord(v))
	}
	_, end, err := d.span(k, v)
	return end, err
}

func kindWord(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "mapping"
	case yaml.SequenceNode:
		return "list"
	}
	return "value"
}

// afterColon finds the colon after key k: the offset after it, and whether
// there was one (a flow mapping allows a key without).
func (d *yamlDoc) afterColon(k *yaml.Node) (int, bool, error) {
	_, end, err := d.span(nil, k)
	if err != nil {
		return 0, false, err
	}
	i := end
	for i < len(d.data) && (d.data[i] == ' ' || d.data[i] == '\t') {
		i++
	}
	if i < len(d.data) && d.data[i] == ':' {
		return i + 1, true, nil
	}
	return end, false, nil
}

// span finds the bytes of scalar v (the value of key k, nil for a key).
func (d *yamlDoc) span(k, v *yaml.Node) (int, int, error) {
	if v.Kind != yaml.ScalarNode {
		return 0, 0, d.errAt(v.Line, v.Column, "expected a text, found a %s", kindWord(v))
	}
	start, err := d.offset(v.Line, v.Column)
	if err != nil {
		return 0, 0, err
	}
	if v.Anchor != "" || v.Style&yaml.TaggedStyle != 0 || start < len(d.data) && strings.IndexByte("&!*", d.data[start]) >= 0 {
		return 0, 0, d.errAt(v.Line, v.Column, "this value has a YAML tag or anchor: trustdocs edits only plain values; remove it")
	}
	data := d.data
	bad := d.errAt(v.Line, v.Column, "cannot find the end of this value: edit it by hand")
	switch {
	case v.Style&yaml.DoubleQuotedStyle != 0:
		if start >= len(data) || data[start] != '"' {
			return 0, 0, bad
		}
		for i := start + 1; i < len(data); i++ {
			switch data[i] {
			case '\\':
				i++
			case '"':
				return start, i + 1, nil
			}
		}
		return 0, 0, bad
	case v.Style&yaml.SingleQuotedStyle != 0:
		if start >= len(data) || data[start] != '\'' {
			return 0, 0, bad
		}
		for i := start + 1; i < len(data); i++ {
			if data[i] == '\'' {
				if i+1 < len(data) && data[i+1] == '\'' {
					i++
					continue
				}
				return start, i + 1, nil
			}
		}
		return 0, 0, bad
	case v.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		if start >= len(data) || data[start] != '|' && data[start] != '>' || k == nil {
			return 0, 0, bad
		}
		return d.blockSpan(start, k.Column-1)
	}
	// A plain scalar: match its value against the bytes, a run of white
	// space (a line break of a multi-line scalar) against a run.
	i, val := start, v.Value
	for j := 0; j < len(val); {
		if isSpace(val[j]) {
			for j < len(val) && isSpace(val[j]) {
				j++
			}
			n := i
			for n < len(data) && isSpace(data[n]) {
				n++
			}
			if n == i {
				return 0, 0, bad
			}
			i = n
			continue
		}
		_, size := utf8.DecodeRuneInString(val[j:])
		if !bytes.HasPrefix(data[i:], []byte(val[j:j+size])) {
			return 0, 0, bad
		}
		i += size
		j += size
	}
	return start, i, nil
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' }

// blockSpan finds a block scalar: its header line, then every line indented
// deeper than its parent (or blank). Trailing blank lines belong to it only
// with keep chomping (|+).
func (d *yamlDoc) blockSpan(start, parentIndent int) (int, int, error) {
	data := d.data
	hdrEnd := bytes.IndexByte(data[start:], '\n')
	if hdrEnd < 0 {
		return start, len(data), nil
	}
	hdrEnd += start
	keep, explicit := false, 0
	for _, c := range data[start+1 : hdrEnd] {
		switch {
		case c == '+':
			keep = true
		case c >= '1' && c <= '9':
			explicit = int(c - '0')
		case c == '-':
		default:
			goto done
		}
	}
done:
	contentIndent := -1
	if explicit > 0 {
		contentIndent = parentIndent + explicit
	}
	end, i := hdrEnd, hdrEnd+1
	for i < len(data) {
		lineEnd := bytes.IndexByte(data[i:], '\n')
		if lineEnd < 0 {
			lineEnd = len(data)
		} else {
			lineEnd += i
		}
		line := data[i:lineEnd]
		if len(bytes.Trim(line, " \t")) == 0 {
			i = lineEnd + 1
			continue
		}
		ind := len(line) - len(bytes.TrimLeft(line, " "))
		if contentIndent < 0 {
			if ind <= parentIndent {
				break
			}
			contentIndent = ind
		}
		if ind < contentIndent {
			break
		}
		end = lineEnd
		i = lineEnd + 1
	}
	if keep {
		end = min(i, len(data))
		if end > hdrEnd && end <= len(data) && end > 0 && data[end-1] == '\n' {
			end--
		}
	}
	return start, end, nil
}

// renderEntry renders "key: value" for a mapping whose keys stand at
// column indent+1.
func renderEntry(key, value string, flow bool, indent int) (string, error) {
	r, err := renderScalar(value, flow, indent)
	if err != nil {
		return "", err
	}
	if flow {
		return key + ": " + r, nil
	}
	return strings.Repeat(" ", indent) + key + ": " + r, nil
}

// renderScalar writes value as YAML for a mapping whose keys stand at
// column indent+1: plain if YAML reads it back as the same string, a
// literal block scalar (|) if it has several lines (in a block mapping),
// else double-quoted.
func renderScalar(value string, flow bool, indent int) (string, error) {
	if !strings.Contains(value, "\n") {
		if plainOK(value, flow) {
			return value, nil
		}
		return doubleQuote(value), nil
	}
	if !flow {
		if lit, ok := literal(value, indent+2); ok && readsBack(lit, value, indent) {
			return lit, nil
		}
	}
	return doubleQuote(value), nil
}

// plainOK asks the YAML parser whether value, written plain, reads back as
// the same string.
func plainOK(value string, flow bool) bool {
	if value == "" || strings.TrimSpace(value) != value || strings.ContainsAny(value, "\t\r") {
		return false
	}
	for _, r := range value {
		if !printable(r) {
			return false
		}
	}
	src := "k: " + value + "\n"
	if flow {
		if strings.ContainsAny(value, ",[]{}") {
			return false
		}
		src = "{k: " + value + "}\n"
	}
	var doc yaml.Node
	if yaml.Unmarshal([]byte(src), &doc) != nil || len(doc.Content) != 1 {
		return false
	}
	m := doc.Content[0]
	return m.Kind == yaml.MappingNode && len(m.Content) == 2 && m.Content[1].Kind == yaml.ScalarNode &&
		m.Content[1].Tag == "!!str" && m.Content[1].Value == value && m.Content[1].Style == 0
}

// literal renders a multi-line value as a literal block scalar whose
// lines are indented by indent spaces.
func literal(value string, indent int) (string, bool) {
	for _, r := range value {
		if r != '\n' && r != '\t' && !printable(r) {
			return "", false
		}
	}
	body := strings.TrimRight(value, "\n")
	trailing := len(value) - len(body)
	head := "|"
	if first := strings.TrimLeft(body, "\n"); strings.HasPrefix(first, " ") {
		head += "2"
	}
	switch {
	case trailing == 0:
		head += "-"
	case trailing > 1:
		head += "+"
	}
	pad := strings.Repeat(" ", indent)
	lines := strings.Split(body, "\n")
	var b strings.Builder
	b.WriteString(head)
	for _, l := range lines {
		b.WriteByte('\n')
		if l != "" {
			b.WriteString(pad + l)
		}
	}
	for i := 1; i < trailing; i++ {
		b.WriteByte('\n')
	}
	return b.String(), true
}

// readsBack checks that rendered, the value of a key at column indent+1,
// parses as value.
func readsBack(rendered, value string, indent int) bool {
	pad := strings.Repeat(" ", indent)
	var doc yaml.Node
	if yaml.Unmarshal([]byte(pad+"k: "+rendered+"\n"+pad+"z: 1\n"), &doc) != nil || len(doc.Content) != 1 {
		return false
	}
	m := doc.Content[0]
	return m.Kind == yaml.MappingNode && len(m.Content) == 4 && m.Content[1].Tag == "!!str" && m.Content[1].Value == value
}

// printable is YAML's set of printable characters, less those a YAML 1.1
// parser (as yaml.v3) reads as line breaks (NEL, LS, PS) and the byte order
// mark: the importer escapes them.
func printable(r rune) bool {
	return r >= 0x20 && r <= 0x7E || r >= 0xA0 && r <= 0xD7FF && r != 0x2028 && r != 0x2029 ||
		r >= 0xE000 && r <= 0xFFFD && r != 0xFEFF || r >= 0x10000 && r <= 0x10FFFF
}

// doubleQuote writes s as a YAML double-quoted scalar on one line.
func doubleQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == utf8.RuneError:
			b.WriteString(`\uFFFD`)
		case printable(r):
			b.WriteRune(r)
		case r <= 0xFFFF:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			fmt.Fprintf(&b, `\U%08X`, r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// result applies the splices and checks the outcome: the file must parse
// to the original tree with exactly the expected values changed or added.
func (d *yamlDoc) result() ([]byte, error) {
	out, err := apply(d.name, d.data, d.splices)
	if err != nil {
		return nil, err
	}
	var got yaml.Node
	if err := yaml.Unmarshal(out, &got); err != nil {
		return nil, fmt.Errorf("%s: the edited file does not parse (%v): please report this; nothing was written", d.name, err)
	}
	for _, e := range d.expect {
		if i := entry(e.m, e.key); i >= 0 {
			e.m.Content[i+1] = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: e.value}
		} else {
			e.m.Content = append(e.m.Content[:len(e.m.Content):len(e.m.Content)],
				&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: e.key},
				&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: e.value})
		}
	}
	if why := sameTree(d.root, &got); why != "" {
		return nil, fmt.Errorf("%s: the edit would change more than the translation (%s): please report this; nothing was written", d.name, why)
	}
	if d.crlf {
		out = bytes.ReplaceAll(out, []byte("\n"), []byte("\r\n"))
	}
	if d.bom {
		out = append([]byte{0xEF, 0xBB, 0xBF}, out...)
	}
	return out, nil
}

// sameTree compares two parsed trees by kind, tag and value, mappings by
// key (the edits only add keys, never move them), and says where they
// differ ("" if nowhere).
func sameTree(a, b *yaml.Node) string {
	if a.Kind != b.Kind {
		return fmt.Sprintf("line %d: a %s became a %s", b.Line, kindWord(a), kindWord(b))
	}
	switch a.Kind {
	case yaml.ScalarNode:
		if a.Value != b.Value || a.Tag != b.Tag {
			return fmt.Sprintf("line %d: %q became %q", b.Line, a.Value, b.Value)
		}
		return ""
	case yaml.MappingNode:
		if len(a.Content) != len(b.Content) {
			return fmt.Sprintf("line %d: a mapping has %d entries instead of %d", b.Line, len(b.Content)/2, len(a.Content)/2)
		}
		bm := map[string]*yaml.Node{}
		for i := 0; i+1 < len(b.Content); i += 2 {
			bm[b.Content[i].Value] = b.Content[i+1]
		}
		for i := 0; i+1 < len(a.Content); i += 2 {
			bv, ok := bm[a.Content[i].Value]
			if !ok {
				return fmt.Sprintf("line %d: key %q is missing", b.Line, a.Content[i].Value)
			}
			if why := sameTree(a.Content[i+1], bv); why != "" {
				return why
			}
		}
		return ""
	}
	if len(a.Content) != len(b.Content) {
		return fmt.Sprintf("line %d: %d items instead of %d", b.Line, len(b.Content), len(a.Content))
	}
	for i := range a.Content {
		if why := sameTree(a.Content[i], b.Content[i]); why != "" {
			return why
		}
	}
	return ""
}

// apply makes the splices on data; they must not overlap.
func apply(name string, data []byte, splices []splice) ([]byte, error) {
	sort.SliceStable(splices, func(i, j int) bool {
		if splices[i].start != splices[j].start {
			return splices[i].start < splices[j].start
		}
		return splices[i].seq < splices[j].seq
	})
	var out bytes.Buffer
	pos := 0
	for _, s := range splices {
		if s.start < pos || s.end < s.start || s.end > len(data) {
			return nil, fmt.Errorf("%s: two edits overlap: please report this; nothing was written", name)
		}
		out.Write(data[pos:s.start])
		out.WriteString(s.text)
		pos = s.end
	}
	out.Write(data[pos:])
	return out.Bytes(), nil
}
