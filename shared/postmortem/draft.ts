import type { EventView } from '../ipc/store-schemas';
import type { Playbook, Template } from '../playbook/model';
import { buildCorrectionIndex, redactionReason } from '../warroom/history';
import { describeEvent, formatBytes, phaseName, severityName, sortChronologically } from '../warroom/timeline-filter';
import { formatTPlus } from '../warroom/elapsed';
import { actionItemsFrom, applyActionItems } from './action-items';
import { code, duration, table, utc } from './format';
import { milestones } from './milestones';
import { messagesSentSection } from '../comms/postmortem-section';
import type { PostmortemSource } from './source';

// The first draft of a post-mortem, written from the record. Pure: the same log gives the
// same text. Facts (times, durations, severity calls, checklist, script runs) are filled in;
// the judgement (root cause, what went well) is left as prompts for the team.

/** The built-in structure; a playbook's own report template is offered beside it. */
export const defaultTemplateKey = 'cordon';

export interface DraftOptions {
  /** `cordon` (default) or the key of one of the playbook's report templates. */
  template?: string | undefined;
  /** Only key events in the timeline (default), or every event. */
  timeline?: 'key' | 'all' | undefined;
}

export interface TemplateChoice {
  key: string;
  name: string;
}

/** The templates a draft may start from: ours, then the playbook's report templates. */
export function templateChoices(playbook: Playbook | null): TemplateChoice[] {
  return [
    { key: defaultTemplateKey, name: 'Cordon post-mortem' },
    ...(playbook?.templates ?? []).filter((t) => t.kind === 'report').map((t) => ({ key: t.key, name: t.name })),
  ];
}

const statusNames: Record<string, string> = { active: 'Active', mitigated: 'Mitigated', resolved: 'Resolved', closed: 'Closed' };
const prompt = (text: string) => `_${text}_`;

export function draftPostmortem(source: PostmortemSource, options: DraftOptions = {}): string {
  const key = options.template ?? defaultTemplateKey;
  if (key !== defaultTemplateKey) {
    const template = source.playbook?.templates.find((t) => t.kind === 'report' && t.key === key);
    if (!template) throw new RangeError(`The playbook has no report template “${key}”.`);
    return fillReportTemplate(template, source, options);
  }
  return defaultDraft(source, options);
}

function defaultDraft(source: PostmortemSource, options: DraftOptions): string {
  const { incident, state, playbook } = source;
  const out: string[] = [];
  const push = (...blocks: string[]) => out.push(...blocks);
  push(`# Post-mortem: ${incident.title}`);
  push(
    [
      `- **Incident:** ${code(incident.id)}${incident.kind === 'exercise' ? ' (exercise)' : ''}`,
      `- **Severity:** ${state.severity ? severityName(state.severity, playbook) : 'not set'}`,
      `- **Status:** ${statusNames[state.status] ?? state.status}`,
      `- **Incident commander:** ${state.roles.commander?.person ?? 'not assigned'}`,
      `- **Playbook:** ${playbook ? playbook.title : 'none'}`,
    ].join('\n'),
  );
  push('## Summary', state.summary ?? prompt('What happened, in two or three sentences a newcomer would understand.'));
  push('## Impact', impactSection(source));
  push('## Key figures', keyFigures(source));
  push('## Severity history', severityHistory(source));
  push(`## Timeline`, timelineSection(source, options.timeline ?? 'key'));
  push('## Phases and checklist', phasesSection(source));
  push('## Actions run', actionsRun(source));
  push('## Messages sent', messagesSentSection(source.events, playbook));
  const evidence = evidenceSection(source);
  if (evidence) push('## Evidence', evidence);
  push('## Contributing factors', prompt('Conditions that made this possible or worse: changes, load, missing alerts, unclear ownership.'));
  push(
    '## Root cause',
    prompt('The underlying cause, stated so that fixing it would have prevented the incident.'),
    '### Five whys',
    [
      `1. Why did ${incident.title.replace(/[.!?]+$/, '')} happen? —`,
      '2. Why? —',
      '3. Why? —',
      '4. Why? —',
      '5. Why? —',
    ].join('\n'),
  );
  push('## What went well', prompt('What helped: people, tools, alerts, runbook steps worth keeping.'));
  push('## What went wrong', prompt('What slowed the response or made it worse.'));
  push('## Where we got lucky', prompt('What went our way by chance and will not next time.'));
  push('## Action items', '');
  return applyActionItems(`${out.join('\n\n')}\n`, actionItemsFrom(source.events));
}

