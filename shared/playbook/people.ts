import type { List, ListItem, RootContent } from './mdast';
import type { ImportContext } from './context';
import { fieldOf, labelOf, paragraphLines, plainText, squash, stripMarks } from './markdown';
import type { Contact, Role } from './model';
import type { RoleDraft } from './items';
import { walkSections, type Section } from './sections';
import { parseSla } from './sla';
import { KeyAllocator, slugify } from './slug';
import { findColumn, tableOf } from './tables';
import { isKind, phaseFamily } from './vocab';

function firstLine(item: ListItem): string {
  const p = item.children[0];
  return p?.type === 'paragraph' ? (paragraphLines(p)[0] ?? '') : '';
}

function nestedTexts(item: ListItem): string[] {
  return item.children.slice(1).flatMap((c) => (c.type === 'list' ? c.children.map((i) => plainText(i)) : c.type === 'paragraph' ? [plainText(c)] : []));
}

// ---- roles -------------------------------------------------------------------------------

function rolesFromList(list: List, ctx: ImportContext, out: RoleDraft[]): void {
  for (const item of list.children) {
    const f = fieldOf(firstLine(item), true);
    const p = item.children[0];
    const whole = p ? plainText(p) : '';
    const name = f ? f.label : whole.split(/\s[-–—]\s/)[0] ?? whole;
    if (name === '' || name.length > 80) continue;
    const duty = f ? f.value : whole.slice(name.length).replace(/^\s*[-–—]\s*/, '');
    out.push({ name, duties: [...(duty ? [duty] : []), ...nestedTexts(item)] });
    ctx.consumeDeep(item);
  }
  ctx.consume(list);
}

function rolesFromBlocks(blocks: readonly RootContent[], ctx: ImportContext, out: RoleDraft[], sectionName?: string): void {
  let pending: string | undefined;
  const own: string[] = [];
  for (const b of blocks) {
    if (ctx.isConsumed(b)) continue;
    const t = tableOf(b);
    if (t) {
      const nameCol = Math.max(0, findColumn(t.header, /role|title|name|position|function/i));
      for (const r of t.rows) {
        const name = r.cells[nameCol] ?? '';
        if (name === '') continue;
        out.push({ name, duties: r.cells.flatMap((c, i) => (i === nameCol || c === '' ? [] : [c])) });
        ctx.consume(r.token);
      }
      ctx.consume(b);
    } else if (b.type === 'list') {
      if (sectionName !== undefined || pending !== undefined) {
        own.push(...b.children.map((i) => plainText(i)));
        ctx.consumeDeep(b);
        if (pending !== undefined) {
          out.push({ name: pending, duties: [...own] });
          own.length = 0;
          pending = undefined;
        }
      } else rolesFromList(b, ctx, out);
    } else if (b.type === 'paragraph') {
      const bare = labelOf(b);
      if (bare !== undefined && sectionName === undefined) pending = bare;
      else own.push(plainText(b));
      ctx.consume(b);
    }
  }
  if (sectionName !== undefined) out.push({ name: sectionName, duties: own });
}

export function extractRoles(outline: Section, ctx: ImportContext, fromPhases: readonly RoleDraft[]): Role[] {
  const drafts: RoleDraft[] = [...fromPhases];
  const done = new Set<Section>();
  for (const s of walkSections(outline)) {
    if (!s.heading || done.has(s) || !isKind(s.title, 'roles') || phaseFamily(s.name)) continue;
    for (const x of walkSections(s)) done.add(x);
    ctx.consume(s.heading);
    rolesFromBlocks(s.blocks, ctx, drafts);
    for (const c of s.children) {
      if (c.heading) ctx.consume(c.heading);
      rolesFromBlocks([...walkSections(c)].flatMap((x) => x.blocks), ctx, drafts, c.name);
    }
  }
  const merged = new Map<string, RoleDraft>();
  for (const d of drafts) {
    const id = slugify(d.name);
    const prev = merged.get(id);
    if (prev) {
      for (const duty of d.duties) if (!prev.duties.includes(duty)) prev.duties.push(duty);
    }
    else merged.set(id, { name: d.name, duties: [...d.duties] });
  }
  const keys = new KeyAllocator('role');
  return [...merged.values()].map((r) => ({ key: keys.next(r.name), name: r.name, duties: r.duties }));
}

// ---- contacts ----------------------------------------------------------------------------

const CONTACTISH = /@|\+?\d[\d\s().-]{6,}\d|https?:\/\/|#[\w-]+|\[[^\]]+\]|slack|phone|pager|email|teams|zoom|on-?call/i;
const TIER = /^(?:level|tier|l|escalation level)\s*(\d+)\s*[-–—:)]?\s*(.*)$/i;

