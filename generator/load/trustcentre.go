package load

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"

	"trustdocs/generator/diag"
	"trustdocs/generator/model"
)

// The trust centre's blocks of site.yaml: contacts:, legal:, security_txt:
// and attachments: (the files under attachments/, read here like content).

// AttachmentsDir holds the files site.yaml's attachments: lists.
const AttachmentsDir = "attachments"

// MaxAttachmentSize bounds one attachment (a certificate, a contract).
const MaxAttachmentSize = 32 << 20

// attachmentName is the file name of an attachment: it becomes a URL.
var attachmentName = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]*\.[a-z0-9]+$`)

func readContacts(r *reader, v *yaml.Node) []*model.Contact {
	var out []*model.Contact
	for _, it := range r.seq(v, "contacts") {
		o := r.mapping(it, "contact")
		if o == nil {
			continue
		}
		c := &model.Contact{Pos: r.pos(it)}
		c.Role = o.ident("role", true)
		c.Label = o.text("label", false)
		c.Name = o.str("name", false)
		c.Email = o.email("email")
		c.Phone = o.str("phone", false)
		c.URL = o.url("url")
		o.done()
		out = append(out, c)
	}
	return out
}

func readLegal(r *reader, v *yaml.Node) model.Legal {
	l := model.Legal{Pos: r.pos(v), Set: true}
	if o := r.mapping(v, "legal"); o != nil {
		l.Impressum = o.url("impressum")
		l.Privacy = o.url("privacy")
		o.done()
	}
	return l
}

func readSecurityTxt(r *reader, v *yaml.Node) model.SecurityTxt {
	s := model.SecurityTxt{Pos: r.pos(v), Set: true}
	if o := r.mapping(v, "security_txt"); o != nil {
		s.Expires = o.date("expires", false)
		s.Policy = o.url("policy")
		o.done()
	}
	return s
}

func readAttachments(r *reader, v *yaml.Node) []*model.Attachment {
	var out []*model.Attachment
	seen := map[string]int{}
	for _, it := range r.seq(v, "attachments") {
		o := r.mapping(it, "attachment")
		if o == nil {
			continue
		}
		a := &model.Attachment{Pos: r.pos(it)}
		fv := o.field("file", true)
		if fv != nil {
			f := r.scalar(fv, "field \"file\" of attachment")
			name, ok := strings.CutPrefix(f, AttachmentsDir+"/")
			switch {
			case f == "":
			case !ok || strings.Contains(name, "/"):
				r.errorf(fv, "attachment %q is not in the folder %s/: put the file there and write file: %s/%s", f, AttachmentsDir, AttachmentsDir, path.Base(f))
			case !attachmentName.MatchString(name):
				r.errorf(fv, "attachment file name %q is not usable in a web address: rename it to lower-case letters, digits, '.', '-' and '_' with an extension, e.g. iso-27001.pdf", name)
			case seen[f] > 0:
				r.errorf(fv, "attachment %s is listed twice (first at line %d): keep one", f, seen[f])
			default:
				seen[f] = fv.Line
				a.File = f
			}
		}
		a.Title = o.text("title", true)
		o.done()
		if a.File != "" {
			a.Pos = r.pos(fv)
			out = append(out, a)
		}
	}
	return out
}

// readAttachmentFiles reads each attachment's bytes from the content
// directory, with the checks of content files but for the text ones: a
// regular file (no symbolic link), not empty, not too large. A missing
// file is an error at its line in site.yaml.
func readAttachmentFiles(dir string, atts []*model.Attachment, errs *diag.List) {
	for _, a := range atts {
		p := filepath.Join(dir, filepath.FromSlash(a.File))
		if fi, err := os.Lstat(filepath.Join(dir, AttachmentsDir)); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
			errs.Errorf(a.Pos, "the folder %s/ is a symbolic link, which is not followed: replace it with the folder itself", AttachmentsDir)
			continue
		}
		fi, err := os.Lstat(p)
		switch {
		case os.IsNotExist(err):
			errs.Errorf(a.Pos, "attachment %s not found: put the file into %s or remove the entry", a.File, filepath.ToSlash(filepath.Join(dir, AttachmentsDir)))
			continue
		case err != nil:
			errs.Errorf(a.Pos, "cannot read attachment %s: %v", a.File, unwrapPathErr(err))
			continue
		case fi.Mode()&fs.ModeSymlink != 0:
			errs.Errorf(a.Pos, "attachment %s is a symbolic link, which is not followed: replace the link with the file itself", a.File)
			continue
		case !fi.Mode().IsRegular():
			errs.Errorf(a.Pos, "attachment %s is not a regular file: give a plain file", a.File)
			continue
		case fi.Size() > MaxAttachmentSize:
			errs.Errorf(a.Pos, "attachment %s is too large (%d MiB; at most %d MiB): publish a smaller file", a.File, fi.Size()>>20, MaxAttachmentSize>>20)
			continue
		case fi.Size() == 0:
			errs.Errorf(a.Pos, "attachment %s is empty: give the file or remove the entry", a.File)
			continue
		}
		f, err := os.Open(p)
		if err != nil {
			errs.Errorf(a.Pos, "cannot read attachment %s: %v", a.File, unwrapPathErr(err))
			continue
		}
		data, err := io.ReadAll(io.LimitReader(f, MaxAttachmentSize+1))
		f.Close()
		if err != nil || len(data) > MaxAttachmentSize {
			errs.Errorf(a.Pos, "cannot read attachment %s: %v", a.File, err)
			continue
		}
		a.Data = data
	}
}

// readSlug reads a document's slug: {en: security-concept}, per language
// a file name of lower-case letters, digits and hyphens.
func readSlug(r *reader, v *yaml.Node, d *model.Document) {
	active.mark(v, "open") // the keys are the site's languages
	m := r.mapping(v, fmt.Sprintf("slug of document %q", d.ID.ID))
	if m == nil {
		return
	}
	d.Slug, d.SlugPos = map[string]string{}, map[string]diag.Pos{}
	for _, lang := range m.order {
		m.known = append(m.known, lang)
		if len(r.langs) > 0 && !contains(r.langs, lang) {
			r.errorf(m.kpos[lang], "%q is not a language of this site (site.yaml lists %s)", lang, strings.Join(r.langs, ", "))
			continue
		}
		val := m.keys[lang]
		s := r.scalar(val, fmt.Sprintf("the %s slug of document %q", lang, d.ID.ID))
		if s == "" {
			continue
		}
		if !slugPattern.MatchString(s) || s == "index" || s == "feed" {
			r.errorf(val, "slug %q is not a usable file name: write lower-case letters, digits and hyphens, e.g. security-concept (not index or feed)", s)
			continue
		}
		d.Slug[lang] = s
		d.SlugPos[lang] = r.pos(val)
	}
	m.done()
}

var slugPattern = regexp.MustCompile(`^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$`)
