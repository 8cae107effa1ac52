import type { Handlers } from './router';
import type { Services } from '../services/container';
import type { ActionMethodName } from '../../shared/ipc/action-contract';

// Containment actions and script runs, spread into createHandlers: parse happened in the router.
export function createActionHandlers(services: Services): Pick<Handlers, ActionMethodName> {
  const { scripts } = services;
  return {
    actionList: ({ incidentId }) => scripts.list(incidentId),
    actionSave: (input) => scripts.save(input),
    actionDelete: ({ id }) => scripts.delete(id),
    actionDryRun: (input) => scripts.dryRun(input),
    actionRun: (input) => scripts.run(input),
    actionCancel: ({ runId }) => scripts.cancel(runId),
    scriptOutput: ({ runId }) => scripts.output(runId),
    scriptRuns: ({ incidentId }) => scripts.runs(incidentId),
  };
}
