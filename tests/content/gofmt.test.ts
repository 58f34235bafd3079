/**
 * Every complete Go program in the chapters (a ```go block whose first code line is `package`)
 * must parse, be gofmt-clean and pass `go vet` (it type-checks: readers copy these programs).
 * Needs Go on PATH (Debian: `apt-get install golang-go`, Go 1.19, which every program here
 * builds with; checked by hand with go1.22, 1.26 and 1.27 too). Without it the check is skipped
 * with a loud warning, except under CI=true, where it fails.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const chaptersDir = join(import.meta.dirname, '..', '..', 'content', 'chapters');

interface GoBlock {
  /** `02-why-goroutines-are-cheap.mdx:187 (preempt/main.go)`: where a failure points. */
  readonly where: string;
  /** The file name of the fence's title (`preempt/main.go` → `main.go`), else `main.go`. */
  readonly fileName: string;
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
    const named = title === undefined ? '' : basename(title.replace(/^(buggy|fixed): /, ''));
    blocks.push({
      where: `${file}:${i + 1}${title === undefined ? '' : ` (${title})`}`,
      fileName: named.endsWith('.go') ? named : 'main.go',
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

/**
 * `go vet` of the block as the only file of a module of its own, offline (GOPROXY=off): compile
 * errors and vet's findings, or '' when clean.
 */
function goVet(block: GoBlock): string {
  const dir = mkdtempSync(join(tmpdir(), 'chapter-go-'));
  try {
    writeFileSync(join(dir, 'go.mod'), 'module example.com/chapter\n\ngo 1.19\n');
    writeFileSync(join(dir, block.fileName), block.code);
    const result = spawnSync('go', ['vet', '.'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, GOPROXY: 'off', GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local' },
    });
    return `${result.stdout}${result.stderr}`.trim();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Imports outside the standard library (`go.uber.org/goleak`): such a block cannot build alone. */
function thirdPartyImports(code: string): string[] {
  return [...code.matchAll(/^\s*(?:import\s+)?(?:\w+\s+)?"([^"]+)"\s*$/gm)]
    .map((m) => m[1] ?? '')
    .filter((path) => (path.split('/')[0] ?? '').includes('.'));
}

const gofmtAvailable = spawnSync('gofmt', ['-l'], { input: 'package p\n' }).error === undefined;
const goAvailable = spawnSync('go', ['version']).error === undefined;
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
  it('gofmt and go are installed when running under CI', () => {
    expect(gofmtAvailable || !onCI, 'CI=true but gofmt is not on PATH').toBe(true);
    expect(goAvailable || !onCI, 'CI=true but go is not on PATH').toBe(true);
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

  it.skipIf(!goAvailable)(
    'go vet flags a program that does not compile (the check has teeth)',
    () => {
      const broken = 'package main\n\nfunc main() {\n\tvar x int = "no"\n}\n';
      expect(goVet({ where: 'test', fileName: 'main.go', code: broken })).toMatch(/cannot use/);
    },
  );

  const standalone = completePrograms.filter((block) => thirdPartyImports(block.code).length === 0);

  it('only the goleak test needs a module from outside the standard library', () => {
    expect(
      completePrograms.filter((b) => !standalone.includes(b)).map((b) => thirdPartyImports(b.code)),
    ).toEqual([['go.uber.org/goleak']]);
  });

  it.skipIf(!goAvailable).each(standalone.map((block) => [block.where, block] as const))(
    '%s compiles and passes go vet',
    (_where, block) => {
      expect(goVet(block)).toBe('');
    },
    60_000,
  );
});
