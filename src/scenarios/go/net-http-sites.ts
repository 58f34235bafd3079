/**
 * The `go` statements of net/http that the incident scenarios fold into other programs, as a
 * goroutine dump's `created by` lines name them. Lines are go1.19.8's server.go, the release the
 * reference runs used (other releases move them by a few lines).
 * @see https://github.com/golang/go/blob/go1.19.8/src/net/http/server.go
 */
import type { GoSite } from '../../model/program.ts';

const SERVER_GO = '/usr/local/go/src/net/http/server.go';

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
