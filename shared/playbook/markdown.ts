import MarkdownIt from 'markdown-it';
import type { StateCore, Token } from 'markdown-it';
import type {
  AlignType,
  Blockquote,
  List,
  ListItem,
  Nodes,
  Paragraph,
  PhrasingContent,
  Position,
  Root,
  RootContent,
  Table,
  TableRow,
} from './mdast';

// ---- Markdown -> mdast-shaped tree ------------------------------------------------------------
//
// markdown-it (CommonMark + GFM tables and strikethrough, raw HTML kept) tokenises; the adapter
// below folds its flat token stream into the small mdast subset in mdast.ts. GFM task list items
// and GFM-style literal autolinks (URLs with a scheme, e-mail addresses) are added here, since
// markdown-it has no task-list rule and links only what linkify-it finds.

const md = new MarkdownIt('default', { html: true, linkify: true });
// GFM autolink literals need a scheme ("https://", "mailto:") or an "@": no bare "cleanup.sh".
md.linkify.set({ fuzzyLink: false, fuzzyIP: false });
// mdast keeps link targets as written; we never render, so nothing needs encoding or vetting.
md.validateLink = () => true;
md.normalizeLink = (url) => url;
md.normalizeLinkText = (url) => url;

// markdown-it tries tables before containers, so "- a | b" over a "|---|---|" row became a table
// whose first cell is "- a". In GFM the list item (or quote, or heading) opens first.
const CONTAINER_START = /^(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)|^>|^#{1,6}(?:[ \t]|$)/;
const gfmTable = md.block.ruler.__rules__.find((r) => r.name === 'table');
if (gfmTable) {
  const table = gfmTable.fn;
  md.block.ruler.at(
    'table',
    (state, startLine, endLine, silent) => {
      // Every block start passes here: look at one char before slicing out a line head.
      const from = (state.bMarks[startLine] ?? 0) + (state.tShift[startLine] ?? 0);
      const c = state.src.charCodeAt(from);
      const maybe = c === 0x2d || c === 0x2b || c === 0x2a || c === 0x3e || c === 0x23 || (c >= 0x30 && c <= 0x39);
      if (maybe && CONTAINER_START.test(state.src.slice(from, Math.min(from + 12, state.eMarks[startLine] ?? from)))) return false;
      return table(state, startLine, endLine, silent);
    },
    { alt: gfmTable.alt },
  );
}

const TASK = /^\[([ \txX])\][ \t\n]+/;
const CHECKED = 'cordonTaskChecked';

// "- [ ] text" / "- [x] text": the box must open the item's first paragraph and be followed by
// whitespace and more text (inline content is trimmed, so "[ ]" alone never matches).
md.core.ruler.before('inline', 'cordon_task_list', (state: StateCore) => {
  const tokens = state.tokens;
  for (let i = 0; i + 2 < tokens.length; i++) {
    const item = tokens[i];
    const inline = tokens[i + 2];
    if (item?.type !== 'list_item_open' || tokens[i + 1]?.type !== 'paragraph_open' || inline?.type !== 'inline') continue;
    const m = TASK.exec(inline.content);
    if (!m) continue;
    item.meta = { ...item.meta, [CHECKED]: m[1] === 'x' || m[1] === 'X' };
    inline.content = inline.content.slice(m[0].length);
  }
});

type Container = Root | Blockquote | List | ListItem | Table | TableRow;

function span(start: number, end: number): Position {
  return { start: { line: start }, end: { line: Math.max(start, end) } };
}

/** markdown-it maps are [first line, line after) zero-based; mdast lines are 1-based inclusive. */
function positionOf(t: Token): Position | undefined {
  return t.map ? span(t.map[0] + 1, t.map[1]) : undefined;
}

function attr(t: Token, name: string): string | null {
  const v = t.attrGet(name);
  return v === null ? null : String(v);
}

function alignOf(t: Token): AlignType {
  const m = /text-align:\s*(left|right|center)/.exec(attr(t, 'style') ?? '');
  return m ? (m[1] as 'left' | 'right' | 'center') : null;
}

/** Text of inline tokens with markup dropped, as mdast computes an image's alt. */
function tokensText(tokens: readonly Token[] | null): string {
  let out = '';
  for (const t of tokens ?? []) {
    if (t.type === 'text' || t.type === 'text_special' || t.type === 'code_inline') out += t.content;
    else if (t.type === 'softbreak' || t.type === 'hardbreak') out += '\n';
    else if (t.type === 'image') out += tokensText(t.children);
  }
  return out;
}

