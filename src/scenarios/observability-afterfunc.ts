/**
 * The AfterFunc incident as the observability run serves it: chapter 1's upload service
 * (./go/afterfunc-server-go.ts). Each request's handler arms `time.AfterFunc(delay, f)` with the
 * request body captured and answers at once; f sends a report to `ship` through a 100-slot
 * channel.
 *
 * - buggy, collector up (`nostop`): every timer stays pending for `delay`, holding its closure and
 *   the body; then f sends and ends. Goroutines, latency and connections stay flat.
 * - buggy, collector stalled (`blockingf`): ship parks in its POST, the buffer fills, and every f
 *   that fires from then on parks on its send: one goroutine per request, forever.
 * - fixed: `defer watchdog.Stop()` stops each timer before the response goes out; f never runs.
 *
 * The `afterfunc-leak` scenario (./afterfunc-leak.ts) is the same timers without the server, as
 * the reference program runs them.
 */
import type { Program } from '../model/program.ts';
import { AFTERFUNC_TIMER_BYTES, allocBytes } from '../model/stdlib/heap-bytes.ts';
import type { StdlibOp } from '../model/stdlib/ops-index.ts';
import { afterFuncServerBuggy, afterFuncServerFixed } from './go/afterfunc-server-go.ts';
import { lineOf } from './go/source-lines.ts';
import type { IncidentModel, ObservabilityValues } from './observability-run.ts';
import { SHARED, serverPrograms, serverRun } from './observability-server.ts';

/** Locals of a connection goroutine past the request: `reports`, then the request's timer. */
const REPORTS = SHARED;
const TIMER = SHARED + 1;
/** Slots of `reports`, as chapter 1's program makes it. */
const REPORTS_CAP = 100;

/**
 * What each timer holds while pending: the body (`io.ReadAll` of `payload` bytes), the closure
 * (function pointer, `r`, and the body's slice header; the fix: the path's string header and the
 * size), and the `*time.Timer`.
 */
function heldBytes(v: ObservabilityValues, fixed: boolean): number {
  const closure = fixed ? allocBytes(8 + 16 + 8) : allocBytes(8 + 8 + 24);
  return (fixed ? 0 : allocBytes(v.payload)) + closure + AFTERFUNC_TIMER_BYTES;
}

function programs(v: ObservabilityValues): Program[] {
  const fixed = v.fix;
  const src = fixed ? afterFuncServerFixed : afterFuncServerBuggy;
  const at = (needle: string): number => lineOf(src, needle);
  const file = '/srv/app/upload/main.go';
  const armed: StdlibOp = {
    kind: 'time.AfterFunc',
    delayNs: v.delay,
    fn: 'main.upload.func1',
    arg: REPORTS,
    bytes: heldBytes(v, fixed),
    dst: TIMER,
    line: at(fixed ? 'watchdog := time.AfterFunc(' : 'time.AfterFunc(*delay'),
  };
  const answer = at('fmt.Fprintf(w, ');
  const conn: StdlibOp[] = [
    { kind: 'http.readRequest', line: at('http.ListenAndServe(') },
    armed,
    ...(fixed
      ? [{ kind: 'timer.Stop', timer: TIMER, line: at('defer watchdog.Stop()') } as const]
      : []),
    { kind: 'http.respond', status: 200, line: answer },
    { kind: 'std.jump', to: 0, line: answer },
  ];
  // f's local 0 is `reports` (what the closure sends on).
  const f: StdlibOp[] = fixed
    ? [
        {
          kind: 'select',
          cases: [{ dir: 'send', chan: 0, value: v.payload }],
          hasDefault: true,
          line: at('case reports <- rep:'),
        },
      ]
    : [{ kind: 'chan.send', chan: 0, value: v.payload, line: at('reports <- slowReport{') }];
  // The collector stalls in either program: the fix is what makes that harmless.
  const stalled = v.afterfuncMode === 'blockingf';
  const range = at('for rep := range reports {');
  const ship: StdlibOp[] = [
    { kind: 'chan.recv', chan: 0, line: range },
    { kind: 'std.take', line: range },
    ...(stalled
      ? [{ kind: 'select', cases: [], hasDefault: false, line: at('select {} //') } as const]
      : []),
    { kind: 'std.jump', to: 0, line: range },
  ];
  return serverPrograms(v, {
    file,
    method: 'POST',
    mainLine: at('func main() {'),
    serveLine: at('http.ListenAndServe('),
    prologue: [
      {
        kind: 'chan.make',
        cap: REPORTS_CAP,
        dst: REPORTS,
        line: at('make(chan slowReport, 100)'),
      },
      { kind: 'std.go', prog: 3, pass: [REPORTS], line: at('go ship(reports)') },
    ],
    shared: 1,
    conn,
    others: [
      { func: 'main.upload.func1', file, line: armed.line, role: 'timer-f', ops: f },
      { func: 'main.ship', file, line: range, role: 'shipper', ops: ship },
    ],
  });
}

export const afterfuncServer: IncidentModel = {
  sources: [afterFuncServerBuggy, afterFuncServerFixed],
  create: (v, options) => serverRun(v, options, programs(v)),
};
