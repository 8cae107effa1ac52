import { z } from 'zod';
import { settingsSchema } from '../settings/settings';
import { vaultStateSchema } from './store-schemas';

// Events the main process pushes to every window (and the harness pushes over SSE).
// Later features add a variant here; the renderer switches on `topic`.
export const pushEventSchema = z.discriminatedUnion('topic', [
  z.object({ topic: z.literal('settings.changed'), settings: settingsSchema }),
  // The vault was created, unlocked, locked (by hand or after idle: reason 'idle') or restored.
  z.object({
    topic: z.literal('vault.changed'),
    state: vaultStateSchema,
    reason: z.enum(['created', 'unlocked', 'locked', 'idle', 'restored', 'passphrase_changed']),
  }),
  // An incident's log grew (declared, event appended, amended, redacted, evidence added/exported).
  z.object({ topic: z.literal('incident.changed'), incidentId: z.string(), eventId: z.string() }),
]);
export type PushEvent = z.infer<typeof pushEventSchema>;
