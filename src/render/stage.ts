import type { Container, Rectangle } from 'pixi.js';
import type { TraceEvent, View } from '../scenarios/types';

/** The parts of pixi.js the stages use, loaded dynamically so Pixi never ships with the page. */
export type Pixi = typeof import('./pixi');
/** Those and Pixi's particles (./pixi-particles), for a stage that draws particles. */
export type ParticlePixi = Pixi & typeof import('./pixi-particles');

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

/** Everything a stage may draw from. */
export interface StageInput {
  readonly view: View;
  /** Every trace event the simulation still holds up to now, oldest first. */
  readonly trace: readonly TraceEvent[];
  readonly counters: Readonly<Record<string, number>>;
  /** How much virtual time the whole run covers, for time axes and progress. */
  readonly horizonNs: number;
  /**
   * True while playing: a renderer may refresh costly detail (text textures) only on some
   * frames. The widget always follows a live run with a non-live show, which draws everything.
   */
  readonly live: boolean;
}

/**
 * A drawing of one scenario's `View`. Renderers only draw: they hold no scheduling logic and read
 * nothing but the View and the trace events that led to it.
 */
export interface StageRenderer {
  /**
   * Show a new state. A drawing must depend only on the `StageInput`, never on how the widget got
   * here, so the same seed and step always give the same picture. A renderer may keep the last
   * trace seq it saw to animate what is new (a steal arrow), as long as the settled picture is
   * the same.
   */
  show(input: StageInput): void;
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

/**
 * What a renderer draws into: the root container and the drawing area in CSS pixels. The names
 * match Pixi's `Application`, so a factory written against an Application works unchanged.
 */
export interface StageApp {
  readonly stage: Container;
  readonly screen: Rectangle;
  /**
   * The canvas drawn into, transparent where nothing is drawn: a stage may paint what never
   * changes during a run behind it with CSS (css-rects.ts) rather than in every WebGL frame.
   */
  readonly canvas: HTMLCanvasElement;
}

export type StageFactory = (pixi: Pixi, app: StageApp, palette: Palette) => StageRenderer;

/**
 * A stage that draws particles too. The host loads them before it makes the renderer (a
 * WebGLRenderer takes the pipes registered when it is made), and only for such a stage: the
 * others ship without them (./pixi-particles.ts).
 */
export interface ParticleStageFactory {
  readonly withParticles: (pixi: ParticlePixi, app: StageApp, palette: Palette) => StageRenderer;
}

/** What a widget hands the stage host. */
export type AnyStageFactory = StageFactory | ParticleStageFactory;
