/**
 * What a leak lab's stage draws for one run: rows of things the runtime holds (timers in a P's
 * heap, parked goroutines, inner handlers), each a count drawn as one mark per item, with a line
 * of detail (bytes held, wait reason). Plain data, built from a View by each lab.
 */
export interface HoldingRow {
  /** Stable key for the row's text objects. */
  readonly key: string;
  readonly label: string;
  readonly count: number;
  /** A short note after the count, e.g. `4.1 MiB held` or `[sync.Mutex.Lock]`. */
  readonly detail: string;
  /** Which palette colour its marks take. */
  readonly tone: 'waiting' | 'running' | 'runnable' | 'syscall' | 'accent' | 'muted';
}

/** Bytes for a reader: `512 B`, `4.0 KiB`, `3.9 MiB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  return `${(bytes / (1024 * 1024 * 1024)).toFixed(2)} GiB`;
}
