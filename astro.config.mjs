// @ts-check
import { defineConfig } from 'astro/config';
import expressiveCode from 'astro-expressive-code';
import mdx from '@astrojs/mdx';
import svelte from '@astrojs/svelte';
import { pixiStableShaderNames } from './scripts/pixi-stable-shader-names.mjs';
import { pixiUnusedParts } from './scripts/pixi-unused-parts.mjs';
import { satteri } from '@astrojs/markdown-satteri';
import { codeComparePlugin } from './src/markdown/code-compare.ts';

/**
 * Teams host the build under a sub-path of their own docs domain, so both the origin and the base
 * path come from the environment: `SITE_URL=https://docs.example.com BASE_PATH=/go-guide/ npm run build`.
 * Every link, asset and embed in src/ goes through `import.meta.env.BASE_URL`.
 */
const site = process.env.SITE_URL ?? 'https://ghost-goroutines.example.org';
const base = process.env.BASE_PATH ?? '/';

export default defineConfig({
  site,
  base,
  trailingSlash: 'always',
  build: {
    format: 'directory',
    // Rolldown places Vite's preload helper in the island's chunk, so the PixiJS chunks list the
    // island's stylesheet as a preload dependency; an inlined (deleted) stylesheet makes that
    // preload 404 and rejects the widget's dynamic import. Keeping stylesheets as files avoids it.
    inlineStylesheets: 'never',
  },
  // Without the first, every widget mount keeps ~45 KB of heap in Pixi's shader tables (issue #5);
  // the second leaves out Pixi modules no stage can reach (~6 KB gzip of each widget's JS).
  vite: { plugins: [pixiStableShaderNames(), pixiUnusedParts()] },
  // Astro's own processor, plus: a chapter's buggy and fixed programs side by side, their changed
  // lines marked (src/markdown/code-compare.ts). MDX inherits it; Expressive Code adds its plugin.
  markdown: { processor: satteri({ mdastPlugins: [codeComparePlugin] }) },
  integrations: [
    // Expressive Code must come before mdx() so it handles fenced code inside MDX too.
    // Its options are in ec.config.mjs, where the <Code> component can read them too.
    expressiveCode(),
    mdx(),
    svelte(),
  ],
});
