import type { EventKind } from '../events/kinds';
import type { EventView } from '../events/read-models';
import type { IncidentStatus } from '../events/primitives';
import { isLive, type LiveEventOf, type LiveEventView } from '../events/views';
import { buildCorrectionIndex, redactionReason } from '../warroom/history';
import { describeEvent, formatBytes, phaseName, severityName } from '../warroom/timeline-filter';
import { formatTPlus } from '../warroom/elapsed';
import { code, duration, table, utc } from './format';
import { milestones } from './milestones';
import { recordIndex } from './record-index';
import type { PostmortemSource } from './source';

// The sections of a post-mortem that are facts from the record, each a pure function of the
// source. The templates (templates.ts) decide which of them a document holds and in what order.

const statusLabels: Record<IncidentStatus, string> = { active: 'Active', mitigated: 'Mitigated', resolved: 'Resolved', closed: 'Closed' };

export const prompt = (text: string) => `_${text}_`;

// Sections read the source through its index (record-index.ts): sorted once, each kind apart.
const live = (source: PostmortemSource, ...kinds: EventKind[]) => recordIndex(source).chronologicalOf(kinds, true) as readonly LiveEventView[];

/** When the document's story ends: resolution, else the last thing on the timeline. */
function endOf(source: PostmortemSource): { at: string; ongoing: boolean } {
  const m = milestones(source).milestones;
  if (m.resolved) return { at: m.resolved, ongoing: false };
  const last = recordIndex(source).chronological.at(-1);
  return { at: last?.effectiveOccurredAt ?? m.detected, ongoing: true };
}

// ---- impact ---------------------------------------------------------------------------------

export interface SeverityPeriod {
  severity: string | null;
  from: string;
  to: string;
  ms: number;
}

/** How long the incident spent at each severity, from detection to resolution (or the last event). */
export function severityPeriods(source: PostmortemSource): SeverityPeriod[] {
  const start = milestones(source).milestones.detected;
  const end = endOf(source).at;
  const calls: { at: string; severity: string | null }[] = [];
  for (const e of live(source, 'declared', 'severity_changed')) {
    if (e.kind === 'declared') calls.push({ at: start, severity: e.effectivePayload.severity ?? null });
    else if (e.kind === 'severity_changed') calls.push({ at: e.effectiveOccurredAt < start ? start : e.effectiveOccurredAt, severity: e.effectivePayload.severity });
  }
  calls.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const periods: SeverityPeriod[] = [];
  calls.forEach((c, i) => {
    const to = calls[i + 1]?.at ?? end;
    const ms = Math.max(0, Date.parse(to) - Date.parse(c.at));
    if (ms > 0 || i === calls.length - 1) periods.push({ severity: c.severity, from: c.at, to, ms });
  });
  return periods;
}

const stopWords = new Set(['follow-up', 'on-call', 'read-only', 'real-time', 'up-to-date', 'long-term', 'short-term', 'e-mail', 'sign-in', 'log-in', 'opt-in', 'so-called', 'well-known', 'self-service']);

/**
 * Systems the notes name: code spans (`checkout-api`), host names (db1.eu.example.com), IPv4
 * addresses and kebab-case names (checkout-api, eu-west). A heuristic, said so in the document:
 * the team keeps what is right.
 */
export function systemsNamed(source: PostmortemSource): { name: string; firstAt: string }[] {
  const found = new Map<string, string>();
  const add = (name: string, at: string) => {
    const n = name.trim();
    if (n.length < 3 || n.length > 80 || stopWords.has(n.toLowerCase())) return;
    if (!found.has(n)) found.set(n, at);
  };
  for (const e of live(source, 'note', 'inject')) {
    if (e.kind !== 'note' && e.kind !== 'inject') continue;
    const { text } = e.effectivePayload;
    // Each pattern needs its punctuation: most notes have none and are passed over at once.
    const ticks = text.includes('`');
    if (ticks) for (const m of text.matchAll(/`([^`\n]{1,80})`/g)) add(m[1] ?? '', e.effectiveOccurredAt);
    const plain = ticks ? text.replace(/`[^`\n]*`/g, ' ') : text;
    if (plain.includes('.')) {
      for (const m of plain.matchAll(/\b(?:\d{1,3}\.){3}\d{1,3}\b/g)) add(m[0], e.effectiveOccurredAt);
      for (const m of plain.matchAll(/\b[a-z][a-z0-9-]*(?:\.[a-z0-9-]*[a-z][a-z0-9-]*)+\b/gi)) add(m[0], e.effectiveOccurredAt);
    }
    if (plain.includes('-')) {
      for (const m of plain.matchAll(/\b[a-z][a-z0-9]*(?:-[a-z0-9]+)+\b/gi)) if (/[a-z]/i.test(m[0].split('-').at(-1) ?? '')) add(m[0].toLowerCase(), e.effectiveOccurredAt);
    }
  }
  // A host name that contains a shorter match (db1.eu.example.com holds example.com) is enough.
  const names = [...found.keys()];
  const dotted = names.filter((o) => o.includes('.'));
  return names.filter((n) => !dotted.some((o) => o !== n && o.includes(n))).map((name) => ({ name, firstAt: found.get(name) ?? '' }));
}

