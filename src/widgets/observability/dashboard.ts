/**
 * What the observability stage draws, computed from the run's series and the alert rule: plain
 * data, so the stage only draws and the same state always gives the same picture.
 */
import type { AlertRule, AlertState, FiringInterval } from '../../scenarios/alert-rule';
import { evaluateAlert, timeToDetectMs } from '../../scenarios/alert-rule';
import { formatDuration } from '../../scenarios/duration';
import {
  INCIDENTS,
  observabilityParams,
  type Incident,
  type ObservabilityValues,
} from '../../scenarios/observability-run';
import type { Series } from '../../scenarios/types';

export interface DashboardPanel {
  readonly title: string;
  readonly unit: string;
  readonly values: readonly number[];
  /** A horizontal rule line (the alert's threshold), when the panel has one. */
  readonly rule: number | null;
  /** Why the panel is empty, when the run has no such figure (yet). */
  readonly missing: string | null;
  /** The values are milliseconds, printed as Go durations (`1.001s`, like every other duration). */
  readonly durationMs?: true;
}

export interface Dashboard {
  readonly tMs: readonly number[];
  readonly horizonMs: number;
  readonly nowMs: number;
  /** Events the model has run so far: one step moves it even when the clock stands still. */
  readonly events: number;
  readonly panels: readonly DashboardPanel[];
  readonly firing: readonly FiringInterval[];
  /** The alert's state at the last sample taken so far. */
  readonly state: AlertState;
  readonly timeToDetectMs: number | null;
  readonly rule: AlertRule;
  /** The service's settings in one line, drawn under the strips. */
  readonly caption: string;
}

/** The key the widget puts the dashboard under in the View's `extra`. */
export const DASHBOARD_KEY = 'dashboard';

/**
 * Why the latency panel is empty: latency is only defined for answered requests (a sync.Once
 * whose f blocks answers none). Short enough for the stage's label column; the notes say more.
 */
const NONE_ANSWERED = 'no request answered yet';

/** A plain panel of one series. */
function panel(title: string, unit: string, values: readonly number[] | undefined): DashboardPanel {
  return { title, unit, values: values ?? [], rule: null, missing: null };
}

/** Latency, or an empty panel saying so while no request has been answered. */
function latencyPanel(values: readonly number[] | undefined): DashboardPanel {
  const answered = values !== undefined && values.some(Number.isFinite);
  return {
    ...panel('mean latency', '', answered ? values : []),
    missing: answered ? null : NONE_ANSWERED,
    durationMs: true,
  };
}

/**
 * What the growth panel shows until its first whole window of samples is in (the rate is defined
 * over a window, like PromQL's `delta(x[5m])`): the data it needs and how long until it has them,
 * to the second, on two lines of the stage's label column; or that the run is shorter than that.
 */
export function awaitingWindow(
  tMs: readonly number[],
  windowNs: number,
  horizonNs: number,
): string {
  const needs = `needs ${formatDuration(windowNs)} of data`;
  const first = tMs[0] ?? 0;
  if (first + windowNs / 1e6 > horizonNs / 1e6) return `${needs}\nmore than this run`;
  const last = tMs.at(-1) ?? first;
  const leftS = Math.max(0, Math.round((first + windowNs / 1e6 - last) / 1000));
  return `${needs}\n${formatDuration(leftS * 1e9)} to go`;
}

/** The leak starts with the traffic, at t = 0, in every incident run. */
export const LEAK_START_MS = 0;

export function buildDashboard(
  series: Series,
  rule: AlertRule,
  position: { readonly nowNs: number; readonly events: number },
  horizonNs: number,
  caption: string,
): Dashboard {
  const { nowNs, events } = position;
  const tMs = series.t_ms;
  const goroutines = series['goroutines'] ?? [];
  const alert = evaluateAlert(tMs, goroutines, rule);
  const rates = alert.ratePerMin.map((r) => r ?? Number.NaN);
  const heapMiB = (series['heapBytes'] ?? []).map((b) => b / 2 ** 20);
  const usesLevel = rule.mode !== 'rate';
  const usesRate = rule.mode !== 'threshold';
  return {
    tMs,
    horizonMs: horizonNs / 1e6,
    nowMs: nowNs / 1e6,
    events,
    panels: [
      {
        title: 'goroutines',
        unit: '',
        values: goroutines,
        rule: usesLevel ? rule.threshold : null,
        missing: null,
      },
      {
        title: 'growth per minute',
        unit: '/min',
        values: rates,
        rule: usesRate ? rule.ratePerMin : null,
        missing: rates.some(Number.isFinite) ? null : awaitingWindow(tMs, rule.windowNs, horizonNs),
      },
      panel('heap', ' MiB', heapMiB),
      panel('requests in flight', '', series['inFlight']),
      latencyPanel(series['latencyMs']),
      panel('open connections', '', series['openConns']),
    ],
    firing: alert.firing,
    state: alert.states.at(-1) ?? 'inactive',
    timeToDetectMs: timeToDetectMs(alert, LEAK_START_MS),
    rule,
    caption,
  };
}

/** An enum parameter's value as its control spells it ('f blocks', not 'blockingf'). */
function optionLabel(
  spec: { options: readonly string[]; optionLabels: readonly string[] },
  value: string,
): string {
  return spec.optionLabels[spec.options.indexOf(value)] ?? value;
}

/**
 * Every knob of the run, so the board says exactly which service it shows: the running incident's
 * first, then the other incidents' knobs, marked as unused by this run (a reader who moves one
 * sees why the curves stay put). Enum values are spelled as their controls spell them.
 */
export function describeService(v: ObservabilityValues): string {
  const d = (ns: number) => formatDuration(ns);
  // The schema's enum admits only the incidents (the dashboard widget casts it the same way).
  const running = v.incident as Incident;
  const knobs: Record<Incident, string> = {
    'timeout-handler': `work ${d(v.work)}, timeout ${d(v.timeout)}`,
    'afterfunc-leak':
      `${optionLabel(observabilityParams.afterfuncMode, v.afterfuncMode)}, delay ${d(v.delay)}, ` +
      `${v.payload.toLocaleString('en-US')} B captured`,
    'once-stall': optionLabel(observabilityParams.onceMode, v.onceMode),
  };
  const name = (incident: Incident) => optionLabel(observabilityParams.incident, incident);
  const unused = INCIDENTS.filter((incident) => incident !== running)
    .map((incident) => `${name(incident)}: ${knobs[incident]}`)
    .join('; ');
  return (
    `${name(running)}${v.fix ? ' (fixed)' : ''} at ${v.qps.toLocaleString('en-US')}/s, ` +
    `Go ${v.go} · ${knobs[running]} (unused by this run: ${unused})`
  );
}
