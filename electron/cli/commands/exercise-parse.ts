import type { CliCommand, CliIo } from '../command';
import { toExerciseCliJson } from '../../../shared/exercises/cli-json';
import { importMarkdownScenario } from '../../../shared/exercises/import-markdown';
import { decodeText, readError } from '../read-text';

const HELP = `Usage: cordon exercise parse FILE.md

Imports a Markdown tabletop-exercise document and prints its scenario(s) as JSON
on stdout: title, summary, roles and injects (atMinutes, or after + delayMinutes;
text, audience, discussion questions, expected actions, notes), the errors, and
every block that was not understood (unparsed, with its line number). Nothing is
saved.

Exit codes: 0 at least one scenario read, 1 unreadable input or no scenario,
2 usage error.`;

export const exerciseParseCommand: CliCommand = {
  path: ['exercise', 'parse'],
  summary: 'Import a Markdown tabletop document and print its scenarios as JSON',
  help: HELP,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const unknown = args.filter((a) => a.startsWith('-'));
    const files = args.filter((a) => !a.startsWith('-'));
    if (unknown.length > 0 || files.length !== 1) {
      io.stderr(`cordon exercise parse: ${unknown.length > 0 ? `unknown option ${unknown[0] ?? ''}` : 'expected exactly one FILE.md'}\n${HELP}\n`);
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
    const result = importMarkdownScenario(decoded.text);
    io.stdout(`${JSON.stringify(toExerciseCliJson(result), null, 2)}\n`);
    if (result.scenarios.length > 0) return 0;
    io.stderr(`cordon: ${path}: no scenario could be read: ${result.errors.slice(0, 3).join('; ')}\n`);
    return 1;
  },
};

export default exerciseParseCommand;
