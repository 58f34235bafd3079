/**
 * `npm run sim`: the thin entry. Parsing and running live in args.ts and run.ts.
 */
import { scenarios } from '../scenarios/index.ts';
import { UsageError, parseArgs } from './args.ts';
import { HELP, formatList, formatRun } from './format.ts';
import { runScenario } from './run.ts';

function main(argv: readonly string[]): number {
  const command = parseArgs(argv);
  if (command.kind === 'help') {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (command.kind === 'list') {
    process.stdout.write(`${formatList(scenarios)}\n`);
    return 0;
  }
  const result = runScenario(command.scenario, command.params, {
    seed: command.seed,
    sample: command.sample,
  });
  process.stdout.write(command.json ? `${JSON.stringify(result)}\n` : `${formatRun(result)}\n`);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  if (!(e instanceof UsageError)) throw e;
  // One line per problem, each one prefixed, so `grep sim:` and eyes both find them.
  for (const line of e.message.split('\n')) process.stderr.write(`sim: ${line}\n`);
  process.exitCode = 2;
}
