import type { Handlers } from './router';
import { actorStamp } from './stamp';
import type { Services } from '../services/container';
import type { ExerciseMethodName } from '../../shared/ipc/exercise-contract';

// Tabletop exercises' methods, spread into createHandlers: parse happened in the router.
export function createExerciseHandlers(services: Services): Pick<Handlers, ExerciseMethodName> {
  const { exercises } = services;
  const stamp = actorStamp(services.settings);
  return {
    scenarioList: () => exercises.scenarioList(),
    scenarioImport: async (input) => exercises.scenarioImport(await stamp(input)),
    exerciseList: () => exercises.list(),
    exerciseStart: async (input) => exercises.start(await stamp(input)),
    exerciseGet: (input) => exercises.get(input.exerciseId),
    exerciseControl: async (input) => exercises.control(await stamp(input)),
    injectFire: async (input) => exercises.fire(await stamp(input)),
    injectSkip: async (input) => exercises.skip(await stamp(input)),
    injectEdit: async (input) => exercises.edit(await stamp(input)),
    exerciseNotes: async (input) => exercises.notes(await stamp(input)),
    exerciseScore: (input) => exercises.get(input.exerciseId).score,
    exerciseReport: async (input) => exercises.report(await stamp(input)),
    exerciseDecision: async (input) => exercises.decide(await stamp(input)),
    objectiveAssess: async (input) => exercises.assess(await stamp(input)),
    hotWashAdd: async (input) => exercises.hotWash(await stamp(input)),
  };
}