export function impactSection(source: PostmortemSource): string {
  const { milestones: m } = milestones(source);
  const end = m.resolved ?? m.contained;
  const { playbook } = source;
  const facts = [
    `- **Impact began:** ${utc(m.impactStart)}`,
    `- **Detected:** ${utc(m.detected)}`,
    `- **${m.resolved ? 'Resolved' : m.contained ? 'Contained' : 'Still ongoing'}:** ${utc(end)}`,
    end && m.impactStart ? `- **Duration of impact:** ${duration(Date.parse(end) - Date.parse(m.impactStart))}` : null,
    source.state.personalDataAt ? `- **Personal data involved:** yes, from ${utc(source.state.personalDataAt)}` : null,
    m.resolved === null && source.state.status === 'active' ? '- The incident was still active when this draft was written.' : null,
  ].filter((x): x is string => x !== null);
  const periods = severityPeriods(source);
  const ongoing = endOf(source).ongoing;
  const severityTable = periods.length
    ? table(
        ['Severity', 'From (UTC)', 'To (UTC)', 'Duration'],
        periods.map((p, i) => [p.severity ? severityName(p.severity, playbook) : 'not set', utc(p.from), ongoing && i === periods.length - 1 ? `${utc(p.to)} (still open)` : utc(p.to), duration(p.ms)]),
      )
    : prompt('No severity was ever set.');
  const systems = systemsNamed(source);
  const systemsText = systems.length
    ? `${table(['System', 'First named (UTC)'], systems.map((s) => [code(s.name), utc(s.firstAt)]))}\n\n${prompt('Found in the notes automatically: remove what is not a system, add what is missing.')}`
    : prompt('No system was named in the notes. List the affected systems here.');
  const counts = table(
    ['Measure', 'Count', 'Source'],
    [
      ['Users affected', prompt('to fill in'), prompt('how it was counted')],
      ['Accounts or tenants affected', prompt('to fill in'), prompt('how it was counted')],
      ['Records or files exposed', prompt('to fill in'), prompt('how it was counted')],
      ['Failed requests or transactions', prompt('to fill in'), prompt('how it was counted')],
    ],
  );
  return [
    facts.join('\n'),
    '### Time at each severity',
    severityTable,
    '### Systems named in the notes',
    systemsText,
    '### Counts',
    `${prompt('The record does not hold these: type them in, with where each figure comes from.')}\n\n${counts}`,
  ].join('\n\n');
}

export function keyFigures(source: PostmortemSource): string {
  const { milestones: m, durations: d } = milestones(source);
  return table(
    ['Milestone', 'When (UTC)', 'Duration'],
    [
      ['Impact began', utc(m.impactStart), '—'],
      ['Detected', utc(m.detected), `${duration(d.toDetect)} to detect`],
      ['Declared in Cordon', utc(m.declared), '—'],
      ['Acknowledged (commander took it)', utc(m.acknowledged), `${duration(d.toAcknowledge)} to acknowledge`],
      ['Contained (containment phase or mitigated)', utc(m.contained), `${duration(d.toContain)} to contain`],
      ['Resolved', utc(m.resolved), `${duration(d.toResolve)} to resolve`],
    ],
  );
}

// ---- responders ------------------------------------------------------------------------------

export interface RoleSpan {
  role: string;
  person: string;
  from: string;
  to: string | null;
}

/** Who held which role, from when to when (null: still holds it). */
export function roleSpans(source: PostmortemSource): RoleSpan[] {
  const spans: RoleSpan[] = [];
  const open = new Map<string, RoleSpan>();
  const take = (role: string, person: string | null, at: string) => {
    const current = open.get(role);
    if (current) {
      current.to = at;
      open.delete(role);
    }
    if (person) {
      const span = { role, person, from: at, to: null };
      spans.push(span);
      open.set(role, span);
    }
  };
  for (const e of live(source, 'declared', 'role_assigned')) {
    if (e.kind === 'declared' && e.effectivePayload.commander) take('commander', e.effectivePayload.commander, e.recordedAt);
    else if (e.kind === 'role_assigned') take(e.effectivePayload.role, e.effectivePayload.person, e.effectiveOccurredAt);
  }
  return spans;
}