function pushText(into: PhrasingContent[], value: string): void {
  if (value === '') return;
  const last = into[into.length - 1];
  if (last?.type === 'text') last.value += value;
  else into.push({ type: 'text', value });
}

function phrasing(tokens: readonly Token[] | null): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  const stack: PhrasingContent[][] = [];
  let cur = out;
  let opened: (PhrasingContent & { children: PhrasingContent[] }) | undefined;
  for (const t of tokens ?? []) {
    opened = undefined;
    switch (t.type) {
      case 'text':
      case 'text_special':
        pushText(cur, t.content);
        break;
      case 'softbreak':
        pushText(cur, '\n');
        break;
      case 'hardbreak':
        cur.push({ type: 'break' });
        break;
      case 'code_inline':
        cur.push({ type: 'inlineCode', value: t.content });
        break;
      case 'html_inline':
        cur.push({ type: 'html', value: t.content });
        break;
      case 'image':
        cur.push({ type: 'image', url: attr(t, 'src') ?? '', title: attr(t, 'title'), alt: tokensText(t.children) });
        break;
      case 'strong_open':
        opened = { type: 'strong', children: [] };
        break;
      case 'em_open':
        opened = { type: 'emphasis', children: [] };
        break;
      case 's_open':
        opened = { type: 'delete', children: [] };
        break;
      case 'link_open':
        opened = { type: 'link', url: attr(t, 'href') ?? '', title: attr(t, 'title'), children: [] };
        break;
      case 'strong_close':
      case 'em_close':
      case 's_close':
      case 'link_close':
        cur = stack.pop() ?? out;
        break;
      default:
        // Unknown inline tokens (none with our rule set) keep their text.
        if (t.content !== '') pushText(cur, t.content);
    }
    if (opened) {
      cur.push(opened);
      stack.push(cur);
      cur = opened.children;
    }
  }
  return out;
}

function stripFinalNewline(s: string): string {
  return s.endsWith('\n') ? s.slice(0, -1) : s;
}

/** Parses Markdown into the mdast-shaped tree the importer reads. */
export function parseMarkdown(text: string): Root {
  const tokens = md.parse(text, {});
  const root: Root = { type: 'root', children: [] };
  const stack: Container[] = [root];
  // Loose lists show their paragraphs; markdown-it hides those of tight ones.
  const loose = new Set<List>();
  let top = root as Container;
  let header = false;
  const add = (node: RootContent): void => {
    if (top.type === 'root' || top.type === 'blockquote' || top.type === 'listItem') top.children.push(node);
  };
  const enter = (node: Container): void => {
    stack.push(node);
    top = node;
  };
  const leave = (): void => {
    const done = stack.pop();
    top = stack[stack.length - 1] ?? root;
    // Containers end where their last child ends (markdown-it counts trailing blank lines in).
    if (done?.position && done.type !== 'table' && done.type !== 'tableRow') {
      const last = done.children[done.children.length - 1];
      done.position.end.line = Math.max(done.position.start.line, last?.position?.end.line ?? done.position.start.line);
    }
    if (done?.type === 'list') done.spread = loose.has(done);
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t) continue;
    switch (t.type) {
      case 'paragraph_open': {
        const inline = tokens[i + 1];
        add({ type: 'paragraph', children: phrasing(inline?.children ?? null), position: positionOf(t) });
        if (!t.hidden && top.type === 'listItem') {
          const list = stack[stack.length - 2];
          if (list?.type === 'list') loose.add(list);
        }
        i += 2;
        break;
      }
      case 'heading_open': {
        const inline = tokens[i + 1];
        const depth = Math.min(6, Math.max(1, Number(t.tag.slice(1)) || 1)) as 1 | 2 | 3 | 4 | 5 | 6;
        add({ type: 'heading', depth, children: phrasing(inline?.children ?? null), position: positionOf(t) });
        i += 2;
        break;
      }
      case 'bullet_list_open':
      case 'ordered_list_open': {
        const ordered = t.type === 'ordered_list_open';
        const list: List = {
          type: 'list',
          ordered,
          start: ordered ? Number(attr(t, 'start') ?? 1) : null,
          spread: false,
          children: [],
          position: positionOf(t),
        };
        add(list);
        enter(list);
        break;
      }
      case 'list_item_open': {
        const checked = t.meta?.[CHECKED];
        const item: ListItem = { type: 'listItem', checked: typeof checked === 'boolean' ? checked : null, spread: false, children: [], position: positionOf(t) };
        if (top.type === 'list') top.children.push(item);
        enter(item);
        break;
      }
      case 'blockquote_open': {
        const quote: Blockquote = { type: 'blockquote', children: [], position: positionOf(t) };
        add(quote);
        enter(quote);
        break;
      }
      case 'table_open': {
        const table: Table = { type: 'table', align: [], children: [], position: positionOf(t) };
        add(table);
        enter(table);
        break;
      }
      case 'thead_open':
        header = true;
        break;
      case 'thead_close':
        header = false;
        break;
      case 'tr_open': {
        const row: TableRow = { type: 'tableRow', children: [], position: positionOf(t) };
        if (top.type === 'table') top.children.push(row);
        enter(row);
        break;
      }
      case 'th_open':
      case 'td_open': {
        const inline = tokens[i + 1];
        if (top.type === 'tableRow') top.children.push({ type: 'tableCell', children: phrasing(inline?.children ?? null), position: top.position });
        if (header) {
          const table = stack[stack.length - 2];
          if (table?.type === 'table') table.align.push(alignOf(t));
        }
        i += 2;
        break;
      }
      case 'bullet_list_close':
      case 'ordered_list_close':
      case 'list_item_close':
      case 'blockquote_close':
      case 'table_close':
      case 'tr_close':
        leave();
        break;
      case 'fence': {
        const info = md.utils.unescapeAll(t.info).trim();
        const cut = info.search(/\s/);
        const lang = cut < 0 ? info : info.slice(0, cut);
        const meta = cut < 0 ? '' : info.slice(cut).trim();
        add({ type: 'code', lang: lang === '' ? null : lang, meta: meta === '' ? null : meta, value: stripFinalNewline(t.content), position: positionOf(t) });
        break;
      }
      case 'code_block':
        add({ type: 'code', lang: null, meta: null, value: stripFinalNewline(t.content), position: positionOf(t) });
        break;
      case 'html_block':
        add({ type: 'html', value: t.content.replace(/\n+$/, ''), position: positionOf(t) });
        break;
      case 'hr':
        add({ type: 'thematicBreak', position: positionOf(t) });
        break;
      default:
        // thead/tbody wrappers and closers of leaf blocks carry nothing.
        break;
    }
  }
  const lastLine = root.children[root.children.length - 1]?.position?.end.line ?? 1;
  root.position = span(1, lastLine);
  return root;
}

