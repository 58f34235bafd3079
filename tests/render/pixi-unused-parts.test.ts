import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkExports, replacement, UNUSED_MODULES } from '../../scripts/pixi-unused-parts.mjs';

const installed = (module: string) =>
  readFileSync(new URL(`../../node_modules/pixi.js/lib/${module}`, import.meta.url), 'utf8');

/** Loads a replacement (it imports nothing) as a module. */
async function load(source: string): Promise<Record<string, unknown>> {
  const url = `data:text/javascript;charset=utf-8,${encodeURIComponent(source)}`;
  return (await import(/* @vite-ignore */ url)) as Record<string, unknown>;
}

describe('build-time replacement of the Pixi modules no stage reaches', () => {
  it('each installed module exports exactly the names its replacement does', async () => {
    for (const [module, names] of Object.entries(UNUSED_MODULES)) {
      expect(() => checkExports(module, installed(module), names)).not.toThrow();
      expect(Object.keys(await load(replacement(module, names))).sort()).toEqual([...names].sort());
    }
  });

  it('a replaced function throws, naming the module and the plugin', async () => {
    const module = 'scene/graphics/shared/svg/SVGParser.mjs';
    const { SVGParser } = await load(replacement(module, ['SVGParser']));
    expect(() => (SVGParser as () => void)()).toThrow(
      /SVGParser\.mjs is left out of the build by scripts\/pixi-unused-parts\.mjs/,
    );
  });

  it('canvasUtils throws on the first method a caller reads, not when it is imported', async () => {
    const module = 'rendering/renderers/canvas/utils/canvasUtils.mjs';
    const { canvasUtils } = await load(replacement(module, ['canvasUtils']));
    expect(() => (canvasUtils as { applyPatternTransform: unknown }).applyPatternTransform).toThrow(
      /canvasUtils\.mjs is left out/,
    );
  });

  it('fails loudly when a Pixi upgrade changes what a module exports', () => {
    const module = 'scene/text/canvas/utils/measureTaggedText.mjs';
    const names = UNUSED_MODULES[module];
    const upgraded = installed(module).replace(
      'export { measureTaggedText,',
      'export { measureTaggedText, measureRuns,',
    );
    expect(() => checkExports(module, upgraded, names)).toThrow(/now exports .*measureRuns/);
  });
});
