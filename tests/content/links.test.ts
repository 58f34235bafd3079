/**
 * Links in the chapters must hold: links into the Go source point at a release tag (a link to
 * master changes meaning as Go moves on), every <Term id> has a glossary entry, and every internal
 * link is relative (so the site works under a base path) and lands on a page and anchor that exist.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chapterSlug } from '../../src/components/site-paths';
import { glossary, glossaryIds } from '../../src/data/glossary';

const chaptersDir = join(import.meta.dirname, '..', '..', 'content', 'chapters');

interface Chapter {
  readonly file: string;
  readonly slug: string;
  readonly text: string;
}

const chapters: readonly Chapter[] = readdirSync(chaptersDir)
  .filter((name) => name.endsWith('.mdx') && !name.startsWith('_'))
  .sort()
  .map((file) => ({
    file,
    slug: chapterSlug(file),
    text: readFileSync(join(chaptersDir, file), 'utf8'),
  }));

const goRepoUrl = /https?:\/\/github\.com\/golang\/go(?![\w.-])(?:[/?#][^\s)"'`<>\]]*)?/g;
/** Source at a tag (`/blob/go1.25.0/...`, `/tree/go1.22/...`), or a numbered issue or change. */
const taggedGoRepoUrl =
  /^https:\/\/github\.com\/golang\/go\/(?:(?:blob|tree|raw)\/go1\.\d+(?:\.\d+)?(?:(?:rc|beta)\d+)?\/\S+|(?:issues|pull)\/\d+(?:#\S*)?)$/;

/** The problem with one github.com/golang/go URL, or null when it is pinned to a tag. */
function untaggedGoLinkProblem(url: string): string | null {
  return taggedGoRepoUrl.test(url)
    ? null
    : `${url} does not point at a release tag (e.g. /blob/go1.25.0/)`;
}

/** Text with fenced code blocks and inline code removed, so code is not mistaken for links. */
function proseOnly(text: string): string {
  return text
    .replace(/^(\s*)(`{3,}|~{3,})[^\n]*\n[\s\S]*?\n\1\2[ \t]*$/gm, '')
    .replace(/`[^`\n]*`/g, '');
}

/** An approximation of github-slugger, which Astro uses for heading ids. */
function headingSlug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/<[^>]+>/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** Every id a link may target inside a chapter: heading slugs and myth notes. */
function anchorsOf(chapter: Chapter): Set<string> {
  const anchors = new Set<string>();
  for (const match of proseOnly(chapter.text).matchAll(/^#{1,6}\s+(.+)$/gm)) {
    anchors.add(headingSlug((match[1] ?? '').replace(/`/g, '')));
  }
  for (const match of chapter.text.matchAll(/<MythVsFact[^>]*\bclaim="([^"]+)"/g)) {
    anchors.add(`myth-${match[1] ?? ''}`);
  }
  return anchors;
}

const anchorsBySlug = new Map(chapters.map((chapter) => [chapter.slug, anchorsOf(chapter)]));

/**
 * The fixed pages of src/pages/ (`name.astro` and `name/index.astro` are served at /name/), which
 * chapters may link to; their fragments are not checked here.
 */
const STATIC_PAGES = new Set(
  readdirSync(join(import.meta.dirname, '..', '..', 'src', 'pages'), { withFileTypes: true })
    .filter((entry) =>
      entry.isDirectory()
        ? readdirSync(join(entry.parentPath, entry.name)).includes('index.astro')
        : entry.name.endsWith('.astro') && !entry.name.startsWith('['),
    )
    .map((entry) => `/${entry.name.replace(/\.astro$/, '')}/`)
    .filter((path) => path !== '/index/' && path !== '/404/'),
);

/**
 * Resolves a link written in the chapter `fromSlug` (served at /chapters/<slug>/) and returns
 * what is wrong with it, or null when it lands on an existing page and anchor.
 */
function internalLinkProblem(target: string, fromSlug: string): string | null {
  if (target.startsWith('/')) {
    return `${target} is root-relative; write it relative (../slug/) so a base path keeps working`;
  }
  const resolved = new URL(target, `https://site.invalid/chapters/${fromSlug}/`);
  const fragment = decodeURIComponent(resolved.hash.slice(1));
  const path = resolved.pathname;
  const chapterMatch = /^\/chapters\/([^/]+)\/$/.exec(path);
  if (chapterMatch !== null) {
    const anchors = anchorsBySlug.get(chapterMatch[1] ?? '');
    if (anchors === undefined) return `${target} points at no chapter (${path})`;
    if (fragment !== '' && !anchors.has(fragment))
      return `${target}: no heading or note #${fragment}`;
    return null;
  }
  if (path === '/glossary/') {
    if (fragment !== '' && !glossaryIds.has(fragment))
      return `${target}: no glossary entry #${fragment}`;
    return null;
  }
  if ((path === '/' || STATIC_PAGES.has(path)) && fragment === '') return null;
  return `${target} resolves to ${path}, which is not a page of the site`;
}

/** Link targets in prose: markdown links and href attributes, without external URLs. */
function internalTargets(text: string): string[] {
  const prose = proseOnly(text);
  const targets = [
    ...[...prose.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((match) => match[1] ?? ''),
    ...[...prose.matchAll(/\bhref="([^"]+)"/g)].map((match) => match[1] ?? ''),
  ];
  return targets.filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target));
}

describe('links in the chapters', () => {
  it('finds the chapters', () => {
    expect(chapters.length).toBeGreaterThan(0);
  });

  it.each(chapters.map((chapter) => [chapter.file, chapter.text]))(
    '%s: links into golang/go point at a release tag',
    (_file, text) => {
      const problems = [...text.matchAll(goRepoUrl)]
        .map((match) => untaggedGoLinkProblem(match[0].replace(/[.,;:]+$/, '')))
        .filter((problem) => problem !== null);
      expect(problems).toEqual([]);
    },
  );

  it.each(chapters.map((chapter) => [chapter.file, chapter.text]))(
    '%s: every <Term id> has a glossary entry',
    (_file, text) => {
      const unknown = [...text.matchAll(/<Term\s+id="([^"]*)"/g)]
        .map((match) => match[1] ?? '')
        .filter((id) => !glossaryIds.has(id));
      expect(unknown).toEqual([]);
    },
  );

  it.each(chapters.map((chapter) => [chapter.file, chapter.text]))(
    '%s: no <Term> opens a paragraph (MDX would split it into a block of its own)',
    (_file, text) => {
      const opening = [...proseOnly(text).matchAll(/(?:^|\n)[ \t]*\n(<Term [^\n]*)/g)].map(
        (match) => match[1] ?? '',
      );
      expect(opening).toEqual([]);
    },
  );

  it.each(chapters.map((chapter) => [chapter.file, chapter.slug, chapter.text]))(
    '%s: internal links are relative and resolve',
    (_file, slug, text) => {
      const problems = internalTargets(text)
        .map((target) => internalLinkProblem(target, slug))
        .filter((problem) => problem !== null);
      expect(problems).toEqual([]);
    },
  );

  it('the link checks reject what they should (they can fail)', () => {
    const someChapter = chapters[0]?.slug ?? 'ghost-leaks';
    expect(
      untaggedGoLinkProblem('https://github.com/golang/go/blob/master/src/runtime/proc.go'),
    ).not.toBeNull();
    expect(
      untaggedGoLinkProblem(
        'https://github.com/golang/go/blob/release-branch.go1.25/src/runtime/proc.go',
      ),
    ).not.toBeNull();
    expect(
      untaggedGoLinkProblem('https://github.com/golang/go/blob/go1.25.0/src/runtime/proc.go#L100'),
    ).toBeNull();
    expect(internalLinkProblem('../no-such-chapter/', someChapter)).not.toBeNull();
    expect(internalLinkProblem('/glossary/', someChapter)).not.toBeNull();
    expect(internalLinkProblem('../../glossary/#no-such-term', someChapter)).not.toBeNull();
    expect(internalLinkProblem(`../${someChapter}/#no-such-heading`, someChapter)).not.toBeNull();
    expect(internalLinkProblem('../../glossary/#runnext', someChapter)).toBeNull();
  });
});

describe('the glossary', () => {
  it('has unique kebab-case ids', () => {
    const ids = glossary.map((entry) => entry.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id))).toEqual([]);
  });

  it('cites the Go source at a release tag', () => {
    const problems = glossary
      .map((entry) => entry.source?.url)
      .filter((url) => url !== undefined && url.startsWith('https://github.com/golang/go'))
      .map((url) => untaggedGoLinkProblem(url ?? ''))
      .filter((problem) => problem !== null);
    expect(problems).toEqual([]);
  });

  it('defines the core scheduler terms the issue asks for', () => {
    for (const id of [
      'g',
      'm',
      'p',
      'runnext',
      'local-run-queue',
      'global-run-queue',
      'sysmon',
      'netpoller',
      'wait-reason',
    ]) {
      expect(glossaryIds.has(id), id).toBe(true);
    }
  });
});
