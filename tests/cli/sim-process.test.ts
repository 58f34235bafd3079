import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

// Two real processes: the exit codes and streams are what scripts rely on.
const root = fileURLToPath(new URL('../..', import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
const sim = (...args: string[]) =>
  spawnSync(tsx, ['src/cli/sim.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });

// Each test starts tsx twice; on a loaded machine that alone can pass Vitest's 5 s default.
describe('npm run sim as a process', { timeout: 120_000 }, () => {
  test('--json prints exactly one JSON object on stdout and exits 0', () => {
    const out = sim('stack-growth', '--depth', '400', '--seed', '5', '--json');
    expect(out.status).toBe(0);
    expect(out.stdout.trim().split('\n')).toHaveLength(1);
    const result = JSON.parse(out.stdout) as {
      scenario: string;
      seed: number;
      counters: Record<string, number>;
    };
    expect(result.scenario).toBe('stack-growth');
    expect(result.seed).toBe(5);
    expect(result.counters['stackBytes']).toBe(65536);
  });

  test('a bad value exits 2 with one line naming it and the allowed range', () => {
    const out = sim('stack-growth', '--frameBytes', 'huge');
    expect(out.status).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toBe('sim: --frameBytes: "huge" is not an integer (16..65536)\n');
  });
});