/** Automatic actors (the exercise timer) are not responders. */
const automaticActors = new Set(['Exercise control']);
/** Writing about the incident afterwards is not responding to it. */
const reviewKinds = new Set(['postmortem_saved', 'postmortem_status', 'action_item_created', 'action_item_updated', 'document_exported', 'amend', 'redact']);

export function respondersSection(source: PostmortemSource): string {
  const { playbook } = source;
  const roleName = (key: string) => playbook?.roles.find((r) => r.key === key)?.name ?? (key === 'commander' ? 'Incident commander' : key);
  const spans = roleSpans(source);
  const people = new Map<string, { first: string; last: string; count: number }>();
  for (const e of recordIndex(source).chronological) {
    if (automaticActors.has(e.actor) || reviewKinds.has(e.kind)) continue;
    const seen = people.get(e.actor);
    if (seen) {
      seen.last = e.effectiveOccurredAt;
      seen.count++;
    } else people.set(e.actor, { first: e.effectiveOccurredAt, last: e.effectiveOccurredAt, count: 1 });
  }
  for (const s of spans) if (!people.has(s.person)) people.set(s.person, { first: s.from, last: s.from, count: 0 });
  if (people.size === 0) return prompt('No one is on the record.');
  const spansOf = new Map<string, RoleSpan[]>();
  for (const s of spans) spansOf.set(s.person, [...(spansOf.get(s.person) ?? []), s]);
  const rows = [...people.entries()].map(([person, p]) => {
    const roles = (spansOf.get(person) ?? []).map((s) => `${roleName(s.role)} from ${utc(s.from)}${s.to ? ` to ${utc(s.to)}` : ''}`).join('; ');
    return [person, roles || '—', p.count > 0 ? utc(p.first) : '—', p.count > 0 ? utc(p.last) : '—', String(p.count)];
  });
  const holders = new Map<string, number>();
  for (const s of spans) holders.set(s.role, (holders.get(s.role) ?? 0) + 1);
  const handovers = spans.filter((s) => (holders.get(s.role) ?? 0) > 1);
  const note = handovers.length ? `\n\n${[...new Set(handovers.map((h) => roleName(h.role)))].join(', ')} changed hands during the incident.` : '';
  return `${table(['Person', 'Roles (UTC)', 'First on the record', 'Last on the record', 'Events'], rows)}${note}`;
}

// ---- the story -------------------------------------------------------------------------------

export function severityHistory(source: PostmortemSource): string {
  const { playbook } = source;
  const rows: string[][] = [];
  for (const e of live(source, 'declared', 'severity_changed')) {
    if (e.kind === 'declared' && e.effectivePayload.severity) {
      rows.push([utc(e.effectiveOccurredAt), severityName(e.effectivePayload.severity, playbook), e.actor, 'Declared']);
    } else if (e.kind === 'severity_changed') {
      const { severity, reason = '', cell } = e.effectivePayload;
      rows.push([utc(e.effectiveOccurredAt), severityName(severity, playbook), e.actor, cell ? `${reason}${reason ? ' ' : ''}(matrix: ${cell.row} × ${cell.column})` : reason]);
    }
  }
  if (rows.length === 0) return prompt('No severity was ever set.');
  return table(['When (UTC)', 'Severity', 'By', 'Why'], rows);
}

export function timelineSection(source: PostmortemSource, which: 'key' | 'all'): string {
  const { playbook } = source;
  const index = buildCorrectionIndex(recordIndex(source).recordOf(['amend', 'redact']));
  const detected = Date.parse(milestones(source).milestones.detected);
  // Exports of this document are on the log but not part of its story (and listing them would
  // make every export change the next one's text).
  // One pass: the rows chosen, how many entries in all, and the notes a key-only timeline leaves out.
  const chosen: EventView[] = [];
  let entries = 0;
  let leftNotes = 0;
  for (const e of recordIndex(source).chronological) {
    if (e.kind === 'amend' || e.kind === 'redact' || e.kind === 'document_exported') continue;
    entries++;
    if (which === 'all' || e.key) chosen.push(e);
    else if (e.kind === 'note') leftNotes++;
  }
  const rows = chosen.map((e) => {
    const d = describeEvent(e, { playbook, redactionReason: redactionReason(e, index) });
    return [utc(e.effectiveOccurredAt, true), formatTPlus(Date.parse(e.effectiveOccurredAt) - detected), d.detail ? `${d.title} — ${d.detail}` : d.title, e.actor];
  });
  let intro = `All ${chosen.length} events.`;
  if (which === 'key') {
    intro = `Key events only: ${chosen.length} of ${entries} events (declaration, severity, status and phase changes, and starred notes).`;
    if (leftNotes > 0) intro += ` ${leftNotes} note${leftNotes === 1 ? ' is' : 's are'} not starred and left out here: star ${leftNotes === 1 ? 'it' : 'them'} on the timeline, or draft with the full timeline to include every event.`;
    intro += ' The full log is in the evidence bundle.';
  }
  return `${intro}\n\n${rows.length ? table(['When (UTC)', 'T+', 'Event', 'By'], rows) : prompt('No events.')}`;
}

