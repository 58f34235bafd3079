/**
 * What the widget shell drives: one run with time travel (./controller.ts) or two runs on one
 * clock (../leak-lab/dual-controller.ts). Positions are the run's events and virtual clock.
 */
export interface Runner {
  readonly events: number;
  readonly nowNs: number;
  readonly done: boolean;
  /** Calls `listener` after every change of position; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  stepForward(): boolean;
  stepBack(): boolean;
  seekEvent(n: number): void;
  seekTime(tNs: number): void;
  /** Runs on by `realMs` of play at `speedNsPerSecond`, never past `horizonNs`. */
  advance(realMs: number, speedNsPerSecond: number, horizonNs?: number): void;
  reset(): void;
}
