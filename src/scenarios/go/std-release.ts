/**
 * The Go releases whose real goroutine dumps the model's standard-library frames are read from
 * (tests/fixtures/*-go1.*.dump.txt): go1.19.8, the reference runs' release, and Debian's packages
 * of the later ones. No Go 1.20 toolchain was at hand, so Go 1.20 prints go1.19.8's lines;
 * releases after 1.27 print go1.27.3's.
 */
export const STD_RELEASES = [
  'go1.19.8',
  'go1.21.13',
  'go1.22.12',
  'go1.23.5',
  'go1.24.4',
  'go1.25.12',
  'go1.26.10',
  'go1.27.3',
] as const;
export type StdRelease = (typeof STD_RELEASES)[number];

/** The release whose lines a dump of Go 1.`minor` prints: the newest one not after it. */
export function stdRelease(goMinor: number): StdRelease {
  let found: StdRelease = STD_RELEASES[0];
  for (const r of STD_RELEASES) if (Number(r.split('.')[1]) <= goMinor) found = r;
  return found;
}

/** What the dump panel says about the standard library's line numbers for Go 1.`goMinor`. */
export function stdLinesNote(goMinor: number): string {
  const release = stdRelease(goMinor);
  if (Number(release.split('.')[1]) === goMinor)
    return `Frames in Go's own packages are at ${release}'s lines, as a real dump of this program on that release prints them.`;
  return `Frames in Go's own packages are at ${release}'s lines: there was no Go 1.${goMinor} toolchain to check a real dump against.`;
}