export function detectionSection(source: PostmortemSource): string {
  const { milestones: m, durations: d } = milestones(source);
  const declared = recordIndex(source).recordOf(['declared'])[0];
  const declaredAt = Date.parse(m.declared);
  const early: LiveEventOf<'note'>[] = [];
  // In time order: the first note after the declaration ends the search.
  for (const e of live(source, 'note')) {
    if (early.length === 3 || Date.parse(e.effectiveOccurredAt) > declaredAt) break;
    if (e.kind === 'note') early.push(e);
  }
  const firstNotes = early.map((e) => `- ${utc(e.effectiveOccurredAt)} — ${e.effectivePayload.text.replace(/\s+/g, ' ').slice(0, 200)} (${e.actor})`);
  const lines = [
    `- **Impact began:** ${utc(m.impactStart)}; **detected:** ${utc(m.detected)} (${duration(d.toDetect)} to detect).`,
    `- **Declared in Cordon:** ${utc(m.declared)} by ${declared?.actor ?? 'unknown'}${m.declared !== m.detected ? ` (${duration(Math.abs(Date.parse(m.declared) - Date.parse(m.detected)))} after detection)` : ''}.`,
  ];
  return [lines.join('\n'), firstNotes.length ? `What the timeline held up to the declaration:\n\n${firstNotes.join('\n')}` : null, prompt('How was it noticed (alert, customer, colleague)? Would an alert have caught it sooner?')]
    .filter((x): x is string => x !== null)
    .join('\n\n');
}

export function responseSection(source: PostmortemSource): string {
  const { milestones: m, durations: d } = milestones(source);
  const lines = [
    `- **Acknowledged:** ${m.acknowledged ? `${utc(m.acknowledged)}, ${duration(d.toAcknowledge)} after detection` : 'no commander was ever assigned'}.`,
    `- **Contained:** ${m.contained ? `${utc(m.contained)}, ${duration(d.toContain)} after detection` : 'not recorded'}.`,
  ];
  return [lines.join('\n'), '### Severity history', severityHistory(source), '### Phases and checklist', phasesSection(source), prompt('How did the response go: who was pulled in, which runbook steps helped, what was improvised?')].join('\n\n');
}

export function resolutionSection(source: PostmortemSource): string {
  const { milestones: m, durations: d } = milestones(source);
  const changes = live(source, 'status_changed').flatMap((e) =>
    e.kind === 'status_changed' ? [[utc(e.effectiveOccurredAt), statusLabels[e.effectivePayload.status], e.actor, e.effectivePayload.reason ?? '']] : [],
  );
  const head = m.resolved ? `Resolved ${utc(m.resolved)}, ${duration(d.toResolve)} after detection.` : 'The incident is not resolved yet.';
  return [head, changes.length ? table(['When (UTC)', 'Status', 'By', 'Why'], changes) : null, prompt('What fixed it, how the fix was verified, and what was left to clean up.')]
    .filter((x): x is string => x !== null)
    .join('\n\n');
}

