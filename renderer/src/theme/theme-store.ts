import { create } from 'zustand';
import type { Settings, ThemePreference } from '../../../shared/settings/settings';
import { cordon } from '../platform/cordon';

export type ResolvedTheme = 'light' | 'dark';

interface ThemeState {
  preference: ThemePreference;
  systemDark: boolean;
  error: string | null;
  /** Loads the saved preference and follows changes pushed from other windows. */
  start(): () => void;
  choose(preference: ThemePreference): Promise<void>;
}

const darkQuery = () => window.matchMedia('(prefers-color-scheme: dark)');

export const useThemeStore = create<ThemeState>((set) => ({
  preference: 'system',
  systemDark: typeof window !== 'undefined' && typeof window.matchMedia === 'function' && darkQuery().matches,
  error: null,
  start() {
    const apply = (settings: Settings) => set({ preference: settings.theme });
    void cordon()
      .settingsGet()
      .then((result) => (result.ok ? apply(result.value) : set({ error: result.error.message })));
    const unsubscribe = cordon().subscribe((event) => {
      if (event.topic === 'settings.changed') apply(event.settings);
    });
    const query = typeof window.matchMedia === 'function' ? darkQuery() : null;
    const onSystemChange = (change: MediaQueryListEvent) => set({ systemDark: change.matches });
    query?.addEventListener('change', onSystemChange);
    return () => {
      unsubscribe();
      query?.removeEventListener('change', onSystemChange);
    };
  },
  async choose(preference) {
    set({ preference });
    const result = await cordon().settingsUpdate({ theme: preference });
    set({ error: result.ok ? null : result.error.message });
  },
}));

export const resolveTheme = (preference: ThemePreference, systemDark: boolean): ResolvedTheme =>
  preference === 'system' ? (systemDark ? 'dark' : 'light') : preference;

export const useResolvedTheme = (): ResolvedTheme =>
  useThemeStore((state) => resolveTheme(state.preference, state.systemDark));
