// Package load reads a content directory into a model.Site.
//
// It takes a directory path and gives the site plus every problem it met:
// YAML syntax, unknown fields, wrong types, invalid IDs, dates and country
// codes, files that are not UTF-8, empty or too large — each with its
// file:line:col. Cross-references and translations are checked later by
// package validate. Load never stops at the first problem and never panics.
package load

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"

	"trustdocs/generator/audience"
	"trustdocs/generator/diag"
	"trustdocs/generator/model"
)

// Collection folders and the single files of a content tree.
const (
	SiteFile      = "site.yaml"
	CatalogueFile = "catalogue.yaml"
	LintFile      = "lint.yaml" // optional: the site's additions to the lints
	PlanFile      = "plan.yaml" // optional: the overview plan's connections
	VendorsDir    = "vendors"
	SitesDir      = "sites"
	MeasuresDir   = "measures"
	SubsystemsDir = "subsystems"
	PagesDir      = "pages"
	ReleasesDir   = "releases" // reserved for release snapshots
)

var knownDirs = []string{VendorsDir, SitesDir, MeasuresDir, SubsystemsDir, PagesDir, ReleasesDir, AttachmentsDir}
var knownFiles = []string{SiteFile, CatalogueFile, LintFile, PlanFile}

// Load reads the content tree at dir, everything in it (every audience).
// The returned site is as complete as the input allows, even when the list
// holds errors.
func Load(dir string) (*model.Site, *diag.List) { return LoadEdition(dir, "") }

// LoadEdition reads the edition of the content tree at dir for one
// audience of site.yaml ("" = everything): what is marked for a narrower
// audience is left out before it is decoded (package audience), and
// recorded in site.Withheld.
func LoadEdition(dir, edition string) (*model.Site, *diag.List) {
	errs := &diag.List{}
	site := &model.Site{Dir: dir, SitePos: diag.At(filepath.Join(dir, SiteFile)), Edition: edition}
	f, _ := audience.New(audience.Default, edition, errs)

	fi, err := os.Stat(dir)
	if err != nil || !fi.IsDir() {
		errs.Errorf(diag.At(dir), "content directory not found: give an existing directory with --content")
		return site, errs
	}
	checkTree(dir, errs)

	// site.yaml first: it names the languages every text is read against.
	if root, data := loadYAML(filepath.Join(dir, SiteFile), true, errs); root != nil {
		r := &reader{file: filepath.Join(dir, SiteFile), data: data, errs: errs}
		site.Audiences = readAudiences(r, root)
		f = newFilter(site, edition, errs)
		f.Node(r.file, data, "document", root)
		active.root("site", root)
		readSite(r, root, site)
		readAttachmentFiles(dir, site.Attachments, errs)
	}
	langs := site.LangIDs()

	if root, data := loadYAML(filepath.Join(dir, CatalogueFile), true, errs); root != nil {
		r := &reader{file: filepath.Join(dir, CatalogueFile), data: data, langs: langs, errs: errs}
		f.Node(r.file, data, "catalogue", root)
		active.root("catalogue", root)
		site.Catalogue = readCatalogue(r, root)
	} else if fileExists(filepath.Join(dir, CatalogueFile)) {
		site.MarkUnreadable("catalogue")
	}
	if root, data := loadYAML(filepath.Join(dir, LintFile), false, errs); root != nil {
		r := &reader{file: filepath.Join(dir, LintFile), data: data, langs: langs, errs: errs}
		f.Node(r.file, data, "lint", root)
		active.root("lint", root)
		site.Lint = readLintConfig(r, root)
	}
	eachEntity(site, dir, VendorsDir, "vendor", langs, f, errs, func(r *reader, n *yaml.Node) {
		if v := readVendor(r, n); v != nil {
			site.Vendors = append(site.Vendors, v)
		}
	})
	eachEntity(site, dir, SitesDir, "site", langs, f, errs, func(r *reader, n *yaml.Node) {
		if l := readLocation(r, n); l != nil {
			site.Locations = append(site.Locations, l)
		}
	})
	eachEntity(site, dir, MeasuresDir, "measure", langs, f, errs, func(r *reader, n *yaml.Node) {
		if m := readMeasure(r, n); m != nil {
			site.Measures = append(site.Measures, m)
		}
	})
	eachEntity(site, dir, SubsystemsDir, "subsystem", langs, f, errs, func(r *reader, n *yaml.Node) {
		if s := readSubsystem(r, n); s != nil {
			site.Subsystems = append(site.Subsystems, s)
		}
	})
	if root, data := loadYAML(filepath.Join(dir, PlanFile), false, errs); root != nil {
		r := &reader{file: filepath.Join(dir, PlanFile), data: data, langs: langs, errs: errs}
		f.Node(r.file, data, "plan", root)
		active.root("plan", root)
		site.Plan = readPlan(r, root)
	}
	site.Pages = loadPages(filepath.Join(dir, PagesDir), langs, f, errs)
	f.Prune(site)
	site.Withheld, site.Marks = f.Withheld, f.Marks
	return site, errs
}

