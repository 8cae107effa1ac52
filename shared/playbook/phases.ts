import type { Code, List } from './mdast';
import type { ImportContext } from './context';
import { fieldOf, labelOf, paragraphLines, stripNumbering, squash, stripMarks } from './markdown';
import type { Phase } from './model';
import { emptyBody, readPhaseSection, type ItemDraft, type PhaseBody, type RoleDraft } from './items';
import { walkSections, type Section } from './sections';
import { KeyAllocator } from './slug';
import { findColumn, tableOf, type SimpleTable } from './tables';
import { EXPLICIT_PHASE, PHASE_CONTAINER, phaseFamily, sectionKind, type PhaseFamily } from './vocab';

interface PhaseDraft extends PhaseBody {
  name: string;
  family: PhaseFamily | undefined;
  line: number;
}

const NOT_PHASE_KINDS = new Set(['severity', 'matrix', 'templates', 'contacts', 'roles', 'scenarios', 'compliance', 'references']);

const namedMemo = [new WeakMap<Section, boolean>(), new WeakMap<Section, boolean>()];

function isPhaseSection(s: Section, inContainer: boolean): boolean {
  const memo = namedMemo[inContainer ? 1 : 0];
  const hit = memo?.get(s);
  if (hit !== undefined) return hit;
  const out = isPhaseSectionUncached(s, inContainer);
  memo?.set(s, out);
  return out;
}

function isPhaseSectionUncached(s: Section, inContainer: boolean): boolean {
  if (EXPLICIT_PHASE.test(s.title)) return true;
  const family = phaseFamily(s.name);
  if (!family) return false;
  const kind = VERB_NOT_NOUN.test(s.name.trim()) ? undefined : sectionKind(s.name);
  if (kind && NOT_PHASE_KINDS.has(kind)) return false;
  return family !== 'communication' || inContainer;
}

// Sections that are never lifecycle steps, whatever their neighbours are.
const NOT_STEP = /\b(retention|records management|appendix|glossary|definitions?|tools?|resources|recommendations|further reading|prerequisites?|permissions?|references?|related|links?|about|overview|introduction|scope|purpose|summary|background|faq|contributing|licen[cs]e|changelog|revision|history|metadata|document control|version|backlog|disclaimer|notices?|testing|maintenance|training|awareness)\b/i;

// "Contact the user", "Notify regulators": a step, though its words name a contacts section.
const VERB_NOT_NOUN = /^(contact|notify|escalate|inform|call|page)(\s+(the|a|an|your|our|to|all|affected|relevant|stakeholders|users?|customers?|regulators?|law|legal)\b|$)/i;

const OBJECT_WORD = /^(the|a|an|your|our|their|all|any|each|every|affected|relevant|impacted|compromised|suspicious|incident|with|to|if|for|on|in|up|down|out|off|stakeholders|users?|customers?|regulators?|law|legal|it|them|whether)$/i;

/** "Form an incident response team", "Did the user select links?": a step, whatever its nouns suggest. */
function clearlyStep(title: string): boolean {
  const t = stripNumbering(title).trim();
  if (/\?\s*$/.test(t)) return true;
  const [first = '', second = ''] = t.split(/\s+/);
  return STEP_VERBS.has(first.toLowerCase()) && OBJECT_WORD.test(second);
}

const excludedMemo = new WeakMap<Section, boolean>();

function excluded(s: Section): boolean {
  const hit = excludedMemo.get(s);
  if (hit !== undefined) return hit;
  const out = excludedUncached(s);
  excludedMemo.set(s, out);
  return out;
}

function excludedUncached(s: Section): boolean {
  const kind = VERB_NOT_NOUN.test(s.name.trim()) ? undefined : sectionKind(s.name);
  if (clearlyStep(s.title) && kind !== 'severity' && kind !== 'matrix') return false;
  return (kind !== undefined && NOT_PHASE_KINDS.has(kind)) || kind === 'overview' || NOT_STEP.test(s.name);
}

