// Package release keeps immutable, dated snapshots of a site's resolved
// content: the model in every language (YAML, readable and diff-friendly)
// and the rendered Markdown of every document (the exact text a customer
// signed), with a checksum that tells when a snapshot was edited afterwards.
//
// A release lives in content/releases/<version>/:
//
//	release.yaml          version, dates, notes, documents, artefacts, checksum, signature
//	de.yaml, en.yaml      the resolved model per language
//	de/<doc>.md, …        each document's Markdown per language
//	de/<doc>.pdf, …       the PDFs as published (artefacts), byte for byte
//	de/<notice>.pdf       the change notice against the previous release
//
// The checksum covers every file and release.yaml itself (with checksum
// and signature left empty); the signature, if any, is Ed25519 over the
// checksum, so an edit with a recomputed checksum is found by Verify.
//
// It takes a content directory and gives its releases (Load), cuts a new one
// (Cut), and snapshots the current state for comparison (Snapshot).
package release

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"math"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"trustdocs/generator/diag"
	"trustdocs/generator/model"
	"trustdocs/generator/render"
)

// Dir is the folder of a content tree that holds the releases.
const Dir = "releases"

// InfoFile is the description of one release.
const InfoFile = "release.yaml"

// Release is one snapshot.
type Release struct {
	Info  Info
	Dir   string                     // its folder
	Files map[string][]byte          // snapshot files (slash paths), not release.yaml
	Model map[string]*model.Resolved // language → resolved model
}

// Info is what release.yaml holds.
type Info struct {
	Version string `yaml:"version"`
	Date    string `yaml:"date"` // announced
	// Effective is when the release takes effect (in force).
	Effective string `yaml:"effective,omitempty"`
	// ObjectionUntil is the last day to object (Art. 28(2) GDPR), set only
	// when subprocessors are added or replaced; before Effective.
	ObjectionUntil string            `yaml:"objection_deadline,omitempty"`
	ApprovedBy     string            `yaml:"approved_by,omitempty"` // who approved the release
	Approved       string            `yaml:"approved,omitempty"`    // YYYY-MM-DD of the approval
	Notes          map[string]string `yaml:"notes,omitempty"`       // language → release notes
	// Documents are the release's documents, each with its own version and
	// whether its text changed in this release. Releases made before
	// per-document versions have none: every document counts as changed.
	Documents []DocInfo `yaml:"documents,omitempty"`
	// Artefacts are the published files stored with the release (PDFs of
	// the documents, the change notice), path → "sha256:<hex>".
	Artefacts map[string]string `yaml:"artefacts,omitempty"`
	Checksum  string            `yaml:"checksum"`            // Seal
	Signature string            `yaml:"signature,omitempty"` // Ed25519 over Checksum, base64
}

// Summary is the note of the first language (by code) on one line, for a
// list of releases.
func (i Info) Summary() string {
	langs := slices.Sorted(maps.Keys(i.Notes))
	if len(langs) == 0 {
		return ""
	}
	return strings.Join(strings.Fields(i.Notes[langs[0]]), " ")
}

// DocInfo is one document of a release.
type DocInfo struct {
	ID      string            `yaml:"id"`
	Version string            `yaml:"version"`
	Changed bool              `yaml:"changed"`         // its text differs from its previous release
	Notes   map[string]string `yaml:"notes,omitempty"` // notes about this document, by language
}

// Doc gives the record of document id, and whether the release has one.
// A release without per-document records changed every document.
func (i *Info) Doc(id string) (DocInfo, bool) {
	for _, d := range i.Documents {
		if d.ID == id {
			return d, true
		}
	}
	return DocInfo{ID: id, Changed: true}, len(i.Documents) == 0
}

// DocNotes are the notes of document id in lang: its own, else the release's.
func (i *Info) DocNotes(id, lang string) string {
	if d, _ := i.Doc(id); d.Notes[lang] != "" {
		return d.Notes[lang]
	}
	return i.Notes[lang]
}

// IsArtefact reports whether a release file is a stored artefact (not
// part of the snapshot that is compared and diffed).
func IsArtefact(name string) bool { return path.Ext(name) == ".pdf" }

