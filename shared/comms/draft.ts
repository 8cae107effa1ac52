import type { Template } from '../playbook/model';
import { milestones } from '../postmortem/milestones';
import type { PostmortemSource } from '../postmortem/source';
import { formatDuration } from '../warroom/elapsed';
import { regulatoryClocks } from '../warroom/sla';
import { describeEvent, phaseName, severityName } from '../warroom/timeline-filter';
import { utc } from '../postmortem/format';
import type { Audience } from './audiences';
import { choicesOf, fillPlaceholders, placeholderKey, type Placeholder } from './placeholders';
import { internalDetails } from './public-text';
import type { SentUpdate } from './updates';

// A draft update from the record. Pure: the same record, audience, template and times give the
// same text. What the record knows is filled in (title, severity, status, phase, impact start,
// what changed since this audience last heard from us); what it cannot know is left as a
// placeholder, which the editor highlights for the user to complete.

export interface DraftInput {
  source: PostmortemSource;
  audience: Audience;
  /** A communication template of the playbook, or null for the built-in structure. */
  template: Template | null;
  /** The last update sent to this audience (changes are counted from it). */
  last: SentUpdate | null;
  /** How many updates this audience has had. */
  sentCount: number;
  /** "2024-05-01 11:15 UTC" or "T+1h 30m (exercise time)"; null when no next update is scheduled. */
  nextUpdate: string | null;
  /** Wall time the draft is written (for durations of an ongoing incident). */
  now: number;
}

export interface Draft {
  subject: string | null;
  body: string;
  /** Placeholders left for the user, positions in `body`. */
  missing: Placeholder[];
  templateKey: string | null;
}

const statusWords: Record<string, string> = { active: 'Active', mitigated: 'Mitigated', resolved: 'Resolved', closed: 'Closed' };
const publicAudience = (a: Audience) => a.kind === 'customers';

/** What changed since `since` (exclusive): key events, severity, status and phase changes, actions run. One line each. */
export function changesSince(source: PostmortemSource, since: string | null): string[] {
  const from = since === null ? -Infinity : Date.parse(since);
  const runs = new Map<string, string>();
  const lines: { at: number; n: number; text: string }[] = [];
  for (const e of source.events) {
    if (e.redactedBy !== null || e.effectivePayload === null) continue;
    const at = Date.parse(e.effectiveOccurredAt);
    if (e.kind === 'script_started') {
      const p = e.effectivePayload;
      const name = p.name ?? source.playbook?.actions.find((a) => a.key === p.actionId)?.name ?? p.actionId;
      runs.set(p.runId, `${name}${p.simulated ? ' (simulated)' : ''}`);
      continue;
    }
    if (at <= from) continue;
    if (e.kind === 'script_finished') {
      const p = e.effectivePayload;
      const outcome = p.outcome === 'succeeded' ? 'succeeded' : p.outcome === 'simulated' ? 'simulated' : `did not succeed (${p.outcome.replace('_', ' ')})`;
      lines.push({ at, n: e.n, text: `Ran ${runs.get(p.runId) ?? 'a containment action'}: ${outcome}` });
      continue;
    }
    const wanted = e.kind === 'severity_changed' || e.kind === 'status_changed' || e.kind === 'phase_changed' || e.kind === 'inject' || (e.key && (e.kind === 'note' || e.kind === 'regulator_notified' || e.kind === 'personal_data_flagged'));
    if (!wanted) continue;
    const d = describeEvent(e, { playbook: source.playbook });
    lines.push({ at, n: e.n, text: d.title });
  }
  return lines.sort((a, b) => a.at - b.at || a.n - b.n).map((l) => l.text.replace(/\s+/g, ' ').trim());
}

interface Facts {
  title: string;
  summary: string | null;
  severity: string | null;
  /** The level's code alone ("P1"), for a template's choice of codes. */
  severityCode: string | null;
  status: string;
  phase: string | null;
  impactStart: string | null;
  detected: string;
  declared: string;
  resolved: string | null;
  commander: string | null;
  declaredBy: string;
  duration: string | null;
  changes: string[];
  actions: string[];
}

function factsOf(input: DraftInput): Facts {
  const { source, last } = input;
  const { incident, state, playbook } = source;
  const { milestones: m } = milestones(source);
  const end = m.resolved ? Date.parse(m.resolved) : input.now;
  const changes = changesSince(source, last?.at ?? null).filter((c) => !c.startsWith('Incident declared'));
  return {
    title: incident.title,
    summary: state.summary,
    severity: state.severity ? severityName(state.severity, playbook) : null,
    severityCode: state.severity ? (playbook?.severities.find((l) => l.key === state.severity)?.code ?? state.severity) : null,
    status: statusWords[state.status] ?? state.status,
    phase: state.phase ? phaseName(state.phase, playbook) : null,
    impactStart: m.impactStart,
    detected: m.detected,
    declared: m.declared,
    resolved: m.resolved,
    commander: state.roles.commander?.person ?? null,
    declaredBy: state.declaredBy,
    duration: m.impactStart ? formatDuration(end - Date.parse(m.impactStart)) : null,
    changes,
    actions: changes.filter((c) => c.startsWith('Ran ')),
  };
}

