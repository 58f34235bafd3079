import { widgetLoaders, type WidgetLoader } from './widget-loaders';

/**
 * Every interactive widget of the guide, in one table. MDX (`<Widget id=…>`), the chrome-less
 * `/embed/<id>/` pages and the browser tests all read this table, so a widget exists exactly when it
 * is listed here. See ./README.md for the island lifecycle. The components themselves come from
 * ./widget-loaders.ts (each entry's `load`), which is all the browser's island imports.
 */

/** What the generic island (./WidgetIsland.svelte) passes to every widget component. */
export interface WidgetProps {
  /**
   * Parameter values as strings, exactly as they would appear in a URL query (`{ lanes: '4' }`).
   * The widget parses them with its scenario's schema; bad values give a notice and the default.
   */
  readonly params: Readonly<Record<string, string>>;
  /** Seed of the simulation's PRNG. */
  readonly seed: number;
  /** The simulation step to start from. */
  readonly step: number;
  /** True on /embed/<id>/: the widget fills the frame and owns the page's query string. */
  readonly embed: boolean;
  /**
   * A predict-then-run checkpoint's answer: when it changes, a widget whose entry says
   * `playsToRunTo` plays on to this step and pauses there. Absent everywhere else.
   */
  readonly runTo?: number | undefined;
}

export interface WidgetEntry {
  readonly title: string;
  /** The scenario id in src/scenarios the widget runs. */
  readonly scenario: string;
  /** A text description: shown before the widget loads and read by anyone without JavaScript. */
  readonly summary: string;
  /** Width / height of the stage, so the server-rendered placeholder reserves the right space. */
  readonly aspectRatio: number;
  /** The stage never gets shorter than this on narrow screens (px). */
  readonly minHeightPx: number;
  /**
   * True when the widget honours `WidgetProps.runTo` by playing on to it. Otherwise a checkpoint's
   * run reopens the widget at that step (no animation, same picture).
   */
  readonly playsToRunTo?: boolean;
  /**
   * Loads the component only when the island hydrates, which keeps Pixi out of the page's first JS.
   * It is the widget's entry in ./widget-loaders.ts, the map the island imports instead of this table.
   */
  readonly load: WidgetLoader;
}

