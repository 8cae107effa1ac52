import { formatDuration, formatInstant, utcZone } from '../warroom/elapsed';

// Formatting shared by the draft, the Markdown export and the HTML: always UTC, never "now",
// so a document rendered twice from the same log is the same bytes.

/** "2024-05-01 09:12 UTC"; "—" for none. */
export function utc(instant: string | number | null | undefined, seconds = false): string {
  if (instant === null || instant === undefined) return '—';
  const text = formatInstant(instant, 'utc', utcZone, { date: 'always', seconds });
  return text === '—' ? text : `${text} UTC`;
}

/** "1h 23m"; "—" for none. */
export function duration(ms: number | null | undefined): string {
  return ms === null || ms === undefined || !Number.isFinite(ms) ? '—' : formatDuration(ms);
}

/** Text safe inside one GFM table cell: pipes escaped, line breaks folded, never empty. */
export function cell(text: string | null | undefined): string {
  const t = (text ?? '').replace(/\r?\n|\r/g, ' ').replace(/\|/g, '\\|').trim();
  return t === '' ? '—' : t;
}

/** A code span that holds any text (backticks inside get a longer fence). */
export function code(text: string): string {
  const runs = text.match(/`+/g) ?? [];
  const fence = '`'.repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A GFM table; every cell passed through `cell`. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header.map(cell)), line(header.map(() => '---')), ...rows.map((r) => line(r.map(cell)))].join('\n');
}
