import { join } from 'node:path';
import type { AppInfo } from '../../shared/ipc/app-schemas';
import { describeApp, type RuntimeDescription } from './app-info';
import { createHealthService, type HealthProbe } from './health';
import { createPushBus, type PushBus } from './push-bus';
import { createSettingsService } from './settings-store';
import type { Logger } from './logger';

export interface ServiceDeps {
  runtime: RuntimeDescription;
  /** Where Cordon keeps its files: Electron's userData, or the harness's data dir. */
  dataDir: string;
  logger: Logger;
  now?: () => number;
}

export interface Services {
  appInfo: AppInfo;
  bus: PushBus;
  health: ReturnType<typeof createHealthService>;
  settings: ReturnType<typeof createSettingsService>;
  close(): Promise<void>;
}

/** The composition root shared by Electron's main process and the browser harness. */
export function createServices(deps: ServiceDeps): Services {
  const now = deps.now ?? Date.now;
  const bus = createPushBus();
  const settings = createSettingsService(join(deps.dataDir, 'settings.json'), bus, deps.logger);
  const probes: HealthProbe[] = [
    {
      name: 'settings',
      check: async () => {
        const current = await settings.get();
        return { ok: true, detail: `Theme preference: ${current.theme}` };
      },
    },
  ];
  return {
    appInfo: describeApp(deps.runtime),
    bus,
    health: createHealthService(probes, now(), now),
    settings,
    close: async () => {},
  };
}
