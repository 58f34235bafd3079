/**
 * The alert rule's knobs as a parameter schema, so they take the same sliders, URL keys and
 * refused-value notices as a scenario's. They are not a scenario's params: moving them re-reads
 * the series and never re-runs the model.
 */
import { ALERT_MODES, type AlertRule } from './alert-rule.ts';
import { HOUR, MINUTE, SECOND } from './duration.ts';
import type { ParamValues } from './types.ts';

export const alertParams = {
  alert: {
    kind: 'enum',
    label: 'Alert when',
    help: 'threshold: goroutines above the threshold; rate: growing faster than the rate; both / either.',
    options: ALERT_MODES,
    optionLabels: ['above threshold', 'growing fast', 'both', 'either'],
    default: 'either',
  },
  threshold: {
    kind: 'int',
    label: 'Goroutine threshold',
    help: 'The alert condition holds while goroutines are above this.',
    min: 10,
    max: 1_000_000,
    default: 2000,
    log: true,
  },
  rate: {
    kind: 'int',
    label: 'Growth threshold',
    help: 'The alert condition holds while goroutines grow faster than this per minute.',
    min: 1,
    max: 100_000,
    default: 200,
    log: true,
    unit: '/min',
  },
  window: {
    kind: 'duration',
    label: 'Rate window',
    help: 'The growth is measured over this look-back, like delta(go_goroutines[5m]).',
    minNs: 30 * SECOND,
    maxNs: HOUR,
    defaultNs: 5 * MINUTE,
    log: true,
  },
  for: {
    kind: 'duration',
    label: 'For',
    help: 'How long the condition must hold before the alert fires.',
    minNs: 0,
    maxNs: HOUR,
    defaultNs: MINUTE,
  },
} as const;

export type AlertValues = ParamValues<typeof alertParams>;

export function alertRuleOf(v: AlertValues): AlertRule {
  return {
    mode: v.alert as AlertRule['mode'],
    threshold: v.threshold,
    ratePerMin: v.rate,
    windowNs: v.window,
    forNs: v.for,
  };
}
