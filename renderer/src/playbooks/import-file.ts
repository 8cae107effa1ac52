import { maxPlaybookMarkdownBytes } from '../../../shared/playbook/library';

const textExtensions = /\.(md|markdown|mdown|mkd|txt)$/i;
const textTypes = /^(text\/|application\/(x-)?markdown$)/i;

/** Why this file cannot be a playbook, or null when it may be one (before reading it). */
export function checkPlaybookFile(file: File): string | null {
  const looksText = textExtensions.test(file.name) || (file.type !== '' && textTypes.test(file.type));
  if (!looksText) {
    return `“${file.name}” is not a Markdown file. Import a playbook written in Markdown (.md, .markdown or .txt).`;
  }
  if (file.size > maxPlaybookMarkdownBytes) {
    return `“${file.name}” is ${formatBytes(file.size)}; Cordon imports playbooks up to 2 MB.`;
  }
  if (file.size === 0) return `“${file.name}” is empty.`;
  return null;
}

/** Why this text is not a Markdown document (binary content), or null. */
export function checkPlaybookText(name: string, text: string): string | null {
  if (text.trim() === '') return `“${name}” is empty.`;
  const sample = text.slice(0, 8192);
  // NUL bytes never occur in text; many replacement characters mean it was not UTF-8 text.
  const replaced = sample.match(/\uFFFD/g)?.length ?? 0;
  if (sample.includes('\u0000') || replaced > Math.max(8, sample.length / 50)) {
    return `“${name}” looks like a binary file, not Markdown text.`;
  }
  return null;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** File.text(), with a FileReader fallback for environments without it. */
export function readFileText(file: File): Promise<string> {
  if (typeof file.text === 'function') return file.text();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(reader.error ?? new Error('could not read the file'));
    reader.readAsText(file);
  });
}

/** Reads a picked or dropped file as Markdown, or says why it cannot be imported. */
export async function readPlaybookFile(file: File): Promise<{ ok: true; text: string } | { ok: false; message: string }> {
  const problem = checkPlaybookFile(file);
  if (problem) return { ok: false, message: problem };
  let text: string;
  try {
    text = await readFileText(file);
  } catch {
    return { ok: false, message: `“${file.name}” could not be read.` };
  }
  const binary = checkPlaybookText(file.name, text);
  return binary ? { ok: false, message: binary } : { ok: true, text };
}
