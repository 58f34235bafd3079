/**
 * Command-line arguments of `npm run sim`: `<scenario> [--<param> <value> ...] [--seed N]
 * [--sample 500ms] [--json]`, `--list`, `--help`. Values use the same spellings as the URL.
 */

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export type Command =
  | { readonly kind: 'help' }
  | { readonly kind: 'list' }
  | {
      readonly kind: 'run';
      readonly scenario: string;
      /** Scenario params by name, raw text. */
      readonly params: Readonly<Record<string, string>>;
      readonly seed: string | undefined;
      readonly sample: string | undefined;
      readonly json: boolean;
    };

/** Flags the CLI itself takes; every other `--name` is a scenario param. */
export const CLI_FLAGS = ['seed', 'sample', 'json', 'list', 'help'] as const;

const FLAG = /^--([A-Za-z][\w-]*)(?:=(.*))?$/s;

/** Splits argv into a command. Throws UsageError for malformed input (exit 2). */
export function parseArgs(argv: readonly string[]): Command {
  let scenario: string | undefined;
  // No prototype: a flag named like an Object.prototype member is just an unknown param.
  const params = Object.create(null) as Record<string, string>;
  let seed: string | undefined;
  let sample: string | undefined;
  let json = false;
  let list = false;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const flag = FLAG.exec(arg);
    if (flag === null) {
      if (arg.startsWith('-'))
        throw new UsageError(
          `bad flag ${JSON.stringify(arg)}: flags are --name value or --name=value`,
        );
      if (scenario !== undefined) {
        throw new UsageError(
          `unexpected argument ${JSON.stringify(arg)}: one scenario per run (already ${JSON.stringify(scenario)})`,
        );
      }
      scenario = arg;
      continue;
    }
    const name = flag[1] ?? '';
    if (name === 'json' || name === 'list' || name === 'help') {
      if (flag[2] !== undefined) throw new UsageError(`--${name} takes no value`);
      if (name === 'json') json = true;
      else if (name === 'list') list = true;
      else help = true;
      continue;
    }
    let value = flag[2];
    if (value === undefined) {
      const next = argv[i + 1];
      if (next === undefined || FLAG.test(next)) throw new UsageError(`--${name} needs a value`);
      value = next;
      i++;
    }
    if (name === 'seed') seed = value;
    else if (name === 'sample') sample = value;
    else if (Object.hasOwn(params, name)) throw new UsageError(`--${name} given twice`);
    else params[name] = value;
  }
  if (help) return { kind: 'help' };
  if (list) return { kind: 'list' };
  if (scenario === undefined) throw new UsageError('no scenario given (try --list)');
  return { kind: 'run', scenario, params, seed, sample, json };
}
