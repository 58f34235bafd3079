/**
 * `npm run bench:ab -- <rev> [--pairs N] [--workload gmp|qps]`: the model at git revision <rev>
 * (A) against the working tree (B), run alternately in one process.
 *
 * Why in one process: this 2-core machine is shared and its speed drifts by up to 1.7x over
 * minutes (the same gmp bench gave medians of 265 and 560 ns per schedule an hour apart, December
 * 7). Runs of A and B taken minutes apart, or in separate processes, compare machine states as
 * much as code. Here each pair is two runs back to back, A and B in turn, and the figure is the
 * median of the per-pair ratios B/A, which drift moves little. Both trees are bundled by esbuild
 * into one module, so each has its own functions and type feedback; they share the heap and GC.
 *
 * Workloads (CPU time, user + system, as `npm run bench` measures it):
 * - gmp: a full gmp run with 10,000 goroutines (defaults otherwise), ns per `schedules` event;
 * - qps: timeout-handler at 1,000 qps ignoring ctx, one long run per tree warmed to 20 s, then
 *   10 s of virtual time per run, µs per request.
 * Each run's counters must match between A and B: a speed change must not change the model
 * (check the full trace with `npm run trace-hash` too).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

interface Side {
  /** One measured run: CPU ns per unit, and counters that A and B must agree on. */
  run(): { perUnit: number; check: string };
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// Inside the repo, so the bundled trees resolve packages from its node_modules.
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'bench-ab');

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

/** The files of `rev` under CACHE/<sha>, as `git archive` writes them. */
function checkout(rev: string): string {
  const sha = execFileSync('git', ['rev-parse', '--verify', `${rev}^{commit}`], {
    cwd: ROOT,
    encoding: 'utf8',
  }).trim();
  const dir = path.join(CACHE, sha);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const tar = execFileSync('git', ['archive', sha, 'src'], { cwd: ROOT, maxBuffer: 1 << 30 });
  execFileSync('tar', ['-x', '-C', dir], { input: tar });
  return dir;
}

/**
 * The entry module: the same workload over each tree's scenarios. Only `create`, the param
 * defaults and `step`/`runUntil`/`counters` are used, which every revision of the model has.
 */
