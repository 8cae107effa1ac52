import type { Stamped } from './actor';
import type { PayloadOf } from '../../shared/events/payloads';
import type { LoggedEvent } from '../../shared/events/event';
import type { ParsedInput } from '../../shared/ipc/contract';
import type { StoredEvent } from '../../shared/ipc/store-schemas';
import type { AppendRequest } from '../store/event-log';
import type { Vault } from '../store/vault';
import type { PushBus } from './push-bus';

/** Incidents and their timelines, over the vault's open store; every write is pushed. */
export function createIncidentService(vault: Vault, bus: PushBus) {
  const changed = (event: LoggedEvent): StoredEvent => {
    bus.publish({ topic: 'incident.changed', incidentId: event.incidentId, eventId: event.id });
    return event as StoredEvent;
  };
  const append = (request: AppendRequest) => changed(vault.use((store) => store.log.append(request).event));

  return {
    declare(input: Stamped<'incidentDeclare'>) {
      const { actor, occurredAt, ...rest } = input;
      const payload: PayloadOf<'declared'> = { ...rest };
      return vault.use((store) => {
        const { event } = store.log.declare(actor, payload, occurredAt);
        changed(event);
        return store.log.summary(event.incidentId);
      });
    },
    list: (input: ParsedInput<'incidentList'>) => vault.use((store) => store.log.list(input)),
    get(input: ParsedInput<'incidentGet'>) {
      return vault.use((store) => {
        const incident = store.log.summary(input.incidentId);
        const state = store.log.state(input.incidentId) as unknown as Record<string, unknown>;
        return { incident, state, ...store.log.page(input.incidentId, input.after, input.limit) };
      });
    },
    async verify(input: ParsedInput<'incidentVerify'>) {
      const incidents = await vault.use((store) => {
        if (input.incidentId) store.log.summary(input.incidentId); // not_found for an unknown id
        return store.verifyInParallel(input.incidentId);
      });
      return { ok: incidents.every((v) => v.ok), incidents };
    },
    append: (input: Stamped<'eventAppend'>) =>
      append({
        incidentId: input.incidentId,
        actor: input.actor,
        occurredAt: input.occurredAt,
        body: { kind: input.kind, payload: input.payload } as AppendRequest['body'],
      }),
    amend(input: Stamped<'eventAmend'>) {
      const { incidentId, actor, ...payload } = input;
      return append({ incidentId, actor, body: { kind: 'amend', payload } });
    },
    redact(input: Stamped<'eventRedact'>) {
      const { incidentId, actor, ...payload } = input;
      return append({ incidentId, actor, body: { kind: 'redact', payload } });
    },
  };
}
export type IncidentService = ReturnType<typeof createIncidentService>;
