import type { Handlers } from './router';
import type { Services } from '../services/container';
import { actorName } from '../../shared/settings/settings';
import type { WarRoomMethodName } from '../../shared/ipc/warroom-contract';
import { CordonError } from '../../shared/ipc/result';
import { parsePlaybookRef } from '../../shared/playbook/library';
import type { Playbook } from '../../shared/playbook/model';
import * as intents from '../../shared/warroom/intents';

// What a person does in the war room, spread into createHandlers: parse happened in the router.
// Each handler stamps the actor, reads the incident as it is now, lets the pure intent decide
// the one event (or refuse), and appends it.
export function createWarRoomHandlers(services: Services): Pick<Handlers, WarRoomMethodName> {
  const { incidents, playbooks } = services;

  const pinned = (ref: string | null): Playbook | null => {
    const parsed = ref ? parsePlaybookRef(ref) : null;
    return parsed ? playbooks.get(parsed.id, parsed.version).playbook : null;
  };

  /** Runs one intent against the incident as it is now; nothing is awaited between read and write. */
  const decide =
    <C>(intent: (command: C, context: intents.IncidentContext) => intents.Decision) =>
    async (command: C & { incidentId: string }) => {
      const actor = actorName(await services.settings.get());
      const { state, playbookRef } = incidents.current(command.incidentId);
      let decision: intents.Decision;
      try {
        decision = intent(command, { state, playbook: pinned(playbookRef) });
      } catch (error) {
        if (error instanceof intents.IntentRefused) throw new CordonError(error.code, error.message, { cause: error });
        throw error;
      }
      return incidents.record(command.incidentId, actor, decision);
    };

  return {
    noteAdd: async (command) => incidents.record(command.incidentId, actorName(await services.settings.get()), intents.noteAdd(command)),
    eventStar: decide(intents.eventStar),
    severityCall: decide(intents.severityCall),
    statusSet: decide(intents.statusSet),
    phaseStart: decide(intents.phaseStart),
    roleAssign: decide(intents.roleAssign),
    roleHandoff: decide(intents.roleHandoff),
    roleRelease: decide(intents.roleRelease),
    checklistTick: decide(intents.checklistTick),
    checklistUntick: decide(intents.checklistUntick),
    checklistAssign: decide(intents.checklistAssign),
    checklistAdd: decide(intents.checklistAdd),
    personalDataFlag: decide(intents.personalDataFlag),
    regulatorNotified: decide(intents.regulatorNotified),
  };
}
