import { ImportContext } from '../playbook/context';
import { fieldOf, lineOf, paragraphLines, plainText, squash, stripMarks } from '../playbook/markdown';
import { parseMarkdown } from '../playbook/markdown';
import type { List, ListItem, Paragraph, Root, RootContent } from '../playbook/mdast';
import { normalizeText } from '../playbook/normalize';
import { buildOutline, walkSections, type Section } from '../playbook/sections';
import { slugify } from '../playbook/slug';
import { findColumn, tableOf, type SimpleTable } from '../playbook/tables';
import { collectUnparsed } from '../playbook/unparsed';
import { validateScenario, type Scenario } from './scenario';
import { blockText, emptyDraft, put, readBlock, readList, targetOf, type InjectDraft, type Target } from './tabletop-body';
import { columnTime, headingDuration, leadingTime, resolveTimes, stripDuration, wholeTime, type TimeToken } from './tabletop-time';

export { parseExpectation } from './expectation';

// Reads a tabletop exercise document into one or more scenarios. Injects are found wherever
// the document times them:
// - headings that start with a time ("## T+15m — ...", "### T0", "## Day 2 09:00", "## 09:15")
//   or end with one ("### Complication 1 (T+25)"), or whose first lines say
//   "**Time:** T+15 minutes" / "**Timing:** T+2 hours";
// - a table with a time column (T+ offsets, or clock times counted from the first row);
// - list items or paragraphs that open with a time ("- T+10: ...", "**Nov 23 @ 20:03 UTC** - ...");
// - untimed: "INJECT 3: ..." headings, or a list under an "Injects" / "Prompts" heading, spaced
//   `intervalMinutes` apart after the last timed one;
// - failing all of those, phases whose headings give a duration ("Phase 2: Containment (15
//   minutes)"), played one after the other, their checklists becoming expected actions.
// Several "Scenario N" sections that each hold injects are several scenarios. Under each inject,
// questions, expected actions, facilitator notes and the audience are told apart from the text
// read to the room. What was not understood is listed by line, never dropped.

export interface UnderstoodLine {
  line: number;
  text: string;
}

export interface MarkdownImport {
  /** The first scenario (most documents hold one), or null when none could be read. */
  scenario: Scenario | null;
  scenarios: Scenario[];
  errors: string[];
  unparsed: UnderstoodLine[];
}

export interface ImportScenarioOptions {
  intervalMinutes?: number;
  id?: string;
}

