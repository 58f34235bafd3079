import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  formatDump,
  formatGoroutine,
  formatHeader,
  waitReasonFor,
  type GoroutineRecord,
} from '../../src/model/traceback.ts';
import { groupByStack, parseDump } from '../../src/model/traceback-parse.ts';

// tests/fixtures/once-block.dump.txt is the real Go 1.19.8 debug=2 dump of
// `oncestall -mode block` (copied from the reference runs, with a header saying so).
const fixture = readFileSync(new URL('../fixtures/once-block.dump.txt', import.meta.url), 'utf8');
const realDump = fixture.slice(fixture.indexOf('goroutine 1 ['));

describe('parseDump on the real reference dump', () => {
  const records = parseDump(fixture);

  test('finds every goroutine with its header, frames and creator', () => {
    expect(records).toHaveLength(realDump.match(/^goroutine \d+ \[/gm)?.length ?? -1);
    expect(records).toHaveLength(301);
    const blocked = records.find((r) => r.id === 5);
    expect(blocked?.state).toBe('select (no cases)');
    expect(blocked?.frames[0]).toEqual({
      func: 'main.loadFromRemote',
      args: '...',
      file: '/srv/app/config/main.go',
      line: 28,
    });
    expect(blocked?.frames[2]).toEqual({
      func: 'sync.(*Once).doSlow',
      args: '0x0?, 0x0?',
      file: '/usr/local/go/src/sync/once.go',
      line: 74,
      offset: 0xc2,
    });
    expect(blocked?.createdBy).toEqual({
      func: 'main.main.func1',
      file: '/srv/app/config/main.go',
      line: 51,
      offset: 0xc9,
      parentId: 0, // Go 1.19 does not print `in goroutine N`
    });
  });

  test('formatting what was parsed gives back the dump byte for byte', () => {
    expect(formatDump(records, { goVersion: 'go1.19.8' })).toBe(realDump);
  });

  test('groupByStack folds the 299 waiters on the Once’s mutex into one group', () => {
    const groups = groupByStack(records);
    expect(groups.map((g) => [g.count, g.state])).toEqual([
      [299, 'semacquire'],
      [1, 'running'],
      [1, 'select (no cases)'],
    ]);
    expect(groups[0]?.sample.frames.map((f) => f.func)).toContain('sync.(*Once).doSlow');
    expect(groups[0]?.ids[0]).toBe(6);
    expect(groups.reduce((n, g) => n + g.count, 0)).toBe(301);
  });
});

describe('parseDump on pasted text', () => {
  test('reads a crash log whose tabs became spaces, skipping what is not a goroutine', () => {
    const pasted = [
      'panic: boom',
      '',
      'goroutine 12 [chan send, 7 minutes]:',
      'main.produce(0xc000012345)',
      '        /home/me/app/produce.go:41 +0x3f',
      'created by main.start in goroutine 1',
      '        /home/me/app/start.go:9 +0x65',
      '',
      'goroutine 13 [IO wait]:',
      'internal/poll.runtime_pollWait(0x7f, 0x72)',
      '        /usr/local/go/src/runtime/netpoll.go:351 +0x85 fp=0xc0000 sp=0xc0001 pc=0x4a',
      'exit status 2',
    ].join('\r\n');
    expect(parseDump(pasted)).toEqual([
      {
        id: 12,
        state: 'chan send',
        waitMinutes: 7,
        frames: [
          {
            func: 'main.produce',
            args: '0xc000012345',
            file: '/home/me/app/produce.go',
            line: 41,
            offset: 0x3f,
          },
        ],
        createdBy: {
          func: 'main.start',
          file: '/home/me/app/start.go',
          line: 9,
          offset: 0x65,
          parentId: 1,
        },
      },
      {
        id: 13,
        state: 'IO wait',
        frames: [
          {
            func: 'internal/poll.runtime_pollWait',
            args: '0x7f, 0x72',
            file: '/usr/local/go/src/runtime/netpoll.go',
            line: 351,
            offset: 0x85,
          },
        ],
      },
    ]);
  });
});

describe('parseDump on headers of newer releases', () => {
  // Header lines as go1.27.3 and go1.26.10 printed them for a goroutine that pprof.Do had labelled
  // handler=quote, blocked on a mutex (the 1.26 form with GODEBUG=tracebacklabels=1), and one that
  // the goroutine leak profile had just reported.
  const frame = [
    'main.main.func1({0x5f3008, 0xc000012345})',
    '\t/srv/app/main.go:16 +0x25',
    'created by main.main in goroutine 1',
    '\t/srv/app/main.go:15 +0x4f',
  ];
  const expected = (id: number, state: string, waitMinutes?: number) => ({
    id,
    state,
    ...(waitMinutes === undefined ? {} : { waitMinutes }),
    frames: [
      {
        func: 'main.main.func1',
        args: '{0x5f3008, 0xc000012345}',
        file: '/srv/app/main.go',
        line: 16,
        offset: 0x25,
      },
    ],
    createdBy: { func: 'main.main', file: '/srv/app/main.go', line: 15, offset: 0x4f, parentId: 1 },
  });

  test('Go 1.27: labels after the brackets are read past, not taken for frames', () => {
    const text = [
      'goroutine 1 [running]:',
      'main.main()',
      '\t/srv/app/main.go:20 +0x5a5',
      '',
      'goroutine 7 [sync.Mutex.Lock] {handler: quote}:',
      ...frame,
      '',
      'goroutine 8 [sync.Mutex.Lock, 3 minutes] {"user id": "a]b", handler: quote}:',
      ...frame,
    ].join('\n');
    const records = parseDump(text);
    expect(records.map((r) => r.id)).toEqual([1, 7, 8]);
    expect(records[0]?.frames).toHaveLength(1);
    expect(records[1]).toEqual(expected(7, 'sync.Mutex.Lock'));
    expect(records[2]).toEqual(expected(8, 'sync.Mutex.Lock', 3));
  });

  test('Go 1.26: labels inside the brackets (tracebacklabels=1) are read past too', () => {
    const text = [
      'goroutine 7 [sync.Mutex.Lock labels:{"handler": "quote"}]:',
      ...frame,
      '',
      'goroutine 9 [sync.Mutex.Lock, 2 minutes labels:{"handler": "quote", "id": "7"}]:',
      ...frame,
    ].join('\n');
    expect(parseDump(text)).toEqual([
      expected(7, 'sync.Mutex.Lock'),
      expected(9, 'sync.Mutex.Lock', 2),
    ]);
  });

  test('a goroutine the leak profile reported keeps "(leaked)" in its state', () => {
    const text = ['goroutine 19 [chan send (leaked)]:', ...frame].join('\n');
    expect(parseDump(text)).toEqual([expected(19, 'chan send (leaked)')]);
  });
});

describe('formatting', () => {
  const waiter: GoroutineRecord = {
    id: 19,
    state: waitReasonFor('mutex', 'go1.25'),
    waitMinutes: 2,
    frames: [
      {
        func: 'sync.(*Mutex).Lock',
        args: '...',
        file: '/usr/local/go/src/sync/mutex.go',
        line: 90,
      },
      {
        func: 'sync.(*Once).doSlow',
        args: '0x0?, 0xc000036f80?',
        file: '/usr/local/go/src/sync/once.go',
        line: 70,
        offset: 0x53,
      },
      { func: 'main.GetConfig', args: '', file: '/srv/app/config/main.go', line: 32, offset: 0x59 },
    ],
    createdBy: {
      func: 'main.main.func1',
      file: '/srv/app/config/main.go',
      line: 51,
      offset: 0xc9,
      parentId: 4,
    },
  };

  test('a synthetic once-stall waiter has the 1.21+ shape', () => {
    expect(formatGoroutine(waiter, { goVersion: 'go1.25' })).toBe(
      [
        'goroutine 19 [sync.Mutex.Lock, 2 minutes]:',
        'sync.(*Mutex).Lock(...)',
        '\t/usr/local/go/src/sync/mutex.go:90',
        'sync.(*Once).doSlow(0x0?, 0xc000036f80?)',
        '\t/usr/local/go/src/sync/once.go:70 +0x53',
        'main.GetConfig()',
        '\t/srv/app/config/main.go:32 +0x59',
        'created by main.main.func1 in goroutine 4',
        '\t/srv/app/config/main.go:51 +0xc9',
      ].join('\n'),
    );
  });

  test('before Go 1.21 there is no `in goroutine N`', () => {
    expect(formatGoroutine(waiter, { goVersion: '1.20' })).toContain(
      'created by main.main.func1\n',
    );
  });

  test('minutes show only from 1, always spelled "minutes"', () => {
    const rec: GoroutineRecord = { id: 7, state: 'chan receive', frames: [] };
    expect(formatHeader(rec)).toBe('goroutine 7 [chan receive]:');
    expect(formatHeader({ ...rec, waitMinutes: 0 })).toBe('goroutine 7 [chan receive]:');
    expect(formatHeader({ ...rec, waitMinutes: 1 })).toBe('goroutine 7 [chan receive, 1 minutes]:');
    expect(formatHeader({ ...rec, waitMinutes: 3, lockedToThread: true })).toBe(
      'goroutine 7 [chan receive, 3 minutes, locked to thread]:',
    );
  });

  test('a 1.21+ dump round-trips with parent ids, minutes and the lock flag', () => {
    const text = formatDump(
      [waiter, { id: 1, state: 'running', lockedToThread: true, frames: [] }],
      { goVersion: 'go1.22' },
    );
    expect(parseDump(text)).toEqual([
      waiter,
      { id: 1, state: 'running', lockedToThread: true, frames: [] },
    ]);
  });
});

describe('deep stacks are elided the way the runtime does it', () => {
  const deep: GoroutineRecord = {
    id: 5,
    state: 'running',
    frames: Array.from({ length: 300 }, (_, i) => ({
      func: 'main.recurse',
      args: `0x${i.toString(16)}`,
      file: '/app/main.go',
      line: i === 299 ? 25 : 16,
      offset: 0x4a,
    })),
    createdBy: { func: 'main.main', file: '/app/main.go', line: 24, offset: 0x9c, parentId: 1 },
  };
  const frameCount = (text: string) =>
    text.split('\n').filter((l) => l.startsWith('main.recurse(')).length;

  test('Go 1.21+: 50 innermost, `...200 frames elided...`, 50 outermost, then created by', () => {
    const text = formatGoroutine(deep, { goVersion: 'go1.25' });
    expect(frameCount(text)).toBe(100);
    const lines = text.split('\n');
    expect(lines[1 + 2 * 50]).toBe('...200 frames elided...');
    expect(lines[2 + 2 * 50]).toBe('main.recurse(0xfa)');
    expect(lines.at(-2)).toBe('created by main.main in goroutine 1');
  });

  test('before 1.21: the first 100 frames, then `...additional frames elided...`', () => {
    const text = formatGoroutine(deep, { goVersion: 'go1.19' });
    expect(frameCount(text)).toBe(100);
    expect(text).toContain(
      'main.recurse(0x63)\n\t/app/main.go:16 +0x4a\n...additional frames elided...\ncreated by main.main\n',
    );
  });

  test('up to 100 frames print whole from 1.21; exactly 100 already get the marker before', () => {
    const hundred = { ...deep, frames: deep.frames.slice(0, 100) };
    expect(formatGoroutine(hundred, { goVersion: 'go1.21' })).not.toContain('elided');
    expect(formatGoroutine(hundred, { goVersion: 'go1.20' })).toContain(
      '...additional frames elided...',
    );
  });

  test.each(['go1.19', 'go1.25'])(
    'an elided %s dump parses and re-formats unchanged',
    (goVersion) => {
      const text = formatDump([deep], { goVersion });
      const parsed = parseDump(text);
      expect(parsed[0]?.frames).toHaveLength(100);
      expect(parsed[0]?.elidedFrames).toBe(goVersion === 'go1.19' ? 'unknown' : 200);
      expect(formatDump(parsed, { goVersion })).toBe(text);
    },
  );
});

describe('round trip over any dump the runtime could print', () => {
  const ident = fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/);
  const funcArb = fc.oneof(
    fc.tuple(ident, ident).map(([pkg, fn]) => `${pkg}.${fn}`),
    fc.tuple(ident, ident).map(([pkg, fn]) => `${pkg}.(*T).${fn}`),
    ident.map((pkg) => `${pkg}.main.func1.2`),
  );
  const place = {
    file: ident.map((name) => `/src/app/${name}.go`),
    line: fc.integer({ min: 1, max: 99_999 }),
  };
  const frameArb = fc.oneof(
    fc.record({ func: funcArb, args: fc.constant('...'), ...place }),
    fc.record({
      func: funcArb,
      args: fc.constantFrom('', '0x0?', '0xc000012345, 0x1', '{0x7ffc, 0x0?}'),
      ...place,
      offset: fc.integer({ min: 0, max: 0xfffff }),
    }),
  );
  const recordArb: fc.Arbitrary<GoroutineRecord> = fc
    .record(
      {
        id: fc.integer({ min: 1, max: 1_000_000 }),
        state: fc.constantFrom(
          'running',
          'runnable',
          'chan receive',
          'select (no cases)',
          'sync.Mutex.Lock',
          'IO wait',
        ),
        waitMinutes: fc.integer({ min: 1, max: 10_000 }),
        lockedToThread: fc.constant(true),
        frames: fc.array(frameArb, { maxLength: 100 }),
        createdBy: fc.record({
          func: funcArb,
          ...place,
          offset: fc.integer({ min: 1, max: 0xfff }),
          parentId: fc.integer({ min: 1, max: 1_000_000 }),
        }),
      },
      { requiredKeys: ['id', 'state', 'frames'] },
    )
    .map((r) => r as GoroutineRecord);

  test('parseDump(formatDump(records)) gives the records back (Go 1.21+ form)', () => {
    fc.assert(
      fc.property(fc.array(recordArb, { maxLength: 5 }), (records) => {
        expect(parseDump(formatDump(records, { goVersion: 'go1.25' }))).toEqual(records);
      }),
    );
  });
});

describe('waitReasonFor', () => {
  test.each([
    ['mutex', 'go1.19', 'semacquire'],
    ['mutex', 'go1.20', 'sync.Mutex.Lock'],
    ['rwmutex-rlock', 'go1.19', 'semacquire'],
    ['rwmutex-rlock', 'go1.21', 'sync.RWMutex.RLock'],
    ['rwmutex-lock', 'go1.25', 'sync.RWMutex.Lock'],
    ['waitgroup', 'go1.21', 'semacquire'],
    ['waitgroup', 'go1.25.3', 'sync.WaitGroup.Wait'],
  ] as const)('%s on %s parks as [%s]', (kind, version, reason) => {
    expect(waitReasonFor(kind, version)).toBe(reason);
  });
});
