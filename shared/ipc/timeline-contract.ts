import { z } from 'zod';
import { eventKinds } from '../events/kinds';
import { eventViewSchema, incidentSummarySchema, timelineRowSchema } from '../events/read-models';
import { incidentStateSchema } from '../events/state-schema';

// The war room's timeline, served by the store a window at a time: the renderer holds what is
// on screen, never the whole log. Spread into `contract` in contract.ts.

const cordonId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'must be a Cordon id');
/** Epoch milliseconds within the years 1970-9999 (what the store's timestamps can hold). */
const epochMs = z.number().int().min(0).max(253_402_300_799_999);

/**
 * Kinds the war room reads beyond the rows on screen (header times, comms drafts, SLA clocks):
 * timelineOpen's digest holds these and the key events.
 */
export const digestKinds = [
  'declared',
  'severity_changed',
  'status_changed',
  'phase_changed',
  'role_assigned',
  'personal_data_flagged',
  'regulator_notified',
  'script_started',
  'script_finished',
  'evidence_added',
  'comms_update_sent',
  'inject',
] as const satisfies readonly (typeof eventKinds)[number][];

/** The most rows one window carries: a few screens of rows. */
export const maxWindowRows = 500;

/** What the timeline shows; every field narrows (AND). Same meaning as shared/warroom/timeline-filter. */
export const timelineFilterSchema = z
  .object({
    kinds: z.array(z.enum(eventKinds)).max(eventKinds.length).readonly().optional(),
    /** A phase key, or NO_PHASE ("before any phase"). */
    phase: z.string().min(1).max(100).optional(),
    actor: z.string().min(1).max(100).optional(),
    /** Words searched in the events' text (full-text index; the last word matches as a prefix). */
    text: z.string().max(500).optional(),
    keyOnly: z.boolean().optional(),
  })
  .strict();

/** Where a window starts: an end of the timeline, a row index, beside or around an event, or around a time. */
export const timelineAnchorSchema = z.discriminatedUnion('from', [
  z.object({ from: z.literal('start') }).strict(),
  z.object({ from: z.literal('end') }).strict(),
  z.object({ from: z.literal('index'), index: z.number().int().min(0).max(100_000_000) }).strict(),
  z.object({ from: z.literal('after'), eventId: cordonId }).strict(),
  z.object({ from: z.literal('before'), eventId: cordonId }).strict(),
  z.object({ from: z.literal('event'), eventId: cordonId }).strict(),
  z.object({ from: z.literal('time'), at: epochMs }).strict(),
]);

export const timelineWindowInputSchema = z
  .object({
    incidentId: cordonId,
    filter: timelineFilterSchema.default({}),
    anchor: timelineAnchorSchema,
    limit: z.number().int().min(1).max(maxWindowRows).default(200),
  })
  .strict();

export const timelineWindowSchema = z.object({
  /** The rows, in timeline order (effective time, then log order). */
  rows: z.array(timelineRowSchema),
  /** The amend and redact events pointing at those rows: their history and redaction reasons. */
  corrections: z.array(timelineRowSchema),
  /** The position of rows[0] among the rows matching the filter. */
  offset: z.number().int().nonnegative(),
  /** How many rows match the filter. */
  total: z.number().int().nonnegative(),
  /** The incident's event count when read: a later answer with a larger one is newer. */
  eventCount: z.number().int().nonnegative(),
  /** Every laptop's events in the incident, unfiltered: the "of N" beside a filter's count. */
  allEvents: z.number().int().nonnegative(),
});

export const timelineLocateInputSchema = z
  .object({
    incidentId: cordonId,
    filter: timelineFilterSchema.default({}),
    target: z.union([z.object({ eventId: cordonId }).strict(), z.object({ at: epochMs }).strict()]),
  })
  .strict();

export const timelineLocateSchema = z.object({
  /** The event's position among the rows matching the filter (null when it does not match), or the first row at or after the time. */
  index: z.number().int().nonnegative().nullable(),
  total: z.number().int().nonnegative(),
  /** The event's row as shown (for an event target), whether or not it matches the filter. */
  row: timelineRowSchema.nullable(),
  corrections: z.array(timelineRowSchema),
  eventCount: z.number().int().nonnegative(),
  allEvents: z.number().int().nonnegative(),
});

export const timelineOpenInputSchema = z.object({ incidentId: cordonId }).strict();

/** What the war room needs to draw its first screen, in one answer. */
export const timelineOpenSchema = z.object({
  incident: incidentSummarySchema,
  /** The materialised fold (header, checklist, roles): never a replay of the log. */
  state: incidentStateSchema,
  /** The newest rows of the timeline. */
  window: timelineWindowSchema,
  /** Who wrote events here, most active first (the actor filter). */
  actors: z.array(z.string()),
  /** The kinds present (the kind filter). */
  kinds: z.array(z.enum(eventKinds)),
  /**
   * The events the header, the comms drafts and the SLA clocks read (declaration, severity,
   * status and phase calls, roles, script runs, updates sent, key events), newest 2,000 at most.
   */
  digest: z.array(eventViewSchema),
});

export const timelineBucketsInputSchema = z
  .object({
    incidentId: cordonId,
    /** The chart runs to now (or the last event, if later). */
    now: epochMs,
    maxBuckets: z.number().int().min(1).max(1_000).default(60),
    /** Zoom: only this span (defaults: the first event, and now). */
    from: epochMs.optional(),
    to: epochMs.optional(),
  })
  .strict()
  .refine((v) => v.from === undefined || v.to === undefined || v.from < v.to, { message: 'from must be before to', path: ['from'] });

/** The shape of shared/warroom/activity.ts's Activity: counts per bucket, phase bands, severity calls. */
export const timelineBucketsSchema = z.object({
  bucketMs: z.number().int().positive(),
  buckets: z.array(z.object({ start: z.number(), end: z.number(), count: z.number().int(), keyCount: z.number().int() })),
  bands: z.array(z.object({ phase: z.string(), start: z.number(), end: z.number() })),
  markers: z.array(z.object({ at: z.number(), severity: z.string(), eventId: z.string() })),
  /** Events counted (corrections are about the log, not the incident, and are left out). */
  total: z.number().int().nonnegative(),
});

export const timelineContract = {
  timelineOpen: { input: timelineOpenInputSchema, output: timelineOpenSchema },
  timelineWindow: { input: timelineWindowInputSchema, output: timelineWindowSchema },
  timelineLocate: { input: timelineLocateInputSchema, output: timelineLocateSchema },
  timelineBuckets: { input: timelineBucketsInputSchema, output: timelineBucketsSchema },
} as const;

export type TimelineMethodName = keyof typeof timelineContract;
export type TimelineFilterInput = z.infer<typeof timelineFilterSchema>;
export type TimelineAnchor = z.infer<typeof timelineAnchorSchema>;
export type TimelineWindow = z.infer<typeof timelineWindowSchema>;
export type TimelineLocate = z.infer<typeof timelineLocateSchema>;
export type TimelineOpen = z.infer<typeof timelineOpenSchema>;
export type TimelineBuckets = z.infer<typeof timelineBucketsSchema>;
