import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  FIXED_STACK,
  MAX_STACK_SIZE,
  RETURN_ADDRESS_BYTES,
  STACK_GUARD,
  STACK_OVERFLOW_TEXT,
  StackOverflowError,
  isPowerOfTwo,
  newStack,
  popFrame,
  prologueWouldGrow,
  pushFrame,
  shrinkStack,
  startingStackSize,
} from '../../src/model/stack.ts';

describe('the prologue check (obj6.go stacksplit)', () => {
  test('a small frame grows exactly when SP at entry reaches stack.lo + stackGuard', () => {
    // 2048-byte stack: the guard sits 928 bytes above lo, so SP may go down to 1120 bytes below hi.
    // SP at entry is `used` plus the callee's return address.
    expect(prologueWouldGrow(2048, 2048 - STACK_GUARD - RETURN_ADDRESS_BYTES - 1, 104)).toBe(false);
    expect(prologueWouldGrow(2048, 2048 - STACK_GUARD - RETURN_ADDRESS_BYTES, 104)).toBe(true);
  });

  test('a frame larger than StackSmall (128) is checked by how far it dips below the guard', () => {
    // local frame 1000 - 8 = 992 bytes: SP - (992 - 128) must stay above the guard.
    const used = 2048 - STACK_GUARD - RETURN_ADDRESS_BYTES - (992 - 128);
    expect(prologueWouldGrow(2048, used - 1, 1000)).toBe(false);
    expect(prologueWouldGrow(2048, used, 1000)).toBe(true);
  });
});

describe('newstack', () => {
  test('doubles and copies what is in use', () => {
    const s = newStack();
    let growth = null;
    let calls = 0;
    while (growth === null) {
      growth = pushFrame(s, 104);
      calls++;
    }
    // 11 frames of 104 bytes leave SP above lo + 928; the 12th call's prologue finds
    // SP = hi - 11*104 - 8 = hi - 1152 <= lo + 928 and calls morestack.
    expect(calls).toBe(12);
    expect(growth).toEqual({ fromBytes: 2048, toBytes: 4096, copiedBytes: 11 * 104 + 8 });
    expect(s).toMatchObject({ size: 4096, used: 12 * 104, copies: 1, copiedBytes: 1152 });
  });

  test('keeps doubling while one big frame would still not fit', () => {
    const s = newStack();
    expect(pushFrame(s, 20_000)).toEqual({ fromBytes: 2048, toBytes: 32768, copiedBytes: 8 });
    expect(s.used).toBe(20_000);
  });

  test('throws the runtime’s stack overflow past maxstacksize and does not push', () => {
    const s = newStack();
    for (let i = 0; i < 1000; i++) pushFrame(s, 500_000);
    expect(s.size).toBe(512 * 1024 * 1024); // the largest power of two under 1e9
    let usedBeforeLastCall = s.used;
    let thrown: unknown;
    try {
      for (;;) {
        usedBeforeLastCall = s.used;
        pushFrame(s, 500_000);
      }
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(StackOverflowError);
    expect((thrown as Error).message).toBe(
      'runtime: goroutine stack exceeds 1000000000-byte limit\nfatal error: stack overflow',
    );
    expect(STACK_OVERFLOW_TEXT).toContain('fatal error: stack overflow');
    expect(s.size).toBe(512 * 1024 * 1024);
    expect(s.used).toBe(usedBeforeLastCall);
  });
});

describe('shrinkstack', () => {
  test('halves when used + stackNosplit is under a quarter, one step per GC', () => {
    const s = newStack(32768);
    pushFrame(s, 104);
    expect(shrinkStack(s)).toEqual({ fromBytes: 32768, toBytes: 16384, copiedBytes: 104 });
    expect(s.size).toBe(16384);
  });

  test('keeps the stack when a quarter or more is in use, and never goes below 2 KiB', () => {
    const busy = newStack(8192);
    pushFrame(busy, 1300); // 1300 + 800 >= 8192 / 4
    expect(shrinkStack(busy)).toBeNull();
    const small = newStack(2048);
    expect(shrinkStack(small)).toBeNull();
    expect(small.size).toBe(2048);
  });
});

describe('startingStackSize (adaptive, Go 1.19+)', () => {
  test.each([
    [null, 2048],
    [0, 2048],
    [1120, 2048],
    [1121, 4096],
    [2500, 4096],
    [3169, 8192],
    [2e9, 1 << 30],
  ])('average scanned %s → %d', (avg, size) => {
    expect(startingStackSize(avg)).toBe(size);
  });
});

// Properties over random programs of calls, returns and GCs.
type Op = { kind: 'call'; frame: number } | { kind: 'ret' } | { kind: 'gc' };
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .integer({ min: 8, max: 20_000 })
      .map((frame) => ({ kind: 'call' as const, frame })),
  },
  { weight: 3, arbitrary: fc.constant({ kind: 'ret' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'gc' as const }) },
);
const startArb = fc.constantFrom(2048, 4096, 8192, 65536);

describe('stack properties', () => {
  test('sizes are powers of two between 2 KiB and the limit; copies add up; pops return to 0', () => {
    fc.assert(
      fc.property(startArb, fc.array(opArb, { maxLength: 300 }), (start, ops) => {
        const s = newStack(start);
        let expectedCopied = 0;
        let expectedCopies = 0;
        for (const op of ops) {
          if (op.kind === 'call') {
            const usedBefore = s.used;
            const growth = pushFrame(s, op.frame);
            if (growth !== null) {
              expectedCopies++;
              expectedCopied += usedBefore + RETURN_ADDRESS_BYTES;
              expect(growth.copiedBytes).toBe(usedBefore + RETURN_ADDRESS_BYTES);
            }
            // After the call the frame fits above the guard.
            expect(s.used).toBeLessThanOrEqual(s.size - STACK_GUARD + 128);
          } else if (op.kind === 'ret') {
            popFrame(s);
          } else {
            const usedBefore = s.used;
            const shrink = shrinkStack(s);
            if (shrink !== null) {
              expectedCopies++;
              expectedCopied += usedBefore;
            }
          }
          expect(isPowerOfTwo(s.size)).toBe(true);
          expect(s.size).toBeGreaterThanOrEqual(FIXED_STACK);
          expect(s.size).toBeLessThanOrEqual(MAX_STACK_SIZE);
          expect(s.used).toBe(s.frames.reduce((a, b) => a + b, 0));
        }
        expect(s.copies).toBe(expectedCopies);
        expect(s.copiedBytes).toBe(expectedCopied);
        while (s.frames.length > 0) popFrame(s);
        expect(s.used).toBe(0);
        expect(structuredClone(s)).toEqual(s);
      }),
    );
  });

  test('shrinking never goes below 2 KiB nor below what is in use', () => {
    fc.assert(
      fc.property(
        startArb,
        fc.array(fc.integer({ min: 8, max: 4000 }), { maxLength: 50 }),
        fc.nat(20),
        (start, frames, gcs) => {
          const s = newStack(start);
          for (const f of frames) pushFrame(s, f);
          for (let i = 0; i < gcs; i++) {
            shrinkStack(s);
            expect(s.size).toBeGreaterThanOrEqual(FIXED_STACK);
            expect(s.size).toBeGreaterThan(s.used);
          }
        },
      ),
    );
  });
});
