/**
 * The Go programs the once-stall scenario models: sync.Once around a load that blocks or panics
 * (mirroring reference/go/oncestall), and the fix, a bounded, retrying load.
 * gofmt-clean and `go vet`-clean (checked with Go 1.19.8).
 */
import type { GoSource } from '../types.ts';

export const onceStallBuggy: GoSource = {
  title: 'main.go (sync.Once)',
  code: `// sync.Once whose f blocks: every later caller of GetConfig parks in doSlow
// behind it, forever. If f panics instead, the Once counts as done and every
// later caller gets a nil *Config.
package main

import (
	"flag"
	"sync"
	"sync/atomic"
	"time"
)

type Config struct{ Addr string }

var (
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

func main() {
	mode := flag.String("mode", "block", "block or panic")
	qps := flag.Int("qps", 100, "calls per second")
	load := flag.Duration("load", 3*time.Second, "how long calls arrive")
	flag.Parse()
	var calls, nilConfig atomic.Int64
	start := time.Now()
	go func() {
		tick := time.NewTicker(time.Second / time.Duration(*qps))
		defer tick.Stop()
		for time.Since(start) < *load {
			<-tick.C
			calls.Add(1)
			go func() {
				defer func() { recover() }()
				if GetConfig(*mode) == nil {
					nilConfig.Add(1)
				}
			}()
		}
	}()
	for time.Since(start) < *load+time.Second {
		time.Sleep(500 * time.Millisecond) // sample runtime.NumGoroutine()
	}
}
`,
};

export const onceStallFixed: GoSource = {
  title: 'main.go (bounded, retrying load)',
  code: `// The sync.Once stall, fixed: one loader goroutine retries a load bounded by
// a timeout, and callers wait for the config at most 50ms. A remote that
// never answers costs nil answers, not a goroutine per caller.
package main

import (
	"context"
	"flag"
	"sync/atomic"
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

func main() {
	qps := flag.Int("qps", 100, "calls per second")
	load := flag.Duration("load", 3*time.Second, "how long calls arrive")
	flag.Parse()
	var calls, nilConfig atomic.Int64
	go loadConfig()
	start := time.Now()
	go func() {
		tick := time.NewTicker(time.Second / time.Duration(*qps))
		defer tick.Stop()
		for time.Since(start) < *load {
			<-tick.C
			calls.Add(1)
			go func() {
				if GetConfig() == nil {
					nilConfig.Add(1)
				}
			}()
		}
	}()
	for time.Since(start) < *load+time.Second {
		time.Sleep(500 * time.Millisecond) // sample runtime.NumGoroutine()
	}
}
`,
};
