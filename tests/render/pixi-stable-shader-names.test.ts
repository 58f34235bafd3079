import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PATCHED_MODULE, withoutNameCounter } from '../../scripts/pixi-stable-shader-names.mjs';

type SetProgramName = (src: string, options: { name?: string }, isFragment?: boolean) => string;

const installed = readFileSync(new URL(`../../${PATCHED_MODULE}`, import.meta.url), 'utf8');

/** Loads a version of Pixi's module (it imports nothing) as a fresh module instance. */
async function load(source: string): Promise<SetProgramName> {
  const url = `data:text/javascript;charset=utf-8,${encodeURIComponent(source)}`;
  const module = (await import(/* @vite-ignore */ url)) as { setProgramName: SetProgramName };
  return module.setProgramName;
}

describe('build-time patch of Pixi shader names (issue #5)', () => {
  it('the installed Pixi names the same shader differently each time: the leak it fixes', async () => {
    const setProgramName = await load(`${installed}\n// unpatched`);
    const first = setProgramName('void main() {}', { name: 'graphics' });
    const second = setProgramName('void main() {}', { name: 'graphics' });
    expect(first).toContain('#define SHADER_NAME graphics-fragment\n');
    expect(second).toContain('#define SHADER_NAME graphics-fragment-2\n');
  });

  it('patched, a shader built again has the same source text (one id-table entry for all mounts)', async () => {
    const setProgramName = await load(withoutNameCounter(installed));
    const sources = [1, 2, 3].map(() => setProgramName('void main() {}', { name: 'graphics' }));
    expect(new Set(sources).size).toBe(1);
    expect(sources[0]).toContain('#define SHADER_NAME graphics-fragment\n');
    expect(setProgramName('void main() {}', { name: 'graphics' }, false)).toContain(
      '#define SHADER_NAME graphics-vertex\n',
    );
  });

  it('fails loudly when a Pixi upgrade changes the module', () => {
    const upgraded = installed.replace('name += `-${nameCache[name]}`;', 'name += `.${n}`;');
    expect(() => withoutNameCounter(upgraded)).toThrow(/no longer holds/);
    const doubled = `${installed}\n${installed}`;
    expect(() => withoutNameCounter(doubled)).toThrow(/exactly once/);
  });
});
