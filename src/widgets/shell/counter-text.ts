import { formatVirtualTime } from './transcript';

/**
 * A counter as the panel shows it: a duration in milliseconds (`wakeLatencyMs`, `…MsMin`,
 * `…MsMax`) in Go's duration syntax like every other time on the site (`11.54ms`), any other
 * count with grouped digits. (`ms` alone counts Ms, the threads.)
 */
export function counterText(name: string, value: number): string {
  if (/Ms(Min|Max)?$/.test(name)) return formatVirtualTime(Math.round(value * 1_000_000));
  return value.toLocaleString('en-US');
}

/**
 * The words the panel puts above a counter. Counter names are the CLI's JSON keys (`status503`,
 * `wakeLatencyMsMin`); a reader gets plain words, and the key stays on the value's
 * `data-counter` for tests and for matching `npm run sim` output.
 */
const LABELS: Readonly<Record<string, string>> = {
  schedules: 'schedules',
  steals: 'steals',
  handoffs: 'P hand-offs',
  preemptions: 'preemptions',
  ms: 'Ms (threads)',
  trials: 'trials',
  wakeLatencyMs: 'wake latency, mean',
  wakeLatencyMsMin: 'wake latency, min',
  wakeLatencyMsMax: 'wake latency, max',
  stackBytes: 'stack bytes',
  peakStackBytes: 'peak stack bytes',
  copies: 'stack copies',
  copiedBytes: 'bytes copied',
  growths: 'growths',
  shrinks: 'shrinks',
  fired: 'timers fired',
  calls: 'calls',
  nilConfig: 'nil configs returned',
  sent: 'requests sent',
  status503: '503 answers',
  status200: '200 answers',
  errHandlerTimeout: 'ErrHandlerTimeout writes',
};

export function counterLabel(name: string): string {
  return LABELS[name] ?? name;
}
