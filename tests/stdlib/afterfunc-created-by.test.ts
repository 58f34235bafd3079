/**
 * A goroutine an AfterFunc timer started is `created by time.goFunc` at the `go f()` of the dump's
 * release, with no parent goroutine (the timer ran on whichever goroutine's P checked it): the
 * afterfunc-leak scenario's dump against real dumps of tests/fixtures/afterfunc-dump on each
 * release the model follows.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { GoroutineRecord } from '../../src/model/traceback.ts';
import { parseDump } from '../../src/model/traceback-parse.ts';
import { afterfuncLeak } from '../../src/scenarios/afterfunc-leak.ts';
import { SECOND } from '../../src/scenarios/duration.ts';
import { defaultValues } from '../../src/scenarios/params.ts';
import { RELEASES } from './real-dumps.ts';

describe.each(RELEASES)('Go %s: created by time.goFunc as %s prints it', (go, release) => {
  const real = parseDump(
    readFileSync(new URL(`../fixtures/afterfunc-${release}.dump.txt`, import.meta.url), 'utf8'),
  ).find((r) => r.createdBy?.func === 'time.goFunc');

  test('the same file, line and parent as the real dump', () => {
    const sim = afterfuncLeak.create(
      { ...defaultValues(afterfuncLeak.params), mode: 'blockingf', go },
      { seed: 1, sampleNs: SECOND / 2 },
    );
    sim.runUntil(3 * SECOND);
    const fired = parseDump(sim.dump()).filter((r) => r.createdBy?.func === 'time.goFunc');
    expect(real?.createdBy).toBeDefined();
    expect(fired.length).toBeGreaterThan(0);
    const place = (c: GoroutineRecord['createdBy']) =>
      c === undefined
        ? ''
        : `${c.file.slice(c.file.indexOf('/src/'))}:${c.line} parent ${c.parentId}`;
    for (const r of fired) expect(place(r.createdBy)).toBe(place(real?.createdBy));
  });
});
