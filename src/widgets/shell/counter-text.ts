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
