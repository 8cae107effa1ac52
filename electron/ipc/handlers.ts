import type { Handlers } from './router';
import type { Services } from '../services/container';

// One line per contract method: parse happened in the router, the service does the work.
export function createHandlers(services: Services): Handlers {
  return {
    appInfo: () => services.appInfo,
    health: () => services.health.health(),
    settingsGet: () => services.settings.get(),
    settingsUpdate: (patch) => services.settings.update(patch),
  };
}
