import { z } from 'zod';

// The saved playbook. It is stored in the encrypted DB and edited in the UI later, so every
// entity carries a stable `key` derived from its text (a slug, unique within its list): edits
// and checklist ticks refer to keys, never to array positions.

const key = z.string().min(1);

/** A deadline as written plus its length; minutes is null when the phrase is not a duration. */
export const slaSchema = z.object({
  text: z.string(),
  minutes: z.number().nonnegative().nullable(),
});
export type Sla = z.infer<typeof slaSchema>;

export const severityLevelSchema = z.object({
  key,
  /** The level as the playbook writes it, e.g. "P0 - Critical". */
  label: z.string().min(1),
  /** The short code, e.g. "P0", "SEV-1", "CRITICAL". */
  code: z.string().min(1),
  /** The qualifier when the label has one, e.g. "Critical" in "SEV1 (Critical)". */
  name: z.string(),
  /** 1 = most severe. */
  rank: z.number().int().positive(),
  description: z.string(),
  examples: z.array(z.string()),
  responseSla: slaSchema.nullable(),
  resolutionSla: slaSchema.nullable(),
  /** Who to notify or escalate to, as written. */
  notify: z.array(z.string()),
});
export type SeverityLevel = z.infer<typeof severityLevelSchema>;

/** Impact x urgency (or any two axes) -> level key. */
export const gridMatrixSchema = z.object({
  kind: z.literal('grid'),
  rowAxis: z.string(),
  columnAxis: z.string(),
  rows: z.array(z.string()),
  columns: z.array(z.string()),
  cells: z.array(z.object({ row: z.string(), column: z.string(), level: key })),
});

/** Indicators x levels: which levels each observed indicator points to. */
export const indicatorMatrixSchema = z.object({
  kind: z.literal('indicators'),
  levels: z.array(key),
  indicators: z.array(z.object({ key, text: z.string(), levels: z.array(key) })),
});

export const severityMatrixSchema = z.discriminatedUnion('kind', [gridMatrixSchema, indicatorMatrixSchema]);
export type SeverityMatrix = z.infer<typeof severityMatrixSchema>;

export const checklistItemSchema = z.object({
  key,
  /** Plain text, inline Markdown stripped. */
  text: z.string().min(1),
  role: z.string().nullable(),
  /** Key of the action this step runs, when the playbook gives a command for it. */
  actionKey: key.nullable(),
  /** Sub-points written under the item that are notes rather than steps of their own. */
  details: z.array(z.string()),
});
export type ChecklistItem = z.infer<typeof checklistItemSchema>;

export const phaseSchema = z.object({
  key,
  name: z.string().min(1),
  goal: z.string(),
  description: z.string(),
  /** Team or role that owns the phase, when the playbook names one. */
  owner: z.string().nullable(),
  items: z.array(checklistItemSchema),
});
export type Phase = z.infer<typeof phaseSchema>;

export const roleSchema = z.object({ key, name: z.string().min(1), duties: z.array(z.string()) });
export type Role = z.infer<typeof roleSchema>;

export const contactSchema = z.object({
  key,
  name: z.string().min(1),
  /** Address, phone, handle or placeholder as written ("" when none). */
  value: z.string(),
  group: z.string().nullable(),
  /** Escalation tier (1 = first), for on-call ladders. */
  escalationLevel: z.number().int().positive().nullable(),
  responseSla: slaSchema.nullable(),
  details: z.array(z.string()),
});
export type Contact = z.infer<typeof contactSchema>;

export const templateKindSchema = z.enum(['communication', 'report']);
export const templateSchema = z.object({
  key,
  name: z.string().min(1),
  kind: templateKindSchema,
  audience: z.string().nullable(),
  subject: z.string().nullable(),
  body: z.string(),
});
export type Template = z.infer<typeof templateSchema>;

export const scenarioSchema = z.object({
  key,
  name: z.string().min(1),
  trigger: z.string(),
  steps: z.array(z.string()),
});
export type Scenario = z.infer<typeof scenarioSchema>;

export const paramKindSchema = z.enum([
  'ip',
  'cidr',
  'hostname',
  'url',
  'email',
  'user',
  'path',
  'port',
  'number',
  'date',
  'identifier',
  'text',
]);
export type ParamKind = z.infer<typeof paramKindSchema>;

export const actionParamSchema = z.object({
  name: z.string().min(1),
  kind: paramKindSchema,
  /** The placeholder exactly as written in the command, e.g. "<USER_ID>" or "${HOST}". */
  placeholder: z.string().min(1),
});
export type ActionParam = z.infer<typeof actionParamSchema>;

export const actionSchema = z.object({
  key,
  name: z.string().min(1),
  command: z.string().min(1),
  language: z.string(),
  params: z.array(actionParamSchema),
  phaseKey: key.nullable(),
  /** Stops, deletes, blocks or revokes something: the UI confirms before running it. */
  destructive: z.boolean(),
  line: z.number().int().positive(),
});
export type Action = z.infer<typeof actionSchema>;

export const complianceDutySchema = z.object({
  key,
  framework: z.string().min(1),
  control: z.string(),
  deadline: slaSchema.nullable(),
  description: z.string(),
});
export type ComplianceDuty = z.infer<typeof complianceDutySchema>;

export const referenceSchema = z.object({ title: z.string(), target: z.string() });

export const playbookSchema = z.object({
  key,
  title: z.string().min(1),
  source: z.string().nullable(),
  metadata: z.record(z.string(), z.string()),
  description: z.string(),
  objectives: z.array(z.string()),
  severities: z.array(severityLevelSchema),
  /** Rules of the scheme that apply to every level ("triage within 15 minutes", update cadences). */
  severityNotes: z.array(z.string()).optional(),
  matrix: severityMatrixSchema.nullable(),
  phases: z.array(phaseSchema),
  roles: z.array(roleSchema),
  contacts: z.array(contactSchema),
  templates: z.array(templateSchema),
  scenarios: z.array(scenarioSchema),
  actions: z.array(actionSchema),
  compliance: z.array(complianceDutySchema),
  references: z.array(referenceSchema),
});
export type Playbook = z.infer<typeof playbookSchema>;

/** A place where the importer chose between readings; the review screen offers the others. */
export const importChoiceSchema = z.object({
  id: z.string().min(1).max(100),
  /** What was decided, as a question: "Which table is the severity scheme?" */
  question: z.string().max(300),
  line: z.number().int().nonnegative(),
  chosen: z.string().max(100),
  options: z.array(z.object({ value: z.string().min(1).max(100), label: z.string().max(300), line: z.number().int().nonnegative() })).max(50),
});
export type ImportChoice = z.infer<typeof importChoiceSchema>;

export interface UnparsedBlock {
  line: number;
  text: string;
}

export interface PlaybookImport {
  playbook: Playbook;
  unparsed: UnparsedBlock[];
  warnings: string[];
  choices: ImportChoice[];
}