// Seal is the checksum of a release: the files (snapshot and artefacts)
// and release.yaml as it is written, with checksum and signature empty.
func Seal(info Info, files map[string][]byte) (string, error) {
	info.Checksum, info.Signature = "", ""
	head, err := marshal(info)
	if err != nil {
		return "", err
	}
	all := make(map[string][]byte, len(files)+1)
	for n, b := range files {
		all[n] = b
	}
	all[InfoFile] = head
	return Checksum(all), nil
}

// FileSum is the recorded form of a file's hash: "sha256:<hex>".
func FileSum(b []byte) string {
	h := sha256.Sum256(b)
	return "sha256:" + hex.EncodeToString(h[:])
}

// Snapshot gives the release's snapshot files: all but the artefacts.
func (r *Release) Snapshot() map[string][]byte {
	out := make(map[string][]byte, len(r.Files))
	for n, b := range r.Files {
		if !IsArtefact(n) {
			out[n] = b
		}
	}
	return out
}

// Markdown returns the snapshot's Markdown of document id in lang.
func (r *Release) Markdown(lang, id string) ([]byte, bool) {
	b, ok := r.Files[lang+"/"+id+".md"]
	return b, ok
}

var versionRe = regexp.MustCompile(`^[0-9]{1,4}(\.[0-9]{1,4}){0,2}$`)

// ValidVersion reports whether v is a version like 1, 2.1 or 2.1.3; versions
// name folders and URLs, so nothing else is accepted.
func ValidVersion(v string) bool { return versionRe.MatchString(v) }

// CompareVersions orders versions numerically, part by part (1.10 > 1.9).
func CompareVersions(a, b string) int {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(pa) || i < len(pb); i++ {
		var x, y int
		if i < len(pa) {
			x, _ = strconv.Atoi(pa[i])
		}
		if i < len(pb) {
			y, _ = strconv.Atoi(pb[i])
		}
		if x != y {
			if x < y {
				return -1
			}
			return 1
		}
	}
	return 0
}

// Snapshot gives the files of a release of the current state: the model
// per language and every rendered document.
func Snapshot(site *model.Site, docs []*render.Document) (map[string][]byte, error) {
	files := map[string][]byte{}
	for _, lang := range site.LangIDs() {
		data, err := marshal(model.Localize(site, lang))
		if err != nil {
			return nil, err
		}
		files[lang+".yaml"] = data
	}
	for _, d := range docs {
		files[d.Lang+"/"+d.ID+".md"] = d.Markdown
	}
	return files, nil
}

func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// SameModel reports whether two resolved models give the same snapshot
// YAML (marshal), without encoding them: equal field by field, nil and
// empty slices and maps alike (both encode as [] and {}, or are left out
// with omitempty), unexported fields ignored. A model decoded from a
// snapshot this version wrote is thus the same as the one it was written
// from.
func SameModel(a, b *model.Resolved) bool {
	if a == nil || b == nil {
		return a == b
	}
	return sameValue(reflect.ValueOf(a).Elem(), reflect.ValueOf(b).Elem())
}

