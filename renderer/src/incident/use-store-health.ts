import { useEffect, useState } from 'react';
import type { StoreHealthView } from '../../../shared/ipc/file-schemas';
import { cordon } from '../platform/cordon';

/** The vault's last whole-store check (run after each unlock), kept current by its push. */
export function useStoreHealth(): [StoreHealthView | null, (health: StoreHealthView) => void] {
  const [health, setHealth] = useState<StoreHealthView | null>(null);
  useEffect(() => {
    let live = true;
    const load = async () => {
      const result = await cordon().storeHealth();
      if (live && result.ok) setHealth(result.value);
    };
    void load();
    const unsubscribe = cordon().subscribe((event) => {
      if (event.topic === 'store.health' || event.topic === 'channel.opened' || (event.topic === 'vault.changed' && event.state === 'unlocked')) void load();
    });
    return () => {
      live = false;
      unsubscribe();
    };
  }, []);
  return [health, setHealth];
}

export const whenLocal = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