function impactSection(source: PostmortemSource): string {
  const { milestones: m, durations: d } = milestones(source);
  const end = m.resolved ?? m.contained;
  const lines = [
    `- **Impact began:** ${utc(m.impactStart)}`,
    `- **Detected:** ${utc(m.detected)}`,
    `- **${m.resolved ? 'Resolved' : m.contained ? 'Contained' : 'Still ongoing'}:** ${utc(end)}`,
    end && m.impactStart ? `- **Duration of impact:** ${duration(Date.parse(end) - Date.parse(m.impactStart))}` : null,
    source.state.personalDataAt ? `- **Personal data involved:** yes, from ${utc(source.state.personalDataAt)}` : null,
    d.toResolve === null && source.state.status === 'active' ? '- The incident was still active when this draft was written.' : null,
  ].filter((x): x is string => x !== null);
  return `${lines.join('\n')}\n\n${prompt('Who and what was affected (customers, systems, data), and how much.')}`;
}

function keyFigures(source: PostmortemSource): string {
  const { milestones: m, durations: d } = milestones(source);
  return table(
    ['Milestone', 'When (UTC)', 'Duration'],
    [
      ['Impact began', utc(m.impactStart), '—'],
      ['Detected', utc(m.detected), `${duration(d.toDetect)} to detect`],
      ['Declared in Cordon', utc(m.declared), '—'],
      ['Acknowledged (commander assigned)', utc(m.acknowledged), `${duration(d.toAcknowledge)} to acknowledge`],
      ['Contained (containment phase or mitigated)', utc(m.contained), `${duration(d.toContain)} to contain`],
      ['Resolved', utc(m.resolved), `${duration(d.toResolve)} to resolve`],
    ],
  );
}

function severityHistory(source: PostmortemSource): string {
  const { playbook } = source;
  const rows: string[][] = [];
  for (const e of sortChronologically(source.events)) {
    const p = e.effectivePayload;
    if (p === null || e.redactedBy !== null) continue;
    if ((e.kind === 'declared' || e.kind === 'severity_changed') && typeof p.severity === 'string') {
      const reason = e.kind === 'declared' ? 'Declared' : typeof p.reason === 'string' ? p.reason : '';
      const cell = p.cell as { row?: string; column?: string } | undefined;
      rows.push([utc(e.effectiveOccurredAt), severityName(p.severity, playbook), e.actor, cell?.row ? `${reason}${reason ? ' ' : ''}(matrix: ${cell.row} × ${cell.column ?? '?'})` : reason]);
    }
  }
  if (rows.length === 0) return prompt('No severity was ever set.');
  return table(['When (UTC)', 'Severity', 'By', 'Why'], rows);
}

function timelineSection(source: PostmortemSource, which: 'key' | 'all'): string {
  const { events, playbook } = source;
  const index = buildCorrectionIndex(events);
  const detected = Date.parse(milestones(source).milestones.detected);
  const chosen = sortChronologically(events).filter((e) => e.kind !== 'amend' && e.kind !== 'redact' && (which === 'all' || e.key));
  const rows = chosen.map((e) => {
    const d = describeEvent(e, { playbook, redactionReason: redactionReason(e, index) });
    return [utc(e.effectiveOccurredAt, true), formatTPlus(Date.parse(e.effectiveOccurredAt) - detected), d.detail ? `${d.title} — ${d.detail}` : d.title, e.actor];
  });
  const intro = which === 'key' ? `Key events (${chosen.length} of ${events.length} events; the full log is in the evidence bundle).` : `All ${chosen.length} events.`;
  return `${intro}\n\n${rows.length ? table(['When (UTC)', 'T+', 'Event', 'By'], rows) : prompt('No events.')}`;
}