func sameValue(a, b reflect.Value) bool {
	switch a.Kind() {
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		a, b = a.Elem(), b.Elem()
		return a.Type() == b.Type() && sameValue(a, b)
	case reflect.Struct:
		t := a.Type()
		for i := range t.NumField() {
			if f := t.Field(i); !f.IsExported() || f.Tag.Get("yaml") == "-" {
				continue
			}
			if !sameValue(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	case reflect.Slice, reflect.Array:
		if a.Len() != b.Len() {
			return false
		}
		for i := range a.Len() {
			if !sameValue(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	case reflect.Map:
		if a.Len() != b.Len() {
			return false
		}
		for it := a.MapRange(); it.Next(); {
			v := b.MapIndex(it.Key())
			if !v.IsValid() || !sameValue(it.Value(), v) {
				return false
			}
		}
		return true
	case reflect.String:
		return a.String() == b.String()
	case reflect.Bool:
		return a.Bool() == b.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return a.Int() == b.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return a.Uint() == b.Uint()
	case reflect.Float32, reflect.Float64:
		return math.Float64bits(a.Float()) == math.Float64bits(b.Float())
	}
	// A kind the model does not use (channels, functions): not comparable
	// as YAML, so different.
	return false
}

// Checksum is the sha256 of the files, in path order, each as its path, a
// NUL byte, its length and its bytes: any edit, rename or removal changes it.
func Checksum(files map[string][]byte) string {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		fmt.Fprintf(h, "%s\x00%d\x00", n, len(files[n]))
		h.Write(files[n])
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

// Equal reports whether two snapshots hold the same files.
func Equal(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for n, x := range a {
		if y, ok := b[n]; !ok || !bytes.Equal(x, y) {
			return false
		}
	}
	return true
}

// Load reads every release of the content tree, oldest first, checking that
// each is intact (its checksum matches), that versions and dates ascend, and
// that release.yaml is well-formed. Problems are reported, not fatal.
func Load(contentDir string) ([]*Release, *diag.List) { return LoadWith(contentDir, nil) }

// Memo keeps the parsed models of releases between loads in one process
// (trustdocs serve): a release whose files have the checksum it records
// and had at the last load is not parsed again. Safe for one load at a
// time; the models it hands out must not be modified.
type Memo struct {
	mu     sync.Mutex                            // releases load side by side
	models map[string]map[string]*model.Resolved // dir + checksum → models
	used   map[string]bool
}

// NewMemo returns an empty memo.
func NewMemo() *Memo {
	return &Memo{models: map[string]map[string]*model.Resolved{}, used: map[string]bool{}}
}

// lookup gives the models memoised under key, and marks key used.
func (m *Memo) lookup(key string) (map[string]*model.Resolved, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.used[key] = true
	models, ok := m.models[key]
	return models, ok
}

// store memoises the models of key.
func (m *Memo) store(key string, models map[string]*model.Resolved) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.used[key] = true
	m.models[key] = models
}

// Sweep forgets the releases the last load did not see.
func (m *Memo) Sweep() {
	for k := range m.models {
		if !m.used[k] {
			delete(m.models, k)
		}
	}
	m.used = map[string]bool{}
}

// LoadWith is Load, taking unchanged releases' models from memo (if not nil).
func LoadWith(contentDir string, memo *Memo) ([]*Release, *diag.List) {
	errs := &diag.List{}
	root := filepath.Join(contentDir, Dir)
	entries, err := os.ReadDir(root)
	if err != nil {
		if !os.IsNotExist(err) {
			errs.Errorf(diag.At(root), "cannot read releases: %v", err)
		}
		return nil, errs
	}
	// The releases are read, checked and decoded side by side (YAML decoding
	// is most of a build's load stage); the diagnostics are sorted anyway.
	loaded := make([]*Release, len(entries))
	lists := make([]*diag.List, len(entries))
	var wg sync.WaitGroup
	for i, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		dir := filepath.Join(root, e.Name())
		if !e.IsDir() {
			errs.Errorf(diag.At(dir), "releases/ holds one folder per release: move or delete this file")
			continue
		}
		if !ValidVersion(e.Name()) {
			errs.Errorf(diag.At(dir), "release folder %q is not a version: name it like 1.0 or 2.1.3", e.Name())
			continue
		}
		lists[i] = &diag.List{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			loaded[i] = loadOne(dir, e.Name(), lists[i], memo)
		}()
	}
	wg.Wait()
	var out []*Release
	for i, r := range loaded {
		errs.Add(lists[i])
		if r != nil {
			out = append(out, r)
		}
	}
	sort.Slice(out, func(i, j int) bool { return CompareVersions(out[i].Info.Version, out[j].Info.Version) < 0 })
	for i := 1; i < len(out); i++ {
		if out[i].Info.Date < out[i-1].Info.Date {
			errs.Errorf(diag.At(filepath.Join(out[i].Dir, InfoFile)), "release %s is dated %s, before release %s (%s): dates must not go back", out[i].Info.Version, out[i].Info.Date, out[i-1].Info.Version, out[i-1].Info.Date)
		}
	}
	return out, errs
}

func loadOne(dir, name string, errs *diag.List, memo *Memo) *Release {
	infoPath := filepath.Join(dir, InfoFile)
	data, err := os.ReadFile(infoPath)
	if err != nil {
		errs.Errorf(diag.At(infoPath), "release %s has no %s: restore it from version control", name, InfoFile)
		return nil
	}
	r := &Release{Dir: dir, Files: map[string][]byte{}, Model: map[string]*model.Resolved{}}
	if len(data) > MaxFileSize {
		errs.Errorf(diag.At(infoPath), "%s is too large (%d bytes): restore it from version control", InfoFile, len(data))
		return nil
	}
	if err := decodeSnapshot(data, &r.Info, true); err != nil {
		errs.Errorf(diag.At(infoPath), "%s is not a valid release description: %v", InfoFile, strings.TrimPrefix(err.Error(), "yaml: "))
		return nil
	}
	if r.Info.Version != name {
		errs.Errorf(diag.At(infoPath), "release folder %s holds version %q: folder and version must agree", name, r.Info.Version)
	}
	err = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type()&os.ModeSymlink != 0 {
			return fmt.Errorf("%s: symbolic links are not allowed in a release", p)
		}
		if d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if rel == InfoFile {
			return nil
		}
		if info, err := d.Info(); err != nil {
			return err
		} else if !info.Mode().IsRegular() {
			return fmt.Errorf("%s: not a regular file", p)
		} else if info.Size() > MaxFileSize {
			return fmt.Errorf("%s: file is too large (%d MiB; a snapshot file holds at most %d MiB)", p, info.Size()>>20, MaxFileSize>>20)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		r.Files[rel] = b
		return nil
	})
	if err != nil {
		errs.Errorf(diag.At(dir), "cannot read release %s: %v", name, err)
		return nil
	}
	key := ""
	for _, name := range sortedKeys(r.Info.Artefacts) {
		if b, ok := r.Files[name]; !ok {
			errs.Errorf(diag.At(filepath.Join(dir, filepath.FromSlash(name))), "release %s lists the artefact %s, which is missing: restore it from version control", name, name)
		} else if got := FileSum(b); got != r.Info.Artefacts[name] {
			errs.Errorf(diag.At(filepath.Join(dir, filepath.FromSlash(name))), "the stored file %s of release %s was changed (sha256 %s, recorded %s): a released file never changes; restore it from version control", name, r.Info.Version, short(got), short(r.Info.Artefacts[name]))
		}
	}
	for name := range r.Files {
		if _, ok := r.Info.Artefacts[name]; IsArtefact(name) && !ok {
			errs.Errorf(diag.At(filepath.Join(dir, filepath.FromSlash(name))), "release %s holds %s, which its %s does not list: releases are immutable; remove the file", r.Info.Version, name, InfoFile)
		}
	}
	sum, err := Seal(r.Info, r.Files)
	if err != nil {
		errs.Errorf(diag.At(infoPath), "%v", err)
		return nil
	}
	if sum != r.Info.Checksum {
		errs.Errorf(diag.At(infoPath), "release %s was edited after it was made (checksum %s, recorded %s): releases are immutable; restore it from version control and cut a new release instead", name, short(sum), short(r.Info.Checksum))
	} else if memo != nil {
		key = dir + "\x00" + sum
		if models, ok := memo.lookup(key); ok {
			r.Model = models
			return r
		}
	}
	bad := false // a snapshot that does not parse is reported every time
	defer func() {
		if key != "" && !bad {
			memo.store(key, r.Model)
		}
	}()
	// One goroutine per language's snapshot.
	type decoded struct {
		rel string
		m   *model.Resolved
		err error
	}
	var snaps []*decoded
	var wg sync.WaitGroup
	for rel, b := range r.Files {
		if path.Dir(rel) != "." || path.Ext(rel) != ".yaml" {
			continue
		}
		d := &decoded{rel: rel, m: &model.Resolved{}}
		snaps = append(snaps, d)
		wg.Add(1)
		go func() {
			defer wg.Done()
			d.err = decodeSnapshot(b, d.m, true)
		}()
	}
	wg.Wait()
	for _, d := range snaps {
		if d.err != nil {
			errs.Errorf(diag.At(filepath.Join(dir, d.rel)), "snapshot does not parse: %v", d.err)
			bad = true
			continue
		}
		r.Model[strings.TrimSuffix(d.rel, ".yaml")] = d.m
	}
	return r
}

// MaxFileSize bounds one file of a snapshot. A snapshot is only as
// trustworthy as the repository it is in (its checksum finds accidents, not
// forgeries), so Load reads nothing larger.
const MaxFileSize = 16 << 20

// decodeSnapshot decodes one YAML document of a release into v. Anchors
// and aliases are refused: trustdocs never writes them, and expanding them
// could make a small file decode into gigabytes ("billion laughs").
func decodeSnapshot(data []byte, v any, strict bool) error {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return err
	}
	if n := findAlias(&doc); n != nil {
		return fmt.Errorf("line %d: YAML anchors and aliases are not allowed in a release (trustdocs never writes them)", n.Line)
	}
	if doc.Kind == 0 {
		return nil
	}
	if strict && unknownField(&doc, reflect.TypeOf(v)) {
		// Node.Decode cannot report unknown fields: the decoder, reading the
		// bytes again, says which and where.
		dec := yaml.NewDecoder(bytes.NewReader(data))
		dec.KnownFields(true)
		return dec.Decode(v)
	}
	return doc.Decode(v)
}

// unknownField reports whether n holds a mapping key that no field of t
// (or of its inline structs) takes: what yaml's KnownFields refuses. It
// answers true where it cannot tell (a custom unmarshaler, a merge key,
// a key that is no scalar), so that the strict decoder decides; a
// snapshot without unknown fields is parsed once, not twice.
func unknownField(n *yaml.Node, t reflect.Type) bool {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if n.Kind == yaml.DocumentNode {
		for _, c := range n.Content {
			if unknownField(c, t) {
				return true
			}
		}
		return false
	}
	if n.Kind == yaml.AliasNode || t.Implements(unmarshalerType) || reflect.PointerTo(t).Implements(unmarshalerType) {
		return true
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			return false // a type error, which Decode reports
		}
		fields, rest := yamlFields(t)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind != yaml.ScalarNode || k.Tag == "!!merge" {
				return true
			}
			ft, ok := fields[k.Value]
			if !ok {
				if rest == nil {
					return true
				}
				ft = rest // an inline map takes every other key
			}
			if unknownField(n.Content[i+1], ft) {
				return true
			}
		}
	case reflect.Map:
		if n.Kind == yaml.MappingNode {
			for i := 1; i < len(n.Content); i += 2 {
				if unknownField(n.Content[i], t.Elem()) {
					return true
				}
			}
		}
	case reflect.Slice, reflect.Array:
		if n.Kind == yaml.SequenceNode {
			for _, c := range n.Content {
				if unknownField(c, t.Elem()) {
					return true
				}
			}
		}
	}
	return false
}

