import { create } from 'zustand';
import type { IncidentState } from '../../../shared/events/fold';
import type { Result } from '../../../shared/ipc/result';
import type { EventView, IncidentSummary } from '../../../shared/ipc/store-schemas';
import { cordon } from '../platform/cordon';

interface OpenIncidentState {
  incidentId: string | null;
  summary: IncidentSummary | null;
  state: IncidentState | null;
  events: EventView[];
  loading: boolean;
  error: string | null;
  /** The last action's failure, shown beside the control that caused it. */
  actionError: string | null;
  open(incidentId: string): () => void;
  /** Sends one war-room intent for the open incident (e.g. `(id) => cordon().noteAdd({ incidentId: id, text })`). */
  act(send: (incidentId: string) => Promise<Result<unknown>>): Promise<boolean>;
  amend(input: { targetEventId: string; reason: string; occurredAt?: string; payload?: Record<string, unknown>; key?: boolean }): Promise<boolean>;
  redact(targetEventId: string, reason: string): Promise<boolean>;
}

const pageSize = 1000;

export const useOpenIncident = create<OpenIncidentState>((set, get) => {
  // Loads every event after `after`, page by page; drops the answer if another incident was opened meanwhile.
  async function loadFrom(incidentId: string, after: number, replace: boolean): Promise<void> {
    const collected: EventView[] = [];
    let cursor: number | null = after;
    let summary: IncidentSummary | null = null;
    let state: IncidentState | null = null;
    while (cursor !== null) {
      const result = await cordon().incidentGet({ incidentId, after: cursor, limit: pageSize });
      if (get().incidentId !== incidentId) return;
      if (!result.ok) {
        set({ error: result.error.message, loading: false });
        return;
      }
      summary = result.value.incident;
      state = result.value.state;
      collected.push(...result.value.events);
      cursor = result.value.nextAfter;
    }
    set((current) => ({
      summary,
      state,
      events: replace ? collected : [...current.events, ...collected],
      loading: false,
      error: null,
    }));
  }

  let refreshing: Promise<void> | null = null;
  async function refresh(incidentId: string, full: boolean): Promise<void> {
    // One refresh at a time; a push arriving meanwhile is covered by the next incremental load.
    while (refreshing) await refreshing;
    const lastN = get().events.at(-1)?.n ?? 0;
    refreshing = loadFrom(incidentId, full ? 0 : lastN, full);
    await refreshing;
    refreshing = null;
  }

  const finish = (result: { ok: boolean; error?: { message: string } }): boolean => {
    set({ actionError: result.ok ? null : (result.error?.message ?? 'The change was not saved.') });
    return result.ok;
  };

  return {
    incidentId: null,
    summary: null,
    state: null,
    events: [],
    loading: false,
    error: null,
    actionError: null,
    open(incidentId) {
      set({ incidentId, summary: null, state: null, events: [], loading: true, error: null, actionError: null });
      void refresh(incidentId, true);
      return cordon().subscribe((event) => {
        if (event.topic === 'channel.opened') {
          void refresh(incidentId, true);
          return;
        }
        if (event.topic !== 'incident.changed' || event.incidentId !== incidentId) return;
        // An amend or redact changes how an earlier event reads, so the whole view reloads;
        // anything else only adds events at the end.
        void refresh(incidentId, false).then(() => {
            const added = get().events.filter((e) => e.id === event.eventId);
          if (added.some((e) => e.kind === 'amend' || e.kind === 'redact')) void refresh(incidentId, true);
        });
      });
    },
    async act(send) {
      const incidentId = get().incidentId;
      if (!incidentId) return false;
      return finish(await send(incidentId));
    },
    async amend(input) {
      const incidentId = get().incidentId;
      if (!incidentId) return false;
      return finish(await cordon().eventAmend({ incidentId, ...input }));
    },
    async redact(targetEventId, reason) {
      const incidentId = get().incidentId;
      if (!incidentId) return false;
      return finish(await cordon().eventRedact({ incidentId, targetEventId, reason }));
    },
  };
});