function phasesSection(source: PostmortemSource): string {
  const { playbook, state, events } = source;
  const entered = new Map<string, string>();
  for (const e of sortChronologically(events)) {
    const phase = e.kind === 'phase_changed' && e.redactedBy === null ? e.effectivePayload?.phase : undefined;
    if (typeof phase === 'string' && !entered.has(phase)) entered.set(phase, e.effectiveOccurredAt);
  }
  const phases = playbook?.phases ?? [];
  const known = new Set(phases.flatMap((p) => p.items.map((i) => i.key)));
  const blocks: string[] = [];
  for (const phase of phases) {
    const added = Object.entries(state.checklist).filter(([id, v]) => v.phase === phase.key && !known.has(id));
    const items = [
      ...phase.items.map((i) => ({ text: i.text, entry: state.checklist[i.key] })),
      ...added.map(([id, v]) => ({ text: v.label ?? id, entry: v })),
    ];
    const done = items.filter((i) => i.entry?.done).length;
    const header = `### ${phase.name} — ${done}/${items.length} done${entered.has(phase.key) ? `, entered ${utc(entered.get(phase.key))}` : ', not entered'}`;
    const list = items.map((i) => `- [${i.entry?.done ? 'x' : ' '}] ${i.text.replace(/\n/g, ' ')}${i.entry?.done ? ` (${i.entry.by}, ${utc(i.entry.at)})` : ''}`);
    blocks.push(list.length ? `${header}\n\n${list.join('\n')}` : header);
  }
  const orphans = Object.entries(state.checklist).filter(([id, v]) => !known.has(id) && !phases.some((p) => p.key === v.phase));
  if (orphans.length) {
    blocks.push(`### Other checklist items\n\n${orphans.map(([id, v]) => `- [${v.done ? 'x' : ' '}] ${v.label ?? id}`).join('\n')}`);
  }
  if (blocks.length === 0) return prompt(playbook ? 'The playbook has no phases.' : 'This incident has no playbook, so there is no checklist.');
  const current = state.phase ? `Phase at the time of writing: ${phaseName(state.phase, playbook)}.\n\n` : '';
  return `${current}${blocks.join('\n\n')}`;
}

function actionsRun(source: PostmortemSource): string {
  const { events, playbook } = source;
  const runs = new Map<string, { start: EventView; finish: EventView | null }>();
  for (const e of events) {
    if (e.redactedBy !== null || e.effectivePayload === null) continue;
    const runId = e.effectivePayload.runId;
    if (typeof runId !== 'string') continue;
    if (e.kind === 'script_started') runs.set(runId, { start: e, finish: null });
    else if (e.kind === 'script_finished') {
      const run = runs.get(runId);
      if (run) run.finish = e;
    }
  }
  if (runs.size === 0) return prompt('No containment actions were run from Cordon.');
  const rows = [...runs.values()].map(({ start, finish }) => {
    const p = start.effectivePayload ?? {};
    const f = finish?.effectivePayload ?? null;
    const actionId = typeof p.actionId === 'string' ? p.actionId : '?';
    const name = playbook?.actions.find((a) => a.key === actionId)?.name ?? actionId;
    const argv = Array.isArray(p.argv) ? p.argv.map(String).join(' ') : '';
    return [
      utc(start.effectiveOccurredAt, true),
      `${name}${p.simulated ? ' (simulated)' : ''}`,
      code(argv),
      f ? String(f.outcome) : 'no result recorded',
      f ? (typeof f.exitCode === 'number' ? String(f.exitCode) : typeof f.signal === 'string' ? `signal ${f.signal}` : '—') : '—',
      f && typeof f.durationMs === 'number' ? `${(f.durationMs / 1000).toFixed(1)} s` : '—',
      start.actor,
    ];
  });
  return table(['Started (UTC)', 'Action', 'Command', 'Outcome', 'Exit code', 'Took', 'By'], rows);
}

