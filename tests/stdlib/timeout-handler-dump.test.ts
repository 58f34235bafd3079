/**
 * A goroutine dump of the timeout-handler scenario names who started each goroutine the way Go's
 * traceback does: a connection goroutine was created by `(*Server).Serve` (its `go c.serve`), an
 * inner handler goroutine by `(*timeoutHandler).ServeHTTP` (its `go func()`), at the server.go
 * lines of the dump's release (go1.19.8: 3102 and 3401; go1.25.12: 3493 and 3860, from real
 * dumps in tests/fixtures); the handler's own frame is in the program's main.go, not in net/http.
 * @see https://github.com/golang/go/blob/go1.19.8/src/net/http/server.go
 */
import { describe, expect, test } from 'vitest';
import { parseDump } from '../../src/model/traceback-parse.ts';
import type { GoroutineRecord } from '../../src/model/traceback.ts';
import { leakingServer } from './leaking-server.ts';

function dumpAt(go: string): { records: GoroutineRecord[]; innerHandlers: number } {
  const sim = leakingServer(go);
  return {
    records: parseDump(sim.dump()),
    innerHandlers: Number(sim.view().extra['innerHandlers']),
  };
}

/** The outermost frame: the function the goroutine was started with. */
const started = (r: GoroutineRecord): string => r.frames.at(-1)?.func ?? '';

describe('timeout-handler goroutine dump', () => {
  test('connection goroutines: created by net/http.(*Server).Serve at server.go:3102', () => {
    const conns = dumpAt('1.19').records.filter((r) => started(r) === 'net/http.(*conn).serve');
    expect(conns.length).toBeGreaterThan(0);
    for (const r of conns) {
      expect(r.createdBy?.func).toBe('net/http.(*Server).Serve');
      expect(`${r.createdBy?.file}:${r.createdBy?.line}`).toBe(
        '/usr/local/go/src/net/http/server.go:3102',
      );
    }
  });

  test('inner handlers: created by (*timeoutHandler).ServeHTTP at its go statement, in goroutine N from Go 1.21', () => {
    for (const [go, line] of [
      ['1.19', 3401],
      ['1.25', 3860],
    ] as const) {
      const { records, innerHandlers } = dumpAt(go);
      const inner = records.filter((r) =>
        r.frames.some((f) => f.func === 'net/http.(*timeoutHandler).ServeHTTP.func1'),
      );
      // Every inner handler the scenario counts (none has finished its 4 s of work).
      expect(innerHandlers).toBeGreaterThan(40);
      expect(inner.length).toBe(innerHandlers);
      const conns = new Set(
        records.filter((r) => started(r) === 'net/http.(*conn).serve').map((r) => r.id),
      );
      for (const r of inner) {
        expect(r.createdBy?.func).toBe('net/http.(*timeoutHandler).ServeHTTP');
        expect(r.createdBy?.line).toBe(line);
        if (go === '1.25') expect(conns.has(r.createdBy?.parentId ?? -1)).toBe(true);
        expect(r.frames.find((f) => f.func === 'main.main.func1')?.file).toBe('/srv/app/main.go');
      }
    }
  });
});
