import type { AppInfo } from '../../shared/ipc/app-schemas';

export interface RuntimeDescription {
  runtime: AppInfo['runtime'];
  version: string;
  platform: string;
  versions: Readonly<Record<string, string | undefined>>;
}

export function describeApp(runtime: RuntimeDescription): AppInfo {
  return {
    name: 'Cordon',
    version: runtime.version,
    runtime: runtime.runtime,
    platform: runtime.platform,
    versions: {
      node: runtime.versions.node ?? 'unknown',
      electron: runtime.versions.electron ?? null,
      chrome: runtime.versions.chrome ?? null,
    },
  };
}
