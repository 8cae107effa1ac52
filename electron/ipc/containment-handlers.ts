import type { Handlers } from './router';
import { actorStamp } from './stamp';
import type { Services } from '../services/container';
import type { ActionMethodName } from '../../shared/ipc/containment-contract';

// Containment actions and script runs, spread into createHandlers: parse happened in the router.
export function createActionHandlers(services: Services): Pick<Handlers, ActionMethodName> {
  const { scripts } = services;
  const stamp = actorStamp(services.settings);
  return {
    actionList: ({ incidentId }) => scripts.list(incidentId),
    actionSave: async (input) => scripts.save(await stamp(input)),
    actionDelete: ({ id }) => scripts.delete(id),
    actionDryRun: (input) => scripts.dryRun(input),
    actionRun: async (input) => scripts.run(await stamp(input)),
    actionCancel: ({ runId }) => scripts.cancel(runId),
    scriptOutput: ({ runId }) => scripts.output(runId),
    scriptRuns: ({ incidentId }) => scripts.runs(incidentId),
  };
}
