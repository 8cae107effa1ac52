/**
 * Every kind of event an incident's log can hold. The log is append-only: a change to the
 * incident is always a new event, and a correction or redaction is a new event pointing at
 * the one it changes. The payload of each kind is defined in ./payloads.ts and documented in
 * ./README.md; the store validates every payload against it on the way in.
 *
 * - declared              the first event of every incident: title, real or exercise, severity
 * - note                  free text on the timeline, optionally flagged as a key event
 * - severity_changed      a new severity call (level id from the playbook's scheme)
 * - status_changed        active -> mitigated -> resolved -> closed (any order is allowed)
 * - phase_changed         the playbook phase the team is working in
 * - role_assigned         a person takes (or, with person = null, leaves) a role
 * - checklist_item_set    a checklist item ticked or unticked
 * - checklist_item_assigned  a checklist item given to a person or role (null = unassigned)
 * - personal_data_flagged personal data is (or, on second look, is not) involved: starts regulatory clocks
 * - regulator_notified    a compliance duty (e.g. GDPR art. 33) was met: stops its clock
 * - script_started        a containment action began (argv, simulated or real)
 * - script_finished       ...and ended (exit code, duration, SHA-256 of the output)
 * - evidence_added        a file attached; its bytes live in the evidence table
 * - evidence_exported     chain of custody: a copy of evidence was written out
 * - postmortem_saved      a revision of the post-mortem document
 * - postmortem_status     draft / in_review / published
 * - action_item_created   a follow-up action from the post-mortem
 * - action_item_updated   ...its owner, due date or status changed
 * - amend                 corrects an earlier event: its occurredAt, its payload, its key flag
 * - redact                hides an earlier event's content from views, search and exports
 * - inject                an exercise facilitator's scripted development (exercises only)
 * - comms_update_sent     a stakeholder update the team sent by hand: its audience and its text
 * - document_exported     a post-mortem or after-action report was exported (Markdown, PDF, bundle)
 * - exercise_decision     what the team decided about an inject, typed by the facilitator
 * - objective_assessed    an evaluator's assessment of an exercise objective (met / partly / not met)
 * - hot_wash_noted        one point from the hot wash at the end of an exercise (went well / to improve)
 * - device_joined         a laptop joined the shared incident (written by that laptop once admitted)
 * - device_admitted       the commander admitted a laptop after comparing fingerprints
 * - device_removed        the commander removed a laptop; its later writes are refused
 */
export const eventKinds = [
  'declared',
  'note',
  'severity_changed',
  'status_changed',
  'phase_changed',
  'role_assigned',
  'checklist_item_set',
  'checklist_item_assigned',
  'personal_data_flagged',
  'regulator_notified',
  'script_started',
  'script_finished',
  'evidence_added',
  'evidence_exported',
  'postmortem_saved',
  'postmortem_status',
  'action_item_created',
  'action_item_updated',
  'amend',
  'redact',
  'inject',
  'comms_update_sent',
  'document_exported',
  'exercise_decision',
  'objective_assessed',
  'hot_wash_noted',
  'device_joined',
  'device_admitted',
  'device_removed',
] as const;
export type EventKind = (typeof eventKinds)[number];

/**
 * Kinds the generic `eventAppend` method accepts: the war room's own facts, whose payload
 * alone says everything. Every other kind is written only by the service that owns it, which
 * checks what a bare payload cannot (see `ownerOfKind`): a script run must really have run,
 * a post-mortem revision must not be stale, an evidence event comes with its bytes.
 */
export const appendableKinds = [
  'note',
  'severity_changed',
  'status_changed',
  'phase_changed',
  'role_assigned',
  'checklist_item_set',
  'checklist_item_assigned',
  'personal_data_flagged',
  'regulator_notified',
] as const satisfies readonly EventKind[];
export type AppendableKind = (typeof appendableKinds)[number];

/** The contract method that alone writes each service-owned kind: what a refusal points to. */
export const ownerOfKind: Record<Exclude<EventKind, AppendableKind>, string> = {
  declared: 'incidentDeclare',
  amend: 'eventAmend',
  redact: 'eventRedact',
  script_started: 'actionRun (the scripts service)',
  script_finished: 'actionRun (the scripts service)',
  evidence_added: 'evidenceAdd',
  evidence_exported: 'evidenceExport',
  postmortem_saved: 'postmortemSave (the post-mortem service)',
  postmortem_status: 'postmortemSetStatus (the post-mortem service)',
  action_item_created: 'actionItemSave (the post-mortem service)',
  action_item_updated: 'actionItemSave (the post-mortem service)',
  inject: 'injectFire (the exercise service)',
  comms_update_sent: 'commsUpdateSend (the comms service)',
  document_exported: 'exportMarkdown, exportPdf or exportBundle',
  exercise_decision: 'exerciseDecision',
  objective_assessed: 'objectiveAssess',
  hot_wash_noted: 'hotWashAdd',
  device_joined: 'syncJoin (the sync service)',
  device_admitted: 'syncAdmit (the sync service)',
  device_removed: 'syncRemove (the sync service)',
};

/** Kinds whose payload an amend may replace (the ones describing the world, not the log). */
export const amendablePayloadKinds: readonly EventKind[] = [
  'declared',
  'note',
  'severity_changed',
  'status_changed',
  'phase_changed',
  'role_assigned',
  'checklist_item_set',
  'checklist_item_assigned',
  'personal_data_flagged',
  'regulator_notified',
  'postmortem_status',
  'action_item_created',
  'action_item_updated',
  'inject',
  'exercise_decision',
  'objective_assessed',
  'hot_wash_noted',
];
