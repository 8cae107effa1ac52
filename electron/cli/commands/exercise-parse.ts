import type { CliCommand, CliIo } from '../command';
import { toExerciseCliJson } from '../../../shared/exercises/cli-json';
import { importMarkdownScenario } from '../../../shared/exercises/import-markdown';
import { readOneMarkdownFile } from '../read-text';

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
    const file = await readOneMarkdownFile('exercise parse', HELP, args, io);
    if (typeof file === 'number') return file;
    const { path } = file;
    const result = importMarkdownScenario(file.text);
    io.stdout(`${JSON.stringify(toExerciseCliJson(result), null, 2)}\n`);
    if (result.scenarios.length > 0) return 0;
    io.stderr(`cordon: ${path}: no scenario could be read: ${result.errors.slice(0, 3).join('; ')}\n`);
    return 1;
  },
};

export default exerciseParseCommand;
