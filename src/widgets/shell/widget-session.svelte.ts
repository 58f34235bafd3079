import { untrack } from 'svelte';
import { prefersReducedMotion } from 'svelte/motion';
import type { ParamSchema, ParamValues } from '../../scenarios/types';
import type { AnyStageFactory, StageInput } from '../../render/stage';
import { mountStage, type StageHandle } from '../../render/stage-host';
import type { WidgetProps } from '../registry';
import { afterPlayFrame, clipEndNs, describeClip, playStartNs, type Clip } from './clip';
import { embedCode, embedUrl, RESIZE_MESSAGE, type ResizeMessage } from './embed-code';
import { createFrameLoop, type FrameLoop } from './frame-loop';
import { recordFrameCost } from './frame-stats';
import type { Runner } from './runner';
import { formatVirtualTime } from './transcript';
import { readState, SEED_RANGE, writeState } from './url-state';

export type Values = ParamValues<ParamSchema>;

/** What one widget family tells the shared session. */
export interface SessionOptions<R extends Runner> {
  readonly id: string;
  readonly title: string;
  /** Every parameter the link carries. */
  readonly schema: ParamSchema;
  readonly widget: WidgetProps;
  readonly stage: AnyStageFactory;
  /** A whole run plays in about this many real seconds at speed 1. */
  readonly playSeconds: number;
  horizonNs(values: Values): number;
  makeRunner(values: Values, seed: number): R;
  /** What the stage draws now; `live` while playing. */
  stageInput(live: boolean): StageInput;
  /**
   * Runs the model on by `dtMs` of play (by default at once, at the nominal rate). True when the
   * run should pause where it now stands (a checkpoint's step).
   */
  play?(
    runner: R,
    dtMs: number,
    rateNsPerSecond: number,
    horizonNs: number,
    started: number,
  ): boolean;
  /** An instant between events a link keeps although nobody scrubbed there (two runs, one clock). */
  betweenNs?(runner: R): number | null;
  /** Parameters that only re-read what the run produced: changing one redraws, never re-runs. */
  rereads?(name: string): boolean;
}

/**
 * The state and actions every widget shares: values from the URL (or the author's props), the
 * runner over the simulation, playback, the link and embed code, the frame loop and the stage.
 * Data flows one way: params → runner → the family's derived data → stage; nothing here schedules
 * goroutines. ./WidgetShell.svelte draws it. (A closure, not a class: its inner names minify, and
 * every widget's JS budget counts them.)
 */
