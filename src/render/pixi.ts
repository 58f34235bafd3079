/**
 * The parts of PixiJS the stages use, imported by name so the bundler can leave the rest out.
 * The stage host imports this module dynamically (none of it is in a chapter's first JS) and
 * creates a `WebGLRenderer` itself instead of an `Application`: `Application.init` picks its
 * renderer with `autoDetectRenderer`, whose imports pull the WebGPU and Canvas renderers into the
 * bundle (about 20 KB gzip) although a stage only ever asks for WebGL. `manageImports: false`
 * keeps Pixi from also fetching its browser bundle (accessibility, DOM, events, filters: a stage
 * is drawn, never clicked). The side-effect imports below register exactly what is drawn: see
 * https://pixijs.com/8.x/guides/concepts/environments. Particles, which only the gmp stage draws,
 * are in ./pixi-particles. Modules these import that only Pixi features no stage uses would run
 * (SVG paths, tagged text, the Canvas renderer's helpers) are replaced at build time by
 * scripts/pixi-unused-parts.mjs, which lists the features a stage may use.
 */
import 'pixi.js/graphics';
import 'pixi.js/text';
import { CanvasTextMetrics } from '../../node_modules/pixi.js/lib/scene/text/canvas/CanvasTextMetrics';
import { GlobalResourceRegistry } from '../../node_modules/pixi.js/lib/utils/pool/GlobalResourceRegistry';

/*
 * The classes come from their own modules, not from 'pixi.js': that entry is marked as having side
 * effects (https://github.com/pixijs/pixijs/blob/v8.22.0/src/index.ts), so importing any name from
 * it keeps what it registers on import: the spritesheet asset loader with the Assets resolver and
 * cache, the video, image and buffer texture sources, `Texture.from`. A stage uses none of them
 * (it draws Graphics, Text and particles of `Texture.WHITE`); leaving them out saves about 8.5 KB
 * gzip of every widget's JS. The package's `exports` map offers no path to these modules, hence
 * the relative paths; `import type` from 'pixi.js' names the same declarations.
 */
export { Container } from '../../node_modules/pixi.js/lib/scene/container/Container';
export { Graphics } from '../../node_modules/pixi.js/lib/scene/graphics/shared/Graphics';
export { Text } from '../../node_modules/pixi.js/lib/scene/text/Text';
export { Texture } from '../../node_modules/pixi.js/lib/rendering/renderers/shared/texture/Texture';
export { WebGLRenderer } from '../../node_modules/pixi.js/lib/rendering/renderers/gl/WebGLRenderer';
export { isWebGLSupported } from '../../node_modules/pixi.js/lib/utils/browser/isWebGLSupported';

/*
 * Pixi caches the measurements of up to 1,000 texts in a module-level LRU keyed by text and style
 * id, and each entry keeps its TextStyle. A remounted stage makes new styles (new ids), so nothing
 * it measured is ever looked up again, yet the cache keeps growing towards 1,000 entries (~18 KB of
 * heap per gmp mount, issue #5). Registered with Pixi's global resources, it is emptied with them
 * when the last renderer on the page is destroyed (stage-host.ts). The cache is private in Pixi's
 * types, hence the indexed access; https://github.com/pixijs/pixijs/blob/v8.22.0/src/scene/text/canvas/CanvasTextMetrics.ts
 */
GlobalResourceRegistry.register(CanvasTextMetrics['_measurementCache'] as { clear(): void });
