import { create } from 'zustand';
import type { IncidentSummary } from '../../../shared/ipc/store-schemas';
import type { IncidentKind, IncidentStatus } from '../../../shared/events/primitives';
import { cordon } from '../platform/cordon';

export interface IncidentFilters {
  query: string;
  status: IncidentStatus[];
  kind: IncidentKind | 'all';
}

interface IncidentsState {
  items: IncidentSummary[];
  total: number;
  loading: boolean;
  error: string | null;
  filters: IncidentFilters;
  setFilters(patch: Partial<IncidentFilters>): void;
  refresh(): Promise<void>;
  /** Refreshes whenever an incident changes anywhere (another window, a finished script). */
  start(): () => void;
}

// Exercises are hidden by default: a running drill is not an open incident. One click shows them.
export const defaultFilters: IncidentFilters = { query: '', status: ['active', 'mitigated'], kind: 'real' };

let generation = 0;

export const useIncidents = create<IncidentsState>((set, get) => ({
  items: [],
  total: 0,
  loading: false,
  error: null,
  filters: defaultFilters,
  setFilters(patch) {
    set({ filters: { ...get().filters, ...patch } });
    void get().refresh();
  },
  async refresh() {
    const { filters } = get();
    // Answers can arrive out of order while someone types: only the newest one counts.
    const mine = ++generation;
    set({ loading: true });
    const result = await cordon().incidentList({
      ...(filters.query.trim() ? { query: filters.query.trim() } : {}),
      ...(filters.status.length > 0 ? { status: filters.status } : {}),
      ...(filters.kind !== 'all' ? { kind: filters.kind } : {}),
      limit: 200,
    });
    if (mine !== generation) return;
    set(result.ok ? { items: result.value.items, total: result.value.total, loading: false, error: null } : { loading: false, error: result.error.message });
  },
  start() {
    void get().refresh();
    return cordon().subscribe((event) => {
      if (event.topic === 'incident.changed' || event.topic === 'channel.opened' || (event.topic === 'vault.changed' && event.state === 'unlocked')) {
        void get().refresh();
      }
    });
  },
}));