// newFilter makes the filter of the edition, for the audiences site.yaml
// names (or the default ones).
func newFilter(site *model.Site, edition string, errs *diag.List) *audience.Filter {
	f, err := audience.New(site.AudienceNames(), edition, errs)
	if err != nil {
		errs.Errorf(site.SitePos, "%v: build one of those editions", err)
	}
	f.Suggest = suggest
	return f
}

// checkTree reports files and folders in the content root that trustdocs
// would silently ignore: a misspelt folder must not lose its content.
func checkTree(dir string, errs *diag.List) {
	for _, e := range listDir(dir, errs) {
		name := e.Name()
		path := filepath.Join(dir, name)
		if e.Type()&os.ModeSymlink != 0 {
			errs.Errorf(diag.At(path), "symbolic links are not followed: replace the link with the file or folder itself")
			continue
		}
		switch {
		case e.IsDir() && contains(knownDirs, name):
		case !e.IsDir() && contains(knownFiles, name):
		case e.IsDir():
			msg := fmt.Sprintf("unknown folder %s in the content directory", describe(name))
			if s := suggest(name, knownDirs); s != "" {
				msg += fmt.Sprintf(": did you mean %q?", s)
			} else {
				msg += "; known folders: " + strings.Join(knownDirs, ", ")
			}
			errs.Errorf(diag.At(path), "%s", msg)
		case isYAML(name):
			msg := fmt.Sprintf("unknown file %s in the content directory", describe(name))
			if s := suggest(name, knownFiles); s != "" {
				msg += fmt.Sprintf(": did you mean %q?", s)
			} else {
				msg += "; known files: " + strings.Join(knownFiles, ", ")
			}
			errs.Errorf(diag.At(path), "%s", msg)
		}
		// Other files (README.md, notes) are the authors' own business.
	}
}

// loadYAML reads and parses one file, giving its root node and its bytes
// (without a byte order mark); a missing optional file gives nil without
// an error.
func loadYAML(path string, required bool, errs *diag.List) (*yaml.Node, []byte) {
	if _, err := os.Lstat(path); os.IsNotExist(err) {
		if required {
			errs.Errorf(diag.At(path), "file is missing: every content directory needs %s (see docs/content-model.md)", filepath.Base(path))
		}
		return nil, nil
	}
	data, ok := readFile(path, errs)
	if !ok {
		return nil, nil
	}
	return parseYAML(path, data, errs), data
}

// eachEntity calls fn for every entity of a collection folder, in order:
// files sorted by name, then the order within a file (one mapping, or a list
// of mappings).
func eachEntity(site *model.Site, dir, sub, what string, langs []string, f *audience.Filter, errs *diag.List, fn func(*reader, *yaml.Node)) {
	folder := filepath.Join(dir, sub)
	if fi, err := os.Lstat(folder); err != nil || !fi.IsDir() {
		return // an empty collection is allowed (a symbolic link is reported by checkTree)
	}
	for _, e := range listDir(folder, errs) {
		path := filepath.Join(folder, e.Name())
		if e.IsDir() {
			errs.Errorf(diag.At(path), "folders inside %s/ are not read: move its files up into %s/", sub, sub)
			continue
		}
		if !isYAML(e.Name()) {
			errs.Warnf(diag.At(path), "ignored: only .yaml files are read in %s/", sub)
			continue
		}
		root, data := loadYAML(path, true, errs)
		if root == nil {
			site.MarkUnreadable(what)
			continue
		}
		r := &reader{file: path, data: data, langs: langs, errs: errs}
		if !f.Node(path, data, what, root) {
			continue // the whole file is for a narrower audience
		}
		switch root.Kind {
		case yaml.MappingNode:
			active.root(schemaKind(what), root)
			fn(r, root)
		case yaml.SequenceNode:
			for _, item := range r.seq(root, "the list of "+what+"s") {
				active.root(schemaKind(what), item)
				fn(r, item)
			}
		default:
			r.errorf(root, "a file in %s/ holds one %s (a mapping) or a list of them, found %s", sub, what, kindName(root))
		}
	}
}

func fileExists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}
