/**
 * The id table (open addressing, backward-shift deletion, typed-array keys) must answer exactly
 * as a Map would for any mix of sets and deletes, across its growth from 64 slots.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  idDelete,
  idGet,
  idHas,
  idSet,
  idValues,
  newIdTable,
} from '../../src/model/stdlib/id-table.ts';

const ops = fc.array(
  fc.record({ set: fc.boolean(), id: fc.integer({ min: 0, max: 400 }), v: fc.integer() }),
  { maxLength: 1000 },
);

describe('id table', () => {
  it('agrees with a Map for any sets and deletes', () => {
    fc.assert(
      fc.property(ops, (plan) => {
        const t = newIdTable<{ v: number }>();
        const m = new Map<number, { v: number }>();
        for (const { set, id, v } of plan) {
          if (set) {
            const rec = { v };
            idSet(t, id, rec);
            m.set(id, rec);
          } else {
            expect(idDelete(t, id)).toBe(m.delete(id));
          }
          expect(t.size).toBe(m.size);
        }
        for (let id = 0; id <= 400; id++) {
          expect(idGet(t, id)).toBe(m.get(id));
          expect(idHas(t, id)).toBe(m.has(id));
        }
        expect(idValues(t).length).toBe(m.size);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps ids past 2^31 and refuses ids it cannot hold', () => {
    const t = newIdTable<string>();
    idSet(t, 2 ** 31 + 5, 'a');
    expect(idGet(t, 2 ** 31 + 5)).toBe('a');
    expect(() => idSet(t, 2 ** 32 - 1, 'b')).toThrow(RangeError);
    expect(() => idSet(t, -1, 'c')).toThrow(RangeError);
  });
});