function evidenceSection(source: PostmortemSource): string | null {
  const rows: string[][] = [];
  for (const e of source.events) {
    const p = e.effectivePayload;
    if (e.kind !== 'evidence_added' || p === null || e.redactedBy !== null) continue;
    rows.push([String(p.name), formatBytes(Number(p.size)), code(String(p.sha256)), `${e.actor}, ${utc(e.effectiveOccurredAt)}`]);
  }
  return rows.length ? table(['File', 'Size', 'SHA-256', 'Added'], rows) : null;
}

// ---- a playbook's own report template --------------------------------------------------------

/**
 * Fills the placeholders we know ("[INCIDENT_ID]", "[Brief description of the incident]",
 * "[Date/Time]" on a line naming a milestone, ...) and leaves the others for people. The
 * template's action items section follows the same rule as ours (see action-items.ts).
 */
export function fillReportTemplate(template: Template, source: PostmortemSource, options: DraftOptions = {}): string {
  const { incident, state, playbook } = source;
  const { milestones: m, durations: d } = milestones(source);
  const severity = state.severity ? severityName(state.severity, playbook) : null;
  const named: Record<string, string | null> = {
    incident_id: incident.id,
    incidentid: incident.id,
    id: incident.id,
    title: incident.title,
    incident_title: incident.title,
    incident_name: incident.title,
    brief_description_of_the_incident: state.summary,
    summary: state.summary,
    description: state.summary,
    severity,
    severity_assigned: severity,
    severity_level: severity,
    status: statusNames[state.status] ?? state.status,
    commander: state.roles.commander?.person ?? null,
    incident_commander: state.roles.commander?.person ?? null,
    who_detected_it: source.events[0]?.actor ?? null,
    total_downtime_impact_time: m.impactStart && (m.resolved ?? m.contained) ? duration(Date.parse(m.resolved ?? m.contained ?? '') - Date.parse(m.impactStart)) : null,
    duration: d.toResolve === null ? null : duration(d.toResolve),
    date: utc(m.detected).slice(0, 10),
  };
  const whenFor = (line: string): string | null => {
    const l = line.toLowerCase();
    if (/detect|discover|identif/.test(l)) return m.detected;
    if (/triage|declar/.test(l)) return m.declared;
    if (/acknowledg|respon/.test(l)) return m.acknowledged;
    if (/contain|mitigat/.test(l)) return m.contained;
    if (/recover|resol|restor/.test(l)) return m.resolved;
    return null;
  };
  const body = template.body
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) =>
      line.replace(/\[([^\][\n]{1,80})\]/g, (whole, inner: string) => {
        const keyName = inner.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
        if (keyName === 'date_time' || keyName === 'time' || keyName === 'timestamp') {
          const when = whenFor(line);
          return when ? utc(when) : whole;
        }
        const value = named[keyName];
        return value ? value : whole;
      }),
    )
    .join('\n');
  const appendix = [
    '## From the record',
    '### Key figures',
    keyFigures(source),
    '### Severity history',
    severityHistory(source),
    '### Timeline',
    timelineSection(source, options.timeline ?? 'key'),
    '### Actions run',
    actionsRun(source),
    '### Messages sent',
    messagesSentSection(source.events, playbook),
  ].join('\n\n');
  const withAppendix = `${body.replace(/\s+$/, '')}\n\n${appendix}\n`;
  return applyActionItems(withAppendix, actionItemsFrom(source.events));
}
