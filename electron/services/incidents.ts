import type { Stamped } from './actor';
import type { EventBody, PayloadOf } from '../../shared/events/payloads';
import type { ParsedInput } from '../../shared/ipc/contract';
import type { StoredEvent } from '../../shared/ipc/store-schemas';
import type { AppendRequest } from '../store/event-log';
import type { Vault } from '../store/vault';

/**
 * Incidents and their timelines, over the vault's open store. Every write goes through
 * `store.write`, whose commit signal tells the windows (see container.ts): nothing here publishes.
 */
export function createIncidentService(vault: Vault) {
  const append = (request: AppendRequest) => vault.use((store) => store.write((tx) => tx.append(request)).value.event as StoredEvent);

  return {
    declare(input: Stamped<'incidentDeclare'>) {
      const { actor, occurredAt, ...rest } = input;
      const payload: PayloadOf<'declared'> = { ...rest };
      return vault.use((store) => {
        const { event } = store.write((tx) => tx.declare(actor, payload, occurredAt)).value;
        return store.log.summary(event.incidentId);
      });
    },
    list: (input: ParsedInput<'incidentList'>) =>
      vault.use((store) => {
        // The index follows appends in batches; a search first brings it up to the newest event.
        if (input.query) store.catchUpSearch();
        return store.log.list(input);
      }),
    get(input: ParsedInput<'incidentGet'>) {
      return vault.use((store) => {
        const incident = store.log.summary(input.incidentId);
        return { incident, state: store.log.state(input.incidentId), ...store.log.page(input.incidentId, input.after, input.limit) };
      });
    },
    async verify(input: ParsedInput<'incidentVerify'>) {
      const incidents = await vault.use((store) => {
        if (input.incidentId) store.log.summary(input.incidentId); // not_found for an unknown id
        return store.verifyInParallel(input.incidentId);
      });
      return { ok: incidents.every((v) => v.ok), incidents };
    },
    /**
     * What a command decides with: the incident's current state and its pinned playbook's
     * reference. Read and then `record` with no await between, a decision is made on the state it
     * is appended to (one connection, synchronous calls: nothing else writes in between).
     */
    current: (incidentId: string) =>
      vault.use((store) => ({ state: store.log.state(incidentId), playbookRef: store.log.summary(incidentId).playbookRef })),
    /** Appends the one event a war-room command decided on, in the actor's name. */
    record: (incidentId: string, actor: string, decision: { body: EventBody; occurredAt?: string | undefined }) =>
      append({ incidentId, actor, occurredAt: decision.occurredAt, body: decision.body }),
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
