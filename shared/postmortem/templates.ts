import { code } from './format';
import { messagesSentSection } from './messages-slot';
import {
  appendicesSection,
  detectionSection,
  impactSection,
  keyFigures,
  prompt,
  resolutionSection,
  respondersSection,
  responseSection,
  timelineSection,
} from './record-sections';
import type { PostmortemSource } from './source';
import { severityName } from '../warroom/timeline-filter';

// The built-in post-mortem structures. Each is an ordered list of sections: the facts come from
// the record (record-sections.ts), the judgement is left as prompts for the team. A playbook's
// own report templates are offered beside these (draft.ts).

export interface DraftContext {
  source: PostmortemSource;
  timeline: 'key' | 'all';
}

type Section = [heading: string, body: (c: DraftContext) => string | null];

export interface BuiltInTemplate {
  key: string;
  name: string;
  /** The document's first heading. */
  title: (c: DraftContext) => string;
  sections: Section[];
}

const statusNames: Record<string, string> = { active: 'Active', mitigated: 'Mitigated', resolved: 'Resolved', closed: 'Closed' };

function facts({ source }: DraftContext): string {
  const { incident, state, playbook } = source;
  return [
    `- **Incident:** ${code(incident.id)}${incident.kind === 'exercise' ? ' (exercise)' : ''}`,
    `- **Severity:** ${state.severity ? severityName(state.severity, playbook) : 'not set'}`,
    `- **Status:** ${statusNames[state.status] ?? state.status}`,
    `- **Incident commander:** ${state.roles.commander?.person ?? 'not assigned'}`,
    `- **Playbook:** ${playbook ? playbook.title : 'none'}`,
  ].join('\n');
}

const summary = ({ source }: DraftContext) => source.state.summary ?? prompt('What happened, in two or three sentences a newcomer would understand.');

/**
 * The five whys start from the incident as a problem statement, not from its title spliced into
 * a question ("Why did Checkout API returning 500s happen?" reads wrong for most titles).
 */
const fiveWhys = ({ source }: DraftContext) =>
  [`**Problem:** ${source.incident.title}`, '', '1. Why did this happen? —', '2. Why? —', '3. Why? —', '4. Why? —', '5. Why? —'].join('\n');

const rootCause = (c: DraftContext) =>
  [
    prompt('Conditions that made this possible or worse: changes, load, missing alerts, unclear ownership.'),
    '### Root cause',
    prompt('The underlying cause, stated so that fixing it would have prevented the incident.'),
    '### Five whys',
    fiveWhys(c),
  ].join('\n\n');

const common = {
  summary: ['Summary', summary] as Section,
  impact: ['Impact', (c: DraftContext) => impactSection(c.source)] as Section,
  figures: ['Key figures', (c: DraftContext) => keyFigures(c.source)] as Section,
  responders: ['Responders and roles', (c: DraftContext) => respondersSection(c.source)] as Section,
  timeline: ['Timeline', (c: DraftContext) => timelineSection(c.source, c.timeline)] as Section,
  detection: ['Detection', (c: DraftContext) => detectionSection(c.source)] as Section,
  response: ['Response', (c: DraftContext) => responseSection(c.source)] as Section,
  resolution: ['Resolution', (c: DraftContext) => resolutionSection(c.source)] as Section,
  actionItems: ['Action items', () => ''] as Section,
  messages: ['Messages sent', (c: DraftContext) => messagesSentSection(c.source)] as Section,
  appendices: ['Appendices', (c: DraftContext) => appendicesSection(c.source)] as Section,
};

// Every built-in template opens with the facts and what happened, and closes with what is to
// be done and the record; only the analysis in between differs.
const opening: Section[] = [['', facts], common.summary, common.impact, common.figures, common.responders, common.timeline];
const closing: Section[] = [common.actionItems, common.messages, common.appendices];

export const builtInTemplates: readonly BuiltInTemplate[] = [
  {
    key: 'cordon',
    name: 'Cordon post-mortem',
    title: ({ source }) => `Post-mortem: ${source.incident.title}`,
    sections: [
      ...opening,
      common.detection,
      common.response,
      common.resolution,
      ['Contributing factors and root cause', rootCause],
      ['What went well', () => prompt('What helped: people, tools, alerts, runbook steps worth keeping.')],
      ['What went wrong', () => prompt('What slowed the response or made it worse.')],
      ['Where we got lucky', () => prompt('What went our way by chance and will not next time.')],
      ...closing,
    ],
  },
  {
    key: 'contributors-mitigators-learnings',
    name: 'Contributors, mitigators, learnings',
    title: ({ source }) => `Incident review: ${source.incident.title}`,
    sections: [
      ...opening,
      ['Contributors', () => prompt('Everything that contributed, without ranking one as “the” cause: changes, conditions, pressures, gaps in knowledge or tooling.')],
      ['Mitigators', () => prompt('What limited the damage or sped the recovery: people, safeguards, alerts, luck (say which).')],
      ['Risks', () => prompt('Weaknesses this incident revealed that did not bite this time.')],
      ['Learnings', () => prompt('What the team now knows that it did not before, and who else should know it.')],
      ...closing,
    ],
  },
  {
    key: 'root-cause',
    name: 'Classic root-cause analysis',
    title: ({ source }) => `Root-cause analysis: ${source.incident.title}`,
    sections: [
      ['', facts],
      ['Problem statement', (c) => `${summary(c)}\n\n${prompt('What was wrong, where, since when, and how big: one paragraph.')}`],
      common.impact,
      common.figures,
      common.timeline,
      common.detection,
      common.response,
      common.resolution,
      ['Root cause', (c) => [prompt('The underlying cause, stated so that fixing it would have prevented the incident.'), '### Five whys', fiveWhys(c)].join('\n\n')],
      ['Contributing factors', () => prompt('Conditions that made it possible or worse.')],
      ['Corrective and preventive actions', () => prompt('What repairs the damage (corrective) and what stops a recurrence (preventive); each one is an action item below.')],
      ...closing,
    ],
  },
];

export function renderBuiltIn(template: BuiltInTemplate, c: DraftContext): string {
  const out: string[] = [`# ${template.title(c)}`];
  for (const [heading, body] of template.sections) {
    const text = body(c);
    if (text === null) continue;
    if (heading) out.push(`## ${heading}`);
    if (text !== '') out.push(text);
  }
  return `${out.join('\n\n')}\n`;
}
