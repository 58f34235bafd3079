import { describe, expect, test } from 'vitest';
import { UsageError, parseArgs } from '../../src/cli/args.ts';

describe('parseArgs', () => {
  test('a scenario with params, seed, sample and --json', () => {
    expect(
      parseArgs([
        'timeout-handler',
        '--qps',
        '50',
        '--work=4s',
        '--seed',
        '3',
        '--sample',
        '250ms',
        '--json',
      ]),
    ).toEqual({
      kind: 'run',
      scenario: 'timeout-handler',
      params: { qps: '50', work: '4s' },
      seed: '3',
      sample: '250ms',
      json: true,
    });
  });

  test('--list and --help need no scenario', () => {
    expect(parseArgs(['--list'])).toEqual({ kind: 'list' });
    expect(parseArgs(['--help'])).toEqual({ kind: 'help' });
  });

  test('negative numbers are values, not flags', () => {
    expect(parseArgs(['x', '--delta', '-5'])).toMatchObject({ params: { delta: '-5' } });
  });

  test.each([
    [[], 'no scenario given (try --list)'],
    [['a', 'b'], 'unexpected argument "b": one scenario per run (already "a")'],
    [['a', '--qps'], '--qps needs a value'],
    [['a', '--qps', '--json'], '--qps needs a value'],
    [['a', '--qps', '1', '--qps', '2'], '--qps given twice'],
    [['a', '-q', '1'], 'bad flag "-q": flags are --name value or --name=value'],
    [['a', '--json=yes'], '--json takes no value'],
  ])('%j is a usage error: %s', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(new UsageError(message));
  });
});
