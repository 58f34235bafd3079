/**
 * The per-chapter checklists of tests/fixtures/go-version-checks: every claim of a chapter that
 * depends on the Go release, where it was checked in each newer release (a file and line of
 * GOROOT/src, a real dump in tests/fixtures, or a run), and the verdict. The checks themselves were
 * done by hand against Debian's go1.26.10 and go1.27.3; what this test keeps honest is the link
 * between a checklist and its chapter:
 *
 * - every quoted claim is still in the chapter, word for word (whitespace aside), so rewording a
 *   checked sentence fails here until its row is checked again and updated;
 * - the chapter's `goVersions` lists every release the checklist has a column for;
 * - every reference is a Go file and line, an existing line of a fixture in this repo, or a run.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chapterFiles } from './chapter-files';

const checksDir = join(import.meta.dirname, '..', 'fixtures', 'go-version-checks');
const repoRoot = join(import.meta.dirname, '..', '..');

const verdicts = ['holds', 'fixed', 'scoped'] as const;

interface Row {
  readonly line: number;
  readonly quote: string;
  readonly places: readonly string[];
  readonly verdict: string;
}

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function goVersionsOf(text: string): string[] {
  const list = /^goVersions:\s*\[([^\]]*)\]/m.exec(text)?.[1] ?? '';
  return [...list.matchAll(/'([^']+)'/g)].map((m) => m[1] ?? '');
}

/** A file:line of GOROOT/src (`runtime/proc.go:6681`). */
const goSourcePlace = /^(?:[\w.-]+\/)*[\w-]+\.go:\d+$/;
/** A file:line of this repository's fixtures. */
const fixturePlace = /^(tests\/fixtures\/\S+):(\d+)$/;

/** The problem with one reference, or null when it is well formed and, for a fixture, exists. */
function placeProblem(place: string): string | null {
  if (place.startsWith('run: ')) return place.length > 'run: '.length ? null : 'an empty run';
  const fixture = fixturePlace.exec(place);
  if (fixture === null) {
    return goSourcePlace.test(place)
      ? null
      : `"${place}" is not a file:line, a fixture line or a run`;
  }
  const path = join(repoRoot, fixture[1] ?? '');
  if (!existsSync(path)) return `${fixture[1]} does not exist`;
  const lines = readFileSync(path, 'utf8').split('\n').length;
  return Number(fixture[2]) <= lines ? null : `${fixture[1]} has no line ${fixture[2]}`;
}

const checklists = readdirSync(checksDir)
  .filter((name) => name.endsWith('.tsv'))
  .sort()
  .map((name) => {
    const [header = '', ...body] = readFileSync(join(checksDir, name), 'utf8')
      .trimEnd()
      .split('\n');
    const columns = header.split('\t');
    const releases = columns.slice(1, -2);
    const rows: Row[] = body.map((text, i) => {
      const cells = text.split('\t');
      return {
        line: i + 2,
        quote: cells[0] ?? '',
        places: cells.slice(1, 1 + releases.length).flatMap((cell) => cell.split('; ')),
        verdict: cells[1 + releases.length] ?? '',
      };
    });
    return { name, id: name.replace(/\.tsv$/, ''), columns, releases, rows };
  });

describe('Go version checklists', () => {
  it('exist for the chapters whose claims were checked release by release', () => {
    expect(checklists.map((c) => c.id)).toEqual(
      expect.arrayContaining([
        '01-ghost-leaks',
        '02-why-goroutines-are-cheap',
        '03-timeout-traps',
        '04-sync-once-misuse',
      ]),
    );
  });

  describe.each(checklists)('$name', ({ id, columns, releases, rows }) => {
    const chapter = chapterFiles.find((c) => c.id === id);

    it('names a chapter and has the columns quote, one per release, verdict, note', () => {
      expect(chapter, `content/chapters/${id}.mdx`).toBeDefined();
      expect(columns[0]).toBe('quote');
      expect(columns.slice(-2)).toEqual(['verdict', 'note']);
      expect(releases.length).toBeGreaterThan(0);
      for (const release of releases) expect(release).toMatch(/^go1\.\d+\.\d+$/);
      expect(rows.length).toBeGreaterThan(0);
    });

    it("lists every release it checked in the chapter's goVersions", () => {
      const listed = goVersionsOf(chapter?.text ?? '');
      for (const release of releases) {
        expect(listed).toContain(/^go(1\.\d+)/.exec(release)?.[1]);
      }
    });

    it('quotes only sentences the chapter still contains', () => {
      const text = normalise(chapter?.text ?? '');
      const missing = rows
        .filter((row) => row.quote === '' || !text.includes(normalise(row.quote)))
        .map((row) => `line ${row.line}: ${row.quote}`);
      expect(missing).toEqual([]);
    });

    it('gives each claim a verdict and well-formed references', () => {
      const problems: string[] = [];
      for (const row of rows) {
        if (!(verdicts as readonly string[]).includes(row.verdict)) {
          problems.push(`line ${row.line}: verdict "${row.verdict}"`);
        }
        if (row.places.length === 0) problems.push(`line ${row.line}: no reference`);
        for (const place of row.places) {
          const problem = placeProblem(place);
          if (problem !== null) problems.push(`line ${row.line}: ${problem}`);
        }
      }
      expect(problems).toEqual([]);
    });
  });
});