const bullets = (items: readonly string[]) => items.map((i) => `- ${i}`).join('\n');

/** A status option ("INVESTIGATING", "Contained") matching the incident's status, in the template's own words. */
function chooseStatus(options: readonly string[], status: string): string | null {
  const wanted: Record<string, RegExp> = {
    Active: /investigat|active|ongoing|open|identified/i,
    Mitigated: /mitigat|contain|monitor|identified|degraded/i,
    Resolved: /resolv|closed|fixed|restored/i,
    Closed: /resolv|closed|fixed|restored/i,
  };
  const re = wanted[status];
  return re ? (options.find((o) => re.test(o)) ?? null) : null;
}

function whenOnLine(line: string, f: Facts, nextUpdate: string | null): string | null {
  const l = line.toLowerCase();
  if (/next update|update by|next .*by/.test(l)) return nextUpdate;
  if (/detect|discover|identif/.test(l)) return utc(f.detected);
  if (/start|since|began|begin|impact|occur/.test(l)) return f.impactStart ? utc(f.impactStart) : null;
  if (/declar|triage|report date|opened/.test(l)) return utc(f.declared);
  if (/resol|restor|end|closed/.test(l)) return f.resolved ? utc(f.resolved) : null;
  return null;
}

/** The value for one placeholder, or null to leave it for the user. */
function valueFor(p: Placeholder, line: string, f: Facts, input: DraftInput): string | null {
  const k = placeholderKey(p.inner);
  const l = line.toLowerCase();
  const pub = publicAudience(input.audience);
  const safe = (v: string | null) => (v !== null && pub && internalDetails(v, input.source).length > 0 ? null : v);
  const choices = choicesOf(p.inner);
  if (choices) {
    const severityCodes = input.source.playbook?.severities.map((s) => s.code.toLowerCase()) ?? [];
    if (choices.every((c) => severityCodes.includes(c.toLowerCase()) || /^(p|sev|sev-)\s*\d$/i.test(c))) return f.severityCode;
    const status = chooseStatus(choices, f.status);
    if (status !== null && choices.every((c) => /investigat|active|ongoing|open|identified|mitigat|contain|monitor|resolv|closed|fixed|restored/i.test(c))) return status;
    if (k !== 'date/time') return null;
  }
  if (/\b(incident ?id|incident (?:ref|reference|number)|ticket)\b|^id$/.test(k)) return input.source.incident.id;
  if (/^(?:sev|severity|severity level|priority|level|sev level)$/.test(k)) return f.severity;
  if (/^(?:status|current status|incident status)$/.test(k)) return f.status;
  if (/^(?:phase|stage|current phase)$/.test(k)) return f.phase;
  if (/^(?:title|incident title|incident name|name of (?:the )?incident|issue|headline|incident)$/.test(k)) return safe(f.title);
  if (/brief description|short description|^description$|^description of (?:the )?incident|what happened|summary of (?:the )?incident/.test(k)) return safe(pub ? f.title : (f.summary ?? f.title));
  if (/^(?:date ?\/ ?time|time|date|timestamp|when)$|timestamp|^start(?:ed)?(?: time)?$|^start date|impact start/.test(k)) {
    if (/^start|impact start/.test(k)) return f.impactStart ? utc(f.impactStart) : null;
    return whenOnLine(line, f, input.nextUpdate);
  }
  if (/next update/.test(k)) return input.nextUpdate;
  if (/^duration$|x hours|how long|elapsed|total downtime/.test(k)) return f.duration;
  if (/commander|incident lead|^ic$/.test(k) || (k === 'name' && /commander|\bic\b|lead/.test(l))) return pub ? null : f.commander;
  if (k === 'name' && /reporter|reported|detected by/.test(l)) return pub ? null : f.declaredBy;
  if (/who detected/.test(k)) return pub ? null : f.declaredBy;
  if (pub) return null;
  if (/containment actions|actions taken|actions run|mitigation/.test(k)) return f.actions.length ? f.actions.map((a) => a.replace(/^Ran /, '')).join('; ') : null;
  if (/current situation|what changed|progress|latest|developments|summary of (?:the )?(?:current )?situation|update$/.test(k)) {
    return f.changes.length ? (line.trim() === p.raw ? bullets(f.changes) : f.changes.join('; ')) : null;
  }
  return null;
}

/** The template filled from the record. */
export function fillTemplate(input: DraftInput & { template: Template }): Draft {
  const f = factsOf(input);
  const fill = (text: string) => fillPlaceholders(text, (p, line) => valueFor(p, line, f, input));
  const subject = input.template.subject ? fill(input.template.subject).text : null;
  const body = fill(input.template.body);
  return { subject, body: body.text, missing: body.missing, templateKey: input.template.key };
}

/** The update for an audience: from its template when given, else the built-in structure for its kind. */
export function draftUpdate(input: DraftInput): Draft {
  if (input.template) return fillTemplate({ ...input, template: input.template });
  const f = factsOf(input);
  const { subject, lines } = builtIn(input, f);
  const body = lines.join('\n');
  return { subject, body, missing: fillPlaceholders(body, () => null).missing, templateKey: null };
}