// ---- Plain text of a subtree ------------------------------------------------------------------

// Strong spans are fenced with these sentinels while we read "**Label:** value" shapes, then
// dropped from the plain text. Private-use code points never occur in normalized input.
export const STRONG_OPEN = '\ue000';
export const STRONG_CLOSE = '\ue001';

const BR_TAG = /^<br\s*\/?>$/i;
const FORMATTING_TAG = /^<\/?(b|i|em|strong|u|span|div|p|sup|sub|code|a|img|small|kbd|mark|del|ins|s|font|center)\b[^>]*>$/i;

// Extractors ask for the same subtree's text many times; the tree is never mutated after
// parsing, so text is cached per node (WeakMaps: a tree and its text go away together).
const plainCache = new WeakMap<Nodes, string>();
const markedCache = new WeakMap<Nodes, string>();

function inline(node: Nodes, marked: boolean): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
      return node.value;
    case 'break':
      return '\n';
    case 'html': {
      // Formatting tags vanish; "<HOST>"-style placeholders are text a reader must keep.
      const tag = node.value.trim();
      if (BR_TAG.test(tag)) return '\n';
      return FORMATTING_TAG.test(tag) ? '' : node.value;
    }
    case 'image':
      return node.alt;
    case 'code':
      return node.value;
    case 'thematicBreak':
      return '';
    default:
      break;
  }
  if (node.type === 'strong') {
    const inner = joinChildren(node.children, '', marked);
    return marked ? `${STRONG_OPEN}${inner}${STRONG_CLOSE}` : inner;
  }
  if (node.type === 'emphasis' || node.type === 'delete' || node.type === 'link' || node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell') {
    return joinChildren(node.children, '', marked);
  }
  // Containers of blocks are asked for again and again (and hold many nodes); a run of
  // phrasing is cheap to join again, and its plain text and lines are cached below.
  const cache = marked ? markedCache : plainCache;
  const hit = cache.get(node);
  if (hit !== undefined) return hit;
  const sep =
    node.type === 'root' || node.type === 'blockquote' || node.type === 'listItem' || node.type === 'list' ? '\n' : node.type === 'tableRow' ? ' | ' : '';
  const out = joinChildren(node.children, sep, marked);
  cache.set(node, out);
  return out;
}

