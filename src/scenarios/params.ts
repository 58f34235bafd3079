/**
 * Scenario parameters: one `ParamSchema` drives sliders, URL state, CLI flags and MDX presets.
 *
 * Every spelling is the one the CLI and the URL share: ints plain (`50`), durations the Go way
 * (`700ms`, `4s`), booleans `true`/`false`, enums by option name. A bad value never throws: it
 * yields a one-line `ParamError` naming the param, the value and what is allowed, and the param
 * keeps its default.
 *
 * The validators are built with valibot from each ParamSpec, so the schema is declared once.
 */
import * as v from 'valibot';
import { formatDuration, parseDurationResult } from './duration.ts';
import type { ParamError, ParamSchema, ParamSpec, ParamValues } from './types.ts';

/** Longer raw strings are refused before any parsing (a URL can carry anything). */
export const MAX_RAW_LENGTH = 64;
/** How much of a bad value a message shows. */
const SHOWN_LENGTH = 32;

type Value = number | boolean | string;

export interface ParseOutcome<S extends ParamSchema> {
  readonly values: ParamValues<S>;
  readonly errors: readonly ParamError[];
}

/** The allowed range or options of a spec, as messages and `--list` print it. */
export function describeAllowed(spec: ParamSpec): string {
  switch (spec.kind) {
    case 'int':
      return `${spec.min}..${spec.max}`;
    case 'duration':
      return `${formatDuration(spec.minNs)}..${formatDuration(spec.maxNs)}`;
    case 'bool':
      return 'true or false';
    case 'enum':
      return `one of ${spec.options.join(', ')}`;
  }
}

export function defaultValue(spec: ParamSpec): Value {
  switch (spec.kind) {
    case 'int':
    case 'bool':
    case 'enum':
      return spec.default;
    case 'duration':
      return spec.defaultNs;
  }
}

export function defaultValues<S extends ParamSchema>(schema: S): ParamValues<S> {
  const values: Record<string, Value> = {};
  for (const [name, spec] of Object.entries(schema)) values[name] = defaultValue(spec);
  return values as ParamValues<S>;
}

/** The canonical spelling of one value (the same in the URL and on the CLI). */
export function formatValue(spec: ParamSpec, value: Value): string {
  if (spec.kind === 'duration' && typeof value === 'number') return formatDuration(value);
  return String(value);
}

export function formatParams<S extends ParamSchema>(
  schema: S,
  values: ParamValues<S>,
): Record<keyof S & string, string> {
  const out: Record<string, string> = {};
  for (const [name, spec] of Object.entries(schema)) {
    out[name] = formatValue(spec, (values as Record<string, Value>)[name] ?? defaultValue(spec));
  }
  return out;
}

/**
 * The params as the CLI's JSON reports them: ints and booleans as JSON values, durations and
 * enums as their Go spellings (`{ "qps": 50, "work": "4s" }`).
 */
export function paramsForJson<S extends ParamSchema>(
  schema: S,
  values: ParamValues<S>,
): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [name, spec] of Object.entries(schema)) {
    const value = (values as Record<string, Value>)[name] ?? defaultValue(spec);
    out[name] = spec.kind === 'duration' ? formatValue(spec, value) : value;
  }
  return out;
}

/**
 * A bad value made safe to print on one line of a terminal or a page: truncated, quoted, and with
 * control characters, markup characters and other non-ASCII escaped (the micro sign stays).
 */
export function showRaw(raw: string): string {
  const cut = raw.length > SHOWN_LENGTH ? `${raw.slice(0, SHOWN_LENGTH)}…` : raw;
  let out = '';
  for (const ch of cut) {
    const code = ch.codePointAt(0) ?? 0;
    const printable = code >= 0x20 && code <= 0x7e && !'<>&"\\'.includes(ch);
    if (printable || ch === 'µ' || ch === 'μ' || ch === '…') out += ch;
    else if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else out += `\\u{${code.toString(16)}}`;
  }
  return `"${out}"`;
}

const firstIssueOnly = { abortPipeEarly: true } as const;

/** Raw text (URL, CLI) → value. The issue messages are the middle of a ParamError message. */
function rawValidator(spec: ParamSpec) {
  const text = v.pipe(
    v.string(),
    v.trim(),
    v.maxLength(MAX_RAW_LENGTH, `is too long (${MAX_RAW_LENGTH} characters at most)`),
  );
  switch (spec.kind) {
    case 'int':
      return v.pipe(
        text,
        v.regex(/^[+-]?\d+$/, 'is not an integer'),
        v.transform(Number),
        v.minValue(spec.min, 'is below the minimum'),
        v.maxValue(spec.max, 'is above the maximum'),
      );
    case 'duration':
      return v.pipe(
        text,
        v.rawTransform(({ dataset, addIssue, NEVER }) => {
          const parsed = parseDurationResult(dataset.value);
          if (parsed.ok) return parsed.ns;
          // Go's error repeats the input, which the message already shows (clipped): keep the
          // repeat only for short printable inputs, so a long or escaped one cannot blow it up.
          const reason =
            dataset.value.length <= 12 && /^[\x20-\x7e]*$/.test(dataset.value)
              ? parsed.error
              : parsed.error.replace(/ (in duration )?"(?:[^"\\]|\\.)*"/g, '');
          addIssue({ message: `is not a Go duration like 700ms or 4s (${reason})` });
          return NEVER;
        }),
        v.minValue(spec.minNs, 'is below the minimum'),
        v.maxValue(spec.maxNs, 'is above the maximum'),
      );
    case 'bool':
      return v.pipe(
        text,
        v.picklist(['true', 'false'], 'is not a boolean'),
        v.transform((s) => s === 'true'),
      );
    case 'enum':
      return v.pipe(text, v.picklist(spec.options, 'is not an option'));
  }
}

