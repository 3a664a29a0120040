package build

import (
	"testing"
	"time"

	"trustdocs/generator/diag"
	"trustdocs/generator/load"
	"trustdocs/generator/model"
	"trustdocs/generator/pdf"
	"trustdocs/generator/pdfqueue"
	"trustdocs/generator/release"
	"trustdocs/generator/render"
	sitegen "trustdocs/generator/site"
	"trustdocs/generator/theme"
	"trustdocs/generator/validate"
)

// Benchmarks of the stages on content/, one per stage (benchstat-friendly
// names). make bench runs them; the full build is BenchmarkBuild.

const benchContent = "../../content"

type benchState struct {
	site  *model.Site
	th    *theme.Theme
	docs  []*render.Text
	arch  *archive
	jobs  []pdfqueue.Job
	fonts *pdf.Fonts
}

func prepare(b *testing.B) *benchState {
	b.Helper()
	site, _, rels, errs := check(benchContent, newStopwatch(), &Timings{}, nil)
	if errs.HasErrors() {
		b.Fatal(errs.Err())
	}
	th, err := theme.Open("")
	if err != nil {
		b.Fatal(err)
	}
	docs, err := render.Documents(site, th)
	if err != nil {
		b.Fatal(err)
	}
	arch, err := archiveNow(rels, site, th)
	if err != nil {
		b.Fatal(err)
	}
	s := &benchState{site: site, th: th, docs: docs, arch: arch}
	for _, d := range docs {
		j, err := arch.currentJob(th, d)
		if err != nil {
			b.Fatal(err)
		}
		s.jobs = append(s.jobs, j)
	}
	if s.fonts, err = pdf.LoadFonts(); err != nil {
		b.Fatal(err)
	}
	return s
}

func BenchmarkStageLoad(b *testing.B) {
	for b.Loop() {
		if _, errs := load.Load(benchContent); errs.HasErrors() {
			b.Fatal(errs.Err())
		}
	}
}

func BenchmarkStageValidate(b *testing.B) {
	site, _ := load.Load(benchContent)
	for b.Loop() {
		validate.Check(site)
	}
}

func BenchmarkStageTemplates(b *testing.B) {
	s := prepare(b)
	for b.Loop() {
		if _, err := render.Documents(s.site, s.th); err != nil {
			b.Fatal(err)
		}
	}
}

// archiveNow is loadArchive with the change reports made.
func archiveNow(rels []*release.Release, site *model.Site, th *theme.Theme) (*archive, error) {
	states := releaseStates(rels)
	_, changed, err := currentDocuments(site, th, priorDocs(states))
	if err != nil {
		return nil, err
	}
	a, err := loadArchive(states, th, nil, Drafts(site, changed, states))
	if err != nil {
		return nil, err
	}
	for i := range a.jobs {
		if j := &a.jobs[i]; j.Prepare != nil {
			if err := j.Prepare(j); err != nil {
				return nil, err
			}
			j.Prepare = nil
		}
	}
	return a, nil
}

func BenchmarkStageDiff(b *testing.B) {
	s := prepare(b)
	for b.Loop() {
		rels, errs := release.Load(benchContent)
		if err := errs.Err(); err != nil {
			b.Fatal(err)
		}
		if _, err := archiveNow(rels, s.site, s.th); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkStagePDF(b *testing.B) {
	s := prepare(b)
	jobs := append(append([]pdfqueue.Job{}, s.jobs...), s.arch.jobs...)
	pages := 0
	for b.Loop() {
		_, n, _, err := renderPDFs(jobs, s.fonts, time.Time{}, 0, &diag.List{}, nil)
		if err != nil {
			b.Fatal(err)
		}
		pages += n
	}
	b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkSecurityConceptPDF typesets the German security concept alone,
// on one goroutine: the yardstick against wkhtmltopdf.
func BenchmarkSecurityConceptPDF(b *testing.B) {
	s := prepare(b)
	var job []pdfqueue.Job
	for _, j := range s.jobs {
		if j.Path == "de/sicherheitskonzept.pdf" {
			job = append(job, j)
		}
	}
	if len(job) == 0 {
		b.Skip("no de/sicherheitskonzept.pdf")
	}
	pages := 0
	for b.Loop() {
		_, n, _, err := renderPDFs(job, s.fonts, time.Time{}, 1, &diag.List{}, nil)
		if err != nil {
			b.Fatal(err)
		}
		pages += n
	}
	b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
}

func BenchmarkStageHTML(b *testing.B) {
	s := prepare(b)
	pdfs := map[string][]byte{}
	for _, j := range append(append([]pdfqueue.Job{}, s.jobs...), s.arch.jobs...) {
		pdfs[j.Path] = []byte("%PDF-1.4 placeholder")
	}
	for b.Loop() {
		if _, err := sitegen.Build(sitegen.Input{Site: s.site, Docs: s.docs, PDFs: pdfs, Theme: s.th, Releases: s.arch.releases, Draft: s.arch.draft(), Drafts: s.arch.drafts}); err != nil {
			b.Fatal(err)
		}
	}
}