export function createWidgetSession<R extends Runner>(options: SessionOptions<R>) {
  const { id, schema, widget } = options;
  // On /embed/ the widget owns the page's query; in a chapter, several widgets share one URL, so
  // each reads only its author's props and "copy link" gives its own /embed/ address.
  const initial = readState(schema, widget.embed ? window.location.search : '', widget);

  /** What the controls show; plain values, so one reactive object holds them. */
  const ui = $state({
    seed: initial.seed,
    speed: initial.speed,
    playing: false,
    /** Bumped on every move of the run: it makes the runner's plain getters reactive. */
    version: 0,
    /** Like `version`, but at most every 300 ms while playing (charts are costly to redraw). */
    chartVersion: 0,
    /**
     * The instant the reader scrubbed to. The run may stand a little earlier (at its last event),
     * so the slider shows the requested instant until anything else moves the run.
     */
    scrubbedTo: null as number | null,
    unavailable: null as string | null,
    /** The toolbar's status line: what was copied, or why a typed seed was refused. */
    said: '',
    /** The stretch Play keeps to (./clip.ts); null plays the whole run. */
    clip: initial.clip,
  });
  let values = $state.raw(initial.values);
  let runner = $state.raw(options.makeRunner(initial.values, initial.seed));
  let stage = $state.raw<StageHandle | null>(null);
  const horizonNs = $derived(Math.max(1, options.horizonNs(values)));

  let frameLoop: FrameLoop | null = null;
  let lastChartAt = 0;
  let shownVersion = -1;
  let rootHeight = 600;

  runner.seekEvent(initial.step);
  // A link made by scrubbing names the instant between events as well.
  if (initial.atNs !== null && initial.atNs > runner.nowNs) {
    runner.seekTime(initial.atNs);
    ui.scrubbedTo = initial.atNs;
  }
  // A clip's link opens at the clip's start unless it names a moment inside the clip.
  const clipStart = playStartNs(ui.clip, ui.scrubbedTo ?? runner.nowNs, horizonNs);
  if (clipStart !== null) {
    runner.seekTime(clipStart);
    ui.scrubbedTo = null;
  }

  /** Draws the stage again at the next frame (new runner, an alert rule moved, a pause). */
  const redraw = () => {
    shownVersion = -1;
    frameLoop?.wake();
  };

  const stateNow = () => ({
    values,
    seed: ui.seed,
    step: runner.events,
    atNs: ui.scrubbedTo ?? options.betweenNs?.(runner) ?? null,
    speed: ui.speed,
    clip: ui.clip,
  });

  const writeUrl = () => {
    if (!widget.embed) return;
    history.replaceState(history.state, '', writeState(schema, window.location.search, stateNow()));
  };

  const rebuild = () => {
    ui.scrubbedTo = null;
    const step = runner.events;
    runner = options.makeRunner(values, ui.seed);
    runner.seekEvent(step);
    writeUrl();
  };

  /** After playing: the address gets the step, and the stage draws the full, non-live picture. */
  const pause = () => {
    ui.playing = false;
    redraw();
    writeUrl();
  };

  /** Starts playing from where the run stands (from the clip's start when it stands outside). */
  const play = () => {
    const start = playStartNs(ui.clip, runner.nowNs, horizonNs);
    if (start !== null) runner.seekTime(start);
    ui.scrubbedTo = null;
    ui.playing = true;
    frameLoop?.wake();
  };

  const atEnd = () => runner.done || runner.nowNs >= horizonNs;

  async function copy(text: string, what: string) {
    try {
      await navigator.clipboard.writeText(text);
      ui.said = `${what} copied.`;
    } catch {
      ui.said = `Copying failed; select and copy it from here: ${text}`;
    }
  }
  const shareUrl = () =>
    embedUrl(
      window.location.origin,
      import.meta.env.BASE_URL,
      id,
      writeState(schema, '', stateNow()),
    );

  /** The end of a frame of play: on, back to the clip's start, or pause at the end. */
  const playedTo = () => {
    const next = afterPlayFrame(ui.clip, runner.nowNs, runner.done, horizonNs);
    if (next === 'play') return;
    if (next === 'rewind' && ui.clip !== null) {
      runner.seekTime(ui.clip.fromNs);
      if (!runner.done && runner.nowNs < clipEndNs(ui.clip, horizonNs)) return;
    }
    pause();
  };

  /** Where the reader stands: the instant scrubbed to, else the run's clock. */
  const here = () => ui.scrubbedTo ?? runner.nowNs;

  /** Sets the clip, says what it is now, and keeps it in the link. */
  const setClip = (clip: Clip | null) => {
    ui.clip = clip;
    ui.said = describeClip(clip);
    writeUrl();
  };

  function onFrame(dtMs: number): boolean {
    const started = performance.now();
    if (ui.playing) {
      const rate = (horizonNs / options.playSeconds) * ui.speed;
      const end = clipEndNs(ui.clip, horizonNs);
      if (options.play) {
        if (options.play(runner, dtMs, rate, end, started)) pause();
        else playedTo();
      } else {
        runner.advance(dtMs, rate, end);
        playedTo();
      }
    }
    let moving = false;
    if (stage) {
      if (shownVersion !== ui.version) {
        shownVersion = ui.version;
        stage.show(options.stageInput(ui.playing));
      }
      moving = stage.frame(dtMs, !prefersReducedMotion.current);
    }
    recordFrameCost(id, performance.now() - started);
    return ui.playing || moving;
  }

  return {
    options,
    notices: initial.notices,
    ui,
    get values() {
      return values;
    },
    get runner() {
      return runner;
    },
    get stage() {
      return stage;
    },
    get horizonNs() {
      return horizonNs;
    },
    /** The runner's listener: every move redraws, and the charts follow at their own pace. */
    moved: () => {
      ui.version += 1;
      const now = performance.now();
      if (!ui.playing || now - lastChartAt > 300) {
        lastChartAt = now;
        ui.chartVersion += 1;
      }
      frameLoop?.wake();
    },
    redraw,
    play,

    // --- controls ---------------------------------------------------------------------------
    togglePlay: () => {
      if (ui.playing) return pause();
      if (ui.clip === null && atEnd()) runner.reset();
      play();
    },
    /** Moves the run while paused (a step, a reset, a checkpoint's step) and keeps it in the link. */
    move: (to: (runner: R) => unknown) => {
      ui.scrubbedTo = null;
      ui.playing = false;
      to(runner);
      writeUrl();
    },
    scrub: (tNs: number) => {
      ui.playing = false;
      runner.seekTime(tNs);
      ui.scrubbedTo = tNs;
      writeUrl();
    },
    setParam: (name: string, value: number | string | boolean) => {
      values = { ...values, [name]: value };
      if (options.rereads?.(name)) {
        redraw();
        writeUrl();
      } else {
        rebuild();
      }
    },
    /** Runs with the typed seed; refuses (says so, returns false) anything but a whole number in range. */
    setSeed: (raw: string): boolean => {
      const next = raw.trim() === '' ? NaN : Number(raw);
      if (!Number.isSafeInteger(next) || next < SEED_RANGE.min || next > SEED_RANGE.max) {
        ui.said = `The seed must be a whole number from ${SEED_RANGE.min} to ${SEED_RANGE.max}; still ${ui.seed}.`;
        return false;
      }
      ui.said = '';
      ui.seed = next;
      rebuild();
      return true;
    },
    setSpeed: (raw: string) => {
      ui.speed = Number(raw);
      writeUrl();
    },
    /** The clip starts where the reader stands (an end at or before it is dropped). */
    clipStartHere: () => {
      const fromNs = here();
      const toNs = ui.clip?.toNs ?? null;
      setClip({
        fromNs,
        toNs: toNs !== null && toNs > fromNs ? toNs : null,
        loop: ui.clip?.loop ?? false,
      });
    },
    /** The clip ends where the reader stands; refused (and said why) at or before its start. */
    clipEndHere: () => {
      const toNs = here();
      const fromNs = ui.clip?.fromNs ?? 0;
      if (toNs <= fromNs) {
        ui.said = `A clip must end after it starts (${formatVirtualTime(fromNs)}): move on first.`;
        return;
      }
      setClip({ fromNs, toNs, loop: ui.clip?.loop ?? false });
    },
    setClipLoop: (loop: boolean) => {
      setClip({ fromNs: ui.clip?.fromNs ?? 0, toNs: ui.clip?.toNs ?? null, loop });
    },
    clearClip: () => setClip(null),
    copyLink: () => {
      void copy(shareUrl(), 'Link');
    },
    copyEmbed: () => {
      void copy(embedCode(shareUrl(), options.title, Math.ceil(rootHeight)), 'Embed code');
    },

    // --- lifecycle (attachments) --------------------------------------------------------------
    /** The widget's root: the frame loop, stopped off-screen and in hidden tabs. */
    lifecycle: (root: HTMLElement) => {
      // The address shows the whole state from the start, so copying it reopens exactly this.
      untrack(writeUrl);
      const loop = createFrameLoop(root, onFrame);
      frameLoop = loop;
      return () => {
        loop.destroy();
        frameLoop = null;
      };
    },
    /**
     * The content: its natural height goes into the embed code's initial iframe height, and on
     * /embed/ to the host page (whose snippet sets the iframe's height).
     */
    measure: (content: HTMLElement) => {
      const sizeObserver = new ResizeObserver(() => {
        rootHeight = content.getBoundingClientRect().height;
        if (widget.embed && window.parent !== window) {
          const message: ResizeMessage = {
            type: RESIZE_MESSAGE,
            id,
            height: Math.ceil(rootHeight) + 2,
          };
          window.parent.postMessage(message, '*');
        }
      });
      sizeObserver.observe(content);
      return () => sizeObserver.disconnect();
    },
    /**
     * The stage's box: Pixi arrives when it nears the viewport (../../render/stage-host.ts); on
     * /embed/ when the widget's frame does, wherever the stage sits in it.
     */
    stageAttachment: (host: HTMLElement) => {
      const frame = widget.embed ? (host.closest('[data-widget]') ?? host) : host;
      const teardown = mountStage(
        host,
        options.stage,
        {
          onReady(ready) {
            stage = ready;
            redraw();
          },
          onUnavailable(reason) {
            stage = null;
            ui.unavailable = reason;
          },
        },
        frame,
      );
      return () => {
        stage = null;
        teardown();
      };
    },
  };
}

export type WidgetSession<R extends Runner> = ReturnType<typeof createWidgetSession<R>>;
