/**
 * `npm run trace-hash`: one line per run of a fixed set of scenario runs, with its event count and
 * a hash of everything a reader can see of it: the trace (keys sorted, so only values count), the
 * view and dump every tenth slice of the run, and the final counters, series and dump.
 *
 * A speed change must not change what the model does (the chapters pin presets to event counts):
 *   npm run trace-hash > /tmp/before.txt   # on the commit before
 *   npm run trace-hash | diff /tmp/before.txt -   # after: no output
 */
import { createHash } from 'node:crypto';
import { parseParams } from '../../src/scenarios/params.ts';
import { getScenario } from '../../src/scenarios/index.ts';
import type { TraceEvent } from '../../src/scenarios/types.ts';

/** Runs per scenario, params as the CLI spells them: the defaults and the heavy corners. */
const RUNS: Readonly<Record<string, readonly Readonly<Record<string, string>>[]>> = {
  gmp: [
    {},
    { goroutines: '10000' },
    { gomaxprocs: '1', goroutines: '300' },
    { gomaxprocs: '16', goroutines: '5000', spawner: 'many' },
    { go: '1.13', goroutines: '2000' },
    { syscalls: '60', network: '30', goroutines: '3000', gomaxprocs: '8' },
  ],
  'stack-growth': [{}],
  preemption: [{}, { async: 'false' }],
  'afterfunc-leak': [{}, { mode: 'stop' }, { mode: 'blockingf' }],
  'once-stall': [{}, { mode: 'panic' }, { mode: 'fixed' }],
  'timeout-handler': [
    {},
    { ctx: 'true' },
    { qps: '1000', load: '5s', total: '8s' },
    { qps: '1000', load: '5s', total: '8s', ctx: 'true', go: '1.19' },
    { qps: '300', work: '200ms', timeout: '50ms', load: '3s', total: '4s' },
  ],
  observability: [
    { duration: '3m' },
    { duration: '3m', fix: 'true' },
    { duration: '3m', incident: 'afterfunc-leak' },
    { duration: '3m', incident: 'afterfunc-leak', afterfuncMode: 'nostop' },
    { duration: '3m', incident: 'afterfunc-leak', fix: 'true' },
    { duration: '3m', incident: 'once-stall' },
    { duration: '3m', incident: 'once-stall', fix: 'true' },
    { duration: '2m', qps: '200' },
  ],
};

/** The event with its keys sorted and unset ones left out. */
function canonical(e: TraceEvent): [string, unknown][] {
  return Object.entries(e)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
}

function hashRun(id: string, raw: Readonly<Record<string, string>>): string {
  const scenario = getScenario(id);
  if (scenario === undefined) throw new Error(`no scenario ${id}`);
  const { values, errors } = parseParams(scenario.params, raw);
  if (errors.length > 0) throw new Error(`${id}: ${errors.map((e) => e.message).join('; ')}`);
  const sampleNs = scenario.defaultSampleNs?.(values) ?? 10_000_000;
  const sim = scenario.create(values, { seed: 7, sampleNs, traceCapacity: 1 << 16 });
  const h = createHash('sha256');
  const horizon = scenario.horizonNs(values);
  const slice = Math.max(1, Math.floor(horizon / 40));
  let lastSeq = 0;
  for (let t = slice, k = 1; ; t += slice, k++) {
    sim.runUntil(Math.min(t, horizon));
    const events = sim.trace(lastSeq);
    h.update(JSON.stringify(events.map(canonical)));
    lastSeq = events.at(-1)?.seq ?? lastSeq;
    if (k % 10 === 0) h.update(JSON.stringify(sim.view(300)) + sim.dump());
    if (t >= horizon || sim.done) break;
  }
  h.update(JSON.stringify(sim.counters()) + JSON.stringify(sim.series()) + sim.dump());
  h.update(`${sim.events} ${sim.nowNs}`);
  return `${id} ${JSON.stringify(raw)} ${sim.events} ${h.digest('hex').slice(0, 16)}`;
}

for (const [id, runs] of Object.entries(RUNS))
  for (const raw of runs) console.log(hashRun(id, raw));
