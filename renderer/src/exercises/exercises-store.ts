import { create } from 'zustand';
import type { ExerciseListItem, ExerciseView, ScenarioListItem } from '../../../shared/ipc/exercise-contract';
import type { MethodInput } from '../../../shared/ipc/contract';
import type { UnderstoodLine } from '../../../shared/exercises/import-markdown';
import { cordon } from '../platform/cordon';
import { downloadBase64 } from '../postmortem/download';
import type { ActionItemEdit } from '../postmortem/postmortem-store';

// The facilitator console's state: the scenario library, past and running exercises, and the
// exercise open in the console. Pushed 'exercise.changed' / 'incident.changed' refresh it.

interface ExercisesState {
  scenarios: ScenarioListItem[];
  exercises: ExerciseListItem[];
  view: ExerciseView | null;
  error: string | null;
  importResult: { titles: string[]; errors: string[]; unparsed: UnderstoodLine[] } | null;
  busy: boolean;
  loadLibrary(): Promise<void>;
  open(exerciseId: string): () => void;
  refresh(): Promise<void>;
  start(input: MethodInput<'exerciseStart'>): Promise<string | null>;
  importScenario(input: MethodInput<'scenarioImport'>): Promise<void>;
  control(action: 'start' | 'pause' | 'resume' | 'finish' | 'speed', speed?: number): Promise<void>;
  inject(op: 'fire' | 'skip', injectId: string): Promise<void>;
  editInject(injectId: string, text: string): Promise<boolean>;
  saveNotes(notes: string): Promise<void>;
  report(format: 'md' | 'pdf'): Promise<void>;
  /** The after-action review: each call is one event on the exercise's timeline. True when saved. */
  decide(injectId: string, text: string): Promise<boolean>;
  assess(objectiveId: string, rating: 'met' | 'partly' | 'not_met', note: string): Promise<boolean>;
  hotWash(category: 'went_well' | 'to_improve', text: string): Promise<boolean>;
  saveItem(edit: ActionItemEdit): Promise<boolean>;
}

export const useExercises = create<ExercisesState>((set, get) => {
  const apply = (r: Awaited<ReturnType<ReturnType<typeof cordon>['exerciseGet']>>) => {
    if (r.ok) set({ view: r.value, error: null });
    else set({ error: r.error.message });
    return r.ok;
  };
  return {
    scenarios: [],
    exercises: [],
    view: null,
    error: null,
    importResult: null,
    busy: false,
    async loadLibrary() {
      const [s, e] = await Promise.all([cordon().scenarioList(), cordon().exerciseList()]);
      set({ scenarios: s.ok ? s.value : [], exercises: e.ok ? e.value : [], error: s.ok ? (e.ok ? null : e.error.message) : s.error.message });
    },
    open(exerciseId) {
      set({ view: get().view?.id === exerciseId ? get().view : null, error: null });
      void cordon().exerciseGet({ exerciseId }).then(apply);
      return cordon().subscribe((event) => {
        const v = get().view;
        if (
          event.topic === 'channel.opened' ||
          (event.topic === 'exercise.changed' && event.exerciseId === exerciseId) ||
          (event.topic === 'incident.changed' && v && event.incidentId === v.incidentId)
        ) {
          void get().refresh();
        }
      });
    },
    async refresh() {
      const v = get().view;
      if (v) apply(await cordon().exerciseGet({ exerciseId: v.id }));
    },
    async start(input) {
      set({ busy: true });
      const r = await cordon().exerciseStart(input);
      set({ busy: false });
      if (!r.ok) {
        set({ error: r.error.message });
        return null;
      }
      set({ view: r.value, error: null });
      return r.value.id;
    },
    async importScenario(input) {
      const r = await cordon().scenarioImport(input);
      if (!r.ok) set({ importResult: { titles: [], errors: [r.error.message], unparsed: [] } });
      else {
        set({ importResult: { titles: r.value.scenarios.map((s) => s.title), errors: r.value.errors, unparsed: r.value.unparsed } });
        await get().loadLibrary();
      }
    },
    async control(action, speed) {
      const v = get().view;
      if (v) apply(await cordon().exerciseControl({ exerciseId: v.id, action, ...(speed !== undefined ? { speed } : {}) }));
    },
    async inject(op, injectId) {
      const v = get().view;
      if (!v) return;
      const input = { exerciseId: v.id, injectId };
      apply(op === 'fire' ? await cordon().injectFire(input) : await cordon().injectSkip(input));
    },
    async editInject(injectId, text) {
      const v = get().view;
      return v ? apply(await cordon().injectEdit({ exerciseId: v.id, injectId, text })) : false;
    },
    async saveNotes(notes) {
      const v = get().view;
      if (v) apply(await cordon().exerciseNotes({ exerciseId: v.id, notes }));
    },
    async report(format) {
      const v = get().view;
      if (!v) return;
      const r = await cordon().exerciseReport({ exerciseId: v.id, format, inline: true });
      if (!r.ok) set({ error: r.error.message });
      else if (r.value.base64 !== undefined) downloadBase64(r.value.base64, r.value.fileName, r.value.mediaType);
    },
    async decide(injectId, text) {
      const v = get().view;
      return v ? apply(await cordon().exerciseDecision({ exerciseId: v.id, injectId, text })) : false;
    },
    async assess(objectiveId, rating, note) {
      const v = get().view;
      return v ? apply(await cordon().objectiveAssess({ exerciseId: v.id, objectiveId, rating, ...(note.trim() ? { note: note.trim() } : {}) })) : false;
    },
    async hotWash(category, text) {
      const v = get().view;
      return v ? apply(await cordon().hotWashAdd({ exerciseId: v.id, category, text })) : false;
    },
    async saveItem(edit) {
      const v = get().view;
      if (!v) return false;
      const r = await cordon().actionItemSave({ incidentId: v.incidentId, ...edit });
      if (!r.ok) {
        set({ error: r.error.message });
        return false;
      }
      await get().refresh();
      return true;
    },
  };
});
