import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { defaultSettings, settingsPatchSchema, settingsSchema, type Settings, type SettingsPatch } from '../../shared/settings/settings';
import type { PushBus } from './push-bus';
import type { Logger } from './logger';

// Preferences are a small JSON file beside the store, readable before unlock. A damaged
// file falls back to the defaults (and says so in the log) rather than blocking start-up.
export function createSettingsService(file: string, bus: PushBus, logger: Logger) {
  let cached: Settings | null = null;

  async function load(): Promise<Settings> {
    if (cached) return cached;
    try {
      // A file from an older version lacks newer keys: they take their defaults.
      const parsed = settingsPatchSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
      if (parsed.success) return (cached = settingsSchema.parse({ ...defaultSettings, ...parsed.data }));
      logger.warn('settings.invalid', { reason: 'schema' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') logger.warn('settings.unreadable', { reason: 'parse' });
    }
    return (cached = { ...defaultSettings });
  }

  return {
    get: load,
    async update(patch: SettingsPatch): Promise<Settings> {
      const next = settingsSchema.parse({ ...(await load()), ...patch });
      await mkdir(dirname(file), { recursive: true });
      // Write then rename, so a crash mid-write never leaves half a file.
      const temp = `${file}.${process.pid}.tmp`;
      await writeFile(temp, JSON.stringify(next, null, 2), { mode: 0o600 });
      await rename(temp, file);
      cached = next;
      bus.publish({ topic: 'settings.changed', settings: next });
      return next;
    },
  };
}
