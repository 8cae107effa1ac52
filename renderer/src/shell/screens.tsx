import { lazy, type ComponentType } from 'react';
import type { ScreenId } from './navigation';
import { IncidentsScreen } from '../incidents/IncidentsScreen';
import { WarRoomScreen } from '../incident/WarRoomScreen';
import { PlaybooksScreen } from '../playbooks/PlaybooksScreen';
import { StatusScreen } from '../screens/StatusScreen';
import { SettingsScreen } from '../screens/SettingsScreen';

// The post-mortem (CodeMirror) and the exercise console are chunks of their own, loaded when
// first opened: most sessions never open them. The Shell's Suspense shows their loading state.
const PostmortemScreen = lazy(() => import('../postmortem/PostmortemScreen').then((m) => ({ default: m.PostmortemScreen })));
const ExercisesScreen = lazy(() => import('../exercises/ExercisesScreen').then((m) => ({ default: m.ExercisesScreen })));

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
