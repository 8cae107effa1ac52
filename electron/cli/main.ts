import type { CliCommand, CliIo } from './command';
import { exerciseParseCommand } from './commands/exercise-parse';
import { playbookParseCommand } from './commands/playbook-parse';
import { verifyCommand } from './commands/verify';
import { exportCommand } from './commands/export';
import { verifyBundleCommand } from './commands/verify-bundle';

/** Every `cordon` subcommand; a new command is one import and one entry here. */
export const commands: readonly CliCommand[] = [verifyCommand, verifyBundleCommand, exportCommand, playbookParseCommand, exerciseParseCommand];

const usage = (list: readonly CliCommand[]) => {
  const width = Math.max(...list.map((c) => c.path.join(' ').length), 8);
  return [
    'Usage: cordon <command> [options]',
    '',
    'Commands:',
    ...list.map((c) => `  ${c.path.join(' ').padEnd(width)}  ${c.summary}`),
    '',
    'Run "cordon <command> --help" for a command’s options.',
    '',
  ].join('\n');
};

/**
 * Picks the command whose path matches the most leading words (so ['playbook', 'parse'] wins
 * over a hypothetical ['playbook']) and runs it with the remaining arguments.
 */
export async function runCli(argv: readonly string[], io: CliIo, list: readonly CliCommand[] = commands): Promise<number> {
  const first = argv[0];
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    (first === undefined ? io.stderr : io.stdout)(usage(list));
    return first === undefined ? 2 : 0;
  }
  const match = [...list]
    .sort((a, b) => b.path.length - a.path.length)
    .find((c) => c.path.every((word, i) => argv[i] === word));
  if (!match) {
    io.stderr(`cordon: unknown command ${JSON.stringify(argv.filter((a) => !a.startsWith('-')).join(' '))}\n\n${usage(list)}`);
    return 2;
  }
  const rest = argv.slice(match.path.length);
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(match.help.endsWith('\n') ? match.help : `${match.help}\n`);
    return 0;
  }
  try {
    return await match.run(rest, io);
  } catch (error) {
    // Commands report their own failures; this is the last net, and it prints no stack.
    io.stderr(`cordon ${match.path.join(' ')}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}
