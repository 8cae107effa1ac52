// Placeholders as playbooks write them: "[TITLE]", "[Brief description]", "[Insert service
// name]", "{{service_name}}", "<SERVICE NAME>". Found, named, and filled in the template's own
// wording: only the placeholder is replaced, everything around it stays as the team wrote it.

export interface Placeholder {
  /** Exactly as written, brackets included. */
  raw: string;
  /** The words inside, trimmed. */
  inner: string;
  start: number;
  end: number;
}

// Tags a template may hold as markup rather than as a placeholder.
const HTML_TAGS = new Set(
  'a abbr b br blockquote code del details div em h1 h2 h3 h4 h5 h6 hr i img kbd li mark ol p pre s small span strong sub summary sup table tbody td th thead tr u ul'.split(' '),
);

// [inner] not followed by "(" (a link) or ":" at line start (a reference), and not a checkbox;
// {{ inner }}; <inner> that is not a tag, an autolink or a comment.
const PATTERN = /\{\{\s*([^{}\n]{1,80}?)\s*\}\}|\[([^[\]\n]{1,120})\](?![(:[])|<([A-Za-z][^<>\n=:/]{0,80})>/g;

export function findPlaceholders(text: string): Placeholder[] {
  const out: Placeholder[] = [];
  for (const m of text.matchAll(PATTERN)) {
    const inner = (m[1] ?? m[2] ?? m[3] ?? '').trim();
    if (inner === '' || /^[ xX]$/.test(inner) || /^\d+$/.test(inner)) continue;
    if (m[3] !== undefined && HTML_TAGS.has(inner.toLowerCase().split(/\s/)[0] ?? '')) continue;
    // "{{ $value }}" is an alerting rule's variable, not a field for a person.
    if (m[1] !== undefined && inner.startsWith('$')) continue;
    out.push({ raw: m[0], inner, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** The placeholder's words as a key: "Insert the service name" -> "service name". */
export function placeholderKey(inner: string): string {
  return inner
    .toLowerCase()
    .replace(/[_.]+/g, ' ')
    .replace(/^(?:insert|enter|add|type|your|the)\s+/g, '')
    .replace(/^(?:insert|enter|add|type|your|the)\s+/g, '')
    .replace(/[^a-z0-9/%+ ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The options of a choice placeholder ("P0/P1/P2", "INVESTIGATING / RESOLVED"), or null. */
export function choicesOf(inner: string): string[] | null {
  if (!inner.includes('/')) return null;
  const parts = inner.split('/').map((p) => p.trim());
  if (parts.length < 2 || parts.some((p) => p === '' || p.length > 24 || /\s{2}|-\s/.test(p))) return null;
  return parts;
}

/**
 * Replaces each placeholder for which `valueOf` has a value (null leaves it for people). `line`
 * is the whole line around it, for placeholders whose meaning is in their label ("Detected:
 * [Date/Time]"). Returns the text and the placeholders left.
 */
export function fillPlaceholders(text: string, valueOf: (p: Placeholder, line: string) => string | null): { text: string; missing: Placeholder[] } {
  const missing: string[] = [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const filled = lines.map((line) => {
    let out = '';
    let at = 0;
    for (const p of findPlaceholders(line)) {
      const value = valueOf(p, line);
      out += line.slice(at, p.start) + (value ?? p.raw);
      if (value === null) missing.push(p.raw);
      at = p.end;
    }
    return out + line.slice(at);
  });
  const result = filled.join('\n');
  // Positions in the filled text, for the editor to highlight.
  return { text: result, missing: findPlaceholders(result).filter((p) => missing.includes(p.raw)) };
}
