package main

import (
	"fmt"
	"io"
	"os"
	"runtime/pprof"
	"strings"
	"time"

	"trustdocs/generator/build"
)

// printBuildSummary prints the one line after a build ("built 42 files:
// 18 PDF (312 pages), 24 HTML into output in 0.41 s"), with verbose every
// file, with timings the time of each stage.
func printBuildSummary(w io.Writer, res *build.Result, out string, verbose, timings bool) {
	html := 0
	for _, f := range res.Files {
		if strings.HasSuffix(f, ".html") {
			html++
		}
		if verbose {
			fmt.Fprintf(w, "  %s\n", f)
		}
	}
	fmt.Fprintf(w, "built %d files into %s: %d PDF (%d pages), %d HTML in %.2f s\n",
		len(res.Files), out, res.PDFs, res.Pages, html, res.Timings.Total.Seconds())
	if timings {
		var parts []string
		for _, s := range res.Timings.Stages() {
			parts = append(parts, fmt.Sprintf("%s %.3f s", s.Name, s.D.Seconds()))
		}
		fmt.Fprintf(w, "stages: %s\n", strings.Join(parts, ", "))
	}
}

// startProgress shows a spinner on stderr, if it is a terminal, once a
// build has run for two seconds; the function it gives stops and erases it.
// (The pipeline reports no fractions, so it shows elapsed time, not a bar.)
func startProgress(w io.Writer, quiet bool) func() {
	f, ok := w.(*os.File)
	if quiet || !ok || !isCharDevice(f) {
		return func() {}
	}
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		start := time.Now()
		select {
		case <-done:
			return
		case <-time.After(2 * time.Second):
		}
		tick := time.NewTicker(200 * time.Millisecond)
		defer tick.Stop()
		frames := `|/-\`
		for i := 0; ; i++ {
			fmt.Fprintf(f, "\r%c building … %.0f s", frames[i%len(frames)], time.Since(start).Seconds())
			select {
			case <-done:
				fmt.Fprint(f, "\r\033[K")
				return
			case <-tick.C:
			}
		}
	}()
	return func() {
		close(done)
		<-finished
	}
}

// isCharDevice reports whether f is a character device (a terminal).
func isCharDevice(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// startCPUProfile profiles the process into file until the function it
// gives is called.
func startCPUProfile(file string) (func(), error) {
	f, err := os.Create(file)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}
