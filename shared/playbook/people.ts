import type { List, ListItem, RootContent } from './mdast';
import type { ImportContext } from './context';
import { fieldOf, labelOf, paragraphLines, plainText, squash, stripMarks } from './markdown';
import type { Contact, Role } from './model';
import type { RoleDraft } from './items';
import { ADMONITION, plausibleRole, scanRoles } from './role-scan';
import { walkSections, type Section } from './sections';
import { parseSla } from './sla';
import { KeyAllocator, slugify } from './slug';
import { findColumn, tableOf, type SimpleTable } from './tables';
import { isKind, phaseFamily } from './vocab';

function firstLine(item: ListItem): string {
  const p = item.children[0];
  return p?.type === 'paragraph' ? (paragraphLines(p)[0] ?? '') : '';
}

function nestedTexts(item: ListItem): string[] {
  return item.children.slice(1).flatMap((c) => (c.type === 'list' ? c.children.map((i) => plainText(i)) : c.type === 'paragraph' ? [plainText(c)] : []));
}

// ---- roles -------------------------------------------------------------------------------

/** Cells after the first are mostly R, A, C, I (or "A/R", "R, C"). */
function isRaci(t: SimpleTable): boolean {
  const cells = t.rows.flatMap((r) => r.cells.slice(1)).map((c) => c.trim()).filter((c) => c !== '');
  return t.header.length >= 3 && cells.length >= 2 && cells.filter((c) => /^[RACI](\s*[/,+&]\s*[RACI])*$/i.test(c)).length * 5 >= cells.length * 4;
}

function isTeamTree(list: List): boolean {
  return list.children.some((item) => {
    const head = item.children[0] ? plainText(item.children[0]) : '';
    return item.children.some((c) => c.type === 'list') && /\b(team|group|cell|committee|function)s?$/i.test(head);
  });
}

function rolesFromList(list: List, ctx: ImportContext, out: RoleDraft[]): void {
  for (const item of list.children) {
    // "Command Team" over "Incident Commander", "Scribe": the leaves are the roles.
    const nested = item.children.find((c): c is List => c.type === 'list');
    const head = item.children[0] ? plainText(item.children[0]) : '';
    if (nested && /\b(team|group|cell|committee|function)s?$/i.test(head) && nested.children.every((i) => plainText(i.children[0] ?? i).length <= 80)) {
      rolesFromList(nested, ctx, out);
      ctx.consumeDeep(item);
      continue;
    }
    const f = fieldOf(firstLine(item), true);
    const p = item.children[0];
    const whole = p ? plainText(p) : '';
    const name = f ? f.label : whole.split(/\s[-–—]\s/)[0] ?? whole;
    if (name === '' || name.length > 80) continue;
    const duty = f ? f.value : whole.slice(name.length).replace(/^\s*[-–—]\s*/, '');
    // Without a bold name or a dash, an item is a role only if it reads as one.
    if (!f && duty === '' && !headingRole(name)) continue;
    out.push({ name, duties: [...(duty ? [duty] : []), ...nestedTexts(item)] });
    ctx.consumeDeep(item);
  }
  ctx.consume(list);
}

