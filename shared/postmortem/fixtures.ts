import type { LoggedEvent } from '../events/event';
import { collectCorrections, foldIncident } from '../events/fold';
import { eventView } from '../events/views';
import type { EventBody } from '../events/payloads';
import type { EventView, IncidentSummary } from '../events/read-models';
import type { Playbook } from '../playbook/model';
import { samplePlaybook } from '../warroom/fixtures';
import type { PostmortemSource } from './source';

// Test data for the post-mortem's tests and benchmark: a log built event by event with fixed
// times and fake (but well-formed) hashes, folded exactly as the store folds it. Pure.

export const sampleIncidentId = '0190a000-0000-7000-8000-000000000001';

export interface FixtureEvent {
  at: string;
  /** When it was written, when not `at` (a backdated event). */
  recordedAt?: string;
  actor?: string;
  body: EventBody;
}

export function sourceFrom(events: readonly FixtureEvent[], playbook: Playbook | null = samplePlaybook, incidentId = sampleIncidentId): PostmortemSource {
  const logged: LoggedEvent[] = events.map((e, i) => {
    const n = i + 1;
    const hex = n.toString(16).padStart(12, '0');
    return {
      ...e.body,
      id: `0190a000-0000-7000-9000-${hex}`,
      incidentId,
      n,
      actor: e.actor ?? 'Ana Lima',
      occurredAt: e.at,
      recordedAt: e.recordedAt ?? e.at,
      prevHash: n === 1 ? '0'.repeat(64) : `${(n - 1).toString(16).padStart(4, '0')}${'a'.repeat(60)}`,
      hash: `${hex.slice(-4)}${'a'.repeat(60)}`,
    } as LoggedEvent;
  });
  const state = foldIncident(logged);
  const keys = new Set(state.keyEventIds);
  const corrections = collectCorrections(logged);
  const views: EventView[] = logged.map((e) => eventView(e, corrections, keys.has(e.id)));
  const incident: IncidentSummary = {
    id: incidentId,
    title: state.title,
    kind: state.kind,
    status: state.status,
    severity: state.severity,
    phase: state.phase,
    declaredAt: state.declaredAt,
    updatedAt: state.updatedAt,
    eventCount: state.eventCount,
    commander: state.roles.commander?.person ?? null,
    playbookRef: playbook ? 'default:1' : null,
    headHash: state.headHash,
  };
  return { incident, state, events: views, playbook };
}

/** A small but complete incident: backdated impact, severity calls, phases, a script run, action items. */
export function sampleEvents(): FixtureEvent[] {
  return [
    { at: '2024-05-01T09:10:00.000Z', body: { kind: 'declared', payload: { title: 'Checkout API returning 500s', kind: 'real', severity: 'sev3', summary: 'Payments failed for EU customers after a deploy.', playbookId: 'default', commander: 'Ana Lima' } } },
    { at: '2024-05-01T08:52:00.000Z', body: { kind: 'note', payload: { text: 'Deploy 2024.11.3 rolled out to eu-west | canary skipped' } } },
    { at: '2024-05-01T09:12:00.000Z', body: { kind: 'severity_changed', payload: { severity: 'sev1', reason: 'All EU customers cannot pay', cell: { row: 'Extensive', column: 'High' } } } },
    { at: '2024-05-01T09:13:00.000Z', body: { kind: 'phase_changed', payload: { phase: 'detection' } } },
    { at: '2024-05-01T09:14:00.000Z', body: { kind: 'checklist_item_set', payload: { itemId: 'ack', phase: 'detection', done: true } } },
    { at: '2024-05-01T09:15:00.000Z', actor: 'Sam Okafor', body: { kind: 'note', payload: { text: 'Error rate at 40% on checkout-api', key: true } } },
    { at: '2024-05-01T09:20:00.000Z', body: { kind: 'phase_changed', payload: { phase: 'containment' } } },
    { at: '2024-05-01T09:21:00.000Z', body: { kind: 'script_started', payload: { runId: 'run-1', actionId: 'rollback', argv: ['kubectl', 'rollout', 'undo', 'deploy/checkout'], simulated: false } } },
    { at: '2024-05-01T09:22:30.000Z', body: { kind: 'script_finished', payload: { runId: 'run-1', outcome: 'succeeded', exitCode: 0, durationMs: 90_000, outputSha256: 'b'.repeat(64), outputBytes: 2048 } } },
    { at: '2024-05-01T09:23:00.000Z', body: { kind: 'checklist_item_set', payload: { itemId: 'isolate', phase: 'containment', done: true } } },
    { at: '2024-05-01T09:30:00.000Z', body: { kind: 'status_changed', payload: { status: 'mitigated' } } },
    { at: '2024-05-01T10:05:00.000Z', body: { kind: 'status_changed', payload: { status: 'resolved', reason: 'Error rate back to baseline' } } },
    { at: '2024-05-01T11:00:00.000Z', body: { kind: 'action_item_created', payload: { actionItemId: 'ai-1', title: 'Alert on checkout 5xx rate', owner: 'Sam Okafor', dueDate: '2024-05-15', type: 'detective' } } },
    { at: '2024-05-01T11:01:00.000Z', body: { kind: 'action_item_created', payload: { actionItemId: 'ai-2', title: 'Make canary mandatory', type: 'preventive' } } },
    { at: '2024-05-01T11:02:00.000Z', body: { kind: 'action_item_updated', payload: { actionItemId: 'ai-1', status: 'in_progress' } } },
  ];
}

export const sampleSource = (): PostmortemSource => sourceFrom(sampleEvents());
