/**
 * The Go programs the observability run serves for the sync.Once incident: HTTP handlers calling
 * `GetConfig` (chapter 4), through a Once whose load blocks or panics, and the fix, a bounded,
 * retrying load that callers wait on for at most 50ms. gofmt- and `go vet`-clean (checked with
 * Go 1.19.8).
 */
import type { GoSource } from '../types.ts';

export const onceServerBuggy: GoSource = {
  title: 'main.go (GetConfig through sync.Once)',
  code: `// The sync.Once incident as a service: every request calls GetConfig, which
// loads the config through a sync.Once. If the load blocks, the first request
// waits in f and every later one parks in doSlow behind it, forever, and so
// does its client (no timeout, like http.DefaultClient), holding a
// connection. If the load panics, the Once counts as done and every later
// request gets a nil config: a 503 at once.
package main

import (
	"flag"
	"io"
	"log"
	"net/http"
	"sync"
)

type Config struct{ Addr string }

var (
	mode = flag.String("mode", "block", "block or panic")
	once sync.Once
	cfg  *Config
)

func loadFromRemote(mode string) *Config {
	if mode == "panic" {
		panic("remote config unavailable")
	}
	select {} // network IO with no timeout that never answers
}

func GetConfig(mode string) *Config {
	once.Do(func() { cfg = loadFromRemote(mode) })
	return cfg
}

func handle(w http.ResponseWriter, r *http.Request) {
	defer func() {
		if p := recover(); p != nil {
			http.Error(w, "config load failed", http.StatusServiceUnavailable)
		}
	}()
	c := GetConfig(*mode)
	if c == nil {
		http.Error(w, "config unavailable", http.StatusServiceUnavailable)
		return
	}
	io.WriteString(w, c.Addr)
}

func main() {
	flag.Parse()
	http.HandleFunc("/", handle)
	log.Fatal(http.ListenAndServe("127.0.0.1:8080", nil))
}
`,
};

export const onceServerFixed: GoSource = {
  title: 'main.go (bounded, retrying load)',
  code: `// The sync.Once incident as a service, fixed: one loader goroutine retries a
// load bounded by a timeout, and each request waits for the config at most
// 50ms, then gets a 503. A remote that never answers costs 503s, not a
// goroutine (and a client connection) per request.
package main

import (
	"context"
	"io"
	"log"
	"net/http"
	"time"
)

type Config struct{ Addr string }

var (
	ready = make(chan struct{})
	cfg   *Config
)

func loadFromRemote(ctx context.Context) (*Config, error) {
	<-ctx.Done() // a remote that never answers, but the wait is bounded
	return nil, ctx.Err()
}

// loadConfig retries until a load succeeds; each attempt has a deadline.
func loadConfig() {
	for {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		c, err := loadFromRemote(ctx)
		cancel()
		if err == nil {
			cfg = c
			close(ready)
			return
		}
		time.Sleep(time.Second) // back off, then retry
	}
}

// GetConfig never parks for good: it waits for the config at most 50ms.
func GetConfig() *Config {
	select {
	case <-ready:
		return cfg
	case <-time.After(50 * time.Millisecond):
		return nil
	}
}

func handle(w http.ResponseWriter, r *http.Request) {
	c := GetConfig()
	if c == nil {
		http.Error(w, "config unavailable", http.StatusServiceUnavailable)
		return
	}
	io.WriteString(w, c.Addr)
}

func main() {
	go loadConfig()
	http.HandleFunc("/", handle)
	log.Fatal(http.ListenAndServe("127.0.0.1:8080", nil))
}
`,
};
