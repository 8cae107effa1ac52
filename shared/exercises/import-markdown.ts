import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import { slugify } from '../playbook/slug';
import { formatExerciseTime, parseExerciseTime, validateScenario, type ExpectedAction, type Scenario } from './scenario';

// Reads a tabletop exercise written as a Markdown document into a scenario. Three shapes, and
// any mix of them:
// - timed headings: "## T+15m — Customer reports" / "### T+1h30m: Regulator calls", the
//   inject's text under each;
// - a time/event table: | Time | Inject | Audience | Expected |;
// - an untimed list under an "Injects" heading, spaced `intervalMinutes` apart.
// Under an inject, "Audience: ..." and "Expected: severity SEV1 within 15m; phase containment"
// lines are read as such. What was not understood is listed with its line number, never dropped
// silently.

export interface UnderstoodLine {
  line: number;
  text: string;
}

export interface MarkdownImport {
  scenario: Scenario | null;
  errors: string[];
  unparsed: UnderstoodLine[];
}

interface Draft {
  id: string;
  title: string;
  text: string[];
  audience: string;
  at: number | null;
  expect: { action: ExpectedAction; deadline: number }[];
  line: number;
}

interface Block {
  type: string;
  tokens: Token[];
  line: number;
  tag: string;
}

const md = new MarkdownIt('default', { html: false });

function blocksOf(tokens: Token[]): Block[] {
  const out: Block[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    const line = (t.map?.[0] ?? 0) + 1;
    if (t.nesting === 1) {
      const close = t.type.replace(/_open$/, '_close');
      let depth = 0;
      let j = i;
      for (; j < tokens.length; j++) {
        const u = tokens[j] as Token;
        if (u.type === t.type) depth++;
        else if (u.type === close && --depth === 0) break;
      }
      out.push({ type: t.type.replace(/_open$/, ''), tokens: tokens.slice(i, j + 1), line, tag: t.tag });
      i = j;
    } else {
      out.push({ type: t.type, tokens: [t], line, tag: t.tag });
    }
  }
  return out;
}

const inlineText = (tokens: Token[]): string =>
  tokens
    .filter((t) => t.type === 'inline')
    .map((t) => (t.children ?? []).map((c) => (c.type === 'softbreak' || c.type === 'hardbreak' ? '\n' : c.content)).join(''))
    .join('\n')
    .trim();

const TIME_HEAD = /^\s*\**\s*(T\s*\+\s*[0-9][0-9hms:. ]*?|[0-9]{1,2}:[0-9]{2})\s*\**\s*(?:[-–—:.|)]\s*|\s+|$)(.*)$/i;
const INJECT_SECTION = /\b(injects?|timeline|events|scenario flow|storyline|exercise flow)\b/i;
const SUMMARY_SECTION = /^(summary|overview|background|scenario|introduction|context|situation)$/i;
const ROLE_SECTION = /^(roles|participants|players|audience)$/i;
const AUDIENCE_LINE = /^\s*(audience|to|for)\s*:\s*(.+)$/i;
const EXPECT_LINE = /^\s*(expected(?: actions?)?|expect|response expected)\s*:\s*(.+)$/i;

const kindWords: [RegExp, ExpectedAction['kind']][] = [
  [/^sev(erity)?$/i, 'severity_changed'],
  [/^phase$/i, 'phase_changed'],
  [/^status$/i, 'status_changed'],
  [/^note$/i, 'note'],
  [/^role$/i, 'role_assigned'],
  [/^(script|action|run)$/i, 'script_started'],
  [/^(checklist|tick)$/i, 'checklist_item_set'],
];

