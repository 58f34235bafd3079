/**
 * The model's dump of the timeout-handler server against real ones: tests/fixtures/net-http-dump
 * run on each release the model follows, dumped before and after its 503s. Every stack the model
 * prints for that Go version must be in the real dump, in the same wait state, frame for frame:
 * the standard library's at the same file and line, the program's by function, `created by` at
 * the same site.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  groupByStack,
  parseDump,
  type GoroutineFrame,
  type GoroutineRecord,
} from '../../src/model/traceback.ts';
import {
  foldedFrames,
  serveConnSite,
  serverGoLine,
  type ConnWait,
} from '../../src/scenarios/go/net-http-sites.ts';
import { stdRelease } from '../../src/scenarios/go/std-release.ts';
import { leakingServer } from './leaking-server.ts';

/** The Go versions the scenario offers that have a real dump, and the release that made it. */
const RELEASES = [
  ['1.19', 'go1.19.8'],
  ['1.21', 'go1.21.13'],
  ['1.22', 'go1.22.12'],
  ['1.23', 'go1.23.5'],
  ['1.24', 'go1.24.4'],
  ['1.25', 'go1.25.12'],
] as const;

function realDump(release: string): GoroutineRecord[] {
  const text = readFileSync(
    new URL(`../fixtures/net-http-${release}.dump.txt`, import.meta.url),
    'utf8',
  );
  return text.split('\n===== after 503\n').flatMap(parseDump);
}

/** Where a frame sits: its path below the Go tree's `src/`, or the program's own file. */
const place = (f: GoroutineFrame): string => {
  const i = f.file.indexOf('/src/');
  return i < 0 ? '' : `${f.file.slice(i + 5)}:${f.line}`;
};

/** Frame by frame the same stack: functions, the standard library's files and lines, creator. */
function sameStack(model: GoroutineRecord, seen: GoroutineRecord): boolean {
  const same = (a: GoroutineFrame, b: GoroutineFrame) => a.func === b.func && place(a) === place(b);
  if (model.frames.length !== seen.frames.length) return false;
  if (!model.frames.every((f, i) => same(f, seen.frames[i]!))) return false;
  const a = model.createdBy;
  const b = seen.createdBy;
  if (a === undefined || b === undefined) return a === b;
  return same({ ...a, args: '' }, { ...b, args: '' });
}

describe.each(RELEASES)('Go %s: the timeout-handler dump against a real %s dump', (go, release) => {
  const real = realDump(release);
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
    const match = real.find((r) => r.state === group.state && sameStack(group.sample, r));
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
    const real = realDump(release);
    const connWaiting = (wait: ConnWait): GoroutineRecord => {
      const folded = foldedFrames(minor);
      const serve = serverGoLine('net/http.(*conn).serve', true, wait, minor) ?? 0;
      return {
        id: 0,
        state: 'IO wait',
        frames: [
          ...(wait === 'peek' ? folded.peek : folded.readRequest),
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
      const match = real.find(
        (r) => r.state === 'IO wait' && sameStack(connWaiting('readRequest'), r),
      );
      expect(match, 'no real goroutine with these frames').toBeDefined();
    });

    test.runIf(minor >= 21)('a connection that has served a request, in c.bufr.Peek(4)', () => {
      const match = real.find((r) => r.state === 'IO wait' && sameStack(connWaiting('peek'), r));
      expect(match, 'no real goroutine with these frames').toBeDefined();
    });
  },
);
