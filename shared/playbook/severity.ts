import type { List, ListItem, Paragraph, RootContent } from './mdast';
import type { ImportContext } from './context';
import { codeId, parseLevelName, wordRank, type LevelName } from './level-code';
import { fieldOf, lineOf, paragraphLines, plainText, squash, stripMarks } from './markdown';
import type { SeverityLevel } from './model';
import { walkSections, type Section } from './sections';
import { appendText, applyLevelField, fieldTarget, inlineSlas, type LevelDraft } from './severity-fields';
import { parseSla, parseSlaPair } from './sla';
import { KeyAllocator } from './slug';
import { findColumn, tableOf, type SimpleTable } from './tables';
import { isKind } from './vocab';

interface Candidate {
  levels: LevelDraft[];
  /** Objects to mark consumed when this candidate is used. */
  tokens: object[];
  /** Tables like "Scenario | Notify" only add to levels defined elsewhere. */
  enrichOnly: boolean;
  line: number;
  /** The section the candidate sits in, where the scheme's own rules are written too. */
  section?: Section;
}

const contextMemo = new WeakMap<Section, boolean>();

function inSeverityContext(s: Section): boolean {
  const hit = contextMemo.get(s);
  if (hit !== undefined) return hit;
  const found = isKind(s.title, 'severity') || isKind(s.title, 'matrix') || (s.parent !== null && inSeverityContext(s.parent));
  contextMemo.set(s, found);
  return found;
}

function draft(label: string, n: LevelName, line: number): LevelDraft {
  return {
    label,
    code: n.code,
    name: n.name,
    number: n.number,
    strong: n.strong,
    description: '',
    examples: [],
    responseSla: null,
    resolutionSla: null,
    notify: [],
    line,
  };
}

function acceptable(names: ReadonlyArray<LevelName | undefined>, context: boolean): boolean {
  const hits = names.filter((n): n is LevelName => n !== undefined);
  if (hits.length < 2 || hits.length * 2 < names.length) return false;
  return context || hits.filter((n) => n.strong).length * 2 > hits.length;
}

/** Reads the blocks under a level (its heading section or its list item) into the draft. */
function fillFromBlocks(d: LevelDraft, blocks: readonly RootContent[], ctx: ImportContext): void {
  let pending: string | undefined;
  for (const block of blocks) {
    if (block.type === 'paragraph') {
      for (const line of paragraphLines(block)) {
        const f = fieldOf(line, true);
        if (f && f.value === '') pending = f.label;
        else if (f && applyLevelField(d, f.label, f.value)) pending = undefined;
        else d.description = appendText(d.description, stripMarks(line));
      }
      ctx.consume(block);
    } else if (block.type === 'list') {
      fillFromList(d, block, pending, ctx);
      pending = undefined;
    }
  }
}

function fillFromList(d: LevelDraft, list: List, pending: string | undefined, ctx: ImportContext): void {
  const target = pending === undefined ? undefined : fieldTarget(pending);
  for (const item of list.children) {
    const text = itemText(item);
    const f = fieldOf(itemFirstLine(item), true);
    if (target === 'notify') d.notify.push(text);
    else if (target === 'description') d.description = appendText(d.description, text);
    else if (target === 'examples' || target === undefined || target === 'other') {
      if (target === undefined && f && f.value !== '' && fieldTarget(f.label) !== 'other') applyLevelField(d, f.label, f.value);
      else d.examples.push(text);
    } else applyLevelField(d, pending ?? '', text);
    ctx.consumeDeep(item);
  }
  ctx.consume(list);
}

function itemParagraph(item: ListItem): Paragraph | undefined {
  const first = item.children[0];
  return first?.type === 'paragraph' ? first : undefined;
}

function itemFirstLine(item: ListItem): string {
  const p = itemParagraph(item);
  return p ? (paragraphLines(p)[0] ?? '') : '';
}

function itemText(item: ListItem): string {
  const p = itemParagraph(item);
  return p ? plainText(p) : '';
}

