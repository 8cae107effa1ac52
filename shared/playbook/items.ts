import type { Code, List, ListItem, RootContent } from './mdast';
import type { ImportContext } from './context';
import { fieldOf, labelOf, paragraphLines, plainText, squash, stripMarks } from './markdown';
import type { Section } from './sections';
import { appendText } from './severity-fields';
import { tableOf, findColumn } from './tables';

export interface ItemDraft {
  text: string;
  role: string | null;
  code: Code | null;
  details: string[];
}

export interface RoleDraft {
  name: string;
  duties: string[];
}

/** What reading a phase's blocks produced besides its items. */
export interface PhaseBody {
  items: ItemDraft[];
  goal: string;
  description: string;
  owner: string | null;
  roles: RoleDraft[];
}

export function emptyBody(): PhaseBody {
  return { items: [], goal: '', description: '', owner: null, roles: [] };
}

const GOAL = /^(goal|goals|objective|objectives|purpose|aim|intent|outcome sought)$/i;
const OWNER = /^(owner|owned by|lead|responsible|accountable|raci owner)$/i;
const ROLE_LABEL = /\b(roles?|responsibilit\w*|team|staffing|who)\b/i;
const ROLE_COLUMN = /\b(owner|executor|responsible|team|role|who|assignee|accountable|by)\b/i;

function cleanLabel(s: string): string {
  return s.replace(/\s*:\s*$/, '').trim();
}

/** "**Incident Commander (IC):** Coordinator" -> a role with its duty. */
function roleOfItem(item: ListItem): RoleDraft | undefined {
  const p = item.children[0];
  if (p?.type !== 'paragraph') return undefined;
  const line = paragraphLines(p)[0] ?? '';
  const f = fieldOf(line, true);
  const name = f ? f.label : squash(stripMarks(line));
  if (name === '' || name.length > 60) return undefined;
  const duties = f && f.value !== '' ? [f.value] : [];
  for (const c of item.children.slice(1)) if (c.type === 'list') duties.push(...c.children.map((i) => plainText(i)));
  return { name, duties };
}

function isTask(list: List): boolean {
  return list.children.some((i) => i.checked === true || i.checked === false);
}

function itemsFromList(list: List, label: string | undefined, body: PhaseBody, ctx: ImportContext): void {
  if (label !== undefined && ROLE_LABEL.test(label)) {
    for (const item of list.children) {
      const r = roleOfItem(item);
      if (r) {
        body.roles.push(r);
        body.items.push({ text: plainText(item.children[0] ?? item), role: r.name, code: null, details: [] });
      }
      ctx.consumeDeep(item);
    }
    ctx.consume(list);
    return;
  }
  ctx.consume(list);
  for (const item of list.children) {
    const [first, ...rest] = item.children;
    const text = first?.type === 'paragraph' ? plainText(first) : '';
    const nested = rest.filter((c): c is List => c.type === 'list');
    const codes = rest.filter((c): c is Code => c.type === 'code');
    const bare = text === '' || /:$/.test(text) || (first !== undefined && labelOf(first) !== undefined && nested.length > 0);
    ctx.consume(item, first);
    if (bare && nested.length > 0) {
      for (const l of nested) itemsFromList(l, cleanLabel(text), body, ctx);
      for (const c of rest) if (c.type !== 'list') ctx.consumeDeep(c);
      continue;
    }
    const details: string[] = [];
    for (const c of rest) {
      if (c.type === 'list') {
        if (isTask(c)) itemsFromList(c, undefined, body, ctx);
        else {
          details.push(...c.children.map((i) => plainText(i)));
          ctx.consumeDeep(c);
        }
      } else if (c.type === 'paragraph') {
        details.push(plainText(c));
        ctx.consume(c);
      } else if (c.type !== 'code') ctx.consumeDeep(c);
    }
    const pushed = text !== '' ? cleanLabel(text) : '';
    if (pushed !== '') body.items.push({ text: pushed, role: null, code: codes[0] ?? null, details });
    for (const c of codes) {
      if (c !== codes[0] || pushed === '') body.items.push({ text: pushed || firstComment(c) || label || 'Run command', role: null, code: c, details: [] });
    }
  }
}

export function firstComment(code: Code): string | undefined {
  for (const line of code.value.split('\n')) {
    const m = /^\s*(?:#|\/\/|--|REM\b|::)\s*(.+)$/.exec(line);
    if (m && !/^!/.test(m[1] ?? '')) {
      const t = (m[1] ?? '').replace(/^(step\s*)?\d+[.:)]\s*/i, '').trim();
      if (t !== '' && !/\.(sh|py|ps1|bash)$/.test(t)) return t;
    }
  }
  return undefined;
}

function itemsFromTable(node: RootContent, body: PhaseBody, ctx: ImportContext): boolean {
  const t = tableOf(node);
  if (!t || ctx.isConsumed(node)) return false;
  const roleCol = findColumn(t.header, ROLE_COLUMN, new Set([0]));
  for (const r of t.rows) {
    if (ctx.isConsumed(r.token)) continue;
    const text = r.cells[0] ?? '';
    if (text === '') continue;
    const details = r.cells.flatMap((c, i) => (i === 0 || i === roleCol || c === '' ? [] : [`${t.header[i] ?? ''}: ${c}`.replace(/^: /, '')]));
    body.items.push({ text, role: roleCol >= 0 ? (r.cells[roleCol] || null) : null, code: null, details });
    ctx.consume(r.token);
  }
  ctx.consume(node);
  return true;
}

/** Reads a phase section (and its sub-sections) into checklist items, goal and notes. */
export function readPhaseSection(section: Section, body: PhaseBody, ctx: ImportContext, isRoot = true): void {
  let pending: string | undefined;
  for (const block of section.blocks) {
    if (ctx.isConsumed(block)) continue;
    if (block.type === 'paragraph') {
      const bare = labelOf(block);
      if (bare !== undefined) {
        pending = bare;
        ctx.consume(block);
        continue;
      }
      for (const line of paragraphLines(block)) {
        const f = fieldOf(line);
        if (f && GOAL.test(f.label)) body.goal = appendText(body.goal, f.value);
        else if (f && OWNER.test(f.label)) body.owner = f.value;
        else if (f && f.value === '') pending = f.label;
        else if (/:$/.test(stripMarks(line).trim())) pending = cleanLabel(squash(stripMarks(line)));
        else body.description = appendText(body.description, squash(stripMarks(line)));
      }
      ctx.consume(block);
    } else if (block.type === 'list') {
      itemsFromList(block, pending, body, ctx);
      pending = undefined;
    } else if (block.type === 'code') {
      const name = pending ?? (isRoot ? (firstComment(block) ?? section.name) : section.name);
      body.items.push({ text: name, role: null, code: block, details: [] });
      ctx.consume(block);
      pending = undefined;
    } else if (block.type === 'table' || block.type === 'html') {
      itemsFromTable(block, body, ctx);
    } else if (block.type === 'blockquote') {
      body.description = appendText(body.description, plainText(block));
      ctx.consumeDeep(block);
    } else if (block.type === 'thematicBreak') {
      ctx.consume(block);
    }
  }
  for (const child of section.children) {
    if (child.heading) ctx.consume(child.heading);
    readPhaseSection(child, body, ctx, false);
  }
}