/** "severity SEV1 within 15m" -> an expected action and deadline; null when not understood. */
export function parseExpectation(text: string): { action: ExpectedAction; deadline: number } | null {
  const m = /^\s*([A-Za-z_]+)\s*(?:(?:to|=|:)\s*)?([^\s]+?)?\s*(?:(?:within|in|by)\s+(.+?))?\s*$/i.exec(text.replace(/[“”"]/g, ''));
  if (!m) return null;
  const kind = kindWords.find(([re]) => re.test(m[1] ?? ''))?.[1];
  if (!kind) return null;
  const raw = m[2] && !/^(within|in|by)$/i.test(m[2]) ? m[2] : undefined;
  const deadline = m[3] ? parseExerciseTime(m[3]) : 15 * 60_000;
  if (deadline === null) return null;
  const value = raw?.replace(/[.,;]$/, '');
  let action: ExpectedAction;
  switch (kind) {
    case 'severity_changed':
      action = value ? { kind, severity: value } : { kind };
      break;
    case 'phase_changed':
      action = value ? { kind, phase: value } : { kind };
      break;
    case 'status_changed': {
      if (value && !['active', 'mitigated', 'resolved', 'closed'].includes(value.toLowerCase())) return null;
      action = value ? { kind, status: value.toLowerCase() as 'active' } : { kind };
      break;
    }
    case 'note':
      action = value ? { kind, contains: value } : { kind };
      break;
    case 'role_assigned':
      action = value ? { kind, role: value } : { kind };
      break;
    case 'script_started':
      action = value ? { kind, action: value } : { kind };
      break;
    case 'checklist_item_set':
      action = value ? { kind, item: value } : { kind };
      break;
  }
  return { action, deadline };
}

export function importMarkdownScenario(source: string, options: { intervalMinutes?: number; id?: string } = {}): MarkdownImport {
  const interval = (options.intervalMinutes ?? 10) * 60_000;
  const blocks = blocksOf(md.parse(source.replace(/\r\n?/g, '\n'), {}));
  const unparsed: UnderstoodLine[] = [];
  const injects: Draft[] = [];
  const untimed: Draft[] = [];
  const roles: string[] = [];
  const summary: string[] = [];
  let title = '';
  let section: 'summary' | 'injects' | 'roles' | 'other' | 'none' = 'none';
  let current: Draft | null = null;
  const taken = new Set<string>();
  const newDraft = (t: string, at: number | null, line: number): Draft => {
    const base = slugify(t, 'inject').slice(0, 60) || 'inject';
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    taken.add(id);
    return { id, title: t.slice(0, 200), text: [], audience: 'all', at, expect: [], line };
  };
  const miss = (line: number, text: string) => unparsed.push({ line, text: text.split('\n')[0]?.slice(0, 200) ?? '' });

  /** Reads "Audience:" and "Expected:" lines into the draft; returns what is left as text. */
  const absorb = (d: Draft, text: string, line: number): string[] => {
    const rest: string[] = [];
    text.split('\n').forEach((l, k) => {
      const a = AUDIENCE_LINE.exec(l);
      const e = EXPECT_LINE.exec(l);
      if (a) d.audience = (a[2] ?? '').trim().slice(0, 100) || 'all';
      else if (e) {
        for (const part of (e[2] ?? '').split(/;|\band\b/)) {
          if (part.trim() === '') continue;
          const parsed = parseExpectation(part);
          if (parsed) d.expect.push(parsed);
          else miss(line + k, `expected action not understood: ${part.trim()}`);
        }
      } else rest.push(l);
    });
    return rest;
  };

  for (const b of blocks) {
    const text = inlineText(b.tokens);
    if (b.type === 'heading') {
      const m = TIME_HEAD.exec(text);
      const at = m ? parseExerciseTime(m[1] ?? '') : null;
      if (m && at !== null) {
        current = newDraft((m[2] ?? '').trim() || `Inject at ${formatExerciseTime(at)}`, at, b.line);
        injects.push(current);
        section = 'injects';
        continue;
      }
      current = null;
      if (b.tag === 'h1' && title === '') {
        title = text;
        section = 'summary';
      } else if (SUMMARY_SECTION.test(text)) section = 'summary';
      else if (ROLE_SECTION.test(text)) section = 'roles';
      else if (INJECT_SECTION.test(text)) section = 'injects';
      else {
        section = 'other';
        miss(b.line, `section not understood: ${text}`);
      }
      continue;
    }
    if (b.type === 'hr') continue;
    if (current && (b.type === 'paragraph' || b.type === 'blockquote' || b.type === 'bullet_list' || b.type === 'ordered_list' || b.type === 'fence')) {
      const body = b.type === 'fence' ? (b.tokens[0]?.content ?? '').trim() : text;
      const lines = b.type === 'bullet_list' || b.type === 'ordered_list' ? inlineLines(b.tokens).map((l) => `- ${l}`).join('\n') : body;
      current.text.push(...absorb(current, lines, b.line).filter((l) => l.trim() !== '' || current?.text.length));
      continue;
    }
    if (b.type === 'table') {
      const table = readTable(b.tokens);
      const col = (re: RegExp) => table.header.findIndex((h) => re.test(h));
      const timeCol = col(/^(time|when|t\s*\+?|at|clock|exercise time)$/i);
      const injectCol = col(/inject|event|description|message|what happens|details/i);
      if (timeCol < 0 || injectCol < 0) {
        miss(b.line, 'table without Time and Inject columns');
        continue;
      }
      const titleCol = col(/^(title|name|headline)$/i);
      const audCol = col(/audience|recipient|^to$|^for$/i);
      const expCol = col(/expect/i);
      for (const row of table.rows) {
        const at = parseExerciseTime(row.cells[timeCol] ?? '');
        const body = (row.cells[injectCol] ?? '').trim();
        if (at === null || body === '') {
          miss(row.line, `table row not understood: ${row.cells.join(' | ')}`);
          continue;
        }
        const t = (titleCol >= 0 ? row.cells[titleCol] : undefined)?.trim() || body.split(/(?<=[.!?])\s/)[0] || body;
        const d = newDraft(t, at, row.line);
        d.text.push(body);
        if (audCol >= 0 && row.cells[audCol]?.trim()) d.audience = (row.cells[audCol] ?? '').trim().slice(0, 100);
        if (expCol >= 0 && row.cells[expCol]?.trim()) absorb(d, `Expected: ${row.cells[expCol] ?? ''}`, row.line);
        injects.push(d);
      }
      current = null;
      continue;
    }
    if ((b.type === 'bullet_list' || b.type === 'ordered_list') && section === 'injects') {
      for (const item of itemsOf(b.tokens)) {
        const m = TIME_HEAD.exec(item.text);
        const at = m ? parseExerciseTime(m[1] ?? '') : null;
        const body = at !== null && m ? (m[2] ?? '').trim() : item.text;
        const [head, ...more] = body.split('\n');
        const colon = /^([^:]{3,80}):\s+(.+)$/.exec(head ?? '');
        const d = newDraft(colon?.[1]?.trim() ?? (head ?? body).split(/(?<=[.!?])\s/)[0] ?? 'Inject', at, item.line);
        d.text.push(...absorb(d, [colon?.[2] ?? head ?? '', ...more].join('\n'), item.line));
        (at !== null ? injects : untimed).push(d);
      }
      continue;
    }
    if ((b.type === 'bullet_list' || b.type === 'ordered_list') && section === 'roles') {
      roles.push(...itemsOf(b.tokens).map((i) => i.text.split(/[:\n—–-]/)[0]?.trim() ?? '').filter((r) => r !== ''));
      continue;
    }
    if (b.type === 'paragraph' && (section === 'summary' || (section === 'none' && title !== '')) && injects.length === 0) {
      summary.push(text);
      continue;
    }
    if (text !== '' || b.type === 'fence' || b.type === 'html_block') miss(b.line, text || (b.tokens[0]?.content ?? '').trim() || b.type);
  }

  // Untimed injects: spaced after the last timed one (or from T+0).
  const lastTimed = injects.reduce((m, d) => Math.max(m, d.at ?? 0), injects.length > 0 ? 0 : -interval);
  untimed.forEach((d, k) => (d.at = lastTimed + interval * (k + 1)));
  const all = [...injects, ...untimed].sort((a, b) => (a.at ?? 0) - (b.at ?? 0) || a.line - b.line);
  unparsed.sort((a, b) => a.line - b.line);
  if (all.length === 0) return { scenario: null, errors: ['no injects found: use "T+15m" headings, a | Time | Inject | table, or a list under an "Injects" heading'], unparsed };
  const finalTitle = (title || all[0]?.title || 'Imported exercise').slice(0, 200);
  const result = validateScenario({
    id: options.id ?? `imported-${slugify(finalTitle, 'exercise').slice(0, 60)}`,
    title: finalTitle,
    summary: summary.join('\n\n').slice(0, 5000) || `Imported from a Markdown tabletop document (${all.length} injects).`,
    roles: [...new Set(roles)].slice(0, 30),
    injects: all.map((d) => ({
      id: d.id,
      title: d.title,
      text: d.text.join('\n').trim() || d.title,
      audience: d.audience,
      at: (d.at ?? 0) / 60_000,
      expect: d.expect.map((e) => ({ action: e.action, deadline: e.deadline / 60_000 })),
    })),
  });
  return result.ok ? { scenario: result.scenario, errors: [], unparsed } : { scenario: null, errors: result.errors, unparsed };
}

function inlineLines(tokens: Token[]): string[] {
  return tokens.filter((t) => t.type === 'inline').map((t) => t.content.trim());
}

/** The top-level items of a list, each item's paragraphs joined by newlines. */
function itemsOf(tokens: Token[]): { text: string; line: number }[] {
  const base = tokens[0]?.level ?? 0;
  const out: { text: string; line: number }[] = [];
  let cur: { parts: string[]; line: number } | null = null;
  for (const t of tokens) {
    if (t.type === 'list_item_open' && t.level === base + 1) {
      cur = { parts: [], line: (t.map?.[0] ?? 0) + 1 };
    } else if (t.type === 'list_item_close' && t.level === base + 1 && cur) {
      out.push({ text: cur.parts.join('\n').trim(), line: cur.line });
      cur = null;
    } else if (t.type === 'inline' && cur) {
      cur.parts.push(t.level > base + 3 ? `- ${t.content}` : t.content);
    }
  }
  return out;
}

function readTable(tokens: Token[]): { header: string[]; rows: { cells: string[]; line: number }[] } {
  const header: string[] = [];
  const rows: { cells: string[]; line: number }[] = [];
  let inHead = false;
  let row: { cells: string[]; line: number } | null = null;
  for (const t of tokens) {
    if (t.type === 'thead_open') inHead = true;
    else if (t.type === 'thead_close') inHead = false;
    else if (t.type === 'tr_open') row = { cells: [], line: (t.map?.[0] ?? 0) + 1 };
    else if (t.type === 'tr_close' && row) {
      if (!inHead) rows.push(row);
      row = null;
    } else if (t.type === 'inline' && row) {
      if (inHead) header.push(t.content.trim());
      else row.cells.push(t.content.trim());
    }
  }
  return { header, rows };
}
