/**
 * A goroutine alert as Prometheus evaluates one, over a sampled series: a condition on the level
 * (goroutines above a threshold) and/or on its rate of change over a window, which must hold for
 * a `for` duration before the alert fires; it resolves at the first evaluation where the condition
 * no longer holds. Pure: the same series and rule always give the same firing intervals.
 *
 * @see https://prometheus.io/docs/prometheus/latest/configuration/alerting_rules/ (`for`, states)
 */

/** Which conditions make the alert active. */
export type AlertMode = 'threshold' | 'rate' | 'both' | 'either';
export const ALERT_MODES: readonly AlertMode[] = ['threshold', 'rate', 'both', 'either'];

export interface AlertRule {
  readonly mode: AlertMode;
  /** Level condition: the series is above this value. */
  readonly threshold: number;
  /** Rate condition: the series grew by more than this per minute over `windowNs`. */
  readonly ratePerMin: number;
  /** The look-back of the rate, like the range of PromQL's `delta(x[5m])`. */
  readonly windowNs: number;
  /** How long the condition must hold before the alert fires (pending until then). */
  readonly forNs: number;
}

export type AlertState = 'inactive' | 'pending' | 'firing';

/** A span during which the alert fired; `endMs` null while it is still firing at the end. */
export interface FiringInterval {
  readonly startMs: number;
  readonly endMs: number | null;
}

export interface AlertEvaluation {
  /** Growth per minute over the window at each sample; null before a whole window has passed. */
  readonly ratePerMin: readonly (number | null)[];
  readonly states: readonly AlertState[];
  readonly firing: readonly FiringInterval[];
  /** When the alert first fired, ms; null if it never did. */
  readonly firstFiringMs: number | null;
}

const MS_PER_MIN = 60_000;

/**
 * Growth per minute at each sample: (v[i] − v[j]) / (t[i] − t[j]) with j the latest sample at
 * least `windowNs` before i. Null until the series is a whole window long.
 */
export function ratePerMinute(
  tMs: readonly number[],
  values: readonly number[],
  windowNs: number,
): (number | null)[] {
  const windowMs = windowNs / 1e6;
  const out: (number | null)[] = [];
  let j = -1;
  for (let i = 0; i < tMs.length; i++) {
    const t = tMs[i] as number;
    while (j + 1 < i && (tMs[j + 1] as number) <= t - windowMs) j++;
    if (j < 0 || (tMs[j] as number) > t - windowMs) {
      out.push(null);
      continue;
    }
    const dt = t - (tMs[j] as number);
    out.push(dt > 0 ? (((values[i] as number) - (values[j] as number)) / dt) * MS_PER_MIN : null);
  }
  return out;
}

function conditionHolds(rule: AlertRule, value: number, rate: number | null): boolean {
  const level = value > rule.threshold;
  const growing = rate !== null && rate > rule.ratePerMin;
  switch (rule.mode) {
    case 'threshold':
      return level;
    case 'rate':
      return growing;
    case 'both':
      return level && growing;
    case 'either':
      return level || growing;
  }
}

/** Evaluates the rule at every sample, as a rule evaluated on the same grid would. */
export function evaluateAlert(
  tMs: readonly number[],
  values: readonly number[],
  rule: AlertRule,
): AlertEvaluation {
  const rates = ratePerMinute(tMs, values, rule.windowNs);
  const forMs = rule.forNs / 1e6;
  const states: AlertState[] = [];
  const firing: FiringInterval[] = [];
  let activeSince: number | null = null;
  let firingSince: number | null = null;
  for (let i = 0; i < tMs.length; i++) {
    const t = tMs[i] as number;
    if (!conditionHolds(rule, values[i] as number, rates[i] ?? null)) {
      if (firingSince !== null) firing.push({ startMs: firingSince, endMs: t });
      activeSince = null;
      firingSince = null;
      states.push('inactive');
      continue;
    }
    activeSince ??= t;
    if (firingSince === null && t - activeSince >= forMs) firingSince = t;
    states.push(firingSince === null ? 'pending' : 'firing');
  }
  if (firingSince !== null) firing.push({ startMs: firingSince, endMs: null });
  return { ratePerMin: rates, states, firing, firstFiringMs: firing[0]?.startMs ?? null };
}

/** Time to detect: first firing minus the moment the leak began; null when it never fired. */
export function timeToDetectMs(evaluation: AlertEvaluation, leakStartMs: number): number | null {
  const first = evaluation.firstFiringMs;
  return first === null ? null : first - leakStartMs;
}
