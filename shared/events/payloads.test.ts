import { describe, expect, it } from 'vitest';
import { eventKinds, type EventKind } from './kinds';
import { eventBodySchema, payloadSchemas } from './payloads';

const id = '0b6a1f5e-8a1c-4c1e-9b1a-1f2e3d4c5b6a';
const sha = 'a'.repeat(64);

/** A valid payload of every kind: documents the shapes and keeps the schemas honest. */
const examplePayloads: Record<EventKind, Record<string, unknown>> = {
  declared: { title: 'Checkout errors', kind: 'real', severity: 'SEV2', commander: 'Ana' },
  note: { text: 'Error rate 12% on checkout', key: true },
  severity_changed: { severity: 'SEV1', reason: 'Revenue impact confirmed' },
  status_changed: { status: 'mitigated' },
  phase_changed: { phase: 'containment' },
  role_assigned: { role: 'scribe', person: 'Bo' },
  checklist_item_set: { itemId: 'contain.isolate-host', phase: 'containment', label: 'Isolate host', done: true },
  checklist_item_assigned: { itemId: 'contain.isolate-host', phase: 'containment', assignee: 'Technical Lead' },
  personal_data_flagged: { involved: true, reason: 'customer e-mail addresses in the dump' },
  regulator_notified: { dutyKey: 'gdpr-art-33', authority: 'CNIL', reference: 'NOT-2026-114' },
  script_started: { runId: 'run-1', actionId: 'disable-user', argv: ['disable-user', '--id', '42'], simulated: false },
  script_finished: { runId: 'run-1', outcome: 'succeeded', exitCode: 0, durationMs: 812, outputSha256: sha, outputBytes: 120 },
  evidence_added: { evidenceId: id, name: 'auth.log', mediaType: 'text/plain', size: 10, sha256: sha },
  evidence_exported: { evidenceId: id, sha256: sha, size: 10, destination: '/home/ana/auth.log' },
  postmortem_saved: { revision: 1, markdown: '# What happened' },
  postmortem_status: { status: 'in_review' },
  action_item_created: { actionItemId: 'ai-1', title: 'Add alert on replica lag', owner: 'Bo', dueDate: '2024-06-01' },
  action_item_updated: { actionItemId: 'ai-1', status: 'done' },
  amend: { targetEventId: id, reason: 'Impact started earlier', occurredAt: '2024-05-01T09:12:00Z' },
  redact: { targetEventId: id, reason: 'Contained a customer’s email address' },
  inject: { title: 'Press enquiry', text: 'A journalist calls about the outage.' },
  comms_update_sent: { audience: 'executive', audienceName: 'Executives', audienceKind: 'executive', text: 'Checkout is down for EU customers.', format: 'plain', nextUpdateMinutes: 60, severity: 'SEV1' },
  document_exported: { document: 'postmortem', format: 'pdf', fileName: 'checkout-postmortem.pdf', bytes: 48_213, sha256: sha, chainHead: sha, revision: 3, destination: 'browser download' },
  exercise_decision: { injectId: 'press-inquiry', text: 'Comms lead answers with the holding statement; no detail on cause.' },
  objective_assessed: { objectiveId: 'o1', rating: 'partly', note: 'Key revoked at T+25m, 10 minutes late.' },
  hot_wash_noted: { category: 'to_improve', text: 'Nobody owned the customer list.' },
  device_joined: { deviceId: 'ab'.repeat(32), name: 'Ben’s laptop', fingerprint: '123 456 789' },
  device_admitted: { deviceId: 'ab'.repeat(32), name: 'Ben’s laptop', fingerprint: '123 456 789' },
  device_removed: { deviceId: 'ab'.repeat(32), name: 'Ben’s laptop', cutoff: 4 },
};

describe('payload schemas', () => {
  it.each(eventKinds)('accepts a valid %s payload', (kind) => {
    expect(payloadSchemas[kind].safeParse(examplePayloads[kind]).success).toBe(true);
    expect(eventBodySchema.safeParse({ kind, payload: examplePayloads[kind] }).success).toBe(true);
  });

  it.each(eventKinds)('refuses unknown fields in %s', (kind) => {
    expect(payloadSchemas[kind].safeParse({ ...examplePayloads[kind], extra: 1 }).success).toBe(false);
  });

  it('refuses an unknown kind, a payload of the wrong kind, and local times', () => {
    expect(eventBodySchema.safeParse({ kind: 'nope', payload: {} }).success).toBe(false);
    expect(eventBodySchema.safeParse({ kind: 'note', payload: examplePayloads.status_changed }).success).toBe(false);
    expect(payloadSchemas.amend.safeParse({ targetEventId: id, reason: 'x', occurredAt: '2024-05-01 09:12' }).success).toBe(false);
    expect(payloadSchemas.amend.safeParse({ targetEventId: id, reason: 'nothing changes' }).success).toBe(false);
  });

  it('normalises UTC times to milliseconds', () => {
    const parsed = payloadSchemas.amend.parse(examplePayloads.amend);
    expect(parsed.occurredAt).toBe('2024-05-01T09:12:00.000Z');
  });
});
