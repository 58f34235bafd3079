import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  HOUR,
  MICROSECOND,
  MILLISECOND,
  MINUTE,
  SECOND,
  formatDuration,
  parseDuration,
  parseDurationResult,
} from '../../src/scenarios/duration.ts';

// Expected values are the ones time.ParseDuration and Duration.String give in Go (the table in
// golang/go src/time/time_test.go, parseDurationTests and durationTests).
describe('parseDuration follows time.ParseDuration', () => {
  test.each([
    ['0', 0],
    ['5s', 5 * SECOND],
    ['30s', 30 * SECOND],
    ['1478s', 1478 * SECOND],
    ['-5s', -5 * SECOND],
    ['+5s', 5 * SECOND],
    ['-0', 0],
    ['+0', 0],
    ['5.0s', 5 * SECOND],
    ['5.6s', 5 * SECOND + 600 * MILLISECOND],
    ['5.s', 5 * SECOND],
    ['.5s', 500 * MILLISECOND],
    ['1.0s', SECOND],
    ['1.00s', SECOND],
    ['1.004s', SECOND + 4 * MILLISECOND],
    ['1.0040s', SECOND + 4 * MILLISECOND],
    ['100.00100s', 100 * SECOND + MILLISECOND],
    ['10ns', 10],
    ['11us', 11 * MICROSECOND],
    ['12µs', 12 * MICROSECOND],
    ['12μs', 12 * MICROSECOND],
    ['13ms', 13 * MILLISECOND],
    ['14s', 14 * SECOND],
    ['15m', 15 * MINUTE],
    ['16h', 16 * HOUR],
    ['3h30m', 3 * HOUR + 30 * MINUTE],
    ['10.5s4m', 4 * MINUTE + 10 * SECOND + 500 * MILLISECOND],
    ['-2m3.4s', -(2 * MINUTE + 3 * SECOND + 400 * MILLISECOND)],
    ['1h2m3s4ms5us6ns', HOUR + 2 * MINUTE + 3 * SECOND + 4 * MILLISECOND + 5 * MICROSECOND + 6],
    ['39h9m14.425s', 39 * HOUR + 9 * MINUTE + 14 * SECOND + 425 * MILLISECOND],
    ['52763797000ns', 52763797000],
    ['0.3333333333333333333h', 20 * MINUTE],
    ['0.100000000000000000000h', 6 * MINUTE],
    ['0.830103483285477580700h', 49 * MINUTE + 48 * SECOND + 372539827],
  ])('%s = %d ns', (text, ns) => {
    expect(parseDuration(text)).toBe(ns);
  });

  test.each([
    ['', 'time: invalid duration ""'],
    ['3', 'time: missing unit in duration "3"'],
    ['-', 'time: invalid duration "-"'],
    ['s', 'time: invalid duration "s"'],
    ['.', 'time: invalid duration "."'],
    ['-.', 'time: invalid duration "-."'],
    ['.s', 'time: invalid duration ".s"'],
    ['+.s', 'time: invalid duration "+.s"'],
    ['1d', 'time: unknown unit "d" in duration "1d"'],
    ['4x', 'time: unknown unit "x" in duration "4x"'],
    ['3000000h', 'time: invalid duration "3000000h"'],
    ['9223372036854775808ns', 'time: invalid duration "9223372036854775808ns"'],
  ])('%j is refused with Go’s message', (text, message) => {
    expect(parseDurationResult(text)).toEqual({ ok: false, error: message });
    expect(() => parseDuration(text)).toThrow(message);
  });

  test('values past Number.MAX_SAFE_INTEGER ns are refused, not rounded', () => {
    // 2562047h is a valid Go duration (below 1<<63 ns) but not a safe integer in JS.
    const result = parseDurationResult('2562047h');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/too long/);
    expect(parseDuration('2501h')).toBe(2501 * HOUR);
  });
});

describe('formatDuration follows Duration.String', () => {
  test.each([
    [0, '0s'],
    [1, '1ns'],
    [1100, '1.1µs'],
    [2200 * MICROSECOND, '2.2ms'],
    [700 * MILLISECOND, '700ms'],
    [3300 * MILLISECOND, '3.3s'],
    [4 * SECOND, '4s'],
    [1500 * MILLISECOND, '1.5s'],
    [90 * SECOND, '1m30s'],
    [4 * MINUTE + 5 * SECOND, '4m5s'],
    [4 * MINUTE + 5001 * MILLISECOND, '4m5.001s'],
    [5 * HOUR + 6 * MINUTE + 7001 * MILLISECOND, '5h6m7.001s'],
    [8 * MINUTE + 1, '8m0.000000001s'],
    [HOUR, '1h0m0s'],
    [-1, '-1ns'],
    [-90 * SECOND, '-1m30s'],
  ])('%d ns prints %s', (ns, text) => {
    expect(formatDuration(ns)).toBe(text);
  });

  test('formatting then parsing gives back the same nanoseconds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
        (ns) => {
          expect(parseDuration(formatDuration(ns))).toBe(ns);
        },
      ),
    );
  });
});