function contactFromFieldItems(name: string, group: string | null, items: ListItem[]): Contact {
  const tier = TIER.exec(name);
  const c: Contact = {
    key: '',
    name: tier ? (tier[2] ?? '').trim() || name : name,
    value: '',
    group,
    escalationLevel: tier ? Number(tier[1]) || null : null,
    responseSla: null,
    details: [],
  };
  for (const item of items) {
    const f = fieldOf(firstLine(item), true);
    if (f && /^(contact|phone|email|slack|pager|channel|reach|number|handle)/i.test(f.label) && c.value === '') c.value = f.value;
    else if (f && /respon|acknowledg/i.test(f.label)) c.responseSla = parseSla(f.value);
    else c.details.push(plainText(item));
  }
  return c;
}

function contactsFrom(blocks: readonly RootContent[], group: string | null, ctx: ImportContext, out: Contact[]): void {
  let pending: string | undefined;
  for (const b of blocks) {
    if (ctx.isConsumed(b)) continue;
    if (b.type === 'paragraph') {
      const bare = labelOf(b);
      if (bare !== undefined) {
        pending = bare;
        ctx.consume(b);
        continue;
      }
      const lines = paragraphLines(b).map((l) => fieldOf(l, true));
      if (lines.every((f) => f && CONTACTISH.test(`${f.label} ${f.value}`))) {
        for (const f of lines) if (f) out.push({ key: '', name: f.label, value: f.value, group, escalationLevel: null, responseSla: null, details: [] });
        ctx.consume(b);
      }
      pending = undefined;
    } else if (b.type === 'list') {
      const allFields = b.children.every((i) => fieldOf(firstLine(i), true) !== undefined);
      if (pending !== undefined && (TIER.test(pending) || allFields) && b.children.every((i) => i.children.length === 1)) {
        const labelsAreContacts = b.children.every((i) => CONTACTISH.test(plainText(i)));
        if (TIER.test(pending) || !labelsAreContacts) {
          out.push(contactFromFieldItems(pending, group, b.children));
          ctx.consumeDeep(b);
          pending = undefined;
          continue;
        }
      }
      for (const item of b.children) {
        const f = fieldOf(firstLine(item), true);
        const text = plainText(item.children[0] ?? item);
        if (f && f.value !== '' && (f.value.length <= 80 || CONTACTISH.test(f.value))) {
          out.push({ key: '', name: f.label, value: f.value, group: pending ?? group, escalationLevel: null, responseSla: null, details: nestedTexts(item) });
          ctx.consumeDeep(item);
        } else if (!f && CONTACTISH.test(text) && text.length <= 120) {
          out.push({ key: '', name: text, value: '', group: pending ?? group, escalationLevel: null, responseSla: null, details: nestedTexts(item) });
          ctx.consumeDeep(item);
        }
      }
      if (b.children.every((i) => ctx.isConsumed(i))) ctx.consume(b);
      pending = undefined;
    } else {
      const t = tableOf(b);
      if (!t) continue;
      const valueCol = findColumn(t.header, /email|phone|contact|slack|handle|number|channel|pager|how to reach/i);
      if (valueCol < 0) continue;
      const nameCol = Math.max(0, findColumn(t.header, /name|role|who|person|team|function|title/i));
      for (const r of t.rows) {
        out.push({
          key: '',
          name: r.cells[nameCol] || r.cells[valueCol] || 'Contact',
          value: r.cells[valueCol] ?? '',
          group,
          escalationLevel: null,
          responseSla: null,
          details: r.cells.flatMap((c, i) => (i === nameCol || i === valueCol || c === '' ? [] : [`${t.header[i] ?? ''}: ${c}`])),
        });
        ctx.consume(r.token);
      }
      ctx.consume(b);
    }
  }
}

export function extractContacts(outline: Section, ctx: ImportContext): Contact[] {
  const out: Contact[] = [];
  const done = new Set<Section>();
  for (const s of walkSections(outline)) {
    if (!s.heading || done.has(s) || !isKind(s.title, 'contacts')) continue;
    for (const x of walkSections(s)) done.add(x);
    const before = out.length;
    contactsFrom(s.blocks, null, ctx, out);
    for (const c of walkSections(s)) {
      if (c === s) continue;
      const n = out.length;
      contactsFrom(c.blocks, c.name, ctx, out);
      if (out.length > n && c.heading) ctx.consume(c.heading);
    }
    if (out.length > before) ctx.consume(s.heading);
  }
  const keys = new KeyAllocator('contact');
  return out.map((c) => ({ ...c, name: squash(stripMarks(c.name)), key: keys.next(c.name) }));
}