function rolesFromBlocks(blocks: readonly RootContent[], ctx: ImportContext, out: RoleDraft[], sectionName?: string, phaseRead?: ReadonlySet<object>): void {
  let pending: string | undefined;
  let sectionRole = true;
  const own: string[] = [];
  for (const b of blocks) {
    // A roles section inside a phase was read as checklist items too; it still defines the roles.
    if (ctx.isConsumed(b) && !phaseRead?.has(b)) continue;
    const t = tableOf(b);
    if (t && isRaci(t)) {
      // A RACI matrix: the roles are its columns; a role's duties are the rows it is R or A for.
      t.header.slice(1).forEach((name, k) => {
        if (name.trim() === '') return;
        const duties = t.rows.filter((r) => /\b[RA]\b/.test(r.cells[k + 1] ?? '')).map((r) => `${r.cells[0] ?? ''} (${(r.cells[k + 1] ?? '').trim()})`);
        out.push({ name: name.trim(), duties });
      });
      for (const r of t.rows) ctx.consume(r.token);
      ctx.consume(b);
      sectionRole = false;
    } else if (t) {
      const nameCol = Math.max(0, findColumn(t.header, /role|title|name|position|function/i));
      for (const r of t.rows) {
        const name = r.cells[nameCol] ?? '';
        if (name === '') continue;
        out.push({ name, duties: r.cells.flatMap((c, i) => (i === nameCol || c === '' ? [] : [c])) });
        ctx.consume(r.token);
      }
      ctx.consume(b);
      sectionRole = false;
    } else if (b.type === 'list') {
      // A sub-section listing "**Incident Commander:**" bullets holds roles, not one role.
      const named = b.children.filter((i) => {
        const f = fieldOf(firstLine(i), false);
        return f !== undefined && f.label.length <= 60;
      }).length;
      if (sectionName !== undefined && pending === undefined && ((named >= 2 && named * 2 >= b.children.length) || isTeamTree(b))) {
        rolesFromList(b, ctx, out);
        sectionRole = false;
        continue;
      }
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
  // A sub-heading is a role when it names one ("Incident Scribe"), not a topic ("Permissions in Microsoft 365").
  if (sectionName !== undefined && (sectionRole || own.length > 0) && headingRole(sectionName)) out.push({ name: sectionName, duties: own });
}

const TEAMISH = /\b(team|leadership|human resources|members|staff|workforce|legal|support|desk|operations|ops|sre|soc|noc|it|hr|pr|board|council|department)\b/i;

function headingRole(name: string): boolean {
  const n = squash(stripMarks(name));
  if (plausibleRole(n)) return true;
  // "Executive Sponsor", "Customer Support", "Legal": short names with no topic words in them;
  // "Permissions in Microsoft 365" and "Microsoft Defender for Endpoint" are topics.
  return n.split(' ').length <= 4 && !/\b(in|for|with|on|to|from|about|and how|permissions?|requirements?|roles|overview|process|steps?|phase|checklist|template|severity|priority|level)\b/i.test(n) && (TEAMISH.test(n) || /^[A-Z]/.test(n));
}

/** Admonitions, disclaimers and headings about roles are not roles. */
function keepRole(name: string): boolean {
  const n = squash(stripMarks(name));
  return n !== '' && n.length <= 80 && !ADMONITION.test(n) && !/\broles\b|^(reference|permissions?|requirements?)\b|\b(roster|pager|contact information)\b/i.test(n);
}

export function extractRoles(outline: Section, ctx: ImportContext, fromPhases: readonly RoleDraft[], phaseRead: ReadonlySet<object> = new Set()): Role[] {
  // Labels the phase reader took for roles ("What actions need tasking?") must read as roles.
  const drafts: RoleDraft[] = fromPhases.filter((r) => headingRole(r.name));
  const done = new Set<Section>();
  for (const s of walkSections(outline)) {
    if (!s.heading || done.has(s) || !isKind(s.title, 'roles') || phaseFamily(s.name)) continue;
    // "Response Team Contact Information" is a contact list, whatever team it names.
    if (isKind(s.title, 'contacts') && /\bcontact/i.test(s.title)) continue;
    for (const x of walkSections(s)) done.add(x);
    ctx.consume(s.heading);
    rolesFromBlocks(s.blocks, ctx, drafts, undefined, phaseRead);
    for (const c of s.children) {
      if (c.heading) ctx.consume(c.heading);
      rolesFromBlocks([...walkSections(c)].flatMap((x) => x.blocks), ctx, drafts, c.name, phaseRead);
    }
  }
  // With no roles section, bold role names elsewhere (in steps, in table cells) are the roles.
  if (drafts.filter((x) => keepRole(x.name)).length === 0) drafts.push(...scanRoles(outline));
  const merged = new Map<string, RoleDraft>();
  for (const d of drafts.filter((x) => keepRole(x.name))) {
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