const INJECT_HEAD = /^(?:inject(?:ion)?|prompt|scenario update|situation update|update|event|stage)\s*(?:#\s*)?(?:(\d+)|\s([A-Z]|[IVX]+)\b)\s*[:.)\-–—]?\s*(.*)$/i;
const INJECT_SECTION = /\b(injects?|timeline|events|scenario flow|storyline|exercise flow|prompts?|inject (list|schedule|timeline)|scenario progression|script)\b/i;
const SUMMARY_SECTION = /^(executive summary|summary|overview|background|scenario|scenario (summary|overview|description|background)|introduction|context|situation|narrative|the scenario|exercise overview|premise|setting)$/i;
const AIM_SECTION = /^(objectives?|purpose|goals?|aims?|exercise objectives?|learning objectives?|why\??)$/i;
const ROLE_SECTION = /^(roles|participants?|players|participant roles|exercise roles|suggested roles|audience|who should attend|attendees)\b/i;
const SCENARIO_HEAD = /^(?:scenario|exercise|module|case study|case)\s*#?\s*(\d+|[A-Z]\b|[ivx]+\b)\s*[:.)\-–—]?\s*(.*)$/i;
const TIME_FIELD = /^(time|timing|when|when it'?s introduced|inject time|at|exercise time|t\s*\+?)$/i;
const TIME_COLUMN = /^(time|timing|when|t\s*\+?|at|clock|exercise time|offset|elapsed|time \(.*\)|timestamp|minute|min)$/i;
const BODY_COLUMN = /inject|event|description|message|what happens|details|content|summary|scenario|situation|narrative/i;

interface Found extends InjectDraft {
  token: TimeToken | undefined;
  /** Table rows are the schedule; a heading at the same time only adds to its row. */
  source: 'table' | 'section' | 'list' | 'paragraph' | 'phase';
  /** What reading a tentative inject marked as understood, kept only if the inject is. */
  scratch?: ImportContext;
}

/** Text that becomes the summary only if nothing better does; its blocks are understood only then. */
interface Fallback {
  text: string;
  node: RootContent;
  heading: RootContent | null;
}

interface ScenarioDraft {
  title: string;
  summary: string[];
  /** Paragraphs under the title, then the objectives: the summary when no section is one. */
  intro: Fallback[];
  aims: Fallback[];
  roles: string[];
  injects: Found[];
  /** Items of an untimed list under an "Injects"/"Timeline" heading: used only when nothing is timed. */
  listed: Found[];
  phases: { draft: Found; duration: number }[];
}

function headingTime(title: string): { token: TimeToken; rest: string } | undefined {
  const lead = leadingTime(title);
  if (lead) {
    const rest = title.slice(lead.length).replace(/^\s*(?:\([^)]*\))?\s*[-–—:.|)]*\s*/, '').trim();
    // "10:00 am coffee" is fine; "15 minutes of setup" is not a time heading.
    if (lead.token.kind === 'offset' && !/^\s*[*_[(]*\s*(T|\+)/i.test(title)) return undefined;
    return { token: lead.token, rest };
  }
  // "Complication 1 (T+25)", "Inject 2 — T+15 min", "Regulator calls [Day 2 09:00]".
  const tail = /(?:\(\s*|\[\s*|\s[-–—:|@]\s*)((?:T\s*[+-]?\s*\d[^)\]]*)|(?:H\s*\+\s*\d[^)\]]*)|(?:Day\s+\d+[^)\]]*))[)\]]?\s*$/i.exec(title);
  const token = tail ? wholeTime(tail[1] ?? '') : undefined;
  return token && tail ? { token, rest: title.slice(0, tail.index).replace(/\s*[-–—:|@]\s*$/, '').trim() } : undefined;
}

/** "**Time:** T+15 minutes (discovered during investigation)" among a section's first blocks. */
function fieldTime(s: Section): TimeToken | undefined {
  for (const b of s.blocks.slice(0, 3)) {
    if (b.type !== 'paragraph') continue;
    for (const line of paragraphLines(b).slice(0, 4)) {
      const f = fieldOf(line, true);
      if (f && TIME_FIELD.test(f.label)) {
        const lead = leadingTime(f.value);
        if (lead) return lead.token;
      }
    }
  }
  return undefined;
}

class Reader {
  readonly ctx = new ImportContext();
  private readonly interval: number;

  constructor(
    readonly root: Root,
    intervalMinutes: number,
  ) {
    this.interval = intervalMinutes * 60_000;
  }

  /** Reads a section's blocks (and sub-sections) into one inject. */
  fillFromSection(d: InjectDraft, s: Section, includeChildren: boolean): void {
    let pending: Target | undefined;
    for (const b of s.blocks) if (!this.ctx.isConsumed(b)) pending = readBlock(d, b, pending, this.ctx);
    if (!includeChildren) return;
    for (const c of s.children) {
      if (c.heading) this.ctx.consume(c.heading);
      const t = targetOf(c.name);
      let p: Target | undefined = t;
      for (const b of c.blocks) if (!this.ctx.isConsumed(b)) p = readBlock(d, b, p ?? t, this.ctx);
      this.fillChildren(d, c);
    }
  }

  private fillChildren(d: InjectDraft, s: Section): void {
    for (const c of s.children) {
      if (c.heading) this.ctx.consume(c.heading);
      const t = targetOf(c.name);
      for (const b of c.blocks) if (!this.ctx.isConsumed(b)) readBlock(d, b, t, this.ctx);
      this.fillChildren(d, c);
    }
  }

  private injectFromSection(s: Section, title: string, token: TimeToken | undefined): Found {
    const d: Found = { ...emptyDraft(title || s.name, s.line, undefined), token, source: 'section' };
    if (s.heading) this.ctx.consume(s.heading);
    this.fillFromSection(d, s, !s.children.some((c) => this.sectionInject(c) !== undefined));
    return d;
  }