// The first words of a step heading: imperative verbs ("Isolate the pod", "Fixing the problem")
// and times ("Once the incident is resolved", "While it is in progress").
const STEP_VERBS = new Set(
  'identify isolate revoke cordon enable disable label capture confirm declare fix end notify contact create establish inform form assemble name monitor collect analyze analyse update deploy iterate choose execute communicate share escalate review document close restore rotate block reset preserve verify check run start stop open assign set send report triage assess investigate contain eradicate recover prepare protect detect remove delete back snapshot gather determine decide engage page call brief track schedule hold conduct write publish follow prioritise prioritize define develop resolve mitigate remediate evaluate validate test lock quarantine terminate kill shut scan search hunt image acquire initiate invite mobilise mobilize coordinate draft agree hand handover transfer wrap clean rebuild reimage patch harden apply secure stabilise stabilize diagnose troubleshoot interview inventory map ensure keep get take make do tell ask let provide start'.split(' '),
);
const TEMPORAL = /^(once|while|when|after|before|during|upon|if|at the end|at the start|immediately)\b/i;

function stepLike(title: string): boolean {
  const t = stripNumbering(title).trim();
  // "Did the user open the email?": investigation steps are often written as questions.
  if (TEMPORAL.test(t) || /\?\s*$/.test(t)) return true;
  const first = (/^[A-Za-z]+/.exec(t)?.[0] ?? '').toLowerCase();
  const stem = first.replace(/ing$/, '');
  return STEP_VERBS.has(first) || STEP_VERBS.has(stem) || STEP_VERBS.has(`${stem}e`) || STEP_VERBS.has(stem.replace(/(.)\1$/, '$1'));
}

function hasContent(s: Section): boolean {
  return s.blocks.some((b) => b.type === 'list' || b.type === 'code' || b.type === 'table' || b.type === 'paragraph') || s.children.length > 0;
}

/**
 * Sibling sections of which at least two name lifecycle phases: this level is the lifecycle.
 * With a context, each sibling that is not named as a phase is a recorded choice (phase or
 * not), which the reader can flip on the review screen.
 */
function phaseLevel(s: Section, inContainer: boolean, ctx?: ImportContext): Section[] | undefined {
  const kids = s.children.filter((c) => c.heading && !excluded(c));
  const named = kids.filter((c) => isPhaseSection(c, inContainer || kids.length > 1));
  if (named.length < 2) return undefined;
  // Neighbours of named phases are steps of the same lifecycle ("Contact" between "Investigate"
  // and "Followup", "Initiate Response" after "Assess").
  let steps = kids.filter((c) => named.includes(c) || (hasContent(c) && stepLike(c.title)));
  // When nearly every sibling is a step, the few noun-titled ones ("URL reputation") are steps too.
  const questions = steps.filter((c) => /\?\s*$/.test(c.title)).length;
  if (kids.length >= 6 && questions >= 2 && steps.length * 3 >= kids.length * 2) steps = kids.filter((c) => steps.includes(c) || hasContent(c));
  if (!ctx) return steps;
  return kids.filter((c) => {
    if (named.includes(c)) return true;
    if (!hasContent(c)) return false;
    const guess = steps.includes(c) ? 'phase' : 'not-phase';
    const answer = ctx.decide(
      {
        id: `phase-${c.line}`,
        question: `Is “${c.title}” a phase?`,
        line: c.line,
        options: [
          { value: 'phase', label: 'A phase of the response', line: c.line },
          { value: 'not-phase', label: 'Not a phase', line: c.line },
        ],
      },
      guess,
    );
    return answer === 'phase';
  });
}

const holds = new WeakMap<Section, boolean>();

/** A phase-named section that itself holds a lifecycle ("Response" over Contain/Eradicate/Recover). */
function holdsLifecycle(s: Section): boolean {
  const hit = holds.get(s);
  if (hit !== undefined) return hit;
  const found = phaseLevel(s, true) !== undefined || s.children.some((c) => holdsLifecycle(c));
  holds.set(s, found);
  return found;
}

function discover(s: Section, inContainer: boolean, out: Section[], ctx: ImportContext): void {
  const level = phaseLevel(s, inContainer, ctx);
  if (level && !(s.parent === null && level.length === 1)) {
    for (const c of level) {
      if (holdsLifecycle(c) && !isPhaseSection(c, true)) discover(c, true, out, ctx);
      else out.push(c);
    }
    return;
  }
  for (const c of s.children) {
    if (excluded(c) && !isPhaseSection(c, inContainer)) continue;
    if (isPhaseSection(c, inContainer) && !holdsLifecycle(c)) out.push(c);
    else discover(c, PHASE_CONTAINER.test(c.title), out, ctx);
  }
}

