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
 * The contract methods that alone write each kind. There is no generic way in: the war room's
 * facts each have a method per intent (shared/ipc/warroom-contract.ts), and every other kind is
 * written only by the service that owns it, which checks what a bare payload cannot (a script
 * run must really have run, a post-mortem revision must not be stale, evidence comes with its
 * bytes). The ownership test (electron/ipc/warroom-ownership.test.ts) holds the methods to this.
 */
export const writersOfKind = {
  declared: ['incidentDeclare'],
  note: ['noteAdd'],
  severity_changed: ['severityCall'],
  status_changed: ['statusSet'],
  phase_changed: ['phaseStart'],
  role_assigned: ['roleAssign', 'roleHandoff', 'roleRelease'],
  checklist_item_set: ['checklistTick', 'checklistUntick', 'checklistAdd'],
  checklist_item_assigned: ['checklistAssign'],
  personal_data_flagged: ['personalDataFlag'],
  // A notice sent as a stakeholder update to a regulator records it too (the comms service).
  regulator_notified: ['regulatorNotified', 'commsUpdateSend'],
  amend: ['eventAmend', 'eventStar'],
  redact: ['eventRedact'],
  script_started: ['actionRun'],
  // Written when the run ends, however it ends (done, timed out, cancelled, the app quitting).
  script_finished: ['actionRun'],
  evidence_added: ['evidenceAdd'],
  evidence_exported: ['evidenceExport', 'exportBundle'],
  postmortem_saved: ['postmortemSave'],
  postmortem_status: ['postmortemSetStatus'],
  action_item_created: ['actionItemSave'],
  action_item_updated: ['actionItemSave'],
  // Also fired by the exercise's own timer when an inject falls due.
  inject: ['injectFire'],
  comms_update_sent: ['commsUpdateSend'],
  document_exported: ['exportMarkdown', 'exportPdf', 'exportBundle', 'exerciseReport'],
  exercise_decision: ['exerciseDecision'],
  objective_assessed: ['objectiveAssess'],
  hot_wash_noted: ['hotWashAdd'],
  // Written by the sync service as laptops join, are admitted and are removed.
  device_joined: ['syncJoin'],
  device_admitted: ['syncAdmit'],
  device_removed: ['syncRemove'],
} as const satisfies Record<EventKind, readonly string[]>;

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