function joinChildren(children: readonly Nodes[], sep: string, marked: boolean): string {
  let out = '';
  for (let i = 0; i < children.length; i++) {
    const c = children[i];
    if (c === undefined) continue;
    if (i > 0) out += sep;
    out += inline(c, marked);
  }
  return out;
}

// Anything squash would change: runs of spaces, tabs or newlines, or whitespace `trim` drops.
const SQUASHABLE = /[\t\n]| {2}|^\s|\s$/;

export function squash(s: string): string {
  // Most strings are already squashed; testing is cheaper than rebuilding them.
  return SQUASHABLE.test(s) ? s.replace(/[ \t\n]+/g, ' ').trim() : s;
}

const squashedCache = new WeakMap<Nodes, string>();

/** Plain text with inline Markdown stripped and whitespace collapsed. */
export function plainText(node: Nodes): string {
  const hit = squashedCache.get(node);
  if (hit !== undefined) return hit;
  const out = squash(inline(node, false));
  squashedCache.set(node, out);
  return out;
}

/** Text with strong spans fenced by sentinels and line breaks kept. */
export function markedText(node: Nodes): string {
  return inline(node, true);
}

const MARKS = /[\ue000\ue001]/g;

export function stripMarks(s: string): string {
  return s.includes(STRONG_OPEN) || s.includes(STRONG_CLOSE) ? s.replace(MARKS, '') : s;
}

export function phrasingPlain(children: readonly PhrasingContent[]): string {
  return squash(children.map((c) => inline(c, false)).join(''));
}

export function lineOf(node: Nodes): number {
  return node.position?.start.line ?? 1;
}

export function endLineOf(node: Nodes): number {
  return node.position?.end.line ?? lineOf(node);
}

/** A "**Label:** value" line. `value` is "" for a bare label such as "**Examples**:". */
export interface Field {
  label: string;
  value: string;
}

const FIELD = new RegExp(`^${STRONG_OPEN}([^${STRONG_CLOSE}]+)${STRONG_CLOSE}([\\s\\S]*)$`);
const PLAIN_FIELD = /^([A-Z][A-Za-z0-9 /&()'-]{0,40}?)\s*:\s+(\S[\s\S]*)$/;

/** Reads one line as a field; plain "Label: value" only when `allowPlain` (weaker evidence). */
export function fieldOf(markedLine: string, allowPlain = false): Field | undefined {
  const line = markedLine.trim();
  const m = FIELD.exec(line);
  if (m) {
    const rawLabel = squash(m[1] ?? '');
    const after = m[2] ?? '';
    const label = rawLabel.replace(/\s*:$/, '').trim();
    const hadColon = rawLabel.endsWith(':') || /^\s*(?::|[-–—]\s)/.test(after);
    const value = squash(stripMarks(after)).replace(/^(?::|[-–—](?=\s))\s*/, '');
    if (label === '') return undefined;
    // "**Important** things happen" is emphasis, not a field.
    if (!hadColon && value !== '') return undefined;
    return { label, value };
  }
  if (allowPlain) {
    const p = PLAIN_FIELD.exec(stripMarks(line));
    if (p) return { label: squash(p[1] ?? ''), value: squash(p[2] ?? '') };
  }
  return undefined;
}

const linesCache = new WeakMap<Paragraph, readonly string[]>();

/** Fields of a paragraph, one per source line; lines that are not fields are returned as text. */
export function paragraphLines(p: Paragraph): readonly string[] {
  let lines = linesCache.get(p);
  if (lines === undefined) {
    lines = Object.freeze(
      markedText(p)
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== ''),
    );
    linesCache.set(p, lines);
  }
  return lines;
}

/** The paragraph is a lone bold label, e.g. "**Level 1 - On-Call Engineer**" or "**Examples**:". */
export function labelOf(node: RootContent): string | undefined {
  if (node.type !== 'paragraph') return undefined;
  const lines = paragraphLines(node);
  if (lines.length !== 1) return undefined;
  const f = fieldOf(lines[0] ?? '');
  if (!f || f.value !== '') return undefined;
  return f.label;
}

/** Heading-ish numbering and labels removed: "2. Triage", "Phase 3: Eradication", "Step 1 -". */
export function stripNumbering(title: string): string {
  return title
    .replace(/^\s*(?:phase|stage|step|part|section)\s*[0-9ivx]+[a-z]?\s*[:.)\-–—]\s*/i, '')
    .replace(/^\s*(?:[0-9]+(?:\.[0-9]+)*|[ivx]+|[a-z])[.)]\s+/i, '')
    .replace(/^\s*[0-9]+\s*[-–—:]\s+/, '')
    .trim();
}
