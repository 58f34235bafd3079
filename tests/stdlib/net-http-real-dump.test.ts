/**
 * The model's dump of the timeout-handler server against real ones: tests/fixtures/net-http-dump
 * run on each release the model follows, dumped before and after its 503s. Every stack the model
 * prints for that Go version must be in the real dump, in the same wait state, frame for frame:
 * the standard library's at the same file and line, the program's by function, `created by` at
 * the same site.
 */
import { describe, expect, test } from 'vitest';
import { groupByStack, parseDump } from '../../src/model/traceback-parse.ts';
import type { GoroutineRecord } from '../../src/model/traceback.ts';
import {
  foldedFrames,
  serveConnSite,
  serverGoLine,
  type ConnWait,
} from '../../src/scenarios/go/net-http-sites.ts';
import { stdRelease } from '../../src/scenarios/go/std-release.ts';
import { leakingServer } from './leaking-server.ts';
import { RELEASES, realDump, realMatch } from './real-dumps.ts';

describe.each(RELEASES)('Go %s: the timeout-handler dump against a real %s dump', (go, release) => {
  const real = realDump(`net-http-${release}.dump.txt`);
  const groups = groupByStack(parseDump(leakingServer(go).dump()));

  test('the run holds the four kinds of goroutine the real server has', () => {
    const states = groups.map((g) => `${g.state} ${g.sample.frames.at(-1)?.func ?? ''}`);
    expect(states).toEqual(
      expect.arrayContaining([
        'IO wait main.main',
        'IO wait net/http.(*conn).serve',
        'select net/http.(*conn).serve',
        'sleep net/http.(*timeoutHandler).ServeHTTP.func1',
      ]),
    );
  });

  test.each(
    groups.map((g) => [`${g.state}: ${g.sample.frames.map((f) => f.func).join(' <- ')}`, g]),
  )('%s', (_name, group) => {
    const match = realMatch(group.sample, real);
    expect(match, 'no real goroutine with these frames in this state').toBeDefined();
  });
});

/**
 * Both ways a connection goroutine waits, straight from the tables: the run above may hold only
 * one of them (its connections are seldom new when they wait).
 */
describe.each(RELEASES)(
  'Go %s: a connection waiting for a request, as %s prints it',
  (go, release) => {
    const minor = Number(go.split('.')[1]);
    const real = realDump(`net-http-${release}.dump.txt`);
    const connWaiting = (wait: ConnWait): GoroutineRecord => {
      const folded = foldedFrames(minor);
      const serve = serverGoLine('net/http.(*conn).serve', true, wait, minor) ?? 0;
      return {
        id: 0,
        state: 'IO wait',
        frames: [
          ...folded.connWait[wait],
          {
            func: 'net/http.(*conn).serve',
            args: '',
            file: '/usr/local/go/src/net/http/server.go',
            line: serve,
          },
        ],
        createdBy: { ...serveConnSite(minor), parentId: 1 },
      };
    };

    test("the lines are that release's", () => expect(stdRelease(minor)).toBe(release));

    test('a new connection, in c.readRequest', () => {
      const match = realMatch(connWaiting('readRequest'), real);
      expect(match, 'no real goroutine with these frames').toBeDefined();
    });

    test.runIf(minor >= 21)('a connection that has served a request, in c.bufr.Peek(4)', () => {
      const match = realMatch(connWaiting('peek'), real);
      expect(match, 'no real goroutine with these frames').toBeDefined();
    });
  },
);
