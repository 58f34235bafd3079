import { describe, expect, it } from 'vitest';
import { lastMove, readStack } from '../../src/render/stack-view';
import type { TraceEvent, View } from '../../src/scenarios/types';

describe('lastMove', () => {
  it('reads the old and new sizes of the model’s newstack line', () => {
    // The words src/model/ops/call.ts emits: the old size has no unit of its own, and a third
    // number (the bytes copied) follows. The old stack was drawn at the new size before.
    const grow: TraceEvent = {
      seq: 9,
      tNs: 500,
      kind: 'stack-grow',
      text: 'G5 calls main.recurse: stack 262144 → 524288 bytes (copystack, 261232 bytes copied)',
      g: 5,
    };
    const move = lastMove([grow], { nowNs: 500 } as View);
    expect(move).toMatchObject({ kind: 'stack-grow', fromBytes: 262_144, toBytes: 524_288 });
    expect(lastMove([grow], { nowNs: 501 } as View)).toBeNull();
  });
});

describe('readStack', () => {
  it('names the goroutine whose stack it is, not the first in the view (main is G1)', async () => {
    const { stackGrowth } = await import('../../src/scenarios/stack-growth');
    const { defaultValues } = await import('../../src/scenarios/params');
    const sim = stackGrowth.create(defaultValues(stackGrowth.params), { seed: 1, sampleNs: 1_000 });
    sim.runToEvent(590);
    const view = sim.view();
    expect(view.gs[0]?.id).toBe(1);
    const stack = readStack(view);
    expect(stack.goid).not.toBe(1);
    // The transcript names the same goroutine when its stack grows.
    const grow = sim.trace().find((e) => e.kind === 'stack-grow');
    expect(grow?.text.startsWith(`G${stack.goid} `)).toBe(true);
  });
});
