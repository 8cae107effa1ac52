import { z } from 'zod';
import { settingsSchema } from '../settings/settings';

// Events the main process pushes to every window (and the harness pushes over SSE).
// Later features add a variant here; the renderer switches on `topic`.
export const pushEventSchema = z.discriminatedUnion('topic', [
  z.object({ topic: z.literal('settings.changed'), settings: settingsSchema }),
]);
export type PushEvent = z.infer<typeof pushEventSchema>;
