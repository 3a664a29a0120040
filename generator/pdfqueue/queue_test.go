package pdfqueue

import (
	"runtime"
	"sync"
	"testing"
)

func sizedJobs(sizes ...int) []Job {
	jobs := make([]Job, len(sizes))
	for i, n := range sizes {
		jobs[i].Markdown = make([]byte, n)
	}
	return jobs
}

// Longest first; a job that does not fit the budget is passed over for
// one that does, and one larger than the budget runs alone.
func TestJobQueueOrder(t *testing.T) {
	q := newQueue(sizedJobs(1, 9, 30, 2, 10), 12)
	take := func(want int) {
		t.Helper()
		if i, ok := q.take(); !ok || i != want {
			t.Fatalf("took %d (%v), want %d", i, ok, want)
		}
	}
	take(2) // 30 alone, larger than the budget
	q.done(2)
	take(4) // 10
	take(3) // 9 does not fit beside 10, 2 does
	q.done(4)
	take(1) // 9 beside 2
	q.done(3)
	take(0)
	q.done(1)
	q.done(0)
	if i, ok := q.take(); ok {
		t.Fatalf("took %d after all", i)
	}
}

// Under load from many workers every job is given out once, and the
// budget holds whenever more than one job runs. (That two run at once
// is TestJobQueueOrder's.)
func TestJobQueueBudget(t *testing.T) {
	var sizes []int
	for i := range 200 {
		sizes = append(sizes, (i*7919)%50)
	}
	jobs := sizedJobs(sizes...)
	q := newQueue(jobs, 60)
	var mu sync.Mutex
	running, used := 0, 0
	seen := make([]int, len(jobs))
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i, ok := q.take()
				if !ok {
					return
				}
				mu.Lock()
				running++
				used += len(jobs[i].Markdown)
				if running > 1 && used > 60 {
					t.Errorf("%d jobs of %d bytes at once", running, used)
				}
				seen[i]++
				mu.Unlock()
				runtime.Gosched() // typesetting
				mu.Lock()
				running--
				used -= len(jobs[i].Markdown)
				mu.Unlock()
				q.done(i)
			}
		}()
	}
	wg.Wait()
	for i, n := range seen {
		if n != 1 {
			t.Errorf("job %d given out %d times", i, n)
		}
	}
}
