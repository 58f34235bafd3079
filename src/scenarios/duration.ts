/**
 * Go durations: `time.ParseDuration` and `Duration.String()`, so a reader can type `700ms`, `4s` or
 * `1h30m` anywhere (slider, URL, CLI) and see the same spelling Go prints.
 *
 * Values are integer nanoseconds held in a JS number, so anything beyond Number.MAX_SAFE_INTEGER
 * (about 104 days) is refused rather than silently rounded.
 *
 * @see https://github.com/golang/go/blob/go1.25.0/src/time/format.go (ParseDuration)
 * @see https://github.com/golang/go/blob/go1.25.0/src/time/time.go (Duration.String)
 */

export const NANOSECOND = 1;
export const MICROSECOND = 1_000;
export const MILLISECOND = 1_000_000;
export const SECOND = 1_000_000_000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;

/** `unitMap` of format.go: both micro signs (U+00B5, U+03BC) and `us` mean microseconds. */
const UNIT_NS: Readonly<Record<string, bigint>> = {
  ns: 1n,
  us: 1_000n,
  µs: 1_000n,
  μs: 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

const INT64_MIN_MAGNITUDE = 1n << 63n;

/** Why a duration string was refused, in the words `time.ParseDuration` uses. */
export class DurationError extends Error {
  override readonly name = 'DurationError';
}

export type DurationResult = { ok: true; ns: number } | { ok: false; error: string };

/** Go's `quote` for error messages: a double-quoted string with escapes. */
function quote(s: string): string {
  return JSON.stringify(s);
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/**
 * Parses a Go duration string into integer nanoseconds without throwing.
 *
 * @example parseDurationResult('1.5s') // { ok: true, ns: 1_500_000_000 }
 */
export function parseDurationResult(orig: string): DurationResult {
  const invalid = (): DurationResult => ({
    ok: false,
    error: `time: invalid duration ${quote(orig)}`,
  });
  let s = orig;
  let negative = false;
  if (s.startsWith('-') || s.startsWith('+')) {
    negative = s.startsWith('-');
    s = s.slice(1);
  }
  // format.go: "Special case: if all that is left is "0", this is zero."
  if (s === '0') return { ok: true, ns: 0 };
  if (s === '') return invalid();

  let total = 0n;
  while (s !== '') {
    if (!(s[0] === '.' || isDigit(s[0]))) return invalid();

    // leadingInt: [0-9]*
    let i = 0;
    while (isDigit(s[i])) i++;
    const intDigits = s.slice(0, i);
    s = s.slice(i);
    const whole = intDigits === '' ? 0n : BigInt(intDigits);
    if (whole > INT64_MIN_MAGNITUDE) return invalid();

    // leadingFraction: (\.[0-9]*)? — digits past what fits in an int64 are consumed and ignored.
    let fraction = 0n;
    let scale = 1;
    let hasFraction = false;
    if (s.startsWith('.')) {
      s = s.slice(1);
      let j = 0;
      let overflow = false;
      while (isDigit(s[j])) {
        if (!overflow) {
          const next = fraction * 10n + BigInt(s.charCodeAt(j) - 48);
          if (next > INT64_MIN_MAGNITUDE) {
            overflow = true;
          } else {
            fraction = next;
            scale *= 10;
          }
        }
        j++;
      }
      hasFraction = j > 0;
      s = s.slice(j);
    }
    if (intDigits === '' && !hasFraction) return invalid();

    // The unit runs up to the next digit or '.'.
    let k = 0;
    while (k < s.length && s[k] !== '.' && !isDigit(s[k])) k++;
    if (k === 0) return { ok: false, error: `time: missing unit in duration ${quote(orig)}` };
    const unitName = s.slice(0, k);
    s = s.slice(k);
    const unit = UNIT_NS[unitName];
    if (unit === undefined) {
      return {
        ok: false,
        error: `time: unknown unit ${quote(unitName)} in duration ${quote(orig)}`,
      };
    }
    if (whole > INT64_MIN_MAGNITUDE / unit) return invalid();
    let v = whole * unit;
    if (fraction > 0n) {
      // Go does this step in float64 ("needed to be nanosecond accurate for fractions of hours");
      // doing the same keeps `1.0000000001h`-style inputs bit-for-bit equal to Go's result.
      v += BigInt(Math.trunc(Number(fraction) * (Number(unit) / scale)));
      if (v > INT64_MIN_MAGNITUDE) return invalid();
    }
    total += v;
    if (total > INT64_MIN_MAGNITUDE) return invalid();
  }
  if (!negative && total > INT64_MIN_MAGNITUDE - 1n) return invalid();
  if (total > BigInt(Number.MAX_SAFE_INTEGER)) {
    return {
      ok: false,
      error: `duration ${quote(orig)} is too long for this model (at most ${formatDuration(Number.MAX_SAFE_INTEGER)})`,
    };
  }
  const ns = Number(total);
  return { ok: true, ns: negative ? -ns : ns };
}

/**
 * Parses a Go duration string into integer nanoseconds; throws a DurationError on bad input.
 *
 * @example parseDuration('1h30m') // 5_400_000_000_000
 */
export function parseDuration(s: string): number {
  const result = parseDurationResult(s);
  if (!result.ok) throw new DurationError(result.error);
  return result.ns;
}

/** fmtFrac: the fraction of v / 10^prec without trailing zeros (and no '.' when it is zero). */
function fractionDigits(v: bigint, prec: number): { fraction: string; rest: bigint } {
  let digits = '';
  let printed = false;
  let rest = v;
  for (let i = 0; i < prec; i++) {
    const digit = rest % 10n;
    printed ||= digit !== 0n;
    if (printed) digits = `${digit}${digits}`;
    rest /= 10n;
  }
  return { fraction: printed ? `.${digits}` : '', rest };
}

/**
 * Go's `Duration.String()`: `0s`, `1.5µs`, `700ms`, `4s`, `1m30s`, `1h0m0s`.
 *
 * @example formatDuration(90 * SECOND) // '1m30s'
 */
export function formatDuration(ns: number): string {
  if (!Number.isSafeInteger(ns)) throw new DurationError(`not an integer number of ns: ${ns}`);
  const negative = ns < 0;
  let u = BigInt(Math.abs(ns));
  let text: string;
  if (u < 1_000_000_000n) {
    if (u === 0n) return '0s';
    let prec: number;
    let unit: string;
    if (u < 1_000n) {
      prec = 0;
      unit = 'ns';
    } else if (u < 1_000_000n) {
      prec = 3;
      unit = 'µs'; // U+00B5, as Go prints it
    } else {
      prec = 6;
      unit = 'ms';
    }
    const { fraction, rest } = fractionDigits(u, prec);
    text = `${rest}${fraction}${unit}`;
  } else {
    const { fraction, rest } = fractionDigits(u, 9);
    u = rest;
    text = `${u % 60n}${fraction}s`;
    u /= 60n;
    if (u > 0n) {
      text = `${u % 60n}m${text}`;
      u /= 60n;
      if (u > 0n) text = `${u}h${text}`;
    }
  }
  return negative ? `-${text}` : text;
}
