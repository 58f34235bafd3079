/**
 * The Go programs the observability run serves (src/scenarios/go/*-server-go.ts) are shown to
 * readers beside the dashboard: each must parse and be gofmt-clean, as the chapters' programs
 * (tests/content/gofmt.test.ts). Needs `gofmt` on PATH; skipped without it, except under CI=true.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { afterfuncServer } from '../../src/scenarios/observability-afterfunc';
import { onceServer } from '../../src/scenarios/observability-once';

const gofmtAvailable = spawnSync('gofmt', ['-l'], { input: 'package p\n' }).error === undefined;
const onCI = process.env['CI'] === 'true';

const sources = [...afterfuncServer.sources, ...onceServer.sources];

describe('observability: the servers’ Go sources', () => {
  it('gofmt is installed when running under CI', () => {
    expect(gofmtAvailable || !onCI, 'CI=true but gofmt is not on PATH').toBe(true);
  });

  it.skipIf(!gofmtAvailable).each(sources.map((s) => [s.title, s.code]))(
    '%s is gofmt-clean',
    (_title, code) => {
      const result = spawnSync('gofmt', ['-l'], { input: code, encoding: 'utf8' });
      expect(result.stderr, 'gofmt could not parse the program').toBe('');
      expect(result.stdout, 'gofmt -l lists the program: run gofmt on it').toBe('');
    },
  );
});
