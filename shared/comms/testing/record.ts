import type { LoggedEvent } from '../../events/event';
import { foldIncident } from '../../events/fold';
import type { EventBody } from '../../events/payloads';
import type { EventView } from '../../ipc/store-schemas';
import type { Playbook } from '../../playbook/model';
import type { PostmortemSource } from '../../postmortem/source';

// A record for tests, built through the real fold: events as the store would hand them out
// (no amends), the state folded from them, the summary the list would show.

export interface Step {
  /** When it was recorded (and happened, unless `occurredAt` backdates it). */
  at: string;
  occurredAt?: string;
  body: EventBody;
  actor?: string;
}

const idOf = (n: number) => `00000000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;

export function recordOf(playbook: Playbook | null, steps: readonly Step[], incidentId = '0b6a1f5e-8a1c-4c1e-9b1a-1f2e3d4c5b6a'): PostmortemSource {
  const logged: LoggedEvent[] = steps.map((s, i) => ({
    ...s.body,
    id: idOf(i + 1),
    incidentId,
    n: i + 1,
    actor: s.actor ?? 'Dana Reyes',
    occurredAt: new Date(s.occurredAt ?? s.at).toISOString(),
    recordedAt: new Date(s.at).toISOString(),
    prevHash: '0'.repeat(64),
    hash: String(i + 1).padStart(64, '0'),
  })) as LoggedEvent[];
  const state = foldIncident(logged);
  const events: EventView[] = logged.map((e) => ({
    ...e,
    payload: e.payload as Record<string, unknown>,
    effectiveOccurredAt: e.occurredAt,
    effectivePayload: e.payload as Record<string, unknown>,
    amendedBy: [],
    redactedBy: null,
    key: state.keyEventIds.includes(e.id),
  }));
  return {
    incident: {
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
      playbookRef: state.playbookId,
      headHash: state.headHash,
    },
    state,
    events,
    playbook,
  };
}
