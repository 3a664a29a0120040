// Package term is what the CLI needs to know of a terminal: whether an
// output is one, whether colour is wanted, and a spinner for long builds.
package term

import (
	"fmt"
	"io"
	"os"
	"time"
)

// Is reports whether w is a terminal (a character device).
func Is(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// WantColour respects NO_COLOR (https://no-color.org) and dumb terminals.
func WantColour() bool {
	return os.Getenv("NO_COLOR") == "" && os.Getenv("TERM") != "dumb"
}

// Colour reports whether to write colour to w: a terminal that wants it.
func Colour(w io.Writer) bool { return WantColour() && Is(w) }

// Spinner shows a spinner on w, if it is a terminal, once the work has run
// for after; the function it gives stops and erases it. (A build reports no
// fractions, so it shows elapsed time, not a bar.)
func Spinner(w io.Writer, after time.Duration, what string) func() {
	if !Is(w) {
		return func() {}
	}
	done, finished := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(finished)
		start := time.Now()
		select {
		case <-done:
			return
		case <-time.After(after):
		}
		tick := time.NewTicker(200 * time.Millisecond)
		defer tick.Stop()
		frames := `|/-\`
		for i := 0; ; i++ {
			fmt.Fprintf(w, "\r%c %s … %.0f s", frames[i%len(frames)], what, time.Since(start).Seconds())
			select {
			case <-done:
				fmt.Fprint(w, "\r\033[K")
				return
			case <-tick.C:
			}
		}
	}()
	return func() { close(done); <-finished }
}
