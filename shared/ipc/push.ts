import { z } from 'zod';
import { settingsSchema } from '../settings/settings';
import { eventKinds } from '../events/kinds';
import { vaultStateSchema } from './store-schemas';
import { maxLiveChunkChars, outputStreamSchema, runStateSchema } from '../containment/model';

// Events the main process pushes to every window (and the harness pushes over its WebSocket).
// Later features add a variant here; the renderer switches on `topic`.
export const pushEventSchema = z.discriminatedUnion('topic', [
  // The push channel (re)connected. Anything pushed while it was down was missed, so every
  // view re-reads what it shows. The browser harness's socket says this on each open;
  // Electron's IPC channel cannot drop, so it never does.
  z.object({ topic: z.literal('channel.opened') }),
  z.object({ topic: z.literal('settings.changed'), settings: settingsSchema }),
  // The vault was created, unlocked, locked (by hand or after idle: reason 'idle') or restored.
  z.object({
    topic: z.literal('vault.changed'),
    state: vaultStateSchema,
    reason: z.enum(['created', 'unlocked', 'locked', 'idle', 'restored', 'passphrase_changed']),
  }),
  // The whole-store check (after unlock, or asked for) finished; storeHealth says what it found.
  z.object({ topic: z.literal('store.health'), state: z.enum(['intact', 'damaged', 'unchecked']) }),
  // An incident's log grew (declared, event appended, amended, redacted, evidence added/exported).
  // Its kind lets a view that shows only some kinds (evidence, laptops) skip a re-read.
  z.object({ topic: z.literal('incident.changed'), incidentId: z.string(), eventId: z.string(), kind: z.enum(eventKinds) }),
  // Live output of a script run, coalesced (~50 ms) and bounded per chunk; the kept record is in scriptOutput.
  z.object({
    topic: z.literal('script.output'),
    runId: z.string(),
    incidentId: z.string(),
    stream: outputStreamSchema,
    chunk: z.string().max(maxLiveChunkChars + 200),
    /** Bytes produced in this window but left out of the live view (still counted and hashed). */
    dropped: z.number().int().nonnegative().optional(),
  }),
  // A run started, finished, was cancelled or timed out.
  z.object({
    topic: z.literal('script.state'),
    runId: z.string(),
    incidentId: z.string(),
    state: runStateSchema,
    exitCode: z.number().int().nullable().optional(),
  }),
  // An exercise's clock, injects or notes changed (an inject fired appends to its incident too).
  z.object({ topic: z.literal('exercise.changed'), exerciseId: z.string(), incidentId: z.string() }),
  // Sync: a laptop asked to join, was admitted or refused, a device was refused, or sync turned on/off.
  z.object({ topic: z.literal('sync.changed') }),
]);
export type PushEvent = z.infer<typeof pushEventSchema>;
