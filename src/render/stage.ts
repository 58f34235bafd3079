import type { Application } from 'pixi.js';
import type { TraceEvent, View } from '../scenarios/types';

/** The parts of pixi.js the stages use, loaded dynamically so Pixi never ships with the page. */
export type Pixi = typeof import('./pixi');

/** Colours a renderer draws with, read from the page's CSS custom properties (themes switch them). */
export interface Palette {
  readonly background: number;
  readonly ink: number;
  readonly muted: number;
  readonly lane: number;
  readonly accent: number;
  readonly running: number;
  readonly runnable: number;
  readonly waiting: number;
  readonly syscall: number;
  readonly dead: number;
}

/**
 * A drawing of one scenario's `View`. Renderers only draw: they hold no scheduling logic and read
 * nothing but the View and the trace events that led to it.
 */
export interface StageRenderer {
  /**
   * Show `view`. `trace` is every event the simulation still holds up to now, oldest first, and
   * `counters` its counters: a drawing must depend only on these, never on how the widget got
   * here, so the same seed and step always give the same picture. A renderer may keep the last
   * seq it saw to animate what is new (a steal arrow), as long as the settled picture is the same.
   */
  show(view: View, trace: readonly TraceEvent[], counters: Readonly<Record<string, number>>): void;
  /**
   * Advance tweens by `dtMs`; with `animate` false everything jumps to its target. Returns true
   * while something is still moving, so the frame loop knows whether to keep running.
   */
  tick(dtMs: number, animate: boolean): boolean;
  /** The drawing area changed size, or the theme changed. */
  layout(width: number, height: number, palette: Palette): void;
  /** Releases what the renderer created outside the stage tree (textures it generated). */
  destroy(): void;
}

export type StageFactory = (pixi: Pixi, app: Application, palette: Palette) => StageRenderer;
