/**
 * The `go` statements of net/http that the incident scenarios fold into other programs, as a
 * goroutine dump's `created by` lines name them. Lines are go1.19.8's server.go, the release the
 * reference runs used (other releases move them by a few lines).
 * @see https://github.com/golang/go/blob/go1.19.8/src/net/http/server.go
 */
import type { GoSite } from '../../model/program.ts';

export const SERVER_GO = '/usr/local/go/src/net/http/server.go';

/** `go c.serve(connCtx)` in `(*Server).Serve`: one goroutine per accepted connection. */
export const SERVE_CONN_SITE: GoSite = {
  func: 'net/http.(*Server).Serve',
  file: SERVER_GO,
  line: 3102,
};

/** `go func() { ... h.handler.ServeHTTP(tw, r) ... }()` in `(*timeoutHandler).ServeHTTP`. */
export const TIMEOUT_HANDLER_SITE: GoSite = {
  func: 'net/http.(*timeoutHandler).ServeHTTP',
  file: SERVER_GO,
  line: 3401,
};

/**
 * The go1.19.8 server.go line a net/http frame stands on, for the functions the scenarios fold
 * into their programs, or null for others. Those programs number their ops by the lines of the
 * main.go the reader sees; a dump must print net/http's own lines. A connection goroutine stands
 * in `c.readRequest` while it waits for a request, else in the call into the handler chain (the
 * TimeoutHandler's select is folded into it); TimeoutHandler's goroutine stands in its call of
 * the handler; TimeoutHandler itself waits in its select.
 */
export function serverGoLine(func: string, innermost: boolean, readingRequest: boolean) {
  switch (func) {
    case 'net/http.(*conn).serve':
      return innermost && readingRequest ? 1916 : 1991;
    case 'net/http.(*timeoutHandler).ServeHTTP.func1':
      return 3407;
    case 'net/http.(*timeoutHandler).ServeHTTP':
      return 3410;
    default:
      return null;
  }
}
