import { useEffect } from 'react';
import { create } from 'zustand';
import type { StoredPlaybook } from '../../../shared/playbook/library';
import { parsePlaybookRef } from '../../../shared/playbook/library';
import { cordon } from '../platform/cordon';

// Incidents pin a playbook version ("id:version"); versions never change once saved, so
// each is fetched once per session and kept.
interface PlaybookCache {
  byRef: Record<string, StoredPlaybook | 'loading' | 'missing'>;
  load(ref: string): void;
  put(playbook: StoredPlaybook): void;
}

export const usePlaybookCache = create<PlaybookCache>((set, get) => ({
  byRef: {},
  load(ref) {
    if (get().byRef[ref] !== undefined) return;
    const parsed = parsePlaybookRef(ref);
    if (!parsed) {
      set((state) => ({ byRef: { ...state.byRef, [ref]: 'missing' } }));
      return;
    }
    set((state) => ({ byRef: { ...state.byRef, [ref]: 'loading' } }));
    void cordon()
      .playbookGet(parsed)
      .then((result) => set((state) => ({ byRef: { ...state.byRef, [ref]: result.ok ? result.value : 'missing' } })));
  },
  put(playbook) {
    set((state) => ({ byRef: { ...state.byRef, [`${playbook.id}:${playbook.version}`]: playbook } }));
  },
}));

/** The pinned playbook of an incident, loading it on first use; null while unknown. */
export function usePinnedPlaybook(ref: string | null): StoredPlaybook | null {
  const entry = usePlaybookCache((state) => (ref ? state.byRef[ref] : undefined));
  useEffect(() => {
    if (ref) usePlaybookCache.getState().load(ref);
  }, [ref]);
  return typeof entry === 'object' ? entry : null;
}
