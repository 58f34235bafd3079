import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareDumps } from '../../src/dump-reader/compare-dumps';
import { headline, headlines } from '../../src/dump-reader/headline';
import { readDump, type DumpReading, type ReaderGroup } from '../../src/dump-reader/read-dump';

/** The reader's samples: real Go 1.19 output of src/dump-reader/samples/three-leaks.go. */
const sample = (name: string) =>
  readFileSync(new URL(`../../src/dump-reader/samples/${name}`, import.meta.url), 'utf8');
const debug2 = sample('three-leaks.debug2.txt');
const debug1 = sample('three-leaks.debug1.txt');

function read(text: string): DumpReading {
  const result = readDump(text);
  if (!result.ok) throw new Error(result.message);
  return result.reading;
}

/** The goroutine blocks of a debug=2 dump whose stack contains `func`, removed `n` at a time. */
function withoutSome(text: string, func: string, n: number): string {
  let left = n;
  return text
    .split('\n\n')
    .filter((block) => !(block.includes(func) && left-- > 0))
    .join('\n\n');
}

describe('reading a debug=2 dump', () => {
  const reading = read(debug2);

  it('counts every goroutine block once', () => {
    expect(reading.format).toBe('debug=2');
    expect(reading.goroutines).toBe(debug2.match(/^goroutine \d+ \[/gm)?.length);
    expect(reading.groups.reduce((sum, g) => sum + g.count, 0)).toBe(reading.goroutines);
  });

  it('folds the six stuck AfterFunc callbacks into one group created by time.goFunc', () => {
    const group = reading.groups.find((g) => g.frames[0]?.func === 'main.audit.func1');
    expect(group).toMatchObject({ count: 6, state: 'chan send', incident: 'afterfunc-leak' });
    expect(group?.createdBy?.func).toBe('time.goFunc');
    expect(group?.ids).toHaveLength(6);
  });

  it("finds the three incidents, TimeoutHandler's inner handlers and the Once's callers among them", () => {
    const found = Object.fromEntries(reading.incidents.map((i) => [i.incident, i.goroutines]));
    // 6 requests each: 6 inner handlers asleep, 6 callbacks on a send, 5 callers on the Once's
    // mutex plus the one running its f.
    expect(found).toEqual({ 'afterfunc-leak': 6, 'timeout-handler': 6, 'once-stall': 6 });
    const mutex = reading.groups.find((g) => g.incident === 'once-stall' && g.count === 5);
    expect(mutex?.state).toBe('semacquire');
  });

  it('leaves the server and client goroutines unlabelled', () => {
    const plain = reading.groups.filter((g) => g.incident === null);
    expect(plain.some((g) => g.frames.some((f) => f.func === 'net/http.(*conn).serve'))).toBe(true);
    expect(plain.every((g) => g.because === null)).toBe(true);
  });

  it('reads the real incident dump of the reference run the same way', () => {
    const real = read(
      readFileSync(new URL('../fixtures/once-block.dump.txt', import.meta.url), 'utf8'),
    );
    expect(real.incidents[0]?.incident).toBe('once-stall');
    expect(real.groups[0]?.incident).toBe('once-stall');
    expect(real.groups[0]?.count).toBeGreaterThan(100);
  });
});

describe('reading a debug=1 profile', () => {
  const reading = read(debug1);

  it('takes the counts the runtime printed and checks them against the header', () => {
    expect(reading.format).toBe('debug=1');
    expect(reading.goroutines).toBe(Number(/total (\d+)/.exec(debug1)?.[1]));
    expect(reading.groups.every((g) => g.state === null && g.ids.length === 0)).toBe(true);
  });

  it('finds TimeoutHandler and Once, and says why it cannot see AfterFunc', () => {
    const found = Object.fromEntries(reading.incidents.map((i) => [i.incident, i.goroutines]));
    expect(found).toEqual({ 'timeout-handler': 6, 'once-stall': 6 });
    expect(reading.notes.join(' ')).toMatch(/created by time\.goFunc/);
  });

  it('notices a paste cut short', () => {
    const cut = debug1.slice(0, debug1.indexOf('\n2 @'));
    expect(read(cut).notes.join(' ')).toMatch(/header says \d+ goroutines but the stacks add up/);
  });
});

describe('bad input', () => {
  it.each([
    ['', /Paste a goroutine dump first/],
    ['   \n\t', /Paste a goroutine dump first/],
    ['<script>alert(1)</script>', /No goroutines found/],
    ['panic: oops\n\nexit status 2', /No goroutines found/],
    ['goroutine profile: total 3\n', /No goroutines found/],
  ])('%j gives a message', (text, message) => {
    const result = readDump(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it('refuses a paste above the size limit with its size', () => {
    const result = readDump(debug2, 1000);
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) expect(result.message).toMatch(/MiB; the reader takes up to/);
  });

  it('never throws, and what it reads always adds up', () => {
    const line = fc.oneof(
      fc.string(),
      fc.constantFrom(
        'goroutine 7 [chan receive, 3 minutes]:',
        'goroutine x [running]:',
        'main.f(0x1)',
        '\t/srv/main.go:9 +0x1f',
        'created by main.main in goroutine 1',
        '...additional frames elided...',
        'goroutine profile: total 2',
        '2 @ 0x1 0x2',
        '#\t0x1\tmain.f+0x1\t/srv/main.go:9',
      ),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), (lines) => {
        const result = readDump(lines.join('\n'));
        if (!result.ok) return result.message.length > 0;
        const { groups, goroutines } = result.reading;
        return goroutines > 0 && groups.reduce((sum, g) => sum + g.count, 0) === goroutines;
      }),
      { numRuns: 500 },
    );
  });
});

describe('comparing two dumps', () => {
  it('puts the stack that grew first, with its counts then and now', () => {
    const earlier = read(withoutSome(debug2, 'main.audit.func1', 4));
    const changes = compareDumps(earlier, read(debug2));
    expect(changes[0]).toMatchObject({ before: 2, after: 6 });
    expect(changes[0]?.group.incident).toBe('afterfunc-leak');
    expect(changes.slice(1).every((c) => c.after - c.before <= 0)).toBe(true);
  });

  it('lists a stack that is gone with zero now', () => {
    const later = read(withoutSome(debug2, 'net/http.(*timeoutHandler).ServeHTTP.func1', 6));
    const gone = compareDumps(read(debug2), later).at(-1);
    expect(gone).toMatchObject({ before: 6, after: 0 });
    expect(gone?.group.incident).toBe('timeout-handler');
  });

  it('matches the same stacks across the two formats', () => {
    const changes = compareDumps(read(debug1), read(debug2));
    const once = changes.find((c) => c.group.incident === 'once-stall' && c.after === 5);
    expect(once?.before).toBe(5);
  });
});

describe('the frame a group is known by', () => {
  const std = (func: string) => {
    const path = func.slice(0, func.indexOf('.', func.lastIndexOf('/') + 1));
    return { func, place: `/usr/local/go/src/${path}/x.go:1` };
  };
  const own = (func: string, place: string) => ({ func, place });
  const group = (...frames: { func: string; place: string }[]) =>
    ({ frames }) as unknown as ReaderGroup;

  it.each([
    [[std('time.Sleep'), own('main.slowReport', '/srv/main.go:36')], 'main.slowReport'],
    [
      [std('sync.(*Mutex).lockSlow'), own('github.com/acme/api.(*Cache).Refresh', '/src/c.go:9')],
      'github.com/acme/api.(*Cache).Refresh',
    ],
    // A module path without a dot is still the program's: its file is not under GOROOT/src.
    [
      [std('sync.(*Once).doSlow'), own('billing/config.Load', '/app/config/load.go:12')],
      'billing/config.Load',
    ],
    [
      [std('internal/poll.runtime_pollWait'), std('net/http.(*persistConn).readLoop')],
      'net/http.(*persistConn).readLoop',
    ],
    // Linknamed into the runtime: its file is GOROOT's src/runtime, not src/internal/poll.
    [
      [
        own('internal/poll.runtime_pollWait', '/usr/local/go/src/runtime/netpoll.go:351'),
        std('net.(*netFD).Read'),
        std('net/http.(*connReader).backgroundRead'),
      ],
      'net.(*netFD).Read',
    ],
    [[std('runtime.gopark')], 'runtime.gopark'],
  ])('%j → %s', (frames, expected) => {
    expect(headline(group(...frames))).toBe(expected);
  });
});

describe('the headlines of a dump', () => {
  it('tells apart groups in one state that would read the same (a real go1.25 server dump)', () => {
    const text = readFileSync(
      new URL('../fixtures/net-http-go1.25.12.dump.txt', import.meta.url),
      'utf8',
    );
    const { groups } = read(text);
    const labels = headlines(groups);
    const seen = new Set(labels.map((l, i) => `${groups[i]!.state} ${l}`));
    expect(seen.size).toBe(groups.length);
    expect(labels).toContain('net.(*netFD).Read in net/http.(*connReader).backgroundRead');
    expect(labels).toContain(
      'net.(*netFD).Read in net/http.(*conn).serve via bufio.(*Reader).Peek',
    );
    // A headline no other group shares stays as it was.
    expect(labels).toContain('net/http.(*timeoutHandler).ServeHTTP');
  });
});