function fromHeadings(s: Section, ctx: ImportContext): Candidate | undefined {
  const names = s.children.map((c) => parseLevelName(c.title));
  if (!acceptable(names, inSeverityContext(s) || s.children.some((c) => inSeverityContext(c)))) return undefined;
  const levels: LevelDraft[] = [];
  const tokens: object[] = [];
  s.children.forEach((c, i) => {
    const n = names[i];
    if (!n || !c.heading) return;
    const d = draft(c.title, n, c.line);
    fillFromBlocks(d, [...c.blocks, ...c.children.flatMap((g) => g.blocks)], ctx);
    inlineSlas(d, d.description);
    levels.push(d);
    tokens.push(c.heading, ...c.children.map((g) => g.heading).filter((h): h is RootContent => h !== null));
  });
  return { levels, tokens, enrichOnly: false, line: s.line };
}

// "**SEV-1 (Critical)**: Data breach" or "P1 - High: ..." as list items.
function levelOfItem(item: ListItem): { label: string; value: string; n: LevelName } | undefined {
  const line = itemFirstLine(item);
  const f = fieldOf(line);
  if (f) {
    const n = parseLevelName(f.label);
    return n ? { label: f.label, value: f.value, n } : undefined;
  }
  const plain = squash(stripMarks(line));
  const m = /^(.{1,50}?)\s*(?::|\s[-–—]\s)\s*(.*)$/.exec(plain);
  const label = m ? (m[1] ?? '') : plain;
  const n = parseLevelName(label);
  return n ? { label, value: m ? (m[2] ?? '') : '', n } : undefined;
}

function fromList(list: List, context: boolean, ctx: ImportContext): Candidate | undefined {
  // Most lists are not level lists: stop reading items once fewer than half could be levels.
  const total = list.children.length;
  const parsed: ReturnType<typeof levelOfItem>[] = [];
  let misses = 0;
  for (const item of list.children) {
    const p = levelOfItem(item);
    if (!p && (total - ++misses) * 2 < total) return undefined;
    parsed.push(p);
  }
  if (!acceptable(parsed.map((p) => p?.n), context)) return undefined;
  const levels: LevelDraft[] = [];
  const tokens: object[] = [list];
  list.children.forEach((item, i) => {
    const p = parsed[i];
    if (!p) return;
    const d = draft(p.label, p.n, lineOf(item));
    d.description = p.value;
    const para = itemParagraph(item);
    const restLines = para ? paragraphLines(para).slice(1) : [];
    for (const line of restLines) {
      const f = fieldOf(line, true);
      if (!(f && applyLevelField(d, f.label, f.value))) d.description = appendText(d.description, stripMarks(line));
    }
    fillFromBlocks(d, item.children.slice(1), ctx);
    inlineSlas(d, d.description);
    levels.push(d);
    tokens.push(item);
    if (para) tokens.push(para);
  });
  return { levels, tokens, enrichOnly: false, line: lineOf(list) };
}

