/**
 * How a predict-then-run checkpoint tells its widget to run on. The question and the widget are
 * separate islands (Astro hydrates each on its own), so they meet through one DOM event on
 * `window`, addressed by the name <Predict> gives its widget.
 */

export const RUN_TO_EVENT = 'ghost-goroutines:run-to';

export interface RunToDetail {
  /** The `name` of the widget's island. */
  readonly name: string;
  /** The simulation step to play on to. */
  readonly step: number;
}

/**
 * The last request per name. Both islands import this one module, so a widget that hydrates after
 * the reader answered (it hydrates only near the viewport) still finds the request.
 */
const lastRequest = new Map<string, number>();

/** Asks the widget island named `name` to play on to `step`. */
export function requestRunTo(name: string, step: number): void {
  lastRequest.set(name, step);
  const detail: RunToDetail = { name, step };
  window.dispatchEvent(new CustomEvent<RunToDetail>(RUN_TO_EVENT, { detail }));
}

function isRunToDetail(detail: unknown): detail is RunToDetail {
  if (typeof detail !== 'object' || detail === null) return false;
  const { name, step } = detail as Record<string, unknown>;
  return typeof name === 'string' && typeof step === 'number' && Number.isSafeInteger(step);
}

/** Calls `listener` with the step of every request addressed to `name`; returns the unsubscribe. */
export function onRunTo(name: string, listener: (step: number) => void): () => void {
  const handle = (event: Event) => {
    const detail: unknown = (event as CustomEvent<unknown>).detail;
    if (isRunToDetail(detail) && detail.name === name) listener(detail.step);
  };
  window.addEventListener(RUN_TO_EVENT, handle);
  const earlier = lastRequest.get(name);
  if (earlier !== undefined) listener(earlier);
  return () => window.removeEventListener(RUN_TO_EVENT, handle);
}
