// Command trustdocs-corpus writes a generated content tree of N subsystems,
// derived from the seed content, for benchmarks:
//
//	trustdocs-corpus -n 150 -seed content -out /tmp/corpus-150
package main

import (
	"flag"
	"fmt"
	"os"

	"trustdocs/generator/corpus"
)

func main() {
	n := flag.Int("n", 15, "number of subsystems")
	seed := flag.String("seed", "content", "seed content `directory`")
	out := flag.String("out", "", "`directory` to write (must not exist or be empty)")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if entries, err := os.ReadDir(*out); err == nil && len(entries) > 0 {
		fmt.Fprintf(os.Stderr, "trustdocs-corpus: %s is not empty\n", *out)
		os.Exit(2)
	}
	if err := corpus.Generate(*seed, *out, *n); err != nil {
		fmt.Fprintf(os.Stderr, "trustdocs-corpus: %v\n", err)
		os.Exit(1)
	}
}
