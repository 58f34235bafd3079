// Command threeleaks runs a small HTTP service with the three leaks of the
// Ghost Goroutines incidents, loads it for a moment, then writes its goroutine
// profile at debug=1 and debug=2 (the samples of the site's dump reader).
package main

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime/pprof"
	"sync"
	"time"
)

var (
	configOnce sync.Once
	config     map[string]string
	reports    = make(chan string) // nobody ever receives
)

// loadConfig stands for a remote fetch that never answers.
func loadConfig() map[string]string {
	select {}
}

func getConfig(key string) string {
	configOnce.Do(func() { config = loadConfig() })
	return config[key]
}

// slowReport ignores r.Context(): TimeoutHandler answers 503 after 50ms, but
// this goroutine runs on for a minute.
func slowReport(w http.ResponseWriter, r *http.Request) {
	time.Sleep(time.Minute)
	fmt.Fprintln(w, "report")
}

func settings(w http.ResponseWriter, r *http.Request) {
	fmt.Fprintln(w, getConfig("theme"))
}

// audit schedules a callback that blocks on a channel nobody reads.
func audit(w http.ResponseWriter, r *http.Request) {
	time.AfterFunc(10*time.Millisecond, func() { reports <- r.URL.Path })
	fmt.Fprintln(w, "ok")
}

func main() {
	mux := http.NewServeMux()
	mux.Handle("/report", http.TimeoutHandler(http.HandlerFunc(slowReport), 50*time.Millisecond, "busy"))
	mux.HandleFunc("/settings", settings)
	mux.HandleFunc("/audit", audit)
	// Not closed: Close would wait for the handlers stuck behind the Once.
	srv := httptest.NewServer(mux)

	client := &http.Client{Timeout: 100 * time.Millisecond}
	var wg sync.WaitGroup
	for _, path := range []string{"/report", "/settings", "/audit"} {
		for i := 0; i < 6; i++ {
			wg.Add(1)
			go func(path string) {
				defer wg.Done()
				if resp, err := client.Get(srv.URL + path); err == nil {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
			}(path)
		}
	}
	wg.Wait()
	time.Sleep(200 * time.Millisecond)
	for _, debug := range []int{1, 2} {
		f, err := os.Create(fmt.Sprintf("goroutines.debug%d.txt", debug))
		if err != nil {
			panic(err)
		}
		pprof.Lookup("goroutine").WriteTo(f, debug)
		f.Close()
	}
}
