import { create } from 'zustand';

// The current screen lives in the URL hash (#/incident/<id>): it survives a reload,
// works the same under app:// and the harness, and needs no router library.
export const screenIds = ['incidents', 'incident', 'postmortem', 'playbooks', 'exercises', 'status', 'settings'] as const;
export type ScreenId = (typeof screenIds)[number];

export interface Route {
  screen: ScreenId;
  /** The screen's subject, e.g. the incident id for 'incident'. */
  param: string | null;
}

export const defaultRoute: Route = { screen: 'incidents', param: null };

export function parseRoute(hash: string): Route {
  const [id, param] = hash.replace(/^#\/?/, '').split('/');
  if (!(screenIds as readonly string[]).includes(id ?? '')) return defaultRoute;
  const screen = id as ScreenId;
  const value = param ? decodeURIComponent(param) : null;
  if ((screen === 'incident' || screen === 'postmortem') && !value) return defaultRoute;
  return { screen, param: value };
}

export const formatRoute = (route: Route): string =>
  `#/${route.screen}${route.param ? `/${encodeURIComponent(route.param)}` : ''}`;

interface NavigationState extends Route {
  go(screen: ScreenId, param?: string | null): void;
  start(): () => void;
}

export const useNavigation = create<NavigationState>((set) => ({
  ...(typeof window === 'undefined' ? defaultRoute : parseRoute(window.location.hash)),
  go(screen, param = null) {
    window.location.hash = formatRoute({ screen, param });
    set({ screen, param });
  },
  start() {
    const sync = () => set(parseRoute(window.location.hash));
    window.addEventListener('hashchange', sync);
    return () => window.removeEventListener('hashchange', sync);
  },
}));
