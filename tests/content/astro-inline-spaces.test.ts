/**
 * Astro drops the line break between a line of text and an inline element that starts the next
 * line, so the words run together: "Or press<strong>Copy link</strong>", "or<code>runtime.Stack"
 * (seen on /onboarding/ and /dump-reader/). A page must end such a line with {' '}.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const dirs = ['src/pages', 'src/components', 'src/layouts'].map((d) => join(root, d));

function astroFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return astroFiles(path);
    return entry.name.endsWith('.astro') ? [path] : [];
  });
}

/** Lines where text ends and the next line opens an inline element that would be glued to it. */
function gluedLines(source: string): number[] {
  const lines = source.split('\n');
  const glued: number[] = [];
  lines.forEach((line, i) => {
    const previous = lines[i - 1];
    if (previous === undefined) return;
    const textEnds = /[\p{L}\p{N},.;:)]$/u.test(previous.trimEnd());
    const inlineStarts = /^\s*<(?:a|abbr|code|em|kbd|strong|Term)[\s>]/.test(line);
    if (textEnds && inlineStarts) glued.push(i + 1);
  });
  return glued;
}

describe('text runs into an inline element on the next line', () => {
  it('is caught in a sample page', () => {
    const sample = ['<p>', '  Or press', '  <strong>Copy link</strong> for the address.', '</p>'];
    expect(gluedLines(sample.join('\n'))).toEqual([3]);
    expect(gluedLines(sample.join('\n').replace('Or press', "Or press{' '}"))).toEqual([]);
  });

  it('happens nowhere in the pages, components and layouts', () => {
    const found = dirs
      .flatMap(astroFiles)
      .flatMap((file) =>
        gluedLines(readFileSync(file, 'utf8')).map((n) => `${relative(root, file)}:${n}`),
      );
    expect(found).toEqual([]);
  });
});
