import type { CliCommand, CliIo } from '../command';
import { importPlaybook, toCliJson } from '../../../shared/playbook';

const HELP = `Usage: cordon playbook parse FILE.md [--full]

Imports a Markdown incident-response playbook and prints it as JSON on stdout:
severities, matrix, phases, roles, contacts, actions, templates, scenarios,
compliance duties, and every block that was not understood (unparsed, with its
line number). Nothing is saved.

Options:
  --full    print the complete saved-playbook model instead of the CLI projection
  --help    show this help

Exit codes: 0 parsed, 1 unreadable input, 2 usage error.`;

type Decoded = { ok: true; text: string } | { ok: false; message: string };

// The importer takes text; anything that is not UTF-8 text is refused here with a reason.
function decode(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) return { ok: false, message: 'the file is empty' };
  const probe = bytes.subarray(0, 8192);
  if (probe.includes(0)) return { ok: false, message: 'the file looks binary (it contains NUL bytes), not Markdown text' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, message: 'the file is not valid UTF-8 text' };
  }
  text = text.replace(/^\ufeff/, '');
  if (text.trim() === '') return { ok: false, message: 'the file is empty' };
  // eslint-disable-next-line no-control-regex
  const controls = text.slice(0, 8192).match(/[\u0000-\u0008\u000e-\u001f]/g)?.length ?? 0;
  if (controls > 8) return { ok: false, message: 'the file looks binary (control characters), not Markdown text' };
  return { ok: true, text };
}

function readError(path: string, err: unknown): string {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
  if (code === 'ENOENT') return `cordon: ${path}: no such file`;
  if (code === 'EISDIR') return `cordon: ${path}: is a directory, not a file`;
  if (code === 'EACCES' || code === 'EPERM') return `cordon: ${path}: permission denied`;
  return `cordon: ${path}: cannot read the file${code ? ` (${code})` : ''}`;
}

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
    const decoded = decode(bytes);
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
