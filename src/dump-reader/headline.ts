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
 * `myservice/handlers` from the standard `net/http`. Functions the runtime provides to other
 * packages by linkname (`internal/poll.runtime_pollWait`, `sync.runtime_SemacquireMutex`,
 * `time.Sleep`) sit in GOROOT's `src/runtime` instead.
 */
function isStandardLibrary(frame: ReaderFrame): boolean {
  const path = packagePath(frame.func);
  if (path === 'main' || (path.split('/')[0] ?? '').includes('.')) return false;
  return frame.place.includes(`/src/${path}/`) || frame.place.includes('/src/runtime/');
}

/**
 * Index of the frame a reader knows a group by: the innermost frame of the program's own code
 * (where it is stuck), else the innermost outside the runtime, else the innermost.
 */
function headlineIndex(frames: readonly ReaderFrame[]): number {
  const own = frames.findIndex((f) => !isStandardLibrary(f));
  if (own >= 0) return own;
  return Math.max(
    0,
    frames.findIndex((f) => !/^(runtime|internal)[./]/.test(f.func)),
  );
}

export function headline(group: ReaderGroup): string {
  return group.frames[headlineIndex(group.frames)]?.func ?? '(no frames)';
}

/** The `file.go:123` of a frame's place. */
const lineOf = (f: ReaderFrame | undefined) => f?.place.match(/[^/]+:\d+/)?.[0] ?? '';

/**
 * Headlines for a list of groups, told apart where two groups in the same state would read the
 * same (four kinds of connection goroutine all wait in `net.(*netFD).Read`). Each such headline
 * gets, until it is unique: the goroutine's own function (` in net/http.(*conn).serve`); then the
 * outermost call where it parts from a group it still matches (` via bufio.(*Reader).Peek`); then
 * the headline frame's line.
 */
export function headlines(groups: readonly ReaderGroup[]): string[] {
  const labels = groups.map(headline);
  const clashes = (i: number) =>
    groups
      .map((_, j) => j)
      .filter((j) => j !== i && labels[j] === labels[i] && groups[j]!.state === groups[i]!.state);
  const steps: ((g: ReaderGroup, twin: ReaderGroup) => string)[] = [
    (g) => {
      const outer = g.frames.at(-1);
      return outer === undefined || outer === g.frames[headlineIndex(g.frames)]
        ? ''
        : ` in ${outer.func}`;
    },
    (g, twin) => {
      for (let k = 1; k <= g.frames.length; k++) {
        const mine = g.frames[g.frames.length - k];
        if (mine?.func !== twin.frames[twin.frames.length - k]?.func) return ` via ${mine?.func}`;
      }
      return '';
    },
    (g) => ` at ${lineOf(g.frames[headlineIndex(g.frames)])}`,
  ];
  for (const step of steps) {
    const twins = groups.map((_, i) => clashes(i));
    twins.forEach((js, i) => {
      if (js.length > 0) labels[i] += step(groups[i]!, groups[js[0]!]!);
    });
  }
  return labels;
}
