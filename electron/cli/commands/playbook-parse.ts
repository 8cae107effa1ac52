import type { CliCommand, CliIo } from '../command';
import { importPlaybook, toCliJson } from '../../../shared/playbook';
import { readOneMarkdownFile } from '../read-text';

const HELP = `Usage: cordon playbook parse FILE.md [--full]

Imports a Markdown incident-response playbook and prints it as JSON on stdout:
severities, matrix, phases, roles, contacts, actions, templates, scenarios,
compliance duties, and every block that was not understood (unparsed, with its
line number). Nothing is saved.

Options:
  --full    print the complete saved-playbook model instead of the CLI projection
  --help    show this help

Exit codes: 0 parsed, 1 unreadable input, 2 usage error.`;

export const playbookParseCommand: CliCommand = {
  path: ['playbook', 'parse'],
  summary: 'Import a Markdown playbook and print it as JSON',
  help: HELP,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    if (args.includes('--help') || args.includes('-h')) {
      io.stdout(`${HELP}\n`);
      return 0;
    }
    const file = await readOneMarkdownFile('playbook parse', HELP, args, io, ['--full']);
    if (typeof file === 'number') return file;
    const { path, text } = file;
    try {
      const name = path.split(/[\\/]/).pop() ?? path;
      const result = importPlaybook(text, { sourceName: name });
      const out = args.includes('--full') ? { ...result.playbook, unparsed: result.unparsed, warnings: result.warnings } : toCliJson(result);
      io.stdout(`${JSON.stringify(out, null, 2)}\n`);
      return 0;
    } catch (err) {
      const message = err instanceof Error ? err.message.split('\n')[0] : 'unknown error';
      io.stderr(`cordon: ${path}: could not import the playbook: ${message}\n`);
      return 1;
    }
  },
};

export default playbookParseCommand;