function entry(a: string, b: string): string {
  const side = (name: string, root: string) => `
import { gmp as gmp${name} } from ${JSON.stringify(path.join(root, 'src/scenarios/gmp.ts'))};
import { timeoutHandler as th${name} } from ${JSON.stringify(path.join(root, 'src/scenarios/timeout-handler.ts'))};
import { defaultValues as dv${name} } from ${JSON.stringify(path.join(root, 'src/scenarios/params.ts'))};
export const ${name} = makeSides(gmp${name}, th${name}, dv${name});`;
  return `
const SECOND = 1e9;
function cpuNs(f) {
  const start = process.cpuUsage();
  f();
  const used = process.cpuUsage(start);
  return (used.user + used.system) * 1000;
}
function makeSides(gmp, th, defaults) {
  const gmpSide = {
    run() {
      const sim = gmp.create({ ...defaults(gmp.params), goroutines: 10000 }, { seed: 1, sampleNs: 1e8, traceCapacity: 0 });
      const ns = cpuNs(() => { while (sim.step()); });
      const c = sim.counters();
      return { perUnit: ns / c.schedules, check: sim.events + '/' + c.schedules };
    },
  };
  let sim = null;
  let until = 0;
  const qpsSide = {
    run() {
      const load = 3600 * SECOND;
      if (sim === null) {
        const values = { qps: 1000, work: 4 * SECOND, timeout: SECOND, load, ctx: false, total: load, go: '1.25' };
        sim = th.create(values, { seed: 1, sampleNs: SECOND / 2, traceCapacity: 0 });
        until = 20 * SECOND;
        sim.runUntil(until);
      }
      const sent = sim.counters().sent;
      until += 10 * SECOND;
      const ns = cpuNs(() => sim.runUntil(until));
      const c = sim.counters();
      return { perUnit: ns / 1000 / (c.sent - sent), check: sim.events + '/' + c.sent };
    },
  };
  return { gmp: gmpSide, qps: qpsSide };
}
${side('A', a)}
${side('B', b)}
`;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

interface ChildResult {
  a: number[];
  b: number[];
}

/** One process: warm both copies up, then `pairs` pairs, A and B in turn. */
async function child(bundle: string, workload: string, pairs: number): Promise<ChildResult> {
  const mod = (await import(pathToFileURL(bundle).href)) as Record<'A' | 'B', Record<string, Side>>;
  const a = mod.A[workload]!;
  const b = mod.B[workload]!;
  // V8 needs a few runs to optimise each copy's hot path.
  const warmups = workload === 'gmp' ? 10 : 2;
  for (let i = 0; i < warmups; i++) {
    a.run();
    b.run();
  }
  const out: ChildResult = { a: [], b: [] };
  for (let i = 0; i < pairs; i++) {
    // Alternate which side goes first, so neither always runs right after the other's garbage.
    const first = i % 2 === 0 ? a.run() : b.run();
    const second = i % 2 === 0 ? b.run() : a.run();
    const [x, y] = i % 2 === 0 ? [first, second] : [second, first];
    if (x.check !== y.check) {
      throw new Error(`A and B differ (events/units ${x.check} vs ${y.check})`);
    }
    out.a.push(x.perUnit);
    out.b.push(y.perUnit);
  }
  return out;
}

const childAt = process.argv.indexOf('--child');
if (childAt > 0) {
  const [bundle, workload, pairs] = process.argv.slice(childAt + 1);
  const result = await child(bundle!, workload!, Number(pairs));
  process.stdout.write(JSON.stringify(result));
  process.exit(0);
}

const rev = process.argv[2];
if (rev === undefined || rev.startsWith('--')) {
  console.error(
    'usage: npm run bench:ab -- <git revision> [--workload gmp|qps] [--procs K] [--pairs N]',
  );
  process.exit(2);
}
const workload = arg('workload', 'gmp');
const procs = Number(arg('procs', '5'));
const pairs = Number(arg('pairs', workload === 'gmp' ? '20' : '8'));
if (
  !Number.isInteger(pairs) ||
  pairs < 3 ||
  !Number.isInteger(procs) ||
  procs < 1 ||
  (workload !== 'gmp' && workload !== 'qps')
) {
  console.error(
    'bench:ab: --pairs >= 3 and --procs >= 1 are whole numbers; --workload is gmp or qps',
  );
  process.exit(2);
}
const treeA = checkout(rev);
const bundle = path.join(CACHE, `ab-${process.pid}.mjs`);
const source = path.join(CACHE, `ab-${process.pid}.ts`);
writeFileSync(source, entry(treeA, ROOT));
await build({
  entryPoints: [source],
  bundle: true,
  platform: 'node',
  format: 'esm',
  outfile: bundle,
  logLevel: 'warning',
});
const unit = workload === 'gmp' ? 'ns per schedule' : 'µs per request';
const f = (v: number) => v.toFixed(workload === 'gmp' ? 0 : 2);
const ra: number[] = [];
const rb: number[] = [];
const processRatios: number[] = [];
// Each process is a fresh roll of V8's optimisation decisions for each copy: an A/A run (both
// sides the same code) gave one process's median ratio anywhere from 0.80 to 1.02, so the
// verdict is the median over processes.
for (let k = 0; k < procs; k++) {
  const out = execFileSync(
    process.execPath,
    [
      ...process.execArgv,
      fileURLToPath(import.meta.url),
      '--child',
      bundle,
      workload,
      String(pairs),
    ],
    { encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const r = JSON.parse(out) as ChildResult;
  ra.push(...r.a);
  rb.push(...r.b);
  const ratio = median(r.b.map((y, i) => y / r.a[i]!));
  processRatios.push(ratio);
  console.log(
    `process ${k + 1}: A ${f(median(r.a))}, B ${f(median(r.b))} ${unit}; B/A median ${ratio.toFixed(3)}`,
  );
}
rmSync(bundle, { force: true });
rmSync(source, { force: true });
console.log(
  `${workload}: A (${rev}) ${f(median(ra))} ${unit} (best ${f(Math.min(...ra))}), B (working tree) ${f(median(rb))} (best ${f(Math.min(...rb))}); B/A ${median(processRatios).toFixed(3)} (median over ${procs} processes of ${pairs} pairs; range ${Math.min(...processRatios).toFixed(3)}-${Math.max(...processRatios).toFixed(3)})`,
);