export const widgets = {
  gmp: {
    title: 'G, M and P at work',
    scenario: 'gmp',
    summary:
      'Each processor P is a lane with its runnext slot and local run queue; beside them the ' +
      'global queue, the netpoller, threads (Ms) blocked in system calls and idle Ms. Goroutines ' +
      'are coloured squares that move between these places as the scheduler runs them, steals ' +
      'them and hands Ps off. Sliders set GOMAXPROCS, the number of goroutines, the work mix and ' +
      'the Go version; above 2,000 goroutines the lanes show queue lengths as bars.',
    // The whole widget (controls, stage, source, chart, transcript) is taller than wide.
    aspectRatio: 3 / 4,
    minHeightPx: 1100,
    playsToRunTo: true,
    load: widgetLoaders.gmp,
  },
  'stack-growth': {
    title: 'A goroutine stack grows by copying',
    scenario: 'stack-growth',
    summary:
      'One goroutine recursing, its stack drawn as a column with one band per frame. The stack ' +
      'starts at 2 KiB; when a call would reach the guard zone at the bottom, morestack allocates ' +
      'a stack twice the size, copies every frame into it and adjusts the pointers into it. After ' +
      'the recursion returns, a GC can halve it. Sliders set the recursion depth and the frame size.',
    aspectRatio: 3 / 4,
    minHeightPx: 1100,
    playsToRunTo: true,
    load: widgetLoaders['stack-growth'],
  },
  preemption: {
    title: 'Preempting a loop with no calls',
    scenario: 'preemption',
    summary:
      'A timeline of one P: a goroutine spins in a loop with no function calls while main sleeps. ' +
      'With cooperative preemption (Go 1.13) main cannot run again until the loop ends; with ' +
      'asynchronous preemption (Go 1.14+) sysmon notices the loop has run 10ms, signals its ' +
      'thread, and main wakes. The wake latency is drawn for each round.',
    aspectRatio: 3 / 4,
    minHeightPx: 1000,
    playsToRunTo: true,
    load: widgetLoaders.preemption,
  },
  'afterfunc-leak': {
    title: 'time.AfterFunc: the buggy and the fixed program side by side',
    scenario: 'afterfunc-leak',
    summary:
      'A loop starts time.AfterFunc timers whose closures capture a buffer, drawn twice on one ' +
      'clock: never stopped (or with f blocking) on the left, stopped with defer t.Stop() on the ' +
      'right. Each P’s timer heap shows its pending timers and the bytes they hold; charts of ' +
      'goroutines, pending timers and heap show goroutines flat while the heap climbs. Sliders set ' +
      'the rate, delay, load, payload, mode and Go version; a button dumps the goroutines.',
    aspectRatio: 3 / 4,
    minHeightPx: 1100,
    load: widgetLoaders['afterfunc-leak'],
  },
  'timeout-handler': {
    title: 'http.TimeoutHandler: the buggy and the fixed handler side by side',
    scenario: 'timeout-handler',
    summary:
      'Clients send requests to a server whose handler is wrapped in http.TimeoutHandler, drawn ' +
      'twice on one clock: a handler that ignores r.Context() on the left, one that honours it on ' +
      'the right. The inner handler goroutines still running after their 503, the connection ' +
      'goroutines and the 503s answered are drawn as they happen, with charts of each. Sliders ' +
      'set qps, work, timeout, load and the Go version; a button dumps the goroutines.',
    aspectRatio: 3 / 4,
    minHeightPx: 1100,
    load: widgetLoaders['timeout-handler'],
  },
  'once-stall': {
    title: 'sync.Once: the buggy and the fixed config loader side by side',
    scenario: 'once-stall',
    summary:
      'Goroutines call GetConfig, which loads the config through a sync.Once, drawn twice on one ' +
      'clock: f blocking (or panicking) on the left, a bounded retrying load on the right. The ' +
      'callers parked behind the Once’s mutex (sync.Mutex.Lock, or semacquire before Go 1.20) and ' +
      'the goroutine stuck in f pile up as they happen, with charts of goroutines and calls. ' +
      'Sliders set the call rate, load, mode and Go version; a button dumps the goroutines.',
    aspectRatio: 3 / 4,
    minHeightPx: 1100,
    load: widgetLoaders['once-stall'],
  },
  observability: {
    title: 'A goroutine leak on the dashboard',
    scenario: 'observability',
    summary:
      'One of the three incidents (TimeoutHandler, time.AfterFunc, sync.Once) at production ' +
      'traffic for hours of virtual time, on a dashboard of goroutines, their growth per minute, ' +
      'heap, latency and open connections. An alert rule whose threshold, growth rate, window and ' +
      '"for" duration you set fires and resolves from the series, with its time to detect; while it ' +
      'fires, the largest groups of the goroutine dump say which incident it is. A fix switch ' +
      'shows the alert stay quiet.',
    aspectRatio: 3 / 4,
    minHeightPx: 1400,
    load: widgetLoaders.observability,
  },
} as const satisfies Readonly<Record<keyof typeof widgetLoaders, WidgetEntry>>;

export type WidgetId = keyof typeof widgets;

export const widgetIds = Object.keys(widgets) as WidgetId[];

export function isWidgetId(id: string): id is WidgetId {
  return Object.hasOwn(widgets, id);
}

/**
 * The registry entry for `id`. Throws with the list of known ids, which during `astro build` turns a
 * typo in a chapter's `<Widget id=…>` into a clear build error rather than an empty box.
 */
export function getWidget(id: string): WidgetEntry {
  if (!isWidgetId(id)) {
    throw new Error(`Unknown widget id "${id}". Known widgets: ${widgetIds.join(', ')}.`);
  }
  return widgets[id];
}
