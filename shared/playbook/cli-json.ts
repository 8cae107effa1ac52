import type { PlaybookImport, Sla } from './model';

/** The stable JSON shape `cordon playbook parse` prints; extra fields may be added, never renamed. */
export interface CliPlaybookJson {
  title: string;
  severities: {
    key: string;
    label: string;
    rank: number;
    description: string;
    responseSla: Sla | null;
    resolutionSla: Sla | null;
    examples: string[];
    notify: string[];
  }[];
  matrix: PlaybookImport['playbook']['matrix'];
  phases: { key: string; name: string; goal: string; items: { text: string; role: string | null; actionKey: string | null }[] }[];
  roles: { name: string; duties: string[] }[];
  contacts: { name: string; value: string }[];
  actions: { key: string; name: string; command: string; params: { name: string; kind: string }[]; phaseKey: string | null }[];
  templates: { name: string; kind: string; body: string }[];
  scenarios: { name: string; trigger: string; steps: string[] }[];
  compliance: { framework: string; control: string; deadline: Sla | null; description: string }[];
  /** Rules that apply to every level of the scheme. */
  severityNotes: string[];
  /** Where the importer chose between readings: what it chose and the other options. */
  choices: { id: string; question: string; line: number; chosen: string; options: { value: string; label: string }[] }[];
  unparsed: { line: number; text: string }[];
  warnings: string[];
}

export function toCliJson(result: PlaybookImport): CliPlaybookJson {
  const p = result.playbook;
  return {
    title: p.title,
    severities: p.severities.map((s) => ({
      key: s.key,
      label: s.label,
      rank: s.rank,
      description: s.description,
      responseSla: s.responseSla,
      resolutionSla: s.resolutionSla,
      examples: s.examples,
      notify: s.notify,
    })),
    severityNotes: p.severityNotes ?? [],
    matrix: p.matrix,
    phases: p.phases.map((ph) => ({
      key: ph.key,
      name: ph.name,
      goal: ph.goal,
      items: ph.items.map((i) => ({ text: i.text, role: i.role, actionKey: i.actionKey })),
    })),
    roles: p.roles.map((r) => ({ name: r.name, duties: r.duties })),
    contacts: p.contacts.map((c) => ({ name: c.name, value: c.value })),
    actions: p.actions.map((a) => ({
      key: a.key,
      name: a.name,
      command: a.command,
      params: a.params.map((x) => ({ name: x.name, kind: x.kind })),
      phaseKey: a.phaseKey,
    })),
    templates: p.templates.map((t) => ({ name: t.name, kind: t.kind, body: t.body })),
    scenarios: p.scenarios.map((s) => ({ name: s.name, trigger: s.trigger, steps: s.steps })),
    compliance: p.compliance.map((c) => ({ framework: c.framework, control: c.control, deadline: c.deadline, description: c.description })),
    choices: result.choices.map((c) => ({ id: c.id, question: c.question, line: c.line, chosen: c.chosen, options: c.options.map((o) => ({ value: o.value, label: o.label })) })),
    unparsed: result.unparsed,
    warnings: result.warnings,
  };
}
