package build

import (
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"trustdocs/generator/diag"
	"trustdocs/generator/model"
	"trustdocs/generator/origin"
	"trustdocs/generator/pdf"
	"trustdocs/generator/pdfqueue"
	"trustdocs/generator/release"
)

// locate places the renderer's warnings about a document's Markdown in
// the content (package origin): at the text the warned line prints, else
// at fallback (the document's entry in site.yaml, a release's
// release.yaml) with the line quoted, so that a warning never names a
// line of a generated file. ix may be nil (an old release's text).
func locate(ix *origin.Index, lang string, fallback diag.Pos) func([]byte, pdf.Warning) (diag.Pos, string) {
	return func(md []byte, w pdf.Warning) (diag.Pos, string) {
		if ix != nil {
			if pos, ok := ix.Locate(lang, md, w.Line, w.Near); ok {
				return pos, w.Message
			}
		}
		if l := quotedLine(md, w.Line); l != "" {
			return fallback, fmt.Sprintf("%s (in the generated line %q, which the template makes)", w.Message, l)
		}
		return fallback, w.Message
	}
}

// releaseInfo is the position of a release's release.yaml.
func releaseInfo(content, version string) diag.Pos {
	return diag.At(filepath.Join(content, release.Dir, version, release.InfoFile))
}

// quotedLine is line (1-based) of md, shortened for a message.
func quotedLine(md []byte, line int) string {
	s := origin.Line(md, line)
	if utf8.RuneCountInString(s) > 60 {
		s = string([]rune(s)[:59]) + "…"
	}
	return s
}

// documentPos is where site.yaml defines the document id.
func documentPos(site *model.Site, id string) diag.Pos {
	for _, d := range site.Documents {
		if d.ID.ID == id {
			return d.ID.Pos
		}
	}
	return site.SitePos
}

// locateArchive gives the released documents and notices that are typeset
// (not copied) their release's release.yaml for their warnings: their
// text is the release's, not the content's.
func locateArchive(jobs []pdfqueue.Job, content string) {
	for i := range jobs {
		parts := strings.Split(jobs[i].Path, "/") // LANG/releases/VERSION/FILE
		if len(parts) >= 4 && parts[1] == "releases" && jobs[i].Locate == nil {
			jobs[i].Locate = locate(nil, parts[0], releaseInfo(content, parts[2]))
		}
	}
}
