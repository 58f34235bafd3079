/** A scheduler stand-in for stdlib unit tests: records who was readied, in order. */
import type { ChanHooks } from '../../src/model/stdlib/chan.ts';

export interface RecordingHooks extends ChanHooks {
  readonly readied: number[];
}

export function recordingHooks(pick: (n: number) => number = () => 0): RecordingHooks {
  const readied: number[] = [];
  return {
    readied,
    ready: (g) => {
      readied.push(g);
    },
    randn: pick,
  };
}
