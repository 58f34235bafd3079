/**
 * The observability dashboard's Once and AfterFunc services (`http.HandleFunc` and
 * `http.ListenAndServe(addr, nil)`) against real dumps of the same programs
 * (tests/fixtures/dashboard-servers, main.go as the widget shows it plus a driver) on each
 * release the model follows: every stack the model's dump prints is in the real one, frame for
 * frame, DefaultServeMux's handler chain and the listener's Accept included.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { groupByStack, parseDump } from '../../src/model/traceback-parse.ts';
import { SECOND } from '../../src/scenarios/duration.ts';
import { afterFuncServerBuggy } from '../../src/scenarios/go/afterfunc-server-go.ts';
import { onceServerBuggy } from '../../src/scenarios/go/once-server-go.ts';
import { observability } from '../../src/scenarios/observability.ts';
import { defaultValues } from '../../src/scenarios/params.ts';
import { RELEASES, realDump, realMatch } from './real-dumps.ts';

const SERVICES = [
  ['once', 'once-stall', onceServerBuggy.code],
  ['afterfunc', 'afterfunc-leak', afterFuncServerBuggy.code],
] as const;

test.each(SERVICES)('the %s fixture runs the program the widget shows', (dir, _incident, code) => {
  const fixture = new URL(`../fixtures/dashboard-servers/${dir}/main.go`, import.meta.url);
  expect(readFileSync(fixture, 'utf8')).toBe(code);
});

describe.each(RELEASES)('Go %s (%s)', (go, release) => {
  describe.each(SERVICES)('the %s service', (dir, incident) => {
    const real = realDump(`dashboard-${dir}-${release}.dump.txt`);
    const sim = observability.create(
      { ...defaultValues(observability.params), incident, go, duration: 60 * SECOND },
      { seed: 1, sampleNs: SECOND },
    );
    sim.runUntil(20 * SECOND);
    const groups = groupByStack(parseDump(sim.dump()));

    test.each(
      groups.map((g) => [`${g.state}: ${g.sample.frames.map((f) => f.func).join(' <- ')}`, g]),
    )('%s', (_name, group) => {
      expect(realMatch(group.sample, real), 'no real goroutine like it').toBeDefined();
    });
  });
});