  /** Is this section an inject of its own, and at what time? null = untimed inject. */
  sectionInject(s: Section): { token: TimeToken | undefined; title: string } | undefined {
    if (!s.heading) return undefined;
    const h = headingTime(s.title);
    if (h) return { token: h.token, title: h.rest || s.title };
    const f = fieldTime(s);
    if (f) return { token: f, title: s.name };
    const m = INJECT_HEAD.exec(s.title);
    if (m) return { token: undefined, title: (m[3] ?? '').trim() || s.title };
    return undefined;
  }

  private fromTable(t: SimpleTable, out: Found[]): boolean {
    let timeCol = t.header.findIndex((h) => TIME_COLUMN.test(h.trim()));
    if (timeCol < 0 && t.rows.length >= 2) timeCol = t.header.findIndex((_, i) => t.rows.filter((r) => wholeTime(r.cells[i] ?? '')).length * 2 > t.rows.length);
    if (timeCol < 0) return false;
    const times = t.rows.map((r) => columnTime(r.cells[timeCol] ?? '') ?? leadingTime(r.cells[timeCol] ?? '')?.token);
    if (times.filter((x) => x !== undefined).length < Math.max(1, Math.ceil(t.rows.length / 2))) return false;
    // A second table of times the injects already have ("Complication | Timing") adds nothing.
    const known = new Set(out.map((d) => (d.token?.kind === 'offset' ? d.token.ms : -1)));
    if (out.length > 0 && times.every((x) => x?.kind === 'offset' && known.has(x.ms))) {
      this.ctx.consume(t.node, ...t.rows.map((r) => r.token));
      return true;
    }
    const used = new Set([timeCol]);
    const col = (re: RegExp): number => {
      const i = findColumn(t.header, re, used);
      if (i >= 0) used.add(i);
      return i;
    };
    const idCol = col(/^(inject\s*#|#|no\.?|id|inject id|number)$/i);
    const titleCol = col(/^(title|name|headline|inject title|event)$/i);
    const expCol = col(/expect|response|desired|actions? required|should/i);
    const audCol = col(/audience|recipient|^to$|^for$|target|who/i);
    const qCol = col(/question|discussion|prompt/i);
    const notesCol = col(/facilitat|notes?|guidance/i);
    const bodyCol = col(BODY_COLUMN);
    const skipCols = new Set([timeCol, idCol, titleCol, expCol, audCol, qCol, notesCol, bodyCol]);
    t.rows.forEach((r, i) => {
      const cell = (c: number): string => (c >= 0 ? (r.cells[c] ?? '').trim() : '');
      const body = cell(bodyCol) || r.cells.filter((_, c) => !skipCols.has(c)).join(' ').trim();
      const token = times[i];
      if (token === undefined || (body === '' && cell(titleCol) === '')) return;
      const title = cell(titleCol) || (body.split(/(?<=[.!?])\s/)[0] ?? body);
      const d: Found = { ...emptyDraft(title.slice(0, 200), r.line, undefined), token, source: 'table' };
      if (cell(idCol) !== '' && cell(titleCol) === '') d.title = `${cell(idCol)}: ${title}`.slice(0, 200);
      put(d, 'text', body || title);
      if (cell(audCol) !== '') d.audience = cell(audCol).slice(0, 100);
      if (cell(expCol) !== '') put(d, 'expected', cell(expCol));
      if (cell(qCol) !== '') put(d, 'questions', cell(qCol));
      if (cell(notesCol) !== '') put(d, 'notes', cell(notesCol));
      r.cells.forEach((c, k) => {
        if (!skipCols.has(k) && c !== '' && bodyCol >= 0) put(d, 'notes', `${t.header[k] ?? ''}: ${c}`);
      });
      this.ctx.consume(r.token);
      out.push(d);
    });
    this.ctx.consume(t.node);
    return true;
  }

  /** "- T+10: Report #2 ..." items; the list counts only when most of its items are timed. */
  private fromTimedList(list: List, out: Found[]): boolean {
    const times = list.children.map((i) => {
      const p = i.children[0];
      if (p?.type !== 'paragraph') return undefined;
      const head = paragraphLines(p)[0] ?? '';
      const lead = leadingTime(stripMarks(head));
      return lead && (lead.token.kind !== 'offset' || /^[\s*_]*(T|\+)/i.test(stripMarks(head))) ? lead : undefined;
    });
    const hits = times.filter((t) => t !== undefined).length;
    if (hits === 0 || hits * 2 < list.children.length) return false;
    list.children.forEach((item, i) => {
      const lead = times[i];
      if (!lead) return;
      out.push(this.injectFromItem(item, lead.token, lead.length, 'list'));
    });
    this.ctx.consume(list);
    return true;
  }

  private injectFromItem(item: ListItem, token: TimeToken | undefined, cut: number, source: Found['source']): Found {
    const p = item.children[0];
    const whole = p?.type === 'paragraph' ? squash(stripMarks(paragraphLines(p).join('\n'))) : '';
    const rest = whole.slice(cut).replace(/^\s*[*_]*\s*[-–—:.|)]*\s*/, '').trim();
    const colon = /^([^:.!?]{3,80}):\s+(.+)$/.exec(rest);
    const title = (colon?.[1] ?? rest.split(/(?<=[.!?])\s/)[0] ?? rest).trim();
    const ctx = token === undefined ? new ImportContext() : this.ctx;
    const d: Found = { ...emptyDraft(title.slice(0, 200) || 'Inject', lineOf(item), undefined), token, source, ...(token === undefined ? { scratch: ctx } : {}) };
    put(d, 'text', colon?.[2] ?? rest);
    ctx.consume(item, p);
    for (const c of item.children.slice(1)) {
      if (c.type === 'list') readList(d, c, undefined, ctx);
      else readBlock(d, c, undefined, ctx);
    }
    return d;
  }

  /** A paragraph that opens with a time ("**Nov 23, 2023 @ 20:03:00 UTC** - Read the slide..."). */
  private fromTimedParagraph(p: Paragraph): Found | undefined {
    const first = stripMarks(paragraphLines(p)[0] ?? '');
    if (!/^\s*(\*\*|__|T\s*[+0-9]|\d{1,2}:\d{2}|Day\s+\d|[A-Z][a-z]{2,8}\.? \d|\d{4}-\d\d)/.test(first)) return undefined;
    const plain = squash(stripMarks(paragraphLines(p).join('\n')));
    const lead = leadingTime(plain);
    if (!lead || (lead.token.kind === 'offset' && !/^[\s*_]*(T|\+)/i.test(plain))) return undefined;
    const rest = plain.slice(lead.length).replace(/^\s*(?:UTC|GMT|Z|[A-Z]{2,4}T)?\s*[*_]*\s*[-–—:.|)]*\s*/, '').trim();
    if (rest === '') return undefined;
    const sentences = rest.split(/(?<=[.!?])\s+/);
    const title = (sentences[0] ?? rest).slice(0, 200);
    const d: Found = { ...emptyDraft(title, lineOf(p), undefined), token: lead.token, source: 'paragraph' };
    put(d, 'text', rest);
    // Questions written into the facilitator's prose are questions to put to the room.
    for (const q of sentences) if (/\?["”]?$/.test(q) && q.length > 10) put(d, 'questions', q);
    this.ctx.consume(p);
    return d;
  }

  /** Collects injects of one scenario (the whole document, or one "Scenario N" section). */
  readScenario(top: Section, title: string, isDocument: boolean): ScenarioDraft {
    const draft: ScenarioDraft = { title, summary: [], intro: [], aims: [], roles: [], injects: [], listed: [], phases: [] };
    const visit = (s: Section, inInjects: boolean, inSummary: boolean): void => {
      const here = s === top ? undefined : this.sectionInject(s);
      if (here) {
        draft.injects.push(this.injectFromSection(s, here.title, here.token));
        for (const c of s.children) if (this.sectionInject(c)) visit(c, false, false);
        return;
      }
      const name = s.name.replace(/^[^\p{L}\p{N}]+/u, '');
      const duration = s === top ? undefined : headingDuration(s.title);
      if (duration !== undefined && !/before|after|prior|setup|set-up|break|lunch/i.test(s.title)) {
        const d: Found = { ...emptyDraft(stripDuration(s.title) || s.title, s.line, undefined), token: undefined, source: 'phase' };
        // Peeked, not consumed: these become injects only when nothing else in the scenario is timed.
        draft.phases.push({ draft: d, duration });
      }
      const isAim = s !== top && AIM_SECTION.test(name.trim());
      const isSummary = isAim || (s !== top && SUMMARY_SECTION.test(name.trim()) && !SCENARIO_HEAD.test(name));
      const isRoles = s !== top && ROLE_SECTION.test(name) && name.length < 60;
      const injectList = inInjects || (s !== top && INJECT_SECTION.test(name));
      let current: Found | undefined;
      let pending: Target | undefined;
      // "**Phase A**" on its own line names the timed paragraphs that follow it.
      let label: { text: string; node: Paragraph } | undefined;
      for (const b of s.blocks) {
        if (this.ctx.isConsumed(b)) continue;
        if (b.type === 'paragraph' && b.children.length === 1 && b.children[0]?.type === 'strong' && plainText(b).length <= 60 && !leadingTime(plainText(b))) {
          label = { text: plainText(b).replace(/:$/, ''), node: b };
          current = undefined;
          continue;
        }
        const t = tableOf(b);
        if (t && this.fromTable(t, draft.injects)) {
          current = undefined;
          continue;
        }
        if (b.type === 'list' && this.fromTimedList(b, draft.injects)) {
          current = undefined;
          continue;
        }
        if (b.type === 'paragraph') {
          const timed = this.fromTimedParagraph(b);
          if (timed) {
            if (label) {
              timed.title = `${label.text}: ${timed.title}`.slice(0, 200);
              this.ctx.consume(label.node);
              label = undefined;
            }
            draft.injects.push(timed);
            current = timed;
            pending = undefined;
            continue;
          }
        }
        if (current && (b.type === 'list' || b.type === 'blockquote' || b.type === 'code') ) {
          pending = readBlock(current, b, pending, this.ctx);
          continue;
        }
        if (injectList && b.type === 'list' && !isRoles) {
          for (const item of b.children) draft.listed.push(this.injectFromItem(item, undefined, 0, 'list'));
          continue;
        }
        if (isRoles && (b.type === 'list' || t)) {
          if (t) {
            for (const r of t.rows) if ((r.cells[0] ?? '') !== '') draft.roles.push(r.cells[0] ?? '');
            this.ctx.consume(b, ...t.rows.map((r) => r.token));
          } else if (b.type === 'list') {
            for (const item of b.children) {
              const text = item.children[0] ? plainText(item.children[0]) : '';
              const f = fieldOf(text, true);
              const role = (f?.label ?? text.split(/\s[-–—]\s|[:(]/)[0] ?? '').trim();
              if (role !== '' && role.length <= 100) draft.roles.push(role);
              this.ctx.consumeDeep(item);
            }
            this.ctx.consume(b);
          }
          continue;
        }
        if ((isSummary || (inSummary && draft.injects.length === 0)) && (b.type === 'paragraph' || b.type === 'list' || b.type === 'blockquote')) {
          const text = blockText(b);
          const keep = text !== '' && !/^for facilitator eyes only/i.test(text);
          if (keep && !isAim && isSummary) draft.summary.push(text);
          else if (keep) (isAim ? draft.aims : draft.intro).push({ text, node: b, heading: isAim ? s.heading : null });
          if (!isAim && isSummary) this.ctx.consumeDeep(b);
          continue;
        }
      }
      if (isSummary && !isAim && s.heading) this.ctx.consume(s.heading);
      if (isRoles && s.heading && draft.roles.length > 0) this.ctx.consume(s.heading);
      // Paragraphs under the document's title (before any section) introduce the scenario.
      for (const c of s.children) visit(c, injectList && !this.sectionInject(c) && !SUMMARY_SECTION.test(c.name), isSummary || (s === top && c.depth === 1));
    };
    visit(top, false, isDocument);
    return draft;
  }

  /** Duration phases become the injects when nothing else was timed. */
  settle(d: ScenarioDraft, sectionOf: Map<Found, Section>): void {
    if (d.summary.length === 0) {
      const chosen = d.intro.length > 0 ? d.intro : d.aims;
      d.summary = chosen.map((f) => f.text);
      for (const f of chosen) {
        this.ctx.consumeDeep(f.node);
        this.ctx.consume(f.heading);
      }
    }
    this.mergeSameTime(d);
    const timed = d.injects.some((i) => i.token !== undefined);
    if (!timed && d.injects.length === 0) d.injects.push(...d.listed);
    for (const l of d.listed) if (d.injects.includes(l) && l.scratch) this.ctx.absorb(l.scratch);
    if (timed || d.injects.length > 0 || d.phases.length < 2) return;
    let at = 0;
    for (const { draft, duration } of d.phases) {
      draft.token = { kind: 'offset', ms: at };
      at += duration;
      const s = sectionOf.get(draft);
      if (s) {
        if (s.heading) this.ctx.consume(s.heading);
        this.fillFromSection(draft, s, true);
        // A phase's checklist is what the team should get done in it.
        if (draft.expectedActions.length === 0 && draft.questions.length === 0) {
          draft.expectedActions.push(...draft.text.filter((t) => t.startsWith('- ')).map((t) => t.slice(2)));
          draft.text = draft.text.filter((t) => !t.startsWith('- '));
        } else {
          draft.expectedActions.push(...draft.text.filter((t) => t.startsWith('- ')).map((t) => t.slice(2)));
          draft.text = draft.text.filter((t) => !t.startsWith('- '));
        }
      }
      d.injects.push(draft);
    }
  }

  /** A section timed like a table row ("Complication 1 (T+25)") adds its detail to that row. */
  private mergeSameTime(d: ScenarioDraft): void {
    const rows = d.injects.filter((i) => i.source === 'table' && i.token?.kind === 'offset');
    if (rows.length === 0) return;
    d.injects = d.injects.filter((i) => {
      if (i.source !== 'section' || i.token?.kind !== 'offset') return true;
      const ms = i.token.ms;
      const row = rows.find((r) => r.token?.kind === 'offset' && r.token.ms === ms);
      if (!row) return true;
      row.notes.push(i.title, ...i.text, ...i.notes);
      row.questions.push(...i.questions);
      row.expectedActions.push(...i.expectedActions);
      row.expect.push(...i.expect);
      return false;
    });
  }

  /** Times, order, ids and defaults, then the zod schema: a scenario, or the errors naming fields. */
  finish(d: ScenarioDraft, id: string): { scenario: Scenario | null; errors: string[] } {
    const times = resolveTimes(d.injects.map((i) => i.token));
    d.injects.forEach((inj, i) => (inj.at = times[i]));
    const timed = d.injects.filter((i) => i.at !== undefined).sort((a, b) => (a.at ?? 0) - (b.at ?? 0) || a.line - b.line);
    const untimed = d.injects.filter((i) => i.at === undefined).sort((a, b) => a.line - b.line);
    const last = timed.reduce((m, i) => Math.max(m, i.at ?? 0), timed.length > 0 ? 0 : -this.interval);
    untimed.forEach((inj, k) => (inj.at = last + this.interval * (k + 1)));
    const all = [...timed, ...untimed].sort((a, b) => (a.at ?? 0) - (b.at ?? 0) || a.line - b.line).slice(0, 200);
    if (all.length === 0) return { scenario: null, errors: [] };
    const taken = new Set<string>();
    const clip = (xs: string[]) => xs.map((x) => x.slice(0, 2000)).slice(0, 50);
    const injects = all.map((inj) => {
      const base = slugify(inj.title, 'inject').slice(0, 60);
      let key = base;
      for (let n = 2; taken.has(key); n++) key = `${base}-${n}`;
      taken.add(key);
      const text = inj.text.join('\n').trim() || inj.questions[0] || inj.title;
      return {
        id: key,
        title: squash(inj.title).slice(0, 200) || 'Inject',
        text: text.slice(0, 20_000),
        audience: inj.audience ?? 'all',
        at: (inj.at ?? 0) / 60_000,
        expect: inj.expect.slice(0, 20).map((e) => ({ action: e.action, deadline: e.deadline / 60_000 })),
        questions: clip(inj.questions),
        expectedActions: clip(inj.expectedActions),
        notes: clip(inj.notes),
      };
    });
    const summary = d.summary.join('\n\n').trim().slice(0, 5000) || `Imported from a Markdown tabletop document (${injects.length} injects).`;
    const r = validateScenario({ id, title: d.title.slice(0, 200) || 'Imported exercise', summary, roles: [...new Set(d.roles.map((x) => x.slice(0, 100)))].slice(0, 30), injects });
    return r.ok ? { scenario: r.scenario, errors: [] } : { scenario: null, errors: r.errors };
  }
}

function documentTitle(outline: Section): { title: string; top: Section } {
  const h1s = outline.children.filter((c) => c.depth === 1);
  if (h1s.length === 1 && h1s[0]) return { title: h1s[0].name, top: outline };
  const first = outline.children[0];
  return { title: first?.name ?? '', top: outline };
}

/** Sections named "Scenario 1: ...", "Scenario 2: ..." side by side. */
function scenarioSections(outline: Section): Section[] {
  for (const s of walkSections(outline)) {
    const named = s.children.filter((c) => SCENARIO_HEAD.test(c.name) || SCENARIO_HEAD.test(c.title));
    if (named.length >= 2) return named;
  }
  return [];
}

export function importMarkdownScenario(source: string, options: ImportScenarioOptions = {}): MarkdownImport {
  const root = parseMarkdown(normalizeText(source));
  const outline = buildOutline(root);
  const reader = new Reader(root, options.intervalMinutes ?? 10);
  const { title } = documentTitle(outline);
  const h1 = outline.children.find((c) => c.depth === 1 && c.name === title);
  if (h1?.heading) reader.ctx.consume(h1.heading);

  const sectionOf = new Map<Found, Section>();
  const remember = (d: ScenarioDraft, top: Section) => {
    for (const s of walkSections(top)) for (const p of d.phases) if (p.draft.line === s.line) sectionOf.set(p.draft, s);
  };

  const parts = scenarioSections(outline);
  const drafts: ScenarioDraft[] = [];
  if (parts.length >= 2) {
    for (const s of parts) {
      const m = SCENARIO_HEAD.exec(s.name) ?? SCENARIO_HEAD.exec(s.title);
      const d = reader.readScenario(s, (m?.[2] ?? '').trim() || s.name, false);
      remember(d, s);
      reader.settle(d, sectionOf);
      if (s.heading && d.injects.length > 0) reader.ctx.consume(s.heading);
      drafts.push(d);
    }
    // Shared sections outside the scenarios (overview, roles) apply to each of them.
    const shared = reader.readScenario({ ...outline, children: outline.children.flatMap((c) => (parts.includes(c) ? [] : [{ ...c, children: c.children.filter((x) => !parts.includes(x)) }])) }, title, true);
    for (const d of drafts) {
      if (d.summary.length === 0) d.summary = shared.summary;
      if (d.roles.length === 0) d.roles = shared.roles;
    }
  } else {
    const d = reader.readScenario(outline, title, true);
    remember(d, outline);
    reader.settle(d, sectionOf);
    drafts.push(d);
  }

  const withInjects = drafts.filter((d) => d.injects.length > 0);
  const scenarios: Scenario[] = [];
  const errors: string[] = [];
  const docSlug = slugify(title || 'exercise', 'exercise').slice(0, 50);
  withInjects.forEach((d, i) => {
    const id = options.id !== undefined && i === 0 ? options.id : withInjects.length > 1 ? `imported-${docSlug}-${slugify(d.title, String(i + 1)).slice(0, 40)}` : `imported-${slugify(d.title || title, 'exercise').slice(0, 60)}`;
    const r = reader.finish(d, id);
    if (r.scenario) scenarios.push(r.scenario);
    errors.push(...r.errors.map((e) => (withInjects.length > 1 ? `${d.title}: ${e}` : e)));
  });
  const unparsed = collectUnparsed(root, reader.ctx);
  for (const s of walkSections(outline)) {
    if (!s.heading || reader.ctx.isConsumed(s.heading) || s.blocks.length === 0) continue;
    const touched = (b: RootContent): boolean => reader.ctx.isConsumed(b) || (b.type === 'list' && b.children.some((i) => reader.ctx.isConsumed(i)));
    if (!s.blocks.some(touched)) unparsed.push({ line: s.line, text: `section not understood: ${s.title}` });
  }
  unparsed.sort((a, b) => a.line - b.line);
  if (withInjects.length === 0) {
    errors.push('no injects found: use "T+15m" headings, a | Time | Inject | table, timed list items ("- T+10: ..."), "Inject 1" headings, or a list under an "Injects" heading');
  }
  return { scenario: scenarios[0] ?? null, scenarios, errors, unparsed };
}
