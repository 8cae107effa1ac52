import type { ComponentType } from 'react';
import type { ScreenId } from './navigation';
import { StatusScreen } from '../screens/StatusScreen';
import { SettingsScreen } from '../screens/SettingsScreen';

export interface ScreenEntry {
  id: ScreenId;
  label: string;
  /** A one-glyph mark for the sidebar; decorative, the label is the accessible name. */
  glyph: string;
  component: ComponentType;
}

// Later features slot their screens in here (incidents, playbooks, exercises).
export const screens: readonly ScreenEntry[] = [
  { id: 'status', label: 'Status', glyph: '◉', component: StatusScreen },
  { id: 'settings', label: 'Settings', glyph: '⚙', component: SettingsScreen },
];
