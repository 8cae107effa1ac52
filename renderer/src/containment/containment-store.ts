import { create } from 'zustand';
import type { ActionSaveInput, ListedAction, OutputSegment, RunPlan, ScriptRun } from '../../../shared/containment/model';
import type { MethodInput } from '../../../shared/ipc/contract';
import { cordon } from '../platform/cordon';

/** Characters of output kept per run in the page (the DOM shows these); older text is dropped from view. */
export const maxRenderedChars = 64 * 1024;

export interface LiveOutput {
  segments: OutputSegment[];
  /** Characters dropped from the front of the view (and bytes the main process left out of the live feed). */
  hiddenChars: number;
  droppedBytes: number;
}

/** Appends to a run's view, keeping only the last `max` characters. Pure, so it is tested alone. */
export function appendOutput(current: LiveOutput | undefined, stream: OutputSegment['stream'], text: string, droppedBytes = 0, max = maxRenderedChars): LiveOutput {
  const segments = current ? current.segments.map((s) => ({ ...s })) : [];
  let hiddenChars = current?.hiddenChars ?? 0;
  const last = segments.at(-1);
  if (text !== '') {
    if (last && last.stream === stream) last.text += text;
    else segments.push({ stream, text });
  }
  let total = segments.reduce((n, s) => n + s.text.length, 0);
  while (total > max && segments.length > 0) {
    const first = segments[0];
    if (!first) break;
    const over = total - max;
    if (first.text.length <= over) {
      segments.shift();
      total -= first.text.length;
      hiddenChars += first.text.length;
    } else {
      first.text = first.text.slice(over);
      total -= over;
      hiddenChars += over;
    }
  }
  return { segments, hiddenChars, droppedBytes: (current?.droppedBytes ?? 0) + droppedBytes };
}

type RunRequest = { actionId: string; params: Record<string, string> };

/** What starting a run came to, for the form: started, a plan the person must confirm (with the main process's token), declined in the native dialog, or an error. */
export type RunOutcome = { started: ScriptRun } | { confirm: RunPlan; token: string; expiresAt: string } | { declined: true } | { error: string };

interface ActionsState {
  incidentId: string | null;
  actions: ListedAction[];
  library: ListedAction[];
  runs: ScriptRun[];
  output: Record<string, LiveOutput>;
  error: string | null;
  /** Loads the incident's actions and runs and follows the push topics; returns the unsubscribe. */
  open(incidentId: string): () => void;
  reload(): Promise<void>;
  loadLibrary(): Promise<void>;
  loadOutput(runId: string): Promise<void>;
  dryRun(request: RunRequest): Promise<{ plan: RunPlan } | { error: string }>;
  /** Without a token: asks to run (the main process may answer with a plan to confirm). With one: runs the plan it confirmed. */
  run(request: RunRequest & { confirmation?: string }): Promise<RunOutcome>;
  cancel(runId: string): Promise<void>;
  save(input: MethodInput<'actionSave'>): Promise<{ action: ListedAction } | { error: string }>;
  remove(id: string): Promise<string | null>;
}

export const useActions = create<ActionsState>((set, get) => {
  const upsertRun = (run: ScriptRun) =>
    set((s) => ({ runs: [run, ...s.runs.filter((r) => r.runId !== run.runId)].sort((a, b) => b.startedAt.localeCompare(a.startedAt)) }));

  return {
    incidentId: null,
    actions: [],
    library: [],
    runs: [],
    output: {},
    error: null,
    open(incidentId) {
      set({ incidentId, actions: [], runs: [], output: {}, error: null });
      void get().reload();
      const unsubscribe = cordon().subscribe((event) => {
        if (get().incidentId !== incidentId) return;
        if (event.topic === 'script.output' && event.incidentId === incidentId) {
          set((s) => ({ output: { ...s.output, [event.runId]: appendOutput(s.output[event.runId], event.stream, event.chunk, event.dropped ?? 0) } }));
        } else if (event.topic === 'script.state' && event.incidentId === incidentId) {
          set((s) => ({ runs: s.runs.map((r) => (r.runId === event.runId ? { ...r, state: event.state, exitCode: event.exitCode ?? r.exitCode } : r)) }));
          // The finished record (duration, hash, kept output) comes from the store.
          if (event.state !== 'running') void get().reload();
        } else if (event.topic === 'channel.opened' || (event.topic === 'vault.changed' && event.state === 'unlocked')) void get().reload();
      });
      return unsubscribe;
    },
    async reload() {
      const incidentId = get().incidentId;
      if (!incidentId) return;
      const [actions, runs] = await Promise.all([cordon().actionList({ incidentId }), cordon().scriptRuns({ incidentId })]);
      if (get().incidentId !== incidentId) return;
      set({
        actions: actions.ok ? actions.value : get().actions,
        runs: runs.ok ? runs.value : get().runs,
        error: !actions.ok ? actions.error.message : !runs.ok ? runs.error.message : null,
      });
      // After a reload of the page, runs still going get their output so far.
      if (runs.ok) for (const run of runs.value) if (run.state === 'running' && !get().output[run.runId]) void get().loadOutput(run.runId);
    },
    async loadLibrary() {
      const result = await cordon().actionList({});
      set(result.ok ? { library: result.value } : { error: result.error.message });
    },
    async loadOutput(runId) {
      const result = await cordon().scriptOutput({ runId });
      if (!result.ok) {
        set({ error: result.error.message });
        return;
      }
      let view: LiveOutput = { segments: [], hiddenChars: 0, droppedBytes: 0 };
      for (const segment of result.value.segments) view = appendOutput(view, segment.stream, segment.text);
      set((s) => ({ output: { ...s.output, [runId]: view } }));
      upsertRun(result.value.run);
    },
    async dryRun({ actionId, params }) {
      const incidentId = get().incidentId;
      if (!incidentId) return { error: 'No incident is open.' };
      const result = await cordon().actionDryRun({ incidentId, actionId, params });
      return result.ok ? { plan: result.value } : { error: result.error.message };
    },
    async run({ actionId, params, confirmation }) {
      const incidentId = get().incidentId;
      if (!incidentId) return { error: 'No incident is open.' };
      const result = await cordon().actionRun({ incidentId, actionId, params, ...(confirmation ? { confirmation } : {}) });
      if (!result.ok) return { error: result.error.message };
      const answer = result.value;
      if (answer.status === 'needs_confirmation') return { confirm: answer.plan, token: answer.confirmation, expiresAt: answer.expiresAt };
      if (answer.status === 'declined') return { declined: true };
      upsertRun(answer.run);
      if (answer.run.state !== 'running') void get().loadOutput(answer.run.runId);
      return { started: answer.run };
    },
    async cancel(runId) {
      const result = await cordon().actionCancel({ runId });
      if (!result.ok) set({ error: result.error.message });
    },
    async save(input) {
      const result = await cordon().actionSave(input as ActionSaveInput);
      if (!result.ok) return { error: result.error.message };
      await Promise.all([get().loadLibrary(), get().reload()]);
      return { action: result.value };
    },
    async remove(id) {
      const result = await cordon().actionDelete({ id });
      if (!result.ok) return result.error.message;
      await Promise.all([get().loadLibrary(), get().reload()]);
      return null;
    },
  };
});
