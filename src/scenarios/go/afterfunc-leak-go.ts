/**
 * The Go programs the afterfunc-leak scenario models (mirroring reference/go/afterfunc): AfterFunc
 * never stopped, with an f that may block, and the fix, `defer t.Stop()` and an f that cannot block.
 * gofmt-clean and `go vet`-clean (checked with Go 1.19.8).
 */
import type { GoSource } from '../types.ts';

export const afterFuncBuggy: GoSource = {
  title: 'main.go (AfterFunc never stopped)',
  code: `// time.AfterFunc never stopped. While pending, a timer holds its closure
// (and the buffer it captures) but no goroutine; when it fires, f runs in a
// new goroutine. With -mode blockingf, f blocks and that goroutine stays.
package main

import (
	"flag"
	"sync/atomic"
	"time"
)

func main() {
	mode := flag.String("mode", "nostop", "nostop, stop or blockingf")
	rate := flag.Int("rate", 1000, "AfterFunc calls per second")
	load := flag.Duration("load", 2*time.Second, "how long calls arrive")
	delay := flag.Duration("delay", 2*time.Second, "AfterFunc delay")
	payload := flag.Int("payload", 4096, "bytes captured by each closure")
	flag.Parse()
	block := make(chan struct{})
	var fired atomic.Int64
	start := time.Now()
	go func() {
		tick := time.NewTicker(time.Second / time.Duration(*rate))
		defer tick.Stop()
		for time.Since(start) < *load {
			<-tick.C
			buf := make([]byte, *payload)
			t := time.AfterFunc(*delay, func() {
				fired.Add(1)
				_ = buf // the closure keeps buf alive until the timer fires
				if *mode == "blockingf" {
					<-block // e.g. a log send on a full channel
				}
			})
			if *mode == "stop" {
				t.Stop() // handler returned before the deadline
			}
		}
	}()
	for time.Since(start) < *load+*delay+time.Second {
		time.Sleep(250 * time.Millisecond) // sample goroutines and HeapAlloc
	}
}
`,
};

export const afterFuncFixed: GoSource = {
  title: 'main.go (defer t.Stop(), f cannot block)',
  code: `// time.AfterFunc, fixed: the timer is stopped as soon as the work it guards
// is done (releasing its closure), and f cannot block: when the report
// channel is full it drops the report instead of parking forever.
package main

import (
	"flag"
	"sync/atomic"
	"time"
)

func main() {
	rate := flag.Int("rate", 1000, "AfterFunc calls per second")
	load := flag.Duration("load", 2*time.Second, "how long calls arrive")
	delay := flag.Duration("delay", 2*time.Second, "AfterFunc delay")
	payload := flag.Int("payload", 4096, "bytes captured by each closure")
	flag.Parse()
	reports := make(chan int) // nobody reads it: the worst case
	var fired, dropped atomic.Int64
	start := time.Now()
	go func() {
		tick := time.NewTicker(time.Second / time.Duration(*rate))
		defer tick.Stop()
		for time.Since(start) < *load {
			<-tick.C
			func() {
				buf := make([]byte, *payload)
				t := time.AfterFunc(*delay, func() {
					fired.Add(1)
					select {
					case reports <- len(buf):
					default:
						dropped.Add(1) // never park in a timer's goroutine
					}
				})
				defer t.Stop() // the work finished: release the closure
			}()
		}
	}()
	for time.Since(start) < *load+*delay+time.Second {
		time.Sleep(250 * time.Millisecond) // sample goroutines and HeapAlloc
	}
}
`,
};
