import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  MAX_RAW_LENGTH,
  defaultValues,
  formatParams,
  paramsForJson,
  parseParams,
  validateValues,
} from '../../src/scenarios/params.ts';
import type { ParamSchema } from '../../src/scenarios/types.ts';

const schema = {
  qps: { kind: 'int', label: 'Requests/s', help: '', min: 1, max: 5000, default: 50 },
  work: {
    kind: 'duration',
    label: 'Work',
    help: '',
    minNs: 1_000_000,
    maxNs: 60_000_000_000,
    defaultNs: 4_000_000_000,
  },
  ctx: { kind: 'bool', label: 'Honour ctx', help: '', default: false },
  mode: {
    kind: 'enum',
    label: 'Mode',
    help: '',
    options: ['block', 'panic', 'fixed'],
    default: 'block',
  },
} as const satisfies ParamSchema;

const defaults = { qps: 50, work: 4_000_000_000, ctx: false, mode: 'block' };

describe('parseParams', () => {
  test('missing params take their defaults', () => {
    expect(defaultValues(schema)).toEqual(defaults);
    expect(parseParams(schema, {})).toEqual({ values: defaults, errors: [] });
  });

  test('good values in the shared URL/CLI spelling are parsed', () => {
    const { values, errors } = parseParams(schema, {
      qps: '100',
      work: '45.5s',
      ctx: 'true',
      mode: 'panic',
    });
    expect(errors).toEqual([]);
    expect(values).toEqual({ qps: 100, work: 45_500_000_000, ctx: true, mode: 'panic' });
  });

  test.each([
    ['qps', 'abc', 'qps: "abc" is not an integer (1..5000)'],
    ['qps', '2.5', 'qps: "2.5" is not an integer (1..5000)'],
    ['qps', '1e3', 'qps: "1e3" is not an integer (1..5000)'],
    ['qps', '0', 'qps: "0" is below the minimum (1..5000)'],
    ['qps', '5001', 'qps: "5001" is above the maximum (1..5000)'],
    ['qps', '', 'qps: "" is not an integer (1..5000)'],
    [
      'work',
      '4x',
      'work: "4x" is not a Go duration like 700ms or 4s (time: unknown unit "x" in duration "4x") (1ms..1m0s)',
    ],
    [
      'work',
      '4',
      'work: "4" is not a Go duration like 700ms or 4s (time: missing unit in duration "4") (1ms..1m0s)',
    ],
    ['work', '2m', 'work: "2m" is above the maximum (1ms..1m0s)'],
    ['work', '-1s', 'work: "-1s" is below the minimum (1ms..1m0s)'],
    ['ctx', 'yes', 'ctx: "yes" is not a boolean (true or false)'],
    ['ctx', 'TRUE', 'ctx: "TRUE" is not a boolean (true or false)'],
    ['mode', 'explode', 'mode: "explode" is not an option (one of block, panic, fixed)'],
  ])('%s=%j gives a one-line error and keeps the default', (param, raw, message) => {
    const { values, errors } = parseParams(schema, { [param]: raw });
    expect(errors).toEqual([{ param, raw, message }]);
    expect(values).toEqual(defaults);
  });

  test('every bad param is reported, the good ones still apply', () => {
    const { values, errors } = parseParams(schema, { qps: '7', work: 'soon', mode: 'x' });
    expect(values).toEqual({ ...defaults, qps: 7 });
    expect(errors.map((e) => e.param)).toEqual(['work', 'mode']);
  });

  test('unknown names are reported with the known ones', () => {
    const { errors } = parseParams(schema, { qsp: '5' });
    expect(errors).toEqual([
      { param: 'qsp', raw: '5', message: '"qsp" is not a parameter (known: qps, work, ctx, mode)' },
    ]);
  });

  test('script text and absurdly long values are refused, truncated and escaped', () => {
    const script = '<script>alert(1)</script>';
    const long = '9'.repeat(10_000);
    const { errors } = parseParams(schema, { mode: script, qps: long });
    const byParam = Object.fromEntries(errors.map((e) => [e.param, e.message]));
    expect(byParam['mode']).toBe(
      'mode: "\\u{3c}script\\u{3e}alert(1)\\u{3c}/script\\u{3e}" is not an option (one of block, panic, fixed)',
    );
    expect(byParam['qps']).toBe(
      `qps: "${'9'.repeat(32)}…" is too long (${MAX_RAW_LENGTH} characters at most) (1..5000)`,
    );
  });

  test('no input of any kind throws, and every message is one printable line', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom('qps', 'work', 'ctx', 'mode', 'other', '__proto__', 'constructor'),
          fc.string({ maxLength: 80, unit: 'binary' }),
        ),
        (raw) => {
          const { values, errors } = parseParams(schema, raw);
          expect(Object.keys(values).sort()).toEqual(['ctx', 'mode', 'qps', 'work']);
          for (const e of errors) {
            // eslint-disable-next-line no-control-regex -- the point is to find control characters
            expect(e.message).not.toMatch(/[\u0000-\u001f<>]/);
            // The value shows at most 32 characters, each at most 10 when escaped (\u{10ffff}).
            expect(e.message.length).toBeLessThan(32 * 10 + 120);
          }
        },
      ),
    );
  });
});

describe('formatParams', () => {
  test('gives canonical spellings that parse back to the same values', () => {
    const values = { qps: 120, work: 700_000_000, ctx: true, mode: 'fixed' };
    const text = formatParams(schema, values);
    expect(text).toEqual({ qps: '120', work: '700ms', ctx: 'true', mode: 'fixed' });
    expect(parseParams(schema, text)).toEqual({ values, errors: [] });
  });

  test('round-trips any valid values', () => {
    fc.assert(
      fc.property(
        fc.record({
          qps: fc.integer({ min: 1, max: 5000 }),
          work: fc.integer({ min: 1_000_000, max: 60_000_000_000 }),
          ctx: fc.boolean(),
          mode: fc.constantFrom('block', 'panic', 'fixed'),
        }),
        (values) => {
          expect(parseParams(schema, formatParams(schema, values)).values).toEqual(values);
        },
      ),
    );
  });

  test('the JSON form keeps numbers as numbers and durations Go-style', () => {
    expect(paramsForJson(schema, defaults)).toEqual({
      qps: 50,
      work: '4s',
      ctx: false,
      mode: 'block',
    });
  });
});

describe('validateValues (MDX presets)', () => {
  test('accepts typed values and canonical strings', () => {
    expect(validateValues(schema, { qps: 10, work: '2s', ctx: true })).toEqual({
      values: { ...defaults, qps: 10, work: 2_000_000_000, ctx: true },
      errors: [],
    });
  });

  test('refuses wrong types and out-of-range numbers, keeping defaults', () => {
    const { values, errors } = validateValues(schema, {
      qps: 1.5,
      work: -3,
      ctx: 'maybe',
      mode: 7,
    });
    expect(values).toEqual(defaults);
    expect(errors.map((e) => e.message)).toEqual([
      'qps: "1.5" is not an integer (1..5000)',
      'work: "-3" is below the minimum (1ms..1m0s)',
      'ctx: "maybe" is not a boolean (true or false)',
      'mode: "7" is not an option (one of block, panic, fixed)',
    ]);
  });
});
