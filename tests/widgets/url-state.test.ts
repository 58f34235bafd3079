import { describe, expect, it } from 'vitest';
import { readState, writeState } from '../../src/widgets/shell/url-state';
import type { ParamSchema } from '../../src/scenarios/types';

const schema = {
  procs: { kind: 'int', label: 'Ps', help: '', min: 1, max: 8, default: 4 },
  wait: { kind: 'duration', label: 'wait', help: '', minNs: 1e6, maxNs: 1e10, defaultNs: 1e9 },
  async: { kind: 'bool', label: 'async', help: '', default: true },
  mode: { kind: 'enum', label: 'mode', help: '', options: ['a', 'b'], default: 'a' },
} as const satisfies ParamSchema;

const noProps = { params: {}, seed: 1, step: 0 };
const base = {
  values: { procs: 4, wait: 1e9, async: true, mode: 'a' },
  seed: 1,
  step: 0,
  atNs: null,
  speed: 1,
  clip: null,
};

describe('URL state', () => {
  it('round-trips every value through the query string', () => {
    const state = {
      values: { procs: 2, wait: 700e6, async: false, mode: 'b' },
      seed: 42,
      step: 17,
      atNs: 1_500_000_000,
      speed: 4,
      clip: { fromNs: 1_200_000_000, toNs: 1_800_000_000, loop: true },
    };
    const query = writeState(schema, '', state);
    const back = readState(schema, query, noProps);
    expect(back).toEqual({ ...state, notices: [] });
  });

  it('the URL wins over the author props, which win over the schema defaults', () => {
    const props = { params: { procs: '3', mode: 'b' }, seed: 9, step: 5 };
    const s = readState(schema, '?procs=6&seed=2', props);
    expect(s.values.procs).toBe(6);
    expect(s.values.mode).toBe('b');
    expect(s.seed).toBe(2);
    expect(s.step).toBe(5);
  });

  it('refused values give one notice each and fall back to defaults', () => {
    const s = readState(schema, '?procs=99&wait=4&seed=-1&step=x&speed=3&async=maybe', noProps);
    expect(s.values).toEqual({ procs: 4, wait: 1e9, async: true, mode: 'a' });
    expect(s.seed).toBe(1);
    expect(s.step).toBe(0);
    expect(s.speed).toBe(1);
    expect(s.notices).toHaveLength(6);
  });

  it('names a scrubbed instant as a Go duration, and refuses anything else', () => {
    expect(
      new URLSearchParams(writeState(schema, '', { ...base, atNs: 2_250_000_000 })).get('t'),
    ).toBe('2.25s');
    expect(readState(schema, '?t=2.25s', noProps).atNs).toBe(2_250_000_000);
    const bad = readState(schema, '?t=<script>', noProps);
    expect(bad.atNs).toBeNull();
    expect(bad.notices).toHaveLength(1);
  });

  it('quotes at most the start of a huge hostile value', () => {
    const s = readState(schema, `?seed=${'9'.repeat(5000)}`, noProps);
    expect(s.notices[0]?.length).toBeLessThan(200);
  });

  it('keeps query parameters it does not own', () => {
    const query = writeState(schema, '?utm=x', {
      values: { procs: 4, wait: 1e9, async: true, mode: 'a' },
      seed: 1,
      step: 0,
      atNs: null,
      speed: 1,
      clip: null,
    });
    expect(new URLSearchParams(query).get('utm')).toBe('x');
  });

  it('carries a clip as from, to and loop; an open end or no loop is left out', () => {
    const open = writeState(schema, '', {
      ...base,
      clip: { fromNs: 3e6, toNs: null, loop: false },
    });
    const q = new URLSearchParams(open);
    expect([q.get('from'), q.get('to'), q.get('loop')]).toEqual(['3ms', null, null]);
    expect(readState(schema, open, noProps).clip).toEqual({ fromNs: 3e6, toNs: null, loop: false });
    expect(readState(schema, '?to=2s', noProps).clip).toEqual({
      fromNs: 0,
      toNs: 2e9,
      loop: false,
    });
    expect(readState(schema, '?step=4', noProps).clip).toBeNull();
  });

  it('refuses a clip that is not durations, ends before it starts, or loops by another word', () => {
    for (const query of ['?from=soon&to=2s', '?from=2s&to=1s', '?from=1s&to=1s', '?to=-1s']) {
      const s = readState(schema, query, noProps);
      expect(s.clip, query).toBeNull();
      expect(s.notices, query).toHaveLength(1);
    }
    const loop = readState(schema, '?from=1s&loop=yes', noProps);
    expect(loop.clip).toEqual({ fromNs: 1e9, toNs: null, loop: false });
    expect(loop.notices).toHaveLength(1);
  });
});
