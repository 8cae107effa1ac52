import { create } from 'zustand';

// The current screen lives in the URL hash: it survives a reload, works the same under
// app:// and the harness, and needs no router library.
export const screenIds = ['status', 'settings'] as const;
export type ScreenId = (typeof screenIds)[number];

const fromHash = (hash: string): ScreenId => {
  const id = hash.replace(/^#\/?/, '').split('/')[0];
  return (screenIds as readonly string[]).includes(id ?? '') ? (id as ScreenId) : 'status';
};

interface NavigationState {
  screen: ScreenId;
  go(screen: ScreenId): void;
  start(): () => void;
}

export const useNavigation = create<NavigationState>((set) => ({
  screen: typeof window === 'undefined' ? 'status' : fromHash(window.location.hash),
  go(screen) {
    window.location.hash = `/${screen}`;
    set({ screen });
  },
  start() {
    const sync = () => set({ screen: fromHash(window.location.hash) });
    window.addEventListener('hashchange', sync);
    return () => window.removeEventListener('hashchange', sync);
  },
}));
