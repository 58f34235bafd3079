/**
 * Every wrong claim of the seed write-up must be corrected somewhere in the guide, exactly once,
 * by a `<MythVsFact claim="<id>" ...>` note whose `source` points at the Go source (or the Go
 * release notes) at a release tag. A link to master would silently change meaning as Go moves on.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const chaptersDir = join(import.meta.dirname, '..', '..', 'content', 'chapters');

/** The seed's wrong claims (issue #7), one stable id each. */
const expectedClaims = [
  'go122-soft-preemption',
  'afterfunc-holds-goroutine',
  'timerproc',
  'timeouthandler-holds-connection',
  'timeouthandler-monitor-goroutine',
  'panicking-once-blocks',
  'stack-mmap-or-in-place',
  'gomaxstack',
  'stack-non-power-of-two',
  'debug-readstackrecord',
  'struct-sizes-g48-p200-m2mib',
  'leaked-goroutines-runnable',
  'cancel-twice-panics',
  'robust-timeout-no-deadline',
  'atomic-bool-cas-singleton',
  'finalizer-on-global',
  'syncmap-segmented-locks',
  'false-sharing-free-counter-array',
  'pprof-goroutines-flag',
  'runtime-stack-sampling',
] as const;

/**
 * Source code at a release tag (`/blob/go1.25.0/`, `/tree/go1.22.12/`), or the release notes and
 * docs on go.dev, which describe one release each. Branches such as master or release-branch.* fail.
 */
const taggedSource =
  /^https:\/\/(github\.com\/golang\/go\/(blob|tree)\/go1\.\d+(\.\d+)?\/|go\.dev\/(doc|issue)\/)/;

interface MythNote {
  readonly file: string;
  readonly line: number;
  readonly attributes: Readonly<Record<string, string>>;
  /** Attributes written as `{...}` expressions: the test cannot read them, so it rejects them. */
  readonly expressionAttributes: readonly string[];
  readonly body: string;
}

/** Finds the end of a JSX opening tag: the first `>` outside a quoted attribute value. */
function openingTagEnd(text: string, from: number): number {
  let quote: string | undefined;
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (quote !== undefined) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === '>') {
      return i;
    }
  }
  return -1;
}

function findMythNotes(file: string, text: string): MythNote[] {
  const notes: MythNote[] = [];
  const opening = /<MythVsFact\b/g;
  for (let match = opening.exec(text); match !== null; match = opening.exec(text)) {
    const end = openingTagEnd(text, match.index);
    const line = text.slice(0, match.index).split('\n').length;
    if (end < 0) throw new Error(`${file}:${line}: <MythVsFact> opening tag never ends`);
    const tag = text.slice(match.index, end);
    const attributes: Record<string, string> = {};
    for (const attr of tag.matchAll(/([A-Za-z]+)=(?:"([^"]*)"|'([^']*)')/g)) {
      const [, name, double, single] = attr;
      if (name !== undefined) attributes[name] = double ?? single ?? '';
    }
    const expressionAttributes = [...tag.matchAll(/([A-Za-z]+)=\{/g)].map((m) => m[1] ?? '');
    const selfClosing = tag.endsWith('/');
    const close = selfClosing ? end : text.indexOf('</MythVsFact>', end);
    const body = selfClosing || close < 0 ? '' : text.slice(end + 1, close).trim();
    notes.push({ file, line, attributes, expressionAttributes, body });
  }
  return notes;
}

function chapterNotes(): MythNote[] {
  const files = readdirSync(chaptersDir).filter((name) => name.endsWith('.mdx'));
  return files.flatMap((name) =>
    findMythNotes(name, readFileSync(join(chaptersDir, name), 'utf8')),
  );
}

const where = (note: MythNote): string => `${note.file}:${note.line}`;

describe('the MythVsFact scanner', () => {
  it('reads attributes across lines and with > inside quotes, and the body', () => {
    const mdx = [
      'Text.',
      '<MythVsFact',
      '  claim="timerproc"',
      '  myth="a goroutine -> scans timers"',
      '  source="https://github.com/golang/go/blob/go1.25.0/src/runtime/time.go"',
      '>',
      'There is no such goroutine.',
      '</MythVsFact>',
    ].join('\n');
    const [note, ...rest] = findMythNotes('x.mdx', mdx);
    expect(rest).toHaveLength(0);
    expect(note?.line).toBe(2);
    expect(note?.attributes['claim']).toBe('timerproc');
    expect(note?.attributes['myth']).toBe('a goroutine -> scans timers');
    expect(note?.body).toBe('There is no such goroutine.');
  });

  it('flags attributes it cannot read', () => {
    const [note] = findMythNotes(
      'x.mdx',
      '<MythVsFact claim={id} myth="m" source="s">b</MythVsFact>',
    );
    expect(note?.expressionAttributes).toEqual(['claim']);
  });

  it('accepts tagged sources and rejects branches', () => {
    expect(taggedSource.test('https://github.com/golang/go/blob/go1.25.0/src/sync/once.go')).toBe(
      true,
    );
    expect(taggedSource.test('https://github.com/golang/go/blob/go1.22/src/sync/once.go')).toBe(
      true,
    );
    expect(taggedSource.test('https://go.dev/doc/go1.22')).toBe(true);
    expect(taggedSource.test('https://github.com/golang/go/blob/master/src/sync/once.go')).toBe(
      false,
    );
    expect(
      taggedSource.test('https://github.com/golang/go/blob/release-branch.go1.25/src/sync/once.go'),
    ).toBe(false);
  });
});

describe('myth coverage over content/chapters', () => {
  const notes = chapterNotes();

  it('writes every attribute of a note as a plain string', () => {
    const unreadable = notes.filter((note) => note.expressionAttributes.length > 0).map(where);
    expect(unreadable, 'use claim="..." rather than claim={...}').toEqual([]);
  });

  it.each(expectedClaims)('corrects "%s" in exactly one note', (claim) => {
    const found = notes.filter((note) => note.attributes['claim'] === claim).map(where);
    expect(found, `notes with claim="${claim}"`).toHaveLength(1);
  });

  it('uses only known claim ids, so a typo cannot hide a missing note', () => {
    const known: readonly string[] = expectedClaims;
    const unknown = notes
      .filter((note) => !known.includes(note.attributes['claim'] ?? ''))
      .map((note) => `${where(note)} claim="${note.attributes['claim'] ?? ''}"`);
    expect(unknown).toEqual([]);
  });

  it('states the myth and the fact in every note', () => {
    const empty = notes
      .filter((note) => (note.attributes['myth'] ?? '').trim() === '' || note.body === '')
      .map(where);
    expect(empty, 'notes missing a myth="..." or a body').toEqual([]);
  });

  it('names the cited file in every note, so the link reads as more than a URL', () => {
    const unlabelled = notes
      .filter((note) => (note.attributes['sourceLabel'] ?? '').trim() === '')
      .map(where);
    expect(unlabelled, 'notes missing a sourceLabel="..."').toEqual([]);
  });

  it('cites the Go source at a release tag in every note', () => {
    const untagged = notes
      .filter((note) => !taggedSource.test(note.attributes['source'] ?? ''))
      .map((note) => `${where(note)} source="${note.attributes['source'] ?? ''}"`);
    expect(untagged).toEqual([]);
  });
});
