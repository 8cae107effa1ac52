import { z } from 'zod';

// Preferences only: nothing here may describe an incident, because settings live
// outside the encrypted store so they can be read before unlock.
export const themePreferenceSchema = z.enum(['system', 'light', 'dark']);
export type ThemePreference = z.infer<typeof themePreferenceSchema>;

export const settingsSchema = z
  .object({
    theme: themePreferenceSchema,
    /** Who is at the keyboard: the actor on every timeline event this copy writes. */
    displayName: z.string().trim().max(100),
  })
  .strict();
export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings: Settings = { theme: 'system', displayName: '' };

export const settingsPatchSchema = settingsSchema.partial().strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

/** The actor written on events: the name in settings, or a neutral word until the user gives one. */
export const actorName = (settings: Pick<Settings, 'displayName'>): string => settings.displayName || 'Commander';
