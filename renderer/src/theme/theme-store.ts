import { create } from 'zustand';
import type { ThemePreference } from '../../../shared/settings/settings';
import { useSettings } from '../settings/settings-store';

export type ResolvedTheme = 'light' | 'dark';

const darkQuery = (): MediaQueryList | null =>
  typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)') : null;

/** Tracks the OS colour scheme, for the "system" preference. */
export const useSystemTheme = create<{ dark: boolean; start(): () => void }>((set) => ({
  dark: darkQuery()?.matches ?? false,
  start() {
    const query = darkQuery();
    const onChange = (change: MediaQueryListEvent) => set({ dark: change.matches });
    query?.addEventListener('change', onChange);
    return () => query?.removeEventListener('change', onChange);
  },
}));

export const resolveTheme = (preference: ThemePreference, systemDark: boolean): ResolvedTheme =>
  preference === 'system' ? (systemDark ? 'dark' : 'light') : preference;

export function useResolvedTheme(): ResolvedTheme {
  const preference = useSettings((state) => state.settings.theme);
  const systemDark = useSystemTheme((state) => state.dark);
  return resolveTheme(preference, systemDark);
}
