/**
 * net/http's frames in a dump print go1.19.8's server.go lines: the scenario's programs number
 * their ops by its main.go, so a dump printed `net/http.(*conn).serve` at server.go:25 (a line of
 * the package comment) and TimeoutHandler's goroutine at server.go:21.
 * @see https://github.com/golang/go/blob/go1.19.8/src/net/http/server.go
 */
import { describe, expect, test } from 'vitest';
import { groupByStack, parseDump } from '../../src/model/traceback.ts';
import { leakingServer } from './leaking-server.ts';

function stacks(): Map<string, string> {
  const sim = leakingServer();
  const out = new Map<string, string>();
  for (const g of groupByStack(parseDump(sim.dump()))) {
    const frames = g.sample.frames.map((f) => `${f.func} ${f.file.split('/').pop()}:${f.line}`);
    out.set(g.state, frames.join(' <- '));
  }
  return out;
}

describe('net/http frames at server.go lines', () => {
  const byState = stacks();

  test('a connection waiting for its next request stands in c.readRequest (1916)', () => {
    expect(byState.get('IO wait')).toBe('net/http.(*conn).serve server.go:1916');
  });

  test('a connection in TimeoutHandler stands in its call of the handler chain (1991)', () => {
    expect(byState.get('select')).toBe('net/http.(*conn).serve server.go:1991');
  });

  test("TimeoutHandler's goroutine stands in h.handler.ServeHTTP(tw, r) (3407)", () => {
    expect(byState.get('sleep')).toMatch(
      /^main\.main\.func1 main\.go:\d+ <- net\/http\.\(\*timeoutHandler\)\.ServeHTTP\.func1 server\.go:3407$/,
    );
  });
});
