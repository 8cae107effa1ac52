import { addedAudienceKey, audiencesFor, communicationTemplates, type Audience } from '../../shared/comms/audiences';
import type { PayloadOf } from '../../shared/events/payloads';
import { exerciseTimeAt, type ClockState } from '../../shared/exercises/clock';
import type { ParsedInput } from '../../shared/ipc/contract';
import { CordonError } from '../../shared/ipc/result';
import type { StoredEvent } from '../../shared/ipc/store-schemas';
import type { Store } from '../store/store';
import { loadPostmortemSource } from './export/source';

export interface CommsServiceDeps {
  /** Runs `fn` with the open store (the vault's `use`). */
  withStore<T>(fn: (store: Store) => T): T;
  /** Who is at the keyboard (the name in settings): the actor of every update marked sent. */
  actor(): Promise<string>;
  now: () => number;
}

/**
 * Stakeholder updates. Cordon sends nothing: the team sends each update by hand, then marks it
 * sent, which writes a `comms_update_sent` event (and, for a regulator notice that meets a
 * compliance duty, the `regulator_notified` event that stops that duty's clock, in the same
 * transaction). The audience must be one of the incident's, or be added by name.
 */
export function createCommsService(deps: CommsServiceDeps) {
  const exerciseClock = (store: Store, incidentId: string): ClockState | null => {
    const clock = store.exercises.clockOfIncident(incidentId);
    return clock ? (JSON.parse(clock) as ClockState) : null;
  };

  const audienceOf = (known: readonly Audience[], input: ParsedInput<'commsUpdateSend'>): Pick<Audience, 'key' | 'name' | 'kind'> => {
    if (input.newAudience) {
      const key = addedAudienceKey(input.newAudience.name);
      return known.find((a) => a.key === key) ?? { key, name: input.newAudience.name, kind: input.newAudience.kind };
    }
    const found = known.find((a) => a.key === input.audience);
    if (!found) {
      throw new CordonError('bad_input', `This incident has no audience “${String(input.audience)}”. Choose one of ${known.map((a) => a.name).join(', ')}, or add it as a new audience.`);
    }
    return found;
  };

  async function send(input: ParsedInput<'commsUpdateSend'>): Promise<StoredEvent> {
    const actor = await deps.actor();
    // One user action, one transaction: the notice and the duty it meets commit (and are signalled) together.
    const { events } = deps.withStore((store) =>
      store.write((tx) => {
        const source = loadPostmortemSource(store, input.incidentId);
        const audience = audienceOf(audiencesFor(source.playbook, source.events), input);
        if (input.templateKey !== undefined && !communicationTemplates(source.playbook).some((t) => t.key === input.templateKey)) {
          throw new CordonError('bad_input', `The playbook has no communication template “${input.templateKey}”.`);
        }
        const duty = input.dutyKey === undefined ? null : (source.playbook?.compliance.find((d) => d.key === input.dutyKey) ?? null);
        if (input.dutyKey !== undefined && (!duty || audience.kind !== 'regulator')) {
          throw new CordonError('bad_input', duty ? 'Only a notice to a regulator meets a compliance duty.' : `The playbook has no compliance duty “${input.dutyKey}”.`);
        }
        const at = deps.now();
        const clock = source.incident.kind === 'exercise' ? exerciseClock(store, input.incidentId) : null;
        const payload: PayloadOf<'comms_update_sent'> = {
          audience: audience.key,
          audienceName: audience.name,
          audienceKind: audience.kind,
          text: input.text,
          format: input.format,
          ...(input.subject !== undefined ? { subject: input.subject } : {}),
          ...(input.channel !== undefined ? { channel: input.channel } : {}),
          ...(input.templateKey !== undefined ? { templateKey: input.templateKey } : {}),
          ...(input.nextUpdateMinutes !== undefined ? { nextUpdateMinutes: input.nextUpdateMinutes } : {}),
          ...(source.state.severity ? { severity: source.state.severity } : {}),
          ...(duty ? { dutyKey: duty.key } : {}),
          ...(clock ? { exerciseMs: Math.floor(exerciseTimeAt(clock, at)) } : {}),
        };
        const occurredAt = new Date(at).toISOString();
        tx.append({ incidentId: input.incidentId, actor, occurredAt, body: { kind: 'comms_update_sent', payload } });
        if (duty && source.state.notified[duty.key] === undefined) {
          const notified: PayloadOf<'regulator_notified'> = { dutyKey: duty.key, authority: audience.name };
          tx.append({ incidentId: input.incidentId, actor, occurredAt, body: { kind: 'regulator_notified', payload: notified } });
        }
      }),
    );
    return events[0] as StoredEvent;
  }

  return { send };
}
export type CommsService = ReturnType<typeof createCommsService>;
