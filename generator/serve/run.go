package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"
)

// Listen builds the site once (errors are shown; the watcher retries on the
// next change), listens on addr and serves the site, rebuilding on changes,
// until ctx ends. It says on info where it serves; watch errors go to the log.
// An address it cannot listen on is a ListenError.
func (s *Server) Listen(ctx context.Context, addr string, info io.Writer) error {
	s.Rebuild()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return &ListenError{err}
	}
	if host, _, err := net.SplitHostPort(addr); err == nil && host != "" && net.ParseIP(host) == nil {
		s.Hosts = append(s.Hosts, host) // --addr myhost:1313 answers to myhost
	}
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	stop := make(chan struct{})
	go func() {
		if err := s.Watch(stop); err != nil {
			fmt.Fprintf(s.Log, "trustdocs serve: watching: %v\n", err)
		}
	}()
	go func() {
		<-ctx.Done()
		close(stop)
		shut, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		srv.Shutdown(shut)
	}()
	fmt.Fprintf(info, "serving %s on http://%s/ (Ctrl-C to stop)\n", s.Content, ln.Addr())
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// ListenError is an address Listen could not listen on.
type ListenError struct{ Err error }

func (e *ListenError) Error() string { return e.Err.Error() }
func (e *ListenError) Unwrap() error { return e.Err }