function fromTable(t: SimpleTable, context: boolean): Candidate | undefined {
  if (t.rows.length < 2) return undefined;
  const headerCtx = context || t.header.some((h) => /\b(level|severity|sev|priority)\b/i.test(h));
  let labelCol = findColumn(t.header, /^(level|severity|sev|priority|severity level|priority level|name)$/i);
  if (labelCol < 0) labelCol = 0;
  const names = t.rows.map((r) => parseLevelName(r.cells[labelCol] ?? ''));
  if (!acceptable(names, headerCtx)) return undefined;
  // A table of findings (or alerts, or controls) with a Severity column rates things; it does
  // not define levels: its first column names other things, and levels repeat down the rows.
  const firstNames = t.rows.map((r) => parseLevelName(r.cells[0] ?? ''));
  if (labelCol > 0 && firstNames.filter((n) => n !== undefined).length * 2 < t.rows.length) return undefined;
  if (repeats(names)) return undefined;
  // A table whose other cells are level codes too is an impact x urgency grid, not a definition.
  const otherCodes = t.rows.flatMap((r) => r.cells.filter((_, i) => i !== labelCol)).filter((c) => parseLevelName(c)?.strong);
  if (otherCodes.length >= t.rows.length) return undefined;
  const enrichOnly = /\b(scenario|situation|event|condition|trigger|symptom|indicator|case)\b/i.test(t.header[labelCol] ?? '');
  const used = new Set<number>([labelCol]);
  const col = (re: RegExp): number => {
    const i = findColumn(t.header, re, used);
    if (i >= 0) used.add(i);
    return i;
  };
  const pairCol = col(/respon\w*\s*(\/|&|and)\s*resol|sla\s*\(.*\/.*\)/i);
  const exampleCol = col(/example/i);
  const responseCol = col(/respon|acknowledg|\back\b|reaction|engage|time to respond/i);
  const resolutionCol = col(/resol|restor|fix|mitigat|remediat/i);
  const slaCol = col(/\bsla\b|target|deadline/i);
  const notifyCol = col(/escalat|notif|notify|contact|\bpage\b|paging|inform|who\b|stakeholder|communicat/i);
  const descCol = col(/desc|defin|meaning|impact|criteria|summary|\btype\b|characteristic|condition|what|scope/i);
  const nameCol = col(/^(label|title|name|category)$/i);
  t.header.forEach((h, i) => {
    if (!used.has(i) && h !== '') used.add(i);
  });
  const unmapped = t.header.filter((h, i) => ![labelCol, pairCol, exampleCol, responseCol, resolutionCol, slaCol, notifyCol, descCol, nameCol].includes(i) && h !== '');
  const levels: LevelDraft[] = [];
  const tokens: object[] = [t.node];
  t.rows.forEach((row, ri) => {
    const n = names[ri];
    if (!n) return;
    const cell = (i: number): string => (i >= 0 ? (row.cells[i] ?? '') : '');
    const d = draft(cell(labelCol), n, row.line);
    if (nameCol >= 0 && d.name === '') d.name = cell(nameCol);
    d.description = cell(descCol);
    for (const i of t.header.map((_, i) => i)) {
      if (unmapped.includes(t.header[i] ?? '') && cell(i) !== '') d.description = appendText(d.description, `${t.header[i]}: ${cell(i)}.`);
    }
    if (exampleCol >= 0 && cell(exampleCol) !== '') d.examples.push(cell(exampleCol));
    if (pairCol >= 0) [d.responseSla, d.resolutionSla] = parseSlaPair(cell(pairCol));
    if (responseCol >= 0) d.responseSla = parseSla(cell(responseCol));
    if (resolutionCol >= 0) d.resolutionSla = parseSla(cell(resolutionCol));
    if (slaCol >= 0) {
      const [r, s] = parseSlaPair(cell(slaCol));
      d.responseSla = d.responseSla ?? r;
      d.resolutionSla = d.resolutionSla ?? s;
    }
    if (notifyCol >= 0 && cell(notifyCol) !== '') d.notify.push(...cell(notifyCol).split(/\s*,\s*|\s*;\s*/).filter((x) => x !== ''));
    inlineSlas(d, d.description);
    levels.push(d);
    tokens.push(row.token);
  });
  return { levels, tokens, enrichOnly, line: t.line };
}

// "`sev <Critical, Major, Trivial>`": the levels a chat-bot command accepts.
const COMMAND_LEVELS = /\b(?:sev(?:erity)?|priority|prio)\b\s*[<[({]\s*([A-Za-z0-9 ,|/-]{3,80})\s*[>\])}]/i;

function fromCommand(p: Paragraph): Candidate | undefined {
  const text = plainText(p);
  const m = COMMAND_LEVELS.exec(text);
  if (!m) return undefined;
  const parts = (m[1] ?? '').split(/\s*[,|/]\s*/).filter((x) => x !== '');
  const names = parts.map((x) => parseLevelName(x));
  if (parts.length < 2 || names.some((n) => n === undefined)) return undefined;
  const levels = parts.flatMap((x, i) => {
    const n = names[i];
    return n ? [draft(x, n, lineOf(p))] : [];
  });
  return { levels, tokens: [], enrichOnly: false, line: lineOf(p) };
}

function commandInList(list: List): Candidate | undefined {
  for (const item of list.children) {
    for (const c of item.children) {
      const hit = c.type === 'paragraph' ? fromCommand(c) : c.type === 'list' ? commandInList(c) : undefined;
      if (hit) return hit;
    }
  }
  return undefined;
}

