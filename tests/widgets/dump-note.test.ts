import { describe, expect, it } from 'vitest';
import { gmp } from '../../src/scenarios/gmp';
import { timeoutHandler } from '../../src/scenarios/timeout-handler';
import type { ParamSchema } from '../../src/scenarios/types';
import { dumpNoteOf } from '../../src/widgets/shell/dump-note';

describe('the note above a dump', () => {
  it("names the release of the widget's Go version", () => {
    const schema = timeoutHandler.params as ParamSchema;
    expect(dumpNoteOf(schema, { go: '1.23' })).toContain("go1.23.5's lines");
    expect(dumpNoteOf(schema, { go: '1.20' })).toContain('no Go 1.20 toolchain');
  });

  it("is absent where the switch picks preemption rules (gmp's dumps hold no stdlib frames)", () => {
    expect(dumpNoteOf(gmp.params as ParamSchema, { go: '1.25' })).toBeUndefined();
  });
});