function draftFromSection(s: Section, ctx: ImportContext): PhaseDraft {
  const body = emptyBody();
  if (s.heading) ctx.consume(s.heading);
  readPhaseSection(s, body, ctx);
  return { ...body, name: s.name, family: phaseFamily(s.name), line: s.line };
}

/** A "Phase | Description | Team" table: the lifecycle in one place. */
function lifecycleTable(t: SimpleTable): boolean {
  if (t.rows.length < 2 || t.header.length < 2) return false;
  const families = t.rows.filter((r) => phaseFamily(r.cells[0] ?? '') !== undefined).length;
  if (/^(phases?|stages?|steps?|lifecycle( stage| phase)?)$/i.test(t.header[0] ?? '')) return families * 2 >= t.rows.length;
  return t.rows.length >= 3 && families * 5 >= t.rows.length * 4 && /phase|stage|step|activit/i.test(t.header.join(' '));
}

function draftsFromTable(t: SimpleTable, ctx: ImportContext): PhaseDraft[] {
  const skip = new Set([0]);
  const goalCol = findColumn(t.header, /desc|goal|objective|purpose|activit|summary|what|action|key steps/i, skip);
  const ownerCol = findColumn(t.header, /team|owner|responsible|role|who|lead|accountable/i, skip);
  ctx.consume(t.node);
  return t.rows.map((r) => {
    ctx.consume(r.token);
    const name = stripNumbering(r.cells[0] ?? '') || (r.cells[0] ?? '');
    const goal = goalCol >= 0 ? (r.cells[goalCol] ?? '') : '';
    const owner = ownerCol >= 0 ? r.cells[ownerCol] || null : null;
    const extra = r.cells.flatMap((c, i) => (i === 0 || i === goalCol || i === ownerCol || c === '' ? [] : [`${t.header[i] ?? ''}: ${c}`]));
    return { ...emptyBody(), name, goal, owner, description: extra.join(' '), family: phaseFamily(name), line: r.line };
  });
}

/** "1. **Preparation**" with nested steps, when a playbook lists its phases as a list. */
function draftsFromList(list: List, ctx: ImportContext): PhaseDraft[] | undefined {
  const labels = list.children.map((i) => {
    const p = i.children[0];
    if (p?.type !== 'paragraph') return undefined;
    const first = paragraphLines(p)[0] ?? '';
    const f = fieldOf(first);
    return f ? f.label : labelOf(p);
  });
  const fam = labels.filter((l) => l !== undefined && phaseFamily(l) !== undefined).length;
  if (fam < 3 || fam * 3 < list.children.length * 2) return undefined;
  const out: PhaseDraft[] = [];
  list.children.forEach((item, i) => {
    const label = labels[i];
    if (!label) return;
    const sub: Section = {
      title: label,
      name: stripNumbering(label),
      depth: 9,
      line: item.position?.start.line ?? 1,
      heading: null,
      blocks: item.children.slice(1),
      children: [],
      parent: null,
    };
    const body = emptyBody();
    const p = item.children[0];
    if (p?.type === 'paragraph') {
      const f = fieldOf(paragraphLines(p)[0] ?? '');
      if (f && f.value !== '') body.goal = f.value;
      ctx.consume(p);
    }
    ctx.consume(item);
    readPhaseSection(sub, body, ctx);
    out.push({ ...body, name: sub.name, family: phaseFamily(sub.name), line: sub.line });
  });
  ctx.consume(list);
  return out;
}

function merge(into: PhaseDraft, from: PhaseDraft): void {
  into.items.push(...from.items);
  into.roles.push(...from.roles);
  if (into.goal === '') into.goal = from.goal;
  into.description = [into.description, from.goal && from.goal !== into.goal ? from.goal : '', from.description].filter((x) => x !== '').join(' ');
  into.owner ??= from.owner;
}

function sameName(a: string, b: string): boolean {
  const n = (s: string): string => s.toLowerCase().replace(/[^a-z]/g, '');
  return n(a) === n(b) || n(a).startsWith(n(b)) || n(b).startsWith(n(a));
}

// With no lifecycle headings at all, a section whose body is a task list still is a checklist.
function checklistSections(outline: Section, ctx: ImportContext): Section[] {
  const out: Section[] = [];
  for (const s of walkSections(outline)) {
    if (!s.heading) continue;
    const kind = sectionKind(s.name);
    if (kind && NOT_PHASE_KINDS.has(kind)) continue;
    const hasTasks = s.blocks.some((b) => !ctx.isConsumed(b) && b.type === 'list' && b.children.some((i) => i.checked !== null && i.checked !== undefined));
    if (hasTasks && !out.some((o) => isAncestor(o, s))) out.push(s);
  }
  return out;
}

