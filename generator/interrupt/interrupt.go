// Package interrupt cleans up what a command has half written when it is
// interrupted (SIGINT, SIGTERM), then exits with the conventional status,
// 128 + the signal's number (130, 143).
//
// Code that makes temporary files registers their removal with OnInterrupt
// and cancels it when they are gone or in place. Work that must not be cut
// in the middle (one file being written, a set of renames that belong
// together) runs between Hold and its release: the handler waits for it,
// and no such work starts after the signal. The command's main function
// calls Install once; without it (a library, a test) nothing changes.
package interrupt

import (
	"os"
	"os/signal"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"
)

// process is the one registry of the process: a signal ends the whole
// process, so what it must clean up is the process's too.
var process = newRegistry()

// registry is the clean-ups of a process and the work they wait for.
type registry struct {
	// work is held for reading by work that must not be cut, and for
	// writing by the handler from the signal until the exit.
	work sync.RWMutex

	mu       sync.Mutex
	cleanups map[int]func()
	next     int
}

func newRegistry() *registry { return &registry{cleanups: map[int]func(){}} }

// OnInterrupt registers f to run when the process is interrupted; cancel
// unregisters it. f runs at most once, after every Hold is released.
func OnInterrupt(f func()) (cancel func()) { return process.add(f) }

func (r *registry) add(f func()) func() {
	r.mu.Lock()
	defer r.mu.Unlock()
	id := r.next
	r.next++
	r.cleanups[id] = f
	return func() {
		r.mu.Lock()
		delete(r.cleanups, id)
		r.mu.Unlock()
	}
}

// Hold marks the start of work that an interruption must not cut; release
// marks its end. Holds must not nest.
func Hold() (release func()) {
	process.work.RLock()
	return process.work.RUnlock
}

// Install makes SIGINT and SIGTERM run the registered clean-ups and exit
// with status 128 + the signal's number. A second signal during the
// clean-up ends the process at once, as if none were installed.
func Install() {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	go func() {
		sig := <-ch
		signal.Stop(ch)
		os.Exit(Run(sig))
	}()
}

// Run does what Install's handler does on sig, short of exiting: it waits
// for held work, runs the clean-ups (the latest registered first) and
// gives the exit status. Work that asks to Hold afterwards waits forever.
func Run(sig os.Signal) int { return process.run(sig) }

func (r *registry) run(sig os.Signal) int {
	r.work.Lock()
	r.mu.Lock()
	ids := make([]int, 0, len(r.cleanups))
	for id := range r.cleanups {
		ids = append(ids, id)
	}
	fs := r.cleanups
	r.cleanups = map[int]func(){}
	r.mu.Unlock()
	sort.Sort(sort.Reverse(sort.IntSlice(ids))) // newest first
	for _, id := range ids {
		fs[id]()
	}
	return Status(sig)
}

// Main runs a command's body with Install's handler and exits with its
// status. The exit waits for a clean-up under way, so that a command
// failing because its files were just removed does not exit first.
func Main(body func() int) {
	Install()
	code := body()
	process.work.RLock()
	os.Exit(code)
}

// PauseEnv names the test hook: "NAME:FILE" makes Pause(NAME) create FILE
// and stop there for good, so that a test can interrupt a real process at
// a known point without timing it.
const PauseEnv = "TRUSTDOCS_TEST_PAUSE"

// Pause is a point where a test may stop the process (see PauseEnv).
func Pause(name string) {
	v := os.Getenv(PauseEnv)
	if v == "" {
		return
	}
	n, file, ok := strings.Cut(v, ":")
	if !ok || n != name {
		return
	}
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		return
	}
	for {
		time.Sleep(time.Hour)
	}
}

// Status is the conventional exit status after sig: 128 + its number.
func Status(sig os.Signal) int {
	if s, ok := sig.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return 1
}
