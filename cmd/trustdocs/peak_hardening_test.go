package main

import (
	"os"
	"strconv"
	"strings"
	"time"
)

// watchPeak samples the peak resident memory (VmHWM, Linux) of process
// pid until done is closed, and gives it in KiB (0 where /proc has no
// such line). The resource usage that wait4 reports is no good here: a
// child spawned with CLONE_VM inherits the test process's own peak.
func watchPeak(pid int, done <-chan struct{}) <-chan int64 {
	res := make(chan int64, 1)
	go func() {
		var peak int64
		file := "/proc/" + strconv.Itoa(pid) + "/status"
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			if b, err := os.ReadFile(file); err == nil {
				for _, line := range strings.Split(string(b), "\n") {
					if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
						kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
						peak = max(peak, kb)
					}
				}
			}
			select {
			case <-done:
				res <- peak
				return
			case <-tick.C:
			}
		}
	}()
	return res
}
