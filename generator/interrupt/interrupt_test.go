package interrupt

import (
	"strings"
	"syscall"
	"testing"
	"time"
)

// The handler waits for held work, then runs the clean-ups still
// registered, newest first, and gives 128 + the signal.
func TestRunWaitsAndCleansUp(t *testing.T) {
	var order []string
	OnInterrupt(func() { order = append(order, "first") })
	cancelled := OnInterrupt(func() { order = append(order, "cancelled") })
	OnInterrupt(func() { order = append(order, "second") })
	cancelled()

	release := Hold()
	done := make(chan int)
	go func() { done <- Run(syscall.SIGTERM) }()
	select {
	case <-done:
		t.Fatal("the clean-up ran while work was held")
	case <-time.After(50 * time.Millisecond): // it must still be waiting
	}
	order = append(order, "work done")
	release()
	if code := <-done; code != 143 {
		t.Errorf("status %d, want 143", code)
	}
	if got := strings.Join(order, ", "); got != "work done, second, first" {
		t.Errorf("order: %s", got)
	}
	if Status(syscall.SIGINT) != 130 {
		t.Errorf("SIGINT gives %d, want 130", Status(syscall.SIGINT))
	}
}
