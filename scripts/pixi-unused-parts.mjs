// @ts-check
import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * A build-time replacement of the PixiJS modules no stage can reach, so they stay out of every
 * widget's JS (about 6 KB gzip of the 200 KB a widget may ship, design.md).
 *
 * Each one is imported by a module the stages do use, but runs only behind a Pixi feature no
 * stage calls, so the bundler keeps it although nothing runs it:
 * - `Graphics.svg()` and `new GraphicsPath('M 0 0 …')`: the SVG parsers;
 * - `Graphics.arcToSvg()` and `Graphics.roundShape()`: their path builders;
 * - text with `tagStyles` (`<b>…</b>` markup): its measuring;
 * - text filled with a `FillPattern`, and the Canvas renderer (a stage makes only a
 *   WebGLRenderer, stage-host.ts): the Canvas renderer's helpers.
 * A stage draws with rect, roundRect, circle, poly, moveTo, lineTo, quadraticCurveTo, fill and
 * stroke, and plain Text. Each replacement keeps the module's exports; calling one throws and
 * names this file, so a stage that starts using one of these features fails at once, in the
 * browser and in the e2e checks, instead of drawing wrongly.
 *
 * Upstream (v8.22.0): https://github.com/pixijs/pixijs/blob/v8.22.0/src/scene/graphics/shared/GraphicsContext.ts (svg),
 * https://github.com/pixijs/pixijs/blob/v8.22.0/src/scene/graphics/shared/path/ShapePath.ts (arcToSvg, roundShape),
 * https://github.com/pixijs/pixijs/blob/v8.22.0/src/scene/text/canvas/CanvasTextMetrics.ts (measureTaggedText),
 * https://github.com/pixijs/pixijs/blob/v8.22.0/src/scene/text/canvas/utils/getCanvasFillStyle.ts (canvasUtils).
 */

/** Module (under node_modules/pixi.js/lib/, the ES build Vite bundles) → the names it exports. */
export const UNUSED_MODULES = {
  'scene/graphics/shared/svg/SVGParser.mjs': ['SVGParser'],
  'scene/graphics/shared/svg/parseSVGPath.mjs': ['parseSVGPath'],
  'scene/graphics/shared/path/roundShape.mjs': ['roundedShapeArc', 'roundedShapeQuadraticCurve'],
  'scene/graphics/shared/buildCommands/buildArcToSvg.mjs': ['buildArcToSvg'],
  'scene/text/canvas/utils/measureTaggedText.mjs': [
    'measureTaggedText',
    'tokenizeTaggedRuns',
    'wordWrapTaggedLines',
  ],
  'rendering/renderers/canvas/utils/canvasUtils.mjs': ['canvasUtils'],
};

/**
 * The `export { a, b };` line of a module's source, as a sorted list. Throws unless the module
 * exports exactly `names`, so a Pixi upgrade that changes one fails the build.
 * @param {string} module
 * @param {string} source
 * @param {readonly string[]} names
 */
export function checkExports(module, source, names) {
  const lines = source.split('\n').filter((line) => line.startsWith('export '));
  const found = lines.flatMap((line) => {
    const list = /^export \{ ([^}]*) \};$/.exec(line)?.[1];
    return list === undefined ? [line] : list.split(', ');
  });
  if (found.sort().join() !== [...names].sort().join()) {
    throw new Error(
      `pixi-unused-parts: ${module} now exports ${found.join(', ')} instead of ` +
        `${names.join(', ')}; check whether a stage can reach it after the Pixi upgrade and ` +
        'update or drop its replacement (scripts/pixi-unused-parts.mjs).',
    );
  }
}

/**
 * The replacement: every export a function that throws when called. `canvasUtils` is an object
 * whose methods are called, so the thrower stands behind any property read.
 * @param {string} module
 * @param {readonly string[]} names
 */
export function replacement(module, names) {
  const message = JSON.stringify(
    `${module} is left out of the build by scripts/pixi-unused-parts.mjs: no stage used it`,
  );
  const fail = `() => { throw new Error(${message}); }`;
  return names
    .map((name) =>
      name === 'canvasUtils'
        ? `export const canvasUtils = new Proxy({}, { get: ${fail} });`
        : `export const ${name} = ${fail};`,
    )
    .join('\n');
}

/**
 * The Vite plugin. The installed modules are checked when the plugin is created (every build
 * and dev start), not only when a bundle happens to import them.
 * @returns {import('vite').Plugin}
 */
export function pixiUnusedParts() {
  /** Real path (node_modules may be a symlink, and Vite names modules by it) → replacement. */
  const replaced = new Map();
  for (const [module, names] of Object.entries(UNUSED_MODULES)) {
    const url = new URL(`../node_modules/pixi.js/lib/${module}`, import.meta.url);
    const path = realpathSync(fileURLToPath(url));
    checkExports(module, readFileSync(path, 'utf8'), names);
    replaced.set(path, replacement(module, names));
  }
  return {
    name: 'pixi-unused-parts',
    load(id) {
      return replaced.get(id.split('?')[0]) ?? null;
    },
  };
}
