import { create } from 'zustand';
import { actorName, defaultSettings, type Settings, type SettingsPatch } from '../../../shared/settings/settings';
import { cordon } from '../platform/cordon';

interface SettingsState {
  settings: Settings;
  error: string | null;
  /** Loads the saved settings and follows changes pushed from other windows. */
  start(): () => void;
  /** Returns the error message to show, or null when saved. */
  update(patch: SettingsPatch): Promise<string | null>;
}

export const useSettings = create<SettingsState>((set, get) => ({
  settings: defaultSettings,
  error: null,
  start() {
    const load = () =>
      void cordon()
        .settingsGet()
        .then((result) => set(result.ok ? { settings: result.value } : { error: result.error.message }));
    load();
    return cordon().subscribe((event) => {
      if (event.topic === 'settings.changed') set({ settings: event.settings });
      else if (event.topic === 'channel.opened') load();
    });
  },
  async update(patch) {
    // Shown at once; the saved value (or the push) confirms it.
    set({ settings: { ...get().settings, ...patch } });
    const result = await cordon().settingsUpdate(patch);
    set(result.ok ? { settings: result.value, error: null } : { error: result.error.message });
    return result.ok ? null : result.error.message;
  },
}));

/** The name written as the actor of events; a neutral word until the user gives one. */
export const useActor = (): string => useSettings((state) => actorName(state.settings));
