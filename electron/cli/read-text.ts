import type { CliIo } from './command';

// Reading a document named on the command line: the importers take text, so anything that is
// not UTF-8 text is refused here with a reason, and file errors are said in words.

export type Decoded = { ok: true; text: string } | { ok: false; message: string };

export function decodeText(bytes: Uint8Array): Decoded {
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

export function readError(path: string, err: unknown): string {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
  if (code === 'ENOENT') return `cordon: ${path}: no such file`;
  if (code === 'EISDIR') return `cordon: ${path}: is a directory, not a file`;
  if (code === 'EACCES' || code === 'EPERM') return `cordon: ${path}: permission denied`;
  return `cordon: ${path}: cannot read the file${code ? ` (${code})` : ''}`;
}


/**
 * The one Markdown file a parse command takes (`cordon playbook parse`, `cordon exercise parse`):
 * its path and text, or the exit code once the problem was said (2 usage, 1 unreadable).
 */
export async function readOneMarkdownFile(
  command: string,
  help: string,
  args: readonly string[],
  io: CliIo,
  options: readonly string[] = [],
): Promise<{ path: string; text: string } | number> {
  const unknown = args.filter((a) => a.startsWith('-') && !options.includes(a));
  const files = args.filter((a) => !a.startsWith('-'));
  if (unknown.length > 0 || files.length !== 1) {
    io.stderr(`cordon ${command}: ${unknown.length > 0 ? `unknown option ${unknown[0] ?? ''}` : 'expected exactly one FILE.md'}\n${help}\n`);
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
  return { path, text: decoded.text };
}
