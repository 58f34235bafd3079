/**
 * The Go programs the timeout-handler scenario models: the buggy server, the fixed one, and the
 * part of net/http/server.go that starts the inner goroutine.
 * The programs are gofmt- and `go vet`-clean (checked with Go 1.19.8); the excerpt is gofmt-clean.
 */
import type { GoSource } from '../types.ts';

export const timeoutHandlerBuggy: GoSource = {
  title: 'main.go (handler ignores r.Context())',
  code: `// The TimeoutHandler incident, server side. The inner handler ignores its
// request's context: TimeoutHandler answers 503 after -timeout, but the
// goroutine running the handler works on for the whole -work.
// Clients send -qps requests per second for -load over keep-alive
// connections (see reference/go/timeouthandler for the load generator).
package main

import (
	"flag"
	"io"
	"log"
	"net/http"
	"time"
)

func main() {
	work := flag.Duration("work", 4*time.Second, "inner handler work time")
	timeout := flag.Duration("timeout", time.Second, "TimeoutHandler timeout")
	flag.Parse()

	inner := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(*work)       // ignores r.Context(): still running after the 503
		io.WriteString(w, "ok") // fails with http.ErrHandlerTimeout after the 503
	})
	srv := &http.Server{Addr: "127.0.0.1:8080", Handler: http.TimeoutHandler(inner, *timeout, "timeout")}
	log.Fatal(srv.ListenAndServe())
}
`,
};

export const timeoutHandlerFixed: GoSource = {
  title: 'main.go (handler honours r.Context())',
  code: `// The TimeoutHandler incident, fixed: the inner handler honours r.Context(),
// which TimeoutHandler cancels at the deadline, so its goroutine ends with the
// 503 instead of working on.
package main

import (
	"flag"
	"io"
	"log"
	"net/http"
	"time"
)

func main() {
	work := flag.Duration("work", 4*time.Second, "inner handler work time")
	timeout := flag.Duration("timeout", time.Second, "TimeoutHandler timeout")
	flag.Parse()

	inner := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(*work):
		case <-r.Context().Done():
			return // the 503 is already sent: stop working
		}
		io.WriteString(w, "ok")
	})
	srv := &http.Server{Addr: "127.0.0.1:8080", Handler: http.TimeoutHandler(inner, *timeout, "timeout")}
	log.Fatal(srv.ListenAndServe())
}
`,
};

export const timeoutHandlerServer: GoSource = {
  title: 'net/http/server.go (excerpt)',
  code: `// Excerpt of net/http/server.go (Go 1.25), BSD license, The Go Authors.
// https://github.com/golang/go/blob/go1.25.0/src/net/http/server.go
package http

func (h *timeoutHandler) ServeHTTP(w ResponseWriter, r *Request) {
	ctx := h.testContext
	if ctx == nil {
		var cancelCtx context.CancelFunc
		ctx, cancelCtx = context.WithTimeout(r.Context(), h.dt)
		defer cancelCtx()
	}
	r = r.WithContext(ctx)
	done := make(chan struct{})
	tw := &timeoutWriter{
		w:   w,
		h:   make(Header),
		req: r,
	}
	panicChan := make(chan any, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				panicChan <- p
			}
		}()
		h.handler.ServeHTTP(tw, r)
		close(done)
	}()
	select {
	case p := <-panicChan:
		panic(p)
	case <-done:
		tw.mu.Lock()
		defer tw.mu.Unlock()
		dst := w.Header()
		for k, vv := range tw.h {
			dst[k] = vv
		}
		if !tw.wroteHeader {
			tw.code = StatusOK
		}
		w.WriteHeader(tw.code)
		w.Write(tw.wbuf.Bytes())
	case <-ctx.Done():
		tw.mu.Lock()
		defer tw.mu.Unlock()
		switch err := ctx.Err(); err {
		case context.DeadlineExceeded:
			w.WriteHeader(StatusServiceUnavailable)
			io.WriteString(w, h.errorBody())
			tw.err = ErrHandlerTimeout
		default:
			w.WriteHeader(StatusServiceUnavailable)
			tw.err = err
		}
	}
}

func (tw *timeoutWriter) Write(p []byte) (int, error) {
	tw.mu.Lock()
	defer tw.mu.Unlock()
	if tw.err != nil {
		return 0, tw.err
	}
	if !tw.wroteHeader {
		tw.writeHeaderLocked(StatusOK)
	}
	return tw.wbuf.Write(p)
}
`,
};
