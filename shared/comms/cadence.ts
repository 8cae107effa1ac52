import type { Playbook, SeverityLevel } from '../playbook/model';
import { classifyAudience, type AudienceKind } from './audiences';

// How often each audience hears from us. Playbooks say it in prose ("Post updates every 15-30
// minutes" under a Severity 1 heading, "Update stakeholders ... every 60 minutes"), in a column
// of the severity table ("Update frequency: 1 hour"), or inside a template ("Updates will be
// posted in this thread every 15 minutes"). Where a playbook is silent, a default per severity
// rank applies; the user can change either for the audience in the war room.

export interface CadenceRule {
  /** Level keys the rule is for; empty = every level (and no severity set). */
  levels: string[];
  minutes: number;
  /** The playbook's words, for the panel to quote. */
  text: string;
  /** The audience the words name; null = every audience with a schedule. */
  audience: AudienceKind | null;
}

export interface Cadence {
  /** null = no scheduled updates for this audience at this severity. */
  minutes: number | null;
  from: 'playbook' | 'default' | 'user';
  /** The playbook's words, when it came from the playbook. */
  text: string | null;
}

const UNIT: Record<string, number> = { m: 1, min: 1, mins: 1, minute: 1, minutes: 1, h: 60, hr: 60, hrs: 60, hour: 60, hours: 60, day: 1440, days: 1440 };
const NUM = String.raw`(\d{1,4})(?:\s*(?:-|–|to)\s*(\d{1,4}))?\s*(minutes?|mins?|m|hours?|hrs?|h|days?)\b`;
// "updates every 30 minutes", "Update stakeholders on the Slack channel every 60 minutes".
const EVERY = new RegExp(String.raw`\b(?:updat\w*|status|communicat\w*|inform|brief\w*|notif\w*)\b[^.\n]{0,80}?\bevery\s+${NUM}`, 'i');
// "Update frequency: 1 hour", "update cadence | 2 hours".
const FREQUENCY = new RegExp(String.raw`\bupdate\s+(?:frequency|cadence|interval)\b\s*[:|–-]?\s*(?:every\s+)?${NUM}`, 'i');
const NAMED: ReadonlyArray<[RegExp, number]> = [
  [/\bhourly\b[^.\n]{0,40}\bupdat|\bupdat\w*[^.\n]{0,40}\bhourly\b/i, 60],
  [/\bdaily\b[^.\n]{0,60}\bupdat|\bupdat\w*[^.\n]{0,40}\b(?:daily|every day)\b/i, 1440],
];

/** Minutes a phrase gives between updates, or null. A range ("15-30 minutes") counts as its longest gap. */
export function cadenceMinutes(text: string): number | null {
  const m = EVERY.exec(text) ?? FREQUENCY.exec(text);
  if (m) {
    const unit = UNIT[(m[3] ?? '').toLowerCase()] ?? 1;
    const n = Number(m[2] ?? m[1]);
    return n > 0 ? n * unit : null;
  }
  for (const [re, minutes] of NAMED) if (re.test(text)) return minutes;
  return null;
}

function levelPatterns(level: SeverityLevel): RegExp[] {
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const flexible = (code: string) => esc(code).replace(/(?<=[A-Za-z])(?:\\-|\s)*(?=\d)/, String.raw`[\s-]*`);
  const out = [new RegExp(String.raw`(?<![\w-])${flexible(level.code)}(?![\w])`, 'i')];
  const digit = /(\d+)$/.exec(level.code)?.[1];
  if (digit !== undefined && /^sev/i.test(level.code)) out.push(new RegExp(String.raw`\bsev(?:erity)?[\s-]*${digit}\b`, 'i'));
  if (digit !== undefined && /^p(?:riority)?\b|^p\d/i.test(level.code)) out.push(new RegExp(String.raw`\b(?:p|priority)[\s-]*${digit}\b`, 'i'));
  return out;
}

/** The levels a piece of text names ("P1 or P2", "Severity 1 (Critical)"). */
export function levelsNamed(text: string, levels: readonly SeverityLevel[]): string[] {
  return levels.filter((l) => levelPatterns(l).some((re) => re.test(text))).map((l) => l.key);
}

/** The audience a cadence sentence is about, when it names one. A channel or thread is the responders'. */
const audienceOf = (text: string): AudienceKind | null => {
  const kind = classifyAudience(text.replace(/\bstakeholders?\b/gi, ''));
  return kind === 'regulator' ? null : kind;
};

