import type { ComponentType } from 'react';
import type { ScreenId } from './navigation';
import { IncidentsScreen } from '../incidents/IncidentsScreen';
import { WarRoomScreen } from '../incident/WarRoomScreen';
import { PostmortemScreen } from '../postmortem/PostmortemScreen';
import { PlaybooksScreen } from '../playbooks/PlaybooksScreen';
import { StatusScreen } from '../screens/StatusScreen';
import { ExercisesScreen } from '../exercises/ExercisesScreen';
import { SettingsScreen } from '../screens/SettingsScreen';

export interface ScreenEntry {
  id: ScreenId;
  label: string;
  /** A one-glyph mark for the sidebar; decorative, the label is the accessible name. */
  glyph: string;
  /** Receives the route's subject (the incident id for the war room). */
  component: ComponentType<{ param: string | null }>;
  /** Detail screens are not in the sidebar; their parent is highlighted instead. */
  parent?: ScreenId;
}

export const screens: readonly ScreenEntry[] = [
  { id: 'incidents', label: 'Incidents', glyph: '⚑', component: IncidentsScreen },
  {
    id: 'incident',
    label: 'War room',
    glyph: '⚑',
    parent: 'incidents',
    component: ({ param }) => (param ? <WarRoomScreen key={param} incidentId={param} /> : null),
  },
  {
    id: 'postmortem',
    label: 'Post-mortem',
    glyph: '✐',
    parent: 'incidents',
    component: ({ param }) => (param ? <PostmortemScreen key={param} incidentId={param} /> : null),
  },
  { id: 'playbooks', label: 'Playbooks', glyph: '▤', component: PlaybooksScreen },
  { id: 'exercises', label: 'Exercises', glyph: '◎', component: ({ param }) => <ExercisesScreen exerciseId={param} /> },
  { id: 'status', label: 'Status', glyph: '◉', component: StatusScreen },
  { id: 'settings', label: 'Settings', glyph: '⚙', component: SettingsScreen },
];
