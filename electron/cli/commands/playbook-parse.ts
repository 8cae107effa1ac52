import type { CliCommand, CliIo } from '../command';
import { importPlaybook, toCliJson } from '../../../shared/playbook';
import { decodeText, readError } from '../read-text';

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
    const unknown = args.filter((a) => a.startsWith('-') && a !== '--full');
    const files = args.filter((a) => !a.startsWith('-'));
    if (unknown.length > 0 || files.length !== 1) {
      io.stderr(`cordon playbook parse: ${unknown.length > 0 ? `unknown option ${unknown[0] ?? ''}` : 'expected exactly one FILE.md'}\n${HELP}\n`);
      return 2;
    }
    const path = files[0] ?? '';
    let bytes: Uint8Array;
    try {
      bytes = await io.readFile(path);
    } catch (err) {
      io.stderr(`${readError(path, err)}\n`);
      return 1;
    }
    const decoded = decodeText(bytes);
    if (!decoded.ok) {
      io.stderr(`cordon: ${path}: ${decoded.message}\n`);
      return 1;
    }
    try {
      const name = path.split(/[\\/]/).pop() ?? path;
      const result = importPlaybook(decoded.text, { sourceName: name });
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