export function phasesSection(source: PostmortemSource): string {
  const { playbook, state } = source;
  const entered = new Map<string, string>();
  for (const e of recordIndex(source).chronologicalOf(['phase_changed'])) {
    const phase = e.kind === 'phase_changed' && e.redactedBy === null ? e.effectivePayload?.phase : undefined;
    if (typeof phase === 'string' && !entered.has(phase)) entered.set(phase, e.effectiveOccurredAt);
  }
  const phases = playbook?.phases ?? [];
  const known = new Set(phases.flatMap((p) => p.items.map((i) => i.key)));
  const blocks: string[] = [];
  for (const phase of phases) {
    const added = Object.entries(state.checklist).filter(([id, v]) => v.phase === phase.key && !known.has(id));
    const items = [...phase.items.map((i) => ({ text: i.text, entry: state.checklist[i.key] })), ...added.map(([id, v]) => ({ text: v.label ?? id, entry: v }))];
    const done = items.filter((i) => i.entry?.done).length;
    const header = `#### ${phase.name} — ${done}/${items.length} done${entered.has(phase.key) ? `, entered ${utc(entered.get(phase.key))}` : ', not entered'}`;
    const list = items.map((i) => `- [${i.entry?.done ? 'x' : ' '}] ${i.text.replace(/\n/g, ' ')}${i.entry?.done ? ` (${i.entry.by}, ${utc(i.entry.at)})` : ''}`);
    blocks.push(list.length ? `${header}\n\n${list.join('\n')}` : header);
  }
  const orphans = Object.entries(state.checklist).filter(([id, v]) => !known.has(id) && !phases.some((p) => p.key === v.phase));
  if (orphans.length) blocks.push(`#### Other checklist items\n\n${orphans.map(([id, v]) => `- [${v.done ? 'x' : ' '}] ${v.label ?? id}`).join('\n')}`);
  if (blocks.length === 0) return prompt(playbook ? 'The playbook has no phases.' : 'This incident has no playbook, so there is no checklist.');
  const current = state.phase ? `Phase at the time of writing: ${phaseName(state.phase, playbook)}.\n\n` : '';
  return `${current}${blocks.join('\n\n')}`;
}

// ---- appendices ------------------------------------------------------------------------------

export function actionsRun(source: PostmortemSource): string {
  const { playbook } = source;
  const runs = new Map<string, { start: LiveEventOf<'script_started'>; finish: LiveEventOf<'script_finished'> | null }>();
  for (const e of recordIndex(source).recordOf(['script_started', 'script_finished'])) {
    if (!isLive(e)) continue;
    if (e.kind === 'script_started') runs.set(e.effectivePayload.runId, { start: e, finish: null });
    else if (e.kind === 'script_finished') {
      const run = runs.get(e.effectivePayload.runId);
      if (run) run.finish = e;
    }
  }
  if (runs.size === 0) return prompt('No containment actions were run from Cordon.');
  const rows = [...runs.values()].map(({ start, finish }) => {
    const p = start.effectivePayload;
    const f = finish?.effectivePayload ?? null;
    const name = playbook?.actions.find((a) => a.key === p.actionId)?.name ?? p.name ?? p.actionId;
    return [
      utc(start.effectiveOccurredAt, true),
      `${name}${p.simulated ? ' (simulated)' : ''}`,
      code(p.argv.join(' ')),
      f ? f.outcome : 'no result recorded',
      f ? (f.exitCode !== null ? String(f.exitCode) : f.signal ? `signal ${f.signal}` : '—') : '—',
      f ? `${(f.durationMs / 1000).toFixed(1)} s` : '—',
      f ? code(f.outputSha256) : '—',
      start.actor,
    ];
  });
  return table(['Started (UTC)', 'Action', 'Command', 'Outcome', 'Exit code', 'Took', 'Output SHA-256', 'By'], rows);
}

export function evidenceSection(source: PostmortemSource): string {
  const exports = new Map<string, number>();
  for (const e of recordIndex(source).recordOf(['evidence_exported'])) if (e.kind === 'evidence_exported' && isLive(e)) exports.set(e.effectivePayload.evidenceId, (exports.get(e.effectivePayload.evidenceId) ?? 0) + 1);
  const rows: string[][] = [];
  for (const e of recordIndex(source).recordOf(['evidence_added'])) {
    if (e.kind !== 'evidence_added' || !isLive(e)) continue;
    const p = e.effectivePayload;
    rows.push([p.name, formatBytes(p.size), code(p.sha256), `${e.actor}, ${utc(e.effectiveOccurredAt)}`, String(exports.get(p.evidenceId) ?? 0)]);
  }
  return rows.length ? table(['File', 'Size', 'SHA-256', 'Added', 'Copies exported'], rows) : prompt('No evidence was attached to the incident.');
}

export function integritySection(source: PostmortemSource): string {
  const { incident } = source;
  return [
    `- **Chain head when this draft was written:** ${code(incident.headHash)} (${incident.eventCount} events)`,
    `- **Incident id:** ${code(incident.id)}`,
    '',
    'Every event is hash-chained (SHA-256 over the event and the previous hash); `cordon verify` recomputes the chain. An exported file carries the chain head at the moment of export (in the Markdown front matter, on the PDF cover and on every page), and the export itself is then recorded on the timeline.',
  ].join('\n');
}

export function appendicesSection(source: PostmortemSource): string {
  return ['### A. Actions run', actionsRun(source), '### B. Evidence', evidenceSection(source), '### C. Log integrity', integritySection(source)].join('\n\n');
}
