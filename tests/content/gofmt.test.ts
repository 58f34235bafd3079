/**
 * Every complete Go program in the chapters (a ```go block whose first code line is `package`)
 * must parse and be gofmt-clean: readers copy these programs, and a program that does not format
 * usually does not compile either. Needs `gofmt` on PATH (Debian: `apt-get install golang-go`).
 * Without it the check is skipped with a loud warning, except under CI=true, where it fails.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const chaptersDir = join(import.meta.dirname, '..', '..', 'content', 'chapters');

interface GoBlock {
  /** `02-why-goroutines-are-cheap.mdx:187 (preempt/main.go)`: where a failure points. */
  readonly where: string;
  readonly code: string;
}

/** The ```go fences of one MDX file, with the line each starts on and its title if any. */
function goBlocks(file: string, text: string): GoBlock[] {
  const blocks: GoBlock[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})go(?:\s+(.*))?$/.exec(lines[i] ?? '');
    if (open === null) continue;
    const fence = open[2] ?? '```';
    const title = /title="([^"]*)"/.exec(open[3] ?? '')?.[1];
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && (lines[j] ?? '').trim() !== fence) {
      body.push(lines[j] ?? '');
      j++;
    }
    blocks.push({
      where: `${file}:${i + 1}${title === undefined ? '' : ` (${title})`}`,
      code: `${body.join('\n')}\n`,
    });
    i = j;
  }
  return blocks;
}

/** A block is a complete program (or file) when its first line that is not a comment is `package`. */
function isCompleteFile(code: string): boolean {
  const firstCodeLine = code
    .split('\n')
    .map((line) => line.trim())
    .find((line) => line !== '' && !line.startsWith('//'));
  return firstCodeLine?.startsWith('package ') ?? false;
}

/** gofmt's verdict: unformatted (lists `<standard input>`) or a syntax error (stderr). */
function gofmt(code: string): { formatted: boolean; error: string } {
  const result = spawnSync('gofmt', ['-l'], { input: code, encoding: 'utf8' });
  return { formatted: result.stdout.trim() === '', error: result.stderr.trim() };
}

const gofmtAvailable = spawnSync('gofmt', ['-l'], { input: 'package p\n' }).error === undefined;
const onCI = process.env['CI'] === 'true';

if (!gofmtAvailable && !onCI) {
  console.warn(
    "\n*** GOFMT CHECK SKIPPED: gofmt is not on PATH. Install Go (Debian: apt-get install -y golang-go) to check the chapters' Go programs. ***\n",
  );
}

const completePrograms = readdirSync(chaptersDir)
  .filter((name) => name.endsWith('.mdx'))
  .sort()
  .flatMap((name) => goBlocks(name, readFileSync(join(chaptersDir, name), 'utf8')))
  .filter((block) => isCompleteFile(block.code));

describe('Go programs in the chapters', () => {
  it('gofmt is installed when running under CI', () => {
    expect(gofmtAvailable || !onCI, 'CI=true but gofmt is not on PATH').toBe(true);
  });

  it('the chapters contain complete Go programs to check', () => {
    expect(completePrograms.length).toBeGreaterThan(0);
  });

  it.skipIf(!gofmtAvailable)(
    'gofmt flags unformatted code and syntax errors (the check has teeth)',
    () => {
      expect(gofmt('package main\nfunc main(){}\n').formatted).toBe(false);
      expect(gofmt('package main\n\nfunc main() {\n').error).not.toBe('');
      expect(gofmt('package main\n\nfunc main() {}\n')).toEqual({ formatted: true, error: '' });
    },
  );

  it.skipIf(!gofmtAvailable).each(completePrograms.map((block) => [block.where, block.code]))(
    '%s is gofmt-clean',
    (_where, code) => {
      const verdict = gofmt(code);
      expect(verdict.error, 'gofmt could not parse the program').toBe('');
      expect(verdict.formatted, 'gofmt -l lists the program: run gofmt on it').toBe(true);
    },
  );
});
