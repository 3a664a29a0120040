package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"trustdocs/generator/serve"
)

func runServe(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("serve", "Builds the site into a temporary directory and serves it, rebuilding a moment\nafter the content or theme changes and reloading open pages. A build with\nerrors keeps the last good site, with the errors shown on every page.", stdout, stderr)
	content := fs.String("content", "content", "content `directory`")
	theme := fs.String("theme", "", "theme `directory` whose files shadow the default theme")
	addr := fs.String("addr", "127.0.0.1:1313", "`address` to listen on (loopback unless given otherwise)")
	aud := fs.String("audience", "", "serve the edition for this `audience` of site.yaml (default: everything, as the most trusted edition)")
	pos, code, ok := parse(fs, args, stdout)
	if !ok {
		return code
	}
	if !noArgs("serve", pos, stderr) {
		return exitUsage
	}
	s, err := serve.New(*content, *theme, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "trustdocs serve: %v\n", err)
		return exitContent
	}
	defer s.Close()
	s.Audience = *aud
	s.Rebuild() // errors are shown; the watcher retries on the next change
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "trustdocs serve: %v\n", err)
		return exitUsage
	}
	if host, _, err := net.SplitHostPort(*addr); err == nil && host != "" && net.ParseIP(host) == nil {
		s.Hosts = append(s.Hosts, host) // --addr myhost:1313 answers to myhost
	}
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	stop := make(chan struct{})
	go func() {
		if err := s.Watch(stop); err != nil {
			fmt.Fprintf(stderr, "trustdocs serve: watching: %v\n", err)
		}
	}()
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer cancel()
	go func() {
		<-ctx.Done()
		close(stop)
		shut, c := context.WithTimeout(context.Background(), 2*time.Second)
		defer c()
		srv.Shutdown(shut)
	}()
	fmt.Fprintf(stdout, "serving %s on http://%s/ (Ctrl-C to stop)\n", *content, ln.Addr())
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(stderr, "trustdocs serve: %v\n", err)
		return exitContent
	}
	return exitOK
}