function isAncestor(a: Section, b: Section): boolean {
  for (let p = b.parent; p; p = p.parent) if (p === a) return true;
  return false;
}

export interface PhaseResult {
  phases: Phase[];
  roles: RoleDraft[];
  /** Which phase each command's code block belongs to, to link actions back. */
  codePhase: Map<Code, string>;
}

export function extractPhases(outline: Section, ctx: ImportContext, actionKeyOf: (c: Code) => string | undefined): PhaseResult {
  const sections: Section[] = [];
  discover(outline, false, sections, ctx);
  let tableDrafts: PhaseDraft[] = [];
  for (const s of walkSections(outline)) {
    for (const b of s.blocks) {
      const t = tableOf(b);
      if (t && !ctx.isConsumed(b) && lifecycleTable(t) && tableDrafts.length === 0) tableDrafts = draftsFromTable(t, ctx);
    }
  }
  // A lifecycle written as one list ("- **1. Preparation:**" with nested steps) is the phases
  // when there are no phase headings, or fewer of them than the list names.
  const listCtx = ctx.fork();
  let listDrafts: PhaseDraft[] = [];
  if (tableDrafts.length === 0) {
    for (const s of walkSections(outline)) {
      for (const b of s.blocks) {
        if (listDrafts.length === 0 && b.type === 'list' && !ctx.isConsumed(b)) listDrafts = draftsFromList(b, listCtx) ?? [];
      }
    }
  }
  const listWins = listDrafts.length >= 3 && sections.length < 3;
  let drafts: PhaseDraft[] = [...tableDrafts];
  for (const s of listWins ? [] : sections) {
    const d = draftFromSection(s, ctx);
    const target =
      drafts.find((x) => sameName(x.name, d.name)) ??
      (tableDrafts.length > 0 && d.family ? tableDrafts.find((x) => x.family === d.family) : undefined);
    if (target) merge(target, d);
    else drafts.push(d);
  }
  if (listDrafts.length > 0 && (listWins || drafts.length === 0)) {
    drafts = listDrafts;
    ctx.absorb(listCtx);
  }
  if (drafts.length === 0) drafts = checklistSections(outline, ctx).map((s) => draftFromSection(s, ctx));
  // A lifecycle row with nothing merged into it still names one thing to do.
  for (const d of drafts) {
    if (d.items.length === 0 && d.goal !== '') d.items.push({ text: d.goal, role: d.owner, code: null, details: [] });
    // A step written as prose ("The first person to spot it becomes the incident lead...") is
    // still one thing to do: its first sentence, the rest as detail.
    else if (d.items.length === 0 && d.description !== '') {
      const [first = d.description, ...rest] = d.description.split(/(?<=[.!?])\s+(?=[A-Z])/);
      d.items.push({ text: first, role: d.owner, code: null, details: rest.length > 0 ? [rest.join(' ')] : [] });
    }
  }
  return finish(drafts, actionKeyOf);
}

function finish(drafts: PhaseDraft[], actionKeyOf: (c: Code) => string | undefined): PhaseResult {
  const phaseKeys = new KeyAllocator('phase');
  const codePhase = new Map<Code, string>();
  const roles: RoleDraft[] = [];
  const phases = drafts.map((d) => {
    const key = phaseKeys.next(d.name);
    const itemKeys = new KeyAllocator('item');
    roles.push(...d.roles);
    const items = d.items
      .filter((i: ItemDraft) => i.text.trim() !== '')
      .map((i) => {
        if (i.code) codePhase.set(i.code, key);
        const actionKey = i.code ? (actionKeyOf(i.code) ?? null) : null;
        // Reference code that is not a command (YAML rules, SQL) stays with its step.
        const code = i.code && !actionKey ? [i.code.value] : [];
        return {
          key: itemKeys.next(i.text),
          text: squash(stripMarks(i.text)),
          role: i.role,
          actionKey,
          details: [...i.details.filter((x) => x !== ''), ...code],
        };
      });
    return { key, name: d.name, goal: d.goal, description: d.description, owner: d.owner, items };
  });
  return { phases, roles, codePhase };
}
