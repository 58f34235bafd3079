/**
 * Line tags: ops name the line of the Go source they stand for. Looking lines up by their text
 * (rather than hard-coding numbers) keeps the tags right when a source is edited.
 */
import type { GoSource } from '../types.ts';

/** The 1-based line of `source` containing `needle`; throws unless exactly one line does. */
export function lineOf(source: GoSource, needle: string): number {
  const lines = source.code.split('\n');
  const hits = lines.flatMap((text, i) => (text.includes(needle) ? [i + 1] : []));
  if (hits.length !== 1) {
    throw new Error(`${source.title}: ${hits.length} lines contain ${JSON.stringify(needle)}`);
  }
  return hits[0] as number;
}

/** The first line after line `after` containing `needle` (for text that repeats, like `go func() {`). */
export function lineOfAfter(source: GoSource, needle: string, after: number): number {
  const lines = source.code.split('\n');
  for (let i = after; i < lines.length; i++) if (lines[i]?.includes(needle) === true) return i + 1;
  throw new Error(`${source.title}: no line after ${after} contains ${JSON.stringify(needle)}`);
}