function builtIn(input: DraftInput, f: Facts): { subject: string; lines: string[] } {
  const n = input.sentCount + 1;
  const since = input.last ? `since the last update (${utc(input.last.at)})` : 'since the incident was declared';
  const next = input.nextUpdate ? `Next update by ${input.nextUpdate}.` : 'Next update: [when the next update will be sent]';
  const facts = `Severity: ${f.severity ?? 'not set'} · Status: ${f.status} · Phase: ${f.phase ?? 'not set'}`;
  const impact = `Impact began: ${f.impactStart ? utc(f.impactStart) : '[when the impact began]'}`;
  switch (input.audience.kind) {
    case 'customers': {
      const opening: Record<string, string> = {
        Active: `We are investigating an issue affecting [the service, in customers' words] since ${f.impactStart ? utc(f.impactStart) : '[start time]'}.`,
        Mitigated: `We have applied a fix for the issue affecting [the service, in customers' words] and are monitoring the results.`,
        Resolved: `The issue affecting [the service, in customers' words] has been resolved${f.resolved ? ` as of ${utc(f.resolved)}` : ''}.`,
        Closed: `The issue affecting [the service, in customers' words] has been resolved${f.resolved ? ` as of ${utc(f.resolved)}` : ''}.`,
      };
      const done = f.status === 'Resolved' || f.status === 'Closed';
      return {
        subject: done ? 'Resolved: [the service] incident' : 'Service incident: [the service]',
        lines: [
          opening[f.status] ?? opening.Active ?? '',
          '',
          'What you may notice: [what customers see, and any workaround]',
          '',
          done ? 'We are sorry for the disruption. [What we will do to prevent it happening again]' : next,
        ],
      };
    }
    case 'executive':
      return {
        subject: `${f.title}: executive update ${n} (${f.severity ?? 'severity not set'}, ${f.status})`,
        lines: [
          'Bottom line: [one sentence: what is happening and whether it is under control]',
          '',
          facts,
          `${impact}${f.duration ? ` (${f.duration} ago${f.resolved ? ', until resolved' : ''})` : ''}`,
          '',
          `What changed ${since}:`,
          f.changes.length ? bullets(f.changes) : '- No change recorded.',
          '',
          'Business impact: [customers, revenue, data or obligations affected]',
          'Decisions needed: [decisions or support needed from you, or "none"]',
          '',
          next,
        ],
      };
    case 'regulator':
      return regulatorNotice(input, f);
    default:
      return {
        subject: `${f.severity ?? 'No severity'}: ${f.title}, update ${n}`,
        lines: [
          facts,
          impact,
          '',
          `Conditions (${since}):`,
          f.changes.filter((c) => !c.startsWith('Ran ')).length ? bullets(f.changes.filter((c) => !c.startsWith('Ran '))) : '- No change recorded.',
          '[what we know now: scope, cause if known]',
          '',
          'Actions:',
          f.actions.length ? bullets(f.actions) : '- No containment action run from Cordon in this period.',
          '- Next: [what the team does next, and who]',
          '',
          'Needs:',
          '- [what you need from the readers: decisions, people, access; or "nothing"]',
          '',
          next,
        ],
      };
  }
}

function regulatorNotice(input: DraftInput, f: Facts): { subject: string; lines: string[] } {
  const { state, playbook } = input.source;
  const clocks = regulatoryClocks({ duties: playbook?.compliance ?? [], personalDataAt: state.personalDataAt, notifiedAt: state.notified, now: input.now });
  const duties = (playbook?.compliance ?? []).map((d) => {
    const clock = clocks.find((c) => c.duty.key === d.key);
    const due = clock?.dueAt ? `, due ${utc(clock.dueAt)}` : '';
    const done = state.notified[d.key] ? `, notified ${utc(state.notified[d.key])}` : '';
    return `- ${[d.framework, d.control].filter(Boolean).join(' ')}: ${d.deadline?.text ?? 'no deadline'}${due}${done}`;
  });
  return {
    subject: `Personal data breach notification: [organisation name] (${input.source.incident.id.slice(0, 8)})`,
    lines: [
      `Reference: ${input.source.incident.id}`,
      `Became aware of the breach: ${state.personalDataAt ? utc(state.personalDataAt) : '[when you became aware that personal data was involved]'}`,
      `Incident began: ${f.impactStart ? utc(f.impactStart) : '[when the incident began]'}`,
      `Status: ${f.status}${f.resolved ? `, resolved ${utc(f.resolved)}` : ''}`,
      ...(duties.length ? ['', 'Duties:', ...duties] : []),
      '',
      'Nature of the breach: [what happened; categories and approximate number of people and records concerned]',
      'Likely consequences: [for the people concerned]',
      'Measures taken or proposed:',
      f.actions.length ? bullets(f.actions) : '- [measures taken to address the breach and limit its effects]',
      '',
      'Contact point: [name and contact details of the data protection officer or other contact]',
    ],
  };
}
