/**
 * The words a chart puts in its legend, its caption and its table for a series. Series names are
 * the model's keys, as `npm run sim` prints them (`heapBytes`, `wakeLatencyMs`, `status503`); a
 * reader gets plain words with the unit where the number has one, and the key stays on the
 * legend's and the table's `data-series` for tests. Every series of every scenario has its own
 * words (tests/widgets/series-label.test.ts).
 */
const LABELS: Readonly<Record<string, string>> = {
  // The scheduler's figures (src/model/metrics.ts).
  goroutines: 'goroutines',
  running: 'goroutines running',
  runqTotal: 'local run queues, total',
  runqMax: 'longest local run queue',
  globalRunq: 'global run queue',
  idleP: 'idle Ps',
  ms: 'Ms (threads)',
  spinning: 'spinning Ms',
  syscall: 'goroutines in syscalls',
  ioWait: 'goroutines in IO wait',
  steals: 'steals',
  handoffs: 'P hand-offs',
  preemptions: 'preemptions',
  // stack-growth
  stackBytes: 'stack size (bytes)',
  stackUsed: 'stack used (bytes)',
  depth: 'call depth (frames)',
  copies: 'stack copies',
  copiedBytes: 'bytes copied',
  // preemption
  wakeLatencyMs: 'wake latency (ms)',
  // afterfunc-leak
  pendingTimers: 'pending timers',
  fired: 'timers fired',
  heapBytes: 'heap (bytes)',
  // once-stall
  calls: 'GetConfig calls',
  nilConfig: 'nil configs returned',
  // timeout-handler
  innerHandlers: 'inner handlers running',
  sent: 'requests sent',
  status503: '503 answers',
  status200: '200 answers',
  // observability
  openConns: 'open connections',
  inFlight: 'requests in flight',
  latencyMs: 'mean latency (ms)',
};

/** True when `name` has words of its own (not the key shown as a fallback). */
export function hasSeriesLabel(name: string): boolean {
  return Object.hasOwn(LABELS, name);
}

/** The words for series `name`; the key itself for a series nobody has named yet. */
export function seriesLabel(name: string): string {
  return LABELS[name] ?? name;
}
