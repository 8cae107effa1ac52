import type { Nodes, RootContent, Table } from './mdast';
import { lineOf, markedText, plainText, squash, stripMarks } from './markdown';

export interface SimpleRow {
  cells: string[];
  line: number;
  /** The object marked as consumed for this row (a tableRow node or a parsed HTML row). */
  token: object;
}

/** A pipe table or an HTML <table>, reduced to header and rows of plain text. */
export interface SimpleTable {
  node: RootContent;
  header: string[];
  /** Header cells with strong spans marked, for "**Level**" style headers. */
  rows: SimpleRow[];
  /** Body cells with strong markers kept, parallel to rows. */
  markedRows: string[][];
  line: number;
}

const cache = new WeakMap<object, SimpleTable | null>();

function fromGfm(node: Table): SimpleTable {
  const [head, ...body] = node.children;
  const header = head ? head.children.map((c) => plainText(c)) : [];
  return {
    node,
    header,
    rows: body.map((r) => ({ cells: r.children.map((c) => plainText(c)), line: lineOf(r), token: r })),
    markedRows: body.map((r) => r.children.map((c) => markedText(c))),
    line: lineOf(node),
  };
}

function decodeEntities(s: string): string {
  return s
    .replace(/&nbsp;/gi, ' ')
    .replace(/&lt;/gi, '<')
    .replace(/&gt;/gi, '>')
    .replace(/&quot;/gi, '"')
    .replace(/&#39;|&apos;/gi, "'")
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Math.min(Number(d), 0x10ffff)))
    .replace(/&amp;/gi, '&');
}

// HTML tables arrive as one opaque `html` node; reading their cells needs a tag scanner.
// This only runs on the fragment the parser already isolated as HTML, never on the Markdown.
function fromHtml(node: RootContent & { value: string }): SimpleTable | null {
  const html = node.value;
  if (!/<table[\s>]/i.test(html)) return null;
  const start = lineOf(node);
  const rows: { cells: string[]; marked: string[]; line: number; isHead: boolean }[] = [];
  const rowRe = /<tr[^>]*>([\s\S]*?)(?:<\/tr>|(?=<tr[\s>])|(?=<\/table>))/gi;
  for (let m = rowRe.exec(html); m; m = rowRe.exec(html)) {
    const inner = m[1] ?? '';
    const line = start + (html.slice(0, m.index).match(/\n/g)?.length ?? 0);
    const cells: string[] = [];
    const marked: string[] = [];
    let isHead = false;
    const cellRe = /<(td|th)[^>]*>([\s\S]*?)(?:<\/\1>|(?=<t[dh][\s>])|$)/gi;
    for (let c = cellRe.exec(inner); c; c = cellRe.exec(inner)) {
      if ((c[1] ?? '').toLowerCase() === 'th') isHead = true;
      const raw = (c[2] ?? '').replace(/<br\s*\/?>/gi, '\n');
      const strongMarked = raw.replace(/<(strong|b)>/gi, '\ue000').replace(/<\/(strong|b)>/gi, '\ue001');
      const clean = (s: string): string => squash(decodeEntities(s.replace(/<[^>]+>/g, ' ')));
      cells.push(clean(stripMarks(strongMarked)));
      marked.push(clean(strongMarked));
    }
    if (cells.length > 0) rows.push({ cells, marked, line, isHead });
  }
  if (rows.length === 0) return null;
  const first = rows[0];
  const body = first && (first.isHead || /<thead/i.test(html)) ? rows.slice(1) : rows.slice(1);
  return {
    node,
    header: first?.cells ?? [],
    rows: body.map((r) => ({ cells: r.cells, line: r.line, token: r })),
    markedRows: body.map((r) => r.marked),
    line: start,
  };
}

export function tableOf(node: Nodes): SimpleTable | null {
  if (node.type !== 'table' && node.type !== 'html') return null;
  const hit = cache.get(node);
  if (hit !== undefined) return hit;
  const t = node.type === 'table' ? fromGfm(node) : fromHtml(node);
  cache.set(node, t);
  return t;
}

export function findColumn(header: readonly string[], re: RegExp, exclude: ReadonlySet<number> = new Set()): number {
  return header.findIndex((h, i) => !exclude.has(i) && re.test(h));
}
