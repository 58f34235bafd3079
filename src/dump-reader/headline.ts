import type { ReaderGroup } from './read-dump';

/**
 * The frame a reader recognises a group by: the innermost one outside the runtime (the frames
 * above it are how it parked), else the innermost.
 */
export function headline(group: ReaderGroup): string {
  const own = group.frames.find((f) => !/^(runtime|internal)[./]/.test(f.func));
  return (own ?? group.frames[0])?.func ?? '(no frames)';
}
