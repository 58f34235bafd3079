#!/usr/bin/env node
// `npm test`: every gate, in the order that fails fastest.
//   lint (eslint --max-warnings 0, prettier --check) → types (astro check, svelte-check) →
//   unit tests (Vitest `unit` project) → build → browser tests on the build → a second build under a
//   sub-path (BASE_PATH=/go-guide/) whose pages and links are checked too.
// Every stage runs even if an earlier one failed, so one run shows every problem. The very last
// line is `tests: <N> passed, <M> failed` (CI reads it): each Vitest test and each browser check
// counts once, and each tool gate (eslint, prettier, astro check, svelte-check, builds) counts once.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const scratch = mkdtempSync(path.join(tmpdir(), 'ghost-goroutines-test-'));
const env = {
  ...process.env,
  ASTRO_TELEMETRY_DISABLED: '1',
  FORCE_COLOR: process.env.FORCE_COLOR ?? '1',
};
const SUB_PATH = '/go-guide/';
const totals = { passed: 0, failed: 0 };
const failedStages = [];
let e2eSkipped = false;

function header(title) {
  const bar = '═'.repeat(78);
  console.log(`\n${bar}\n  ${title}\n${bar}`);
}

/** Runs a command with live output; resolves to its exit code. */
function run(command, args, extraEnv = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', env: { ...env, ...extraEnv } });
    child.on('error', (error) => {
      console.error(`could not start ${command}: ${error.message}`);
      resolve(1);
    });
    child.on('close', (code) => resolve(code ?? 1));
  });
}

/** A tool gate: one pass or one fail. */
async function gate(title, command, args, extraEnv) {
  header(title);
  const code = await run(command, args, extraEnv);
  if (code === 0) {
    totals.passed += 1;
  } else {
    totals.failed += 1;
    failedStages.push(title);
  }
  return code === 0;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

async function unitTests() {
  header('Unit tests (vitest --project unit)');
  const report = path.join(scratch, 'vitest.json');
  const code = await run('npx', [
    'vitest',
    'run',
    '--project',
    'unit',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ]);
  const result = readJson(report);
  if (result) {
    totals.passed += result.numPassedTests;
    totals.failed += result.numFailedTests;
  }
  // A crash before any test ran (or a failing suite with no test results) still fails the run.
  if (code !== 0 && (!result || result.numFailedTests === 0)) totals.failed += 1;
  if (code !== 0) failedStages.push('unit tests');
}

async function browserTests(title, extraEnv) {
  header(title);
  const report = path.join(scratch, `e2e-${totals.passed + totals.failed}.json`);
  const code = await run('npx', ['tsx', 'tests/e2e/run.ts'], { ...extraEnv, E2E_REPORT: report });
  const result = readJson(report);
  if (result) {
    totals.passed += result.passed;
    totals.failed += result.failed;
    e2eSkipped ||= result.skipped;
  }
  if (code !== 0 && (!result || result.failed === 0)) totals.failed += 1;
  if (code !== 0) failedStages.push(title);
}

try {
  // A clean clone has no .astro/ yet: generate the astro:content and env types first, or the
  // type-aware lint rules see unresolved types.
  await gate('Types: astro sync', 'npx', ['astro', 'sync']);
  await gate('Lint: eslint', 'npx', ['eslint', '--max-warnings', '0', '.']);
  await gate('Lint: prettier --check', 'npx', ['prettier', '--check', '.']);
  await gate('Types: astro check', 'npx', ['astro', 'check', '--minimumFailingSeverity', 'hint']);
  await gate('Types: svelte-check', 'npx', [
    'svelte-check',
    '--fail-on-warnings',
    '--tsconfig',
    './tsconfig.json',
  ]);
  await unitTests();
  const built = await gate('Build (astro build → dist/)', 'npx', ['astro', 'build']);
  if (built) await browserTests('Browser tests on dist/ (Chromium)', { BASE_PATH: '/' });
  // Inside the project: Astro keeps a build's prerender chunks next to an outDir in the project,
  // but in the shared .astro/ for one outside it, where another build could overwrite them.
  const subPathDist = path.resolve('dist-sub-path');
  const builtUnderBase = await gate(
    `Build under a sub-path (BASE_PATH=${SUB_PATH})`,
    'npx',
    ['astro', 'build', '--outDir', subPathDist],
    { BASE_PATH: SUB_PATH },
  );
  if (builtUnderBase) {
    await browserTests(`Browser tests under ${SUB_PATH} (loads and links only)`, {
      BASE_PATH: SUB_PATH,
      E2E_DIST: subPathDist,
      E2E_QUICK: '1',
    });
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

header('Summary');
if (e2eSkipped) {
  console.log('!!! E2E SKIPPED: no Chromium, so the browser tests did NOT run.');
  console.log('!!! Install it with `apt-get install -y chromium` or set CHROME_PATH.');
}
if (failedStages.length > 0) console.log(`Failed stages: ${failedStages.join('; ')}`);
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed`);
process.exitCode = totals.failed === 0 ? 0 : 1;
