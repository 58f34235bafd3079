import type { ReaderFrame, ReaderGroup } from './read-dump';

/** `net/http` of `net/http.(*conn).serve`: up to the first dot after the last slash. */
function packagePath(func: string): string {
  const lastSlash = func.lastIndexOf('/');
  const dot = func.indexOf('.', lastSlash + 1);
  return dot < 0 ? func : func.slice(0, dot);
}

/**
 * Whether a frame is the standard library's: its import path has no dot in its first element
 * and its file sits under that path in a `src` tree (GOROOT's), which tells a module named
 * `myservice/handlers` from the standard `net/http`.
 */
function isStandardLibrary(frame: ReaderFrame): boolean {
  const path = packagePath(frame.func);
  if (path === 'main' || (path.split('/')[0] ?? '').includes('.')) return false;
  return frame.place.includes(`/src/${path}/`);
}

/**
 * The frame a reader knows a group by: the innermost frame of the program's own code (where it is
 * stuck), else the innermost outside the runtime, else the innermost.
 */
export function headline(group: ReaderGroup): string {
  const frames = group.frames;
  const own =
    frames.find((f) => !isStandardLibrary(f)) ??
    frames.find((f) => !/^(runtime|internal)[./]/.test(f.func));
  return (own ?? frames[0])?.func ?? '(no frames)';
}
