// @ts-check
import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * A build-time patch of one PixiJS module, so mounting a widget again does not keep ~45 KB of
 * JS heap for good (issue #5).
 *
 * Pixi's shader preprocessor names every GlProgram it builds with a page-wide counter
 * (`graphics-vertex`, then `graphics-vertex-2`, `-3`, …) and writes the name into the source as
 * `#define SHADER_NAME`. Each new WebGLRenderer builds its graphics and back-buffer programs
 * afresh, so their source text differs from every earlier renderer's, and GlProgram files that
 * text in a module-level id table that is never emptied (`createIdFromString`). The name is only
 * a debugging label (https://github.com/pixijs/pixijs/pull/5181); without the counter, the same
 * shader has the same text in every renderer, so the table keeps one entry per shader instead of
 * one per mount (and each renderer's program cache hits on identical source again, the first
 * defect of https://github.com/pixijs/pixijs/issues/12213).
 *
 * Upstream code: https://github.com/pixijs/pixijs/blob/v8.22.0/src/rendering/renderers/gl/shader/program/preprocessors/setProgramName.ts
 * and https://github.com/pixijs/pixijs/blob/v8.22.0/src/rendering/renderers/shared/utils/createIdFromString.ts
 */

/** The module (the ES build Vite bundles), where src/render/pixi.ts finds Pixi too. */
export const PATCHED_MODULE =
  'node_modules/pixi.js/lib/rendering/renderers/gl/shader/program/preprocessors/setProgramName.mjs';

/** The statement that appends the counter to the name; removing it is the whole patch. */
const COUNTER_SUFFIX = 'name += `-${nameCache[name]}`;';

/**
 * `source` without the counter suffix. Throws if the statement is not there exactly once, so a
 * Pixi upgrade that changes the module fails the build instead of bringing the leak back quietly.
 * @param {string} source
 * @returns {string}
 */
export function withoutNameCounter(source) {
  const at = source.indexOf(COUNTER_SUFFIX);
  if (at === -1 || source.indexOf(COUNTER_SUFFIX, at + 1) !== -1) {
    throw new Error(
      `pixi-stable-shader-names: ${PATCHED_MODULE} no longer holds \`${COUNTER_SUFFIX}\` ` +
        'exactly once; check whether the Pixi upgrade fixed the per-renderer shader names ' +
        '(issue #5) and update or drop this patch (scripts/pixi-stable-shader-names.mjs).',
    );
  }
  return source.slice(0, at) + source.slice(at + COUNTER_SUFFIX.length);
}

/**
 * The Vite plugin. The installed module is checked when the plugin is created (every build and
 * dev start), not only when a bundle happens to import it.
 * @returns {import('vite').Plugin}
 */
export function pixiStableShaderNames() {
  // Vite names modules by their real path (node_modules may be a symlink).
  const target = realpathSync(fileURLToPath(new URL(`../${PATCHED_MODULE}`, import.meta.url)));
  withoutNameCounter(readFileSync(target, 'utf8'));
  return {
    name: 'pixi-stable-shader-names',
    transform(code, id) {
      if (id.split('?')[0] !== target) return null;
      return { code: withoutNameCounter(code), map: null };
    },
  };
}
