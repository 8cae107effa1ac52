// YAML front matter ("---" ... "---" at the very top, as Jekyll, Hugo, MkDocs, Middleman and
// pandoc write it). Left in, CommonMark reads its last line as a setext heading. It is cut out
// line for line (blank lines stay, so reported line numbers still match the file) and its flat
// "key: value" pairs are kept as metadata.

export interface FrontMatter {
  body: string;
  fields: Record<string, string>;
}

const MAX_LINES = 200;

export function splitFrontMatter(text: string): FrontMatter {
  if (!/^---[ \t]*\n/.test(text)) return { body: text, fields: {} };
  const lines = text.split('\n');
  let end = -1;
  for (let i = 1; i < Math.min(lines.length, MAX_LINES); i++) {
    if (/^(---|\.\.\.)[ \t]*$/.test(lines[i] ?? '')) {
      end = i;
      break;
    }
  }
  // A "---" rule followed by prose is a thematic break, not front matter: every line must be YAML-ish.
  if (end < 1) return { body: text, fields: {} };
  const inner = lines.slice(1, end);
  if (!inner.every((l) => l.trim() === '' || /^[A-Za-z_][\w.-]*\s*:{1,2}(\s|$)/.test(l) || /^\s+\S/.test(l) || /^\s*-\s/.test(l) || /^#/.test(l))) {
    return { body: text, fields: {} };
  }
  const fields: Record<string, string> = {};
  for (const l of inner) {
    const m = /^([A-Za-z_][\w.-]*)\s*:{1,2}\s*(.*)$/.exec(l);
    if (!m) continue;
    const value = (m[2] ?? '').trim().replace(/^(['"])(.*)\1$/, '$2');
    if (value !== '' && value !== '|' && value !== '>' && Object.keys(fields).length < 50) fields[m[1] ?? ''] = value.slice(0, 300);
  }
  const body = [...lines.slice(0, end + 1).map(() => ''), ...lines.slice(end + 1)].join('\n');
  return { body, fields };
}

/** A heading that is a template expression rather than a title ("<%= title %>", "{{ page.title }}"). */
export function isTemplatedTitle(title: string): boolean {
  return /<%|%>|\{\{|\}\}|\{%/.test(title);
}
