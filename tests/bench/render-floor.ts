/**
 * The render bench's floor: what a frame costs in this browser before the widget draws anything.
 * On a blank page of the bench's viewport, with a canvas of the widget's size, three controls:
 * (a) no canvas, only requestAnimationFrame; (b) a Pixi renderer made as the stage host makes one
 * (render-floor-page.ts) that only clears each frame; (c) the same drawing full-canvas quads, to
 * show what overdraw costs. If (b) is already near the widget's interval, that interval is the
 * environment's floor (software WebGL and the canvas read back on every commit), and the widget's
 * own cost is what it adds above it.
 */
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import type { FloorMode } from './render-floor-page.ts';

export interface FrameSample {
  /** Median rAF-to-rAF interval, ms. */
  readonly intervalMs: number;
  /** CPU time of the GPU process per frame drawn, ms. */
  readonly gpuMsPerFrame: number;
  readonly frames: number;
}

export interface FloorControl extends FrameSample {
  readonly label: string;
  readonly mode: FloorMode;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
}

/** The value 95% of `xs` do not exceed (nearest rank): the slow frames a median hides. */
export function p95(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil(s.length * 0.95) - 1)] ?? NaN;
}

/** CPU time of this browser's GPU process so far, ms (CDP SystemInfo.getProcessInfo). */
export async function gpuProcessCpuMs(browser: Browser): Promise<number> {
  const session = await browser.newBrowserCDPSession();
  try {
    const { processInfo } = await session.send('SystemInfo.getProcessInfo');
    return processInfo.filter((p) => p.type === 'GPU').reduce((ms, p) => ms + p.cpuTime * 1000, 0);
  } finally {
    await session.detach();
  }
}

/** The page script, bundled with the same Pixi modules the widgets import. */
async function floorScript(): Promise<string> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const result = await build({
    entryPoints: [path.join(here, 'render-floor-page.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

const CONTROLS: readonly { label: string; mode: FloorMode; quads: number }[] = [
  { label: '(a) no canvas', mode: 'none', quads: 0 },
  { label: '(b) Pixi, clear only', mode: 'clear', quads: 0 },
  { label: '(c) Pixi, 1 full-canvas quad', mode: 'quads', quads: 1 },
  { label: '(c) Pixi, 4 full-canvas quads', mode: 'quads', quads: 4 },
];

/** Runs every control on a blank page of `viewport` with a `width`×`height` canvas. */
export async function measureFloor(
  browser: Browser,
  viewport: { width: number; height: number },
  canvas: { width: number; height: number },
  sampleMs: number,
): Promise<FloorControl[]> {
  const script = await floorScript();
  const out: FloorControl[] = [];
  for (const { label, mode, quads } of CONTROLS) {
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
    const page = await context.newPage();
    await page.setContent('<!doctype html><body style="margin:0"></body>');
    await page.addScriptTag({ content: script });
    const gpuBefore = await gpuProcessCpuMs(browser);
    // A string, not a function: tsx would wrap named inner functions in a helper the page lacks.
    const intervals: number[] = await page.evaluate(
      `window.__renderFloor(${JSON.stringify(mode)}, ${quads}, ${canvas.width}, ${canvas.height}, ${sampleMs})`,
    );
    const gpuAfter = await gpuProcessCpuMs(browser);
    out.push({
      label,
      mode,
      intervalMs: median(intervals),
      gpuMsPerFrame: (gpuAfter - gpuBefore) / Math.max(1, intervals.length),
      frames: intervals.length,
    });
    await context.close();
  }
  return out;
}