function pushRule(out: CadenceRule[], levels: string[], text: string): void {
  const minutes = cadenceMinutes(text);
  if (minutes === null) return;
  const quote = text.replace(/\s+/g, ' ').replace(/[*_`]/g, '').trim().slice(0, 160);
  out.push({ levels, minutes, text: quote, audience: audienceOf(text) });
}

/**
 * Every cadence the playbook states: from its severity levels' own fields, its communication
 * templates (a template named for a level speaks for that level), its checklist, and its
 * Markdown source (a line under a heading that names a level is for that level; a table row
 * that names a level, under a header with an "update" column, is for that level).
 */
export function playbookCadences(playbook: Playbook | null, source: string | null = null): CadenceRule[] {
  if (!playbook) return [];
  const levels = playbook.severities;
  const out: CadenceRule[] = [];
  for (const level of levels) {
    for (const text of [level.description, ...level.notify, ...level.examples]) pushRule(out, [level.key], text);
  }
  for (const t of playbook.templates) {
    if (t.kind !== 'communication') continue;
    const named = levelsNamed(t.name, levels);
    for (const line of t.body.split('\n')) pushRule(out, named, line);
  }
  for (const phase of playbook.phases) {
    for (const item of phase.items) for (const text of [item.text, ...item.details]) pushRule(out, levelsNamed(text, levels), text);
  }
  if (source) rulesFromSource(source, levels, out);
  return dedupe(out);
}

function rulesFromSource(source: string, levels: readonly SeverityLevel[], out: CadenceRule[]): void {
  const headings: string[] = [];
  let tableHeader: string[] | null = null;
  let fenced = false;
  for (const raw of source.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    if (/^(```|~~~)/.test(line)) fenced = !fenced;
    const heading = fenced ? null : /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      headings.length = (heading[1] ?? '#').length - 1;
      headings.push(heading[2] ?? '');
      tableHeader = null;
      continue;
    }
    if (!fenced && line.startsWith('|')) {
      const cells = line.split('|').slice(1, -1).map((c) => c.trim());
      if (tableHeader === null) tableHeader = cells;
      else if (!cells.every((c) => /^:?-+:?$/.test(c))) {
        const named = levelsNamed(cells.slice(0, 2).join(' '), levels);
        tableHeader.forEach((h, i) => {
          if (named.length && /updat|cadence|comms|communicat/i.test(h)) pushRule(out, named, `Update frequency: ${cells[i] ?? ''}`);
        });
      }
      continue;
    }
    tableHeader = null;
    if (cadenceMinutes(line) === null) continue;
    let named = levelsNamed(line, levels);
    for (let i = headings.length - 1; named.length === 0 && i >= 0; i--) named = levelsNamed(headings[i] ?? '', levels);
    pushRule(out, named, line);
  }
}

function dedupe(rules: CadenceRule[]): CadenceRule[] {
  const seen = new Set<string>();
  return rules.filter((r) => {
    const id = `${r.levels.join(',')}|${r.minutes}|${r.audience ?? ''}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/**
 * When a playbook is silent: by severity rank (1 = most severe). Responders hear every 30
 * minutes at the top level, leadership every hour, customers every hour while it matters to
 * them; lower levels space out; the least severe levels have no schedule. The regulator's
 * clock is the compliance duty's deadline, not a cadence.
 */
export const defaultCadences: Record<AudienceKind, readonly (number | null)[]> = {
  internal: [30, 60, 240, null],
  executive: [60, 120, 1440, null],
  customers: [60, 120, null, null],
  regulator: [null, null, null, null],
  other: [60, 120, 1440, null],
};
/** With no severity set: responders every hour, the rest on request. */
const unsetDefault: Record<AudienceKind, number | null> = { internal: 60, executive: null, customers: null, regulator: null, other: null };

/** The cadence for one audience at one severity: the playbook's tightest for that level, else the default. */
export function cadenceFor(kind: AudienceKind, level: SeverityLevel | null, rules: readonly CadenceRule[]): Cadence {
  if (kind !== 'regulator') {
    const applicable = rules.filter((r) => (r.levels.length === 0 || (level !== null && r.levels.includes(level.key))) && (r.audience === null || r.audience === kind));
    // A rule for this very level beats a general one; among equals the tightest wins.
    const specific = applicable.filter((r) => r.levels.length > 0);
    const pool = specific.length ? specific : applicable;
    const best = pool.reduce<CadenceRule | null>((b, r) => (b === null || r.minutes < b.minutes ? r : b), null);
    if (best) return { minutes: best.minutes, from: 'playbook', text: best.text };
  }
  if (level === null) return { minutes: unsetDefault[kind], from: 'default', text: null };
  const table = defaultCadences[kind];
  const minutes = table[Math.min(level.rank, table.length) - 1] ?? null;
  return { minutes, from: 'default', text: null };
}

/** "every 30 min", "every 2 h", "every day", "no schedule". */
export function describeCadence(minutes: number | null): string {
  if (minutes === null) return 'no schedule';
  if (minutes === 1440) return 'every day';
  if (minutes % 1440 === 0) return `every ${minutes / 1440} days`;
  if (minutes % 60 === 0) return minutes === 60 ? 'every hour' : `every ${minutes / 60} h`;
  return `every ${minutes} min`;
}
