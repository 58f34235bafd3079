/**
 * With hundreds of thousands of leaked goroutines the dashboard's verdict reads the goroutine
 * profile (`debug=1`, identical stacks counted once) instead of building and parsing the full
 * `debug=2` dump, which took ~960 MB at ~535,000 goroutines. The profile must count the same
 * goroutines under the same stacks, reach the same verdict, and print as pprof does.
 */
import { describe, expect, it } from 'vitest';
import { stdlibProfile } from '../../src/model/stdlib/dump';
import { StdlibSimulation } from '../../src/model/stdlib/simulation';
import { parseDump } from '../../src/model/traceback-parse';
import { dumpVerdict, profileVerdict } from '../../src/widgets/observability/dump-verdict';
import { observability } from '../../src/scenarios/observability';
import { defaultValues } from '../../src/scenarios/params';
import { leakingServer } from '../stdlib/leaking-server';

function leakingRun() {
  const sim = leakingServer();
  if (!(sim instanceof StdlibSimulation)) throw new Error('a stdlib scenario');
  return { dump: sim.dump(), profile: stdlibProfile(sim.engine.world) };
}

describe('goroutine profile (debug=1)', () => {
  const { dump, profile } = leakingRun();
  const records = parseDump(dump);

  it('counts every goroutine of the dump, folded by its frames', () => {
    expect(profile.total).toBe(records.length);
    const byFrames = new Map<string, number>();
    for (const r of records) {
      const key = r.frames.map((f) => `${f.func} ${f.file}:${f.line}`).join('\n');
      byFrames.set(key, (byFrames.get(key) ?? 0) + 1);
    }
    expect(profile.groups.map((g) => g.count)).toEqual(
      [...byFrames.values()].sort((a, b) => b - a),
    );
  });

  it('reaches the verdict the full dump reaches, and says which form it read', () => {
    const full = dumpVerdict(dump, 0, 5);
    const folded = profileVerdict(profile, 0, 5);
    expect(folded.form).toBe('debug=1');
    expect(folded.total).toBe(full.total);
    expect(folded.verdict?.incident).toBe('timeout-handler');
    expect(full.verdict?.incident).toBe('timeout-handler');
    expect(folded.verdict?.because).toContain('in the handler;');
  });

  it("prints as runtime/pprof's printCountProfile does", () => {
    const text = profileVerdict(profile, 0, 5).text ?? '';
    const lines = text.split('\n');
    expect(lines[0]).toBe(`goroutine profile: total ${records.length}`);
    expect(lines[1]).toMatch(/^\d+ @( 0x[0-9a-f]+)+$/);
    expect(lines[2]).toMatch(/^#\t0x[0-9a-f]+\t\S+\+0x[0-9a-f]+\t+\S+:\d+$/);
    expect(text).toMatch(
      /\n#\t0x[0-9a-f]+\tnet\/http\.\(\*timeoutHandler\)\.ServeHTTP\.func1\+0x[0-9a-f]+\t+\S+:\d+\n/,
    );
  });

  it("names an AfterFunc leak from one goroutine's creator, which the profile's frames lack", () => {
    // f blocks: every watchdog that fires parks on its send, a goroutine with f's frames only.
    const values = {
      ...defaultValues(observability.params),
      incident: 'afterfunc-leak',
      afterfuncMode: 'blockingf',
      duration: 120 * 1e9,
    } as const;
    const sim = observability.create(values, {
      seed: 1,
      sampleNs: observability.defaultSampleNs?.(values) ?? 1e9,
    });
    sim.runUntil(values.duration);
    const afProfile = sim.goroutineProfile?.() ?? null;
    if (afProfile === null) throw new Error('the observability run has a goroutine profile');
    expect(afProfile.groups[0]?.frames.some((f) => f.func === 'time.goFunc')).toBe(false);
    expect(dumpVerdict(sim.dump(), 0, 5).verdict?.incident).toBe('afterfunc-leak');
    const folded = profileVerdict(afProfile, 0, 5);
    expect(folded.verdict?.incident).toBe('afterfunc-leak');
    expect(folded.verdict?.because).toContain('created by time.goFunc');
  });
});