// "**Severity Levels:** SEV1 (Critical), SEV2 (High)" as one line of a paragraph.
function fromLine(p: Paragraph): Candidate | undefined {
  for (const line of paragraphLines(p)) {
    const f = fieldOf(line, true);
    if (!f || !/severit|levels?|priorit|\bsev\b|classification/i.test(f.label)) continue;
    const parts: string[] = [];
    let depth = 0;
    let cur = '';
    for (const ch of f.value) {
      if (ch === '(' || ch === '[') depth++;
      if (ch === ')' || ch === ']') depth = Math.max(0, depth - 1);
      if ((ch === ',' || ch === ';' || ch === '|') && depth === 0) {
        parts.push(cur.trim());
        cur = '';
      } else cur += ch;
    }
    parts.push(cur.trim());
    const names = parts.map((x) => parseLevelName(x));
    if (!acceptable(names, true)) continue;
    const levels = parts.flatMap((x, i) => {
      const n = names[i];
      return n ? [draft(x, n, lineOf(p))] : [];
    });
    return { levels, tokens: [], enrichOnly: false, line: lineOf(p) };
  }
  return undefined;
}

/** Levels written more than once (HIGH, HIGH, MEDIUM...) are ratings of things, not a scheme. */
function repeats(names: ReadonlyArray<LevelName | undefined>): boolean {
  const codes = names.filter((n): n is LevelName => n !== undefined).map((n) => codeId(n.code));
  return new Set(codes).size * 4 < codes.length * 3;
}

function dedupe(levels: LevelDraft[]): LevelDraft[] {
  const byId = new Map<string, LevelDraft>();
  for (const l of levels) {
    const prev = byId.get(codeId(l.code));
    if (!prev) byId.set(codeId(l.code), l);
    else {
      prev.description ||= l.description;
      for (const e of l.examples) if (!prev.examples.includes(e)) prev.examples.push(e);
      prev.responseSla ??= l.responseSla;
      prev.resolutionSla ??= l.resolutionSla;
      for (const n of l.notify) if (!prev.notify.includes(n)) prev.notify.push(n);
    }
  }
  return [...byId.values()];
}

const RULE_WORDS = /\b\d+\s*(minutes?|mins?|hours?|hrs?|days?)\b|\b(within|every)\s+(an?|one|two|three|four|\d+)?\s*(minutes?|mins?|hours?|hrs?|days?|business days?)\b|\ball (incidents|levels|severities|priorities)\b|\bregardless of (the )?(severity|priority|level)\b/i;

/** Sentences next to the scheme that apply to all of it: kept as notes, not forced into a level. */
function schemeNotes(section: Section | undefined, ctx: ImportContext): string[] {
  if (!section) return [];
  const notes: string[] = [];
  for (const b of section.blocks) {
    if (ctx.isConsumed(b)) continue;
    if (b.type === 'paragraph') {
      const text = plainText(b);
      if (RULE_WORDS.test(text) && text.length <= 600) {
        notes.push(text);
        ctx.consume(b);
      }
    } else if (b.type === 'list' && b.children.every((i) => RULE_WORDS.test(plainText(i)))) {
      for (const i of b.children) notes.push(plainText(i));
      ctx.consumeDeep(b);
    }
  }
  return notes.slice(0, 20);
}

function score(c: Candidate): number {
  const filled = c.levels.reduce(
    (a, l) =>
      a + (l.description ? 1 : 0) + (l.examples.length ? 1 : 0) + (l.responseSla ? 1 : 0) + (l.resolutionSla ? 1 : 0) + (l.notify.length ? 1 : 0),
    0,
  );
  return c.levels.length * 10 + filled;
}

function rankLevels(levels: LevelDraft[]): LevelDraft[] {
  const byNumber = levels.every((l) => l.number !== undefined) && new Set(levels.map((l) => l.number)).size === levels.length;
  const words = levels.map((l) => wordRank(l.name) ?? wordRank(l.code));
  const byWord = words.every((w) => w !== undefined) && new Set(words).size === levels.length;
  const indexed = levels.map((l, i) => ({ l, i, w: words[i] ?? 0 }));
  if (byNumber) {
    const sorted = [...indexed].sort((a, b) => (a.l.number ?? 0) - (b.l.number ?? 0));
    const first = sorted[0];
    const last = sorted[sorted.length - 1];
    // "Level 4 (Critical) ... Level 1 (Low)": numbering runs the other way.
    if (byWord && first && last && first.w > last.w) return [...indexed].sort((a, b) => a.w - b.w).map((x) => x.l);
    return sorted.map((x) => x.l);
  }
  if (byWord) return [...indexed].sort((a, b) => a.w - b.w).map((x) => x.l);
  return levels;
}

