/**
 * The Go programs the observability run serves for the AfterFunc incident: chapter 1's upload
 * service (content/chapters/01-ghost-leaks.mdx), buggy and fixed, with the collector's stall as a
 * flag. gofmt- and `go vet`-clean (checked with Go 1.19.8).
 */
import type { GoSource } from '../types.ts';

export const afterFuncServerBuggy: GoSource = {
  title: 'main.go (upload: AfterFunc never stopped)',
  code: `// The AfterFunc incident as a service: chapter 1's upload handler arms a
// watchdog with time.AfterFunc for every request and never stops it. Each
// timer stays in its P's heap holding the request body until it fires; when
// the collector stalls (-stalled), ship stops draining reports, the buffer
// fills, and every timer function that fires parks forever on its send.
package main

import (
	"flag"
	"fmt"
	"hash/crc32"
	"io"
	"log"
	"net/http"
	"time"
)

var (
	delay   = flag.Duration("delay", 2*time.Second, "watchdog delay")
	payload = flag.Int64("payload", 4096, "request body bytes read")
	stalled = flag.Bool("stalled", true, "the collector hangs")
)

type slowReport struct {
	path string
	body []byte
}

// reports is drained by ship. When the collector stalls, the buffer fills
// and every send blocks.
var reports = make(chan slowReport, 100)

func upload(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, *payload))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	// Meant as "report if still running after delay". The timer is never
	// stopped, so it fires for every request and holds body until it does.
	time.AfterFunc(*delay, func() {
		reports <- slowReport{path: r.URL.Path, body: body}
	})
	fmt.Fprintf(w, "%08x\\n", crc32.ChecksumIEEE(body))
}

func ship(reports <-chan slowReport) {
	for rep := range reports {
		if *stalled {
			select {} // the POST to the collector hangs, with no timeout
		}
		log.Printf("slow request %s (%d bytes)", rep.path, len(rep.body))
	}
}

func main() {
	flag.Parse()
	go ship(reports)
	http.HandleFunc("/upload", upload)
	log.Fatal(http.ListenAndServe("127.0.0.1:8080", nil))
}
`,
};

export const afterFuncServerFixed: GoSource = {
  title: 'main.go (upload: defer watchdog.Stop())',
  code: `// The AfterFunc incident as a service, fixed (chapter 1): the watchdog is
// stopped when the handler returns, which releases its closure, and it
// captures only what the report needs. A timer function that does fire
// cannot block: when the collector is behind, the report is dropped.
package main

import (
	"flag"
	"fmt"
	"hash/crc32"
	"io"
	"log"
	"net/http"
	"sync/atomic"
	"time"
)

var (
	delay   = flag.Duration("delay", 2*time.Second, "watchdog delay")
	payload = flag.Int64("payload", 4096, "request body bytes read")
	stalled = flag.Bool("stalled", true, "the collector hangs")
)

type slowReport struct {
	path string
	size int
}

var (
	reports        = make(chan slowReport, 100)
	droppedReports atomic.Int64
)

// report never blocks: a timer function that parks leaks its goroutine.
func report(rep slowReport) {
	select {
	case reports <- rep:
	default:
		droppedReports.Add(1)
	}
}

func upload(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, *payload))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	path, size := r.URL.Path, len(body)
	watchdog := time.AfterFunc(*delay, func() {
		report(slowReport{path: path, size: size})
	})
	// Stop cancels the call; the runtime soon clears the stopped timer out of
	// its heap, and the closure becomes garbage.
	defer watchdog.Stop()
	fmt.Fprintf(w, "%08x\\n", crc32.ChecksumIEEE(body))
}

func ship(reports <-chan slowReport) {
	for rep := range reports {
		if *stalled {
			select {} // the POST to the collector hangs, with no timeout
		}
		log.Printf("slow request %s (%d bytes)", rep.path, rep.size)
	}
}

func main() {
	flag.Parse()
	go ship(reports)
	http.HandleFunc("/upload", upload)
	log.Fatal(http.ListenAndServe("127.0.0.1:8080", nil))
}
`,
};
