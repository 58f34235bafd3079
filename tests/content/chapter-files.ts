/** The chapters' MDX sources and the heading anchors Astro gives them, for the content tests. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ChapterFile {
  /** The collection id: the file name without `.mdx` (`01-ghost-leaks`). */
  readonly id: string;
  readonly file: string;
  readonly text: string;
}

const chaptersDir = join(import.meta.dirname, '..', '..', 'content', 'chapters');

export const chapterFiles: readonly ChapterFile[] = readdirSync(chaptersDir)
  .filter((name) => name.endsWith('.mdx') && !name.startsWith('_'))
  .sort()
  .map((file) => ({
    id: file.replace(/\.mdx$/, ''),
    file,
    text: readFileSync(join(chaptersDir, file), 'utf8'),
  }));

/** An approximation of github-slugger, which Astro uses for heading ids. */
export function headingSlug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/<[^>]+>/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The ids of the chapter's headings (fenced code skipped). */
export function headingAnchors(text: string): Set<string> {
  const prose = text.replace(/^(\s*)(`{3,}|~{3,})[^\n]*\n[\s\S]*?\n\1\2[ \t]*$/gm, '');
  return new Set(
    [...prose.matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) =>
      headingSlug((m[1] ?? '').replace(/`/g, '')),
    ),
  );
}
