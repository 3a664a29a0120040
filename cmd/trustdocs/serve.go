package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"trustdocs/generator/serve"
)

var serveCommand = &command{
	name:     "serve",
	synopsis: "Builds the site into a temporary directory and serves it, rebuilding a moment\nafter the content or theme changes and reloading open pages. A build with\nerrors keeps the last good site, with the errors shown on every page.",
	shared:   []flagSpec{{name: "content"}, {name: "theme"}},
	flags: func(fs *flag.FlagSet, c *cli) func() error {
		addr := fs.String("addr", "127.0.0.1:1313", "`address` to listen on (loopback unless given otherwise)")
		return func() error {
			s, err := serve.New(c.content, c.theme, c.stderr)
			if err != nil {
				return err
			}
			defer s.Close()
			s.Rebuild() // errors are shown; the watcher retries on the next change
			ln, err := net.Listen("tcp", *addr)
			if err != nil {
				return usageErr("%v", err)
			}
			if host, _, err := net.SplitHostPort(*addr); err == nil && host != "" && net.ParseIP(host) == nil {
				s.Hosts = append(s.Hosts, host) // --addr myhost:1313 answers to myhost
			}
			srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
			stop := make(chan struct{})
			go func() {
				if err := s.Watch(stop); err != nil {
					fmt.Fprintf(c.stderr, "trustdocs serve: watching: %v\n", err)
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
			fmt.Fprintf(c.stdout, "serving %s on http://%s/ (Ctrl-C to stop)\n", c.content, ln.Addr())
			if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
				return err
			}
			return nil
		}
	},
}
