import type { Playbook, Template } from '../playbook/model';
import { severityName } from '../warroom/timeline-filter';
import { actionItemsFrom, applyActionItems } from './action-items';
import { duration, utc } from './format';
import { messagesSentSection } from './messages-slot';
import { milestones } from './milestones';
import { recordIndex } from './record-index';
import { actionsRun, keyFigures, severityHistory, timelineSection } from './record-sections';
import type { PostmortemSource } from './source';
import { builtInTemplates, renderBuiltIn } from './templates';

// The first draft of a post-mortem, written from the record. Pure: the same log gives the
// same text. Facts (times, durations, severity calls, checklist, script runs) are filled in;
// the judgement (root cause, what went well) is left as prompts for the team.

/** The default built-in structure; the others (templates.ts) and a playbook's own report templates are offered beside it. */
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

/** The templates a draft may start from: the built-in ones, then the playbook's report templates. */
export function templateChoices(playbook: Playbook | null): TemplateChoice[] {
  return [
    ...builtInTemplates.map((t) => ({ key: t.key, name: t.name })),
    ...(playbook?.templates ?? []).filter((t) => t.kind === 'report').map((t) => ({ key: t.key, name: t.name })),
  ];
}

const statusNames: Record<string, string> = { active: 'Active', mitigated: 'Mitigated', resolved: 'Resolved', closed: 'Closed' };

export function draftPostmortem(source: PostmortemSource, options: DraftOptions = {}): string {
  const key = options.template ?? defaultTemplateKey;
  const builtIn = builtInTemplates.find((t) => t.key === key);
  if (builtIn) {
    const text = renderBuiltIn(builtIn, { source, timeline: options.timeline ?? 'key' });
    return applyActionItems(text, actionItemsOf(source));
  }
  const template = source.playbook?.templates.find((t) => t.kind === 'report' && t.key === key);
  if (!template) throw new RangeError(`The playbook has no report template “${key}”.`);
  return fillReportTemplate(template, source, options);
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
    messagesSentSection(source),
  ].join('\n\n');
  const withAppendix = `${body.replace(/\s+$/, '')}\n\n${appendix}\n`;
  return applyActionItems(withAppendix, actionItemsOf(source));
}

const actionItemsOf = (source: PostmortemSource) => actionItemsFrom(recordIndex(source).recordOf(['action_item_created', 'action_item_updated']));
