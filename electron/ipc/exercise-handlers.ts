import type { Handlers } from './router';
import type { Services } from '../services/container';
import type { ExerciseMethodName } from '../../shared/ipc/exercise-contract';

// Tabletop exercises' methods, spread into createHandlers: parse happened in the router.
export function createExerciseHandlers(services: Services): Pick<Handlers, ExerciseMethodName> {
  const { exercises } = services;
  return {
    scenarioList: () => exercises.scenarioList(),
    scenarioImport: (input) => exercises.scenarioImport(input),
    exerciseList: () => exercises.list(),
    exerciseStart: (input) => exercises.start(input),
    exerciseGet: (input) => exercises.get(input.exerciseId),
    exerciseControl: (input) => exercises.control(input),
    injectFire: (input) => exercises.fire(input),
    injectSkip: (input) => exercises.skip(input),
    injectEdit: (input) => exercises.edit(input),
    exerciseNotes: (input) => exercises.notes(input),
    exerciseScore: (input) => exercises.get(input.exerciseId).score,
    exerciseReport: (input) => exercises.report(input),
    exerciseDecision: (input) => exercises.decide(input),
    objectiveAssess: (input) => exercises.assess(input),
    hotWashAdd: (input) => exercises.hotWash(input),
  };
}