function enrich(target: LevelDraft[], c: Candidate, ctx: ImportContext): boolean {
  const byId = new Map(target.map((l) => [codeId(l.code), l]));
  let hit = false;
  c.levels.forEach((src, i) => {
    const dst = byId.get(codeId(src.code));
    if (!dst) return;
    hit = true;
    dst.description ||= src.description;
    if (dst.examples.length === 0) dst.examples = src.examples;
    dst.responseSla ??= src.responseSla;
    dst.resolutionSla ??= src.resolutionSla;
    for (const n of src.notify) if (!dst.notify.includes(n)) dst.notify.push(n);
    const token = c.tokens[i + 1];
    if (token) ctx.consume(token);
  });
  return hit;
}

/** Finds the severity scheme wherever and however the playbook writes it. */
export interface SeverityResult {
  levels: SeverityLevel[];
  notes: string[];
}

export function extractSeverities(outline: Section, ctx: ImportContext): SeverityResult {
  const candidates: Candidate[] = [];
  // Extraction marks blocks consumed as it reads them; a scratch context keeps losers unmarked.
  const scratch = new Map<Candidate, ImportContext>();
  for (const s of walkSections(outline)) {
    const context = inSeverityContext(s);
    const local = ctx.fork();
    const h = fromHeadings(s, local);
    if (h) h.section = s;
    if (h) {
      candidates.push(h);
      scratch.set(h, local);
    }
    for (const b of s.blocks) {
      const blockLocal = ctx.fork();
      let c: Candidate | undefined;
      const t = tableOf(b);
      if (t) c = fromTable(t, context);
      else if (b.type === 'list') c = fromList(b, context, blockLocal) ?? commandInList(b);
      else if (b.type === 'paragraph') c = fromLine(b) ?? fromCommand(b);
      if (c) {
        c.section = s;
        candidates.push(c);
        scratch.set(c, blockLocal);
      }
    }
  }
  const defining = candidates.filter((c) => !c.enrichOnly);
  const ranked = [...defining].sort((a, b) => score(b) - score(a) || a.line - b.line);
  // Candidates naming other levels than the first are real alternatives: the reader may switch.
  const distinct: Candidate[] = [];
  for (const c of ranked) {
    const ids = new Set(c.levels.map((l) => codeId(l.code)));
    if (!distinct.some((d) => d.levels.length === ids.size && d.levels.every((l) => ids.has(codeId(l.code))))) distinct.push(c);
  }
  let best = ranked[0];
  if (distinct.length >= 2) {
    const label = (c: Candidate) => `${dedupe([...c.levels]).map((l) => l.code).join(', ')} (line ${c.line})`;
    const chosen = ctx.decide(
      {
        id: 'severity-scheme',
        question: 'Which levels are the severity scheme?',
        line: best?.line ?? 1,
        options: [...distinct.slice(0, 8).map((c) => ({ value: `line-${c.line}`, label: label(c), line: c.line })), { value: 'none', label: 'None: this document defines no severity scheme', line: 0 }],
      },
      `line-${best?.line ?? 0}`,
    );
    best = chosen === 'none' ? undefined : (distinct.find((c) => `line-${c.line}` === chosen) ?? best);
  }
  if (!best) return { levels: [], notes: [] };
  const levels = dedupe(best.levels);
  ctx.consume(...best.tokens);
  ctx.absorb(scratch.get(best) ?? ctx.fork());
  for (const c of candidates) {
    if (c === best) continue;
    const overlap = c.levels.filter((l) => levels.some((x) => codeId(x.code) === codeId(l.code))).length;
    if (overlap === 0) continue;
    if (c.enrichOnly) {
      enrich(levels, c, ctx);
      continue;
    }
    if (overlap * 2 >= c.levels.length && enrich(levels, c, ctx)) {
      ctx.consume(...c.tokens);
      ctx.absorb(scratch.get(c) ?? ctx.fork());
    }
  }
  const keys = new KeyAllocator('level');
  const notes = schemeNotes(best.section, ctx);
  const ranked2 = rankLevels(levels).map((l, i) => ({
    key: keys.next(l.code),
    label: l.label,
    code: l.code,
    name: l.name,
    rank: i + 1,
    description: l.description,
    examples: l.examples,
    responseSla: l.responseSla,
    resolutionSla: l.resolutionSla,
    notify: l.notify,
  }));
  return { levels: ranked2, notes };
}