/** A value from an MDX prop or a preset: typed values, or their canonical strings. */
function typedValidator(spec: ParamSpec) {
  switch (spec.kind) {
    case 'int':
      return v.pipe(
        v.number('is not a number'),
        v.integer('is not an integer'),
        v.minValue(spec.min, 'is below the minimum'),
        v.maxValue(spec.max, 'is above the maximum'),
      );
    case 'duration':
      return v.pipe(
        v.number('is not a number of nanoseconds'),
        v.safeInteger('is not a whole number of nanoseconds'),
        v.minValue(spec.minNs, 'is below the minimum'),
        v.maxValue(spec.maxNs, 'is above the maximum'),
      );
    case 'bool':
      return v.boolean('is not a boolean');
    case 'enum':
      return v.picklist(spec.options, 'is not an option');
  }
}

type Validators = {
  readonly raw: v.GenericSchema<unknown, Value>;
  readonly typed: v.GenericSchema<unknown, Value>;
};
const validatorCache = new WeakMap<ParamSpec, Validators>();

function validatorsFor(spec: ParamSpec): Validators {
  let cached = validatorCache.get(spec);
  if (cached === undefined) {
    cached = {
      raw: rawValidator(spec),
      typed: typedValidator(spec),
    };
    validatorCache.set(spec, cached);
  }
  return cached;
}

function shownValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  return typeof value;
}

function paramError(name: string, spec: ParamSpec, raw: string, reason: string): ParamError {
  return {
    param: name,
    raw,
    message: `${name}: ${showRaw(raw)} ${reason} (${describeAllowed(spec)})`,
  };
}

/** Checks one value against its spec: `{ value }` when good, else `{ error }`. */
export function checkValue(
  name: string,
  spec: ParamSpec,
  input: unknown,
): { ok: true; value: Value } | { ok: false; error: ParamError } {
  const { raw, typed } = validatorsFor(spec);
  const result = v.safeParse(typeof input === 'string' ? raw : typed, input, firstIssueOnly);
  if (result.success) return { ok: true, value: result.output };
  const reason = result.issues[0].message;
  return { ok: false, error: paramError(name, spec, shownValue(input), reason) };
}

function unknownParam(schema: ParamSchema, name: string, raw: string): ParamError {
  const known = Object.keys(schema);
  return {
    param: name,
    raw,
    message: `${showRaw(name)} is not a parameter (${known.length > 0 ? `known: ${known.join(', ')}` : 'this scenario takes none'})`,
  };
}

function check<S extends ParamSchema>(
  schema: S,
  input: Readonly<Record<string, unknown>>,
): ParseOutcome<S> {
  const values: Record<string, Value> = defaultValues(schema);
  const errors: ParamError[] = [];
  for (const [name, given] of Object.entries(input)) {
    if (given === undefined) continue;
    const spec = Object.hasOwn(schema, name) ? schema[name] : undefined;
    if (spec === undefined) {
      errors.push(unknownParam(schema, name, shownValue(given)));
      continue;
    }
    const checked = checkValue(name, spec, given);
    if (checked.ok) values[name] = checked.value;
    else errors.push(checked.error);
  }
  return { values: values as ParamValues<S>, errors };
}

/**
 * Parses raw strings (URL query, CLI flags). Missing params take their defaults; each bad or
 * unknown one adds a ParamError and keeps the default.
 *
 * @example parseParams(schema, { depth: '300', frameBytes: 'big' })
 *   // errors[0].message: 'frameBytes: "big" is not an integer (16..65536)'
 */
export function parseParams<S extends ParamSchema>(
  schema: S,
  raw: Readonly<Record<string, string | undefined>>,
): ParseOutcome<S> {
  return check(schema, raw);
}

/**
 * Checks values that arrive already typed, e.g. a preset in MDX props (`{ depth: 300 }`).
 * Strings are accepted in their canonical spelling too (`{ work: '4s' }`).
 */
export function validateValues<S extends ParamSchema>(
  schema: S,
  values: Readonly<Record<string, unknown>>,
): ParseOutcome<S> {
  return check(schema, values);
}