var (
	unmarshalerType = reflect.TypeFor[yaml.Unmarshaler]()
	fieldsMu        sync.Mutex
	fieldsOf        = map[reflect.Type]structFields{}
)

type structFields struct {
	byKey map[string]reflect.Type
	rest  reflect.Type // the element type of an inline map, or nil
}

// yamlFields are the keys a struct takes, as yaml.v3 names them: the tag's
// name, else the field's name in lower case; inline structs' keys as its own.
func yamlFields(t reflect.Type) (map[string]reflect.Type, reflect.Type) {
	fieldsMu.Lock()
	defer fieldsMu.Unlock()
	if f, ok := fieldsOf[t]; ok {
		return f.byKey, f.rest
	}
	f := structFields{byKey: map[string]reflect.Type{}}
	var add func(t reflect.Type)
	add = func(t reflect.Type) {
		for i := range t.NumField() {
			sf := t.Field(i)
			if sf.PkgPath != "" && !sf.Anonymous {
				continue // unexported
			}
			tag := sf.Tag.Get("yaml")
			if tag == "" && !strings.Contains(string(sf.Tag), ":") {
				tag = string(sf.Tag)
			}
			if tag == "-" {
				continue
			}
			name, opts, _ := strings.Cut(tag, ",")
			inline := false
			for _, o := range strings.Split(opts, ",") {
				inline = inline || o == "inline"
			}
			if inline {
				ft := sf.Type
				for ft.Kind() == reflect.Pointer {
					ft = ft.Elem()
				}
				if ft.Kind() == reflect.Map {
					f.rest = ft.Elem()
				} else {
					add(ft)
				}
				continue
			}
			if name == "" {
				name = strings.ToLower(sf.Name)
			}
			f.byKey[name] = sf.Type
		}
	}
	add(t)
	fieldsOf[t] = f
	return f.byKey, f.rest
}

func findAlias(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		return n
	}
	for _, c := range n.Content {
		if a := findAlias(c); a != nil {
			return a
		}
	}
	return nil
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func short(sum string) string {
	s := strings.TrimPrefix(sum, "sha256:")
	if len(s) > 12 {
		return s[:12]
	}
	if s == "" {
		return "none"
	}
	return s
}
