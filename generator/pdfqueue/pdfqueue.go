// Package pdfqueue typesets many PDFs in parallel under a memory budget:
// longest first, as many at a time as the budget of Markdown bytes allows,
// each PDF on its own so that its bytes do not depend on the order.
//
// It takes Jobs (Markdown and furniture, or a Prepare that makes them on
// the worker) and gives one Result per job, in job order.
package pdfqueue

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"runtime"
	"slices"
	"sort"
	"sync"
	"time"

	"trustdocs/generator/diag"
	"trustdocs/generator/pdf"
)

// Budget bounds the Markdown typeset at once, in bytes. Typesetting holds
// some 25 times a document's Markdown in memory, so the largest documents
// of a big site do not run side by side; one larger than the budget runs
// when no other does. Small documents never wait.
const Budget = 8 << 20

// Job is one PDF to typeset. A job with Prepare makes its Markdown and
// Meta on the worker that typesets it (a change notice is compared there,
// alongside the other PDFs); Estimate is then its Markdown's length. A
// job with Data (set before or by Prepare) is a stored PDF: given as it
// is, not typeset.
type Job struct {
	Path     string
	Markdown []byte
	Meta     pdf.Meta
	Prepare  func(*Job) error
	Estimate int
	Data     []byte
	// Locate, if set, says where in the content a warning of the renderer
	// about this job's Markdown belongs, and in what words; without it the
	// warning names the generated file and line.
	Locate func(md []byte, w pdf.Warning) (diag.Pos, string)
}

// Where places a warning of the renderer about job j.
func (j *Job) Where(w pdf.Warning) (diag.Pos, string) {
	if j.Locate != nil {
		return j.Locate(j.Markdown, w)
	}
	return diag.Pos{File: j.Path, Line: max(w.Line, 1), Col: 1}, w.Message
}

// Size is the length of the job's Markdown, or its estimate.
func (j *Job) Size() int {
	if j.Data != nil && j.Prepare == nil {
		return 0
	}
	if j.Prepare != nil {
		return j.Estimate
	}
	return len(j.Markdown)
}

// Result is one typeset PDF.
type Result struct {
	Data     []byte
	Warnings []pdf.Warning
	Cached   bool // taken from the Cache, not typeset
	Stored   bool // the job's Data: a stored PDF, not typeset
}

// Cache keeps PDFs by Key between runs (trustdocs serve).
type Cache interface {
	Get(key [32]byte) (Result, bool)
	Put(key [32]byte, r Result)
}

// Key identifies a PDF by everything it is made of.
func Key(md []byte, meta pdf.Meta) ([32]byte, error) {
	m, err := json.Marshal(meta)
	if err != nil {
		return [32]byte{}, err
	}
	h := sha256.New()
	h.Write(m)
	h.Write([]byte{0})
	h.Write(md)
	var k [32]byte
	h.Sum(k[:0])
	return k, nil
}

// Run typesets the jobs on at most workers goroutines (0:
// runtime.GOMAXPROCS(0)). created, if set, is every PDF's creation date.
// cache may be nil. The first error (a Prepare's as it is, a typesetting
// error with the job's path) stops nothing but is returned.
func Run(jobs []Job, fonts *pdf.Fonts, created time.Time, workers int, cache Cache) ([]Result, error) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	results := make([]Result, len(jobs))
	errs := make([]error, len(jobs))
	q := newQueue(jobs, Budget)
	var wg sync.WaitGroup
	for range max(1, min(workers, len(jobs))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i, ok := q.take()
				if !ok {
					return
				}
				j := jobs[i]
				if j.Prepare != nil {
					if err := j.Prepare(&j); err != nil {
						errs[i] = err
						q.done(i)
						continue
					}
				}
				if j.Data != nil {
					results[i] = Result{Data: j.Data, Stored: true}
					q.done(i)
					continue
				}
				if !created.IsZero() {
					j.Meta.Created = created.UTC()
				}
				results[i], errs[i] = typeset(j, fonts, cache)
				if errs[i] != nil && j.Prepare == nil {
					errs[i] = fmt.Errorf("%s: %v", j.Path, errs[i])
				}
				q.done(i)
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return results, nil
}

// typeset renders a prepared job, or takes it from the cache.
func typeset(j Job, fonts *pdf.Fonts, cache Cache) (Result, error) {
	var k [32]byte
	if cache != nil {
		var err error
		if k, err = Key(j.Markdown, j.Meta); err != nil {
			return Result{}, err
		}
		if r, ok := cache.Get(k); ok {
			r.Cached = true
			return r, nil
		}
	}
	data, w, err := pdf.Render(j.Markdown, j.Meta, fonts)
	if err != nil {
		return Result{}, err
	}
	r := Result{Data: data, Warnings: w}
	if cache != nil {
		cache.Put(k, r)
	}
	return r, nil
}

// queue hands out jobs longest first, so that no long one is left to the
// end, and as many at a time as the budget of Markdown bytes allows: a job
// that does not fit is passed over for a smaller one that does.
type queue struct {
	mu      sync.Mutex
	cond    sync.Cond
	jobs    []Job
	pending []int // job indices, longest first
	used    int   // Markdown bytes being typeset
	budget  int
}

func newQueue(jobs []Job, budget int) *queue {
	q := &queue{jobs: jobs, budget: budget, pending: make([]int, len(jobs))}
	q.cond.L = &q.mu
	for i := range q.pending {
		q.pending[i] = i
	}
	sort.SliceStable(q.pending, func(a, b int) bool { return jobs[q.pending[a]].Size() > jobs[q.pending[b]].Size() })
	return q
}

// take gives the next job to typeset, waiting while none fits; false when
// all are given out.
func (q *queue) take() (int, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.pending) > 0 {
		for k, i := range q.pending {
			if n := q.jobs[i].Size(); q.used == 0 || q.used+n <= q.budget {
				q.pending = slices.Delete(q.pending, k, k+1)
				q.used += n
				return i, true
			}
		}
		q.cond.Wait()
	}
	return 0, false
}

// done returns job i's share of the budget.
func (q *queue) done(i int) {
	q.mu.Lock()
	q.used -= q.jobs[i].Size()
	q.mu.Unlock()
	q.cond.Broadcast()
}
