import { describe, expect, it } from 'vitest';
import { lastMove } from '../../src/render/stack-view';
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
